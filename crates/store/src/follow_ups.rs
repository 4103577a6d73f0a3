//! Storage of follow-ups (tasks about a customer, due on a day), their
//! rule table, and the facts the rules are evaluated on.

use crate::Result;
use async_trait::async_trait;
use clienteling_domain::ids::{
    AssociateId, AttributeId, ClientBookId, CompanyId, CustomerId, StoreId,
};
use time::Date;
use uuid::Uuid;

/// A follow-up to store.
#[derive(Debug, Clone)]
pub struct NewFollowUp {
    /// About whom.
    pub customer: CustomerId,
    /// Whose task it is.
    pub owner: AssociateId,
    /// Due day.
    pub due: Date,
    /// Why (free text by hand; a rule's machine-readable reason).
    pub reason: String,
    /// `manual` or `rule`.
    pub source: String,
    /// The rule kind for rule-made ones (`date_attribute`, `thank_you`, …).
    pub rule_kind: Option<String>,
    /// Idempotency key, unique per company: a second follow-up with the
    /// same key is not stored. `None` for hand-made ones.
    pub occasion: Option<String>,
    /// Who created it (`None`: a rule).
    pub created_by: Option<AssociateId>,
}

/// A stored follow-up with the names a listing shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    /// Id.
    pub id: Uuid,
    /// Customer.
    pub customer: CustomerId,
    /// Customer account number.
    pub account: String,
    /// Customer display name.
    pub customer_name: String,
    /// Owner.
    pub owner: AssociateId,
    /// Owner's display name.
    pub owner_name: String,
    /// The day it is due now (a snooze moves it).
    pub due: Date,
    /// The day it was first due.
    pub first_due: Date,
    /// Why.
    pub reason: String,
    /// `manual` or `rule`.
    pub source: String,
    /// Rule kind.
    pub rule_kind: Option<String>,
    /// Occasion key.
    pub occasion: Option<String>,
    /// `open`, `done`, `snoozed` or `dismissed`.
    pub status: String,
    /// Snoozed until this day.
    pub snoozed_until: Option<Date>,
    /// Created (µs).
    pub created_at: i64,
    /// Closed (done or dismissed, µs).
    pub closed_at: Option<i64>,
    /// Who closed it.
    pub closed_by: Option<AssociateId>,
}

/// Which follow-ups a listing shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum FollowUpStatusFilter {
    /// Open ones and snoozed ones whose day has come (the default).
    #[default]
    Active,
    /// Snoozed ones whose day has not come yet.
    Snoozed,
    /// Done.
    Done,
    /// Dismissed.
    Dismissed,
    /// Open or snoozed, whatever the day.
    Pending,
    /// All of them.
    All,
}

/// A listing of follow-ups, by (due, id).
#[derive(Debug, Clone, Default)]
pub struct FollowUpQuery {
    /// Owned by one of these associates (empty: anyone).
    pub owners: Vec<AssociateId>,
    /// Owned by the owner of this client book.
    pub book: Option<ClientBookId>,
    /// Owned by associates working at this store.
    pub store: Option<StoreId>,
    /// About this customer.
    pub customer: Option<CustomerId>,
    /// Status filter.
    pub status: FollowUpStatusFilter,
    /// Today (snoozed ones come back on their day).
    pub today: Option<Date>,
    /// Due on or before this day.
    pub due_before: Option<Date>,
    /// Due on or after this day.
    pub due_from: Option<Date>,
    /// Resume after this `(due, id)`.
    pub after: Option<(Date, Uuid)>,
    /// Page size.
    pub limit: u32,
}

/// A status change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FollowUpChange {
    /// Done.
    Done,
    /// Dismissed.
    Dismissed,
    /// Snoozed until the day.
    Snoozed(Date),
}

/// What the rules need about one customer in one book.
#[derive(Debug, Clone)]
pub struct BookFacts {
    /// Customer.
    pub customer: CustomerId,
    /// The book owner.
    pub owner: AssociateId,
    /// Rule facts (dates, last purchase and contact, churn, in book since).
    pub facts: clienteling_domain::follow_up::Facts,
}

/// An activity with a due time (a planned contact).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueActivity {
    /// Activity id.
    pub id: Uuid,
    /// Customer account number.
    pub account: String,
    /// Customer display name.
    pub customer_name: String,
    /// Activity type code.
    pub type_code: String,
    /// Due (µs).
    pub due_at: i64,
    /// The appointment this activity is the timeline entry of, if any.
    pub appointment: Option<Uuid>,
}

/// Follow-ups and their rules.
#[async_trait]
pub trait FollowUpStore: Send + Sync {
    /// Store follow-ups in one transaction; one whose occasion key already
    /// exists in the company is skipped (`INSERT … ON CONFLICT DO NOTHING`,
    /// safe across processes). Returns the ids of those stored.
    async fn add_follow_ups(&self, company: CompanyId, rows: &[NewFollowUp]) -> Result<Vec<Uuid>>;
    /// One follow-up.
    async fn follow_up(&self, company: CompanyId, id: Uuid) -> Result<FollowUp>;
    /// Follow-ups by `(due, id)`.
    async fn list_follow_ups(
        &self,
        company: CompanyId,
        query: &FollowUpQuery,
    ) -> Result<Vec<FollowUp>>;
    /// Mark done, dismiss or snooze an open or snoozed follow-up
    /// (`Conflict { constraint: "follow_ups_closed" }` when it is done or dismissed).
    async fn change_follow_up(
        &self,
        company: CompanyId,
        id: Uuid,
        change: &FollowUpChange,
        by: AssociateId,
        at: i64,
    ) -> Result<FollowUp>;
    /// The rule table (JSON), if HQ saved one.
    async fn follow_up_rules(&self, company: CompanyId) -> Result<Option<serde_json::Value>>;
    /// Save the rule table.
    async fn put_follow_up_rules(&self, company: CompanyId, doc: &serde_json::Value) -> Result<()>;
    /// Facts of every client-book customer (one entry per book holding
    /// them), with the values of the named date attributes, in a fixed
    /// number of queries. `date_attributes`: `(id, name)` of the date
    /// attributes the rules may read.
    async fn follow_up_facts(
        &self,
        company: CompanyId,
        date_attributes: &[(AttributeId, String)],
    ) -> Result<Vec<BookFacts>>;
    /// Claim the daily rule run of `day`; `false` if a process already did.
    async fn claim_follow_up_day(&self, company: CompanyId, day: Date) -> Result<bool>;
    /// Activities about the customers of `book` due in `[from, to)` (µs),
    /// soonest first (at most 500).
    async fn due_activities(
        &self,
        company: CompanyId,
        book: ClientBookId,
        from: i64,
        to: i64,
    ) -> Result<Vec<DueActivity>>;
    /// Every company (for the daily rule run).
    async fn follow_up_companies(&self) -> Result<Vec<CompanyId>>;
}
