//! Localised text for the English messages that code below the UI produces
//! (validation messages of the domain, conflict messages of the store,
//! insights errors). The API keeps sending them in English; the UI shows
//! them through [`translate`]. A message not known here is shown as is.

use super::{Arg, Tr};

/// Exact English messages and their keys.
const EXACT: &[(&str, &str)] = &[
    ("must not be empty", "err-empty"),
    ("is required", "err-required"),
    ("must not contain control characters", "err-control-chars"),
    (
        "must not contain control characters other than line breaks and tabs",
        "err-control-chars",
    ),
    (
        "may contain only letters a-z, digits, '-', '_' and '.'",
        "err-code-chars",
    ),
    (
        "must be an e-mail address like name@example.com",
        "err-email",
    ),
    (
        "must be a phone number: digits, optionally starting with +",
        "err-phone",
    ),
    ("must be a two-letter ISO 3166 country code", "err-country"),
    ("cannot be changed", "err-unchangeable"),
    (
        "must be 1-64 of a-z, 0-9, '_' and '-'",
        "err-attribute-name",
    ),
    ("is used twice in this group", "err-name-twice"),
    ("an enum needs at least one value", "err-enum-needs-values"),
    (
        "values must be at most 100 characters and contain no comma",
        "err-enum-values",
    ),
    ("only enum attributes have values", "err-values-only-enum"),
    ("must be a date like 2026-03-31", "err-date"),
    ("must be a finite number", "err-number"),
    ("must be a number", "err-number"),
    ("must be true or false", "err-boolean"),
    ("must be one of private, store, company", "err-visibility"),
    ("change text or visibility", "err-note-unchanged"),
    ("this activity type is inactive", "err-type-inactive"),
    ("no such activity type", "err-no-type"),
    ("must be at most 16 printable characters", "err-prefix"),
    ("must be between 1 and 12", "err-width"),
    ("must be at least 1 and fit in the width", "err-next"),
    ("at most 3 measures fit on a card", "err-card-measures-max"),
    ("must not repeat a measure", "err-card-measures-repeat"),
    ("is not one of your stores", "err-not-your-store"),
    ("must be one of en, fi, lt", "err-locale"),
    ("must be a whole number between 1 and 12", "err-width"),
    ("must be a whole number", "err-whole-number"),
    (
        "must be a number of at least 1 or “unlimited”",
        "err-books-per-customer",
    ),
    ("no such store", "err-no-store"),
    ("no such associate", "err-no-associate"),
    (
        "a customer with this account number already exists",
        "conflict-customer-account",
    ),
    (
        "another customer has this alternate id",
        "conflict-customer-alternate-id",
    ),
    (
        "an associate with this username already exists",
        "conflict-username",
    ),
    (
        "a store with this code already exists",
        "conflict-store-code",
    ),
    (
        "an address book with this code already exists",
        "conflict-address-book-code",
    ),
    ("a role with this name already exists", "conflict-role-name"),
    (
        "a company with this code already exists",
        "conflict-company-code",
    ),
    ("clienteling disabled", "conflict-clienteling-disabled"),
    (
        "an activity type with this code already exists",
        "conflict-activity-type-code",
    ),
    (
        "activities of this type exist; deactivate it (active: false) instead of deleting it",
        "conflict-activity-type-in-use",
    ),
    (
        "no purchases before the calibration end",
        "insights-error-no-purchases",
    ),
    (
        "the provider could not be reached",
        "provider-err-unreachable",
    ),
    (
        "an external provider needs an http(s) URL",
        "provider-err-url",
    ),
    (
        "must name an environment variable (A-Z, 0-9, _), not hold the secret",
        "provider-err-secret-name",
    ),
    ("choose at least one permission", "roles-err-no-permission"),
    (
        "must be an IANA time zone such as Europe/Helsinki",
        "company-time-zone-err",
    ),
];

/// The localised text of `english`, if it is a known message.
pub fn translate(tr: &Tr, english: &str) -> Option<String> {
    let english = english.trim();
    if let Some((_, key)) = EXACT.iter().find(|(e, _)| *e == english) {
        return Some(tr.t(key));
    }
    patterned(tr, english)
}

/// Messages with a value inside.
fn patterned(tr: &Tr, m: &str) -> Option<String> {
    let number = |s: &str| s.parse::<u32>().ok().map(Arg::from);
    if let Some(n) = between(m, "must be at most ", " characters").and_then(number) {
        return Some(tr.t_args("err-max-chars", &[("count", n)]));
    }
    if let Some(n) = between(m, "must be at least ", " characters").and_then(number) {
        return Some(tr.t_args("err-min-chars", &[("count", n)]));
    }
    if let Some(list) = m.strip_prefix("must be one of: ") {
        return Some(tr.t1("err-one-of", "values", list));
    }
    if let Some(kind) = between(m, "must be a ", " value") {
        let kind = tr.label_or("attribute-kind", kind, kind);
        return Some(tr.t1("err-kind-value", "kind", kind));
    }
    if let Some(name) = m.strip_prefix("no attribute group named ") {
        return Some(tr.t1("err-no-attribute-group", "name", unquote(name)));
    }
    if let Some(name) = m.strip_prefix("no role named ") {
        return Some(tr.t1("err-no-role", "name", unquote(name)));
    }
    if let Some(code) = m.strip_prefix("no such code ") {
        return Some(tr.t1("err-no-code", "code", unquote(code)));
    }
    if m.starts_with("conflicts with existing data") {
        return Some(tr.t("conflict-generic"));
    }
    if let Some(status) = m.strip_prefix("the provider answered ") {
        return Some(tr.t1("provider-err-status", "status", status));
    }
    if let Some(name) = m
        .strip_prefix("no secret found in $")
        .and_then(|r| r.split(' ').next())
    {
        return Some(tr.t1("provider-err-no-secret", "name", name));
    }
    None
}

/// The text between `prefix` and `suffix` if `m` is exactly `prefix…suffix`.
fn between<'a>(m: &'a str, prefix: &str, suffix: &str) -> Option<&'a str> {
    m.strip_prefix(prefix)?.strip_suffix(suffix)
}

fn unquote(s: &str) -> &str {
    s.trim_matches('"')
}
