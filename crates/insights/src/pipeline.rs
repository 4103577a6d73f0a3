//! Convenience entry point for the CLI and server: fit both models on
//! customer summaries and report the parameters in a stable JSON shape:
//!
//! ```json
//! {"customers": 2357, "time_unit": "week",
//!  "bgnbd": {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426, "log_likelihood": -9582.4},
//!  "gamma_gamma": {"p": 6.25, "q": 3.74, "v": 15.44}}
//! ```

use serde::{Deserialize, Serialize};

use crate::bgnbd::{self, BgNbdFit, BgNbdOptions, BgNbdParams};
use crate::data::{GroupedObservations, GroupedSpend};
use crate::error::FitError;
use crate::gamma_gamma::{self, GammaGammaFit, GammaGammaOptions, GammaGammaParams};
use crate::summary::{Summaries, TimeUnit};

/// Options of [`fit`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FitOptions {
    /// BG/NBD options.
    pub bgnbd: BgNbdOptions,
    /// Gamma-Gamma options.
    pub gamma_gamma: GammaGammaOptions,
    /// Fewer repeat customers (with a positive monetary value) than this and
    /// the spend model is not fitted (default 10).
    pub min_repeat_customers: u64,
}

impl Default for FitOptions {
    fn default() -> Self {
        Self {
            bgnbd: BgNbdOptions::default(),
            gamma_gamma: GammaGammaOptions::default(),
            min_repeat_customers: 10,
        }
    }
}

/// BG/NBD part of a [`FitReport`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BgNbdReport {
    /// Gamma shape of purchase rates.
    pub r: f64,
    /// Gamma rate of purchase rates (in `time_unit`).
    pub alpha: f64,
    /// Beta shape of dropout probabilities.
    pub a: f64,
    /// Beta shape of dropout probabilities.
    pub b: f64,
    /// Total log-likelihood (sum over customers, times in `time_unit`).
    pub log_likelihood: f64,
}

impl BgNbdReport {
    /// The model parameters.
    pub fn params(&self) -> BgNbdParams {
        BgNbdParams {
            r: self.r,
            alpha: self.alpha,
            a: self.a,
            b: self.b,
        }
    }
}

/// Gamma-Gamma part of a [`FitReport`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GammaGammaReport {
    /// Shape of transaction values.
    pub p: f64,
    /// Shape of the per-customer rate.
    pub q: f64,
    /// Rate of the per-customer rate (minor units).
    pub v: f64,
}

impl GammaGammaReport {
    /// The model parameters.
    pub fn params(&self) -> GammaGammaParams {
        GammaGammaParams {
            p: self.p,
            q: self.q,
            v: self.v,
        }
    }
}

/// Fitted parameters, serialisable for storage and display.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FitReport {
    /// Number of customers fitted.
    pub customers: u64,
    /// Time unit of the BG/NBD parameters (`"week"` when absent).
    #[serde(default)]
    pub time_unit: TimeUnit,
    /// Purchase model.
    pub bgnbd: BgNbdReport,
    /// Spend model; `null` when there were too few repeat customers, the fit
    /// failed, or the fitted `q ≤ 1` (no finite mean spend).
    pub gamma_gamma: Option<GammaGammaReport>,
}

/// Everything the fits produced (standard errors, convergence, …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FitDetails {
    /// Time unit of the BG/NBD parameters.
    pub time_unit: TimeUnit,
    /// BG/NBD fit.
    pub bgnbd: BgNbdFit,
    /// Gamma-Gamma fit, if attempted and successful.
    pub gamma_gamma: Option<GammaGammaFit>,
}

impl FitDetails {
    /// The compact report.
    pub fn report(&self) -> FitReport {
        let p = self.bgnbd.params;
        FitReport {
            customers: self.bgnbd.customers,
            time_unit: self.time_unit,
            bgnbd: BgNbdReport {
                r: p.r,
                alpha: p.alpha,
                a: p.a,
                b: p.b,
                log_likelihood: self.bgnbd.log_likelihood,
            },
            gamma_gamma: self
                .gamma_gamma
                .as_ref()
                .map(|g| g.params)
                .filter(|g| g.q > 1.0)
                .map(|g| GammaGammaReport {
                    p: g.p,
                    q: g.q,
                    v: g.v,
                }),
        }
    }
}

/// Fits BG/NBD on all customers and Gamma-Gamma on repeat customers with a
/// positive monetary value.
pub fn fit<K: Sync>(summaries: &Summaries<K>, options: &FitOptions) -> Result<FitReport, FitError> {
    fit_details(summaries, options).map(|d| d.report())
}

/// Like [`fit`], keeping the full fit results. The Gamma-Gamma model
/// (spend grouping and fit) runs on a second thread while BG/NBD is fitted:
/// the two are independent, so the results are those of running them one
/// after the other (tested).
pub fn fit_details<K: Sync>(
    summaries: &Summaries<K>,
    options: &FitOptions,
) -> Result<FitDetails, FitError> {
    let (bgnbd, gamma_gamma) = std::thread::scope(|scope| {
        let spend = scope.spawn(|| fit_spend(summaries, options));
        let bgnbd = GroupedObservations::from_summaries(summaries)
            .map_err(FitError::from)
            .and_then(|observations| bgnbd::fit(&observations, &options.bgnbd));
        // A panic on the spend thread is a bug; carry it to the caller.
        let gamma_gamma = spend
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (bgnbd, gamma_gamma)
    });
    let bgnbd = bgnbd?;
    let gamma_gamma = gamma_gamma?;
    Ok(FitDetails {
        time_unit: summaries.time_unit,
        bgnbd,
        gamma_gamma,
    })
}

/// Gamma-Gamma on the repeat customers with a positive spend, if there are
/// enough of them (a failed fit leaves it out, as before).
fn fit_spend<K>(
    summaries: &Summaries<K>,
    options: &FitOptions,
) -> Result<Option<GammaGammaFit>, FitError> {
    let spend = GroupedSpend::from_summaries(summaries)?;
    Ok(
        if spend.customers() >= options.min_repeat_customers.max(1) {
            gamma_gamma::fit(&spend, &options.gamma_gamma).ok()
        } else {
            None
        },
    )
}
