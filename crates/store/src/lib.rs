//! Narrow storage traits of clienteling, one per aggregate, and the storage
//! error type every backend converts its driver errors into.
#![forbid(unsafe_code)]

mod appointments;
mod bulk;
mod error;
mod follow_up_kpis;
mod follow_ups;
mod outreach;
mod types;

pub use appointments::*;
pub use bulk::*;
pub use error::{Result, StoreError};
pub use follow_up_kpis::*;
pub use follow_ups::*;
pub use outreach::*;
pub use types::*;

use async_trait::async_trait;
use clienteling_domain::Permission;
use clienteling_domain::attributes::{Attribute, AttributeGroup, NewAttribute, StoredValue};
use clienteling_domain::customer::{Customer, CustomerFields};
use clienteling_domain::filter::CustomerFilter;
use clienteling_domain::ids::{AddressBookId, AssociateId, CompanyId, CustomerId};
use clienteling_domain::ids::{AttributeGroupId, AttributeId};
use clienteling_domain::org::{
    AddressBook, Associate, AssociatePatch, Company, NewAssociate, Role, Store as ShopStore,
};
use clienteling_domain::settings::Settings;
use clienteling_domain::text::{Code, Name};

/// Companies, stores, address books, roles and associates.
#[async_trait]
pub trait OrgStore: Send + Sync {
    /// Create a company with the seeded roles and default settings, in one transaction.
    async fn create_company(&self, code: &Code, name: &Name) -> Result<Company>;
    /// A company by its sign-in code.
    async fn company_by_code(&self, code: &str) -> Result<Company>;
    /// Create a store serving the given address books.
    async fn create_store(
        &self,
        company: CompanyId,
        code: &Code,
        name: &Name,
        books: &[AddressBookId],
    ) -> Result<ShopStore>;
    /// All stores of a company, by code.
    async fn list_stores(&self, company: CompanyId) -> Result<Vec<ShopStore>>;
    /// The store whose code (any case) or id is `key`.
    async fn find_store(&self, company: CompanyId, key: &str) -> Result<ShopStore>;
    /// Create an address book.
    async fn create_address_book(
        &self,
        company: CompanyId,
        code: &Code,
        name: &Name,
    ) -> Result<AddressBook>;
    /// All address books of a company, by code.
    async fn list_address_books(&self, company: CompanyId) -> Result<Vec<AddressBook>>;
    /// Create a role.
    async fn create_role(
        &self,
        company: CompanyId,
        name: &Code,
        perms: &[Permission],
    ) -> Result<Role>;
    /// All roles of a company, by name.
    async fn list_roles(&self, company: CompanyId) -> Result<Vec<Role>>;
    /// Create an associate.
    async fn create_associate(&self, company: CompanyId, new: &NewAssociate) -> Result<Associate>;
    /// Change an associate.
    async fn update_associate(
        &self,
        company: CompanyId,
        id: AssociateId,
        patch: &AssociatePatch,
    ) -> Result<Associate>;
    /// One associate.
    async fn associate(&self, company: CompanyId, id: AssociateId) -> Result<Associate>;
    /// All associates of a company, by username.
    async fn list_associates(&self, company: CompanyId) -> Result<Vec<Associate>>;
}

/// Credentials and sessions.
#[async_trait]
pub trait AuthStore: Send + Sync {
    /// The password hash and state of an associate, by company and username.
    async fn credentials(&self, company: CompanyId, username: &str) -> Result<Credentials>;
    /// Store a new session or API token (only its hash).
    async fn create_session(&self, session: &NewSession) -> Result<()>;
    /// The signed-in principal for a token hash, if the session is live and the associate active.
    async fn principal(&self, token_hash: &str, now_micros: i64) -> Result<Principal>;
    /// End a session.
    async fn delete_session(&self, token_hash: &str) -> Result<()>;
    /// Remove expired sessions; returns how many.
    async fn purge_sessions(&self, now_micros: i64) -> Result<u64>;
}

