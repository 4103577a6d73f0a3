//! Keyset-paged reads of whole tables for `clienteling export`.

use super::super::customers::{CUSTOMER_COLUMNS, CustomerRow};
use super::map_err;
use clienteling_domain::customer::Customer;
use clienteling_domain::ids::CompanyId;
use clienteling_store::{ActivityExport, MemberExport, PurchaseExport, Result};
use sqlx::{FromRow, QueryBuilder};
use uuid::Uuid;

type Pool = sqlx::Pool<crate::Db>;

#[derive(FromRow)]
struct PurchaseRow {
    id: Uuid,
    external_id: Option<String>,
    account: String,
    at: i64,
    amount_minor: i64,
    currency: String,
    store: Option<String>,
}

#[derive(FromRow)]
struct ActivityRow {
    id: Uuid,
    external_id: Option<String>,
    account: String,
    username: String,
    type_code: String,
    store: Option<String>,
    at: i64,
    description: String,
    due_at: Option<i64>,
}

#[derive(FromRow)]
struct MemberRow {
    book_id: Uuid,
    customer_id: Uuid,
    number: String,
    username: String,
    account: String,
    added_at: i64,
}

/// The external id, or the id of a row stored without one.
fn key_of(external_id: Option<String>, id: Uuid) -> String {
    external_id.unwrap_or_else(|| id.hyphenated().to_string())
}

/// Resume after the sort key `(at, id)` of table alias `t`; the redundant
/// `t.at >= …` lets both planners range-scan the `(company_id, at)` index.
fn push_after(q: &mut QueryBuilder<crate::Db>, t: &str, after: Option<(i64, Uuid)>) {
    if let Some((at, id)) = after {
        q.push(format!(" AND {t}.at >= "))
            .push_bind(at)
            .push(format!(" AND ({t}.at, {t}.id) > ("))
            .push_bind(at)
            .push(", ")
            .push_bind(id)
            .push(")");
    }
}

/// Customers ordered by account.
pub(super) async fn customers(
    pool: &Pool,
    company: CompanyId,
    after: Option<&str>,
    limit: u32,
) -> Result<Vec<Customer>> {
    let mut q = QueryBuilder::<crate::Db>::new(format!(
        "SELECT {} FROM customers c WHERE c.company_id = ",
        *CUSTOMER_COLUMNS
    ));
    q.push_bind(company.0);
    if let Some(a) = after {
        q.push(" AND c.account > ").push_bind(a.to_owned());
    }
    q.push(" ORDER BY c.account LIMIT ")
        .push_bind(i64::from(limit));
    let rows: Vec<CustomerRow> = q.build_query_as().fetch_all(pool).await.map_err(map_err)?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// Purchases ordered by `(at, id)` (the index on `(company_id, at)`).
pub(super) async fn purchases(
    pool: &Pool,
    company: CompanyId,
    after: Option<(i64, Uuid)>,
    limit: u32,
) -> Result<Vec<PurchaseExport>> {
    let mut q = QueryBuilder::<crate::Db>::new(
        "SELECT p.id, p.external_id, c.account, p.at, p.amount_minor, p.currency, s.code AS store FROM purchases p \
         JOIN customers c ON c.id = p.customer_id LEFT JOIN stores s ON s.id = p.store_id WHERE p.company_id = ",
    );
    q.push_bind(company.0);
    push_after(&mut q, "p", after);
    q.push(" ORDER BY p.at, p.id LIMIT ")
        .push_bind(i64::from(limit));
    let rows: Vec<PurchaseRow> = q.build_query_as().fetch_all(pool).await.map_err(map_err)?;
    Ok(rows
        .into_iter()
        .map(|r| PurchaseExport {
            id: r.id,
            key: key_of(r.external_id, r.id),
            account: r.account,
            at: r.at,
            amount_minor: r.amount_minor,
            currency: r.currency,
            store: r.store,
        })
        .collect())
}

/// Activities ordered by `(at, id)` (the index on `(company_id, at, id)`).
pub(super) async fn activities(
    pool: &Pool,
    company: CompanyId,
    after: Option<(i64, Uuid)>,
    limit: u32,
) -> Result<Vec<ActivityExport>> {
    let mut q = QueryBuilder::<crate::Db>::new(
        "SELECT a.id, a.external_id, c.account, w.username, t.code AS type_code, s.code AS store, a.at, \
         a.description, a.due_at FROM activities a JOIN customers c ON c.id = a.customer_id \
         JOIN associates w ON w.id = a.associate_id JOIN activity_types t ON t.id = a.type_id \
         LEFT JOIN stores s ON s.id = a.store_id WHERE a.company_id = ",
    );
    q.push_bind(company.0);
    push_after(&mut q, "a", after);
    q.push(" ORDER BY a.at, a.id LIMIT ")
        .push_bind(i64::from(limit));
    let rows: Vec<ActivityRow> = q.build_query_as().fetch_all(pool).await.map_err(map_err)?;
    Ok(rows
        .into_iter()
        .map(|r| ActivityExport {
            id: r.id,
            key: key_of(r.external_id, r.id),
            account: r.account,
            associate: r.username,
            type_code: r.type_code,
            store: r.store,
            at: r.at,
            description: r.description,
            due_at: r.due_at,
        })
        .collect())
}

/// Book memberships ordered by (book id, customer id): `CROSS JOIN` makes
/// SQLite walk the members' primary key (and stop at the limit) instead of
/// sorting every member of the company per page.
pub(super) async fn members(
    pool: &Pool,
    company: CompanyId,
    after: Option<(Uuid, Uuid)>,
    limit: u32,
) -> Result<Vec<MemberExport>> {
    let mut q = QueryBuilder::<crate::Db>::new(
        "SELECT m.book_id, m.customer_id, b.number, a.username, c.account, m.added_at FROM client_book_members m \
         CROSS JOIN client_books b JOIN associates a ON a.id = b.associate_id JOIN customers c ON c.id = m.customer_id \
         WHERE b.id = m.book_id AND b.company_id = ",
    );
    q.push_bind(company.0);
    if let Some((book, customer)) = after {
        q.push(" AND (m.book_id > ")
            .push_bind(book)
            .push(" OR (m.book_id = ")
            .push_bind(book)
            .push(" AND m.customer_id > ")
            .push_bind(customer)
            .push("))");
    }
    q.push(" ORDER BY m.book_id, m.customer_id LIMIT ")
        .push_bind(i64::from(limit));
    let rows: Vec<MemberRow> = q.build_query_as().fetch_all(pool).await.map_err(map_err)?;
    Ok(rows
        .into_iter()
        .map(|r| MemberExport {
            key: (r.book_id, r.customer_id),
            book: r.number,
            associate: r.username,
            account: r.account,
            added_at: r.added_at,
        })
        .collect())
}
