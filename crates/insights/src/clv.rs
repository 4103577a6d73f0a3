//! Customer lifetime value, computed as `lifetimes`'
//! `customer_lifetime_value`: for months `i = 1..=H`,
//! `Σ (E[X(i·m)] − E[X((i−1)·m)]) · spend / (1 + d)^i`, where `E[X(t)]` is
//! the BG/NBD conditional expected number of purchases, `m` the number of
//! model time units per month, `spend` the Gamma-Gamma conditional expected
//! average spend and `d` the monthly discount rate.
//!
//! By default a month is 30 days: `m = 30` for [`TimeUnit::Day`] and
//! `m = 30/7 ≈ 4.2857` for [`TimeUnit::Week`]. (`lifetimes` uses 30 with
//! `freq="D"` and 4.345 with `freq="W"`; set
//! [`ClvOptions::periods_per_month`] to 4.345 to reproduce the latter.)

use serde::{Deserialize, Serialize};

use crate::bgnbd::BgNbdParams;
use crate::data::Observation;
use crate::gamma_gamma::GammaGammaParams;
use crate::summary::TimeUnit;

/// CLV horizon and discounting.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ClvOptions {
    /// Number of months summed (default 12).
    pub horizon_months: u32,
    /// Discount rate per month (default 0.01, as `lifetimes`).
    pub monthly_discount_rate: f64,
    /// Model time units per month; `None` means a 30-day month in the
    /// model's unit.
    pub periods_per_month: Option<f64>,
}

impl Default for ClvOptions {
    fn default() -> Self {
        Self {
            horizon_months: 12,
            monthly_discount_rate: 0.01,
            periods_per_month: None,
        }
    }
}

impl ClvOptions {
    /// Time units per month for a model in `unit`.
    pub fn periods_per_month(&self, unit: TimeUnit) -> f64 {
        self.periods_per_month.unwrap_or_else(|| unit.per_month())
    }
}

/// `Σᵢ (E[X(i·m)] − E[X((i−1)·m)]) / (1 + d)^i`: the discounted expected
/// number of purchases over the horizon (CLV per unit of spend).
pub fn discounted_expected_purchases(
    model: &BgNbdParams,
    obs: &Observation,
    options: &ClvOptions,
    unit: TimeUnit,
) -> f64 {
    let per_month = options.periods_per_month(unit);
    let mut previous = 0.0;
    let mut total = 0.0;
    let mut discount = 1.0;
    for i in 1..=options.horizon_months {
        let expected = model.conditional_expected_purchases(f64::from(i) * per_month, obs);
        discount /= 1.0 + options.monthly_discount_rate;
        total += (expected - previous) * discount;
        previous = expected;
    }
    total
}

/// Customer lifetime value in money units: expected average spend times the
/// discounted expected purchases. `None` when the spend model has `q ≤ 1`.
pub fn customer_lifetime_value(
    model: &BgNbdParams,
    spend: &GammaGammaParams,
    obs: &Observation,
    monetary_value: f64,
    options: &ClvOptions,
    unit: TimeUnit,
) -> Option<f64> {
    let average = spend.conditional_expected_average_spend(obs.frequency, monetary_value)?;
    Some(average * discounted_expected_purchases(model, obs, options, unit))
}
