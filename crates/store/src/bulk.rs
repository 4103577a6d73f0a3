//! Values of the bulk paths ([`crate::BulkStore`]): batched, idempotent
//! upserts keyed by natural keys (customer account, purchase and activity
//! external id, book membership), and the keyset-paged rows of an export.
//!
//! Rows name customers by **account**; the store resolves accounts inside the
//! batch's transaction and rejects rows whose account it does not know.
//! Everything else (stores, associates, activity types, books, attributes) is
//! resolved by the caller, which holds those small sets in memory.

use clienteling_domain::attributes::StoredValue;
use clienteling_domain::ids::{
    ActivityTypeId, AssociateId, AttributeId, ClientBookId, CustomerId, StoreId,
};

/// What one bulk write did. Every input row is counted exactly once: in
/// `inserted`, `updated`, `unchanged` or `rejected`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BulkOutcome {
    /// Rows that created a new record.
    pub inserted: u64,
    /// Rows that changed an existing record.
    pub updated: u64,
    /// Rows whose data was already stored (also an earlier row of the same
    /// batch with the same key, which the later row supersedes).
    pub unchanged: u64,
    /// Rows refused, by index in the input, with the reason.
    pub rejected: Vec<(usize, String)>,
}

impl BulkOutcome {
    /// Add another outcome's counts (its rejected indexes are kept as they are).
    pub fn absorb(&mut self, other: BulkOutcome) {
        self.inserted += other.inserted;
        self.updated += other.updated;
        self.unchanged += other.unchanged;
        self.rejected.extend(other.rejected);
    }
}

/// A customer column a bulk upsert may write (the account is always there).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CustomerColumn {
    /// Given name.
    FirstName,
    /// Family name.
    LastName,
    /// E-mail.
    Email,
    /// Phone.
    Phone,
    /// Street.
    Street,
    /// Postal code.
    PostalCode,
    /// City.
    City,
    /// Country code.
    Country,
    /// Consent flag.
    Consent,
    /// When consent was given or withdrawn.
    ConsentAt,
    /// Where consent was collected.
    ConsentSource,
    /// External insights id.
    AlternateId,
    /// Address-book codes (replace the customer's set).
    AddressBooks,
}

/// One validated customer of a bulk upsert. Only the batch's columns are
/// written to an existing customer; a new customer takes every field (and
/// needs [`CustomerColumn::FirstName`] and [`CustomerColumn::LastName`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BulkCustomer {
    /// Id for a new customer (a fresh one when `None`); ignored for an existing one.
    pub id: Option<CustomerId>,
    /// Account number (validated).
    pub account: String,
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// E-mail.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// Street.
    pub street: Option<String>,
    /// Postal code.
    pub postal_code: Option<String>,
    /// City.
    pub city: Option<String>,
    /// Country code.
    pub country: Option<String>,
    /// Consent flag.
    pub consent: bool,
    /// When consent changed (µs); without a [`CustomerColumn::ConsentAt`]
    /// column the store sets it to now when the flag changes.
    pub consent_at: Option<i64>,
    /// Consent source.
    pub consent_source: Option<String>,
    /// External insights id.
    pub alternate_id: Option<String>,
    /// Address-book codes (validated, lower case).
    pub address_books: Vec<String>,
}

/// One purchase of a bulk upsert, keyed by `key` (unique per company).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkPurchase {
    /// External id: the source's id or a key derived from the row.
    pub key: String,
    /// Buyer's account number.
    pub account: String,
    /// When (µs).
    pub at: i64,
    /// Amount in minor units.
    pub amount_minor: i64,
    /// ISO 4217 currency code.
    pub currency: String,
    /// Store.
    pub store: Option<StoreId>,
}

/// One activity of a bulk upsert, keyed by `key` (unique per company).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkActivity {
    /// External id: the source's id or a key derived from the row.
    pub key: String,
    /// Customer's account number.
    pub account: String,
    /// Who logged it.
    pub associate: AssociateId,
    /// Its type.
    pub activity_type: ActivityTypeId,
    /// Store.
    pub store: Option<StoreId>,
    /// When (µs).
    pub at: i64,
    /// What happened.
    pub description: String,
    /// Due (µs).
    pub due_at: Option<i64>,
}

/// A customer's attribute values of a bulk upsert: `Some` sets, `None` clears.
#[derive(Debug, Clone, PartialEq)]
pub struct BulkAttributes {
    /// Customer's account number.
    pub account: String,
    /// Values, at most one per attribute.
    pub values: Vec<(AttributeId, Option<StoredValue>)>,
}

/// A client-book membership of a bulk upsert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkMember {
    /// The book.
    pub book: ClientBookId,
    /// Customer's account number.
    pub account: String,
    /// When added (µs); now when `None`.
    pub added_at: Option<i64>,
}

/// A purchase as exported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurchaseExport {
    /// Id (the keyset-paging key).
    pub id: uuid::Uuid,
    /// External id, or the id for purchases recorded without one.
    pub key: String,
    /// Buyer's account number.
    pub account: String,
    /// When (µs).
    pub at: i64,
    /// Amount in minor units.
    pub amount_minor: i64,
    /// Currency.
    pub currency: String,
    /// Store code.
    pub store: Option<String>,
}

/// An activity as exported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityExport {
    /// Id (the keyset-paging key).
    pub id: uuid::Uuid,
    /// External id, or the id for activities recorded without one.
    pub key: String,
    /// Customer's account number.
    pub account: String,
    /// Username of who logged it.
    pub associate: String,
    /// Type code.
    pub type_code: String,
    /// Store code.
    pub store: Option<String>,
    /// When (µs).
    pub at: i64,
    /// Description.
    pub description: String,
    /// Due (µs).
    pub due_at: Option<i64>,
}

/// A client-book membership as exported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberExport {
    /// Book id and customer id (the keyset-paging key).
    pub key: (uuid::Uuid, uuid::Uuid),
    /// Book number.
    pub book: String,
    /// Username of the book's owner.
    pub associate: String,
    /// Customer's account number.
    pub account: String,
    /// When added (µs).
    pub added_at: i64,
}
