//! Customers: create, read, update and the scoped, cursor-paged search.

use super::filter::{address_scope, after, customers_of, fetch_planned, in_customer_order, text};
use super::{codes_of, dynamic, map_err, split_codes};
use crate::Backend;
use async_trait::async_trait;
use clienteling_domain::customer::{Address, Consent, Customer, CustomerFields};
use clienteling_domain::ids::{AddressBookId, CompanyId, CustomerId};
use clienteling_domain::text::AccountNumber;
use clienteling_domain::time_util::now_micros;
use clienteling_store::{CustomerQuery, CustomerStore, Result, StoreError};
use sqlx::FromRow;
use std::sync::LazyLock;
use uuid::Uuid;

#[derive(FromRow)]
pub(crate) struct CustomerRow {
    id: Uuid,
    account: String,
    first_name: String,
    last_name: String,
    email: Option<String>,
    phone: Option<String>,
    street: Option<String>,
    postal_code: Option<String>,
    city: Option<String>,
    country: Option<String>,
    consent: bool,
    consent_at: Option<i64>,
    consent_source: Option<String>,
    alternate_id: Option<String>,
    books: Option<String>,
    created_at: i64,
    updated_at: i64,
}

impl From<CustomerRow> for Customer {
    fn from(r: CustomerRow) -> Self {
        Customer {
            id: CustomerId(r.id),
            account: AccountNumber::from_trusted(r.account),
            first_name: r.first_name,
            last_name: r.last_name,
            email: r.email,
            phone: r.phone,
            address: Address {
                street: r.street,
                postal_code: r.postal_code,
                city: r.city,
                country: r.country,
            },
            consent: Consent {
                given: r.consent,
                at: r.consent_at,
                source: r.consent_source,
            },
            alternate_id: r.alternate_id,
            address_books: split_codes(r.books),
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

/// The select list of a customer row, aliased `c`.
pub(crate) static CUSTOMER_COLUMNS: LazyLock<String> =
    LazyLock::new(|| customer_columns(&codes_of("customer_address_books", "customer_id", "c")));

/// [`CUSTOMER_COLUMNS`] without the address books (`books` is NULL), for
/// pages of client cards, which do not show them. On PostgreSQL their
/// subquery was most of a card page's statement: 2.25 → 0.40 ms for 51
/// rows of a 1M-customer database (BENCHMARKS.md).
pub(crate) static CARD_CUSTOMER_COLUMNS: LazyLock<String> =
    LazyLock::new(|| customer_columns("NULL"));

fn customer_columns(books: &str) -> String {
    format!(
        "c.id, c.account, c.first_name, c.last_name, c.email, c.phone, c.street, c.postal_code, c.city, \
         c.country, c.consent, c.consent_at, c.consent_source, c.alternate_id, {books} AS books, c.created_at, c.updated_at"
    )
}

/// What free-text search matches: lower-cased name, e-mail, phone and account.
fn search_text(c: &Customer) -> String {
    [
        Some(c.first_name.as_str()),
        Some(c.last_name.as_str()),
        c.email.as_deref(),
        c.phone.as_deref(),
        Some(c.account.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ")
    .to_lowercase()
}

/// Apply validated fields to a customer (new or existing).
fn apply(c: &mut Customer, f: &CustomerFields, now: i64) {
    let set = |slot: &mut Option<String>, v: &Option<Option<String>>| {
        if let Some(v) = v {
            slot.clone_from(v);
        }
    };
    if let Some(v) = &f.first_name {
        c.first_name.clone_from(v);
    }
    if let Some(v) = &f.last_name {
        c.last_name.clone_from(v);
    }
    set(&mut c.email, &f.email);
    set(&mut c.phone, &f.phone);
    set(&mut c.address.street, &f.street);
    set(&mut c.address.postal_code, &f.postal_code);
    set(&mut c.address.city, &f.city);
    set(&mut c.address.country, &f.country);
    set(&mut c.consent.source, &f.consent_source);
    set(&mut c.alternate_id, &f.alternate_id);
    if let Some(given) = f.consent {
        if given != c.consent.given || c.consent.at.is_none() {
            c.consent.at = Some(now);
        }
        c.consent.given = given;
    }
    c.updated_at = now;
}

impl Backend {
    async fn write_customer(
        &self,
        company: CompanyId,
        c: &Customer,
        insert: bool,
        books: Option<&[AddressBookId]>,
    ) -> Result<()> {
        let sql = if insert {
            "INSERT INTO customers (company_id, id, account, first_name, last_name, email, phone, street, postal_code, \
             city, country, consent, consent_at, consent_source, alternate_id, search_text, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)"
        } else {
            "UPDATE customers SET account = $3, first_name = $4, last_name = $5, email = $6, phone = $7, street = $8, \
             postal_code = $9, city = $10, country = $11, consent = $12, consent_at = $13, consent_source = $14, \
             alternate_id = $15, search_text = $16, created_at = $17, updated_at = $18 WHERE company_id = $1 AND id = $2"
        };
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        sqlx::query(sql)
            .bind(company.0)
            .bind(c.id.0)
            .bind(c.account.as_str())
            .bind(&c.first_name)
            .bind(&c.last_name)
            .bind(&c.email)
            .bind(&c.phone)
            .bind(&c.address.street)
            .bind(&c.address.postal_code)
            .bind(&c.address.city)
            .bind(&c.address.country)
            .bind(c.consent.given)
            .bind(c.consent.at)
            .bind(&c.consent.source)
            .bind(&c.alternate_id)
            .bind(search_text(c))
            .bind(c.created_at)
            .bind(c.updated_at)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        if let Some(books) = books {
            let ids: Vec<Uuid> = books.iter().map(|b| b.0).collect();
            let cols = ("customer_id", "address_book_id");
            Self::replace_links(&mut tx, "customer_address_books", cols, c.id.0, &ids).await?;
        }
        tx.commit().await.map_err(map_err)
    }
}

#[async_trait]
impl CustomerStore for Backend {
    async fn create_customer(
        &self,
        company: CompanyId,
        f: &CustomerFields,
        books: &[AddressBookId],
    ) -> Result<Customer> {
        let account = f.account.clone().ok_or(StoreError::Conflict {
            constraint: "customers_account_required".into(),
        })?;
        let now = now_micros();
        let mut c = Customer {
            id: CustomerId::new(),
            account,
            first_name: String::new(),
            last_name: String::new(),
            email: None,
            phone: None,
            address: Address::default(),
            consent: Consent::default(),
            alternate_id: None,
            address_books: Vec::new(),
            created_at: now,
            updated_at: now,
        };
        apply(&mut c, f, now);
        self.write_customer(company, &c, true, Some(books)).await?;
        self.customer_by_account(company, c.account.as_str()).await
    }

    async fn customer_by_account(&self, company: CompanyId, account: &str) -> Result<Customer> {
        let sql = format!(
            "SELECT {} FROM customers c WHERE c.company_id = $1 AND c.account = $2",
            *CUSTOMER_COLUMNS
        );
        let row: CustomerRow = sqlx::query_as(dynamic(sql))
            .bind(company.0)
            .bind(account)
            .fetch_one(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(row.into())
    }

    async fn update_customer(
        &self,
        company: CompanyId,
        account: &str,
        f: &CustomerFields,
        books: Option<&[AddressBookId]>,
    ) -> Result<Customer> {
        let mut c = self.customer_by_account(company, account).await?;
        apply(&mut c, f, now_micros());
        self.write_customer(company, &c, false, books).await?;
        self.customer_by_account(company, account).await
    }

    async fn search_customers(
        &self,
        company: CompanyId,
        q: &CustomerQuery,
    ) -> Result<Vec<Customer>> {
        let mut stmt = customers_of(company);
        stmt.and_where_option(text(q.q.as_deref()))
            .and_where_option(q.scope.as_deref().map(address_scope))
            .and_where_option(after(q.after.as_ref()));
        in_customer_order(&mut stmt, q.limit);
        let rows: Vec<CustomerRow> = fetch_planned(&self.pool, &stmt).await?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    async fn count_customers(&self, company: CompanyId) -> Result<i64> {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM customers WHERE company_id = $1")
            .bind(company.0)
            .fetch_one(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(n)
    }
}
