//! Companies, stores, address books, roles and associates.

use crate::ids::{AddressBookId, AssociateId, CompanyId, RoleId, StoreId};
use crate::permission::Permission;
use crate::text::{Code, Name, Username};
use serde::Serialize;

/// A company (legal entity). Nothing crosses companies.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Company {
    /// Id.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub id: CompanyId,
    /// Short code used at sign-in.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub code: Code,
    /// Display name.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub name: Name,
}

/// A store and the address books it serves.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Store {
    /// Id.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub id: StoreId,
    /// Code, unique in the company.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub code: Code,
    /// Display name.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub name: Name,
    /// Codes of the store's address books.
    pub address_books: Vec<String>,
}

/// An address book: a named group of customers and workers.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AddressBook {
    /// Id.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub id: AddressBookId,
    /// Code, unique in the company.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub code: Code,
    /// Display name.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub name: Name,
}

/// A role: a named set of permissions.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Role {
    /// Id.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub id: RoleId,
    /// Name, unique in the company.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub name: Code,
    /// What the role allows.
    pub permissions: Vec<Permission>,
}

/// An associate (worker) as others see them: never the password hash.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Associate {
    /// Id.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub id: AssociateId,
    /// Login name, unique in the company.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub username: Username,
    /// Display name.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub display_name: Name,
    /// Role name.
    pub role: String,
    /// Codes of the stores the associate works at.
    pub stores: Vec<String>,
    /// Codes of the associate's address books.
    pub address_books: Vec<String>,
    /// Whether the associate may sign in.
    pub active: bool,
    /// Preferred UI language (`en`, `fi`, `lt`), if set.
    pub locale: Option<String>,
}

/// Input to create an associate; ids are resolved by the caller.
#[derive(Debug, Clone)]
pub struct NewAssociate {
    /// Login name.
    pub username: Username,
    /// Display name.
    pub display_name: Name,
    /// The argon2id PHC string of the password.
    pub password_hash: String,
    /// Role id.
    pub role: RoleId,
    /// Stores.
    pub stores: Vec<StoreId>,
    /// Address books.
    pub address_books: Vec<AddressBookId>,
    /// Preferred language.
    pub locale: Option<String>,
}

/// Changes to an associate; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct AssociatePatch {
    /// New display name.
    pub display_name: Option<Name>,
    /// New role.
    pub role: Option<RoleId>,
    /// New store set.
    pub stores: Option<Vec<StoreId>>,
    /// New address-book set.
    pub address_books: Option<Vec<AddressBookId>>,
    /// Enable or disable sign-in.
    pub active: Option<bool>,
    /// New password hash.
    pub password_hash: Option<String>,
    /// New preferred language (`Some(None)` clears it).
    pub locale: Option<Option<String>>,
}

/// The UI languages.
pub const LOCALES: &[&str] = &["en", "fi", "lt"];

/// Accept a supported language tag.
pub fn parse_locale(s: &str) -> Result<String, &'static str> {
    let l = s.trim().to_ascii_lowercase();
    if LOCALES.contains(&l.as_str()) {
        Ok(l)
    } else {
        Err("must be one of en, fi, lt")
    }
}
