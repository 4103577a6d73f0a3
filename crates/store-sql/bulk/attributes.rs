//! Bulk upsert of customers' attribute values: read the stored values of the
//! batch's customers, then upsert the changed values and delete the cleared
//! ones. A row is `inserted` when its customer had none of the row's
//! attributes, `updated` when any value changed.

use super::{Tx, customer_of, last_per_key, map_err, resolve_accounts, rows_per_statement};
use clienteling_domain::attributes::StoredValue;
use clienteling_domain::ids::CompanyId;
use clienteling_store::{BulkAttributes, BulkOutcome, Result};
use sqlx::QueryBuilder;
use std::collections::HashMap;
use uuid::Uuid;

type Values = HashMap<(Uuid, Uuid), StoredValue>;

/// Value changes of one batch.
#[derive(Default)]
struct Changes {
    set: Vec<(Uuid, Uuid, StoredValue)>,
    clear: Vec<(Uuid, Uuid)>,
}

/// Set or clear `rows` (see [`clienteling_store::BulkStore::upsert_attributes`]).
pub(super) async fn upsert(
    pool: &sqlx::Pool<crate::Db>,
    company: CompanyId,
    rows: &[BulkAttributes],
) -> Result<BulkOutcome> {
    let mut out = BulkOutcome::default();
    let keep = last_per_key(rows, |r| r.account.clone(), &mut out);
    let mut tx = super::begin(pool).await?;
    let ids = resolve_accounts(
        &mut tx,
        company,
        keep.iter().map(|i| rows[*i].account.as_str()),
    )
    .await?;
    let customers: Vec<Uuid> = ids.values().map(|r| r.id).collect();
    let stored = load(&mut tx, &customers).await?;
    let mut changes = Changes::default();
    for i in keep {
        let customer = match customer_of(&ids, &rows[i].account, false) {
            Ok(c) => c,
            Err(reason) => {
                out.rejected.push((i, reason));
                continue;
            }
        };
        let before = (changes.set.len(), changes.clear.len());
        let had_any = diff(&stored, customer, &rows[i], &mut changes);
        if before == (changes.set.len(), changes.clear.len()) {
            out.unchanged += 1;
        } else if had_any {
            out.updated += 1;
        } else {
            out.inserted += 1;
        }
    }
    write(&mut tx, &changes).await?;
    tx.commit().await.map_err(map_err)?;
    Ok(out)
}

/// Record the changes of one row; returns whether the customer had any of
/// the row's attributes.
fn diff(stored: &Values, customer: Uuid, row: &BulkAttributes, changes: &mut Changes) -> bool {
    let mut had_any = false;
    for (attr, value) in &row.values {
        let old = stored.get(&(customer, attr.0));
        had_any |= old.is_some();
        match (old, value) {
            (Some(_), None) => changes.clear.push((customer, attr.0)),
            (old, Some(v)) if old != Some(v) => changes.set.push((customer, attr.0, v.clone())),
            _ => {}
        }
    }
    had_any
}

/// Every stored value of these customers.
async fn load(tx: &mut Tx<'_>, customers: &[Uuid]) -> Result<Values> {
    let mut out = Values::new();
    for chunk in customers.chunks(rows_per_statement(1)) {
        let mut q = QueryBuilder::<crate::Db>::new(
            "SELECT customer_id, attribute_id, value_text, value_num FROM customer_attributes WHERE customer_id IN (",
        );
        let mut sep = q.separated(", ");
        for c in chunk {
            sep.push_bind(*c);
        }
        q.push(")");
        let rows: Vec<(Uuid, Uuid, Option<String>, Option<f64>)> = q
            .build_query_as()
            .persistent(false)
            .fetch_all(&mut **tx)
            .await
            .map_err(map_err)?;
        for (c, a, text, num) in rows {
            if let Some(v) = super::super::stored_value(text, num) {
                out.insert((c, a), v);
            }
        }
    }
    Ok(out)
}

async fn write(tx: &mut Tx<'_>, changes: &Changes) -> Result<()> {
    for chunk in changes.set.chunks(rows_per_statement(4)) {
        let mut q = QueryBuilder::<crate::Db>::new(
            "INSERT INTO customer_attributes (customer_id, attribute_id, value_text, value_num) ",
        );
        q.push_values(chunk, |mut b, (c, a, v)| {
            let (text, num) = match v {
                StoredValue::Text(t) => (Some(t.clone()), None),
                StoredValue::Number(n) => (None, Some(*n)),
            };
            b.push_bind(*c).push_bind(*a).push_bind(text).push_bind(num);
        });
        q.push(
            " ON CONFLICT (customer_id, attribute_id) DO UPDATE SET value_text = excluded.value_text, \
             value_num = excluded.value_num",
        );
        q.build()
            .persistent(false)
            .execute(&mut **tx)
            .await
            .map_err(map_err)?;
    }
    for chunk in changes.clear.chunks(rows_per_statement(2)) {
        let mut q = QueryBuilder::<crate::Db>::new(
            "DELETE FROM customer_attributes WHERE (customer_id, attribute_id) IN (VALUES ",
        );
        let mut sep = q.separated(", ");
        for (c, a) in chunk {
            sep.push("(");
            sep.push_bind_unseparated(*c);
            sep.push_unseparated(", ");
            sep.push_bind_unseparated(*a);
            sep.push_unseparated(")");
        }
        q.push(")");
        q.build()
            .persistent(false)
            .execute(&mut **tx)
            .await
            .map_err(map_err)?;
    }
    Ok(())
}