/// Customers.
#[async_trait]
pub trait CustomerStore: Send + Sync {
    /// Create a customer (fields validated, account present).
    async fn create_customer(
        &self,
        company: CompanyId,
        fields: &CustomerFields,
        books: &[AddressBookId],
    ) -> Result<Customer>;
    /// A customer by account number.
    async fn customer_by_account(&self, company: CompanyId, account: &str) -> Result<Customer>;
    /// Apply validated changes; `books` replaces the address books when given.
    async fn update_customer(
        &self,
        company: CompanyId,
        account: &str,
        fields: &CustomerFields,
        books: Option<&[AddressBookId]>,
    ) -> Result<Customer>;
    /// Search, ordered by (last name, first name, account), cursor-paged.
    async fn search_customers(
        &self,
        company: CompanyId,
        query: &CustomerQuery,
    ) -> Result<Vec<Customer>>;
    /// Number of customers of a company.
    async fn count_customers(&self, company: CompanyId) -> Result<i64>;
}

/// Settings.
#[async_trait]
pub trait SettingsStore: Send + Sync {
    /// The company's settings.
    async fn settings(&self, company: CompanyId) -> Result<Settings>;
    /// Replace the company's settings.
    async fn put_settings(&self, company: CompanyId, settings: &Settings) -> Result<()>;
}

/// The audit log (append-only).
#[async_trait]
pub trait AuditStore: Send + Sync {
    /// Append an entry.
    async fn append_audit(&self, entry: &AuditEntry) -> Result<()>;
    /// Entries, newest first, cursor-paged by id.
    async fn list_audit(&self, company: CompanyId, query: &AuditQuery) -> Result<Vec<AuditEntry>>;
}

/// Purchases (sales transactions), the input of the insights engine.
#[async_trait]
pub trait PurchaseStore: Send + Sync {
    /// Insert purchases in one transaction; returns how many.
    async fn add_purchases(&self, company: CompanyId, purchases: &[NewPurchase]) -> Result<u64>;
    /// A customer's purchases, newest first, paged by `(at, id)`.
    async fn purchases_of(
        &self,
        company: CompanyId,
        customer: CustomerId,
        before: Option<(i64, uuid::Uuid)>,
        limit: u32,
    ) -> Result<Vec<Purchase>>;
}

/// Attribute groups and customers' attribute values.
#[async_trait]
pub trait AttributeStore: Send + Sync {
    /// Create a group with its attributes.
    async fn create_attribute_group(
        &self,
        company: CompanyId,
        name: &str,
        attrs: &[NewAttribute],
    ) -> Result<AttributeGroup>;
    /// All groups, by name.
    async fn list_attribute_groups(&self, company: CompanyId) -> Result<Vec<AttributeGroup>>;
    /// The attributes of the group named `name`, by display order (none
    /// when there is no such group), in one statement: what every client
    /// book read needs from the selected group.
    async fn group_attributes(&self, company: CompanyId, name: &str) -> Result<Vec<Attribute>>;
    /// One group.
    async fn attribute_group(
        &self,
        company: CompanyId,
        id: AttributeGroupId,
    ) -> Result<AttributeGroup>;
    /// Rename a group and/or replace its attributes (matched by name: kept
    /// attributes keep their values; removed ones lose them).
    async fn update_attribute_group(
        &self,
        company: CompanyId,
        id: AttributeGroupId,
        name: Option<&str>,
        attrs: Option<&[NewAttribute]>,
    ) -> Result<AttributeGroup>;
    /// Delete a group and every value of its attributes.
    async fn delete_attribute_group(&self, company: CompanyId, id: AttributeGroupId) -> Result<()>;
    /// Set (`Some`) or clear (`None`) a customer's attribute values, in one transaction.
    async fn set_customer_attributes(
        &self,
        customer: CustomerId,
        values: &[(AttributeId, Option<StoredValue>)],
    ) -> Result<()>;
    /// The attribute values of these customers.
    async fn customer_attributes(
        &self,
        customers: &[CustomerId],
    ) -> Result<Vec<(CustomerId, AttributeId, StoredValue)>>;
}

