//! Customers: the validated input for creating and changing one, and the
//! stored form.

use crate::error::Collector;
use crate::ids::CustomerId;
use crate::text::{AccountNumber, Code, Email, Line, Name, Phone};
use serde::Serialize;

/// A customer as stored.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Customer {
    /// Internal id.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub id: CustomerId,
    /// Account number (the business key, unique per company).
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub account: AccountNumber,
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// E-mail, if known.
    pub email: Option<String>,
    /// Phone, if known.
    pub phone: Option<String>,
    /// Postal address.
    pub address: Address,
    /// Consent to clienteling.
    pub consent: Consent,
    /// Id of the customer at an external insights provider.
    pub alternate_id: Option<String>,
    /// Codes of the customer's address books.
    pub address_books: Vec<String>,
    /// Microseconds since the epoch.
    pub created_at: i64,
    /// Microseconds since the epoch.
    pub updated_at: i64,
}

impl Customer {
    /// "First Last".
    pub fn display_name(&self) -> String {
        display_name(&self.first_name, &self.last_name)
    }
}

/// "First Last", without a stray space when either is empty: how a customer
/// is named wherever only the two name columns were read.
pub fn display_name(first: &str, last: &str) -> String {
    format!("{first} {last}").trim().to_owned()
}

/// A postal address; every part optional.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Address {
    /// Street and number.
    pub street: Option<String>,
    /// Postal code.
    pub postal_code: Option<String>,
    /// City.
    pub city: Option<String>,
    /// ISO 3166 country code.
    pub country: Option<String>,
}

/// Consent to clienteling: whether, since when, from where.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Consent {
    /// Opted in.
    pub given: bool,
    /// When it was given or withdrawn (microseconds since the epoch).
    pub at: Option<i64>,
    /// Where it was collected (e.g. `store`, `web`).
    pub source: Option<String>,
}

/// Raw customer fields as a client sends them.
#[derive(Debug, Clone, Default)]
pub struct RawCustomer {
    /// Account number.
    pub account: Option<String>,
    /// Given name.
    pub first_name: Option<String>,
    /// Family name.
    pub last_name: Option<String>,
    /// E-mail (`Some("")` clears it).
    pub email: Option<String>,
    /// Phone (`Some("")` clears it).
    pub phone: Option<String>,
    /// Street.
    pub street: Option<String>,
    /// Postal code.
    pub postal_code: Option<String>,
    /// City.
    pub city: Option<String>,
    /// Country code.
    pub country: Option<String>,
    /// Address-book codes.
    pub address_books: Option<Vec<String>>,
    /// Consent flag.
    pub consent: Option<bool>,
    /// Consent source.
    pub consent_source: Option<String>,
    /// External id.
    pub alternate_id: Option<String>,
}

/// Validated changes to a customer. For optional fields, `Some(None)` clears.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomerFields {
    /// Account number (only when creating).
    pub account: Option<AccountNumber>,
    /// Given name.
    pub first_name: Option<String>,
    /// Family name.
    pub last_name: Option<String>,
    /// E-mail.
    pub email: Option<Option<String>>,
    /// Phone.
    pub phone: Option<Option<String>>,
    /// Street.
    pub street: Option<Option<String>>,
    /// Postal code.
    pub postal_code: Option<Option<String>>,
    /// City.
    pub city: Option<Option<String>>,
    /// Country.
    pub country: Option<Option<String>>,
    /// Address books (codes, validated).
    pub address_books: Option<Vec<Code>>,
    /// Consent flag.
    pub consent: Option<bool>,
    /// Consent source.
    pub consent_source: Option<Option<String>>,
    /// External id.
    pub alternate_id: Option<Option<String>>,
}

fn clearable<T: AsRef<str>, E>(
    raw: Option<&String>,
    parse: impl Fn(&str) -> Result<T, E>,
) -> Option<Result<Option<String>, E>> {
    raw.map(|s| {
        if s.trim().is_empty() {
            Ok(None)
        } else {
            parse(s).map(|v| Some(v.as_ref().to_owned()))
        }
    })
}

