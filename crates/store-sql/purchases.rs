//! Purchases.

use super::map_err;
use crate::Backend;
use async_trait::async_trait;
use clienteling_domain::ids::{CompanyId, CustomerId};
use clienteling_domain::time_util::now_micros;
use clienteling_store::{NewPurchase, Purchase, PurchaseStore, Result};
use sqlx::{FromRow, QueryBuilder};
use uuid::Uuid;

#[derive(FromRow)]
struct PurchaseRow {
    id: Uuid,
    at: i64,
    amount_minor: i64,
    currency: String,
    store: Option<String>,
}

/// Rows per multi-row INSERT (8 binds each, well under both backends' limits).
const CHUNK: usize = 500;

#[async_trait]
impl PurchaseStore for Backend {
    async fn add_purchases(&self, company: CompanyId, purchases: &[NewPurchase]) -> Result<u64> {
        let now = now_micros();
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        let mut n = 0;
        for chunk in purchases.chunks(CHUNK) {
            let mut q = QueryBuilder::<crate::Db>::new(
                "INSERT INTO purchases (id, company_id, customer_id, at, amount_minor, currency, store_id, created_at) ",
            );
            q.push_values(chunk, |mut b, p| {
                b.push_bind(Uuid::now_v7())
                    .push_bind(company.0)
                    .push_bind(p.customer.0)
                    .push_bind(p.at)
                    .push_bind(p.amount_minor)
                    .push_bind(p.currency.clone())
                    .push_bind(p.store.map(|s| s.0))
                    .push_bind(now);
            });
            n += q
                .build()
                .execute(&mut *tx)
                .await
                .map_err(map_err)?
                .rows_affected();
        }
        tx.commit().await.map_err(map_err)?;
        Ok(n)
    }

    async fn purchases_of(
        &self,
        company: CompanyId,
        customer: CustomerId,
        before: Option<(i64, Uuid)>,
        limit: u32,
    ) -> Result<Vec<Purchase>> {
        let mut q = QueryBuilder::<crate::Db>::new(
            "SELECT p.id, p.at, p.amount_minor, p.currency, s.code AS store FROM purchases p \
             LEFT JOIN stores s ON s.id = p.store_id WHERE p.company_id = ",
        );
        q.push_bind(company.0)
            .push(" AND p.customer_id = ")
            .push_bind(customer.0);
        if let Some((at, id)) = before {
            q.push(" AND (p.at, p.id) < (")
                .push_bind(at)
                .push(", ")
                .push_bind(id)
                .push(")");
        }
        q.push(" ORDER BY p.at DESC, p.id DESC LIMIT ")
            .push_bind(i64::from(limit));
        let rows: Vec<PurchaseRow> = q
            .build_query_as()
            .fetch_all(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(rows
            .into_iter()
            .map(|r| Purchase {
                id: r.id,
                at: r.at,
                amount_minor: r.amount_minor,
                currency: r.currency,
                store: r.store,
            })
            .collect())
    }
}
