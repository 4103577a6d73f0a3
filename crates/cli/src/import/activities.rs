//! Importing activities: upsert by external id (or a key derived from the
//! row, as for purchases). Associates by username, types and stores by code;
//! inactive types are accepted (history keeps them).

use super::purchases::{key_of, store_of};
use super::source::{Column, Fields};
use super::values::parse_time;
use super::{Importer, account, invalid};
use anyhow::Result;
use clienteling_domain::activity::{ActivityInput, RawActivity};
use clienteling_domain::ids::{ActivityTypeId, AssociateId, CompanyId, StoreId};
use clienteling_store::{BulkActivity, BulkOutcome, Store};
use std::collections::HashMap;

const ACCOUNT: usize = 1;
const ASSOCIATE: usize = 2;
const TYPE: usize = 3;
const STORE: usize = 4;
const AT: usize = 5;
const DESCRIPTION: usize = 6;
const DUE_AT: usize = 7;

/// The header of the activities format.
pub const HEADER: [&str; 8] = [
    "external_id",
    "account",
    "associate",
    "type",
    "store",
    "at",
    "description",
    "due_at",
];

/// The activities importer.
pub struct Activities {
    company: CompanyId,
    columns: Vec<Column>,
    associates: HashMap<String, AssociateId>,
    types: HashMap<String, ActivityTypeId>,
    stores: HashMap<String, StoreId>,
}

impl Activities {
    /// An importer into `company`.
    pub async fn load(store: &dyn Store, company: CompanyId) -> Result<Self> {
        let associates = store.list_associates(company).await?;
        let types = store.list_activity_types(company).await?;
        let stores = store.list_stores(company).await?;
        let columns = vec![
            Column::optional(HEADER[0], &["id"]),
            Column::required(HEADER[ACCOUNT], &["customer_id", "customer"]),
            Column::required(HEADER[ASSOCIATE], &["username", "user"]),
            Column::required(HEADER[TYPE], &["activity_type", "type_code"]),
            Column::optional(HEADER[STORE], &["store_code"]),
            Column::required(HEADER[AT], &["date", "timestamp", "time"]),
            Column::required(HEADER[DESCRIPTION], &["text"]),
            Column::optional(HEADER[DUE_AT], &["due"]),
        ];
        Ok(Activities {
            company,
            columns,
            associates: associates
                .into_iter()
                .map(|a| (a.username.as_str().to_owned(), a.id))
                .collect(),
            types: types
                .into_iter()
                .map(|t| (t.code.as_str().to_owned(), t.id))
                .collect(),
            stores: stores
                .into_iter()
                .map(|s| (s.code.as_str().to_owned(), s.id))
                .collect(),
        })
    }
}

/// An optional time column.
fn time_of(f: &Fields<'_>, i: usize) -> Result<Option<i64>, String> {
    f.non_empty(i)?
        .map(parse_time)
        .transpose()
        .map_err(|e| format!("{}: {e}", f.name(i)))
}

impl Importer for Activities {
    type Row = BulkActivity;

    fn columns(&self) -> &[Column] {
        &self.columns
    }

    fn parse(&self, f: &Fields<'_>) -> Result<BulkActivity, String> {
        let account = account(f, ACCOUNT)?;
        let raw = RawActivity {
            type_code: f.get(TYPE)?.unwrap_or_default().to_owned(),
            at: None,
            description: f.get(DESCRIPTION)?.unwrap_or_default().to_owned(),
            due_at: None,
        };
        let input = ActivityInput::parse(&raw).map_err(|e| invalid(&e))?;
        let username = f.required(ASSOCIATE)?.to_lowercase();
        let associate = *self
            .associates
            .get(&username)
            .ok_or_else(|| format!("unknown associate {username}"))?;
        let code = input.type_code.as_str();
        let activity_type = *self
            .types
            .get(code)
            .ok_or_else(|| format!("unknown activity type {code}"))?;
        let at = time_of(f, AT)?.ok_or_else(|| "empty at".to_owned())?;
        let key = key_of(f, &account, at, code)?;
        Ok(BulkActivity {
            key,
            account,
            associate,
            activity_type,
            store: store_of(&self.stores, f.non_empty(STORE)?)?,
            at,
            description: input.description,
            due_at: time_of(f, DUE_AT)?,
        })
    }

    async fn write(&self, store: &dyn Store, rows: &[BulkActivity]) -> Result<BulkOutcome> {
        Ok(store.upsert_activities(self.company, rows).await?)
    }
}
