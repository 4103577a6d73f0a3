//! Bulk import and export ([`BulkStore`]): every upsert runs in one
//! transaction (all or nothing), resolves customer accounts inside it, reads
//! the stored state of the batch's keys first and writes only what differs,
//! with multi-row `INSERT … ON CONFLICT` statements. That makes a re-run
//! idempotent and gives exact inserted / updated / unchanged counts on both
//! backends. Exports page by key (keyset), never by offset.

mod activities;
mod attributes;
mod customers;
mod export;
mod keyed;
mod members;
mod purchases;

use super::map_err;
use crate::Backend;
use async_trait::async_trait;
use clienteling_domain::customer::Customer;
use clienteling_domain::ids::CompanyId;
use clienteling_store::{
    ActivityExport, BulkActivity, BulkAttributes, BulkCustomer, BulkMember, BulkOutcome,
    BulkPurchase, BulkStore, CustomerColumn, MemberExport, PurchaseExport, Result,
};
use sqlx::QueryBuilder;
use std::collections::HashMap;
use uuid::Uuid;

type Tx<'a> = sqlx::Transaction<'a, crate::Db>;

/// Statements here have as many parameters as their batch has distinct keys,
/// so they are not kept in the per-connection statement cache
/// (`persistent(false)`): a cache of a hundred such statements of thousands
/// of parameters each grew the importer's memory to hundreds of MB.
///
/// Bind parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535.
const MAX_BINDS: usize = 30_000;

/// Rows per multi-row statement of `columns` binds each.
fn rows_per_statement(columns: usize) -> usize {
    (MAX_BINDS / columns.max(1)).max(1)
}

/// A stored customer as the bulk paths see it: id and whether it was erased.
#[derive(Debug, Clone, Copy)]
struct Resolved {
    id: Uuid,
    erased: bool,
}

/// Ids of the given accounts of `company` (unknown accounts are left out).
async fn resolve_accounts<'a>(
    tx: &mut Tx<'_>,
    company: CompanyId,
    accounts: impl Iterator<Item = &'a str>,
) -> Result<HashMap<String, Resolved>> {
    let mut wanted: Vec<&str> = accounts.collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut out = HashMap::with_capacity(wanted.len());
    for chunk in wanted.chunks(rows_per_statement(1)) {
        let mut q = QueryBuilder::<crate::Db>::new(
            "SELECT account, id, erased_at IS NOT NULL FROM customers WHERE company_id = ",
        );
        q.push_bind(company.0).push(" AND account IN (");
        let mut sep = q.separated(", ");
        for a in chunk {
            sep.push_bind(*a);
        }
        q.push(")");
        let rows: Vec<(String, Uuid, bool)> = q
            .build_query_as()
            .persistent(false)
            .fetch_all(&mut **tx)
            .await
            .map_err(map_err)?;
        out.extend(
            rows.into_iter()
                .map(|(a, id, erased)| (a, Resolved { id, erased })),
        );
    }
    Ok(out)
}

/// Indexes of the rows to apply: the last row of each key. Earlier rows with
/// the same key are superseded and counted as unchanged in `out`.
fn last_per_key<T>(rows: &[T], key: impl Fn(&T) -> String, out: &mut BulkOutcome) -> Vec<usize> {
    let mut last: HashMap<String, usize> = HashMap::with_capacity(rows.len());
    for (i, r) in rows.iter().enumerate() {
        last.insert(key(r), i);
    }
    let keep: Vec<usize> = (0..rows.len())
        .filter(|i| last.get(&key(&rows[*i])) == Some(i))
        .collect();
    out.unchanged += (rows.len() - keep.len()) as u64;
    keep
}

/// The reason given for a row naming an unknown customer.
fn unknown_account(account: &str) -> String {
    format!("unknown customer account {account}")
}

/// The reason given for a row about an erased customer.
fn erased_account(account: &str) -> String {
    format!("customer {account} was erased; their personal data is not re-imported")
}

/// Resolve a row's account, or say why not.
fn customer_of(
    ids: &HashMap<String, Resolved>,
    account: &str,
    allow_erased: bool,
) -> std::result::Result<Uuid, String> {
    match ids.get(account) {
        None => Err(unknown_account(account)),
        Some(r) if r.erased && !allow_erased => Err(erased_account(account)),
        Some(r) => Ok(r.id),
    }
}

/// A stored row with an id and an optional external id.
trait Keyed {
    fn id(&self) -> Uuid;
    fn company(&self) -> Uuid;
    fn external_id(&self) -> Option<&str>;
}

