//! Times the insights pipeline on 1,000,000 simulated customers:
//! summary statistics from day-level transactions, grouping + BG/NBD fit,
//! Gamma-Gamma fit, and scoring (P(alive), 52-week expected purchases,
//! 12-month CLV).
//!
//! ```text
//! cargo run --release -p clienteling-insights --example fit_speed [-- CUSTOMERS [CSV_PATH]]
//! ```
//!
//! With `CSV_PATH`, the calibration summary is also written there (columns
//! `frequency,recency,T,monetary_value`, weeks) for comparison with
//! `lifetimes` (`bench/compare_lifetimes.py`). With `FIT_SPEED_REPEAT=N`
//! the summary and fit phases run N times and the fastest time of each
//! phase is printed (the machine is shared and noisy).

#[path = "../tests/common/sim.rs"]
mod sim;

use std::io::Write;
use std::time::{Duration, Instant};

use clienteling_insights::{
    BgNbdFit, BgNbdOptions, ClvOptions, FitDetails, FitOptions, GammaGammaFit, GammaGammaOptions,
    GroupedObservations, GroupedSpend, Summaries, SummaryOptions, TimeUnit, Transaction, bgnbd,
    fit_details, gamma_gamma, score_with_progress, summarize,
};
use sim::Truth;

/// CDNOW-like purchase process (weeks); spend in major units (×100 → minor).
const TRUTH: Truth = Truth {
    r: 0.243,
    alpha: 4.414,
    a: 0.793,
    b: 2.426,
    p: 6.25,
    q: 3.74,
    v: 15.44,
};
const CALIBRATION_END: i32 = 20_000;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let n: u64 = args
        .get(1)
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(1_000_000);
    let csv = args.get(2);

    let start = Instant::now();
    let transactions = sim::transactions(TRUTH, n, 42, CALIBRATION_END, 364, 0);
    println!(
        "generated {} transactions for {n} customers in {:.2?}",
        transactions.len(),
        start.elapsed()
    );

    let repeat: usize = std::env::var("FIT_SPEED_REPEAT")
        .ok()
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(1)
        .max(1);
    let mut best = Phases::default();
    let mut last = None;
    for _ in 0..repeat {
        let run = time_fit(transactions.clone())?;
        best = best.min(&run.0);
        last = Some(run);
    }
    let Some((_, summaries, grouped, spend, bg_only, gg_only, details)) = last else {
        return Err("no run".into());
    };
    let Phases {
        summary: t_summary,
        group: t_group,
        bg: t_bg,
        spend_group: t_spend_group,
        gg: t_gg,
        fit: t_fit,
    } = best;
    if repeat > 1 {
        println!("(fastest of {repeat} runs per phase)");
    }
    println!(
        "BG/NBD fit alone {t_bg:.2?} ({} iterations); spend grouping {t_spend_group:.2?} ({} distinct); Gamma-Gamma fit alone {t_gg:.2?} ({} iterations)",
        bg_only.iterations,
        spend.distinct(),
        gg_only.iterations
    );
    let report = details.report();

    let start = Instant::now();
    let scores = score_with_progress(
        &summaries,
        &report,
        52.0,
        &ClvOptions::default(),
        &|_, _| {},
    );
    let t_score = start.elapsed();

    let bg = &details.bgnbd;
    println!("customers:            {}", bg.customers);
    println!("distinct (f, rec, T): {}", grouped.distinct());
    println!("summary statistics:   {t_summary:.2?}");
    println!("grouping alone:       {t_group:.2?}");
    println!("fit (group + BG/NBD + Gamma-Gamma): {t_fit:.2?}");
    println!("summary + fit:        {:.2?}", t_summary + t_fit);
    println!(
        "scoring (52-week horizon, 12-month CLV): {t_score:.2?} for {} customers",
        scores.len()
    );
    println!(
        "BG/NBD  r={:.6} alpha={:.6} a={:.6} b={:.6} ll={:.1} iterations={} converged={} (truth r={} alpha={} a={} b={})",
        bg.params.r,
        bg.params.alpha,
        bg.params.a,
        bg.params.b,
        bg.log_likelihood,
        bg.iterations,
        bg.converged,
        TRUTH.r,
        TRUTH.alpha,
        TRUTH.a,
        TRUTH.b
    );
    if let Some(se) = bg.standard_errors {
        println!(
            "        se r={:.4} alpha={:.4} a={:.4} b={:.4}",
            se.r, se.alpha, se.a, se.b
        );
    }
    match &details.gamma_gamma {
        Some(gg) => println!(
            "Gamma-Gamma p={:.6} q={:.6} v={:.4} on {} repeat customers (truth p={} q={} v={} ×100)",
            gg.params.p, gg.params.q, gg.params.v, gg.customers, TRUTH.p, TRUTH.q, TRUTH.v
        ),
        None => println!("Gamma-Gamma: not fitted"),
    }
    if let Some(path) = csv {
        let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
        writeln!(out, "frequency,recency,T,monetary_value")?;
        for c in &summaries.customers {
            writeln!(
                out,
                "{},{},{},{}",
                c.frequency, c.recency, c.t, c.monetary_value
            )?;
        }
        println!("summary written to {path}");
    }
    Ok(())
}

/// Wall times of the fit phases.
#[derive(Debug, Clone, Copy)]
struct Phases {
    summary: Duration,
    group: Duration,
    bg: Duration,
    spend_group: Duration,
    gg: Duration,
    fit: Duration,
}

impl Default for Phases {
    fn default() -> Self {
        let max = Duration::MAX;
        Self {
            summary: max,
            group: max,
            bg: max,
            spend_group: max,
            gg: max,
            fit: max,
        }
    }
}

impl Phases {
    /// Phase-wise minimum.
    fn min(&self, other: &Self) -> Self {
        Self {
            summary: self.summary.min(other.summary),
            group: self.group.min(other.group),
            bg: self.bg.min(other.bg),
            spend_group: self.spend_group.min(other.spend_group),
            gg: self.gg.min(other.gg),
            fit: self.fit.min(other.fit),
        }
    }
}

type Run = (
    Phases,
    Summaries<u64>,
    GroupedObservations,
    GroupedSpend,
    BgNbdFit,
    GammaGammaFit,
    FitDetails,
);

/// Summary statistics, the separate groupings and fits, then the pipeline's
/// `fit_details` (grouping + both fits), each timed.
fn time_fit(transactions: Vec<Transaction<u64>>) -> Result<Run, Box<dyn std::error::Error>> {
    let start = Instant::now();
    let summaries = summarize(
        transactions,
        SummaryOptions {
            calibration_end: CALIBRATION_END,
            time_unit: TimeUnit::Week,
        },
    );
    let summary = start.elapsed();
    let start = Instant::now();
    let grouped = GroupedObservations::from_summaries(&summaries)?;
    let group = start.elapsed();
    let start = Instant::now();
    let bg_only = bgnbd::fit(&grouped, &BgNbdOptions::default())?;
    let bg = start.elapsed();
    let start = Instant::now();
    let spend = GroupedSpend::from_summaries(&summaries)?;
    let spend_group = start.elapsed();
    let start = Instant::now();
    let gg_only = gamma_gamma::fit(&spend, &GammaGammaOptions::default())?;
    let gg = start.elapsed();
    let start = Instant::now();
    let details = fit_details(&summaries, &FitOptions::default())?;
    let fit = start.elapsed();
    let phases = Phases {
        summary,
        group,
        bg,
        spend_group,
        gg,
        fit,
    };
    Ok((phases, summaries, grouped, spend, bg_only, gg_only, details))
}
