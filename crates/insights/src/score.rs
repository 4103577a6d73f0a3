//! Per-customer scores from a [`FitReport`]: probability alive, churn,
//! expected purchases over a horizon, expected spend and CLV.
//!
//! Batch scoring evaluates the BG/NBD quantities once per distinct
//! `(frequency, recency, T)` tuple and reports progress through an optional
//! callback, so that millions of customers score quickly.

use serde::{Deserialize, Serialize};

use crate::bgnbd::BgNbdParams;
use crate::clv::{ClvOptions, discounted_expected_purchases};
use crate::data::Observation;
use crate::gamma_gamma::GammaGammaParams;
use crate::nba::CustomerFacts;
use crate::pipeline::FitReport;
use crate::rfm::Segment;
use crate::summary::{CustomerSummary, Summaries, TimeUnit};

/// Scores of one customer. Times are in the summaries' time unit, money in
/// minor units.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Score<K> {
    /// Customer key.
    pub customer: K,
    /// Repeat purchase days.
    pub frequency: u32,
    /// Time between first and last purchase.
    pub recency: f64,
    /// Time between first purchase and calibration end (serialised as `T`).
    #[serde(rename = "T")]
    pub t: f64,
    /// Days since the last purchase.
    pub days_since_last_purchase: u32,
    /// Probability the customer is still active.
    pub p_alive: f64,
    /// `1 − p_alive`.
    pub churn_probability: f64,
    /// Expected purchases over the horizon.
    pub expected_purchases: f64,
    /// Mean value of repeat purchase days (0 without repeat purchases).
    pub monetary_value: f64,
    /// Gamma-Gamma expected average spend per purchase, when available.
    pub expected_average_spend: Option<f64>,
    /// Customer lifetime value over the CLV horizon, when available.
    pub clv: Option<f64>,
}

impl<K> Score<K> {
    /// Facts for the next-best-action rules.
    pub fn facts(&self, segment: Option<Segment>) -> CustomerFacts {
        CustomerFacts {
            segment,
            churn_probability: Some(self.churn_probability),
            clv: self.clv,
            expected_purchases: Some(self.expected_purchases),
            days_since_last_purchase: Some(self.days_since_last_purchase),
        }
    }
}

/// Model quantities that depend only on `(frequency, recency, T)`.
#[derive(Debug, Clone, Copy, Default)]
struct TupleValues {
    p_alive: f64,
    expected: f64,
    discounted: f64,
}

/// Scores customers with fixed models and options.
#[derive(Debug, Clone)]
pub struct Scorer {
    bgnbd: BgNbdParams,
    spend: Option<GammaGammaParams>,
    unit: TimeUnit,
    horizon: f64,
    clv: ClvOptions,
}

impl Scorer {
    /// A scorer for summaries in `unit` (the report's parameters are
    /// converted if it was fitted in another unit); `horizon` is in `unit`.
    pub fn new(fit: &FitReport, unit: TimeUnit, horizon: f64, clv: ClvOptions) -> Self {
        let factor = fit.time_unit.days() / unit.days();
        Self {
            bgnbd: fit.bgnbd.params().rescale_time(factor),
            spend: fit.gamma_gamma.map(|g| g.params()),
            unit,
            horizon,
            clv,
        }
    }

    fn tuple_values(&self, obs: &Observation) -> TupleValues {
        TupleValues {
            p_alive: self.bgnbd.p_alive(obs),
            expected: self.bgnbd.conditional_expected_purchases(self.horizon, obs),
            discounted: discounted_expected_purchases(&self.bgnbd, obs, &self.clv, self.unit),
        }
    }

    fn assemble<K: Clone>(&self, s: &CustomerSummary<K>, v: TupleValues) -> Score<K> {
        let spend = self
            .spend
            .and_then(|g| g.conditional_expected_average_spend(s.frequency, s.monetary_value));
        Score {
            customer: s.customer.clone(),
            frequency: s.frequency,
            recency: s.recency,
            t: s.t,
            days_since_last_purchase: s.days_since_last_purchase(),
            p_alive: v.p_alive,
            churn_probability: 1.0 - v.p_alive,
            expected_purchases: v.expected,
            monetary_value: s.monetary_value,
            expected_average_spend: spend,
            clv: spend.map(|m| m * v.discounted),
        }
    }

    /// Scores one customer.
    pub fn score<K: Clone>(&self, summary: &CustomerSummary<K>) -> Score<K> {
        self.assemble(summary, self.tuple_values(&summary.observation()))
    }
}

/// Scores every customer (in the summaries' order); `horizon` is in the
/// summaries' time unit.
pub fn score<K: Clone>(
    summaries: &Summaries<K>,
    fit: &FitReport,
    horizon: f64,
    clv: &ClvOptions,
) -> Vec<Score<K>> {
    score_with_progress(summaries, fit, horizon, clv, &|_, _| {})
}

/// Like [`score`], calling `progress(done, total)` (in customers) as the
/// work advances, at most about 200 times, and once at the end.
pub fn score_with_progress<K: Clone>(
    summaries: &Summaries<K>,
    fit: &FitReport,
    horizon: f64,
    clv: &ClvOptions,
    progress: &dyn Fn(u64, u64),
) -> Vec<Score<K>> {
    let scorer = Scorer::new(fit, summaries.time_unit, horizon, *clv);
    let customers = &summaries.customers;
    let key = |i: &u32| {
        let s = &customers[*i as usize];
        (s.frequency, s.recency.to_bits(), s.t.to_bits())
    };
    let mut order: Vec<u32> = (0..customers.len() as u32).collect();
    order.sort_unstable_by_key(key);
    let total = customers.len() as u64;
    let step = (total / 200).max(1);
    let mut values = vec![TupleValues::default(); customers.len()];
    let (mut done, mut reported) = (0u64, 0u64);
    for group in order.chunk_by(|a, b| key(a) == key(b)) {
        let v = scorer.tuple_values(&customers[group[0] as usize].observation());
        for &i in group {
            values[i as usize] = v;
        }
        done += group.len() as u64;
        if done - reported >= step {
            progress(done, total);
            reported = done;
        }
    }
    progress(total, total);
    customers
        .iter()
        .zip(values)
        .map(|(s, v)| scorer.assemble(s, v))
        .collect()
}
