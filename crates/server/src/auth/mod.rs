//! Authentication: password hashing, sessions and bearer tokens, and the
//! permission guard that audits every denial.

pub mod password;
pub mod session;

use crate::audit;
use crate::error::ApiError;
use crate::state::AppState;
use clienteling_domain::Permission;
use clienteling_store::Principal;

/// Allow the call if the principal's role has `perm`; otherwise audit the
/// denial and answer 403.
pub async fn require(state: &AppState, who: &Principal, perm: Permission) -> Result<(), ApiError> {
    if who.can(perm) {
        return Ok(());
    }
    let detail = serde_json::json!({ "permission": perm.as_str() });
    audit::record(
        state,
        who,
        "permission.denied",
        audit::Outcome::Denied,
        None,
        detail,
    )
    .await;
    Err(ApiError::Forbidden(perm.as_str().to_owned()))
}

use clienteling_domain::org::Associate;
use clienteling_store::StoreError;

/// A successful sign-in.
pub struct SignedIn {
    /// Session / bearer token.
    pub token: String,
    /// CSRF token of the session.
    pub csrf_token: String,
    /// Who signed in.
    pub associate: Associate,
}

/// What sign-in needs.
pub struct SignIn<'a> {
    /// Company code.
    pub company: &'a str,
    /// Username.
    pub username: &'a str,
    /// Password.
    pub password: &'a str,
    /// Store code to work at (default: the associate's first store).
    pub store: Option<&'a str>,
    /// Client address, for the rate limit.
    pub client: String,
}

const BAD_CREDENTIALS: &str = "invalid company, username or password";

/// Check credentials (rate-limited per username and per client address) and
/// open a session. Unknown users and wrong passwords get the same answer
/// after the same work.
pub async fn sign_in(state: &AppState, req: SignIn<'_>) -> Result<SignedIn, ApiError> {
    let user_key = format!(
        "u:{}/{}",
        req.company.to_lowercase(),
        req.username.to_lowercase()
    );
    let ip_key = format!("ip:{}", req.client);
    let cfg = &state.config;
    for (key, limit) in [
        (&user_key, cfg.login_failures_per_user),
        (&ip_key, cfg.login_failures_per_ip),
    ] {
        state
            .login_limiter
            .check(key, limit)
            .map_err(ApiError::TooManyRequests)?;
    }
    let Some((company, creds)) = lookup(state, req.company, req.username).await? else {
        password::verify(req.password.to_owned(), password::dummy_hash().to_owned()).await;
        return Err(failed(state, &user_key, &ip_key));
    };
    let ok = password::verify(req.password.to_owned(), creds.password_hash.clone()).await;
    if !ok || !creds.active {
        return Err(failed(state, &user_key, &ip_key));
    }
    state.login_limiter.reset(&user_key);
    let associate = state.store.associate(company, creds.associate).await?;
    let store = pick_store(state, company, &associate, req.store).await?;
    let (token, csrf_token) = session::open(state, associate.id, company, store).await?;
    Ok(SignedIn {
        token,
        csrf_token,
        associate,
    })
}

fn failed(state: &AppState, user_key: &str, ip_key: &str) -> ApiError {
    state.login_limiter.fail(user_key);
    state.login_limiter.fail(ip_key);
    tracing::info!("sign-in failed");
    ApiError::Unauthorized(BAD_CREDENTIALS.into())
}

async fn lookup(
    state: &AppState,
    company: &str,
    username: &str,
) -> Result<
    Option<(
        clienteling_domain::ids::CompanyId,
        clienteling_store::Credentials,
    )>,
    ApiError,
> {
    let company = match state.store.company_by_code(company).await {
        Ok(c) => c,
        Err(StoreError::NotFound) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    match state.store.credentials(company.id, username).await {
        Ok(c) => Ok(Some((company.id, c))),
        Err(StoreError::NotFound) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

async fn pick_store(
    state: &AppState,
    company: clienteling_domain::ids::CompanyId,
    associate: &Associate,
    wanted: Option<&str>,
) -> Result<Option<clienteling_domain::ids::StoreId>, ApiError> {
    let code = match wanted.filter(|s| !s.is_empty()) {
        Some(w) if associate.stores.iter().any(|s| s.eq_ignore_ascii_case(w)) => w.to_lowercase(),
        Some(_) => {
            return Err(
                clienteling_domain::Invalid::field("/store", "is not one of your stores").into(),
            );
        }
        None => match associate.stores.first() {
            Some(s) => s.clone(),
            None => return Ok(None),
        },
    };
    let stores = state.store.list_stores(company).await?;
    Ok(stores
        .into_iter()
        .find(|s| s.code.as_str() == code)
        .map(|s| s.id))
}
