//! Values passed to and returned from the storage traits.

use clienteling_domain::Permission;
use clienteling_domain::ids::{
    AddressBookId, AssociateId, AttributeId, AuditId, CompanyId, CustomerId, StoreId,
};
use serde::{Deserialize, Serialize};

/// What sign-in needs to know about an associate.
#[derive(Debug, Clone)]
pub struct Credentials {
    /// Associate id.
    pub associate: AssociateId,
    /// argon2id PHC string.
    pub password_hash: String,
    /// May sign in.
    pub active: bool,
}

/// A session or API token to store.
#[derive(Debug, Clone)]
pub struct NewSession {
    /// SHA-256 of the token, hex.
    pub token_hash: String,
    /// Owner.
    pub associate: AssociateId,
    /// Company.
    pub company: CompanyId,
    /// The current store chosen at sign-in.
    pub store: Option<StoreId>,
    /// CSRF token for cookie sessions.
    pub csrf_token: String,
    /// Created (µs).
    pub created_at: i64,
    /// Expires (µs).
    pub expires_at: i64,
}

/// The signed-in associate with everything permission checks need.
#[derive(Debug, Clone)]
pub struct Principal {
    /// Associate.
    pub associate: AssociateId,
    /// Login name.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Company.
    pub company: CompanyId,
    /// Company code.
    pub company_code: String,
    /// Role name.
    pub role: String,
    /// Role permissions.
    pub permissions: Vec<Permission>,
    /// Current store, if any.
    pub store: Option<StoreId>,
    /// Code of the current store.
    pub store_code: Option<String>,
    /// Address books of the current store (search scope).
    pub store_address_books: Vec<AddressBookId>,
    /// CSRF token of the session.
    pub csrf_token: String,
    /// Preferred language.
    pub locale: Option<String>,
    /// Whether clienteling is switched on for the company (the store reports
    /// `true`; the UI fills it in from the settings).
    pub clienteling_enabled: bool,
    /// The company's default language (the store reports `None`; the UI
    /// fills it in from the settings).
    pub company_language: Option<String>,
    /// The company's IANA time zone (the store reports `None`; the UI fills
    /// it in from the settings).
    pub time_zone: Option<String>,
}

impl Principal {
    /// Whether the role allows `p`.
    pub fn can(&self, p: Permission) -> bool {
        self.permissions.contains(&p)
    }
}

/// Paged customer search.
#[derive(Debug, Clone, Default)]
pub struct CustomerQuery {
    /// Free text over name, e-mail, phone and account.
    pub q: Option<String>,
    /// Only customers in at least one of these address books (`None`: no scoping).
    pub scope: Option<Vec<AddressBookId>>,
    /// Resume after this sort key.
    pub after: Option<CustomerCursor>,
    /// Page size.
    pub limit: u32,
}

/// Sort key of the customer order: (last name, first name, account).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerCursor {
    /// Last name.
    pub l: String,
    /// First name.
    pub f: String,
    /// Account.
    pub a: String,
}

/// An audit-log entry. `detail` carries no personal data.
#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    /// Time-ordered id.
    pub id: AuditId,
    /// Company.
    pub company: CompanyId,
    /// When (µs since the epoch).
    pub at: i64,
    /// Who, if signed in.
    pub associate: Option<AssociateId>,
    /// What, e.g. `customer.update`.
    pub action: String,
    /// `ok` or `denied`.
    pub outcome: String,
    /// Customer account concerned, if any.
    pub customer: Option<String>,
    /// Other target (route, id).
    pub target: Option<String>,
    /// Request id.
    pub request_id: Option<String>,
    /// Extra facts (field names changed, permission missing).
    pub detail: serde_json::Value,
}

/// Audit-log filter.
#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    /// Only entries about this customer account.
    pub customer: Option<String>,
    /// Only entries by this associate.
    pub associate: Option<AssociateId>,
    /// Older than this id.
    pub before: Option<AuditId>,
    /// Page size.
    pub limit: u32,
}

/// A purchase to record.
#[derive(Debug, Clone)]
pub struct NewPurchase {
    /// Buyer.
    pub customer: CustomerId,
    /// When (µs since the epoch).
    pub at: i64,
    /// Amount in minor units (cents).
    pub amount_minor: i64,
    /// ISO 4217 currency code.
    pub currency: String,
    /// Store where it happened.
    pub store: Option<StoreId>,
}

