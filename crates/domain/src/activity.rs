//! Activities, notes and purchases recorded about a customer: activity types
//! (HQ-managed), note visibility, the timeline's entry kinds, and the
//! validated input for logging an activity, writing or editing a note and
//! recording a purchase by hand.

use crate::Invalid;
use crate::error::Collector;
use crate::ids::ActivityTypeId;
use crate::text::{Code, Name, TextError};
use crate::time_util::to_micros;
use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime, Time};

/// The activity types every company starts with: `(code, name)`.
pub const SEEDED_TYPES: &[(&str, &str)] = &[
    ("store_visit", "Store visit"),
    ("email", "E-mail"),
    ("phone_call", "Phone call"),
    ("appointment", "Appointment"),
    ("outreach", "Message sent"),
    ("reply", "Customer reply"),
];

/// Longest activity description, in characters.
pub const MAX_DESCRIPTION: usize = 2000;
/// Longest note, in characters.
pub const MAX_NOTE: usize = 5000;

/// A kind of activity (store visit, e-mail, …). Inactive types stay on old
/// activities but cannot be used for new ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivityType {
    /// Internal id (the code is the public key).
    #[serde(skip)]
    pub id: ActivityTypeId,
    /// Code, unique in the company.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub code: Code,
    /// Display name.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub name: Name,
    /// Usable for new activities.
    pub active: bool,
}

/// Validated changes to an activity type; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActivityTypePatch {
    /// New code.
    pub code: Option<Code>,
    /// New name.
    pub name: Option<Name>,
    /// Activate or deactivate.
    pub active: Option<bool>,
}

impl ActivityTypePatch {
    /// Validate raw changes; errors point at `/code` and `/name`.
    pub fn parse(
        code: Option<&str>,
        name: Option<&str>,
        active: Option<bool>,
    ) -> Result<Self, Invalid> {
        let mut c = Collector::default();
        let code = c.opt("/code", code.map(Code::parse)).flatten();
        let name = c.opt("/name", name.map(Name::parse)).flatten();
        c.finish()?;
        Ok(ActivityTypePatch { code, name, active })
    }
}

/// Who may read a note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// The author only.
    Private,
    /// Associates who share a store with the author (at read time).
    Store,
    /// Everyone in the company.
    Company,
}

impl Visibility {
    /// The wire and storage name.
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Private => "private",
            Visibility::Store => "store",
            Visibility::Company => "company",
        }
    }

    /// Parse a wire name.
    pub fn parse(s: &str) -> Result<Self, TextError> {
        match s.trim() {
            "private" => Ok(Visibility::Private),
            "store" => Ok(Visibility::Store),
            "company" => Ok(Visibility::Company),
            _ => Err(TextError::BadForm("must be one of private, store, company")),
        }
    }
}

/// What a timeline entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// An activity.
    Activity,
    /// A note.
    Note,
}

impl EntryKind {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Activity => "activity",
            EntryKind::Note => "note",
        }
    }

    /// Parse a wire name.
    pub fn parse(s: &str) -> Result<Self, TextError> {
        match s.trim() {
            "activity" => Ok(EntryKind::Activity),
            "note" => Ok(EntryKind::Note),
            _ => Err(TextError::BadForm("must be activity or note")),
        }
    }
}

/// Trimmed free text of 1..=`max` characters; line breaks and tabs are
/// allowed, other control characters are not.
pub(crate) fn multiline(s: &str, max: usize) -> Result<String, TextError> {
    let t = s.trim();
    if t.is_empty() {
        return Err(TextError::Empty);
    }
    if t.chars().count() > max {
        return Err(TextError::TooLong(max));
    }
    if t.chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(TextError::BadChars(
            "must not contain control characters other than line breaks and tabs",
        ));
    }
    Ok(t.to_owned())
}

/// Why a time was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "must be an RFC 3339 time like 2026-05-01T10:00:00Z (or a date like 2026-05-01 where allowed)"
)]
pub struct TimeError;

/// Parse an RFC 3339 time into microseconds since the epoch.
pub fn parse_time(s: &str) -> Result<i64, TimeError> {
    OffsetDateTime::parse(s.trim(), &Rfc3339)
        .map(to_micros)
        .map_err(|_| TimeError)
}

/// Parse a range bound: an RFC 3339 time, or a date `YYYY-MM-DD` meaning
/// its start (`end == false`) or the start of the next day (`end == true`),
/// so that `from=2026-05-01&to=2026-05-31` covers all of May (UTC).
pub fn parse_bound(s: &str, end: bool) -> Result<i64, TimeError> {
    if let Ok(t) = parse_time(s) {
        return Ok(t);
    }
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    let d = Date::parse(s.trim(), &fmt).map_err(|_| TimeError)?;
    let d = if end {
        d.next_day().ok_or(TimeError)?
    } else {
        d
    };
    Ok(to_micros(d.with_time(Time::MIDNIGHT).assume_utc()))
}

