//! Saving a customer's attributes from the customer page form.

use crate::books;
use crate::error::{ApiResult, not_found};
use crate::state::AppState;
use clienteling_domain::attributes::AttributeKind;
use clienteling_domain::error::Collector;
use clienteling_store::Principal;
use std::collections::HashMap;

/// Validate the `attr.<name>` fields of a form and store them; an empty
/// field clears the value, an unchecked checkbox stores `false`.
pub async fn save(
    state: &AppState,
    who: &Principal,
    account: &str,
    form: &HashMap<String, String>,
) -> ApiResult<()> {
    let s = state.store.settings(who.company).await?;
    let attrs = books::selected_attributes(state, who.company, &s).await?;
    let c = state
        .store
        .customer_by_account(who.company, account)
        .await
        .map_err(not_found("customer"))?;
    let mut col = Collector::default();
    let mut values = Vec::with_capacity(attrs.len());
    for a in &attrs {
        let raw = form.get(&format!("attr.{}", a.name)).map(String::as_str);
        let raw = match (a.kind, raw) {
            (AttributeKind::Boolean, None) => "false",
            (_, Some(v)) => v,
            (_, None) => continue,
        };
        if let Some(v) = col.take(&format!("/{}", a.name), a.parse_text(raw)) {
            values.push((a.id, v));
        }
    }
    col.finish()?;
    state.store.set_customer_attributes(c.id, &values).await?;
    let names: Vec<&str> = attrs.iter().map(|a| a.name.as_str()).collect();
    crate::audit::record(
        state,
        who,
        "customer.attributes",
        crate::audit::Outcome::Ok,
        Some(account),
        serde_json::json!({"fields": names}),
    )
    .await;
    Ok(())
}
