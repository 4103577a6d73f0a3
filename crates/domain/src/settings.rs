//! Company settings: the clienteling switch, the client-book number sequence,
//! card measures, books per customer, the insights provider, and the
//! company's default language and time zone.

use crate::error::Collector;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A measure that can be shown on a client card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// 1 − P(alive).
    ChurnProbability,
    /// Probability the customer is still active.
    PAlive,
    /// Expected purchases in the scoring horizon.
    ExpectedPurchases,
    /// Customer lifetime value over the horizon.
    ExpectedValue,
    /// RFM segment label.
    RfmSegment,
    /// Next best action label.
    NextBestAction,
}

impl Measure {
    /// Every measure.
    pub const ALL: &'static [Measure] = &[
        Measure::ChurnProbability,
        Measure::PAlive,
        Measure::ExpectedPurchases,
        Measure::ExpectedValue,
        Measure::RfmSegment,
        Measure::NextBestAction,
    ];

    /// Wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::ChurnProbability => "churn_probability",
            Measure::PAlive => "p_alive",
            Measure::ExpectedPurchases => "expected_purchases",
            Measure::ExpectedValue => "expected_value",
            Measure::RfmSegment => "rfm_segment",
            Measure::NextBestAction => "next_best_action",
        }
    }

    /// Parse a wire name.
    pub fn parse(s: &str) -> Option<Measure> {
        Measure::ALL.iter().copied().find(|m| m.as_str() == s)
    }
}

/// How many client books one customer may be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BooksPerCustomer {
    /// At most this many (1 is the default rule).
    AtMost(u32),
    /// No limit.
    Unlimited,
}

impl Serialize for BooksPerCustomer {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            BooksPerCustomer::AtMost(n) => s.serialize_u32(*n),
            BooksPerCustomer::Unlimited => s.serialize_str("unlimited"),
        }
    }
}

impl<'de> Deserialize<'de> for BooksPerCustomer {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            N(u32),
            S(String),
        }
        match Raw::deserialize(d)? {
            Raw::N(n) if n >= 1 => Ok(BooksPerCustomer::AtMost(n)),
            Raw::S(s) if s == "unlimited" => Ok(BooksPerCustomer::Unlimited),
            _ => Err(serde::de::Error::custom(
                "expected a number of at least 1 or \"unlimited\"",
            )),
        }
    }
}

/// The client-book id sequence: `prefix` + `next` zero-padded to `width`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NumberSequence {
    /// Text before the number, e.g. `CB-`.
    pub prefix: String,
    /// Digits, zero-padded.
    pub width: u8,
    /// The next number to allocate.
    pub next: i64,
}

impl NumberSequence {
    /// Format a number of this sequence, e.g. `CB-000042`.
    pub fn format(&self, n: i64) -> String {
        format!(
            "{}{:0width$}",
            self.prefix,
            n,
            width = usize::from(self.width)
        )
    }
}

/// Where measures come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct InsightsProvider {
    /// `builtin` or `external`.
    pub provider: ProviderKind,
    /// External provider URL (https or http).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Name of the secret (env var `NAME` or file named by `NAME_FILE`); never the secret itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_name: Option<String>,
}

/// Built-in engine or an external provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProviderKind {
    /// The built-in insights engine.
    Builtin,
    /// An external provider keyed by alternate customer id.
    External,
}

/// All settings of one company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Clienteling on/off.
    pub clienteling_enabled: bool,
    /// Client-book id sequence.
    pub client_book_number_sequence: NumberSequence,
    /// Name of the selected attribute group, if any.
    pub attribute_group: Option<String>,
    /// Measures shown first on client cards (at most 3).
    pub card_measures: Vec<Measure>,
    /// `1`, `N` or `"unlimited"`.
    #[cfg_attr(feature = "openapi", schema(value_type = serde_json::Value))]
    pub books_per_customer: BooksPerCustomer,
    /// Require clienteling consent before adding a customer to a book.
    #[serde(default)]
    pub require_consent: bool,
    /// Insights provider.
    pub insights: InsightsProvider,
    /// The company's default UI language (`en`, `fi`, `lt`): used when
    /// neither the associate's preference nor the browser decides.
    #[serde(default = "default_language")]
    pub default_language: String,
    /// The company's IANA time zone (e.g. `Europe/Helsinki`): every time
    /// shown in the UI is in it.
    #[serde(default = "default_time_zone")]
    pub time_zone: String,
}

fn default_language() -> String {
    "en".into()
}

fn default_time_zone() -> String {
    "UTC".into()
}

/// Whether `name` is a time zone of the embedded IANA database.
pub fn is_time_zone(name: &str) -> bool {
    !name.is_empty() && name.len() <= 64 && jiff::tz::db().get(name).is_ok()
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            clienteling_enabled: true,
            client_book_number_sequence: NumberSequence {
                prefix: "CB-".into(),
                width: 6,
                next: 1,
            },
            attribute_group: None,
            card_measures: vec![Measure::ChurnProbability],
            books_per_customer: BooksPerCustomer::AtMost(1),
            require_consent: false,
            insights: InsightsProvider {
                provider: ProviderKind::Builtin,
                url: None,
                secret_name: None,
            },
            default_language: default_language(),
            time_zone: default_time_zone(),
        }
    }
}

