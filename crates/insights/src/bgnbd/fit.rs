//! Maximum-likelihood fitting of the BG/NBD model on grouped observations.
//!
//! Times are first rescaled so that the largest `T` equals 1 (as
//! `lifetimes` does), the mean negative log-likelihood is minimised over
//! `ln(r, α, a, b)` with BFGS and the analytic gradient, and `α` and the
//! log-likelihood are then converted back to the caller's time unit.

use serde::{Deserialize, Serialize};

use crate::data::GroupedObservations;
use crate::error::{DataError, FitError};
use crate::mle;

use super::BgNbdParams;
use super::likelihood::Prepared;

/// Fitting options.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BgNbdOptions {
    /// L2 penalty `penalizer · (r² + α² + a² + b²)` added to the mean negative
    /// log-likelihood, with `α` in the internal rescaled time (the
    /// `penalizer_coef` of `lifetimes`). 0 (the default) is plain ML.
    pub penalizer: f64,
}

/// A fitted BG/NBD model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BgNbdFit {
    /// Maximum-likelihood parameters, in the data's time unit.
    pub params: BgNbdParams,
    /// Total log-likelihood: the sum over customers of their
    /// log-likelihoods (not divided by the number of customers), with times
    /// in the data's unit. `lifetimes` reports `−mean_log_likelihood`.
    pub log_likelihood: f64,
    /// `log_likelihood / customers`.
    pub mean_log_likelihood: f64,
    /// Number of customers (total weight).
    pub customers: u64,
    /// Number of distinct `(frequency, recency, T)` tuples.
    pub distinct: usize,
    /// Asymptotic standard errors from the observed information, when the
    /// Hessian is positive definite.
    pub standard_errors: Option<BgNbdParams>,
    /// Optimiser iterations.
    pub iterations: usize,
    /// Whether the optimiser converged: largest gradient component of the
    /// mean negative log-likelihood (in log-parameters) below 1e-9, or a
    /// predicted further decrease below floating-point noise.
    pub converged: bool,
}

/// Fits the model by maximum likelihood.
pub fn fit(data: &GroupedObservations, options: &BgNbdOptions) -> Result<BgNbdFit, FitError> {
    if data.customers() == 0 {
        return Err(DataError::Empty.into());
    }
    let max_t = data.rows().iter().map(|(o, _)| o.t).fold(0.0, f64::max);
    if max_t.is_nan() || max_t <= 0.0 {
        return Err(FitError::InsufficientData("every customer has T = 0"));
    }
    if data.rows().iter().all(|(o, _)| o.frequency == 0) {
        return Err(FitError::InsufficientData(
            "no customer made a repeat purchase",
        ));
    }
    let scale = 1.0 / max_t;
    let prepared = Prepared::new(data, scale);
    let penalizer = options.penalizer;
    let objective = |phi: &[f64], g: &mut [f64]| mean_nll(&prepared, phi, penalizer, g);
    let outcome =
        mle::minimise(objective, &starting_points(&prepared)).ok_or(FitError::NoFiniteOptimum)?;
    let scaled = params_of(&outcome.log_params);
    let params = scaled.rescale_time(1.0 / scale);
    if !params.is_valid() {
        return Err(FitError::NoFiniteOptimum);
    }
    let mut g = [0.0; 4];
    let ll_scaled = prepared.evaluate(&scaled, &mut g);
    let log_likelihood = ll_scaled + prepared.total_frequency * scale.ln();
    let standard_errors = mle::standard_errors(
        |phi, g| {
            mean_nll(&prepared, phi, 0.0, g);
            g.iter_mut().for_each(|v| *v *= prepared.total_weight);
        },
        &outcome.log_params,
    )
    .map(|se| BgNbdParams {
        r: se[0],
        alpha: se[1] / scale,
        a: se[2],
        b: se[3],
    });
    Ok(BgNbdFit {
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

fn params_of(phi: &[f64]) -> BgNbdParams {
    BgNbdParams {
        r: phi[0].exp(),
        alpha: phi[1].exp(),
        a: phi[2].exp(),
        b: phi[3].exp(),
    }
}

/// Mean negative log-likelihood (plus penalty) at log-parameters `phi`, with
/// its gradient with respect to `phi`.
fn mean_nll(prepared: &Prepared, phi: &[f64], penalizer: f64, grad: &mut [f64]) -> f64 {
    let p = params_of(phi);
    if !p.is_valid() {
        return f64::NAN;
    }
    let mut g = [0.0; 4];
    let ll = prepared.evaluate(&p, &mut g);
    let w = prepared.total_weight;
    let theta = [p.r, p.alpha, p.a, p.b];
    let g_mean = g.map(|v| -v / w);
    mle::to_log_space(&theta, &g_mean, penalizer, grad);
    -ll / w + mle::penalty(&theta, penalizer)
}

/// `lifetimes`' start (all parameters 1 in rescaled time), then a start
/// whose mean purchase rate `r/α` matches the data, then a few spread-out
/// points for difficult data.
fn starting_points(prepared: &Prepared) -> Vec<Vec<f64>> {
    let rate = prepared.total_frequency.max(1.0) / prepared.total_weight;
    vec![
        vec![0.0; 4],
        vec![0.0, (1.0 / rate).ln(), 0.0, 3f64.ln()],
        vec![(0.3f64).ln(), (0.3 / rate).ln(), (0.5f64).ln(), 2f64.ln()],
        vec![2f64.ln(), (2.0 / rate).ln(), 3f64.ln(), 10f64.ln()],
    ]
}
