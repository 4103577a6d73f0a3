//! The API error type and its single conversion into an RFC 9457 problem
//! response. Internal errors are logged once, with the request's span, and
//! the client sees a generic message. Problem titles are in the request's
//! language (Accept-Language); details stay English.

use crate::i18n::Tr;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use clienteling_domain::{FieldError, Invalid};
use clienteling_store::StoreError;
use serde::Serialize;
use utoipa::ToSchema;

/// Everything a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// Not signed in, or bad credentials.
    #[error("{0}")]
    Unauthorized(String),
    /// Signed in, but the role lacks the permission.
    #[error("missing permission {0}")]
    Forbidden(String),
    /// No such resource.
    #[error("{0} not found")]
    NotFound(String),
    /// The request conflicts with stored state.
    #[error("{0}")]
    Conflict(String),
    /// Malformed request (bad JSON, unknown field, wrong type).
    #[error("{detail}")]
    BadRequest {
        /// What is wrong.
        detail: String,
        /// Where, if known.
        errors: Vec<FieldError>,
    },
    /// Well-formed but invalid values.
    #[error(transparent)]
    Invalid(#[from] Invalid),
    /// Too many attempts; retry after this many seconds.
    #[error("too many attempts")]
    TooManyRequests(u64),
    /// The database is unreachable for now; retry shortly.
    #[error("the database is unavailable; try again shortly")]
    Unavailable(String),
    /// Anything unexpected.
    #[error("internal error: {0}")]
    Internal(String),
}

/// An RFC 9457 problem document.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// A URI reference for the problem type (`about:blank` for plain HTTP meanings).
    #[serde(rename = "type")]
    pub kind: String,
    /// Short summary.
    pub title: String,
    /// HTTP status.
    pub status: u16,
    /// What happened in this case.
    pub detail: String,
    /// Field errors for validation problems.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

impl ApiError {
    /// A bad request without a field pointer.
    pub fn bad_request(detail: impl Into<String>) -> Self {
        ApiError::BadRequest {
            detail: detail.into(),
            errors: Vec::new(),
        }
    }

    /// The status code.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            ApiError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The problem document a client sees.
    pub fn problem(&self) -> Problem {
        let status = self.status();
        let (detail, errors) = match self {
            ApiError::Internal(_) => (
                "an unexpected error occurred; it has been logged".to_owned(),
                vec![],
            ),
            ApiError::Invalid(i) => ("some fields are invalid".to_owned(), i.0.clone()),
            ApiError::BadRequest { detail, errors } => (detail.clone(), errors.clone()),
            ApiError::TooManyRequests(s) => (
                format!("too many attempts; try again in {s} seconds"),
                vec![],
            ),
            other => (other.to_string(), vec![]),
        };
        Problem {
            kind: "about:blank".into(),
            title: title(status, &Tr::request()),
            status: status.as_u16(),
            detail,
            errors,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(msg) = &self {
            tracing::error!(error = %msg, "internal error");
        }
        let problem = self.problem();
        let body = serde_json::to_vec(&problem).unwrap_or_default();
        let mut res = (self.status(), body).into_response();
        let h = res.headers_mut();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if let ApiError::Unavailable(why) = &self {
            tracing::warn!(error = %why, "database unavailable");
            h.insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        if let ApiError::TooManyRequests(secs) = self
            && let Ok(v) = HeaderValue::from_str(&secs.to_string())
        {
            h.insert(header::RETRY_AFTER, v);
        }
        res
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => ApiError::NotFound("resource".into()),
            StoreError::Conflict { constraint } => {
                ApiError::Conflict(conflict_message(&constraint))
            }
            StoreError::Unavailable(e) => ApiError::Unavailable(e),
            StoreError::Other(e) => ApiError::Internal(e.to_string()),
        }
    }
}

/// The title of a problem with `status` in `tr`'s language (in English the
/// status's canonical reason).
pub fn title(status: StatusCode, tr: &Tr) -> String {
    let key = format!("problem-{}", status.as_u16());
    if tr.has(&key) {
        tr.t(&key)
    } else {
        status.canonical_reason().unwrap_or("Error").to_owned()
    }
}

/// A human message for a violated constraint.
fn conflict_message(constraint: &str) -> String {
    match constraint {
        "customers_account_key" => "a customer with this account number already exists".into(),
        "customers_alternate_id_key" => "another customer has this alternate id".into(),
        "associates_username_key" => "an associate with this username already exists".into(),
        "stores_code_key" => "a store with this code already exists".into(),
        "address_books_code_key" => "an address book with this code already exists".into(),
        "roles_name_key" => "a role with this name already exists".into(),
        "companies_code_key" => "a company with this code already exists".into(),
        other => format!("conflicts with existing data ({other})"),
    }
}

/// Handler result.
pub type ApiResult<T> = Result<T, ApiError>;

/// Map a store `NotFound` to a named 404.
pub fn not_found(what: &str) -> impl FnOnce(StoreError) -> ApiError + '_ {
    move |e| match e {
        StoreError::NotFound => ApiError::NotFound(what.to_owned()),
        other => other.into(),
    }
}
