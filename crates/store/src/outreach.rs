//! Storage of outreach: versioned message templates, consent per channel,
//! outreach settings and the transactional outbox with leased claims.

use crate::Result;
use async_trait::async_trait;
use clienteling_domain::ids::StoreId;
use clienteling_domain::ids::{ActivityId, ActivityTypeId, AssociateId, CompanyId, CustomerId};
use clienteling_domain::outreach::{
    Channel, ChannelConsent, OutboxStatus, OutreachSettings, TemplateDraft,
};
use uuid::Uuid;

/// A message template at its current version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateRecord {
    /// Id.
    pub id: Uuid,
    /// Code (unique per company and locale).
    pub code: String,
    /// Language.
    pub locale: String,
    /// Display name.
    pub name: String,
    /// Current version (1, 2, …).
    pub version: i32,
    /// Subject template of the current version.
    pub subject: String,
    /// Body template of the current version.
    pub body: String,
    /// HTML body.
    pub html: bool,
    /// Last change (µs).
    pub updated_at: i64,
}

/// One kept version of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateVersion {
    /// Version number.
    pub version: i32,
    /// Subject template.
    pub subject: String,
    /// Body template.
    pub body: String,
    /// HTML body.
    pub html: bool,
    /// Who wrote it (none for shipped defaults).
    pub author: Option<AssociateId>,
    /// When (µs).
    pub created_at: i64,
}

/// The over-messaging guard checked when a message is queued: at most
/// `max` messages (not dead) to the customer queued since `since`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutboxGuard {
    /// Start of the guard window (µs).
    pub since: i64,
    /// Messages allowed in the window.
    pub max: i64,
}

/// The constraint named by the `Conflict` that [`OutreachStore::enqueue`]
/// returns when the over-messaging guard refuses a message.
pub const GUARD_CONSTRAINT: &str = "outreach_guard";

/// A rendered message to queue, with the activity that logs it.
#[derive(Debug, Clone)]
pub struct NewOutboxMessage {
    /// The batch (`POST /outreach` call) it belongs to.
    pub outreach: Uuid,
    /// To whom.
    pub customer: CustomerId,
    /// Sent on behalf of.
    pub associate: AssociateId,
    /// The associate's current store.
    pub store: Option<StoreId>,
    /// The seeded `outreach` activity type.
    pub activity_type: ActivityTypeId,
    /// The activity's description.
    pub description: String,
    /// Template and version used.
    pub template: Option<(Uuid, i32)>,
    /// Channel.
    pub channel: Channel,
    /// E-mail address or phone number.
    pub recipient: String,
    /// Rendered subject (empty for SMS/WhatsApp).
    pub subject: String,
    /// Rendered body.
    pub body: String,
    /// HTML body.
    pub html: bool,
    /// Not before (µs): now, or the end of quiet hours.
    pub not_before: i64,
    /// Now (µs).
    pub now: i64,
    /// The over-messaging guard, checked in the queueing transaction.
    pub guard: Option<OutboxGuard>,
}

/// A message in the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxMessage {
    /// Id (also the idempotency key and the Message-ID's local part).
    pub id: Uuid,
    /// Company.
    pub company: CompanyId,
    /// Batch.
    pub outreach: Uuid,
    /// Customer.
    pub customer: CustomerId,
    /// Customer account number.
    pub account: String,
    /// The activity that logs it.
    pub activity: ActivityId,
    /// Template and version used.
    pub template: Option<(Uuid, i32)>,
    /// Channel.
    pub channel: Channel,
    /// E-mail address or phone number.
    pub recipient: String,
    /// Rendered subject.
    pub subject: String,
    /// Rendered body.
    pub body: String,
    /// HTML body.
    pub html: bool,
    /// Status.
    pub status: OutboxStatus,
    /// Delivery attempts so far.
    pub attempts: i32,
    /// Not before (µs).
    pub not_before: i64,
    /// The last error, if any.
    pub last_error: Option<String>,
    /// Queued at (µs).
    pub created_at: i64,
    /// Delivered at (µs).
    pub sent_at: Option<i64>,
}