/// Stored rows (`select` is `SELECT … FROM table`) by external id, and by
/// hyphenated id for UUID keys of rows stored without an external id. Two
/// queries, so that each uses its index (an `OR` of both made SQLite scan);
/// the second filters the company here, not in SQL, for the same reason.
async fn load_keyed<'a, T>(
    tx: &mut Tx<'_>,
    select: &str,
    company: CompanyId,
    keys: impl Iterator<Item = &'a str>,
) -> Result<HashMap<String, T>>
where
    T: for<'r> sqlx::FromRow<'r, <crate::Db as sqlx::Database>::Row> + Keyed + Send + Unpin,
{
    let keys: Vec<&str> = keys.collect();
    let mut out = HashMap::with_capacity(keys.len());
    for chunk in keys.chunks(rows_per_statement(1)) {
        let mut q = QueryBuilder::<crate::Db>::new(format!("{select} WHERE company_id = "));
        q.push_bind(company.0).push(" AND external_id IN (");
        let mut sep = q.separated(", ");
        for k in chunk {
            sep.push_bind(*k);
        }
        q.push(")");
        keep_rows(tx, q, company, &mut out).await?;
        let uuids: Vec<Uuid> = chunk
            .iter()
            .filter_map(|k| Uuid::parse_str(k).ok())
            .collect();
        if uuids.is_empty() {
            continue;
        }
        let mut q = QueryBuilder::<crate::Db>::new(format!("{select} WHERE id IN ("));
        let mut sep = q.separated(", ");
        for u in uuids {
            sep.push_bind(u);
        }
        q.push(") AND external_id IS NULL");
        keep_rows(tx, q, company, &mut out).await?;
    }
    Ok(out)
}

/// Run `q` and add its rows of `company` to `out` by key.
async fn keep_rows<T>(
    tx: &mut Tx<'_>,
    mut q: QueryBuilder<crate::Db>,
    company: CompanyId,
    out: &mut HashMap<String, T>,
) -> Result<()>
where
    T: for<'r> sqlx::FromRow<'r, <crate::Db as sqlx::Database>::Row> + Keyed + Send + Unpin,
{
    let rows: Vec<T> = q
        .build_query_as()
        .persistent(false)
        .fetch_all(&mut **tx)
        .await
        .map_err(map_err)?;
    for s in rows.into_iter().filter(|s| s.company() == company.0) {
        let key = s
            .external_id()
            .map_or_else(|| s.id().hyphenated().to_string(), str::to_owned);
        out.insert(key, s);
    }
    Ok(())
}

/// Begin a bulk transaction. On SQLite the connection's page cache grows
/// from the default 2 MB to 64 MB first: a big import otherwise re-reads its
/// index pages from the OS on every batch (PostgreSQL's cache is the server's).
async fn begin(pool: &sqlx::Pool<crate::Db>) -> Result<Tx<'static>> {
    let mut tx = pool.begin().await.map_err(map_err)?;
    if crate::dialect::BACKEND == "sqlite" {
        sqlx::query("PRAGMA cache_size = -65536")
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
    }
    Ok(tx)
}

/// The stored row of `key`: by external id, or for a UUID key by the id of a
/// row stored without an external id (`load` maps those by hyphenated id).
fn stored_by_key<'m, T>(stored: &'m HashMap<String, T>, key: &str) -> Option<&'m T> {
    stored.get(key).or_else(|| {
        Uuid::parse_str(key)
            .ok()
            .and_then(|u| stored.get(&u.hyphenated().to_string()))
    })
}

#[async_trait]
impl BulkStore for Backend {
    async fn upsert_customers(
        &self,
        company: CompanyId,
        columns: &[CustomerColumn],
        rows: &[BulkCustomer],
    ) -> Result<BulkOutcome> {
        customers::upsert(&self.pool, company, columns, rows).await
    }

    async fn upsert_purchases(
        &self,
        company: CompanyId,
        rows: &[BulkPurchase],
    ) -> Result<BulkOutcome> {
        purchases::upsert(&self.pool, company, rows).await
    }

    async fn upsert_activities(
        &self,
        company: CompanyId,
        rows: &[BulkActivity],
    ) -> Result<BulkOutcome> {
        activities::upsert(&self.pool, company, rows).await
    }

    async fn upsert_attributes(
        &self,
        company: CompanyId,
        rows: &[BulkAttributes],
    ) -> Result<BulkOutcome> {
        attributes::upsert(&self.pool, company, rows).await
    }

    async fn upsert_members(
        &self,
        company: CompanyId,
        rows: &[BulkMember],
        limit: Option<u32>,
    ) -> Result<BulkOutcome> {
        members::upsert(&self.pool, company, rows, limit).await
    }

    async fn export_customers(
        &self,
        company: CompanyId,
        after: Option<&str>,
        limit: u32,
    ) -> Result<Vec<Customer>> {
        export::customers(&self.pool, company, after, limit).await
    }

    async fn export_purchases(
        &self,
        company: CompanyId,
        after: Option<(i64, Uuid)>,
        limit: u32,
    ) -> Result<Vec<PurchaseExport>> {
        export::purchases(&self.pool, company, after, limit).await
    }

    async fn export_activities(
        &self,
        company: CompanyId,
        after: Option<(i64, Uuid)>,
        limit: u32,
    ) -> Result<Vec<ActivityExport>> {
        export::activities(&self.pool, company, after, limit).await
    }

    async fn export_members(
        &self,
        company: CompanyId,
        after: Option<(Uuid, Uuid)>,
        limit: u32,
    ) -> Result<Vec<MemberExport>> {
        export::members(&self.pool, company, after, limit).await
    }
}
