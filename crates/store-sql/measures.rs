//! Measures per customer.

use super::map_err;
use crate::Backend;
use async_trait::async_trait;
use clienteling_domain::ids::CustomerId;
use clienteling_store::{MeasureRow, MeasureStore, Result};
use sqlx::QueryBuilder;
use uuid::Uuid;

/// A `customer_measures` row as read.
type MeasureTuple = (
    Uuid,
    String,
    Option<f64>,
    Option<String>,
    Option<String>,
    i64,
);

#[async_trait]
impl MeasureStore for Backend {
    async fn put_measures(&self, rows: &[MeasureRow]) -> Result<u64> {
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        let mut n = 0;
        for chunk in rows.chunks(500) {
            let mut q = QueryBuilder::<crate::Db>::new(
                "INSERT INTO customer_measures (customer_id, measure, value_num, value_text, explanation, computed_at) ",
            );
            q.push_values(chunk, |mut b, r| {
                b.push_bind(r.customer.0)
                    .push_bind(r.measure.clone())
                    .push_bind(r.value_num)
                    .push_bind(r.value_text.clone())
                    .push_bind(r.explanation.clone())
                    .push_bind(r.computed_at);
            });
            q.push(
                " ON CONFLICT (customer_id, measure) DO UPDATE SET value_num = excluded.value_num, value_text = excluded.value_text, \
                 explanation = excluded.explanation, computed_at = excluded.computed_at",
            );
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

    async fn measures_of(&self, customers: &[CustomerId]) -> Result<Vec<MeasureRow>> {
        self.measures(customers, None).await
    }

    async fn measures_named(
        &self,
        customers: &[CustomerId],
        names: &[&str],
    ) -> Result<Vec<MeasureRow>> {
        if names.is_empty() {
            return Ok(Vec::new());
        }
        self.measures(customers, Some(names)).await
    }
}

impl Backend {
    /// The measures of `customers`, all or only those named `names`.
    async fn measures(
        &self,
        customers: &[CustomerId],
        names: Option<&[&str]>,
    ) -> Result<Vec<MeasureRow>> {
        if customers.is_empty() {
            return Ok(Vec::new());
        }
        let mut q = QueryBuilder::<crate::Db>::new(
            "SELECT customer_id, measure, value_num, value_text, explanation, computed_at FROM customer_measures WHERE customer_id IN (",
        );
        let mut sep = q.separated(", ");
        for c in customers {
            sep.push_bind(c.0);
        }
        if let Some(names) = names {
            q.push(") AND measure IN (");
            let mut sep = q.separated(", ");
            for n in names {
                sep.push_bind(n.to_string());
            }
        }
        q.push(") ORDER BY customer_id, measure");
        let rows: Vec<MeasureTuple> = q
            .build_query_as()
            .fetch_all(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(rows
            .into_iter()
            .map(
                |(c, measure, value_num, value_text, explanation, computed_at)| MeasureRow {
                    customer: CustomerId(c),
                    measure,
                    value_num,
                    value_text,
                    explanation,
                    computed_at,
                },
            )
            .collect())
    }
}
