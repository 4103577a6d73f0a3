//! The Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV";
//! Colombo & Jiang 1999): each transaction value of a customer is
//! Gamma(p, ν) distributed, and ν is Gamma(q, v) distributed across
//! customers. Fitted on repeat customers' mean transaction value.
//!
//! Money is in the caller's unit (minor units in this crate); `v` carries it.

use serde::{Deserialize, Serialize};

use crate::data::{GroupedSpend, SpendObservation};
use crate::error::{DataError, FitError};
use crate::mle;
use crate::special::{digamma, ln_gamma};

/// Parameters of a Gamma-Gamma model.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GammaGammaParams {
    /// Shape of the per-transaction value distribution.
    pub p: f64,
    /// Shape of the distribution of the per-customer rate ν.
    pub q: f64,
    /// Rate of the distribution of ν (in money units).
    pub v: f64,
}

impl GammaGammaParams {
    /// Whether all parameters are finite and positive.
    pub fn is_valid(&self) -> bool {
        [self.p, self.q, self.v]
            .iter()
            .all(|x| x.is_finite() && *x > 0.0)
    }

    /// Log-density of a customer's mean transaction value over `frequency`
    /// transactions (as in `lifetimes`).
    pub fn log_likelihood(&self, obs: &SpendObservation) -> f64 {
        let Self { p, q, v } = *self;
        let x = f64::from(obs.frequency);
        let m = obs.monetary_value;
        ln_gamma(p * x + q) - ln_gamma(p * x) - ln_gamma(q)
            + q * v.ln()
            + (p * x - 1.0) * m.ln()
            + p * x * x.ln()
            - (p * x + q) * (x * m + v).ln()
    }

    /// Mean transaction value across the population, `p·v / (q − 1)`;
    /// `None` when `q ≤ 1` (infinite mean).
    pub fn population_mean(&self) -> Option<f64> {
        (self.q > 1.0).then(|| self.p * self.v / (self.q - 1.0))
    }

    /// Expected mean transaction value of a customer given `frequency`
    /// repeat purchases with mean `monetary_value`: a weighted average of the
    /// population mean and the customer's own mean, with weight
    /// `p·x / (p·x + q − 1)` on the latter. `None` when `q ≤ 1`.
    pub fn conditional_expected_average_spend(
        &self,
        frequency: u32,
        monetary_value: f64,
    ) -> Option<f64> {
        let mean = self.population_mean()?;
        let px = self.p * f64::from(frequency);
        let weight = px / (px + self.q - 1.0);
        Some((1.0 - weight) * mean + weight * monetary_value)
    }
}

/// Fitting options.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct GammaGammaOptions {
    /// L2 penalty `penalizer · (p² + q² + v²)` on the mean negative
    /// log-likelihood, with `v` in the internal rescaled money unit (mean
    /// value 1). 0 (the default) is plain ML.
    pub penalizer: f64,
}

/// A fitted Gamma-Gamma model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GammaGammaFit {
    /// Maximum-likelihood parameters.
    pub params: GammaGammaParams,
    /// Total log-likelihood (sum over customers, money in the data's unit).
    pub log_likelihood: f64,
    /// `log_likelihood / customers`.
    pub mean_log_likelihood: f64,
    /// Number of customers (total weight).
    pub customers: u64,
    /// Number of distinct `(frequency, monetary value)` pairs.
    pub distinct: usize,
    /// Asymptotic standard errors, when the Hessian is positive definite.
    pub standard_errors: Option<GammaGammaParams>,
    /// Optimiser iterations.
    pub iterations: usize,
    /// Whether the optimiser converged (same criterion as
    /// [`BgNbdFit::converged`](crate::BgNbdFit::converged)).
    pub converged: bool,
}

/// Grouped spend data laid out for repeated evaluation (money rescaled).
struct Prepared {
    x: Vec<f64>,
    xm: Vec<f64>,
    weight: Vec<f64>,
    /// Σ w·ln m.
    sum_ln_m: f64,
    /// Σ w·x·ln m + Σ w·x·ln x.
    sum_x_ln_xm: f64,
    total_weight: f64,
}

impl Prepared {
    fn new(data: &GroupedSpend, scale: f64) -> Self {
        let rows = data.rows();
        let x: Vec<f64> = rows.iter().map(|(o, _)| f64::from(o.frequency)).collect();
        let weight: Vec<f64> = rows.iter().map(|(_, w)| *w as f64).collect();
        let m: Vec<f64> = rows.iter().map(|(o, _)| o.monetary_value * scale).collect();
        let xm: Vec<f64> = x.iter().zip(&m).map(|(x, m)| x * m).collect();
        let sum_ln_m = weight.iter().zip(&m).map(|(w, m)| w * m.ln()).sum();
        let sum_x_ln_xm = (0..x.len()).map(|i| weight[i] * x[i] * xm[i].ln()).sum();
        let total_weight = weight.iter().sum();
        Self {
            x,
            xm,
            weight,
            sum_ln_m,
            sum_x_ln_xm,
            total_weight,
        }
    }

