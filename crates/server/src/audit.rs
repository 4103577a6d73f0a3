//! Writing the audit log. Entries carry ids, actions and field names, never
//! personal data; a failure to write one is logged, not hidden.

use crate::state::AppState;
use clienteling_domain::ids::AuditId;
use clienteling_domain::time_util::now_micros;
use clienteling_store::{AuditEntry, Principal};

tokio::task_local! {
    /// The request id of the request being served.
    pub static REQUEST_ID: String;
}

/// Result of an audited action.
#[derive(Debug, Clone, Copy)]
pub enum Outcome {
    /// Done.
    Ok,
    /// Refused by a permission check.
    Denied,
}

/// Append an entry for `who`'s `action`, about `customer` (an account) if any.
pub async fn record(
    state: &AppState,
    who: &Principal,
    action: &str,
    outcome: Outcome,
    customer: Option<&str>,
    detail: serde_json::Value,
) {
    let entry = AuditEntry {
        id: AuditId::new(),
        company: who.company,
        at: now_micros(),
        associate: Some(who.associate),
        action: action.to_owned(),
        outcome: match outcome {
            Outcome::Ok => "ok",
            Outcome::Denied => "denied",
        }
        .to_owned(),
        customer: customer.map(str::to_owned),
        target: None,
        request_id: REQUEST_ID.try_with(Clone::clone).ok(),
        detail,
    };
    if let Err(e) = state.store.append_audit(&entry).await {
        tracing::error!(error = %e, action, "could not write the audit log");
    }
}
