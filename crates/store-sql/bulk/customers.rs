//! Bulk upsert of customers by account: read the stored rows of the batch,
//! merge the batch's columns into them, and write only rows that changed (one
//! multi-row upsert, then the changed address-book sets).

use super::{Tx, erased_account, last_per_key, map_err, rows_per_statement};
use clienteling_domain::ids::CompanyId;
use clienteling_domain::time_util::now_micros;
use clienteling_store::{BulkCustomer, BulkOutcome, CustomerColumn as Col, Result};
use sqlx::{FromRow, QueryBuilder};
use std::collections::HashMap;
use uuid::Uuid;

/// A customer as stored, with its address-book codes sorted.
#[derive(Debug, Clone, PartialEq, FromRow)]
struct Rec {
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
    created_at: i64,
    erased: bool,
    #[sqlx(try_from = "Option<String>")]
    books: Codes,
}

/// Sorted address-book codes (from the comma-joined aggregate).
#[derive(Debug, Clone, Default, PartialEq)]
struct Codes(Vec<String>);

impl From<Option<String>> for Codes {
    fn from(s: Option<String>) -> Self {
        let mut v = super::super::split_codes(s);
        v.sort();
        Codes(v)
    }
}

/// A row to write: the merged record, whether it is new, and the address
/// books to link when they changed.
struct Write {
    rec: Rec,
    links: Option<Vec<Uuid>>,
}

/// Insert or update `rows` (see [`clienteling_store::BulkStore::upsert_customers`]).
pub(super) async fn upsert(
    pool: &sqlx::Pool<crate::Db>,
    company: CompanyId,
    columns: &[Col],
    rows: &[BulkCustomer],
) -> Result<BulkOutcome> {
    let mut out = BulkOutcome::default();
    let keep = last_per_key(rows, |r| r.account.clone(), &mut out);
    let mut tx = super::begin(pool).await?;
    let stored = load(
        &mut tx,
        company,
        keep.iter().map(|i| rows[*i].account.as_str()),
    )
    .await?;
    let books = if columns.contains(&Col::AddressBooks) {
        address_books(&mut tx, company).await?
    } else {
        HashMap::new()
    };
    let now = now_micros();
    let mut writes = Vec::new();
    for i in keep {
        match plan(stored.get(&rows[i].account), columns, &rows[i], &books, now) {
            Ok(None) => out.unchanged += 1,
            Ok(Some((w, new))) => {
                if new {
                    out.inserted += 1;
                } else {
                    out.updated += 1;
                }
                writes.push(w);
            }
            Err(reason) => out.rejected.push((i, reason)),
        }
    }
    write(&mut tx, company, &mut writes, now).await?;
    tx.commit().await.map_err(map_err)?;
    Ok(out)
}

/// What to write for one row: `None` when nothing changes, `Some((write,
/// is_new))` otherwise, or why the row is refused.
fn plan(
    stored: Option<&Rec>,
    columns: &[Col],
    row: &BulkCustomer,
    books: &HashMap<String, Uuid>,
    now: i64,
) -> std::result::Result<Option<(Write, bool)>, String> {
    let links = if columns.contains(&Col::AddressBooks) {
        Some(link_ids(&row.address_books, books)?)
    } else {
        None
    };
    let Some(old) = stored else {
        if !(columns.contains(&Col::FirstName) && columns.contains(&Col::LastName)) {
            return Err("a new customer needs first_name and last_name columns".into());
        }
        let mut rec = blank(row, now);
        merge(&mut rec, columns, row, now);
        return Ok(Some((Write { rec, links }, true)));
    };
    let mut rec = old.clone();
    merge(&mut rec, columns, row, now);
    if rec == *old {
        return Ok(None);
    }
    if old.erased {
        return Err(erased_account(&row.account));
    }
    let links = links.filter(|_| rec.books != old.books);
    Ok(Some((Write { rec, links }, false)))
}

