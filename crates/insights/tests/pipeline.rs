//! End-to-end: transactions → summaries → fit → scores, the report's JSON
//! shape, progress reporting, unit conversion, and CLV against `lifetimes`.

mod common;

use std::cell::Cell;

use clienteling_insights::{
    BgNbdParams, BgNbdReport, ClvOptions, CustomerSummary, Explanation, FitOptions, FitReport,
    GammaGammaParams, GammaGammaReport, Observation, Scorer, SummaryOptions, TimeUnit, explain,
    fit, rfm_for_summaries, score, score_with_progress, summarize,
};
use common::sim::{self, Truth};

const TRUTH: Truth = Truth {
    r: 0.5,
    alpha: 8.0,
    a: 0.8,
    b: 2.5,
    p: 6.0,
    q: 4.0,
    v: 15.0,
};
const END: i32 = 20_000;

fn summaries(unit: TimeUnit, n: u64) -> clienteling_insights::Summaries<u64> {
    let txs = sim::transactions(TRUTH, n, 3, END, 364, 0);
    summarize(
        txs,
        SummaryOptions {
            calibration_end: END,
            time_unit: unit,
        },
    )
}

#[test]
fn fit_report_json_shape() {
    let s = summaries(TimeUnit::Week, 3000);
    let report = fit(&s, &FitOptions::default()).expect("fit");
    assert_eq!(report.customers, 3000);
    assert!(report.gamma_gamma.is_some());
    let json: serde_json::Value = serde_json::to_value(report).expect("serialise");
    let keys = |v: &serde_json::Value| {
        let mut k: Vec<String> = v.as_object().expect("object").keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(
        keys(&json),
        ["bgnbd", "customers", "gamma_gamma", "time_unit"]
    );
    assert_eq!(
        keys(&json["bgnbd"]),
        ["a", "alpha", "b", "log_likelihood", "r"]
    );
    assert_eq!(keys(&json["gamma_gamma"]), ["p", "q", "v"]);
    assert_eq!(json["time_unit"], "week");
    // Parameters are near the truth (day rounding biases them slightly).
    let b = report.bgnbd;
    assert!(
        (b.r / TRUTH.r - 1.0).abs() < 0.3 && (b.alpha / TRUTH.alpha - 1.0).abs() < 0.3,
        "{b:?}"
    );
    // A report without time_unit (the minimal shape) still parses, as weeks.
    let minimal = r#"{"customers": 1, "bgnbd": {"r": 1, "alpha": 2, "a": 3, "b": 4, "log_likelihood": -5},
                      "gamma_gamma": null}"#;
    let parsed: FitReport = serde_json::from_str(minimal).expect("parse");
    assert_eq!(parsed.time_unit, TimeUnit::Week);
    assert!(parsed.gamma_gamma.is_none());
}

#[test]
fn both_fits_on_two_threads_equal_the_fits_one_after_the_other() {
    use clienteling_insights::data::{GroupedObservations, GroupedSpend};
    use clienteling_insights::{bgnbd, fit_details, gamma_gamma};
    let s = summaries(TimeUnit::Week, 3000);
    let options = FitOptions::default();
    let together = fit_details(&s, &options).expect("fit");
    let observations = GroupedObservations::from_summaries(&s).expect("group");
    let bg = bgnbd::fit(&observations, &options.bgnbd).expect("bg/nbd");
    let spend = GroupedSpend::from_summaries(&s).expect("spend");
    let gg = gamma_gamma::fit(&spend, &options.gamma_gamma).expect("gamma-gamma");
    assert_eq!(together.bgnbd.params, bg.params, "bit for bit");
    assert_eq!(together.bgnbd.log_likelihood, bg.log_likelihood);
    let together_gg = together.gamma_gamma.expect("a spend model");
    assert_eq!(together_gg.params, gg.params, "bit for bit");
    let err = fit_details(&summaries(TimeUnit::Week, 0), &options);
    assert!(
        err.is_err(),
        "no customers is still an error, from BG/NBD first"
    );
}

