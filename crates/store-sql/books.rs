//! Client books: numbering, membership under the books-per-customer rule
//! (serialised per customer by locking its row first), history, and the
//! filtered listings and facet counts of a book or a store book.

use super::customers::CustomerRow;
use super::filter::{self, book_scope, in_customer_order, join};
use super::map_err;
use crate::Backend;
use async_trait::async_trait;
use clienteling_domain::customer::Customer;
use clienteling_domain::filter::CustomerFilter;
use clienteling_domain::ids::{AssociateId, AttributeId, ClientBookId, CompanyId, CustomerId};
use clienteling_domain::settings::NumberSequence;
use clienteling_domain::time_util::now_micros;
use clienteling_store::{
    AddOutcome, BookEvent, BookOwner, BookScope, ClientBook, ClientBookStore, CustomerCursor,
    DateEvent, Result, StoreError,
};
use sea_query::{Expr, ExprTrait, Order, Query};
use sqlx::FromRow;
use uuid::Uuid;

type Tx<'a> = sqlx::Transaction<'a, crate::Db>;

#[derive(FromRow)]
struct BookRow {
    id: Uuid,
    number: String,
    company_id: Uuid,
    associate_id: Uuid,
    associate_name: String,
}

impl From<BookRow> for ClientBook {
    fn from(r: BookRow) -> Self {
        ClientBook {
            id: ClientBookId(r.id),
            number: r.number,
            company: CompanyId(r.company_id),
            associate: AssociateId(r.associate_id),
            associate_name: r.associate_name,
        }
    }
}

const BOOK_SQL: &str = "SELECT b.id, b.number, b.company_id, b.associate_id, a.display_name AS associate_name \
     FROM client_books b JOIN associates a ON a.id = b.associate_id WHERE b.company_id = $1";

/// Lock the customer's row so that membership changes of one customer run
/// one at a time (a row lock on PostgreSQL, the write lock on SQLite).
async fn lock_customer(tx: &mut Tx<'_>, customer: CustomerId) -> Result<()> {
    let done = sqlx::query("UPDATE customers SET updated_at = updated_at WHERE id = $1")
        .bind(customer.0)
        .execute(&mut **tx)
        .await
        .map_err(map_err)?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(StoreError::NotFound)
    }
}

async fn owners(tx: &mut Tx<'_>, customer: CustomerId) -> Result<Vec<(Uuid, BookOwner)>> {
    let rows: Vec<(Uuid, String, Uuid, String)> = sqlx::query_as(
        "SELECT b.id, b.number, a.id, a.display_name FROM client_book_members m JOIN client_books b ON b.id = m.book_id \
         JOIN associates a ON a.id = b.associate_id WHERE m.customer_id = $1 ORDER BY b.number",
    )
    .bind(customer.0)
    .fetch_all(&mut **tx)
    .await
    .map_err(map_err)?;
    Ok(rows
        .into_iter()
        .map(|(id, book, assoc, name)| {
            (
                id,
                BookOwner {
                    book,
                    associate: AssociateId(assoc),
                    name,
                },
            )
        })
        .collect())
}