/// Address-book ids of `codes`, or the first unknown code.
fn link_ids(
    codes: &[String],
    books: &HashMap<String, Uuid>,
) -> std::result::Result<Vec<Uuid>, String> {
    codes
        .iter()
        .map(|c| {
            books
                .get(c)
                .copied()
                .ok_or_else(|| format!("unknown address book {c}"))
        })
        .collect()
}

fn blank(row: &BulkCustomer, now: i64) -> Rec {
    Rec {
        id: row.id.map_or_else(Uuid::now_v7, |c| c.0),
        account: row.account.clone(),
        first_name: String::new(),
        last_name: String::new(),
        email: None,
        phone: None,
        street: None,
        postal_code: None,
        city: None,
        country: None,
        consent: false,
        consent_at: None,
        consent_source: None,
        alternate_id: None,
        created_at: now,
        erased: false,
        books: Codes::default(),
    }
}

/// Overwrite the batch's columns of `rec` with `row`.
fn merge(rec: &mut Rec, columns: &[Col], row: &BulkCustomer, now: i64) {
    for c in columns {
        match c {
            Col::FirstName => rec.first_name.clone_from(&row.first_name),
            Col::LastName => rec.last_name.clone_from(&row.last_name),
            Col::Email => rec.email.clone_from(&row.email),
            Col::Phone => rec.phone.clone_from(&row.phone),
            Col::Street => rec.street.clone_from(&row.street),
            Col::PostalCode => rec.postal_code.clone_from(&row.postal_code),
            Col::City => rec.city.clone_from(&row.city),
            Col::Country => rec.country.clone_from(&row.country),
            Col::ConsentSource => rec.consent_source.clone_from(&row.consent_source),
            Col::AlternateId => rec.alternate_id.clone_from(&row.alternate_id),
            Col::ConsentAt => rec.consent_at = row.consent_at,
            Col::Consent => {
                let changed = rec.consent != row.consent || rec.consent_at.is_none();
                if changed && !columns.contains(&Col::ConsentAt) {
                    rec.consent_at = Some(now);
                }
                rec.consent = row.consent;
            }
            Col::AddressBooks => {
                let mut codes = row.address_books.clone();
                codes.sort();
                codes.dedup();
                rec.books = Codes(codes);
            }
        }
    }
}

