//! The contact form of the customer page: its fields with translated
//! labels, the values shown, and reading a submitted form.

use crate::i18n::Tr;
use clienteling_domain::FieldError;
use clienteling_domain::customer::{Customer, RawCustomer};
use std::collections::HashMap;

/// One input of the customer form.
pub struct FormField {
    /// Field name.
    pub name: &'static str,
    /// Translated label.
    pub label: String,
    /// Input type.
    pub kind: &'static str,
    /// Value shown.
    pub value: String,
    /// Not editable (the account number once created).
    pub readonly: bool,
    /// Translated error next to the field.
    pub error: Option<String>,
}

/// Field name, label key and input type.
const FIELDS: &[(&str, &str, &str)] = &[
    ("account", "field-account", "text"),
    ("first_name", "field-first-name", "text"),
    ("last_name", "field-last-name", "text"),
    ("email", "field-email", "email"),
    ("phone", "field-phone", "tel"),
    ("street", "field-street", "text"),
    ("postal_code", "field-postal-code", "text"),
    ("city", "field-city", "text"),
    ("country", "field-country", "text"),
    ("consent", "field-consent", "checkbox"),
];

/// The form values of a stored customer.
pub fn values_of(c: &Customer) -> HashMap<&'static str, String> {
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    HashMap::from([
        ("account", c.account.to_string()),
        ("first_name", c.first_name.clone()),
        ("last_name", c.last_name.clone()),
        ("email", o(&c.email)),
        ("phone", o(&c.phone)),
        ("street", o(&c.address.street)),
        ("postal_code", o(&c.address.postal_code)),
        ("city", o(&c.address.city)),
        ("country", o(&c.address.country)),
        ("consent", c.consent.given.to_string()),
    ])
}

/// The fields with `values` and each field's error, in `tr`'s language.
pub fn form_fields(
    tr: &Tr,
    values: &HashMap<&'static str, String>,
    errors: &[FieldError],
    creating: bool,
) -> Vec<FormField> {
    FIELDS
        .iter()
        .map(|(name, label, kind)| FormField {
            name,
            label: tr.t(label),
            kind,
            value: values.get(name).cloned().unwrap_or_default(),
            readonly: *name == "account" && !creating,
            error: errors
                .iter()
                .find(|e| e.pointer == format!("/{name}"))
                .map(|e| tr.message(&e.message)),
        })
        .collect()
}

/// The customer as submitted.
pub fn raw_from_form(f: &HashMap<String, String>, creating: bool) -> RawCustomer {
    let g = |k: &str| f.get(k).cloned();
    RawCustomer {
        account: if creating { g("account") } else { None },
        first_name: g("first_name"),
        last_name: g("last_name"),
        email: g("email"),
        phone: g("phone"),
        street: g("street"),
        postal_code: g("postal_code"),
        city: g("city"),
        country: g("country"),
        consent: Some(f.get("consent").is_some_and(|v| v == "true")),
        ..Default::default()
    }
}

/// The submitted values, to show them again.
pub fn echo(f: &HashMap<String, String>) -> HashMap<&'static str, String> {
    FIELDS
        .iter()
        .map(|(n, _, _)| (*n, f.get(*n).cloned().unwrap_or_default()))
        .collect()
}