impl Settings {
    /// Check the rules that serde's types cannot express.
    pub fn validate(&self) -> Result<(), crate::Invalid> {
        let mut c = Collector::default();
        let seq = &self.client_book_number_sequence;
        if seq.prefix.chars().count() > 16 || seq.prefix.chars().any(char::is_control) {
            c.push(
                "/client_book_number_sequence/prefix",
                "must be at most 16 printable characters",
            );
        }
        if !(1..=12).contains(&seq.width) {
            c.push(
                "/client_book_number_sequence/width",
                "must be between 1 and 12",
            );
        }
        if seq.next < 1 || seq.next >= 10_i64.pow(u32::from(seq.width.clamp(1, 12))) {
            c.push(
                "/client_book_number_sequence/next",
                "must be at least 1 and fit in the width",
            );
        }
        if self.card_measures.len() > 3 {
            c.push("/card_measures", "at most 3 measures fit on a card");
        }
        let mut seen = std::collections::HashSet::new();
        if !self.card_measures.iter().all(|m| seen.insert(*m)) {
            c.push("/card_measures", "must not repeat a measure");
        }
        validate_provider(&self.insights, &mut c);
        if !["en", "fi", "lt"].contains(&self.default_language.as_str()) {
            c.push("/default_language", "must be one of en, fi, lt");
        }
        if !is_time_zone(&self.time_zone) {
            c.push(
                "/time_zone",
                "must be an IANA time zone such as Europe/Helsinki",
            );
        }
        c.finish()
    }
}

fn validate_provider(p: &InsightsProvider, c: &mut Collector) {
    if p.provider != ProviderKind::External {
        return;
    }
    match &p.url {
        Some(u) if (u.starts_with("https://") || u.starts_with("http://")) && u.len() <= 2000 => {}
        _ => c.push("/insights/url", "an external provider needs an http(s) URL"),
    }
    let name_ok = p.secret_name.as_deref().is_some_and(|n| {
        !n.is_empty()
            && n.len() <= 100
            && n.chars()
                .all(|ch| ch.is_ascii_uppercase() || ch.is_ascii_digit() || ch == '_')
    });
    if !name_ok {
        c.push(
            "/insights/secret_name",
            "must name an environment variable (A-Z, 0-9, _), not hold the secret",
        );
    }
}

#[cfg(test)]
#[allow(clippy::field_reassign_with_default)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_format_like_the_reference() {
        let s = Settings::default();
        s.validate().unwrap();
        assert_eq!(s.client_book_number_sequence.format(42), "CB-000042");
    }

    #[test]
    fn books_per_customer_reads_numbers_and_unlimited() {
        let n: BooksPerCustomer = serde_json::from_str("2").unwrap();
        assert_eq!(n, BooksPerCustomer::AtMost(2));
        let u: BooksPerCustomer = serde_json::from_str("\"unlimited\"").unwrap();
        assert_eq!(serde_json::to_string(&u).unwrap(), "\"unlimited\"");
        assert!(serde_json::from_str::<BooksPerCustomer>("0").is_err());
    }

    #[test]
    fn too_many_measures_and_bad_sequences_point_at_fields() {
        let mut s = Settings::default();
        s.card_measures = vec![
            Measure::PAlive,
            Measure::ChurnProbability,
            Measure::RfmSegment,
            Measure::ExpectedValue,
        ];
        s.client_book_number_sequence.width = 0;
        let e = s.validate().unwrap_err();
        let ptrs: Vec<_> = e.0.iter().map(|e| e.pointer.as_str()).collect();
        assert!(ptrs.contains(&"/card_measures"));
        assert!(ptrs.contains(&"/client_book_number_sequence/width"));
    }

    #[test]
    fn external_provider_needs_a_secret_name_not_a_secret() {
        let mut s = Settings::default();
        s.insights = InsightsProvider {
            provider: ProviderKind::External,
            url: Some("https://x.example".into()),
            secret_name: Some("sk-live-123".into()),
        };
        assert!(s.validate().is_err());
        s.insights.secret_name = Some("INSIGHTS_TOKEN".into());
        s.validate().unwrap();
    }

    #[test]
    fn language_and_time_zone_are_checked_and_default_for_old_documents() {
        let mut s = Settings::default();
        s.time_zone = "Europe/Vilnius".into();
        s.default_language = "lt".into();
        s.validate().unwrap();
        s.time_zone = "Mars/Olympus".into();
        s.default_language = "de".into();
        let e = s.validate().unwrap_err();
        let ptrs: Vec<_> = e.0.iter().map(|e| e.pointer.as_str()).collect();
        assert_eq!(ptrs, ["/default_language", "/time_zone"]);
        let mut old = serde_json::to_value(Settings::default()).unwrap();
        let obj = old.as_object_mut().unwrap();
        obj.remove("time_zone");
        obj.remove("default_language");
        let back: Settings = serde_json::from_value(old).unwrap();
        assert_eq!(
            (back.time_zone.as_str(), back.default_language.as_str()),
            ("UTC", "en")
        );
    }
}
