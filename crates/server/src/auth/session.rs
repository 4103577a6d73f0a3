//! Session and API tokens: random, stored only as a SHA-256 hash, with a
//! CSRF token per session for cookie-authenticated writes.

use crate::error::ApiError;
use crate::extract::SESSION_COOKIE;
use crate::state::AppState;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use clienteling_domain::ids::{AssociateId, CompanyId, StoreId};
use clienteling_domain::time_util::now_micros;
use clienteling_store::{NewSession, Principal, StoreError};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// 32 random bytes, base64url.
pub fn random_token() -> String {
    let mut b = [0u8; 32];
    rand::rng().fill_bytes(&mut b);
    URL_SAFE_NO_PAD.encode(b)
}

/// The stored form of a token.
pub fn token_hash(token: &str) -> String {
    let d = Sha256::digest(token.as_bytes());
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// Constant-time comparison of the sent CSRF token with the session's.
pub fn csrf_matches(sent: Option<&str>, expected: &str) -> bool {
    let Some(sent) = sent else { return false };
    if sent.len() != expected.len() || expected.is_empty() {
        return false;
    }
    sent.bytes()
        .zip(expected.bytes())
        .fold(0u8, |acc, (a, b)| acc | (a ^ b))
        == 0
}

/// A new session: returns `(token, csrf_token)`.
pub async fn open(
    state: &AppState,
    associate: AssociateId,
    company: CompanyId,
    store: Option<StoreId>,
) -> Result<(String, String), ApiError> {
    let token = random_token();
    let csrf = random_token();
    let now = now_micros();
    let ttl = i64::try_from(state.config.session_ttl.as_micros()).unwrap_or(i64::MAX);
    let s = NewSession {
        token_hash: token_hash(&token),
        associate,
        company,
        store,
        csrf_token: csrf.clone(),
        created_at: now,
        expires_at: now.saturating_add(ttl),
    };
    state.store.create_session(&s).await?;
    Ok((token, csrf))
}

/// The principal of a live token, or `None`.
pub async fn resolve(state: &AppState, token: &str) -> Result<Option<Principal>, ApiError> {
    if token.is_empty() || token.len() > 256 {
        return Ok(None);
    }
    match state
        .store
        .principal(&token_hash(token), now_micros())
        .await
    {
        Ok(p) => Ok(Some(p)),
        Err(StoreError::NotFound) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// `Set-Cookie` value for a new session.
pub fn cookie(token: &str, max_age_secs: u64) -> String {
    format!(
        "{SESSION_COOKIE}={token}; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}"
    )
}

/// `Set-Cookie` value that removes the session cookie.
pub fn clear_cookie() -> String {
    format!("{SESSION_COOKIE}=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_hashes_stable() {
        assert_ne!(random_token(), random_token());
        assert_eq!(token_hash("a"), token_hash("a"));
        assert_eq!(token_hash("a").len(), 64);
    }

    #[test]
    fn csrf_needs_an_exact_match() {
        assert!(csrf_matches(Some("abc"), "abc"));
        assert!(!csrf_matches(Some("abd"), "abc"));
        assert!(!csrf_matches(None, "abc"));
        assert!(!csrf_matches(Some(""), ""));
    }
}