/// A stored purchase.
#[derive(Debug, Clone, Serialize)]
pub struct Purchase {
    /// Id.
    pub id: uuid::Uuid,
    /// When (µs since the epoch).
    pub at: i64,
    /// Amount in minor units.
    pub amount_minor: i64,
    /// Currency.
    pub currency: String,
    /// Store code.
    pub store: Option<String>,
}

/// A client book: one per associate per company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClientBook {
    /// Internal id.
    pub id: clienteling_domain::ids::ClientBookId,
    /// Public number, e.g. `CB-000042`.
    pub number: String,
    /// Company.
    pub company: CompanyId,
    /// Owner.
    pub associate: AssociateId,
    /// Owner's display name.
    pub associate_name: String,
}

/// Result of adding a customer to a book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AddOutcome {
    /// Added now.
    Added,
    /// Was already in this book.
    AlreadyHere,
    /// Refused: the customer is already in as many books as allowed; these own them.
    Conflict(Vec<BookOwner>),
}

/// The owner of a book that holds a customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BookOwner {
    /// Book number.
    pub book: String,
    /// Associate id.
    pub associate: AssociateId,
    /// Associate's display name.
    pub name: String,
}

/// Which customers a listing covers.
#[derive(Debug, Clone)]
pub enum BookScope {
    /// One client book.
    Book(clienteling_domain::ids::ClientBookId),
    /// The store client book of these stores: customers in books of
    /// associates whose address books intersect the stores' address books.
    Stores(Vec<StoreId>),
}

/// One change of book membership.
#[derive(Debug, Clone, Serialize)]
pub struct BookEvent {
    /// `added`, `removed`, `moved_in` or `moved_out`.
    pub action: String,
    /// Book number.
    pub book: String,
    /// The other book of a move.
    pub other_book: Option<String>,
    /// Who did it.
    pub by: Option<AssociateId>,
    /// When (µs).
    pub at: i64,
}

/// One measure of one customer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeasureRow {
    /// Customer.
    pub customer: CustomerId,
    /// Measure name (e.g. `churn_probability`).
    pub measure: String,
    /// Numeric value.
    pub value_num: Option<f64>,
    /// Label value (segments, actions).
    pub value_text: Option<String>,
    /// One-line explanation.
    pub explanation: Option<String>,
    /// When computed (µs).
    pub computed_at: i64,
}

/// An insights run.
#[derive(Debug, Clone, Serialize)]
pub struct InsightsRun {
    /// Id.
    pub id: uuid::Uuid,
    /// Company.
    pub company: CompanyId,
    /// `running`, `done` or `failed`.
    pub status: String,
    /// Who asked.
    pub requested_by: Option<AssociateId>,
    /// The request (calibration end, horizon, …).
    pub request: serde_json::Value,
    /// Fitted parameters and counts.
    pub result: Option<serde_json::Value>,
    /// Why it failed.
    pub error: Option<String>,
    /// Started (µs).
    pub started_at: i64,
    /// Finished (µs).
    pub finished_at: Option<i64>,
}

/// An activity to record (the type already resolved and checked active).
#[derive(Debug, Clone)]
pub struct NewActivity {
    /// About whom.
    pub customer: CustomerId,
    /// Who logged it.
    pub associate: AssociateId,
    /// Its type.
    pub activity_type: clienteling_domain::ids::ActivityTypeId,
    /// The store the associate was working at, if any.
    pub store: Option<StoreId>,
    /// When it happened (µs).
    pub at: i64,
    /// What happened.
    pub description: String,
    /// When a follow-up or appointment is due (µs).
    pub due_at: Option<i64>,
}

/// A stored activity with the names a listing shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityRecord {
    /// Id.
    pub id: clienteling_domain::ids::ActivityId,
    /// Customer.
    pub customer: CustomerId,
    /// Customer account number.
    pub account: String,
    /// Who logged it.
    pub associate: AssociateId,
    /// Their display name.
    pub associate_name: String,
    /// Store code, if logged at a store.
    pub store: Option<String>,
    /// Type code.
    pub type_code: String,
    /// Type name.
    pub type_name: String,
    /// When (µs).
    pub at: i64,
    /// Description.
    pub description: String,
    /// Due (µs).
    pub due_at: Option<i64>,
}

