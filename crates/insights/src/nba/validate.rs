//! Validation of a rule table edited by HQ.

use super::{Bounds, Conditions, Rule, RuleTable};

/// Why a rule table is invalid. `rule` is the 0-based position of the
/// offending rule.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RuleTableError {
    /// The table has no rules.
    #[error("the rule table has no rules")]
    Empty,
    /// An action code is empty or contains characters other than ASCII
    /// letters, digits, `_`, `-` and `.`.
    #[error(
        "rule {rule}: action code {code:?} must be non-empty and use only letters, digits, '_', '-' or '.'"
    )]
    InvalidCode {
        /// Rule position.
        rule: usize,
        /// The code.
        code: String,
    },
    /// An action label is blank.
    #[error("rule {rule}: action label is empty")]
    EmptyLabel {
        /// Rule position.
        rule: usize,
    },
    /// A segment condition lists no segment (it could never match).
    #[error("rule {rule}: the segment list is empty")]
    EmptySegments {
        /// Rule position.
        rule: usize,
    },
    /// A bound is NaN or infinite.
    #[error("rule {rule}: {field} has a bound that is not a finite number")]
    NotFinite {
        /// Rule position.
        rule: usize,
        /// Condition name.
        field: &'static str,
    },
    /// `min > max`.
    #[error("rule {rule}: {field} has min {min} greater than max {max}")]
    MinAboveMax {
        /// Rule position.
        rule: usize,
        /// Condition name.
        field: &'static str,
        /// Lower bound.
        min: f64,
        /// Upper bound.
        max: f64,
    },
    /// A bound lies outside the possible values of the fact.
    #[error("rule {rule}: {field} bound {value} is outside [{low}, {high}]")]
    OutOfRange {
        /// Rule position.
        rule: usize,
        /// Condition name.
        field: &'static str,
        /// The bound.
        value: f64,
        /// Smallest possible value.
        low: f64,
        /// Largest possible value.
        high: f64,
    },
}

impl RuleTable {
    /// Checks that the table is non-empty, that codes and labels are set,
    /// and that bounds are finite, ordered and possible.
    pub fn validate(&self) -> Result<(), RuleTableError> {
        if self.rules.is_empty() {
            return Err(RuleTableError::Empty);
        }
        self.rules
            .iter()
            .enumerate()
            .try_for_each(|(i, rule)| validate_rule(i, rule))
    }
}

fn validate_rule(rule: usize, r: &Rule) -> Result<(), RuleTableError> {
    let code = &r.action.code;
    let code_ok = !code.is_empty()
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if !code_ok {
        return Err(RuleTableError::InvalidCode {
            rule,
            code: code.clone(),
        });
    }
    if r.action.label.trim().is_empty() {
        return Err(RuleTableError::EmptyLabel { rule });
    }
    validate_conditions(rule, &r.when)
}

fn validate_conditions(rule: usize, c: &Conditions) -> Result<(), RuleTableError> {
    if c.segments.as_ref().is_some_and(Vec::is_empty) {
        return Err(RuleTableError::EmptySegments { rule });
    }
    let checks: [(&'static str, &Option<Bounds>, f64, f64); 4] = [
        ("churn_probability", &c.churn_probability, 0.0, 1.0),
        ("clv", &c.clv, f64::MIN, f64::MAX),
        ("expected_purchases", &c.expected_purchases, 0.0, f64::MAX),
        (
            "days_since_last_purchase",
            &c.days_since_last_purchase,
            0.0,
            f64::MAX,
        ),
    ];
    for (field, bounds, low, high) in checks {
        if let Some(b) = bounds {
            validate_bounds(rule, field, b, low, high)?;
        }
    }
    Ok(())
}

fn validate_bounds(
    rule: usize,
    field: &'static str,
    b: &Bounds,
    low: f64,
    high: f64,
) -> Result<(), RuleTableError> {
    for value in [b.min, b.max].into_iter().flatten() {
        if !value.is_finite() {
            return Err(RuleTableError::NotFinite { rule, field });
        }
        if value < low || value > high {
            return Err(RuleTableError::OutOfRange {
                rule,
                field,
                value,
                low,
                high,
            });
        }
    }
    match (b.min, b.max) {
        (Some(min), Some(max)) if min > max => Err(RuleTableError::MinAboveMax {
            rule,
            field,
            min,
            max,
        }),
        _ => Ok(()),
    }
}
