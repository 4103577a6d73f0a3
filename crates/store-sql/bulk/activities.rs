//! Bulk upsert of activities by external id, like purchases: a key that is
//! the id of an activity recorded without an external id matches it. Rows
//! about erased customers are refused (their descriptions were erased).

use super::keyed::{Incoming, Rules, Write, plan};
use super::{Keyed, Tx, map_err, rows_per_statement};
use clienteling_domain::ids::CompanyId;
use clienteling_domain::time_util::now_micros;
use clienteling_store::{BulkActivity, BulkOutcome, Result};
use sqlx::{FromRow, QueryBuilder};
use uuid::Uuid;

/// A stored activity, comparable with an incoming one.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
struct Stored {
    id: Uuid,
    company_id: Uuid,
    external_id: Option<String>,
    customer_id: Uuid,
    associate_id: Uuid,
    type_id: Uuid,
    store_id: Option<Uuid>,
    at: i64,
    description: String,
    due_at: Option<i64>,
}

/// The stored rows' select list and table.
const SELECT: &str = "SELECT id, company_id, external_id, customer_id, associate_id, type_id, store_id, at, description, due_at FROM activities";

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

/// Insert or update `rows` (see [`clienteling_store::BulkStore::upsert_activities`]).
pub(super) async fn upsert(
    pool: &sqlx::Pool<crate::Db>,
    company: CompanyId,
    rows: &[BulkActivity],
) -> Result<BulkOutcome> {
    let mut tx = super::begin(pool).await?;
    let rules = Rules {
        select: SELECT,
        allow_erased: false,
    };
    let (out, writes) = plan::<_, Stored>(&mut tx, company, rows, rules, same).await?;
    write(&mut tx, company, &writes).await?;
    tx.commit().await.map_err(map_err)?;
    Ok(out)
}

fn same(s: &Stored, a: &BulkActivity, customer: Uuid) -> bool {
    s.external_id.as_ref().is_none_or(|k| *k == a.key)
        && s.customer_id == customer
        && s.associate_id == a.associate.0
        && s.type_id == a.activity_type.0
        && s.store_id == a.store.map(|s| s.0)
        && s.at == a.at
        && s.description == a.description
        && s.due_at == a.due_at
}

/// Upsert the new and changed activities; update the matched legacy ones by id.
async fn write(
    tx: &mut Tx<'_>,
    company: CompanyId,
    writes: &[Write<'_, BulkActivity>],
) -> Result<()> {
    let now = now_micros();
    let (legacy, keyed): (Vec<&Write<BulkActivity>>, Vec<&Write<BulkActivity>>) =
        writes.iter().partition(|w| w.legacy.is_some());
    for chunk in keyed.chunks(rows_per_statement(11)) {
        let mut q = QueryBuilder::<crate::Db>::new(
            "INSERT INTO activities (id, company_id, customer_id, associate_id, type_id, store_id, at, description, \
             due_at, created_at, external_id) ",
        );
        q.push_values(chunk, |mut b, w| {
            b.push_bind(Uuid::now_v7())
                .push_bind(company.0)
                .push_bind(w.customer)
                .push_bind(w.row.associate.0)
                .push_bind(w.row.activity_type.0)
                .push_bind(w.row.store.map(|s| s.0))
                .push_bind(w.row.at)
                .push_bind(w.row.description.clone())
                .push_bind(w.row.due_at)
                .push_bind(now)
                .push_bind(w.row.key.clone());
        });
        q.push(
            " ON CONFLICT (company_id, external_id) DO UPDATE SET customer_id = excluded.customer_id, \
             associate_id = excluded.associate_id, type_id = excluded.type_id, store_id = excluded.store_id, \
             at = excluded.at, description = excluded.description, due_at = excluded.due_at",
        );
        q.build()
            .persistent(false)
            .execute(&mut **tx)
            .await
            .map_err(map_err)?;
    }
    for w in legacy {
        sqlx::query(
            "UPDATE activities SET external_id = $2, customer_id = $3, associate_id = $4, type_id = $5, store_id = $6, \
             at = $7, description = $8, due_at = $9 WHERE id = $1",
        )
        .bind(w.legacy)
        .bind(&w.row.key)
        .bind(w.customer)
        .bind(w.row.associate.0)
        .bind(w.row.activity_type.0)
        .bind(w.row.store.map(|s| s.0))
        .bind(w.row.at)
        .bind(&w.row.description)
        .bind(w.row.due_at)
        .execute(&mut **tx)
        .await
        .map_err(map_err)?;
    }
    Ok(())
}

impl Incoming for BulkActivity {
    fn key(&self) -> &str {
        &self.key
    }

    fn account(&self) -> &str {
        &self.account
    }
}
