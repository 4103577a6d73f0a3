//! `clienteling insights fit|score`: summarise a transactions CSV at a
//! calibration end date, fit the BG/NBD and Gamma-Gamma models, and print the
//! parameters (`fit`, JSON) or one row of scores per customer (`score`, CSV or
//! JSON).
//!
//! Money: input amounts are in major units and become minor units (×100) for
//! the models (see the `parse` module); the score output gives monetary value,
//! expected average spend and CLV back in major units. The fit report keeps
//! the crate's units (Gamma-Gamma `v` in minor units).
//!
//! Progress bars go to stderr and are hidden when stderr is not a terminal.

mod input;
mod intern;
mod parse;

use std::io::Write;
use std::time::Instant;

use anyhow::{Context, Result, anyhow, bail};
use clienteling_insights::{
    ClvOptions, FitOptions, FitReport, Score, Summaries, SummaryOptions, TimeUnit, fit,
    score_with_progress, summarize,
};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;

use crate::cli::{InsightsCommand, InsightsInput, InsightsTimeUnit, ScoreFormat};

/// Fewer customers than this (with a purchase up to the calibration end)
/// and the models are not fitted.
const MIN_CUSTOMERS: usize = 10;

/// Runs one `insights` subcommand.
pub fn run(command: InsightsCommand) -> Result<()> {
    match command {
        InsightsCommand::Fit { input, format: _ } => {
            let data = load(&input)?;
            let report = fit_models(&data.summaries)?;
            write_stdout(|out| {
                serde_json::to_writer_pretty(&mut *out, &report)?;
                writeln!(out)?;
                Ok(())
            })
        }
        InsightsCommand::Score {
            input,
            horizon,
            clv_months,
            discount_rate,
            format,
        } => {
            let clv = clv_options(horizon, clv_months, discount_rate)?;
            let data = load(&input)?;
            let report = fit_models(&data.summaries)?;
            let scores = score_all(&data.summaries, &report, horizon, &clv);
            write_stdout(|out| write_scores(out, &data.names, &scores, format))
        }
    }
}

/// Customers read from the input and their summaries (keys index `names`).
struct Dataset {
    names: Vec<String>,
    summaries: Summaries<u32>,
}

/// Reads and summarises the input.
fn load(args: &InsightsInput) -> Result<Dataset> {
    let calibration_end =
        parse::parse_day(&args.calibration_end).map_err(|e| anyhow!("--calibration-end: {e}"))?;
    let options = SummaryOptions {
        calibration_end,
        time_unit: time_unit(args.time_unit),
    };
    let bar = progress(
        None,
        "{spinner} reading transactions: {human_pos} rows ({per_sec:0})",
    );
    let start = Instant::now();
    let read = input::read(&args.transactions, calibration_end, &bar);
    bar.finish_and_clear();
    let read = read?;
    let read_ms = start.elapsed().as_millis();
    let summaries = summarize(read.transactions, options);
    let customers = summaries.customers.len();
    let summary_ms = start.elapsed().as_millis() - read_ms;
    tracing::debug!(
        rows = read.rows,
        customers,
        read_ms,
        summary_ms,
        "transactions read"
    );
    if customers < MIN_CUSTOMERS {
        bail!(
            "{}: {customers} customer(s) with a purchase on or before the calibration end {} ({} rows read); at least {MIN_CUSTOMERS} are needed to fit the models",
            source_name(&args.transactions),
            args.calibration_end,
            read.rows
        );
    }
    Ok(Dataset {
        names: read.names,
        summaries,
    })
}

/// The input's name in messages.
fn source_name(path: &str) -> &str {
    if path == "-" { "stdin" } else { path }
}

fn time_unit(unit: InsightsTimeUnit) -> TimeUnit {
    match unit {
        InsightsTimeUnit::Week => TimeUnit::Week,
        InsightsTimeUnit::Day => TimeUnit::Day,
    }
}

/// Validates the scoring options.
fn clv_options(horizon: f64, months: u32, discount_rate: f64) -> Result<ClvOptions> {
    if !(horizon.is_finite() && horizon >= 0.0) {
        bail!("--horizon must be a finite number ≥ 0, got {horizon}");
    }
    if !(discount_rate.is_finite() && discount_rate > -1.0) {
        bail!("--discount-rate must be a finite number > -1, got {discount_rate}");
    }
    Ok(ClvOptions {
        horizon_months: months,
        monthly_discount_rate: discount_rate,
        periods_per_month: None,
    })
}

