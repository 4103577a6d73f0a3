//! Customer-insights models for clienteling: summary statistics from
//! transactions, the BG/NBD purchase model, the Gamma-Gamma spend model,
//! customer lifetime value, RFM segments, a next-best-action rule table and
//! plain-language explanations.
//!
//! The crate is pure computation: no I/O, no clock, no database. Dates are
//! day numbers (`i32` days since 1970-01-01) and money is in minor units.
//!
//! Typical use:
//! 1. [`summarize`] transactions at a calibration end date;
//! 2. [`fit`] the models, giving a serialisable [`FitReport`];
//! 3. [`score()`] the customers (P(alive), churn, expected purchases, CLV);
//! 4. [`rfm_for_summaries`] for segments, [`RuleTable::next_best_action`]
//!    for a recommendation and [`explain()`] for a one-line explanation.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod bgnbd;
pub mod clv;
pub mod data;
pub mod error;
pub mod explain;
pub mod gamma_gamma;
mod grouping;
mod mle;
pub mod nba;
mod optim;
pub mod pipeline;
pub mod rfm;
pub mod score;
pub mod special;
pub mod summary;

pub use bgnbd::{BgNbdFit, BgNbdOptions, BgNbdParams};
pub use clv::{ClvOptions, customer_lifetime_value};
pub use data::{GroupedObservations, GroupedSpend, Observation, SpendObservation};
pub use error::{DataError, FitError};
pub use explain::{Explanation, Span, SpanUnit, explain};
pub use gamma_gamma::{GammaGammaFit, GammaGammaOptions, GammaGammaParams};
pub use nba::{Action, Bounds, Conditions, CustomerFacts, Rule, RuleTable, RuleTableError};
pub use pipeline::{
    BgNbdReport, FitDetails, FitOptions, FitReport, GammaGammaReport, fit, fit_details,
};
pub use rfm::{RfmInput, RfmScore, Segment, rfm_for_summaries, rfm_scores};
pub use score::{Score, Scorer, score, score_with_progress};
pub use summary::{
    CustomerSummary, Day, Summaries, SummaryOptions, TimeUnit, Transaction, summarize,
};
