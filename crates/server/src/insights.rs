//! Running the built-in insights engine on a company's purchases: daily
//! totals from the database, the fit and scoring on the blocking pool, and
//! the measures written back per customer.

use clienteling_domain::ids::{AssociateId, CompanyId, CustomerId};
use clienteling_domain::settings::ProviderKind;
use clienteling_domain::time_util::now_micros;
use clienteling_insights::{
    ClvOptions, FitOptions, FitReport, RuleTable, Score, SummaryOptions, TimeUnit, Transaction,
    explain, fit, rfm_for_summaries, score, summarize,
};
use clienteling_store::{InsightsRun, MeasureRow, Store, StoreError};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use utoipa::ToSchema;
use uuid::Uuid;

/// What to compute.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RunRequest {
    /// Last day of the calibration period, `YYYY-MM-DD` (default: today).
    pub calibration_end: Option<String>,
    /// Horizon of expected purchases, in weeks (default 39).
    pub horizon_weeks: Option<f64>,
    /// Months of customer lifetime value (default 12).
    pub clv_months: Option<u32>,
    /// Monthly discount rate of CLV (default 0.01).
    pub monthly_discount_rate: Option<f64>,
}

/// Validated parameters.
#[derive(Debug, Clone, Serialize)]
pub struct Params {
    /// Calibration end (day number).
    pub calibration_end: i32,
    /// Horizon in weeks.
    pub horizon_weeks: f64,
    /// CLV options.
    pub clv_months: u32,
    /// Monthly discount.
    pub monthly_discount_rate: f64,
}

impl RunRequest {
    /// Check the request; `today` is the default calibration end.
    pub fn validate(&self, today: time::Date) -> Result<Params, clienteling_domain::Invalid> {
        use clienteling_domain::error::Collector;
        let mut c = Collector::default();
        let end = match &self.calibration_end {
            Some(s) => c
                .take(
                    "/calibration_end",
                    clienteling_domain::attributes::parse_date(s),
                )
                .unwrap_or(today),
            None => today,
        };
        let horizon = self.horizon_weeks.unwrap_or(39.0);
        if !(horizon > 0.0 && horizon <= 520.0) {
            c.push("/horizon_weeks", "must be more than 0 and at most 520");
        }
        let months = self.clv_months.unwrap_or(12);
        if !(1..=120).contains(&months) {
            c.push("/clv_months", "must be between 1 and 120");
        }
        let rate = self.monthly_discount_rate.unwrap_or(0.01);
        if !(0.0..=1.0).contains(&rate) {
            c.push("/monthly_discount_rate", "must be between 0 and 1");
        }
        c.finish()?;
        Ok(Params {
            calibration_end: day_number(end),
            horizon_weeks: horizon,
            clv_months: months,
            monthly_discount_rate: rate,
        })
    }
}

/// Days since 1970-01-01.
pub fn day_number(d: time::Date) -> i32 {
    d.to_julian_day()
        - time::Date::from_calendar_date(1970, time::Month::January, 1)
            .map(|e| e.to_julian_day())
            .unwrap_or(2_440_588)
}

/// Record a run and compute it in the background; returns its id at once.
pub async fn start(
    store: Arc<dyn Store>,
    company: CompanyId,
    by: AssociateId,
    p: Params,
) -> Result<Uuid, StoreError> {
    let run = InsightsRun {
        id: Uuid::now_v7(),
        company,
        status: "running".into(),
        requested_by: Some(by),
        request: serde_json::to_value(&p).unwrap_or_default(),
        result: None,
        error: None,
        started_at: now_micros(),
        finished_at: None,
    };
    store.create_run(&run).await?;
    let id = run.id;
    let span = tracing::info_span!("insights_run", run = %id);
    tokio::spawn(tracing::Instrument::instrument(
        async move { finish(store.as_ref(), company, id, &p).await },
        span,
    ));
    Ok(id)
}

async fn finish(store: &dyn Store, company: CompanyId, id: Uuid, p: &Params) {
    let outcome = match store.settings(company).await {
        Ok(s) if s.insights.provider == ProviderKind::External => {
            crate::external::pull(store, company, &s.insights).await
        }
        Ok(_) => execute(store, company, p).await,
        Err(e) => Err(e.to_string()),
    };
    let saved = match &outcome {
        Ok(result) => store.finish_run(id, "done", Some(result), None).await,
        Err(e) => store.finish_run(id, "failed", None, Some(e)).await,
    };
    if let Err(e) = saved {
        tracing::error!(error = %e, "could not record the insights run");
    }
}

