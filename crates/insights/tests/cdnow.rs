//! The CDNOW sample (2357 customers, weeks) shipped with `lifetimes`: fits
//! must reproduce `lifetimes` 0.11.3 to at least 3 significant digits.

use clienteling_insights::{
    BgNbdOptions, GammaGammaOptions, GroupedObservations, GroupedSpend, Observation,
    SpendObservation, bgnbd, gamma_gamma,
};

const SUMMARY: &str = include_str!("data/cdnow_customers_summary.csv");
const WITH_SPEND: &str = include_str!("data/cdnow_customers_summary_with_transactions.csv");

/// Parses the numeric columns of a CSV with a header (first column = id).
fn rows(csv: &str) -> Vec<Vec<f64>> {
    csv.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            l.split(',')
                .skip(1)
                .map(|v| v.trim().parse::<f64>().expect("number"))
                .collect()
        })
        .collect()
}

fn observations(csv: &str) -> Vec<Observation> {
    rows(csv)
        .iter()
        .map(|r| Observation {
            frequency: r[0] as u32,
            recency: r[1],
            t: r[2],
        })
        .collect()
}

fn assert_sig(actual: f64, expected: f64, digits: i32, what: &str) {
    let tol = expected.abs() * 10f64.powi(-digits) * 0.5;
    assert!(
        (actual - expected).abs() <= tol,
        "{what}: {actual} vs {expected}"
    );
}

#[test]
fn bgnbd_matches_lifetimes_on_cdnow() {
    let obs = observations(SUMMARY);
    assert_eq!(obs.len(), 2357);
    let data = GroupedObservations::new(obs).expect("valid data");
    let fit = bgnbd::fit(&data, &BgNbdOptions::default()).expect("fit");
    println!("{fit:?}");
    assert!(fit.converged);
    // lifetimes 0.11.3: r=0.242593, alpha=4.413532, a=0.792886, b=2.425752,
    // _negative_log_likelihood_ = 0.2502717288009979 (mean).
    let p = fit.params;
    assert_sig(p.r, 0.242593, 4, "r");
    assert_sig(p.alpha, 4.413532, 4, "alpha");
    assert_sig(p.a, 0.792886, 4, "a");
    assert_sig(p.b, 2.425752, 4, "b");
    // Total log-likelihood in weeks, as published by Fader, Hardie & Lee: −9582.4.
    assert_sig(fit.log_likelihood, -9582.4, 5, "total ll");
    // lifetimes reports the mean negative log-likelihood with times rescaled
    // so that max T = 1: add back Σx·ln(1 / max T) before comparing.
    let sum_x: f64 = data
        .rows()
        .iter()
        .map(|(o, w)| f64::from(o.frequency) * *w as f64)
        .sum();
    let max_t = data.rows().iter().map(|(o, _)| o.t).fold(0.0, f64::max);
    let lifetimes_nll = -(fit.log_likelihood - sum_x * (1.0 / max_t).ln()) / 2357.0;
    assert_sig(lifetimes_nll, 0.2502717288009979, 6, "lifetimes nll");
    assert_sig(
        fit.mean_log_likelihood * 2357.0,
        fit.log_likelihood,
        12,
        "mean",
    );
    assert_eq!(fit.customers, 2357);
}

#[test]
fn bgnbd_standard_errors_match_lifetimes_roughly() {
    let data = GroupedObservations::new(observations(SUMMARY)).expect("valid data");
    let fit = bgnbd::fit(&data, &BgNbdOptions::default()).expect("fit");
    let se = fit.standard_errors.expect("positive definite");
    // lifetimes' summary: se(r)=0.012557, se(alpha)=0.378221, se(a)=0.185719, se(b)=0.705345
    assert_sig(se.r, 0.012557, 2, "se r");
    assert_sig(se.alpha, 0.378221, 2, "se alpha");
    assert_sig(se.a, 0.185719, 2, "se a");
    assert_sig(se.b, 0.705345, 2, "se b");
}

#[test]
fn gamma_gamma_matches_lifetimes_on_cdnow() {
    let spend: Vec<SpendObservation> = rows(WITH_SPEND)
        .iter()
        .filter(|r| r[0] > 0.0)
        .map(|r| SpendObservation {
            frequency: r[0] as u32,
            monetary_value: r[3],
        })
        .collect();
    assert_eq!(spend.len(), 946);
    let data = GroupedSpend::new(spend).expect("valid data");
    let fit = gamma_gamma::fit(&data, &GammaGammaOptions::default()).expect("fit");
    println!("{fit:?}");
    assert!(fit.converged);
    // lifetimes 0.11.3: p=6.248802, q=3.744588, v=15.447748, mean NLL 4.2874452891150785
    let p = fit.params;
    assert_sig(p.p, 6.248802, 4, "p");
    assert_sig(p.q, 3.744588, 4, "q");
    assert_sig(p.v, 15.447748, 4, "v");
    assert_sig(-fit.mean_log_likelihood, 4.2874452891150785, 7, "mean nll");
}
