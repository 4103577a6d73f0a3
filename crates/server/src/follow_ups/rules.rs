//! The follow-up rule table HQ edits, and the rule run: gather the facts of
//! every client-book customer in a few set queries, evaluate the rules, and
//! store what they ask for with idempotent occasion keys (one follow-up per
//! book owner, customer and occasion, however often and wherever it runs).

use crate::audit::{self, Outcome};
use crate::books::today;
use crate::error::ApiResult;
use crate::state::AppState;
use clienteling_domain::attributes::{Attribute, AttributeKind};
use clienteling_domain::error::Collector;
use clienteling_domain::follow_up::{self, FollowUpRule};
use clienteling_domain::ids::CompanyId;
use clienteling_store::{NewFollowUp, Principal, Store};
use serde::{Deserialize, Serialize};
use time::Date;
use utoipa::ToSchema;

/// The rule table.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleTable {
    /// The rules, evaluated in order.
    pub rules: Vec<FollowUpRule>,
}

/// What a rule run did.
#[derive(Debug, Clone, Copy, Default, Serialize, ToSchema)]
pub struct RunCounts {
    /// Client-book memberships looked at.
    pub customers: u64,
    /// Follow-ups the rules asked for (including ones created before).
    pub due: u64,
    /// Follow-ups created now.
    pub created: u64,
}

/// The machine name of a rule's kind.
pub fn kind(rule: &FollowUpRule) -> &'static str {
    match rule {
        FollowUpRule::DateAttribute { .. } => "date_attribute",
        FollowUpRule::ThankYou { .. } => "thank_you",
        FollowUpRule::StayInTouch { .. } => "stay_in_touch",
        FollowUpRule::Lapsed { .. } => "lapsed",
    }
}

fn date_attributes(attrs: &[Attribute]) -> Vec<&Attribute> {
    attrs
        .iter()
        .filter(|a| a.kind == AttributeKind::Date)
        .collect()
}

/// The default rules: a `birthday` date attribute 7 days ahead (if the
/// selected group has one), thank-you 3 days after a purchase, stay in
/// touch after 90 days without contact.
pub fn default_rules(attrs: &[Attribute]) -> Vec<FollowUpRule> {
    let mut rules = Vec::new();
    if date_attributes(attrs).iter().any(|a| a.name == "birthday") {
        rules.push(FollowUpRule::DateAttribute {
            attribute: "birthday".into(),
            days_ahead: 7,
        });
    }
    rules.push(FollowUpRule::ThankYou { days_after: 3 });
    rules.push(FollowUpRule::StayInTouch { days: 90 });
    rules
}

async fn attributes(store: &dyn Store, company: CompanyId) -> ApiResult<Vec<Attribute>> {
    let s = store.settings(company).await?;
    let Some(name) = &s.attribute_group else {
        return Ok(Vec::new());
    };
    let groups = store.list_attribute_groups(company).await?;
    Ok(groups
        .into_iter()
        .find(|g| &g.name == name)
        .map(|g| g.attributes)
        .unwrap_or_default())
}

/// The company's rules (the defaults until HQ saves some).
pub async fn rules(store: &dyn Store, company: CompanyId) -> ApiResult<Vec<FollowUpRule>> {
    match store.follow_up_rules(company).await? {
        Some(doc) => Ok(serde_json::from_value::<RuleTable>(doc)
            .map(|t| t.rules)
            .unwrap_or_default()),
        None => Ok(default_rules(&attributes(store, company).await?)),
    }
}

/// Validate and save the rule table: numbers in range, date rules naming a
/// date attribute of the selected group. Audited.
pub async fn put_rules(
    state: &AppState,
    who: &Principal,
    table: &RuleTable,
) -> ApiResult<Vec<FollowUpRule>> {
    let attrs = attributes(state.store.as_ref(), who.company).await?;
    let dates = date_attributes(&attrs);
    let mut c = Collector::default();
    if let Err(e) = follow_up::validate(&table.rules) {
        for fe in e.0 {
            c.push(&format!("/rules{}", fe.pointer), fe.message);
        }
    }
    for (i, r) in table.rules.iter().enumerate() {
        if let FollowUpRule::DateAttribute { attribute, .. } = r
            && !attribute.trim().is_empty()
            && !dates.iter().any(|a| &a.name == attribute)
        {
            c.push(
                &format!("/rules/{i}/attribute"),
                "no date attribute with this name in the selected group",
            );
        }
    }
    if table.rules.len() > 50 {
        c.push("/rules", "at most 50 rules");
    }
    c.finish()?;
    let doc =
        serde_json::to_value(table).map_err(|e| crate::error::ApiError::Internal(e.to_string()))?;
    state.store.put_follow_up_rules(who.company, &doc).await?;
    let kinds: Vec<&str> = table.rules.iter().map(kind).collect();
    let detail = serde_json::json!({"rules": kinds});
    audit::record(
        state,
        who,
        "follow_up_rules.update",
        Outcome::Ok,
        None,
        detail,
    )
    .await;
    Ok(table.rules.clone())
}

/// The occasion key of a rule-made follow-up: owner, customer and the
/// rule's own occasion (e.g. `birthday:2026-12-05`).
pub fn occasion_key(
    owner: clienteling_domain::ids::AssociateId,
    customer: clienteling_domain::ids::CustomerId,
    occasion: &str,
) -> String {
    format!("rule/{owner}/{customer}/{occasion}")
}

/// Evaluate the company's rules for every client-book customer on `day`
/// and store the new follow-ups. Idempotent: a rerun, here or in another
/// process, creates nothing twice.
pub async fn run(store: &dyn Store, company: CompanyId, day: Date) -> ApiResult<RunCounts> {
    let rules = rules(store, company).await?;
    let attrs = attributes(store, company).await?;
    let dates: Vec<_> = date_attributes(&attrs)
        .into_iter()
        .map(|a| (a.id, a.name.clone()))
        .collect();
    let facts = store.follow_up_facts(company, &dates).await?;
    let mut rows = Vec::new();
    for bf in &facts {
        for rule in &rules {
            for due in follow_up::evaluate(std::slice::from_ref(rule), &bf.facts, day) {
                rows.push(NewFollowUp {
                    customer: bf.customer,
                    owner: bf.owner,
                    due: due.due,
                    reason: due.reason,
                    source: "rule".into(),
                    rule_kind: Some(kind(rule).into()),
                    occasion: Some(occasion_key(bf.owner, bf.customer, &due.occasion)),
                    created_by: None,
                });
            }
        }
    }
    let created = store.add_follow_ups(company, &rows).await?;
    Ok(RunCounts {
        customers: facts.len() as u64,
        due: rows.len() as u64,
        created: created.len() as u64,
    })
}

/// Run the rules now (HQ, on demand). Audited with the counts.
pub async fn run_now(state: &AppState, who: &Principal) -> ApiResult<RunCounts> {
    let counts = run(state.store.as_ref(), who.company, today()).await?;
    let detail = serde_json::json!({"created": counts.created, "candidates": counts.due});
    audit::record(state, who, "follow_up_rules.run", Outcome::Ok, None, detail).await;
    Ok(counts)
}
