//! The BG/NBD model of Fader, Hardie & Lee (2005), "Counting your customers
//! the easy way": purchases follow a Poisson process with a Gamma(r, α)
//! distributed rate while the customer is alive; after each repeat purchase
//! the customer drops out with a Beta(a, b) distributed probability.
//!
//! Parameters are expressed in a time unit (weeks or days); `α` carries the
//! unit, `r`, `a` and `b` are dimensionless. Formulas follow the paper and
//! the `lifetimes` Python package (version 0.11.3).

mod fit;
mod likelihood;

pub use fit::{BgNbdFit, BgNbdOptions, fit};

use serde::{Deserialize, Serialize};

use crate::data::Observation;
use crate::special::{hyp2f1, ln_gamma, sigmoid, softplus};

/// Parameters of a BG/NBD model.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BgNbdParams {
    /// Shape of the Gamma distribution of purchase rates.
    pub r: f64,
    /// Rate (inverse scale) of the Gamma distribution of purchase rates, in
    /// the model's time unit.
    pub alpha: f64,
    /// First shape of the Beta distribution of dropout probabilities.
    pub a: f64,
    /// Second shape of the Beta distribution of dropout probabilities.
    pub b: f64,
}

impl BgNbdParams {
    /// Whether all parameters are finite and positive.
    pub fn is_valid(&self) -> bool {
        [self.r, self.alpha, self.a, self.b]
            .iter()
            .all(|v| v.is_finite() && *v > 0.0)
    }

    /// The same model with time measured in a unit `factor` times shorter
    /// (e.g. `factor = 7` turns week parameters into day parameters).
    pub fn rescale_time(&self, factor: f64) -> Self {
        Self {
            alpha: self.alpha * factor,
            ..*self
        }
    }

    /// Log-likelihood of one customer's `(frequency, recency, T)`
    /// (Fader, Hardie & Lee 2005, eq. 6), in the model's time unit.
    pub fn log_likelihood(&self, obs: &Observation) -> f64 {
        let Self { r, alpha, a, b } = *self;
        let x = f64::from(obs.frequency);
        let a1 = ln_gamma(r + x) - ln_gamma(r) + r * alpha.ln();
        let a2 = ln_gamma(a + b) + ln_gamma(b + x) - ln_gamma(b) - ln_gamma(a + b + x);
        let a3 = -(r + x) * (alpha + obs.t).ln();
        if obs.frequency == 0 {
            return a1 + a2 + a3;
        }
        let a4 = a.ln() - (b + x - 1.0).ln() - (r + x) * (alpha + obs.recency).ln();
        a1 + a2 + a3 + softplus(a4 - a3)
    }

    /// Probability that the customer is still alive at the end of the
    /// calibration period. Customers without repeat purchases are alive with
    /// probability 1 under the model (dropout only follows a purchase).
    pub fn p_alive(&self, obs: &Observation) -> f64 {
        if obs.frequency == 0 {
            return 1.0;
        }
        let x = f64::from(obs.frequency);
        let log_div = (self.r + x) * ((self.alpha + obs.t) / (self.alpha + obs.recency)).ln()
            + (self.a / (self.b + x - 1.0)).ln();
        sigmoid(-log_div)
    }

    /// `1 − P(alive)`.
    pub fn churn_probability(&self, obs: &Observation) -> f64 {
        1.0 - self.p_alive(obs)
    }

    /// Expected number of purchases in the next `horizon` time units, given
    /// the customer's history (paper eq. 10).
    pub fn conditional_expected_purchases(&self, horizon: f64, obs: &Observation) -> f64 {
        if horizon.is_nan() || horizon <= 0.0 {
            return 0.0;
        }
        self.unadjusted_expectation(horizon, obs) * self.p_alive(obs)
    }

    /// Expected number of purchases in the first `horizon` time units of a
    /// newly acquired customer (excluding the first purchase; paper eq. 9).
    pub fn expected_purchases(&self, horizon: f64) -> f64 {
        let fresh = Observation {
            frequency: 0,
            recency: 0.0,
            t: 0.0,
        };
        self.conditional_expected_purchases(horizon, &fresh)
    }

    /// `(a+b+x−1)/(a−1) · [1 − (1−z)^(a−1) ₂F₁(a+b−1−r, a−1; a+b+x−1; z)]`,
    /// `z = t/(α+T+t)`: eq. 10 without the P(alive) factor, after Euler's
    /// transformation of the ₂F₁ (which keeps it bounded for large `x`).
    /// The removable singularity at `a = 1` is handled by averaging.
    fn unadjusted_expectation(&self, horizon: f64, obs: &Observation) -> f64 {
        const NEAR_ONE: f64 = 1e-7;
        if (self.a - 1.0).abs() < NEAR_ONE {
            let lo = Self {
                a: 1.0 - 1e-5,
                ..*self
            };
            let hi = Self {
                a: 1.0 + 1e-5,
                ..*self
            };
            return 0.5
                * (lo.unadjusted_expectation(horizon, obs)
                    + hi.unadjusted_expectation(horizon, obs));
        }
        let Self { r, alpha, a, b } = *self;
        let x = f64::from(obs.frequency);
        let c = a + b + x - 1.0;
        let span = alpha + obs.t + horizon;
        let z = horizon / span;
        let ln_one_minus_z = ((alpha + obs.t) / span).ln();
        let hyp = hyp2f1(a + b - 1.0 - r, a - 1.0, c, z);
        let second = -((a - 1.0) * ln_one_minus_z).exp_m1()
            - ((a - 1.0) * ln_one_minus_z).exp() * (hyp - 1.0);
        c / (a - 1.0) * second
    }
}