/// An activity as a client sends it.
#[derive(Debug, Clone, Default)]
pub struct RawActivity {
    /// Activity type code.
    pub type_code: String,
    /// When it happened (RFC 3339; default now).
    pub at: Option<String>,
    /// What happened.
    pub description: String,
    /// When a follow-up or appointment is due (RFC 3339).
    pub due_at: Option<String>,
}

/// A validated activity, before its type is looked up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityInput {
    /// Activity type code (still to be resolved and checked active).
    pub type_code: Code,
    /// When (µs), if given.
    pub at: Option<i64>,
    /// Description (1..=2000 characters).
    pub description: String,
    /// Due (µs), if given.
    pub due_at: Option<i64>,
}

impl ActivityInput {
    /// Validate; errors point at `/type`, `/at`, `/description`, `/due_at`.
    pub fn parse(raw: &RawActivity) -> Result<Self, Invalid> {
        let mut c = Collector::default();
        let type_code = c.take("/type", Code::parse(&raw.type_code));
        let at = c.opt("/at", raw.at.as_deref().map(parse_time));
        let description = c.take("/description", multiline(&raw.description, MAX_DESCRIPTION));
        let due_at = c.opt("/due_at", raw.due_at.as_deref().map(parse_time));
        c.finish()?;
        match (type_code, at, description, due_at) {
            (Some(type_code), Some(at), Some(description), Some(due_at)) => Ok(ActivityInput {
                type_code,
                at,
                description,
                due_at,
            }),
            _ => Err(Invalid::field("", "invalid activity")),
        }
    }
}

/// A validated new note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteInput {
    /// Text (1..=5000 characters).
    pub text: String,
    /// Who may read it.
    pub visibility: Visibility,
}

impl NoteInput {
    /// Validate; visibility defaults to `private`. Errors point at `/text`, `/visibility`.
    pub fn parse(text: &str, visibility: Option<&str>) -> Result<Self, Invalid> {
        let mut c = Collector::default();
        let text = c.take("/text", multiline(text, MAX_NOTE));
        let visibility = c.opt("/visibility", visibility.map(Visibility::parse));
        c.finish()?;
        match (text, visibility) {
            (Some(text), Some(v)) => Ok(NoteInput {
                text,
                visibility: v.unwrap_or(Visibility::Private),
            }),
            _ => Err(Invalid::field("", "invalid note")),
        }
    }
}

/// Validated changes to a note; at least one field is set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotePatch {
    /// New text.
    pub text: Option<String>,
    /// New visibility.
    pub visibility: Option<Visibility>,
}

impl NotePatch {
    /// Validate; an empty change is rejected.
    pub fn parse(text: Option<&str>, visibility: Option<&str>) -> Result<Self, Invalid> {
        if text.is_none() && visibility.is_none() {
            return Err(Invalid::field("", "change text or visibility"));
        }
        let mut c = Collector::default();
        let text = c.opt("/text", text.map(|t| multiline(t, MAX_NOTE)));
        let visibility = c.opt("/visibility", visibility.map(Visibility::parse));
        c.finish()?;
        match (text, visibility) {
            (Some(text), Some(visibility)) => Ok(NotePatch { text, visibility }),
            _ => Err(Invalid::field("", "invalid note")),
        }
    }
}

/// An ISO 4217 currency code: three letters, upper-cased.
pub fn parse_currency(s: &str) -> Result<String, TextError> {
    let t = s.trim();
    if t.len() == 3 && t.chars().all(|c| c.is_ascii_alphabetic()) {
        Ok(t.to_ascii_uppercase())
    } else {
        Err(TextError::BadForm(
            "must be an ISO 4217 currency code of three letters, like EUR",
        ))
    }
}

/// A purchase as a client sends it.
#[derive(Debug, Clone, Default)]
pub struct RawPurchase {
    /// When (RFC 3339; default now).
    pub at: Option<String>,
    /// Amount in minor units (cents).
    pub amount_minor: i64,
    /// ISO 4217 currency code.
    pub currency: String,
    /// Store code, if any.
    pub store: Option<String>,
}

/// A validated purchase, before its store code is resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurchaseInput {
    /// When (µs), if given.
    pub at: Option<i64>,
    /// Amount in minor units, not negative.
    pub amount_minor: i64,
    /// Upper-cased currency code.
    pub currency: String,
    /// Lower-cased store code, if given.
    pub store: Option<Code>,
}

