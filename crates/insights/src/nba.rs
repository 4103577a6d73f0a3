//! Next best action: an ordered rule table, editable by HQ as JSON (or any
//! serde format), mapping a customer's facts to an action. The first rule
//! whose conditions all hold wins.
//!
//! ```json
//! {"rules": [
//!   {"when": {"clv": {"min": 50000}, "churn_probability": {"min": 0.5}},
//!    "action": {"code": "private_event_invite", "label": "Invite to a private event"}},
//!   {"action": {"code": "keep_in_touch", "label": "Share new arrivals"}}
//! ]}
//! ```
//!
//! Bounds are inclusive. A condition on a fact that is unknown for the
//! customer (e.g. no CLV because the spend model could not be fitted) does
//! not hold. CLV is in minor currency units, days since the last purchase in
//! days, expected purchases in the scoring horizon.

mod defaults;
mod validate;

pub use validate::RuleTableError;

use serde::{Deserialize, Serialize};

use crate::rfm::Segment;

/// An ordered list of rules; the first match wins.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleTable {
    /// Rules, in priority order.
    pub rules: Vec<Rule>,
}

/// One rule: conditions and the action they lead to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Conditions, all of which must hold (none: always matches).
    #[serde(default)]
    pub when: Conditions,
    /// Action recommended when the conditions hold.
    pub action: Action,
}

/// Optional conditions of a rule.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conditions {
    /// The customer's segment is one of these.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segments: Option<Vec<Segment>>,
    /// Bounds on the churn probability (0–1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub churn_probability: Option<Bounds>,
    /// Bounds on the customer lifetime value (minor units).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clv: Option<Bounds>,
    /// Bounds on the expected number of purchases over the horizon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_purchases: Option<Bounds>,
    /// Bounds on the days since the last purchase.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_since_last_purchase: Option<Bounds>,
}

/// Inclusive bounds; a missing side is unbounded.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bounds {
    /// Lower bound (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Upper bound (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
}

impl Bounds {
    /// Whether `value` is known and within the bounds.
    pub fn contains(&self, value: Option<f64>) -> bool {
        let Some(v) = value.filter(|v| !v.is_nan()) else {
            return false;
        };
        self.min.is_none_or(|min| v >= min) && self.max.is_none_or(|max| v <= max)
    }
}

/// What to do, as a stable code (for the UI and analytics) and a label.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// Stable machine code, e.g. `private_event_invite`.
    pub code: String,
    /// Human label, e.g. "Invite to a private event".
    pub label: String,
}

/// What the rules can test about a customer; `None` means unknown.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct CustomerFacts {
    /// RFM segment.
    pub segment: Option<Segment>,
    /// Churn probability, `1 − P(alive)`.
    pub churn_probability: Option<f64>,
    /// Customer lifetime value (minor units).
    pub clv: Option<f64>,
    /// Expected purchases over the scoring horizon.
    pub expected_purchases: Option<f64>,
    /// Days since the last purchase.
    pub days_since_last_purchase: Option<u32>,
}

impl Conditions {
    /// Whether all conditions hold for `facts`.
    pub fn matches(&self, facts: &CustomerFacts) -> bool {
        let bounded = |bounds: &Option<Bounds>, value: Option<f64>| {
            bounds.as_ref().is_none_or(|b| b.contains(value))
        };
        let segment_ok = self
            .segments
            .as_ref()
            .is_none_or(|list| facts.segment.is_some_and(|s| list.contains(&s)));
        segment_ok
            && bounded(&self.churn_probability, facts.churn_probability)
            && bounded(&self.clv, facts.clv)
            && bounded(&self.expected_purchases, facts.expected_purchases)
            && bounded(
                &self.days_since_last_purchase,
                facts.days_since_last_purchase.map(f64::from),
            )
    }
}

impl RuleTable {
    /// The action of the first rule matching `facts`, if any.
    pub fn next_best_action(&self, facts: &CustomerFacts) -> Option<&Action> {
        self.rules
            .iter()
            .find(|rule| rule.when.matches(facts))
            .map(|rule| &rule.action)
    }

    /// Checks the table (see [`RuleTableError`]) and returns it unchanged.
    pub fn validated(self) -> Result<Self, RuleTableError> {
        self.validate()?;
        Ok(self)
    }
}

impl Default for RuleTable {
    /// A sensible starting table; see [`RuleTable::default_table`].
    fn default() -> Self {
        Self::default_table()
    }
}
