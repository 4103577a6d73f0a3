//! Storage traits and values of appointments, sales attribution and KPIs.

use crate::Result;
use async_trait::async_trait;
use clienteling_domain::appointment::Status;
use clienteling_domain::attribution::{ContactKind, Rules};
use clienteling_domain::ids::{
    ActivityId, ActivityTypeId, AssociateId, CompanyId, CustomerId, StoreId,
};
use uuid::Uuid;

/// An appointment to book.
#[derive(Debug, Clone)]
pub struct NewAppointment {
    /// With whom.
    pub customer: CustomerId,
    /// The associate who meets the customer.
    pub associate: AssociateId,
    /// Where.
    pub store: StoreId,
    /// The company's `appointment` activity type (for the timeline entry).
    pub activity_type: ActivityTypeId,
    /// Start (µs).
    pub start: i64,
    /// End (µs, after the start).
    pub end: i64,
    /// Purpose.
    pub purpose: String,
    /// When to remind the associate (µs): the due time of the timeline entry.
    pub remind_at: Option<i64>,
    /// Who booked it.
    pub created_by: AssociateId,
}

/// A stored appointment with the names a calendar shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appointment {
    /// Id.
    pub id: Uuid,
    /// Customer.
    pub customer: CustomerId,
    /// Customer account number.
    pub account: String,
    /// Customer's name.
    pub customer_name: String,
    /// Associate.
    pub associate: AssociateId,
    /// Associate's display name.
    pub associate_name: String,
    /// Store.
    pub store: StoreId,
    /// Store code.
    pub store_code: String,
    /// The timeline activity.
    pub activity: ActivityId,
    /// Start (µs).
    pub start: i64,
    /// End (µs).
    pub end: i64,
    /// Purpose.
    pub purpose: String,
    /// Status.
    pub status: Status,
}

/// Changes to an appointment (already validated; the caller merges times).
#[derive(Debug, Clone, Default)]
pub struct AppointmentChange {
    /// New start and end (µs).
    pub times: Option<(i64, i64)>,
    /// New purpose.
    pub purpose: Option<String>,
    /// New status.
    pub status: Option<Status>,
    /// New reminder time (µs).
    pub remind_at: Option<i64>,
}

/// The outcome of booking or moving an appointment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Booking {
    /// Stored.
    Booked(Appointment),
    /// The associate already has this appointment at an overlapping time.
    Clash(Appointment),
}

/// Calendar filters: appointments overlapping `[from, to)`.
#[derive(Debug, Clone, Default)]
pub struct AppointmentQuery {
    /// From (µs, inclusive).
    pub from: Option<i64>,
    /// To (µs, exclusive).
    pub to: Option<i64>,
    /// Only this associate's.
    pub associate: Option<AssociateId>,
    /// Only at these stores (empty: any store).
    pub stores: Vec<StoreId>,
    /// Only this customer's.
    pub customer: Option<CustomerId>,
    /// Resume after this `(start, id)` sort key.
    pub after: Option<(i64, Uuid)>,
    /// At most this many, by start.
    pub limit: u32,
}

/// Appointments; booking is serialised per associate so that two
/// concurrent bookings of overlapping times cannot both succeed.
#[async_trait]
pub trait AppointmentStore: Send + Sync {
    /// Book, with its timeline activity, unless the associate is busy then.
    async fn book_appointment(&self, company: CompanyId, new: &NewAppointment) -> Result<Booking>;
    /// One appointment.
    async fn appointment(&self, company: CompanyId, id: Uuid) -> Result<Appointment>;
    /// Change times, purpose or status (re-checking clashes when it blocks time).
    async fn change_appointment(
        &self,
        company: CompanyId,
        id: Uuid,
        change: &AppointmentChange,
    ) -> Result<Booking>;
    /// Delete an appointment and its timeline entry.
    async fn delete_appointment(&self, company: CompanyId, id: Uuid) -> Result<()>;
    /// Appointments overlapping a range, by start.
    async fn list_appointments(
        &self,
        company: CompanyId,
        query: &AppointmentQuery,
    ) -> Result<Vec<Appointment>>;
}

/// HQ's rules with their version (0: the defaults, never saved).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRules {
    /// Version; every change adds one.
    pub version: i64,
    /// The rules.
    pub rules: Rules,
}

/// A purchase still to attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurchaseFact {
    /// Purchase id.
    pub id: Uuid,
    /// Customer.
    pub customer: CustomerId,
    /// When (µs).
    pub at: i64,
    /// Amount in minor units.
    pub amount_minor: i64,
    /// Currency.
    pub currency: String,
}

/// A contact (activity) that may earn a purchase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactFact {
    /// Activity id.
    pub id: Uuid,
    /// Customer.
    pub customer: CustomerId,
    /// Associate.
    pub associate: AssociateId,
    /// Activity type code.
    pub type_code: String,
    /// Outreach channel.
    pub channel: Option<String>,
    /// When (µs).
    pub at: i64,
}

