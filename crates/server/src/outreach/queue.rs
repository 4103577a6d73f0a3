//! Queueing outreach: for one customer, a list of accounts or the current
//! filter of a client book, check consent, address and the over-messaging
//! guard, render the template for each customer and write the `outreach`
//! activity and the outbox row in one transaction. Shared by API and UI.

use super::render::{self, Context, Named, Person};
use crate::audit::{self, Outcome};
use crate::books;
use crate::error::{ApiError, ApiResult};
use crate::fmt::rfc3339;
use crate::state::AppState;
use clienteling_domain::Invalid;
use clienteling_domain::attributes::Attribute;
use clienteling_domain::customer::Customer;
use clienteling_domain::outreach::{Channel, OutreachSettings, held_until_local};
use clienteling_domain::permission::Permission;
use clienteling_domain::time_util::now_micros;
use clienteling_store::{
    BookScope, GUARD_CONSTRAINT, NewOutboxMessage, OutboxGuard, Principal, StoreError,
    TemplateRecord,
};
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;
use uuid::Uuid;

/// At most this many customers per outreach call.
pub const MAX_BATCH: usize = 500;
const DAY: i64 = 86_400_000_000;

/// Who a message goes to.
#[derive(Debug, Clone)]
pub enum Targets {
    /// These accounts.
    Accounts(Vec<String>),
    /// Every customer of a client book matching a filter query string.
    Filter {
        /// Book number.
        book: String,
        /// Filter as in `GET /client-books/{id}/customers` (`event=birthday&within_days=30`).
        query: String,
    },
}

/// What happened for one customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Result {
    /// Queued (possibly held until quiet hours end).
    Queued,
    /// The customer has not opted in to this channel.
    NoConsent,
    /// The over-messaging guard stopped it.
    Guard,
    /// No e-mail address or phone number.
    NoAddress,
    /// No such customer.
    NotFound,
    /// The template does not render for this customer.
    Invalid,
}

/// The result for one customer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AccountResult {
    /// Account number.
    pub account: String,
    /// Customer name (for the UI's result list).
    pub name: String,
    /// What happened.
    pub result: Result,
    /// Outbox message id, when queued.
    pub message: Option<String>,
    /// When a message held by quiet hours goes out (RFC 3339).
    pub held_until: Option<String>,
    /// Why it was not queued, in plain words.
    pub detail: Option<String>,
}

/// The result of one outreach call.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OutreachResult {
    /// Id of this outreach (`GET /outreach/{id}`).
    pub id: String,
    /// Template id.
    pub template: String,
    /// Template version used.
    pub template_version: i32,
    /// Channel.
    pub channel: Channel,
    /// One entry per customer.
    pub results: Vec<AccountResult>,
    /// How many were queued.
    pub queued: usize,
}

/// What every message of one call shares.
struct Batch {
    id: Uuid,
    template: TemplateRecord,
    channel: Channel,
    settings: OutreachSettings,
    attrs: Vec<Attribute>,
    store_name: String,
    activity_type: clienteling_domain::ids::ActivityTypeId,
    now: i64,
    /// The company's UTC offset now (µs): quiet hours are local hours.
    utc_offset: i64,
}

/// The template by id (422 at `/template` when unknown).
pub async fn template(state: &AppState, who: &Principal, id: &str) -> ApiResult<TemplateRecord> {
    let bad = || ApiError::from(Invalid::field("/template", "no such message template"));
    let id = Uuid::parse_str(id).map_err(|_| bad())?;
    match state.store.template(who.company, id).await {
        Ok(t) => Ok(t),
        Err(StoreError::NotFound) => Err(bad()),
        Err(e) => Err(e.into()),
    }
}

/// The company's outreach settings (defaults until HQ saves them).
pub async fn settings(state: &AppState, who: &Principal) -> ApiResult<OutreachSettings> {
    Ok(state
        .store
        .outreach_settings(who.company)
        .await?
        .unwrap_or_default())
}

/// Attributes of the selected group (template variables `attributes.<name>`).
pub async fn attributes(state: &AppState, who: &Principal) -> ApiResult<Vec<Attribute>> {
    let s = state.store.settings(who.company).await?;
    books::selected_attributes(state, who.company, &s).await
}

/// The company time zone's offset from UTC at `now` (µs).
async fn local_offset(state: &AppState, who: &Principal, now: i64) -> ApiResult<i64> {
    let s = state.store.settings(who.company).await?;
    Ok(crate::i18n::zone::offset_micros(
        crate::i18n::zone::zone(&s.time_zone),
        now,
    ))
}

