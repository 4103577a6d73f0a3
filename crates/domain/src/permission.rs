//! Operations (permissions) and the seeded roles.

use serde::{Deserialize, Serialize};

macro_rules! permissions {
    ($($(#[$doc:meta])* $variant:ident = $name:literal),* $(,)?) => {
        /// One operation an associate may be allowed to perform.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum Permission {
            $($(#[$doc])* $variant,)*
        }

        impl Permission {
            /// Every operation, in a stable order.
            pub const ALL: &'static [Permission] = &[$(Permission::$variant,)*];

            /// The wire name, e.g. `view_client_book`.
            pub fn as_str(self) -> &'static str {
                match self { $(Permission::$variant => $name,)* }
            }

            /// Parse a wire name.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($name => Some(Permission::$variant),)* _ => None }
            }
        }
    };
}

permissions! {
    /// See one's own client book.
    ViewClientBook = "view_client_book",
    /// See the store client books.
    ViewStoreClientBooks = "view_store_client_books",
    /// Add customers to a client book.
    AddToClientBook = "add_to_client_book",
    /// Remove customers from a client book.
    RemoveFromClientBook = "remove_from_client_book",
    /// Move customers between client books.
    ReassignClientBookCustomers = "reassign_client_book_customers",
    /// Search and read customers.
    ViewCustomers = "view_customers",
    /// Create and edit customers.
    EditCustomers = "edit_customers",
    /// Record activities.
    LogActivities = "log_activities",
    /// Write notes.
    WriteNotes = "write_notes",
    /// HQ setup: settings, stores, associates, roles, types, templates.
    ManageSetup = "manage_setup",
    /// Read the audit log.
    ViewAuditLog = "view_audit_log",
    /// Export or erase a customer's personal data.
    ExportEraseCustomerData = "export_erase_customer_data",
    /// See KPIs and attributed sales (manager dashboard).
    ViewKpis = "view_kpis",
}

impl std::fmt::Display for Permission {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

use Permission::*;

/// Permissions of the seeded `associate` role.
pub const ASSOCIATE: &[Permission] = &[
    ViewClientBook,
    AddToClientBook,
    RemoveFromClientBook,
    ViewCustomers,
    EditCustomers,
    LogActivities,
    WriteNotes,
];

/// Permissions of the seeded `manager` role.
pub const MANAGER: &[Permission] = &[
    ViewClientBook,
    ViewStoreClientBooks,
    AddToClientBook,
    RemoveFromClientBook,
    ReassignClientBookCustomers,
    ViewCustomers,
    EditCustomers,
    LogActivities,
    WriteNotes,
    ViewAuditLog,
    ViewKpis,
];

/// Permissions of the seeded `admin` role (HQ): everything except the
/// operations on a client book of one's own, which HQ users do not keep.
pub fn admin() -> Vec<Permission> {
    Permission::ALL
        .iter()
        .copied()
        .filter(|p| !matches!(p, ViewClientBook | AddToClientBook | RemoveFromClientBook))
        .collect()
}

/// The seeded roles: `(name, permissions)`.
pub fn seeded_roles() -> Vec<(&'static str, Vec<Permission>)> {
    vec![
        ("associate", ASSOCIATE.to_vec()),
        ("manager", MANAGER.to_vec()),
        ("admin", admin()),
    ]
}

/// Encode a permission set for storage: sorted, comma-separated wire names.
pub fn encode(perms: &[Permission]) -> String {
    let mut v: Vec<&str> = perms.iter().map(|p| p.as_str()).collect();
    v.sort_unstable();
    v.dedup();
    v.join(",")
}

/// Decode a stored permission set, skipping names this version does not know.
pub fn decode(s: &str) -> Vec<Permission> {
    s.split(',').filter_map(Permission::parse).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_permission_round_trips() {
        for p in Permission::ALL {
            assert_eq!(Permission::parse(p.as_str()), Some(*p));
        }
        assert_eq!(Permission::ALL.len(), 13);
    }

    #[test]
    fn encoding_round_trips() {
        assert_eq!(decode(&encode(MANAGER)).len(), MANAGER.len());
        assert_eq!(decode("nonsense,view_customers"), vec![ViewCustomers]);
    }

    #[test]
    fn only_admin_manages_setup() {
        let roles = seeded_roles();
        let with_setup: Vec<_> = roles
            .iter()
            .filter(|(_, p)| p.contains(&ManageSetup))
            .map(|(n, _)| *n)
            .collect();
        assert_eq!(with_setup, vec!["admin"]);
    }
}