/// One stored share of a purchase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareRow {
    /// The purchase.
    pub purchase: PurchaseFact,
    /// Credited associate.
    pub associate: AssociateId,
    /// The earning contact.
    pub contact: Uuid,
    /// Its kind.
    pub contact_kind: ContactKind,
    /// When it happened (µs).
    pub contact_at: i64,
    /// The share in minor units.
    pub amount_minor: i64,
}

/// Filters of the attributed-purchase listing (purchase time in `[from, to)`).
#[derive(Debug, Clone, Default)]
pub struct AttributionQuery {
    /// Rule-set version.
    pub version: i64,
    /// From (µs).
    pub from: Option<i64>,
    /// To (µs).
    pub to: Option<i64>,
    /// Only shares credited to these associates (empty: all).
    pub associates: Vec<AssociateId>,
    /// Resume after this `(purchase_at, purchase, associate)` sort key.
    pub before: Option<(i64, Uuid, Uuid)>,
    /// At most this many, newest purchase first.
    pub limit: u32,
}

/// An attributed purchase share with everything its explanation line needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttributionRecord {
    /// Purchase id.
    pub purchase: Uuid,
    /// Customer account.
    pub account: String,
    /// Purchase time (µs).
    pub purchase_at: i64,
    /// The share (minor units).
    pub amount_minor: i64,
    /// The whole purchase (minor units).
    pub purchase_minor: i64,
    /// Currency.
    pub currency: String,
    /// Credited associate.
    pub associate: AssociateId,
    /// Their display name.
    pub associate_name: String,
    /// The earning contact (activity id).
    pub contact: Uuid,
    /// Its kind.
    pub contact_kind: ContactKind,
    /// Its activity type name.
    pub contact_type: String,
    /// When it happened (µs).
    pub contact_at: i64,
}

/// Attribution rules and results.
#[async_trait]
pub trait AttributionStore: Send + Sync {
    /// The current rules, if HQ ever saved any.
    async fn attribution_rules(&self, company: CompanyId) -> Result<Option<StoredRules>>;
    /// Save new rules as the next version and drop older versions' results.
    async fn put_attribution_rules(
        &self,
        company: CompanyId,
        rules: &Rules,
        by: AssociateId,
    ) -> Result<StoredRules>;
    /// Purchases not yet computed for `version`, oldest first.
    async fn pending_purchases(
        &self,
        company: CompanyId,
        version: i64,
        limit: u32,
    ) -> Result<Vec<PurchaseFact>>;
    /// Contacts with these customers up to `until` (µs, inclusive), excluding
    /// cancelled or missed appointments.
    async fn contacts_of(
        &self,
        company: CompanyId,
        customers: &[CustomerId],
        until: i64,
    ) -> Result<Vec<ContactFact>>;
    /// Store computed purchases (once per version; a concurrent duplicate is ignored).
    async fn save_attribution(
        &self,
        company: CompanyId,
        version: i64,
        done: &[Uuid],
        shares: &[ShareRow],
    ) -> Result<()>;
    /// Attributed shares, newest purchase first.
    async fn attributions(
        &self,
        company: CompanyId,
        query: &AttributionQuery,
    ) -> Result<Vec<AttributionRecord>>;
}

/// Per-associate counts over a period, the raw material of every KPI.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AssociateCounts {
    /// The associate.
    pub associate: AssociateId,
    /// Outreach sent by e-mail.
    pub outreach_email: i64,
    /// Outreach sent by SMS.
    pub outreach_sms: i64,
    /// Outreach sent by WhatsApp.
    pub outreach_whatsapp: i64,
    /// Appointments held (or booked and past).
    pub appointments_held: i64,
    /// Customers added to the associate's book.
    pub customers_added: i64,
    /// Attributed purchases (orders).
    pub attributed_orders: i64,
    /// Attributed sales, minor units.
    pub attributed_minor: i64,
    /// Sum of contact-to-purchase times of attributed orders (µs).
    pub convert_micros: i64,
    /// Distinct customers contacted in the period.
    pub contacted: i64,
    /// Of them, customers whose purchase a contact in the period earned.
    pub converted: i64,
}

/// KPI source counts.
#[async_trait]
pub trait KpiStore: Send + Sync {
    /// Counts per associate over `[from, to)` under rules `version`; `now`
    /// decides which booked appointments are past. Associates without any
    /// count may be missing.
    async fn associate_counts(
        &self,
        company: CompanyId,
        version: i64,
        from: i64,
        to: i64,
        now: i64,
    ) -> Result<Vec<AssociateCounts>>;
    /// Record the channel (`email`, `sms`, `whatsapp`) of outreach activities
    /// written without one (demo data, imports, tests).
    async fn set_activity_channels(
        &self,
        company: CompanyId,
        rows: &[(ActivityId, String)],
    ) -> Result<()>;
}
