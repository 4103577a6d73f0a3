//! RFM scoring: recency, frequency and monetary quintile scores (1–5) over a
//! population, and named segments from the recency × frequency grid.
//!
//! Scores: a customer's score on a dimension is
//! `1 + ⌊5 · (share of customers with a strictly worse value)⌋`, so ties
//! share a score, the worst value always scores 1 and the scores follow
//! quintiles when values are distinct. Recency is the number of days since
//! the last purchase (fewer is better), frequency the number of purchase days
//! and monetary the total spend (more is better).
//!
//! Segments follow the widely used R × F grid (R score first, F second):
//!
//! | R \ F | 1 | 2 | 3 | 4 | 5 |
//! |---|---|---|---|---|---|
//! | 5 | new customers | potential loyalists | potential loyalists | champions | champions |
//! | 4 | promising | potential loyalists | potential loyalists | loyal | loyal |
//! | 3 | about to sleep | about to sleep | need attention | loyal | loyal |
//! | 2 | hibernating | hibernating | at risk | at risk | can't lose |
//! | 1 | lost | lost | at risk | at risk | can't lose |
//!
//! ("lost" is the R = 1 part of the grid's "hibernating" cell.)

use serde::{Deserialize, Serialize};

use crate::summary::CustomerSummary;

/// What RFM needs to know about one customer.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RfmInput {
    /// Days since the last purchase.
    pub days_since_last_purchase: u32,
    /// Number of purchase days.
    pub purchase_days: u32,
    /// Total spend.
    pub monetary: f64,
}

impl<K> From<&CustomerSummary<K>> for RfmInput {
    fn from(s: &CustomerSummary<K>) -> Self {
        Self {
            days_since_last_purchase: s.days_since_last_purchase(),
            purchase_days: s.frequency + 1,
            monetary: s.total_spend as f64,
        }
    }
}

/// Named customer segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Segment {
    /// Bought recently, buy often.
    Champions,
    /// Buy often, fairly recently.
    LoyalCustomers,
    /// Recent customers with a few purchases.
    PotentialLoyalists,
    /// Bought for the first time very recently.
    NewCustomers,
    /// Recent, but bought rarely.
    Promising,
    /// Average recency and frequency.
    NeedAttention,
    /// Below-average recency and frequency.
    AboutToSleep,
    /// Used to buy often, not for a long time.
    AtRisk,
    /// Were among the most frequent buyers, not for a long time.
    CantLose,
    /// Bought rarely, long ago.
    Hibernating,
    /// Bought rarely, longest ago.
    Lost,
}

impl Segment {
    /// All segments.
    pub const ALL: [Segment; 11] = [
        Self::Champions,
        Self::LoyalCustomers,
        Self::PotentialLoyalists,
        Self::NewCustomers,
        Self::Promising,
        Self::NeedAttention,
        Self::AboutToSleep,
        Self::AtRisk,
        Self::CantLose,
        Self::Hibernating,
        Self::Lost,
    ];

    /// Segment of the R × F grid (scores outside 1–5 are clamped).
    pub fn from_scores(recency: u8, frequency: u8) -> Self {
        let f = frequency.clamp(1, 5);
        match recency.clamp(1, 5) {
            5 => match f {
                1 => Self::NewCustomers,
                2 | 3 => Self::PotentialLoyalists,
                _ => Self::Champions,
            },
            4 => match f {
                1 => Self::Promising,
                2 | 3 => Self::PotentialLoyalists,
                _ => Self::LoyalCustomers,
            },
            3 => match f {
                1 | 2 => Self::AboutToSleep,
                3 => Self::NeedAttention,
                _ => Self::LoyalCustomers,
            },
            r => match f {
                5 => Self::CantLose,
                3 | 4 => Self::AtRisk,
                _ if r == 2 => Self::Hibernating,
                _ => Self::Lost,
            },
        }
    }

    /// Stable machine code (`snake_case`, as serialised).
    pub fn code(self) -> &'static str {
        match self {
            Self::Champions => "champions",
            Self::LoyalCustomers => "loyal_customers",
            Self::PotentialLoyalists => "potential_loyalists",
            Self::NewCustomers => "new_customers",
            Self::Promising => "promising",
            Self::NeedAttention => "need_attention",
            Self::AboutToSleep => "about_to_sleep",
            Self::AtRisk => "at_risk",
            Self::CantLose => "cant_lose",
            Self::Hibernating => "hibernating",
            Self::Lost => "lost",
        }
    }

    /// English label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Champions => "Champions",
            Self::LoyalCustomers => "Loyal customers",
            Self::PotentialLoyalists => "Potential loyalists",
            Self::NewCustomers => "New customers",
            Self::Promising => "Promising",
            Self::NeedAttention => "Need attention",
            Self::AboutToSleep => "About to sleep",
            Self::AtRisk => "At risk",
            Self::CantLose => "Can't lose them",
            Self::Hibernating => "Hibernating",
            Self::Lost => "Lost",
        }
    }
}

/// RFM scores and segment of one customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RfmScore {
    /// Recency score, 5 = most recent.
    pub recency: u8,
    /// Frequency score, 5 = most purchase days.
    pub frequency: u8,
    /// Monetary score, 5 = highest total spend.
    pub monetary: u8,
    /// Segment from the R × F grid.
    pub segment: Segment,
}

impl RfmScore {
    /// The three scores as a cell code, e.g. `"545"`.
    pub fn cell(&self) -> String {
        format!("{}{}{}", self.recency, self.frequency, self.monetary)
    }
}

/// Scores every customer against the whole population, in input order.
pub fn rfm_scores(inputs: &[RfmInput]) -> Vec<RfmScore> {
    let mut recency: Vec<u32> = inputs.iter().map(|i| i.days_since_last_purchase).collect();
    let mut frequency: Vec<u32> = inputs.iter().map(|i| i.purchase_days).collect();
    let mut monetary: Vec<f64> = inputs.iter().map(|i| i.monetary).collect();
    recency.sort_unstable();
    frequency.sort_unstable();
    monetary.sort_unstable_by(f64::total_cmp);
    let n = inputs.len();
    inputs
        .iter()
        .map(|i| {
            // Worse recency = strictly more days since the last purchase.
            let r_worse = n - recency.partition_point(|&d| d <= i.days_since_last_purchase);
            let f_worse = frequency.partition_point(|&f| f < i.purchase_days);
            let m_worse = monetary.partition_point(|m| m.total_cmp(&i.monetary).is_lt());
            let (r, f) = (score(r_worse, n), score(f_worse, n));
            RfmScore {
                recency: r,
                frequency: f,
                monetary: score(m_worse, n),
                segment: Segment::from_scores(r, f),
            }
        })
        .collect()
}

/// Scores summaries (see [`rfm_scores`]).
pub fn rfm_for_summaries<K>(customers: &[CustomerSummary<K>]) -> Vec<RfmScore> {
    let inputs: Vec<RfmInput> = customers.iter().map(RfmInput::from).collect();
    rfm_scores(&inputs)
}

/// `1 + ⌊5 · worse / n⌋`, in 1..=5.
fn score(worse: usize, n: usize) -> u8 {
    let s = 1 + (5 * worse as u128) / (n.max(1) as u128);
    s.min(5) as u8
}