/// Which outbox messages to list.
#[derive(Debug, Clone, Default)]
pub struct OutboxQuery {
    /// Only this status.
    pub status: Option<OutboxStatus>,
    /// Only this batch.
    pub outreach: Option<Uuid>,
    /// After this id (paging, ascending).
    pub after: Option<Uuid>,
    /// At most this many.
    pub limit: u32,
}

/// How a worker leases messages.
#[derive(Debug, Clone)]
pub struct Lease {
    /// The worker's unique name.
    pub owner: String,
    /// Now (µs).
    pub now: i64,
    /// The lease ends at (µs).
    pub until: i64,
}

/// Templates, consents, outreach settings and the outbox.
#[async_trait]
pub trait OutreachStore: Send + Sync {
    /// Every template of a company, by code and locale.
    async fn list_templates(&self, company: CompanyId) -> Result<Vec<TemplateRecord>>;
    /// One template at its current version.
    async fn template(&self, company: CompanyId, id: Uuid) -> Result<TemplateRecord>;
    /// Create a template at version 1 (`Conflict` on a duplicate code and locale).
    async fn create_template(
        &self,
        company: CompanyId,
        draft: &TemplateDraft,
        author: Option<AssociateId>,
    ) -> Result<TemplateRecord>;
    /// Store a new version (and the new code, locale and name).
    async fn update_template(
        &self,
        company: CompanyId,
        id: Uuid,
        draft: &TemplateDraft,
        author: AssociateId,
    ) -> Result<TemplateRecord>;
    /// Every version of a template, newest first.
    async fn template_versions(&self, company: CompanyId, id: Uuid)
    -> Result<Vec<TemplateVersion>>;
    /// A customer's consents (channels never answered are absent).
    async fn consents(&self, customer: CustomerId) -> Result<Vec<ChannelConsent>>;
    /// Set consents (one row per channel, replaced).
    async fn put_consents(&self, customer: CustomerId, rows: &[ChannelConsent]) -> Result<()>;
    /// The company's outreach settings (`None`: never saved).
    async fn outreach_settings(&self, company: CompanyId) -> Result<Option<OutreachSettings>>;
    /// Save the company's outreach settings.
    async fn put_outreach_settings(&self, company: CompanyId, s: &OutreachSettings) -> Result<()>;
    /// Messages to a customer queued since `since` (µs) that are not dead.
    async fn messages_since(&self, customer: CustomerId, since: i64) -> Result<i64>;
    /// Insert the `outreach` activity and the outbox row in one transaction;
    /// returns `(outbox id, activity id)`. With `msg.guard`, the customer is
    /// locked first (queueing to one customer is serialised across
    /// processes) and a full window is a `Conflict` on [`GUARD_CONSTRAINT`].
    async fn enqueue(
        &self,
        company: CompanyId,
        msg: &NewOutboxMessage,
    ) -> Result<(Uuid, ActivityId)>;
    /// Lease up to `limit` due messages (queued, failed and due, or claimed
    /// with an expired lease), oldest first; each attempt is counted.
    async fn claim_outbox(&self, lease: &Lease, limit: u32) -> Result<Vec<OutboxMessage>>;
    /// `claimed` → `sending` if `lease.owner` still holds it; `false` otherwise.
    async fn mark_sending(&self, id: Uuid, lease: &Lease) -> Result<bool>;
    /// → `sent` if `owner` still holds it.
    async fn mark_sent(&self, id: Uuid, owner: &str, now: i64) -> Result<bool>;
    /// → `failed` (retry at `retry_at`) or `dead` (`retry_at` none) if `owner` holds it.
    async fn mark_failed(
        &self,
        id: Uuid,
        owner: &str,
        error: &str,
        retry_at: Option<i64>,
    ) -> Result<bool>;
    /// Messages left in `sending` by a worker whose lease ran out: e-mail
    /// becomes `dead` (it may have been delivered: never resent), webhook
    /// messages `failed` (resent with the same idempotency key). Returns how many.
    async fn recover_interrupted(&self, now: i64) -> Result<u64>;
    /// Outbox messages of a company, ascending by id.
    async fn list_outbox(&self, company: CompanyId, q: &OutboxQuery) -> Result<Vec<OutboxMessage>>;
    /// The outbox status of these activities (those that log a message).
    async fn outreach_statuses(
        &self,
        activities: &[ActivityId],
    ) -> Result<Vec<(ActivityId, OutboxStatus)>>;
}
