//! Customer filters, scopes and the sort cursor, defined once with sea-query
//! and rendered for each backend's dialect (`crate::dialect::SeaBuilder`),
//! with every value bound (`sea-query-sqlx`), never formatted into the SQL.

use super::customers::{CARD_CUSTOMER_COLUMNS, CUSTOMER_COLUMNS};
use clienteling_domain::filter::{CondOp, CustomerFilter};
use clienteling_domain::ids::{AddressBookId, AttributeId, CompanyId};
use clienteling_store::{BookScope, CustomerCursor};
use sea_query::{Cond, Expr, ExprTrait, JoinType, LikeExpr, Order, Query, SelectStatement, Value};
use sea_query_sqlx::{SqlxBinder, SqlxValues};

/// `LIKE` pattern matching `q` literally anywhere, lower-cased.
pub(crate) fn escape_like(q: &str) -> String {
    let mut s = String::with_capacity(q.len() + 2);
    s.push('%');
    for ch in q.to_lowercase().chars() {
        if matches!(ch, '%' | '_' | '\\') {
            s.push('\\');
        }
        s.push(ch);
    }
    s.push('%');
    s
}

/// Render a statement for this backend: the SQL and its bound values.
pub(crate) fn render(stmt: &SelectStatement) -> (sqlx::AssertSqlSafe<String>, SqlxValues) {
    let (sql, values) = stmt.build_sqlx(crate::dialect::SeaBuilder);
    (super::dynamic(sql), values)
}

/// Run a filtered statement, planned with its values (`persistent(false)`):
/// a filter's selectivity depends on its values (one attribute value may
/// hold a third of the customers, another a handful), and PostgreSQL's
/// generic plan for a cached statement assumes the average. At 1M customers
/// that plan hashed all 332,000 customers with `preferred_contact = email`
/// for a store book of 3,000 (746 ms against 20 ms with the values planned
/// in; BENCHMARKS.md).
pub(crate) async fn fetch_planned<T>(
    pool: &sqlx::Pool<crate::Db>,
    stmt: &SelectStatement,
) -> clienteling_store::Result<Vec<T>>
where
    T: for<'r> sqlx::FromRow<'r, <crate::Db as sqlx::Database>::Row> + Send + Unpin,
{
    let (sql, values) = render(stmt);
    sqlx::query_as_with(sql, values)
        .persistent(false)
        .fetch_all(pool)
        .await
        .map_err(super::map_err)
}

/// `SELECT <customer columns> FROM customers c WHERE c.company_id = ?`.
pub(crate) fn customers_of(company: CompanyId) -> SelectStatement {
    select_of(company, CUSTOMER_COLUMNS.as_str())
}

/// Like [`customers_of`] without the customers' address books (see
/// [`CARD_CUSTOMER_COLUMNS`]).
pub(crate) fn card_customers_of(company: CompanyId) -> SelectStatement {
    select_of(company, CARD_CUSTOMER_COLUMNS.as_str())
}

fn select_of(company: CompanyId, columns: &'static str) -> SelectStatement {
    Query::select()
        .expr(Expr::cust(columns))
        .from_as("customers", "c")
        .and_where(Expr::col(("c", "company_id")).eq(company.0))
        .to_owned()
}

/// A table column `(alias, column)`.
pub(crate) type Col = (&'static str, &'static str);

/// `INNER JOIN table alias ON left = right`.
pub(crate) fn join<'s>(
    stmt: &'s mut SelectStatement,
    table: &'static str,
    alias: &'static str,
    (left, right): (Col, Col),
) -> &'s mut SelectStatement {
    stmt.join_as(
        JoinType::InnerJoin,
        table,
        alias,
        Expr::col(left).equals(right),
    )
}

/// Order by the customer sort key and keep `limit` rows.
pub(crate) fn in_customer_order(stmt: &mut SelectStatement, limit: u32) {
    stmt.order_by(("c", "last_name"), Order::Asc)
        .order_by(("c", "first_name"), Order::Asc)
        .order_by(("c", "account"), Order::Asc)
        .limit(u64::from(limit));
}

/// Free text on the customer `c`.
pub(crate) fn text(q: Option<&str>) -> Option<Expr> {
    let text = q.map(str::trim).filter(|t| !t.is_empty())?;
    Some(Expr::col(("c", "search_text")).like(LikeExpr::new(escape_like(text)).escape('\\')))
}

/// Rows after a sort key.
pub(crate) fn after(after: Option<&CustomerCursor>) -> Option<Expr> {
    let a = after?;
    let key = [("c", "last_name"), ("c", "first_name"), ("c", "account")].map(Expr::col);
    let val = [&a.l, &a.f, &a.a].map(|v| Expr::val(v.as_str()));
    Some(Expr::tuple(key).gt(Expr::tuple(val)))
}

/// Customers `c` in at least one of `scope`'s address books.
pub(crate) fn address_scope(scope: &[AddressBookId]) -> Expr {
    if scope.is_empty() {
        return Expr::cust("1 = 0");
    }
    Expr::exists(
        Query::select()
            .expr(Expr::val(1))
            .from_as("customer_address_books", "x")
            .and_where(Expr::col(("x", "customer_id")).equals(("c", "id")))
            .and_where(Expr::col(("x", "address_book_id")).is_in(scope.iter().map(|b| b.0)))
            .to_owned(),
    )
}