/// Client books, memberships and the filtered book listings.
#[async_trait]
pub trait ClientBookStore: Send + Sync {
    /// The associate's book, creating it on first use with the next number of
    /// the sequence (allocated in the same transaction).
    async fn ensure_book(&self, company: CompanyId, associate: AssociateId) -> Result<ClientBook>;
    /// A book by its number, e.g. `CB-000042`.
    async fn book_by_number(&self, company: CompanyId, number: &str) -> Result<ClientBook>;
    /// Add a customer, honouring `limit` books per customer (`None`: unlimited).
    async fn add_to_book(
        &self,
        book: &ClientBook,
        customer: CustomerId,
        limit: Option<u32>,
        by: AssociateId,
    ) -> Result<AddOutcome>;
    /// Remove a customer; `false` if they were not in the book.
    async fn remove_from_book(
        &self,
        book: &ClientBook,
        customer: CustomerId,
        by: AssociateId,
    ) -> Result<bool>;
    /// Move a customer into `to` from `from` (or from every other book when
    /// `from` is `None`), honouring `limit`.
    async fn move_to_book(
        &self,
        from: Option<&ClientBook>,
        to: &ClientBook,
        customer: CustomerId,
        limit: Option<u32>,
        by: AssociateId,
    ) -> Result<AddOutcome>;
    /// Ids of every customer in a book.
    async fn book_member_ids(&self, book: &ClientBook) -> Result<Vec<CustomerId>>;
    /// Customers of a book or store book matching `filter`, by (last, first,
    /// account), as a page of client cards needs them: their `address_books`
    /// are left empty (cards do not show them, and reading them was most of
    /// the statement on PostgreSQL).
    async fn list_book_customers(
        &self,
        company: CompanyId,
        scope: &BookScope,
        filter: &CustomerFilter,
        after: Option<&CustomerCursor>,
        limit: u32,
    ) -> Result<Vec<Customer>>;
    /// Counts per value of each of `attributes` among the customers matching
    /// `filter`, in one query: for each attribute (in the order given) its
    /// `max_values` most common values, most common first.
    async fn facet_counts(
        &self,
        company: CompanyId,
        scope: &BookScope,
        filter: &CustomerFilter,
        attributes: &[AttributeId],
        max_values: u32,
    ) -> Result<Vec<(AttributeId, Vec<(String, i64)>)>>;
    /// Customers of `scope` with a value of one of the date `attributes`
    /// whose month and day (`MM-DD`) is in `month_days`, in one query: a row
    /// per customer and attribute, by (last, first, account), at most `limit`.
    async fn date_events(
        &self,
        company: CompanyId,
        scope: &BookScope,
        attributes: &[AttributeId],
        month_days: &[String],
        limit: u32,
    ) -> Result<Vec<DateEvent>>;
    /// Number of customers in a book.
    async fn count_book(&self, book: &ClientBook) -> Result<i64>;
    /// The books (and owners) holding a customer.
    async fn books_of_customer(&self, customer: CustomerId) -> Result<Vec<BookOwner>>;
    /// The book membership history of a customer, newest first.
    async fn book_history(&self, customer: CustomerId) -> Result<Vec<BookEvent>>;
}

/// Measures per customer (from the insights engine or an external provider).
#[async_trait]
pub trait MeasureStore: Send + Sync {
    /// Upsert measures.
    async fn put_measures(&self, rows: &[MeasureRow]) -> Result<u64>;
    /// The measures of these customers.
    async fn measures_of(&self, customers: &[CustomerId]) -> Result<Vec<MeasureRow>>;
    /// Only the measures named `names` of these customers (what their cards
    /// show); nothing when `names` is empty.
    async fn measures_named(
        &self,
        customers: &[CustomerId],
        names: &[&str],
    ) -> Result<Vec<MeasureRow>>;
}

/// Insights runs and their input.
#[async_trait]
pub trait InsightsStore: Send + Sync {
    /// Record a started run.
    async fn create_run(&self, run: &InsightsRun) -> Result<()>;
    /// Record a run's end: `status` `done` or `failed`, with a result or an error.
    async fn finish_run(
        &self,
        id: uuid::Uuid,
        status: &str,
        result: Option<&serde_json::Value>,
        error: Option<&str>,
    ) -> Result<()>;
    /// One run.
    async fn run(&self, company: CompanyId, id: uuid::Uuid) -> Result<InsightsRun>;
    /// Recent runs, newest first.
    async fn runs(&self, company: CompanyId, limit: u32) -> Result<Vec<InsightsRun>>;
    /// The company's next-best-action rule table (JSON), if HQ saved one.
    async fn rules(&self, company: CompanyId) -> Result<Option<serde_json::Value>>;
    /// Save the rule table.
    async fn put_rules(&self, company: CompanyId, doc: &serde_json::Value) -> Result<()>;
    /// Customer ids by alternate (external provider) id; unknown ids are left out.
    async fn customers_by_alternate_id(
        &self,
        company: CompanyId,
        ids: &[String],
    ) -> Result<Vec<(String, CustomerId)>>;
    /// Purchase totals per customer and day (days since the epoch, UTC) up to `until_day` inclusive.
    async fn daily_totals(
        &self,
        company: CompanyId,
        until_day: i32,
    ) -> Result<Vec<(CustomerId, i32, i64)>>;
}

