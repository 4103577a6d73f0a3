//! Consent per customer and channel (opt-in or out, when, where from):
//! read with view_customers, changed with edit_customers, audited.

use crate::audit::{self, Outcome};
use crate::error::ApiResult;
use crate::fmt::rfc3339;
use crate::state::AppState;
use clienteling_domain::error::Collector;
use clienteling_domain::outreach::{Channel, ChannelConsent, parse_source};
use clienteling_domain::time_util::now_micros;
use clienteling_store::Principal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A consent as the API shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ConsentView {
    /// Channel.
    pub channel: Channel,
    /// Opted in.
    pub opt_in: bool,
    /// When it was given or withdrawn (RFC 3339).
    pub at: String,
    /// Where it came from.
    pub source: String,
}

/// A consent to set.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsentInput {
    /// Channel: `email`, `sms` or `whatsapp`.
    pub channel: Channel,
    /// Opted in (true) or out (false).
    pub opt_in: bool,
    /// Where it came from (e.g. `store`, `web form`).
    pub source: String,
}

/// A customer's consents, one per channel answered.
pub async fn list(state: &AppState, who: &Principal, account: &str) -> ApiResult<Vec<ConsentView>> {
    let c = crate::timeline::customer(state, who, account).await?;
    let rows = state.store.consents(c.id).await?;
    Ok(rows
        .into_iter()
        .map(|r| ConsentView {
            channel: r.channel,
            opt_in: r.opt_in,
            at: rfc3339(r.at),
            source: r.source,
        })
        .collect())
}

/// Set consents (the channels given; others stay). Audited.
pub async fn put(
    state: &AppState,
    who: &Principal,
    account: &str,
    input: &[ConsentInput],
) -> ApiResult<Vec<ConsentView>> {
    let c = crate::timeline::customer(state, who, account).await?;
    let mut col = Collector::default();
    let now = now_micros();
    let mut rows = Vec::new();
    for (i, k) in input.iter().enumerate() {
        if let Some(source) = col.take(&format!("/{i}/source"), parse_source(&k.source)) {
            rows.push(ChannelConsent {
                channel: k.channel,
                opt_in: k.opt_in,
                at: now,
                source,
            });
        }
    }
    col.finish()?;
    state.store.put_consents(c.id, &rows).await?;
    let detail: Vec<_> = rows
        .iter()
        .map(|r| serde_json::json!({"channel": r.channel.as_str(), "opt_in": r.opt_in}))
        .collect();
    let detail = serde_json::json!({ "consents": detail });
    audit::record(
        state,
        who,
        "consent.update",
        Outcome::Ok,
        Some(account),
        detail,
    )
    .await;
    list(state, who, account).await
}