/// Customers `c` in a client book or a store client book, as
/// `c.id IN (members)`: with planner statistics both backends drive the
/// query from the book's members (a correlated `EXISTS` made SQLite walk
/// every customer of the company in sort order).
pub(crate) fn book_scope(scope: &BookScope) -> Expr {
    book_scope_on(scope, CUSTOMER_ID)
}

/// The customer id of the customer row `c`.
pub(crate) const CUSTOMER_ID: Col = ("c", "id");

/// Like [`book_scope`] for the customer id in `customer`.
pub(crate) fn book_scope_on(scope: &BookScope, customer: Col) -> Expr {
    let mut members = Query::select()
        .column(("m", "customer_id"))
        .from_as("client_book_members", "m")
        .to_owned();
    match scope {
        BookScope::Book(id) => {
            members.and_where(Expr::col(("m", "book_id")).eq(id.0));
        }
        BookScope::Stores(stores) if stores.is_empty() => return Expr::cust("1 = 0"),
        BookScope::Stores(stores) => {
            let q = &mut members;
            join(q, "client_books", "bk", (("bk", "id"), ("m", "book_id")));
            let aab = (("aab", "associate_id"), ("bk", "associate_id"));
            join(q, "associate_address_books", "aab", aab);
            let sab = (("sab", "address_book_id"), ("aab", "address_book_id"));
            join(q, "store_address_books", "sab", sab);
            q.and_where(Expr::col(("sab", "store_id")).is_in(stores.iter().map(|s| s.0)));
        }
    }
    Expr::col(customer).in_subquery(members)
}

/// Every condition of `f`, combined with AND.
pub(crate) fn filter(f: &CustomerFilter) -> Cond {
    filter_on(f, CUSTOMER_ID)
}

/// Like [`filter`] with the attribute conditions on the customer id in
/// `customer`. The free text is on the customer row `c`, so without a
/// customer row `f.q` must be empty ([`needs_customer_row`]).
pub(crate) fn filter_on(f: &CustomerFilter, customer: Col) -> Cond {
    let mut all = Cond::all().add_option(text(f.q.as_deref()));
    for c in &f.conds {
        all = all.add(has_attribute(customer, c.attribute, op(&c.op)));
    }
    if let Some((attr, days)) = &f.month_days {
        let month_day = Expr::cust_with_values("substr(ca.value_text, 6, 5)", Vec::<Value>::new());
        all = all.add(has_attribute(
            customer,
            *attr,
            month_day.is_in(days.iter().cloned()),
        ));
    }
    all
}

/// Whether `f` looks at the customer row itself (free text), not only at
/// attribute values.
pub(crate) fn needs_customer_row(f: &CustomerFilter) -> bool {
    text(f.q.as_deref()).is_some()
}

/// The customer `customer` has a value of `attribute` satisfying `cond` (on `ca`).
fn has_attribute(customer: Col, attribute: AttributeId, cond: Expr) -> Expr {
    Expr::exists(
        Query::select()
            .expr(Expr::val(1))
            .from_as("customer_attributes", "ca")
            .and_where(Expr::col(("ca", "customer_id")).equals(customer))
            .and_where(Expr::col(("ca", "attribute_id")).eq(attribute.0))
            .and_where(cond)
            .to_owned(),
    )
}

fn op(op: &CondOp) -> Expr {
    let text = || Expr::col(("ca", "value_text"));
    let num = || Expr::col(("ca", "value_num"));
    match op {
        CondOp::TextIn(vs) => text().is_in(vs.iter().cloned()),
        CondOp::NumIn(vs) => num().is_in(vs.iter().copied()),
        CondOp::NumMin(v) => num().gte(*v),
        CondOp::NumMax(v) => num().lte(*v),
        CondOp::TextMin(v) => text().gte(v.clone()),
        CondOp::TextMax(v) => text().lte(v.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clienteling_domain::filter::AttrCondition;
    use uuid::Uuid;

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(escape_like("A_b%"), "%a\\_b\\%%");
    }

    #[test]
    fn every_value_is_bound_never_formatted() {
        let f = CustomerFilter {
            q: Some("O'Brien".into()),
            conds: vec![AttrCondition {
                attribute: AttributeId(Uuid::nil()),
                op: CondOp::TextIn(vec!["x'); DROP TABLE customers; --".into()]),
            }],
            month_days: Some((AttributeId(Uuid::nil()), vec!["12-31".into()])),
        };
        let mut stmt = customers_of(CompanyId(Uuid::nil()));
        stmt.cond_where(filter(&f));
        let (sql, _) = render(&stmt);
        assert!(!sql.0.contains("DROP"), "{}", sql.0);
        assert!(!sql.0.contains("Brien"), "{}", sql.0);
        assert!(!sql.0.contains("12-31"), "{}", sql.0);
    }
}