/// Fit and score now, write the measures, and return the run's result.
pub async fn execute(
    store: &dyn Store,
    company: CompanyId,
    p: &Params,
) -> Result<serde_json::Value, String> {
    let started = std::time::Instant::now();
    let totals = store
        .daily_totals(company, p.calibration_end)
        .await
        .map_err(|e| e.to_string())?;
    let rules = rules_of(store, company).await.map_err(|e| e.to_string())?;
    let params = p.clone();
    let span = tracing::Span::current();
    let (report, rows, histogram) =
        tokio::task::spawn_blocking(move || span.in_scope(|| compute(totals, &params, &rules)))
            .await
            .map_err(|e| e.to_string())??;
    let written = store.put_measures(&rows).await.map_err(|e| e.to_string())?;
    Ok(serde_json::json!({
        "fit": report,
        "measures_written": written,
        "churn_histogram": histogram,
        "duration_ms": started.elapsed().as_millis() as u64,
    }))
}

type Computed = (FitReport, Vec<MeasureRow>, Vec<u64>);

/// The pure part: summaries, fit, scores, RFM, next best action, explanations.
pub fn compute(
    totals: Vec<(CustomerId, i32, i64)>,
    p: &Params,
    rules: &RuleTable,
) -> Result<Computed, String> {
    let txs = totals
        .into_iter()
        .map(|(customer, day, amount)| Transaction {
            customer,
            day,
            amount,
        });
    let summaries = summarize(
        txs,
        SummaryOptions {
            calibration_end: p.calibration_end,
            time_unit: TimeUnit::Week,
        },
    );
    if summaries.customers.is_empty() {
        return Err("no purchases before the calibration end".into());
    }
    let report = fit(&summaries, &FitOptions::default()).map_err(|e| e.to_string())?;
    let clv = ClvOptions {
        horizon_months: p.clv_months,
        monthly_discount_rate: p.monthly_discount_rate,
        ..ClvOptions::default()
    };
    let scores = score(&summaries, &report, p.horizon_weeks, &clv);
    let rfm = rfm_for_summaries(&summaries.customers);
    let now = now_micros();
    let mut rows = Vec::with_capacity(scores.len() * 6);
    let mut histogram = vec![0u64; 10];
    for ((s, sum), r) in scores.iter().zip(&summaries.customers).zip(&rfm) {
        histogram[((s.churn_probability * 10.0) as usize).min(9)] += 1;
        let action = rules.next_best_action(&s.facts(Some(r.segment))).cloned();
        rows.extend(measure_rows(
            s,
            &explain(sum),
            r,
            action,
            p.horizon_weeks,
            now,
        ));
    }
    Ok((report, rows, histogram))
}

fn measure_rows(
    s: &Score<CustomerId>,
    why: &str,
    r: &clienteling_insights::RfmScore,
    action: Option<clienteling_insights::Action>,
    horizon: f64,
    now: i64,
) -> Vec<MeasureRow> {
    let row = |measure: &str,
               num: Option<f64>,
               text: Option<String>,
               explanation: Option<String>| MeasureRow {
        customer: s.customer,
        measure: measure.to_owned(),
        value_num: num,
        value_text: text,
        explanation,
        computed_at: now,
    };
    vec![
        row(
            "churn_probability",
            Some(s.churn_probability),
            None,
            Some(why.to_owned()),
        ),
        row("p_alive", Some(s.p_alive), None, Some(why.to_owned())),
        row(
            "expected_purchases",
            Some(s.expected_purchases),
            None,
            Some(format!("expected purchases in the next {horizon:.0} weeks")),
        ),
        row(
            "expected_value",
            s.clv,
            None,
            s.clv
                .map(|_| "expected spend over the CLV horizon, discounted".to_owned()),
        ),
        row(
            "rfm_segment",
            None,
            Some(r.segment.label().to_owned()),
            Some(format!(
                "recency {}, frequency {}, monetary {} (1-5)",
                r.recency, r.frequency, r.monetary
            )),
        ),
        row(
            "next_best_action",
            None,
            action.as_ref().map(|a| a.label.clone()),
            action.map(|a| a.code),
        ),
    ]
}

/// The company's next-best-action rules: HQ's saved table, or the default.
pub async fn rules_of(store: &dyn Store, company: CompanyId) -> Result<RuleTable, StoreError> {
    Ok(match store.rules(company).await? {
        Some(doc) => serde_json::from_value(doc).unwrap_or_default(),
        None => RuleTable::default(),
    })
}
