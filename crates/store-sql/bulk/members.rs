//! Bulk client-book memberships: the batch's customers are locked first (as
//! `add_to_book` does for one), so the books-per-customer rule holds against
//! concurrent additions; every addition is written to the book history.

use super::{Tx, customer_of, last_per_key, map_err, resolve_accounts, rows_per_statement};
use clienteling_domain::ids::CompanyId;
use clienteling_domain::time_util::now_micros;
use clienteling_store::{BulkMember, BulkOutcome, Result};
use sqlx::QueryBuilder;
use std::collections::HashMap;
use uuid::Uuid;

/// Books holding a customer: `(book id, "CB-000001 (owner name)")`.
type Holders = HashMap<Uuid, Vec<(Uuid, String)>>;

/// Add `rows` (see [`clienteling_store::BulkStore::upsert_members`]).
pub(super) async fn upsert(
    pool: &sqlx::Pool<crate::Db>,
    company: CompanyId,
    rows: &[BulkMember],
    limit: Option<u32>,
) -> Result<BulkOutcome> {
    let mut out = BulkOutcome::default();
    let keep = last_per_key(rows, |r| format!("{}/{}", r.book.0, r.account), &mut out);
    let mut tx = super::begin(pool).await?;
    let ids = resolve_accounts(
        &mut tx,
        company,
        keep.iter().map(|i| rows[*i].account.as_str()),
    )
    .await?;
    let customers: Vec<Uuid> = ids.values().map(|r| r.id).collect();
    lock(&mut tx, &customers).await?;
    let mut holders = load(&mut tx, &customers).await?;
    let now = now_micros();
    let mut adds: Vec<(Uuid, Uuid, i64)> = Vec::new();
    for i in keep {
        let row = &rows[i];
        let customer = match customer_of(&ids, &row.account, false) {
            Ok(c) => c,
            Err(reason) => {
                out.rejected.push((i, reason));
                continue;
            }
        };
        let held = holders.entry(customer).or_default();
        if held.iter().any(|(b, _)| *b == row.book.0) {
            out.unchanged += 1;
        } else if limit.is_some_and(|n| held.len() >= n as usize) {
            let owners: Vec<&str> = held.iter().map(|(_, o)| o.as_str()).collect();
            let reason = format!("already in client book {}", owners.join(", "));
            out.rejected.push((i, reason));
        } else {
            held.push((row.book.0, "another book of this import".into()));
            adds.push((row.book.0, customer, row.added_at.unwrap_or(now)));
            out.inserted += 1;
        }
    }
    write(&mut tx, company, &adds, now).await?;
    tx.commit().await.map_err(map_err)?;
    Ok(out)
}

/// Lock the customers' rows (a row lock on PostgreSQL, the write lock on SQLite).
async fn lock(tx: &mut Tx<'_>, customers: &[Uuid]) -> Result<()> {
    let mut sorted = customers.to_vec();
    sorted.sort_unstable();
    for chunk in sorted.chunks(rows_per_statement(1)) {
        let mut q = QueryBuilder::<crate::Db>::new(
            "UPDATE customers SET updated_at = updated_at WHERE id IN (",
        );
        let mut sep = q.separated(", ");
        for c in chunk {
            sep.push_bind(*c);
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

/// The books holding these customers.
async fn load(tx: &mut Tx<'_>, customers: &[Uuid]) -> Result<Holders> {
    let mut out = Holders::new();
    for chunk in customers.chunks(rows_per_statement(1)) {
        let mut q = QueryBuilder::<crate::Db>::new(
            "SELECT m.customer_id, b.id, b.number, a.display_name FROM client_book_members m \
             JOIN client_books b ON b.id = m.book_id JOIN associates a ON a.id = b.associate_id \
             WHERE m.customer_id IN (",
        );
        let mut sep = q.separated(", ");
        for c in chunk {
            sep.push_bind(*c);
        }
        q.push(") ORDER BY b.number");
        let rows: Vec<(Uuid, Uuid, String, String)> = q
            .build_query_as()
            .persistent(false)
            .fetch_all(&mut **tx)
            .await
            .map_err(map_err)?;
        for (c, b, number, owner) in rows {
            out.entry(c)
                .or_default()
                .push((b, format!("{number} ({owner})")));
        }
    }
    Ok(out)
}

/// Insert the memberships and their `added` history entries.
async fn write(
    tx: &mut Tx<'_>,
    company: CompanyId,
    adds: &[(Uuid, Uuid, i64)],
    now: i64,
) -> Result<()> {
    for chunk in adds.chunks(rows_per_statement(8)) {
        let mut q = QueryBuilder::<crate::Db>::new(
            "INSERT INTO client_book_members (book_id, customer_id, added_at, added_by) ",
        );
        q.push_values(chunk, |mut b, (book, customer, at)| {
            b.push_bind(*book)
                .push_bind(*customer)
                .push_bind(*at)
                .push_bind(None::<Uuid>);
        });
        q.build()
            .persistent(false)
            .execute(&mut **tx)
            .await
            .map_err(map_err)?;
        let mut h = QueryBuilder::<crate::Db>::new(
            "INSERT INTO client_book_history (id, company_id, customer_id, book_id, action, other_book_id, by_associate, at) ",
        );
        h.push_values(chunk, |mut b, (book, customer, _)| {
            b.push_bind(Uuid::now_v7())
                .push_bind(company.0)
                .push_bind(*customer)
                .push_bind(*book)
                .push_bind("added")
                .push_bind(None::<Uuid>)
                .push_bind(None::<Uuid>)
                .push_bind(now);
        });
        h.build()
            .persistent(false)
            .execute(&mut **tx)
            .await
            .map_err(map_err)?;
    }
    Ok(())
}
