//! Credentials and sessions.

use super::map_err;
use crate::Backend;
use async_trait::async_trait;
use clienteling_domain::ids::{AddressBookId, AssociateId, CompanyId, StoreId};
use clienteling_domain::permission::decode;
use clienteling_store::{AuthStore, Credentials, NewSession, Principal, Result, StoreError};
use sqlx::FromRow;
use uuid::Uuid;

#[derive(FromRow)]
struct PrincipalRow {
    associate_id: Uuid,
    username: String,
    display_name: String,
    company_id: Uuid,
    company_code: String,
    role: String,
    permissions: String,
    store_id: Option<Uuid>,
    store_code: Option<String>,
    csrf_token: String,
    locale: Option<String>,
    /// One of the current store's address books (a row per book).
    address_book_id: Option<Uuid>,
}

#[async_trait]
impl AuthStore for Backend {
    async fn credentials(&self, company: CompanyId, username: &str) -> Result<Credentials> {
        let (id, hash, active): (Uuid, String, bool) = sqlx::query_as(
            "SELECT id, password_hash, active FROM associates WHERE company_id = $1 AND username = $2",
        )
        .bind(company.0)
        .bind(username.to_ascii_lowercase())
        .fetch_one(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(Credentials {
            associate: AssociateId(id),
            password_hash: hash,
            active,
        })
    }

    async fn create_session(&self, s: &NewSession) -> Result<()> {
        sqlx::query(
            "INSERT INTO sessions (token_hash, associate_id, company_id, store_id, csrf_token, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&s.token_hash)
        .bind(s.associate.0)
        .bind(s.company.0)
        .bind(s.store.map(|s| s.0))
        .bind(&s.csrf_token)
        .bind(s.created_at)
        .bind(s.expires_at)
        .execute(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(())
    }

    async fn principal(&self, token_hash: &str, now_micros: i64) -> Result<Principal> {
        // One statement, a row per address book of the session's store: it
        // runs on every request, so it is not split in two.
        let rows: Vec<PrincipalRow> = sqlx::query_as(
            "SELECT a.id AS associate_id, a.username, a.display_name, c.id AS company_id, c.code AS company_code, \
             r.name AS role, r.permissions, s.store_id, st.code AS store_code, s.csrf_token, a.locale, \
             sab.address_book_id \
             FROM sessions s JOIN associates a ON a.id = s.associate_id \
             JOIN roles r ON r.id = a.role_id JOIN companies c ON c.id = s.company_id LEFT JOIN stores st ON st.id = s.store_id \
             LEFT JOIN store_address_books sab ON sab.store_id = s.store_id \
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND a.active",
        )
        .bind(token_hash)
        .bind(now_micros)
        .fetch_all(&self.pool)
        .await
        .map_err(map_err)?;
        let books: Vec<AddressBookId> = rows
            .iter()
            .filter_map(|r| r.address_book_id.map(AddressBookId))
            .collect();
        let r = rows.into_iter().next().ok_or(StoreError::NotFound)?;
        Ok(Principal {
            associate: AssociateId(r.associate_id),
            username: r.username,
            display_name: r.display_name,
            company: CompanyId(r.company_id),
            company_code: r.company_code,
            role: r.role,
            permissions: decode(&r.permissions),
            store: r.store_id.map(StoreId),
            store_code: r.store_code,
            store_address_books: books,
            csrf_token: r.csrf_token,
            locale: r.locale,
            clienteling_enabled: true,
            company_language: None,
            time_zone: None,
        })
    }

    async fn delete_session(&self, token_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(())
    }

    async fn purge_sessions(&self, now_micros: i64) -> Result<u64> {
        let r = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(now_micros)
            .execute(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(r.rows_affected())
    }
}