/// Activity types (HQ-managed, read from the database every time) and activities.
#[async_trait]
pub trait ActivityStore: Send + Sync {
    /// All activity types of a company, by code.
    async fn list_activity_types(
        &self,
        company: CompanyId,
    ) -> Result<Vec<clienteling_domain::activity::ActivityType>>;
    /// One activity type by code.
    async fn activity_type(
        &self,
        company: CompanyId,
        code: &str,
    ) -> Result<clienteling_domain::activity::ActivityType>;
    /// Create an activity type (`Conflict` on a duplicate code).
    async fn create_activity_type(
        &self,
        company: CompanyId,
        code: &Code,
        name: &Name,
        active: bool,
    ) -> Result<clienteling_domain::activity::ActivityType>;
    /// Change an activity type.
    async fn update_activity_type(
        &self,
        company: CompanyId,
        code: &str,
        patch: &clienteling_domain::activity::ActivityTypePatch,
    ) -> Result<clienteling_domain::activity::ActivityType>;
    /// Delete an unused activity type (`Conflict { constraint:
    /// "activity_types_in_use" }` when activities have it).
    async fn delete_activity_type(&self, company: CompanyId, code: &str) -> Result<()>;
    /// Insert activities in one transaction (batched); returns their ids in order.
    async fn add_activities(
        &self,
        company: CompanyId,
        rows: &[NewActivity],
    ) -> Result<Vec<clienteling_domain::ids::ActivityId>>;
    /// One activity.
    async fn activity(
        &self,
        company: CompanyId,
        id: clienteling_domain::ids::ActivityId,
    ) -> Result<ActivityRecord>;
    /// Activities of the whole company (HQ view), newest first, paged by `(at, id)`.
    async fn list_activities(
        &self,
        company: CompanyId,
        query: &ActivityQuery,
    ) -> Result<Vec<ActivityRecord>>;
}

/// Notes about customers, their edit history, and visibility-checked reads.
#[async_trait]
pub trait NoteStore: Send + Sync {
    /// Store a note.
    async fn add_note(&self, company: CompanyId, note: &NewNote) -> Result<Note>;
    /// A customer's note if `viewer` may read it (`NotFound` otherwise).
    async fn visible_note(
        &self,
        company: CompanyId,
        customer: CustomerId,
        viewer: AssociateId,
        id: clienteling_domain::ids::NoteId,
    ) -> Result<Note>;
    /// Change the author's own note, keeping the previous version as a
    /// revision (`NotFound` unless `author` wrote it).
    async fn edit_note(
        &self,
        company: CompanyId,
        id: clienteling_domain::ids::NoteId,
        author: AssociateId,
        patch: &clienteling_domain::activity::NotePatch,
    ) -> Result<Note>;
    /// Delete the author's own note and its history (`NotFound` unless `author` wrote it).
    async fn delete_note(
        &self,
        company: CompanyId,
        id: clienteling_domain::ids::NoteId,
        author: AssociateId,
    ) -> Result<()>;
    /// Earlier versions of a note, oldest first.
    async fn note_revisions(
        &self,
        company: CompanyId,
        id: clienteling_domain::ids::NoteId,
    ) -> Result<Vec<NoteRevision>>;
    /// Every note about a customer with its history, **regardless of
    /// visibility**: only for data-access requests (export), oldest first.
    async fn notes_for_export(
        &self,
        company: CompanyId,
        customer: CustomerId,
    ) -> Result<Vec<NoteExport>>;
}

/// A customer's timeline: activities and visible notes merged.
#[async_trait]
pub trait TimelineStore: Send + Sync {
    /// Newest first by `(at, id)`; notes only where `query.viewer` may read them.
    async fn timeline(
        &self,
        company: CompanyId,
        query: &TimelineQuery,
    ) -> Result<Vec<TimelineEntry>>;
}