/// What free-text search matches; must equal `customers::search_text`:
/// lower-cased name, e-mail, phone and account.
fn search_text(r: &Rec) -> String {
    [
        Some(r.first_name.as_str()),
        Some(r.last_name.as_str()),
        r.email.as_deref(),
        r.phone.as_deref(),
        Some(r.account.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ")
    .to_lowercase()
}

/// The stored customers with these accounts.
async fn load<'a>(
    tx: &mut Tx<'_>,
    company: CompanyId,
    accounts: impl Iterator<Item = &'a str>,
) -> Result<HashMap<String, Rec>> {
    let accounts: Vec<&str> = accounts.collect();
    let mut out = HashMap::with_capacity(accounts.len());
    for chunk in accounts.chunks(rows_per_statement(1)) {
        let mut q = QueryBuilder::<crate::Db>::new(format!(
            "SELECT c.id, c.account, c.first_name, c.last_name, c.email, c.phone, c.street, c.postal_code, c.city, \
             c.country, c.consent, c.consent_at, c.consent_source, c.alternate_id, c.created_at, \
             c.erased_at IS NOT NULL AS erased, {} AS books FROM customers c WHERE c.company_id = ",
            super::super::codes_of("customer_address_books", "customer_id", "c")
        ));
        q.push_bind(company.0).push(" AND c.account IN (");
        let mut sep = q.separated(", ");
        for a in chunk {
            sep.push_bind(*a);
        }
        q.push(")");
        let rows: Vec<Rec> = q
            .build_query_as()
            .persistent(false)
            .fetch_all(&mut **tx)
            .await
            .map_err(map_err)?;
        out.extend(rows.into_iter().map(|r| (r.account.clone(), r)));
    }
    Ok(out)
}

/// Every address book of the company by code.
async fn address_books(tx: &mut Tx<'_>, company: CompanyId) -> Result<HashMap<String, Uuid>> {
    let rows: Vec<(String, Uuid)> =
        sqlx::query_as("SELECT code, id FROM address_books WHERE company_id = $1")
            .bind(company.0)
            .fetch_all(&mut **tx)
            .await
            .map_err(map_err)?;
    Ok(rows.into_iter().collect())
}

/// Upsert the records, then replace the changed address-book sets.
async fn write(tx: &mut Tx<'_>, company: CompanyId, writes: &mut [Write], now: i64) -> Result<()> {
    for chunk in writes.chunks_mut(rows_per_statement(18)) {
        let mut q = QueryBuilder::<crate::Db>::new(
            "INSERT INTO customers (company_id, id, account, first_name, last_name, email, phone, street, postal_code, \
             city, country, consent, consent_at, consent_source, alternate_id, search_text, created_at, updated_at) ",
        );
        q.push_values(chunk.iter(), |mut b, w| {
            let r = &w.rec;
            b.push_bind(company.0)
                .push_bind(r.id)
                .push_bind(r.account.clone())
                .push_bind(r.first_name.clone())
                .push_bind(r.last_name.clone())
                .push_bind(r.email.clone())
                .push_bind(r.phone.clone())
                .push_bind(r.street.clone())
                .push_bind(r.postal_code.clone())
                .push_bind(r.city.clone())
                .push_bind(r.country.clone())
                .push_bind(r.consent)
                .push_bind(r.consent_at)
                .push_bind(r.consent_source.clone())
                .push_bind(r.alternate_id.clone())
                .push_bind(search_text(r))
                .push_bind(r.created_at)
                .push_bind(now);
        });
        q.push(
            " ON CONFLICT (company_id, account) DO UPDATE SET first_name = excluded.first_name, \
             last_name = excluded.last_name, email = excluded.email, phone = excluded.phone, street = excluded.street, \
             postal_code = excluded.postal_code, city = excluded.city, country = excluded.country, \
             consent = excluded.consent, consent_at = excluded.consent_at, consent_source = excluded.consent_source, \
             alternate_id = excluded.alternate_id, search_text = excluded.search_text, updated_at = excluded.updated_at \
             RETURNING account, id",
        );
        let ids: HashMap<String, Uuid> = q
            .build_query_as::<(String, Uuid)>()
            .persistent(false)
            .fetch_all(&mut **tx)
            .await
            .map_err(map_err)?
            .into_iter()
            .collect();
        for w in chunk.iter_mut() {
            if let Some(id) = ids.get(&w.rec.account) {
                w.rec.id = *id;
            }
        }
    }
    write_links(tx, writes).await
}

/// Replace the address books of the rows whose set changed.
async fn write_links(tx: &mut Tx<'_>, writes: &[Write]) -> Result<()> {
    let changed: Vec<&Write> = writes.iter().filter(|w| w.links.is_some()).collect();
    for chunk in changed.chunks(rows_per_statement(1)) {
        let mut q = QueryBuilder::<crate::Db>::new(
            "DELETE FROM customer_address_books WHERE customer_id IN (",
        );
        let mut sep = q.separated(", ");
        for w in chunk {
            sep.push_bind(w.rec.id);
        }
        q.push(")");
        q.build()
            .persistent(false)
            .execute(&mut **tx)
            .await
            .map_err(map_err)?;
    }
    let pairs: Vec<(Uuid, Uuid)> = changed
        .iter()
        .flat_map(|w| {
            let id = w.rec.id;
            w.links.iter().flatten().map(move |b| (id, *b))
        })
        .collect();
    for chunk in pairs.chunks(rows_per_statement(2)) {
        let mut q = QueryBuilder::<crate::Db>::new(
            "INSERT INTO customer_address_books (customer_id, address_book_id) ",
        );
        q.push_values(chunk, |mut b, (c, a)| {
            b.push_bind(*c).push_bind(*a);
        });
        q.push(" ON CONFLICT DO NOTHING");
        q.build()
            .persistent(false)
            .execute(&mut **tx)
            .await
            .map_err(map_err)?;
    }
    Ok(())
}
