//! One-line, plain-language explanations of a customer's purchase history,
//! e.g. "no purchase for 41 weeks; usually buys every 6 weeks".
//!
//! The numbers are exposed in [`Explanation`] so that a UI can localise the
//! sentence; [`explain`] renders it in English.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::summary::CustomerSummary;

/// Unit a duration is expressed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpanUnit {
    /// Days (below 7 days).
    Day,
    /// Weeks (below 365 days).
    Week,
    /// Months of 30.44 days (below 730 days).
    Month,
    /// Years of 365.25 days.
    Year,
}

/// A duration rounded to a readable unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// The exact duration in (rounded) days.
    pub days: u32,
    /// The duration in `unit`, rounded (at least 1 unless `days` is 0).
    pub amount: u32,
    /// Unit of `amount`.
    pub unit: SpanUnit,
}

impl Span {
    /// Expresses a number of days in the most readable unit.
    pub fn from_days(days: f64) -> Self {
        let days = days.max(0.0).round();
        let (unit, length) = match days {
            d if d < 7.0 => (SpanUnit::Day, 1.0),
            d if d < 365.0 => (SpanUnit::Week, 7.0),
            d if d < 730.0 => (SpanUnit::Month, 30.4375),
            _ => (SpanUnit::Year, 365.25),
        };
        let amount = (days / length)
            .round()
            .max(if days > 0.0 { 1.0 } else { 0.0 });
        Self {
            days: days as u32,
            amount: amount as u32,
            unit,
        }
    }

    fn unit_word(&self) -> &'static str {
        match self.unit {
            SpanUnit::Day => "day",
            SpanUnit::Week => "week",
            SpanUnit::Month => "month",
            SpanUnit::Year => "year",
        }
    }

    /// "3 weeks", "1 day".
    fn quantity(&self) -> String {
        let plural = if self.amount == 1 { "" } else { "s" };
        format!("{} {}{}", self.amount, self.unit_word(), plural)
    }

    /// "3 weeks ago", "today".
    fn ago(&self) -> String {
        if self.days == 0 {
            "today".to_owned()
        } else {
            format!("{} ago", self.quantity())
        }
    }

    /// "every 3 weeks", "every week".
    fn every(&self) -> String {
        if self.amount <= 1 {
            format!("every {}", self.unit_word())
        } else {
            format!("every {}", self.quantity())
        }
    }
}

/// The facts behind a customer's one-line explanation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Explanation {
    /// A single purchase day so far.
    BoughtOnce {
        /// Time since that purchase.
        since: Span,
    },
    /// No purchase for more than twice the usual interval.
    Lapsed {
        /// Time since the last purchase.
        since: Span,
        /// Mean time between purchases.
        usual_interval: Span,
    },
    /// Buying at about the usual pace.
    Regular {
        /// Mean time between purchases.
        usual_interval: Span,
        /// Time since the last purchase.
        since: Span,
    },
}

impl Explanation {
    /// Builds the explanation from repeat purchase days, days between the
    /// first and last purchase, and days since the last purchase.
    pub fn new(frequency: u32, recency_days: u32, days_since_last_purchase: u32) -> Self {
        let since = Span::from_days(f64::from(days_since_last_purchase));
        if frequency == 0 {
            return Self::BoughtOnce { since };
        }
        let interval = f64::from(recency_days) / f64::from(frequency);
        let usual_interval = Span::from_days(interval);
        if f64::from(days_since_last_purchase) > 2.0 * interval {
            Self::Lapsed {
                since,
                usual_interval,
            }
        } else {
            Self::Regular {
                usual_interval,
                since,
            }
        }
    }

    /// The explanation of a summarised customer.
    pub fn of<K>(summary: &CustomerSummary<K>) -> Self {
        Self::new(
            summary.frequency,
            summary.recency_days,
            summary.days_since_last_purchase(),
        )
    }
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::BoughtOnce { since } => write!(f, "bought once, {}", since.ago()),
            Self::Lapsed {
                since,
                usual_interval,
            } => write!(
                f,
                "no purchase for {}; usually buys {}",
                since.quantity(),
                usual_interval.every()
            ),
            Self::Regular {
                usual_interval,
                since,
            } => write!(
                f,
                "buys about {}; last purchase {}",
                usual_interval.every(),
                since.ago()
            ),
        }
    }
}

/// One-line English explanation of a summarised customer.
pub fn explain<K>(summary: &CustomerSummary<K>) -> String {
    Explanation::of(summary).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences() {
        assert_eq!(
            Explanation::new(0, 0, 84).to_string(),
            "bought once, 12 weeks ago"
        );
        assert_eq!(Explanation::new(0, 0, 0).to_string(), "bought once, today");
        assert_eq!(
            Explanation::new(5, 210, 287).to_string(),
            "no purchase for 41 weeks; usually buys every 6 weeks"
        );
        assert_eq!(
            Explanation::new(10, 210, 7).to_string(),
            "buys about every 3 weeks; last purchase 1 week ago"
        );
        assert_eq!(
            Explanation::new(30, 30, 1).to_string(),
            "buys about every day; last purchase 1 day ago"
        );
        assert_eq!(
            Explanation::new(1, 400, 900).to_string(),
            "no purchase for 2 years; usually buys every 13 months"
        );
    }

    #[test]
    fn exposes_numbers() {
        let Explanation::Lapsed {
            since,
            usual_interval,
        } = Explanation::new(5, 210, 287)
        else {
            panic!("expected lapsed");
        };
        assert_eq!(
            (since.days, since.amount, since.unit),
            (287, 41, SpanUnit::Week)
        );
        assert_eq!((usual_interval.days, usual_interval.amount), (42, 6));
    }
}
