//! Importing purchases: upsert by external id; without an id column (or with
//! an empty cell) the key is derived from the row (see [`super::derived_key`]).

use super::source::{Column, Fields};
use super::values::{parse_amount, parse_time};
use super::{Importer, account, derived_key};
use anyhow::{Result, bail};
use clienteling_domain::ids::{CompanyId, StoreId};
use clienteling_store::{BulkOutcome, BulkPurchase, Store};
use std::collections::HashMap;

const KEY: usize = 0;
const ACCOUNT: usize = 1;
const AT: usize = 2;
const AMOUNT: usize = 3;
const CURRENCY: usize = 4;
const STORE: usize = 5;

/// The header of the purchases format.
pub const HEADER: [&str; 6] = [
    "external_id",
    "account",
    "at",
    "amount",
    "currency",
    "store",
];

/// The purchases importer.
pub struct Purchases {
    company: CompanyId,
    columns: Vec<Column>,
    stores: HashMap<String, StoreId>,
    currency: String,
}

impl Purchases {
    /// An importer into `company`; `currency` for rows without one.
    pub async fn load(store: &dyn Store, company: CompanyId, currency: &str) -> Result<Self> {
        let Some(currency) = parse_currency(currency) else {
            bail!("--currency {currency}: expected a three-letter ISO 4217 code");
        };
        let stores = store
            .list_stores(company)
            .await?
            .into_iter()
            .map(|s| (s.code.as_str().to_owned(), s.id))
            .collect();
        let columns = vec![
            Column::optional(HEADER[KEY], &["id", "receipt", "transaction_id"]),
            Column::required(HEADER[ACCOUNT], &["customer_id", "customer"]),
            Column::required(HEADER[AT], &["date", "timestamp", "time"]),
            Column::required(HEADER[AMOUNT], &["total"]),
            Column::optional(HEADER[CURRENCY], &[]),
            Column::optional(HEADER[STORE], &["store_code", "shop"]),
        ];
        Ok(Purchases {
            company,
            columns,
            stores,
            currency,
        })
    }
}

/// An ISO 4217 code, upper-cased.
fn parse_currency(s: &str) -> Option<String> {
    let c = s.trim().to_ascii_uppercase();
    (c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase())).then_some(c)
}

/// A store by code (`None` for an empty cell), or why not.
pub fn store_of(
    stores: &HashMap<String, StoreId>,
    code: Option<&str>,
) -> Result<Option<StoreId>, String> {
    code.map(|c| {
        stores
            .get(&c.to_ascii_lowercase())
            .copied()
            .ok_or_else(|| format!("unknown store {c}"))
    })
    .transpose()
}

/// The row's external id, or one derived from it.
pub fn key_of(f: &Fields<'_>, account: &str, at: i64, extra: &str) -> Result<String, String> {
    match f.non_empty(KEY)? {
        Some(k) if k.chars().count() > 200 => {
            Err("external_id: must be at most 200 characters".into())
        }
        Some(k) => Ok(k.to_owned()),
        None => Ok(derived_key(account, at, extra, f.record)),
    }
}

impl Importer for Purchases {
    type Row = BulkPurchase;

    fn columns(&self) -> &[Column] {
        &self.columns
    }

    fn parse(&self, f: &Fields<'_>) -> Result<BulkPurchase, String> {
        let account = account(f, ACCOUNT)?;
        let at = parse_time(f.required(AT)?).map_err(|e| format!("at: {e}"))?;
        let amount_minor = parse_amount(f.required(AMOUNT)?).map_err(|e| format!("amount: {e}"))?;
        let currency = match f.non_empty(CURRENCY)? {
            Some(c) => parse_currency(c)
                .ok_or_else(|| format!("currency: {c:?} is not a three-letter code"))?,
            None => self.currency.clone(),
        };
        let store = store_of(&self.stores, f.non_empty(STORE)?)?;
        let key = key_of(f, &account, at, &amount_minor.to_string())?;
        Ok(BulkPurchase {
            key,
            account,
            at,
            amount_minor,
            currency,
            store,
        })
    }

    async fn write(&self, store: &dyn Store, rows: &[BulkPurchase]) -> Result<BulkOutcome> {
        Ok(store.upsert_purchases(self.company, rows).await?)
    }
}
