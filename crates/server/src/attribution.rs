//! Sales attribution use cases: HQ's rules (versioned; saving new rules
//! recomputes every purchase under the new version), bringing results up to
//! date, and listing attributed purchases with the contact that earned each.
//!
//! When results are computed: every purchase is computed once per rules
//! version, on demand. Reading attribution or KPIs first computes the
//! purchases not yet computed under the current version (new purchases,
//! whatever contacts preceded them); saving rules (even unchanged ones)
//! recomputes everything. A contact recorded, moved or deleted after the
//! fact drops the stored results of that customer's later purchases (in
//! the store, in the same transaction), so the next read recomputes them.

use crate::api::page::{self, Page};
use crate::audit::{self, Outcome};
use crate::error::ApiResult;
use crate::fmt::rfc3339;
use crate::state::AppState;
use clienteling_domain::attribution::{self, Contact, ContactKind, DAY_MICROS, Rules};
use clienteling_domain::ids::{AssociateId, CompanyId, CustomerId};
use clienteling_store::{
    AttributionQuery, AttributionRecord, ContactFact, Principal, PurchaseFact, ShareRow,
    StoredRules,
};
use serde::Serialize;
use std::collections::HashMap;
use utoipa::ToSchema;
use uuid::Uuid;

/// Purchases computed per batch.
const BATCH: u32 = 2000;

/// The current rules (the defaults as version 0 until HQ saves some).
pub async fn current_rules(state: &AppState, company: CompanyId) -> ApiResult<StoredRules> {
    Ok(state
        .store
        .attribution_rules(company)
        .await?
        .unwrap_or(StoredRules {
            version: 0,
            rules: Rules::default(),
        }))
}

/// Save new rules (422 on bad rules) and recompute every purchase. Audited.
pub async fn put_rules(state: &AppState, who: &Principal, rules: &Rules) -> ApiResult<StoredRules> {
    rules.validate()?;
    let saved = state
        .store
        .put_attribution_rules(who.company, rules, who.associate)
        .await?;
    let computed = refresh(state, who.company).await?;
    let detail = serde_json::json!({"version": saved.version, "purchases": computed});
    audit::record(
        state,
        who,
        "attribution_rules.update",
        Outcome::Ok,
        None,
        detail,
    )
    .await;
    Ok(saved)
}

/// The shares of a batch of purchases given their customers' contacts.
pub fn shares_for(
    rules: &Rules,
    purchases: &[PurchaseFact],
    contacts: &[ContactFact],
) -> Vec<ShareRow> {
    let mut by_customer: HashMap<CustomerId, Vec<Contact>> = HashMap::new();
    for c in contacts {
        by_customer.entry(c.customer).or_default().push(Contact {
            id: c.id,
            associate: c.associate,
            kind: ContactKind::of_activity(&c.type_code, c.channel.as_deref()),
            at: c.at,
        });
    }
    let mut out = Vec::new();
    for p in purchases {
        let contacts = by_customer
            .get(&p.customer)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        for s in attribution::attribute(rules, p.at, p.amount_minor, contacts) {
            out.push(ShareRow {
                purchase: p.clone(),
                associate: s.associate,
                contact: s.contact.id,
                contact_kind: s.contact.kind,
                contact_at: s.contact.at,
                amount_minor: s.amount_minor,
            });
        }
    }
    out
}

/// Compute every purchase not yet computed under the current rules;
/// returns how many were computed.
pub async fn refresh(state: &AppState, company: CompanyId) -> ApiResult<u64> {
    let current = current_rules(state, company).await?;
    let mut total = 0u64;
    loop {
        let batch = state
            .store
            .pending_purchases(company, current.version, BATCH)
            .await?;
        if batch.is_empty() {
            return Ok(total);
        }
        let mut customers: Vec<CustomerId> = batch.iter().map(|p| p.customer).collect();
        customers.sort_unstable();
        customers.dedup();
        let until = batch.iter().map(|p| p.at).max().unwrap_or(0);
        let contacts = state.store.contacts_of(company, &customers, until).await?;
        let shares = shares_for(&current.rules, &batch, &contacts);
        let done: Vec<Uuid> = batch.iter().map(|p| p.id).collect();
        state
            .store
            .save_attribution(company, current.version, &done, &shares)
            .await?;
        total += done.len() as u64;
    }
}

/// An attributed purchase share with its explanation.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AttributionItem {
    /// Purchase id.
    pub purchase: String,
    /// Customer account.
    pub customer: String,
    /// Purchase time (RFC 3339).
    pub purchase_at: String,
    /// The whole purchase (minor units).
    pub purchase_amount_minor: i64,
    /// This associate's share (minor units).
    pub amount_minor: i64,
    /// Currency.
    pub currency: String,
    /// Credited associate id.
    pub associate: String,
    /// Their display name.
    pub associate_name: String,
    /// The earning contact (activity id).
    pub contact: String,
    /// Its kind.
    #[schema(value_type = String)]
    pub contact_kind: ContactKind,
    /// Its activity type's name.
    pub contact_type: String,
    /// When it happened (RFC 3339).
    pub contact_at: String,
    /// Whole days from the contact to the purchase.
    pub days_before: i64,
    /// E.g. `Message sent (email) 3 days before by A. Kask`.
    pub explanation: String,
}

/// The kind as a reader says it: outreach names its channel.
pub fn kind_label(kind: ContactKind, type_name: &str) -> String {
    match kind {
        ContactKind::OutreachEmail => format!("{type_name} (email)"),
        ContactKind::OutreachSms => format!("{type_name} (SMS)"),
        ContactKind::OutreachWhatsapp => format!("{type_name} (WhatsApp)"),
        _ => type_name.to_owned(),
    }
}

impl From<AttributionRecord> for AttributionItem {
    fn from(r: AttributionRecord) -> Self {
        let days = (r.purchase_at - r.contact_at) / DAY_MICROS;
        let explanation = format!(
            "{} {} days before by {}",
            kind_label(r.contact_kind, &r.contact_type),
            days,
            r.associate_name
        );
        AttributionItem {
            purchase: r.purchase.to_string(),
            customer: r.account,
            purchase_at: rfc3339(r.purchase_at),
            purchase_amount_minor: r.purchase_minor,
            amount_minor: r.amount_minor,
            currency: r.currency,
            associate: r.associate.to_string(),
            associate_name: r.associate_name,
            contact: r.contact.to_string(),
            contact_kind: r.contact_kind,
            contact_type: r.contact_type,
            contact_at: rfc3339(r.contact_at),
            days_before: days,
            explanation,
        }
    }
}

/// Attributed shares of purchases in `[from, to)` credited to `associates`
/// (empty: everyone), newest first, after bringing results up to date.
pub async fn list(
    state: &AppState,
    who: &Principal,
    (from, to): (Option<i64>, Option<i64>),
    associates: Vec<AssociateId>,
    (cursor, limit): (Option<&str>, u32),
) -> ApiResult<Page<AttributionItem>> {
    refresh(state, who.company).await?;
    let version = current_rules(state, who.company).await?.version;
    let query = AttributionQuery {
        version,
        from,
        to,
        associates,
        before: page::decode::<(i64, Uuid, Uuid)>(cursor)?,
        limit: limit + 1,
    };
    let rows = state.store.attributions(who.company, &query).await?;
    Ok(page::paginate(
        rows,
        limit,
        |r| (r.purchase_at, r.purchase, r.associate.0),
        AttributionItem::from,
    ))
}