/// Fits both models with the default options.
fn fit_models(summaries: &Summaries<u32>) -> Result<FitReport> {
    let start = Instant::now();
    let bar = progress(None, "{spinner} fitting BG/NBD and Gamma-Gamma ({elapsed})");
    let report = fit(summaries, &FitOptions::default());
    bar.finish_and_clear();
    let report = report.with_context(|| {
        format!(
            "fitting the models on {} customers",
            summaries.customers.len()
        )
    })?;
    let fit_ms = start.elapsed().as_millis();
    tracing::debug!(fit_ms, "models fitted");
    Ok(report)
}

/// Scores every customer, showing a progress bar.
fn score_all(
    summaries: &Summaries<u32>,
    report: &FitReport,
    horizon: f64,
    clv: &ClvOptions,
) -> Vec<Score<u32>> {
    let total = summaries.customers.len() as u64;
    let bar = progress(
        Some(total),
        "{spinner} scoring [{wide_bar}] {human_pos}/{human_len} ({per_sec:0}, eta {eta})",
    );
    let scores = score_with_progress(summaries, report, horizon, clv, &|done, _| {
        bar.set_position(done)
    });
    bar.finish_and_clear();
    scores
}

/// A progress bar on stderr (hidden when stderr is not a terminal).
fn progress(len: Option<u64>, template: &str) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(len, ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(100));
    bar
}

/// One output row of `insights score`; money in major units.
#[derive(Debug, Serialize)]
struct ScoreRow<'a> {
    customer_id: &'a str,
    frequency: u32,
    recency: f64,
    #[serde(rename = "T")]
    t: f64,
    p_alive: f64,
    churn_probability: f64,
    expected_purchases: f64,
    monetary_value: f64,
    expected_average_spend: Option<f64>,
    clv: Option<f64>,
}

impl<'a> ScoreRow<'a> {
    fn new(names: &'a [String], s: &Score<u32>) -> Self {
        let major = |minor: f64| minor / 100.0;
        Self {
            customer_id: names.get(s.customer as usize).map_or("", String::as_str),
            frequency: s.frequency,
            recency: s.recency,
            t: s.t,
            p_alive: s.p_alive,
            churn_probability: s.churn_probability,
            expected_purchases: s.expected_purchases,
            monetary_value: major(s.monetary_value),
            expected_average_spend: s.expected_average_spend.map(major),
            clv: s.clv.map(major),
        }
    }
}

/// Writes the scores as CSV (header + rows, empty cells for `None`) or as a
/// JSON array.
fn write_scores(
    out: &mut dyn Write,
    names: &[String],
    scores: &[Score<u32>],
    format: ScoreFormat,
) -> Result<()> {
    match format {
        ScoreFormat::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            for s in scores {
                writer.serialize(ScoreRow::new(names, s))?;
            }
            writer.flush()?;
        }
        ScoreFormat::Json => {
            out.write_all(b"[")?;
            for (i, s) in scores.iter().enumerate() {
                out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
                serde_json::to_writer(&mut *out, &ScoreRow::new(names, s))?;
            }
            out.write_all(b"\n]\n")?;
        }
    }
    Ok(())
}

/// Runs `write` on buffered stdout and flushes; a closed pipe (e.g. `| head`)
/// is not an error.
fn write_stdout(write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let result = write(&mut out).and_then(|()| out.flush().map_err(anyhow::Error::from));
    match result {
        Err(e) if is_broken_pipe(&e) => Ok(()),
        other => other.context("writing the output"),
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    e.chain().any(|cause| {
        let io = cause.downcast_ref::<std::io::Error>().map(|e| e.kind());
        let json = cause
            .downcast_ref::<serde_json::Error>()
            .and_then(serde_json::Error::io_error_kind);
        let csv = cause
            .downcast_ref::<csv::Error>()
            .and_then(|e| match e.kind() {
                csv::ErrorKind::Io(io) => Some(io.kind()),
                _ => None,
            });
        [io, json, csv].contains(&Some(BrokenPipe))
    })
}
