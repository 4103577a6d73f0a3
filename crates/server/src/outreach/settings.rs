//! Saving the company's outreach settings: validated, stored and audited
//! in one place, so that the API and the web UI behave the same.

use crate::audit::{self, Outcome};
use crate::error::ApiResult;
use crate::state::AppState;
use clienteling_domain::outreach::OutreachSettings;
use clienteling_store::Principal;

/// Validate (422 on bad settings), store and audit the outreach settings.
/// The audit detail names the SMTP host and whether a webhook is set,
/// never a secret.
pub async fn save(state: &AppState, who: &Principal, s: &OutreachSettings) -> ApiResult<()> {
    s.validate()?;
    state.store.put_outreach_settings(who.company, s).await?;
    let detail = serde_json::json!({"smtp_host": s.smtp.host, "webhook": s.webhook.is_some()});
    audit::record(
        state,
        who,
        "outreach_settings.update",
        Outcome::Ok,
        None,
        detail,
    )
    .await;
    Ok(())
}