/// HQ listing of activities; every filter optional; newest first.
#[derive(Debug, Clone, Default)]
pub struct ActivityQuery {
    /// Logged by this associate.
    pub associate: Option<AssociateId>,
    /// Logged at this store.
    pub store: Option<StoreId>,
    /// Of this type.
    pub activity_type: Option<clienteling_domain::ids::ActivityTypeId>,
    /// At or after (µs).
    pub from: Option<i64>,
    /// Before (µs, exclusive).
    pub to: Option<i64>,
    /// Older than this `(at, id)` sort key.
    pub before: Option<(i64, uuid::Uuid)>,
    /// Page size.
    pub limit: u32,
}

/// A note to store.
#[derive(Debug, Clone)]
pub struct NewNote {
    /// About whom.
    pub customer: CustomerId,
    /// Author.
    pub author: AssociateId,
    /// Who may read it.
    pub visibility: clienteling_domain::activity::Visibility,
    /// Text.
    pub text: String,
    /// When written (µs).
    pub at: i64,
}

/// A stored note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Id.
    pub id: clienteling_domain::ids::NoteId,
    /// About whom.
    pub customer: CustomerId,
    /// Author.
    pub author: AssociateId,
    /// Author's display name.
    pub author_name: String,
    /// Who may read it.
    pub visibility: clienteling_domain::activity::Visibility,
    /// Current text.
    pub text: String,
    /// When first written (µs); the timeline position.
    pub at: i64,
    /// When last edited (µs), if ever.
    pub edited_at: Option<i64>,
}

/// A previous version of a note, kept when it was edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteRevision {
    /// The text before the edit.
    pub text: String,
    /// The visibility before the edit.
    pub visibility: clienteling_domain::activity::Visibility,
    /// When this version was written (µs).
    pub written_at: i64,
    /// When it was replaced (µs).
    pub replaced_at: i64,
}

/// A note with its whole history, for a data-access request (export).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteExport {
    /// The note as it is now.
    pub note: Note,
    /// Earlier versions, oldest first.
    pub revisions: Vec<NoteRevision>,
}

/// One page of a customer's timeline as seen by `viewer`.
#[derive(Debug, Clone)]
pub struct TimelineQuery {
    /// Whose timeline.
    pub customer: CustomerId,
    /// Who reads it: notes are filtered by their visibility to this associate.
    pub viewer: AssociateId,
    /// Only activities or only notes.
    pub kind: Option<clienteling_domain::activity::EntryKind>,
    /// Only activities of this type (notes are then left out).
    pub activity_type: Option<clienteling_domain::ids::ActivityTypeId>,
    /// Only entries whose text contains this (case-insensitive).
    pub text: Option<String>,
    /// Older than this `(at, id)` sort key.
    pub before: Option<(i64, uuid::Uuid)>,
    /// Page size.
    pub limit: u32,
}

/// One timeline entry: an activity or a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEntry {
    /// Activity or note.
    pub kind: clienteling_domain::activity::EntryKind,
    /// Activity or note id.
    pub id: uuid::Uuid,
    /// When (µs).
    pub at: i64,
    /// Who logged or wrote it.
    pub associate: AssociateId,
    /// Their display name.
    pub associate_name: String,
    /// Activity type code.
    pub type_code: Option<String>,
    /// Activity type name.
    pub type_name: Option<String>,
    /// Description or note text.
    pub text: String,
    /// Note visibility.
    pub visibility: Option<clienteling_domain::activity::Visibility>,
    /// Activity due time (µs).
    pub due_at: Option<i64>,
    /// When a note was last edited (µs).
    pub edited_at: Option<i64>,
}

/// What an erasure changed.
#[derive(Debug, Clone, Default, Serialize)]
pub struct EraseReport {
    /// Notes whose text was replaced.
    pub notes: u64,
    /// Earlier note versions deleted.
    pub note_revisions: u64,
    /// Activities whose description was replaced.
    pub activities: u64,
    /// Attribute values deleted.
    pub attributes: u64,
    /// Measures deleted.
    pub measures: u64,
    /// Client-book memberships removed.
    pub memberships: u64,
    /// Follow-ups deleted (their reasons may be personal data).
    pub follow_ups: u64,
    /// Appointments whose purpose was replaced.
    pub appointments: u64,
}

/// A customer of a book whose date attribute (birthday, anniversary, …)
/// falls in an upcoming window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateEvent {
    /// The customer.
    pub customer: CustomerId,
    /// Account number.
    pub account: String,
    /// Display name.
    pub customer_name: String,
    /// The date attribute.
    pub attribute: AttributeId,
    /// The stored date, `YYYY-MM-DD`.
    pub date: String,
}