async fn store_name(state: &AppState, who: &Principal) -> ApiResult<String> {
    let Some(id) = who.store else {
        return Ok(String::new());
    };
    let stores = state.store.list_stores(who.company).await?;
    Ok(stores
        .into_iter()
        .find(|s| s.id == id)
        .map(|s| s.name.as_str().to_owned())
        .unwrap_or_default())
}

/// Queue a template to `targets` on `channel`. Audited (counts only).
pub async fn send(
    state: &AppState,
    who: &Principal,
    template_id: &str,
    channel: Channel,
    targets: &Targets,
) -> ApiResult<OutreachResult> {
    let template = template(state, who, template_id).await?;
    let customers = resolve(state, who, targets).await?;
    let activity_type = state.store.activity_type(who.company, "outreach").await?.id;
    let now = now_micros();
    let batch = Batch {
        id: Uuid::now_v7(),
        template,
        channel,
        settings: settings(state, who).await?,
        attrs: attributes(state, who).await?,
        store_name: store_name(state, who).await?,
        activity_type,
        now,
        utc_offset: local_offset(state, who, now).await?,
    };
    let mut results = Vec::with_capacity(customers.len());
    for c in customers {
        results.push(match c {
            Ok(c) => one(state, who, &batch, &c).await?,
            Err(account) => refused(&account, "", Result::NotFound, "no such customer"),
        });
    }
    let queued = results
        .iter()
        .filter(|r| r.result == Result::Queued)
        .count();
    let detail = serde_json::json!({"outreach": batch.id.to_string(), "template": batch.template.id.to_string(),
        "version": batch.template.version, "channel": channel.as_str(), "customers": results.len(), "queued": queued});
    audit::record(state, who, "outreach.send", Outcome::Ok, None, detail).await;
    Ok(OutreachResult {
        id: batch.id.to_string(),
        template: batch.template.id.to_string(),
        template_version: batch.template.version,
        channel,
        results,
        queued,
    })
}

/// The customers targeted: found ones, or the unknown account.
async fn resolve(
    state: &AppState,
    who: &Principal,
    targets: &Targets,
) -> ApiResult<Vec<std::result::Result<Customer, String>>> {
    match targets {
        Targets::Accounts(accounts) => {
            if accounts.is_empty() || accounts.len() > MAX_BATCH {
                return Err(Invalid::field("/accounts", "must list 1 to 500 accounts").into());
            }
            let mut out = Vec::new();
            for a in accounts {
                out.push(
                    match state.store.customer_by_account(who.company, a).await {
                        Ok(c) => Ok(c),
                        Err(StoreError::NotFound) => Err(a.clone()),
                        Err(e) => return Err(e.into()),
                    },
                );
            }
            Ok(out)
        }
        Targets::Filter { book, query } => {
            books::enabled_settings(state, who.company).await?;
            let book = crate::api::client_books::visible_book(
                state,
                who,
                book,
                Permission::ViewStoreClientBooks,
            )
            .await?;
            let attrs = attributes(state, who).await?;
            let pairs = books::query_pairs(Some(query));
            let f = books::parse_filter(&pairs, &attrs, &["limit", "cursor"])?;
            let limit = u32::try_from(MAX_BATCH + 1).unwrap_or(u32::MAX);
            let rows = state
                .store
                .list_book_customers(who.company, &BookScope::Book(book.id), &f, None, limit)
                .await?;
            if rows.len() > MAX_BATCH {
                return Err(Invalid::field("/filter", "matches more than 500 customers").into());
            }
            Ok(rows.into_iter().map(Ok).collect())
        }
    }
}

fn refused(account: &str, name: &str, result: Result, detail: &str) -> AccountResult {
    AccountResult {
        account: account.to_owned(),
        name: name.to_owned(),
        result,
        message: None,
        held_until: None,
        detail: Some(detail.to_owned()),
    }
}

