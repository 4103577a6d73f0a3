//! Company settings: a JSON document plus the client-book number sequence,
//! which lives in its own row so allocation can be an atomic update.

use super::map_err;
use crate::Backend;
use async_trait::async_trait;
use clienteling_domain::ids::CompanyId;
use clienteling_domain::settings::{NumberSequence, Settings};
use clienteling_store::{Result, SettingsStore, StoreError};

#[async_trait]
impl SettingsStore for Backend {
    async fn settings(&self, company: CompanyId) -> Result<Settings> {
        // One statement: most requests read the settings.
        let (doc, prefix, width, next): (String, String, i32, i64) = sqlx::query_as(
            "SELECT s.doc, n.prefix, n.width, n.next FROM company_settings s \
             JOIN number_sequences n ON n.company_id = s.company_id AND n.name = 'client_book' \
             WHERE s.company_id = $1",
        )
        .bind(company.0)
        .fetch_one(&self.pool)
        .await
        .map_err(map_err)?;
        let mut s: Settings = serde_json::from_str(&doc).map_err(StoreError::other)?;
        let width = u8::try_from(width).map_err(StoreError::other)?;
        s.client_book_number_sequence = NumberSequence {
            prefix,
            width,
            next,
        };
        Ok(s)
    }

    async fn put_settings(&self, company: CompanyId, s: &Settings) -> Result<()> {
        let doc = serde_json::to_string(s).map_err(StoreError::other)?;
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        let done = sqlx::query("UPDATE company_settings SET doc = $2 WHERE company_id = $1")
            .bind(company.0)
            .bind(doc)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        if done.rows_affected() != 1 {
            return Err(StoreError::NotFound);
        }
        let seq = &s.client_book_number_sequence;
        sqlx::query(
            "UPDATE number_sequences SET prefix = $2, width = $3, next = $4 WHERE company_id = $1 AND name = 'client_book'",
        )
        .bind(company.0)
        .bind(&seq.prefix)
        .bind(i32::from(seq.width))
        .bind(seq.next)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        tx.commit().await.map_err(map_err)
    }
}
