//! What an error page says: a localised sentence per kind of error (the
//! API's English `detail` is written for developers, not associates).

use crate::error::ApiError;
use crate::i18n::Tr;
use clienteling_domain::FieldError;

/// The localised detail line of an error page.
pub fn detail(tr: &Tr, e: &ApiError) -> String {
    match e {
        ApiError::Unauthorized(_) => tr.t("error-unauthorized"),
        ApiError::Forbidden(_) => tr.t("error-forbidden"),
        ApiError::NotFound(what) => not_found(tr, what),
        ApiError::Conflict(msg) => tr.message(msg),
        ApiError::BadRequest { .. } => tr.t("error-bad-request"),
        ApiError::Invalid(_) => tr.t("error-invalid"),
        ApiError::TooManyRequests(secs) => tr.t1("error-too-many", "seconds", *secs),
        ApiError::Internal(_) => tr.t("error-internal"),
        ApiError::Unavailable(_) => tr.t("error-unavailable"),
    }
}

/// "Customer not found." for the things the UI looks up; a generic sentence otherwise.
fn not_found(tr: &Tr, what: &str) -> String {
    let key = format!("error-not-found-{}", what.trim().replace([' ', '_'], "-"));
    if tr.has(&key) {
        tr.t(&key)
    } else {
        tr.t("error-not-found")
    }
}

/// "Please correct the highlighted fields.", followed by the errors of the
/// fields not among `shown` (those have no place on the page), each with its
/// field's label (`org-field-<name>`).
pub fn correct_fields(tr: &Tr, errors: &[FieldError], shown: &[String]) -> String {
    let rest: Vec<String> = errors
        .iter()
        .filter(|e| !shown.contains(&e.pointer))
        .map(|e| {
            let field = e.pointer.trim_start_matches('/');
            let field = field.split('/').next().unwrap_or_default();
            let label = tr.label_or("org-field", field, field);
            format!("{label}: {}", tr.message(&e.message))
        })
        .collect();
    let text = tr.t("correct-fields");
    if rest.is_empty() {
        text
    } else {
        format!("{text} {}", rest.join("; "))
    }
}
