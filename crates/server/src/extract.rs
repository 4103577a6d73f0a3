//! Request extractors: JSON bodies and query strings whose errors point at
//! the offending field, and the signed-in principal.

use crate::error::ApiError;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, header};
use clienteling_domain::FieldError;
use clienteling_store::Principal;
use serde::de::DeserializeOwned;

/// A JSON body; malformed JSON, wrong types and unknown fields are a 400
/// whose `errors[0].pointer` names the field.
pub struct Json<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json") || v.contains("+json"));
        if !is_json {
            return Err(ApiError::bad_request(
                "expected a body of type application/json",
            ));
        }
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|e| ApiError::bad_request(format!("could not read the body: {e}")))?;
        parse_json(&bytes).map(Json)
    }
}

/// Deserialize JSON, reporting the failing path as a JSON pointer.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let pointer = to_pointer(&e.path().to_string());
        let message = e.inner().to_string();
        ApiError::BadRequest {
            detail: format!("invalid JSON body: {message}"),
            errors: vec![FieldError { pointer, message }],
        }
    })
}

/// `a.b[0].c` → `/a/b/0/c` (`.` alone, the root, → empty).
fn to_pointer(path: &str) -> String {
    if path == "." {
        return String::new();
    }
    path.split('.')
        .flat_map(|seg| seg.split('['))
        .map(|s| s.trim_end_matches(']'))
        .filter(|s| !s.is_empty())
        .map(|s| format!("/{}", s.replace('~', "~0").replace('/', "~1")))
        .collect()
}

/// A query string; bad parameters are a 400 naming the parameter.
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let q = parts.uri.query().unwrap_or_default();
        let de = serde_urlencoded::Deserializer::new(form_urlencoded_parse(q));
        serde_path_to_error::deserialize(de)
            .map(Query)
            .map_err(|e| {
                let message = e.inner().to_string();
                ApiError::BadRequest {
                    detail: format!("invalid query string: {message}"),
                    errors: vec![FieldError {
                        pointer: to_pointer(&e.path().to_string()),
                        message,
                    }],
                }
            })
    }
}

fn form_urlencoded_parse(q: &str) -> form_urlencoded::Parse<'_> {
    form_urlencoded::parse(q.as_bytes())
}

/// Name of the session cookie (`__Host-`: Secure, Path=/, no Domain).
pub const SESSION_COOKIE: &str = "__Host-clienteling";

/// Where the token came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenSource {
    /// `Authorization: Bearer`.
    Bearer,
    /// The session cookie.
    Cookie,
}

/// The raw token of a request and where it came from.
pub fn request_token(headers: &HeaderMap) -> Option<(String, TokenSource)> {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| (t.trim().to_owned(), TokenSource::Bearer));
    bearer.or_else(|| cookie(headers, SESSION_COOKIE).map(|t| (t, TokenSource::Cookie)))
}

/// A cookie's value.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// The signed-in associate of an API request. Cookie sessions must send the
/// CSRF token in `X-CSRF-Token` on unsafe methods; bearer tokens need not.
pub struct Auth(pub Principal);

impl FromRequestParts<AppState> for Auth {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let unauth = || ApiError::Unauthorized("sign in first".into());
        let (token, source) = request_token(&parts.headers).ok_or_else(unauth)?;
        let principal = crate::auth::session::resolve(state, &token)
            .await?
            .ok_or_else(unauth)?;
        let safe = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
        if source == TokenSource::Cookie && !safe {
            let sent = parts
                .headers
                .get("x-csrf-token")
                .and_then(|v| v.to_str().ok());
            if !crate::auth::session::csrf_matches(sent, &principal.csrf_token) {
                return Err(ApiError::Forbidden("a valid X-CSRF-Token header".into()));
            }
        }
        Ok(Auth(principal))
    }
}

#[cfg(test)]
mod tests {
    use super::to_pointer;

    #[test]
    fn paths_become_json_pointers() {
        assert_eq!(to_pointer("."), "");
        assert_eq!(to_pointer("email"), "/email");
        assert_eq!(to_pointer("a.b[0].c"), "/a/b/0/c");
    }
}

/// Type-level permissions for [`Can`].
pub mod perm {
    use clienteling_domain::Permission;

    /// A permission named by a type.
    pub trait Perm: Send + Sync + 'static {
        /// The permission.
        const P: Permission;
    }

    macro_rules! perms {
        ($($name:ident),* $(,)?) => {$(
            #[doc = concat!("The `", stringify!($name), "` permission.")]
            pub struct $name;
            impl Perm for $name {
                const P: Permission = Permission::$name;
            }
        )*};
    }

    perms!(
        ViewClientBook,
        ViewStoreClientBooks,
        AddToClientBook,
        RemoveFromClientBook,
        ReassignClientBookCustomers,
        ViewCustomers,
        EditCustomers,
        LogActivities,
        WriteNotes,
        ManageSetup,
        ViewAuditLog,
        ExportEraseCustomerData,
        ViewKpis,
    );
}

/// The signed-in associate, allowed `P`. Checked before the body is read, so
/// a denied call is a 403 (audited) whatever its body.
pub struct Can<P>(pub Principal, pub std::marker::PhantomData<P>);

impl<P: perm::Perm> FromRequestParts<AppState> for Can<P> {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Auth(who) = Auth::from_request_parts(parts, state).await?;
        crate::auth::require(state, &who, P::P).await?;
        Ok(Can(who, std::marker::PhantomData))
    }
}
