//! Bulk upsert of activities by external id, like purchases: a key that is
//! the id of an activity recorded without an external id matches it. Rows
//! about erased customers are refused (their descriptions were erased).

use super::{
    Keyed, Tx, customer_of, last_per_key, load_keyed, map_err, resolve_accounts, rows_per_statement,
};
use clienteling_domain::ids::CompanyId;
use clienteling_domain::time_util::now_micros;
use clienteling_store::{BulkActivity, BulkOutcome, Result};
use sqlx::{FromRow, QueryBuilder};
use std::collections::HashMap;
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

/// One activity to write.
struct Row<'a> {
    a: &'a BulkActivity,
    customer: Uuid,
    /// The id of an activity stored without an external id that this row updates.
    legacy: Option<Uuid>,
}

/// Insert or update `rows` (see [`clienteling_store::BulkStore::upsert_activities`]).
pub(super) async fn upsert(
    pool: &sqlx::Pool<crate::Db>,
    company: CompanyId,
    rows: &[BulkActivity],
) -> Result<BulkOutcome> {
    let mut out = BulkOutcome::default();
    let keep = last_per_key(rows, |r| r.key.clone(), &mut out);
    let mut tx = super::begin(pool).await?;
    let ids = resolve_accounts(
        &mut tx,
        company,
        keep.iter().map(|i| rows[*i].account.as_str()),
    )
    .await?;
    let keys = keep.iter().map(|i| rows[*i].key.as_str());
    let stored: HashMap<String, Stored> = load_keyed(&mut tx, SELECT, company, keys).await?;
    let mut writes = Vec::new();
    for i in keep {
        let a = &rows[i];
        let customer = match customer_of(&ids, &a.account, false) {
            Ok(c) => c,
            Err(reason) => {
                out.rejected.push((i, reason));
                continue;
            }
        };
        let old = super::stored_by_key(&stored, &a.key);
        if old.is_some_and(|s| same(s, a, customer)) {
            out.unchanged += 1;
            continue;
        }
        if old.is_some() {
            out.updated += 1;
        } else {
            out.inserted += 1;
        }
        let legacy = old.filter(|s| s.external_id.is_none()).map(|s| s.id);
        writes.push(Row {
            a,
            customer,
            legacy,
        });
    }
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
async fn write(tx: &mut Tx<'_>, company: CompanyId, writes: &[Row<'_>]) -> Result<()> {
    let now = now_micros();
    let (legacy, keyed): (Vec<&Row>, Vec<&Row>) = writes.iter().partition(|w| w.legacy.is_some());
    for chunk in keyed.chunks(rows_per_statement(11)) {
        let mut q = QueryBuilder::<crate::Db>::new(
            "INSERT INTO activities (id, company_id, customer_id, associate_id, type_id, store_id, at, description, \
             due_at, created_at, external_id) ",
        );
        q.push_values(chunk, |mut b, w| {
            b.push_bind(Uuid::now_v7())
                .push_bind(company.0)
                .push_bind(w.customer)
                .push_bind(w.a.associate.0)
                .push_bind(w.a.activity_type.0)
                .push_bind(w.a.store.map(|s| s.0))
                .push_bind(w.a.at)
                .push_bind(w.a.description.clone())
                .push_bind(w.a.due_at)
                .push_bind(now)
                .push_bind(w.a.key.clone());
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
        .bind(&w.a.key)
        .bind(w.customer)
        .bind(w.a.associate.0)
        .bind(w.a.activity_type.0)
        .bind(w.a.store.map(|s| s.0))
        .bind(w.a.at)
        .bind(&w.a.description)
        .bind(w.a.due_at)
        .execute(&mut **tx)
        .await
        .map_err(map_err)?;
    }
    Ok(())
}