/// Erasure of a customer's personal data.
#[async_trait]
pub trait PrivacyStore: Send + Sync {
    /// Anonymise a customer in one transaction: name, contact, address,
    /// alternate id and consent cleared; note texts, note history and
    /// activity descriptions replaced; attribute values, measures and
    /// client-book memberships removed. Purchases (aggregates) stay.
    async fn erase_customer(&self, company: CompanyId, customer: CustomerId)
    -> Result<EraseReport>;
    /// `table.column` of every text column, in every table, holding `needle`
    /// (case-sensitive): used to verify that an erasure left nothing behind.
    async fn find_text(&self, needle: &str) -> Result<Vec<String>>;
}

/// Bulk import and export: batched, idempotent upserts by natural key (one
/// transaction per call, nothing applied when it fails) and keyset-paged
/// reads of whole tables.
#[async_trait]
pub trait BulkStore: Send + Sync {
    /// Insert or update customers by account. Existing customers get only
    /// `columns`; rows about an erased customer that would change it are rejected.
    async fn upsert_customers(
        &self,
        company: CompanyId,
        columns: &[CustomerColumn],
        rows: &[BulkCustomer],
    ) -> Result<BulkOutcome>;
    /// Insert or update purchases by external id (a key equal to the id of a
    /// purchase stored without one matches that purchase).
    async fn upsert_purchases(
        &self,
        company: CompanyId,
        rows: &[BulkPurchase],
    ) -> Result<BulkOutcome>;
    /// Insert or update activities by external id (like purchases).
    async fn upsert_activities(
        &self,
        company: CompanyId,
        rows: &[BulkActivity],
    ) -> Result<BulkOutcome>;
    /// Set or clear customers' attribute values.
    async fn upsert_attributes(
        &self,
        company: CompanyId,
        rows: &[BulkAttributes],
    ) -> Result<BulkOutcome>;
    /// Add customers to books (with history), honouring `limit` books per
    /// customer (`None`: unlimited); a membership already there is unchanged.
    async fn upsert_members(
        &self,
        company: CompanyId,
        rows: &[BulkMember],
        limit: Option<u32>,
    ) -> Result<BulkOutcome>;
    /// Customers ordered by account, after `after`.
    async fn export_customers(
        &self,
        company: CompanyId,
        after: Option<&str>,
        limit: u32,
    ) -> Result<Vec<Customer>>;
    /// Purchases ordered by `(at, id)`, after `after`.
    async fn export_purchases(
        &self,
        company: CompanyId,
        after: Option<(i64, uuid::Uuid)>,
        limit: u32,
    ) -> Result<Vec<PurchaseExport>>;
    /// Activities ordered by `(at, id)`, after `after`.
    async fn export_activities(
        &self,
        company: CompanyId,
        after: Option<(i64, uuid::Uuid)>,
        limit: u32,
    ) -> Result<Vec<ActivityExport>>;
    /// Book memberships ordered by (book id, customer id), after `after`.
    async fn export_members(
        &self,
        company: CompanyId,
        after: Option<(uuid::Uuid, uuid::Uuid)>,
        limit: u32,
    ) -> Result<Vec<MemberExport>>;
}

/// Everything the server needs from a database.
#[async_trait]
pub trait Store:
    OrgStore
    + AuthStore
    + CustomerStore
    + SettingsStore
    + AuditStore
    + PurchaseStore
    + AttributeStore
    + ClientBookStore
    + MeasureStore
    + ActivityStore
    + NoteStore
    + TimelineStore
    + InsightsStore
    + PrivacyStore
    + BulkStore
    + FollowUpStore
    + FollowUpKpiStore
    + OutreachStore
    + AppointmentStore
    + AttributionStore
    + KpiStore
{
    /// Apply pending migrations.
    async fn migrate(&self) -> Result<()>;
    /// Check the database answers.
    async fn ping(&self) -> Result<()>;
    /// Check the database's integrity (SQLite `PRAGMA integrity_check`,
    /// PostgreSQL `amcheck`-free sanity queries); empty when all is well.
    async fn integrity_problems(&self) -> Result<Vec<String>>;
    /// Refresh the query planner's statistics (SQLite `ANALYZE` with a row
    /// sample limit, PostgreSQL `ANALYZE`): run after bulk loads so the
    /// planner drives client-book queries from the book's members.
    async fn refresh_statistics(&self) -> Result<()>;
    /// `sqlite` or `postgres`.
    fn backend(&self) -> &'static str;
}