fn country(s: &str) -> Result<String, &'static str> {
    let t = s.trim().to_ascii_uppercase();
    if t.len() == 2 && t.chars().all(|c| c.is_ascii_uppercase()) {
        Ok(t)
    } else {
        Err("must be a two-letter ISO 3166 country code")
    }
}

impl CustomerFields {
    /// Validate a raw input. `creating` requires account, first and last name.
    pub fn parse(raw: &RawCustomer, creating: bool) -> Result<Self, crate::Invalid> {
        let mut c = Collector::default();
        if creating {
            for (p, v) in [
                ("/account", &raw.account),
                ("/first_name", &raw.first_name),
                ("/last_name", &raw.last_name),
            ] {
                if v.is_none() {
                    c.push(p, "is required");
                }
            }
        } else if raw.account.is_some() {
            c.push("/account", "cannot be changed");
        }
        let name = |s: &str| Name::parse(s).map(|n| n.as_str().to_owned());
        let line = |s: &str| Line::parse(s);
        let books = raw.address_books.as_ref().map(|v| {
            v.iter()
                .map(|s| Code::parse(s))
                .collect::<Result<Vec<_>, _>>()
        });
        let f = CustomerFields {
            account: c
                .opt("/account", raw.account.as_deref().map(AccountNumber::parse))
                .flatten(),
            first_name: c
                .opt("/first_name", raw.first_name.as_deref().map(name))
                .flatten(),
            last_name: c
                .opt("/last_name", raw.last_name.as_deref().map(name))
                .flatten(),
            email: c
                .opt("/email", clearable(raw.email.as_ref(), Email::parse))
                .flatten(),
            phone: c
                .opt("/phone", clearable(raw.phone.as_ref(), Phone::parse))
                .flatten(),
            street: c
                .opt("/street", clearable(raw.street.as_ref(), line))
                .flatten(),
            postal_code: c
                .opt("/postal_code", clearable(raw.postal_code.as_ref(), line))
                .flatten(),
            city: c.opt("/city", clearable(raw.city.as_ref(), line)).flatten(),
            country: c
                .opt(
                    "/country",
                    raw.country.as_ref().map(|s| clearable_country(s)),
                )
                .flatten(),
            address_books: c.opt("/address_books", books).flatten(),
            consent: raw.consent,
            consent_source: c
                .opt(
                    "/consent_source",
                    clearable(raw.consent_source.as_ref(), line),
                )
                .flatten(),
            alternate_id: c
                .opt("/alternate_id", clearable(raw.alternate_id.as_ref(), line))
                .flatten(),
        };
        c.finish().map(|()| f)
    }
}

fn clearable_country(s: &str) -> Result<Option<String>, &'static str> {
    if s.trim().is_empty() {
        Ok(None)
    } else {
        country(s).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw() -> RawCustomer {
        RawCustomer {
            account: Some("C-1".into()),
            first_name: Some("Aino".into()),
            last_name: Some("Virtanen".into()),
            ..Default::default()
        }
    }

    #[test]
    fn creating_requires_account_and_names() {
        let err = CustomerFields::parse(&RawCustomer::default(), true).unwrap_err();
        let ptrs: Vec<_> = err.0.iter().map(|e| e.pointer.as_str()).collect();
        assert_eq!(ptrs, ["/account", "/first_name", "/last_name"]);
        assert!(CustomerFields::parse(&raw(), true).is_ok());
    }

    #[test]
    fn every_bad_field_is_reported_with_its_pointer() {
        let r = RawCustomer {
            email: Some("nope".into()),
            phone: Some("x".into()),
            country: Some("Finland".into()),
            ..raw()
        };
        let err = CustomerFields::parse(&r, true).unwrap_err();
        let ptrs: Vec<_> = err.0.iter().map(|e| e.pointer.as_str()).collect();
        assert_eq!(ptrs, ["/email", "/phone", "/country"]);
    }

    #[test]
    fn empty_strings_clear_optional_fields() {
        let r = RawCustomer {
            email: Some(String::new()),
            ..Default::default()
        };
        let f = CustomerFields::parse(&r, false).unwrap();
        assert_eq!(f.email, Some(None));
    }

    #[test]
    fn the_account_cannot_change() {
        let err = CustomerFields::parse(&raw(), false).unwrap_err();
        assert_eq!(err.0[0].pointer, "/account");
    }
}
