//! Importing client-book memberships: `associate` (username) and `account`;
//! the associate's book is created on first use. The books-per-customer
//! rule of the settings holds: a customer already in as many books as
//! allowed is rejected with the owning book. The `book` column of an export
//! is informational (numbers are per database); `added_at` is kept.

use super::source::{Column, Fields};
use super::values::parse_time;
use super::{Importer, account};
use anyhow::{Result, anyhow};
use clienteling_domain::ids::{AssociateId, ClientBookId, CompanyId};
use clienteling_store::{BulkMember, BulkOutcome, Store};
use std::collections::HashMap;
use std::sync::Mutex;

const ASSOCIATE: usize = 1;
const ACCOUNT: usize = 2;
const ADDED_AT: usize = 3;

/// The header of the client-books format.
pub const HEADER: [&str; 4] = ["book", "associate", "account", "added_at"];

/// A parsed membership row.
pub struct Row {
    associate: AssociateId,
    account: String,
    added_at: Option<i64>,
}

/// The client-books importer.
pub struct Books {
    company: CompanyId,
    columns: Vec<Column>,
    associates: HashMap<String, AssociateId>,
    limit: Option<u32>,
    books: Mutex<HashMap<AssociateId, ClientBookId>>,
}

impl Books {
    /// An importer into `company`.
    pub async fn load(store: &dyn Store, company: CompanyId) -> Result<Self> {
        let associates = store
            .list_associates(company)
            .await?
            .into_iter()
            .map(|a| (a.username.as_str().to_owned(), a.id))
            .collect();
        let limit = clienteling_server::books::limit(&store.settings(company).await?);
        let columns = vec![
            Column::optional(HEADER[0], &["book_number"]),
            Column::required(HEADER[ASSOCIATE], &["username", "owner"]),
            Column::required(HEADER[ACCOUNT], &["customer_id", "customer"]),
            Column::optional(HEADER[ADDED_AT], &[]),
        ];
        Ok(Books {
            company,
            columns,
            associates,
            limit,
            books: Mutex::new(HashMap::new()),
        })
    }

    /// The associate's book, created on first use.
    async fn book(&self, store: &dyn Store, associate: AssociateId) -> Result<ClientBookId> {
        let known = self.lock()?.get(&associate).copied();
        if let Some(id) = known {
            return Ok(id);
        }
        let book = store.ensure_book(self.company, associate).await?;
        self.lock()?.insert(associate, book.id);
        Ok(book.id)
    }

    fn lock(&self) -> Result<std::sync::MutexGuard<'_, HashMap<AssociateId, ClientBookId>>> {
        self.books
            .lock()
            .map_err(|_| anyhow!("book cache poisoned"))
    }
}

impl Importer for Books {
    type Row = Row;

    fn columns(&self) -> &[Column] {
        &self.columns
    }

    fn parse(&self, f: &Fields<'_>) -> Result<Row, String> {
        let username = f.required(ASSOCIATE)?.to_lowercase();
        let associate = *self
            .associates
            .get(&username)
            .ok_or_else(|| format!("unknown associate {username}"))?;
        let added_at = f
            .non_empty(ADDED_AT)?
            .map(parse_time)
            .transpose()
            .map_err(|e| format!("added_at: {e}"))?;
        Ok(Row {
            associate,
            account: account(f, ACCOUNT)?,
            added_at,
        })
    }

    async fn write(&self, store: &dyn Store, rows: &[Row]) -> Result<BulkOutcome> {
        let mut members = Vec::with_capacity(rows.len());
        for r in rows {
            members.push(BulkMember {
                book: self.book(store, r.associate).await?,
                account: r.account.clone(),
                added_at: r.added_at,
            });
        }
        Ok(store
            .upsert_members(self.company, &members, self.limit)
            .await?)
    }
}
