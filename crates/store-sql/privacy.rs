//! Erasure (anonymisation) of a customer's personal data.

use super::map_err;
use crate::Backend;
use async_trait::async_trait;
use clienteling_domain::ids::{CompanyId, CustomerId};
use clienteling_domain::time_util::now_micros;
use clienteling_store::{EraseReport, PrivacyStore, Result, StoreError};

/// What replaces erased free text.
pub const ERASED: &str = "[erased]";

type Tx<'a> = sqlx::Transaction<'a, crate::Db>;

/// Run `sql` about one customer (`$1`); `$2`, where the statement has one,
/// is the text that replaces erased text.
async fn exec(tx: &mut Tx<'_>, sql: &'static str, customer: CustomerId) -> Result<u64> {
    let mut q = sqlx::query(sql).bind(customer.0);
    if sql.contains("$2") {
        q = q.bind(ERASED);
    }
    q.execute(&mut **tx)
        .await
        .map(|r| r.rows_affected())
        .map_err(map_err)
}

#[async_trait]
impl PrivacyStore for Backend {
    async fn erase_customer(
        &self,
        company: CompanyId,
        customer: CustomerId,
    ) -> Result<EraseReport> {
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        let done = sqlx::query(
            "UPDATE customers SET first_name = 'Erased', last_name = 'customer', email = NULL, phone = NULL, street = NULL, \
             postal_code = NULL, city = NULL, country = NULL, alternate_id = NULL, consent = FALSE, consent_at = NULL, \
             consent_source = NULL, search_text = account, erased_at = $3, updated_at = $3 WHERE company_id = $1 AND id = $2",
        )
        .bind(company.0)
        .bind(customer.0)
        .bind(now_micros())
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        if done.rows_affected() != 1 {
            return Err(StoreError::NotFound);
        }
        // Outreach: the outbox keeps no address or text; unsent messages are cancelled.
        exec(&mut tx, "UPDATE outbox SET recipient = $2, subject = $2, body = $2, last_error = NULL, status = CASE WHEN status = 'sent' THEN 'sent' ELSE 'dead' END WHERE customer_id = $1", customer).await?;
        exec(
            &mut tx,
            "DELETE FROM customer_consents WHERE customer_id = $1",
            customer,
        )
        .await?;
        let report = EraseReport {
            note_revisions: exec(&mut tx, "DELETE FROM note_revisions WHERE note_id IN (SELECT id FROM notes WHERE customer_id = $1)", customer).await?,
            notes: exec(&mut tx, "UPDATE notes SET text = $2 WHERE customer_id = $1", customer).await?,
            activities: exec(&mut tx, "UPDATE activities SET description = $2 WHERE customer_id = $1", customer).await?,
            attributes: exec(&mut tx, "DELETE FROM customer_attributes WHERE customer_id = $1", customer).await?,
            measures: exec(&mut tx, "DELETE FROM customer_measures WHERE customer_id = $1", customer).await?,
            memberships: exec(&mut tx, "DELETE FROM client_book_members WHERE customer_id = $1", customer).await?,
            follow_ups: exec(&mut tx, "DELETE FROM follow_ups WHERE customer_id = $1", customer).await?,
            appointments: exec(&mut tx, "UPDATE appointments SET purpose = $2 WHERE customer_id = $1", customer).await?,
        };
        tx.commit().await.map_err(map_err)?;
        Ok(report)
    }

    async fn find_text(&self, needle: &str) -> Result<Vec<String>> {
        let columns: Vec<(String, String)> = sqlx::query_as(crate::dialect::TEXT_COLUMNS)
            .fetch_all(&self.pool)
            .await
            .map_err(map_err)?;
        let mut hits = Vec::new();
        for (table, column) in columns {
            let ok = |s: &str| s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !ok(&table) || !ok(&column) {
                continue;
            }
            let sql = format!(
                "SELECT COUNT(*) FROM {table} WHERE {}({column}, $1) > 0",
                crate::dialect::POSITION
            );
            let (n,): (i64,) = sqlx::query_as(super::dynamic(sql))
                .bind(needle)
                .fetch_one(&self.pool)
                .await
                .map_err(map_err)?;
            if n > 0 {
                hits.push(format!("{table}.{column}"));
            }
        }
        Ok(hits)
    }
}