#[test]
fn too_few_repeat_customers_give_no_spend_model() {
    let s = summaries(TimeUnit::Week, 300);
    let options = FitOptions {
        min_repeat_customers: 10_000,
        ..FitOptions::default()
    };
    let report = fit(&s, &options).expect("fit");
    assert!(report.gamma_gamma.is_none());
    let scores = score(&s, &report, 52.0, &ClvOptions::default());
    assert!(
        scores
            .iter()
            .all(|x| x.clv.is_none() && x.expected_average_spend.is_none())
    );
    assert!(scores.iter().all(|x| x.expected_purchases > 0.0));
}

#[test]
fn scores_progress_and_single_scorer_agree() {
    let s = summaries(TimeUnit::Week, 2000);
    let report = fit(&s, &FitOptions::default()).expect("fit");
    let calls = Cell::new(0u64);
    let last = Cell::new((0u64, 0u64));
    let progress = |done: u64, total: u64| {
        assert!(done <= total);
        assert!(done >= last.get().0);
        calls.set(calls.get() + 1);
        last.set((done, total));
    };
    let clv = ClvOptions::default();
    let scores = score_with_progress(&s, &report, 52.0, &clv, &progress);
    assert_eq!(last.get(), (2000, 2000));
    assert!(calls.get() >= 2 && calls.get() <= 202);
    assert_eq!(scores.len(), s.customers.len());
    let scorer = Scorer::new(&report, TimeUnit::Week, 52.0, clv);
    for (summary, batch) in s.customers.iter().zip(&scores).step_by(97) {
        assert_eq!(&scorer.score(summary), batch);
        assert_eq!(batch.customer, summary.customer);
        assert!((0.0..=1.0).contains(&batch.p_alive));
        assert!((batch.p_alive + batch.churn_probability - 1.0).abs() < 1e-15);
        assert!(batch.clv.expect("clv") >= 0.0);
    }
    let json = serde_json::to_value(&scores[0]).expect("serialise");
    assert!(json.get("T").is_some() && json.get("clv").is_some());
}

#[test]
fn scoring_converts_units() {
    let weeks = summaries(TimeUnit::Week, 1500);
    let days = summaries(TimeUnit::Day, 1500);
    let report = fit(&weeks, &FitOptions::default()).expect("fit");
    let clv = ClvOptions::default();
    let by_week = score(&weeks, &report, 4.0, &clv);
    let by_day = score(&days, &report, 28.0, &clv);
    for (w, d) in by_week.iter().zip(&by_day).step_by(50) {
        assert!((w.p_alive - d.p_alive).abs() < 1e-12);
        assert!((w.expected_purchases - d.expected_purchases).abs() < 1e-9);
        let (cw, cd) = (w.clv.expect("clv"), d.clv.expect("clv"));
        assert!((cw - cd).abs() <= 1e-9 * cw.abs().max(1.0), "{cw} vs {cd}");
    }
    // Fitting in days gives the same model: alpha scales by 7.
    let report_days = fit(&days, &FitOptions::default()).expect("fit");
    let rel = report_days.bgnbd.alpha / (7.0 * report.bgnbd.alpha) - 1.0;
    assert!(rel.abs() < 1e-6, "{rel}");
}

