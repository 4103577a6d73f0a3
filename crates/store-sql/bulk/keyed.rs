//! The plan shared by the upserts keyed by external id (purchases,
//! activities): keep the last row per key, resolve accounts, load the stored
//! rows of the batch's keys, and sort each row into unchanged, rejected or
//! to be written (inserted, updated, or a legacy row without an external id
//! matched by its id).

use super::{Keyed, Tx, customer_of, last_per_key, load_keyed, resolve_accounts};
use clienteling_domain::ids::CompanyId;
use clienteling_store::{BulkOutcome, Result};
use std::collections::HashMap;
use uuid::Uuid;

/// An incoming row keyed by external id, about one customer account.
pub(super) trait Incoming {
    /// The row's external id.
    fn key(&self) -> &str;
    /// The customer's account number.
    fn account(&self) -> &str;
}

/// How a kind of row is planned.
pub(super) struct Rules<'s> {
    /// `SELECT … FROM table` of the stored rows.
    pub select: &'s str,
    /// Whether rows about erased customers are accepted.
    pub allow_erased: bool,
}

/// One row to write.
pub(super) struct Write<'a, R> {
    /// The incoming row.
    pub row: &'a R,
    /// Its customer's id.
    pub customer: Uuid,
    /// The id of a row stored without an external id that this one updates.
    pub legacy: Option<Uuid>,
}

/// Plan the upsert of `rows`: the counts so far and the rows to write.
pub(super) async fn plan<'a, R, S>(
    tx: &mut Tx<'_>,
    company: CompanyId,
    rows: &'a [R],
    rules: Rules<'_>,
    same: impl Fn(&S, &R, Uuid) -> bool,
) -> Result<(BulkOutcome, Vec<Write<'a, R>>)>
where
    R: Incoming,
    S: for<'r> sqlx::FromRow<'r, <crate::Db as sqlx::Database>::Row> + Keyed + Send + Unpin,
{
    let mut out = BulkOutcome::default();
    let keep = last_per_key(rows, |r| r.key().to_owned(), &mut out);
    let ids = resolve_accounts(tx, company, keep.iter().map(|i| rows[*i].account())).await?;
    let keys = keep.iter().map(|i| rows[*i].key());
    let stored: HashMap<String, S> = load_keyed(tx, rules.select, company, keys).await?;
    let mut writes = Vec::new();
    for i in keep {
        let row = &rows[i];
        let customer = match customer_of(&ids, row.account(), rules.allow_erased) {
            Ok(c) => c,
            Err(reason) => {
                out.rejected.push((i, reason));
                continue;
            }
        };
        let old = super::stored_by_key(&stored, row.key());
        if old.is_some_and(|s| same(s, row, customer)) {
            out.unchanged += 1;
            continue;
        }
        if old.is_some() {
            out.updated += 1;
        } else {
            out.inserted += 1;
        }
        let legacy = old.filter(|s| s.external_id().is_none()).map(|s| s.id());
        writes.push(Write {
            row,
            customer,
            legacy,
        });
    }
    Ok((out, writes))
}
