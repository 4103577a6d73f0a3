//! Bulk upsert of purchases by external id. A key that is the id of a
//! purchase recorded without an external id (by the API or `generate`, and
//! exported under its id) matches that purchase, so exporting and importing
//! into the same database changes nothing.

use super::keyed::{Incoming, Rules, Write, plan};
use super::{Keyed, Tx, map_err, rows_per_statement};
use clienteling_domain::ids::CompanyId;
use clienteling_domain::time_util::now_micros;
use clienteling_store::{BulkOutcome, BulkPurchase, Result};
use sqlx::{FromRow, QueryBuilder};
use uuid::Uuid;

/// A stored purchase, comparable with an incoming one.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
struct Stored {
    id: Uuid,
    company_id: Uuid,
    external_id: Option<String>,
    customer_id: Uuid,
    at: i64,
    amount_minor: i64,
    currency: String,
    store_id: Option<Uuid>,
}

/// The stored rows' select list and table.
const SELECT: &str = "SELECT id, company_id, external_id, customer_id, at, amount_minor, currency, store_id FROM purchases";

impl Keyed for Stored {
    fn id(&self) -> Uuid {
        self.id
    }

    fn company(&self) -> Uuid {
        self.company_id
    }

    fn external_id(&self) -> Option<&str> {
        self.external_id.as_deref()
    }
}

/// Insert or update `rows` (see [`clienteling_store::BulkStore::upsert_purchases`]).
pub(super) async fn upsert(
    pool: &sqlx::Pool<crate::Db>,
    company: CompanyId,
    rows: &[BulkPurchase],
) -> Result<BulkOutcome> {
    let mut tx = super::begin(pool).await?;
    let rules = Rules {
        select: SELECT,
        allow_erased: true,
    };
    let (out, writes) = plan::<_, Stored>(&mut tx, company, rows, rules, same).await?;
    write(&mut tx, company, &writes).await?;
    tx.commit().await.map_err(map_err)?;
    Ok(out)
}

fn same(s: &Stored, p: &BulkPurchase, customer: Uuid) -> bool {
    s.external_id.as_ref().is_none_or(|k| *k == p.key)
        && s.customer_id == customer
        && s.at == p.at
        && s.amount_minor == p.amount_minor
        && s.currency == p.currency
        && s.store_id == p.store.map(|s| s.0)
}

/// Upsert the new and changed purchases; update the matched legacy ones by id.
async fn write(
    tx: &mut Tx<'_>,
    company: CompanyId,
    writes: &[Write<'_, BulkPurchase>],
) -> Result<()> {
    let now = now_micros();
    let (legacy, keyed): (Vec<&Write<BulkPurchase>>, Vec<&Write<BulkPurchase>>) =
        writes.iter().partition(|w| w.legacy.is_some());
    for chunk in keyed.chunks(rows_per_statement(9)) {
        let mut q = QueryBuilder::<crate::Db>::new(
            "INSERT INTO purchases (id, company_id, customer_id, at, amount_minor, currency, store_id, created_at, external_id) ",
        );
        q.push_values(chunk, |mut b, w| {
            b.push_bind(Uuid::now_v7())
                .push_bind(company.0)
                .push_bind(w.customer)
                .push_bind(w.row.at)
                .push_bind(w.row.amount_minor)
                .push_bind(w.row.currency.clone())
                .push_bind(w.row.store.map(|s| s.0))
                .push_bind(now)
                .push_bind(w.row.key.clone());
        });
        q.push(
            " ON CONFLICT (company_id, external_id) DO UPDATE SET customer_id = excluded.customer_id, at = excluded.at, \
             amount_minor = excluded.amount_minor, currency = excluded.currency, store_id = excluded.store_id",
        );
        q.build()
            .persistent(false)
            .execute(&mut **tx)
            .await
            .map_err(map_err)?;
    }
    for w in legacy {
        sqlx::query(
            "UPDATE purchases SET external_id = $2, customer_id = $3, at = $4, amount_minor = $5, currency = $6, \
             store_id = $7 WHERE id = $1",
        )
        .bind(w.legacy)
        .bind(&w.row.key)
        .bind(w.customer)
        .bind(w.row.at)
        .bind(w.row.amount_minor)
        .bind(&w.row.currency)
        .bind(w.row.store.map(|s| s.0))
        .execute(&mut **tx)
        .await
        .map_err(map_err)?;
    }
    Ok(())
}

impl Incoming for BulkPurchase {
    fn key(&self) -> &str {
        &self.key
    }

    fn account(&self) -> &str {
        &self.account
    }
}
