//! Importing customers: upsert by account. Only the columns the file has are
//! written to existing customers (a file of `account,email` changes only
//! e-mails); an empty cell clears an optional field. Fields are validated
//! like the API's (`CustomerFields::parse`).

use super::source::{Column, Fields};
use super::values::{parse_bool, parse_time};
use super::{Importer, account, invalid};
use anyhow::Result;
use clienteling_domain::customer::{CustomerFields, RawCustomer};
use clienteling_domain::ids::CompanyId;
use clienteling_domain::text::Code;
use clienteling_store::{BulkCustomer, BulkOutcome, CustomerColumn as Col, Store};

/// The columns in export order, with header aliases and the stored column.
const SPEC: &[(&str, &[&str], Option<Col>)] = &[
    (
        "account",
        &["customer_id", "account_number", "customer"],
        None,
    ),
    (
        "first_name",
        &["firstname", "given_name"],
        Some(Col::FirstName),
    ),
    (
        "last_name",
        &["lastname", "surname", "family_name"],
        Some(Col::LastName),
    ),
    ("email", &["e-mail", "e_mail"], Some(Col::Email)),
    ("phone", &["mobile", "telephone"], Some(Col::Phone)),
    ("street", &["address"], Some(Col::Street)),
    (
        "postal_code",
        &["zip", "postcode", "zip_code"],
        Some(Col::PostalCode),
    ),
    ("city", &[], Some(Col::City)),
    ("country", &[], Some(Col::Country)),
    ("consent", &[], Some(Col::Consent)),
    ("consent_at", &[], Some(Col::ConsentAt)),
    ("consent_source", &[], Some(Col::ConsentSource)),
    ("alternate_id", &[], Some(Col::AlternateId)),
    ("address_books", &[], Some(Col::AddressBooks)),
];

const ACCOUNT: usize = 0;
const CONSENT: usize = 9;
const CONSENT_AT: usize = 10;
const ADDRESS_BOOKS: usize = 13;

/// The header of the customers format.
pub fn header() -> Vec<&'static str> {
    SPEC.iter().map(|(n, _, _)| *n).collect()
}

/// The customers importer.
pub struct Customers {
    company: CompanyId,
    columns: Vec<Column>,
    present: Vec<Col>,
}

impl Customers {
    /// An importer into `company`.
    pub fn new(company: CompanyId) -> Self {
        let columns = SPEC
            .iter()
            .enumerate()
            .map(|(i, (n, a, _))| {
                if i == ACCOUNT {
                    Column::required(n, a)
                } else {
                    Column::optional(n, a)
                }
            })
            .collect();
        Customers {
            company,
            columns,
            present: Vec::new(),
        }
    }
}

/// Text of column `i` for [`RawCustomer`]: `None` when the file lacks it.
fn text(f: &Fields<'_>, i: usize) -> Result<Option<String>, String> {
    Ok(f.get(i)?.map(str::to_owned))
}

/// Address-book codes separated by `,`, `;`, `|` or spaces.
fn codes(f: &Fields<'_>) -> Result<Vec<String>, String> {
    let raw = f.get(ADDRESS_BOOKS)?.unwrap_or_default();
    raw.split([',', ';', '|', ' '])
        .filter(|s| !s.is_empty())
        .map(|s| {
            Code::parse(s)
                .map(|c| c.as_str().to_owned())
                .map_err(|e| format!("address_books: {s}: {e}"))
        })
        .collect()
}

impl Importer for Customers {
    type Row = BulkCustomer;

    fn columns(&self) -> &[Column] {
        &self.columns
    }

    fn bind(&mut self, index: &[Option<usize>], _header: &[String]) -> Result<()> {
        self.present = SPEC
            .iter()
            .zip(index)
            .filter_map(|((_, _, col), pos)| pos.and(*col))
            .collect();
        Ok(())
    }

    fn parse(&self, f: &Fields<'_>) -> Result<BulkCustomer, String> {
        let account = account(f, ACCOUNT)?;
        let raw = RawCustomer {
            first_name: text(f, 1)?,
            last_name: text(f, 2)?,
            email: text(f, 3)?,
            phone: text(f, 4)?,
            street: text(f, 5)?,
            postal_code: text(f, 6)?,
            city: text(f, 7)?,
            country: text(f, 8)?,
            consent_source: text(f, 11)?,
            alternate_id: text(f, 12)?,
            ..Default::default()
        };
        let v = CustomerFields::parse(&raw, false).map_err(|e| invalid(&e))?;
        let consent =
            parse_bool(f.get(CONSENT)?.unwrap_or_default()).map_err(|e| format!("consent: {e}"))?;
        let consent_at = f.non_empty(CONSENT_AT)?.map(parse_time).transpose();
        Ok(BulkCustomer {
            id: None,
            account,
            first_name: v.first_name.unwrap_or_default(),
            last_name: v.last_name.unwrap_or_default(),
            email: v.email.flatten(),
            phone: v.phone.flatten(),
            street: v.street.flatten(),
            postal_code: v.postal_code.flatten(),
            city: v.city.flatten(),
            country: v.country.flatten(),
            consent,
            consent_at: consent_at.map_err(|e| format!("consent_at: {e}"))?,
            consent_source: v.consent_source.flatten(),
            alternate_id: v.alternate_id.flatten(),
            address_books: codes(f)?,
        })
    }

    async fn write(&self, store: &dyn Store, rows: &[BulkCustomer]) -> Result<BulkOutcome> {
        Ok(store
            .upsert_customers(self.company, &self.present, rows)
            .await?)
    }
}