/// CLV against `lifetimes.GammaGammaFitter.customer_lifetime_value` with
/// fixed parameters, `time=12`, `discount_rate=0.01`, `freq="W"` (4.345
/// weeks per month); see `bench/goldens.py`.
#[test]
fn clv_matches_lifetimes() {
    let report = FitReport {
        customers: 0,
        time_unit: TimeUnit::Week,
        bgnbd: BgNbdReport {
            r: 0.243,
            alpha: 4.414,
            a: 0.793,
            b: 2.426,
            log_likelihood: 0.0,
        },
        gamma_gamma: Some(GammaGammaReport {
            p: 6.25,
            q: 3.74,
            v: 15.44,
        }),
    };
    let golden = [
        (0, 0.0, 38.86, 0.0, 8.369004358920185, 35.21897810218978),
        (
            2,
            30.43,
            38.86,
            22.35,
            36.28921112559952,
            24.663713910761157,
        ),
        (1, 1.71, 38.86, 11.77, 4.637294659747194, 18.91685205784205),
        (5, 20.5, 30.0, 40.0, 128.499472615904, 39.61459252721389),
        (30, 35.0, 39.0, 15.5, 266.6859989544711, 15.784009671993271),
    ];
    let clv = ClvOptions {
        periods_per_month: Some(4.345),
        ..ClvOptions::default()
    };
    let scorer = Scorer::new(&report, TimeUnit::Week, 52.0, clv);
    for (x, tx, t, m, expected_clv, expected_spend) in golden {
        let summary = CustomerSummary {
            customer: x,
            frequency: x,
            recency_days: 0,
            age_days: 0,
            recency: tx,
            t,
            monetary_value: m,
            total_spend: 0,
        };
        let s = scorer.score(&summary);
        let spend = s.expected_average_spend.expect("spend");
        assert!(
            (spend / expected_spend - 1.0).abs() < 1e-12,
            "{spend} vs {expected_spend}"
        );
        let value = s.clv.expect("clv");
        assert!(
            (value / expected_clv - 1.0).abs() < 1e-9,
            "x={x}: {value} vs {expected_clv}"
        );
        let direct = clienteling_insights::customer_lifetime_value(
            &BgNbdParams {
                r: 0.243,
                alpha: 4.414,
                a: 0.793,
                b: 2.426,
            },
            &GammaGammaParams {
                p: 6.25,
                q: 3.74,
                v: 15.44,
            },
            &Observation {
                frequency: x,
                recency: tx,
                t,
            },
            m,
            &clv,
            TimeUnit::Week,
        );
        assert_eq!(direct, Some(value));
    }
}

#[test]
fn segments_and_explanations_for_every_customer() {
    let s = summaries(TimeUnit::Week, 500);
    let rfm = rfm_for_summaries(&s.customers);
    assert_eq!(rfm.len(), s.customers.len());
    for (c, r) in s.customers.iter().zip(&rfm) {
        let line = explain(c);
        assert!(!line.is_empty());
        match Explanation::of(c) {
            Explanation::BoughtOnce { .. } => assert_eq!(c.frequency, 0),
            _ => assert!(c.frequency > 0),
        }
        assert!((1..=5).contains(&r.recency) && (1..=5).contains(&r.frequency));
    }
}

#[test]
fn degenerate_inputs_are_errors() {
    use clienteling_insights::{DataError, FitError, Summaries, Transaction};
    let empty: Summaries<u64> = summarize(
        Vec::<Transaction<u64>>::new(),
        SummaryOptions {
            calibration_end: END,
            time_unit: TimeUnit::Week,
        },
    );
    assert_eq!(
        fit(&empty, &FitOptions::default()),
        Err(FitError::Data(DataError::Empty))
    );
    let one_timers = summarize(
        (0..50u64).map(|c| Transaction {
            customer: c,
            day: END - c as i32,
            amount: 100,
        }),
        SummaryOptions {
            calibration_end: END,
            time_unit: TimeUnit::Week,
        },
    );
    assert!(matches!(
        fit(&one_timers, &FitOptions::default()),
        Err(FitError::InsufficientData(_))
    ));
}

#[test]
fn penalizer_shrinks_parameters() {
    let s = summaries(TimeUnit::Week, 1000);
    let plain = fit(&s, &FitOptions::default()).expect("fit");
    let mut options = FitOptions::default();
    options.bgnbd.penalizer = 0.1;
    let penalised = fit(&s, &options).expect("fit");
    let norm = |b: &BgNbdReport| b.r.powi(2) + b.a.powi(2) + b.b.powi(2);
    assert!(norm(&penalised.bgnbd) < norm(&plain.bgnbd));
    assert!(penalised.bgnbd.log_likelihood < plain.bgnbd.log_likelihood);
}