    /// Total log-likelihood and its gradient with respect to `(p, q, v)`:
    /// `Σ w [lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln v + (px−1) ln m + px ln x
    ///  − (px+q) ln(xm+v)]`.
    fn evaluate(&self, params: &GammaGammaParams, grad: &mut [f64]) -> f64 {
        let GammaGammaParams { p, q, v } = *params;
        let w_total = self.total_weight;
        let mut ll = w_total * (q * v.ln() - ln_gamma(q)) + p * self.sum_x_ln_xm - self.sum_ln_m;
        let mut g = [
            self.sum_x_ln_xm,
            w_total * (v.ln() - digamma(q)),
            w_total * q / v,
        ];
        let mut cached_x = f64::NAN;
        let (mut lg_diff, mut psi_sum, mut psi_diff) = (0.0, 0.0, 0.0);
        for i in 0..self.x.len() {
            let (x, w) = (self.x[i], self.weight[i]);
            if x != cached_x {
                cached_x = x;
                lg_diff = ln_gamma(p * x + q) - ln_gamma(p * x);
                psi_sum = digamma(p * x + q);
                psi_diff = psi_sum - digamma(p * x);
            }
            let ln_xmv = (self.xm[i] + v).ln();
            ll += w * (lg_diff - (p * x + q) * ln_xmv);
            g[0] += w * x * (psi_diff - ln_xmv);
            g[1] += w * (psi_sum - ln_xmv);
            g[2] -= w * (p * x + q) / (self.xm[i] + v);
        }
        grad.copy_from_slice(&g);
        ll
    }
}

/// Fits the model by maximum likelihood. Money is internally rescaled so
/// that the mean value is 1; `v` and the log-likelihood are converted back.
pub fn fit(data: &GroupedSpend, options: &GammaGammaOptions) -> Result<GammaGammaFit, FitError> {
    if data.customers() == 0 {
        return Err(DataError::Empty.into());
    }
    let prepared_raw = Prepared::new(data, 1.0);
    let mean = data
        .rows()
        .iter()
        .map(|(o, w)| o.monetary_value * *w as f64)
        .sum::<f64>()
        / prepared_raw.total_weight;
    let scale = 1.0 / mean;
    let prepared = Prepared::new(data, scale);
    let penalizer = options.penalizer;
    let objective = |phi: &[f64], g: &mut [f64]| mean_nll(&prepared, phi, penalizer, g);
    let outcome = mle::minimise(objective, &starting_points()).ok_or(FitError::NoFiniteOptimum)?;
    let scaled = params_of(&outcome.log_params);
    let params = GammaGammaParams {
        v: scaled.v / scale,
        ..scaled
    };
    if !params.is_valid() {
        return Err(FitError::NoFiniteOptimum);
    }
    let mut g = [0.0; 3];
    let log_likelihood = prepared_raw.evaluate(&params, &mut g);
    let standard_errors = mle::standard_errors(
        |phi, g| {
            mean_nll(&prepared, phi, 0.0, g);
            g.iter_mut().for_each(|v| *v *= prepared.total_weight);
        },
        &outcome.log_params,
    )
    .map(|se| GammaGammaParams {
        p: se[0],
        q: se[1],
        v: se[2] / scale,
    });
    Ok(GammaGammaFit {
        params,
        log_likelihood,
        mean_log_likelihood: log_likelihood / prepared.total_weight,
        customers: data.customers(),
        distinct: data.distinct(),
        standard_errors,
        iterations: outcome.iterations,
        converged: outcome.converged,
    })
}

fn params_of(phi: &[f64]) -> GammaGammaParams {
    GammaGammaParams {
        p: phi[0].exp(),
        q: phi[1].exp(),
        v: phi[2].exp(),
    }
}

fn mean_nll(prepared: &Prepared, phi: &[f64], penalizer: f64, grad: &mut [f64]) -> f64 {
    let params = params_of(phi);
    if !params.is_valid() {
        return f64::NAN;
    }
    let mut g = [0.0; 3];
    let ll = prepared.evaluate(&params, &mut g);
    let w = prepared.total_weight;
    let theta = [params.p, params.q, params.v];
    mle::to_log_space(&theta, &g.map(|v| -v / w), penalizer, grad);
    -ll / w + mle::penalty(&theta, penalizer)
}

/// All ones (as `lifetimes`), then starts whose population mean
/// `p·v/(q−1)` matches the (rescaled) data mean of 1.
fn starting_points() -> Vec<Vec<f64>> {
    vec![
        vec![0.0, 0.0, 0.0],
        vec![0.0, 2f64.ln(), 0.0],
        vec![2f64.ln(), 3f64.ln(), 0.0],
        vec![10f64.ln(), 5f64.ln(), (0.4f64).ln()],
    ]
}