/// Check, render and queue one message.
async fn one(
    state: &AppState,
    who: &Principal,
    b: &Batch,
    c: &Customer,
) -> ApiResult<AccountResult> {
    let (account, name) = (c.account.to_string(), c.display_name());
    let consents = state.store.consents(c.id).await?;
    if !consents.iter().any(|k| k.channel == b.channel && k.opt_in) {
        return Ok(refused(
            &account,
            &name,
            Result::NoConsent,
            "no opt-in for this channel",
        ));
    }
    let address = match b.channel {
        Channel::Email => c.email.clone(),
        Channel::Sms | Channel::Whatsapp => c.phone.clone(),
    };
    let Some(recipient) = address.filter(|a| !a.trim().is_empty()) else {
        return Ok(refused(
            &account,
            &name,
            Result::NoAddress,
            "no address for this channel",
        ));
    };
    let g = &b.settings.guard;
    let ctx = context(state, who, b, c).await?;
    let t = &b.template;
    let html = t.html && b.channel == Channel::Email;
    let rendered = match render::render(&t.subject, &t.body, html, &ctx) {
        Ok(r) => r,
        Err(e) => return Ok(refused(&account, &name, Result::Invalid, &e.to_string())),
    };
    let held = held_until_local(b.now, b.utc_offset, g.quiet_start_hour, g.quiet_end_hour);
    let description = match b.channel {
        Channel::Email => format!("E-mail: {}", rendered.subject),
        Channel::Sms => format!("SMS: {}", t.name),
        Channel::Whatsapp => format!("WhatsApp: {}", t.name),
    };
    let msg = NewOutboxMessage {
        outreach: b.id,
        customer: c.id,
        associate: who.associate,
        store: who.store,
        activity_type: b.activity_type,
        description,
        template: Some((t.id, t.version)),
        channel: b.channel,
        recipient: recipient.trim().to_owned(),
        subject: rendered.subject,
        body: rendered.body,
        html,
        not_before: held.unwrap_or(b.now),
        now: b.now,
        guard: Some(OutboxGuard {
            since: b.now - i64::from(g.per_days) * DAY,
            max: i64::from(g.max_messages),
        }),
    };
    let id = match state.store.enqueue(who.company, &msg).await {
        Ok((id, _)) => id,
        Err(StoreError::Conflict { constraint }) if constraint == GUARD_CONSTRAINT => {
            let why = format!("already {} messages in {} days", g.max_messages, g.per_days);
            return Ok(refused(&account, &name, Result::Guard, &why));
        }
        Err(e) => return Err(e.into()),
    };
    Ok(AccountResult {
        account,
        name,
        result: Result::Queued,
        message: Some(id.to_string()),
        held_until: held.map(rfc3339),
        detail: held.map(|_| "held until quiet hours end".to_owned()),
    })
}

/// The template variables for one customer.
pub async fn context(
    state: &AppState,
    who: &Principal,
    b_attrs: &impl AttrSource,
    c: &Customer,
) -> ApiResult<Context> {
    let values = state.store.customer_attributes(&[c.id]).await?;
    let mut attributes: BTreeMap<String, serde_json::Value> = b_attrs
        .attrs()
        .iter()
        .map(|a| (a.name.clone(), serde_json::Value::Null))
        .collect();
    for (_, attr, v) in values {
        if let Some(a) = b_attrs.attrs().iter().find(|a| a.id == attr) {
            attributes.insert(a.name.clone(), v.to_json(a.kind));
        }
    }
    Ok(Context {
        customer: Person {
            first_name: c.first_name.clone(),
            last_name: c.last_name.clone(),
        },
        associate: Named {
            name: who.display_name.clone(),
        },
        store: Named {
            name: b_attrs.store_name().to_owned(),
        },
        attributes,
    })
}

/// Where [`context`] gets the attributes and the store name from.
pub trait AttrSource {
    /// The selected group's attributes.
    fn attrs(&self) -> &[Attribute];
    /// The associate's store's name.
    fn store_name(&self) -> &str;
}

impl AttrSource for Batch {
    fn attrs(&self) -> &[Attribute] {
        &self.attrs
    }
    fn store_name(&self) -> &str {
        &self.store_name
    }
}

/// The attributes and store name for a preview.
pub struct PreviewSource {
    /// Attributes.
    pub attrs: Vec<Attribute>,
    /// Store name.
    pub store_name: String,
}

impl AttrSource for PreviewSource {
    fn attrs(&self) -> &[Attribute] {
        &self.attrs
    }
    fn store_name(&self) -> &str {
        &self.store_name
    }
}

/// The attributes and store name of `who` for previews.
pub async fn preview_source(state: &AppState, who: &Principal) -> ApiResult<PreviewSource> {
    Ok(PreviewSource {
        attrs: attributes(state, who).await?,
        store_name: store_name(state, who).await?,
    })
}

/// Set the delivery status on the outreach activities of a timeline page.
pub async fn fill_statuses(
    state: &AppState,
    items: &mut [crate::timeline::TimelineItem],
) -> ApiResult<()> {
    let ids: Vec<clienteling_domain::ids::ActivityId> = items
        .iter()
        .filter(|i| i.type_code.as_deref() == Some("outreach"))
        .filter_map(|i| i.id.parse().ok())
        .collect();
    if ids.is_empty() {
        return Ok(());
    }
    let statuses = state.store.outreach_statuses(&ids).await?;
    for i in items.iter_mut() {
        i.outreach_status = statuses
            .iter()
            .find(|(a, _)| a.to_string() == i.id)
            .map(|(_, s)| *s);
    }
    Ok(())
}