impl PurchaseInput {
    /// Validate; errors point at `/at`, `/amount_minor`, `/currency`, `/store`.
    pub fn parse(raw: &RawPurchase) -> Result<Self, Invalid> {
        let mut c = Collector::default();
        let at = c.opt("/at", raw.at.as_deref().map(parse_time));
        if raw.amount_minor < 0 {
            c.push("/amount_minor", "must not be negative");
        }
        let currency = c.take("/currency", parse_currency(&raw.currency));
        let store = c.opt("/store", raw.store.as_deref().map(Code::parse));
        c.finish()?;
        match (at, currency, store) {
            (Some(at), Some(currency), Some(store)) => Ok(PurchaseInput {
                at,
                amount_minor: raw.amount_minor,
                currency,
                store,
            }),
            _ => Err(Invalid::field("", "invalid purchase")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pointers(i: Invalid) -> Vec<String> {
        i.0.into_iter().map(|e| e.pointer).collect()
    }

    #[test]
    fn seeded_types_have_valid_unique_codes() {
        let mut codes: Vec<_> = SEEDED_TYPES
            .iter()
            .map(|(c, n)| {
                assert!(Name::parse(n).is_ok());
                Code::parse(c).unwrap().to_string()
            })
            .collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), SEEDED_TYPES.len());
    }

    #[test]
    fn visibility_and_kinds_round_trip() {
        for v in [Visibility::Private, Visibility::Store, Visibility::Company] {
            assert_eq!(Visibility::parse(v.as_str()), Ok(v));
        }
        assert!(Visibility::parse("public").is_err());
        assert_eq!(EntryKind::parse("note"), Ok(EntryKind::Note));
        assert!(EntryKind::parse("purchase").is_err());
    }

    #[test]
    fn activities_are_validated_field_by_field() {
        let raw = RawActivity {
            type_code: "Phone_Call".into(),
            at: Some("2026-05-01T10:00:00+03:00".into()),
            description: "  Called about\nthe new season  ".into(),
            due_at: None,
        };
        let a = ActivityInput::parse(&raw).unwrap();
        assert_eq!(a.type_code.as_str(), "phone_call");
        assert_eq!(a.at, Some(1_777_618_800_000_000));
        assert_eq!(a.description, "Called about\nthe new season");
        let bad = RawActivity {
            type_code: "no spaces".into(),
            at: Some("yesterday".into()),
            description: "x".repeat(MAX_DESCRIPTION + 1),
            due_at: Some("2026-13-01T00:00:00Z".into()),
        };
        let p = pointers(ActivityInput::parse(&bad).unwrap_err());
        assert_eq!(p, ["/type", "/at", "/description", "/due_at"]);
    }

    #[test]
    fn notes_default_to_private_and_patches_need_a_change() {
        let n = NoteInput::parse("Prefers e-mail", None).unwrap();
        assert_eq!(n.visibility, Visibility::Private);
        assert!(NoteInput::parse(&"x".repeat(MAX_NOTE), Some("store")).is_ok());
        let p = pointers(NoteInput::parse(&"x".repeat(MAX_NOTE + 1), Some("all")).unwrap_err());
        assert_eq!(p, ["/text", "/visibility"]);
        assert_eq!(
            pointers(NoteInput::parse("bell\u{7}", None).unwrap_err()),
            ["/text"]
        );
        assert!(NotePatch::parse(None, None).is_err());
        let patch = NotePatch::parse(None, Some("company")).unwrap();
        assert_eq!(patch.visibility, Some(Visibility::Company));
        assert_eq!(patch.text, None);
    }

    #[test]
    fn bounds_accept_dates_and_times() {
        let day = parse_bound("2026-05-01", false).unwrap();
        assert_eq!(
            parse_bound("2026-05-01", true).unwrap() - day,
            86_400_000_000
        );
        assert_eq!(parse_bound("2026-05-01T00:00:00Z", true).unwrap(), day);
        assert!(parse_bound("May 1st", false).is_err());
    }

    #[test]
    fn purchases_need_a_currency_and_a_non_negative_amount() {
        let raw = RawPurchase {
            at: None,
            amount_minor: 12_350,
            currency: "eur".into(),
            store: Some("Helsinki".into()),
        };
        let p = PurchaseInput::parse(&raw).unwrap();
        assert_eq!(p.currency, "EUR");
        assert_eq!(p.store.unwrap().as_str(), "helsinki");
        let bad = RawPurchase {
            amount_minor: -1,
            currency: "EURO".into(),
            ..raw
        };
        let p = pointers(PurchaseInput::parse(&bad).unwrap_err());
        assert_eq!(p, ["/amount_minor", "/currency"]);
        assert!(parse_currency("E1R").is_err());
    }

    #[test]
    fn type_patches_validate_what_is_given() {
        let p = ActivityTypePatch::parse(Some("Visit"), None, Some(false)).unwrap();
        assert_eq!(p.code.unwrap().as_str(), "visit");
        assert_eq!(p.active, Some(false));
        let e = ActivityTypePatch::parse(Some("a b"), Some(" "), None).unwrap_err();
        assert_eq!(pointers(e), ["/code", "/name"]);
    }

    proptest! {
        #[test]
        fn parsers_never_panic(s in ".*") {
            let _ = parse_time(&s);
            let _ = parse_bound(&s, true);
            let _ = NoteInput::parse(&s, Some(&s));
            let _ = parse_currency(&s);
        }
    }
}