async fn history(
    tx: &mut Tx<'_>,
    book: &ClientBook,
    customer: CustomerId,
    action: &str,
    other: Option<Uuid>,
    by: AssociateId,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO client_book_history (id, company_id, customer_id, book_id, action, other_book_id, by_associate, at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(Uuid::now_v7())
    .bind(book.company.0)
    .bind(customer.0)
    .bind(book.id.0)
    .bind(action)
    .bind(other)
    .bind(by.0)
    .bind(now_micros())
    .execute(&mut **tx)
    .await
    .map_err(map_err)?;
    Ok(())
}

async fn insert_member(
    tx: &mut Tx<'_>,
    book: &ClientBook,
    customer: CustomerId,
    by: AssociateId,
) -> Result<()> {
    sqlx::query("INSERT INTO client_book_members (book_id, customer_id, added_at, added_by) VALUES ($1, $2, $3, $4)")
        .bind(book.id.0)
        .bind(customer.0)
        .bind(now_micros())
        .bind(by.0)
        .execute(&mut **tx)
        .await
        .map_err(map_err)?;
    Ok(())
}

/// Per attribute (in `attributes`' order) its first `max` values of `rows`
/// (already most common first), displayed as the attribute's values are.
fn top_values(
    attributes: &[AttributeId],
    rows: Vec<(Uuid, Option<String>, Option<f64>, i64)>,
    max: usize,
) -> Vec<(AttributeId, Vec<(String, i64)>)> {
    let mut out: Vec<(AttributeId, Vec<(String, i64)>)> =
        attributes.iter().map(|a| (*a, Vec::new())).collect();
    for (attribute, t, n, count) in rows {
        let Some(v) = super::stored_value(t, n) else {
            continue;
        };
        if let Some((_, values)) = out.iter_mut().find(|(a, _)| a.0 == attribute)
            && values.len() < max
        {
            values.push((v.display(), count));
        }
    }
    out
}

fn full(limit: Option<u32>, count: usize) -> bool {
    limit.is_some_and(|n| count >= n as usize)
}

impl Backend {
    async fn find_book(
        &self,
        company: CompanyId,
        associate: AssociateId,
    ) -> Result<Option<ClientBook>> {
        let sql = format!("{BOOK_SQL} AND b.associate_id = $2");
        let row: Option<BookRow> = sqlx::query_as(super::dynamic(sql))
            .bind(company.0)
            .bind(associate.0)
            .fetch_optional(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(row.map(Into::into))
    }

    /// Allocate the next number and insert the book; `false` when the
    /// associate got a book concurrently (the transaction is then dropped, so
    /// the number is not consumed).
    async fn try_create_book(&self, company: CompanyId, associate: AssociateId) -> Result<bool> {
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        for _ in 0..1000 {
            let (next, prefix, width): (i64, String, i32) = sqlx::query_as(
                "UPDATE number_sequences SET next = next + 1 WHERE company_id = $1 AND name = 'client_book' RETURNING next - 1, prefix, width",
            )
            .bind(company.0)
            .fetch_one(&mut *tx)
            .await
            .map_err(map_err)?;
            let width = u8::try_from(width).map_err(StoreError::other)?;
            let number = NumberSequence {
                prefix,
                width,
                next,
            }
            .format(next);
            let done = sqlx::query(
                "INSERT INTO client_books (id, company_id, number, associate_id, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
            )
            .bind(ClientBookId::new().0)
            .bind(company.0)
            .bind(&number)
            .bind(associate.0)
            .bind(now_micros())
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
            if done.rows_affected() == 1 {
                tx.commit().await.map_err(map_err)?;
                return Ok(true);
            }
            let taken: Option<(Uuid,)> = sqlx::query_as(
                "SELECT id FROM client_books WHERE company_id = $1 AND associate_id = $2",
            )
            .bind(company.0)
            .bind(associate.0)
            .fetch_optional(&mut *tx)
            .await
            .map_err(map_err)?;
            if taken.is_some() {
                return Ok(false);
            }
        }
        Err(StoreError::Conflict {
            constraint: "client_books_number_key".into(),
        })
    }
}

#[async_trait]
impl ClientBookStore for Backend {
    async fn ensure_book(&self, company: CompanyId, associate: AssociateId) -> Result<ClientBook> {
        if let Some(b) = self.find_book(company, associate).await? {
            return Ok(b);
        }
        self.try_create_book(company, associate).await?;
        self.find_book(company, associate)
            .await?
            .ok_or(StoreError::NotFound)
    }

    async fn book_by_number(&self, company: CompanyId, number: &str) -> Result<ClientBook> {
        let sql = format!("{BOOK_SQL} AND b.number = $2");
        let row: BookRow = sqlx::query_as(super::dynamic(sql))
            .bind(company.0)
            .bind(number)
            .fetch_one(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(row.into())
    }

    async fn add_to_book(
        &self,
        book: &ClientBook,
        customer: CustomerId,
        limit: Option<u32>,
        by: AssociateId,
    ) -> Result<AddOutcome> {
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        lock_customer(&mut tx, customer).await?;
        let current = owners(&mut tx, customer).await?;
        if current.iter().any(|(id, _)| *id == book.id.0) {
            return Ok(AddOutcome::AlreadyHere);
        }
        if full(limit, current.len()) {
            return Ok(AddOutcome::Conflict(
                current.into_iter().map(|(_, o)| o).collect(),
            ));
        }
        insert_member(&mut tx, book, customer, by).await?;
        history(&mut tx, book, customer, "added", None, by).await?;
        tx.commit().await.map_err(map_err)?;
        Ok(AddOutcome::Added)
    }

    async fn remove_from_book(
        &self,
        book: &ClientBook,
        customer: CustomerId,
        by: AssociateId,
    ) -> Result<bool> {
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        let done =
            sqlx::query("DELETE FROM client_book_members WHERE book_id = $1 AND customer_id = $2")
                .bind(book.id.0)
                .bind(customer.0)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        history(&mut tx, book, customer, "removed", None, by).await?;
        tx.commit().await.map_err(map_err)?;
        Ok(true)
    }

    async fn move_to_book(
        &self,
        from: Option<&ClientBook>,
        to: &ClientBook,
        customer: CustomerId,
        limit: Option<u32>,
        by: AssociateId,
    ) -> Result<AddOutcome> {
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        lock_customer(&mut tx, customer).await?;
        let current = owners(&mut tx, customer).await?;
        let already = current.iter().any(|(id, _)| *id == to.id.0);
        let sources: Vec<Uuid> = current
            .iter()
            .map(|(id, _)| *id)
            .filter(|id| *id != to.id.0 && from.is_none_or(|f| f.id.0 == *id))
            .collect();
        if sources.is_empty() && already {
            return Ok(AddOutcome::AlreadyHere);
        }
        if !already && full(limit, current.len() - sources.len()) {
            return Ok(AddOutcome::Conflict(
                current.into_iter().map(|(_, o)| o).collect(),
            ));
        }
        for src in &sources {
            sqlx::query("DELETE FROM client_book_members WHERE book_id = $1 AND customer_id = $2")
                .bind(src)
                .bind(customer.0)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
            let src_book = ClientBook {
                id: ClientBookId(*src),
                ..to.clone()
            };
            history(&mut tx, &src_book, customer, "moved_out", Some(to.id.0), by).await?;
        }
        if !already {
            insert_member(&mut tx, to, customer, by).await?;
        }
        history(
            &mut tx,
            to,
            customer,
            "moved_in",
            sources.first().copied(),
            by,
        )
        .await?;
        tx.commit().await.map_err(map_err)?;
        Ok(AddOutcome::Added)
    }

    async fn book_member_ids(&self, book: &ClientBook) -> Result<Vec<CustomerId>> {
        let rows: Vec<(Uuid,)> =
            sqlx::query_as("SELECT customer_id FROM client_book_members WHERE book_id = $1")
                .bind(book.id.0)
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
        Ok(rows.into_iter().map(|(c,)| CustomerId(c)).collect())
    }

    async fn list_book_customers(
        &self,
        company: CompanyId,
        scope: &BookScope,
        filter: &CustomerFilter,
        after: Option<&CustomerCursor>,
        limit: u32,
    ) -> Result<Vec<Customer>> {
        let mut stmt = filter::card_customers_of(company);
        stmt.and_where(book_scope(scope))
            .cond_where(filter::filter(filter))
            .and_where_option(filter::after(after));
        in_customer_order(&mut stmt, limit);
        let rows: Vec<CustomerRow> = filter::fetch_planned(&self.pool, &stmt).await?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    async fn facet_counts(
        &self,
        company: CompanyId,
        scope: &BookScope,
        filter: &CustomerFilter,
        attributes: &[AttributeId],
        max_values: u32,
    ) -> Result<Vec<(AttributeId, Vec<(String, i64)>)>> {
        if attributes.is_empty() {
            return Ok(Vec::new());
        }
        let columns = [
            ("f", "attribute_id"),
            ("f", "value_text"),
            ("f", "value_num"),
        ];
        let mut stmt = Query::select()
            .columns(columns)
            .expr_as(Expr::cust("COUNT(*)"), "n")
            .from_as("customer_attributes", "f")
            .and_where(Expr::col(("f", "attribute_id")).is_in(attributes.iter().map(|a| a.0)))
            .to_owned();
        if filter::needs_customer_row(filter) {
            let on = (filter::CUSTOMER_ID, ("f", "customer_id"));
            join(&mut stmt, "customers", "c", on)
                .and_where(Expr::col(("c", "company_id")).eq(company.0))
                .and_where(book_scope(scope))
                .cond_where(filter::filter(filter));
        } else {
            // Attribute conditions only: no customer row to read (half the
            // page reads of a store book's counts). The scope is the
            // company's own books (or its stores'), which hold only the
            // company's customers, so it also keeps other companies out.
            let customer = ("f", "customer_id");
            stmt.and_where(filter::book_scope_on(scope, customer))
                .cond_where(filter::filter_on(filter, customer));
        }
        stmt.group_by_columns(columns)
            .order_by_expr(Expr::cust("n"), Order::Desc)
            .order_by(("f", "value_text"), Order::Asc)
            .order_by(("f", "value_num"), Order::Asc);
        let rows: Vec<(Uuid, Option<String>, Option<f64>, i64)> =
            filter::fetch_planned(&self.pool, &stmt).await?;
        Ok(top_values(attributes, rows, max_values as usize))
    }

    async fn date_events(
        &self,
        company: CompanyId,
        scope: &BookScope,
        attributes: &[AttributeId],
        month_days: &[String],
        limit: u32,
    ) -> Result<Vec<DateEvent>> {
        self.date_events_of(company, scope, attributes, month_days, limit)
            .await
    }

    async fn count_book(&self, book: &ClientBook) -> Result<i64> {
        let (n,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM client_book_members WHERE book_id = $1")
                .bind(book.id.0)
                .fetch_one(&self.pool)
                .await
                .map_err(map_err)?;
        Ok(n)
    }

    async fn books_of_customer(&self, customer: CustomerId) -> Result<Vec<BookOwner>> {
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        let list = owners(&mut tx, customer).await?;
        tx.commit().await.map_err(map_err)?;
        Ok(list.into_iter().map(|(_, o)| o).collect())
    }

    async fn book_history(&self, customer: CustomerId) -> Result<Vec<BookEvent>> {
        let rows: Vec<(String, String, Option<String>, Option<Uuid>, i64)> = sqlx::query_as(
            "SELECT h.action, b.number, o.number, h.by_associate, h.at FROM client_book_history h \
             JOIN client_books b ON b.id = h.book_id LEFT JOIN client_books o ON o.id = h.other_book_id \
             WHERE h.customer_id = $1 ORDER BY h.at DESC, h.id DESC",
        )
        .bind(customer.0)
        .fetch_all(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(rows
            .into_iter()
            .map(|(action, book, other_book, by, at)| BookEvent {
                action,
                book,
                other_book,
                by: by.map(AssociateId),
                at,
            })
            .collect())
    }
}
