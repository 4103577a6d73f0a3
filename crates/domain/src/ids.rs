//! Typed identifiers (UUIDv7, time-ordered).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$doc:meta] $name:ident),* $(,)?) => {$(
        #[$doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A new, time-ordered id.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    )*};
}

id_type!(
    /// A company (legal entity).
    CompanyId,
    /// A store.
    StoreId,
    /// An address book.
    AddressBookId,
    /// An associate (worker).
    AssociateId,
    /// A role.
    RoleId,
    /// A customer (internal id; the account number is the business key).
    CustomerId,
    /// An audit-log entry.
    AuditId,
    /// An attribute group.
    AttributeGroupId,
    /// A client-book attribute.
    AttributeId,
    /// A client book (internal id; its number is the public id).
    ClientBookId,
    /// An activity type (HQ-managed; its code is the public id).
    ActivityTypeId,
    /// An activity logged about a customer.
    ActivityId,
    /// A note about a customer.
    NoteId,
);
