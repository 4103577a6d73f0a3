//! Parameter recovery: data simulated from the generative process with known
//! parameters (fixed seed) must be fitted back within 4 standard errors
//! (from the observed-information Hessian), and the standard errors must be
//! small enough for the check to mean something.

mod common;

use clienteling_insights::{
    BgNbdOptions, GammaGammaOptions, GroupedObservations, GroupedSpend, bgnbd, gamma_gamma,
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

fn within(estimate: f64, truth: f64, se: f64, max_rel_se: f64, what: &str) {
    assert!(
        se > 0.0 && se < max_rel_se * truth,
        "{what}: se {se} too large for truth {truth}"
    );
    let z = (estimate - truth) / se;
    assert!(
        z.abs() < 4.0,
        "{what}: estimate {estimate}, truth {truth}, se {se}, z {z}"
    );
}

fn recover(n: usize, seed: u64, max_rel_se: f64) {
    let data = sim::observations(TRUTH, n, seed, (26.0, 78.0));
    let grouped = GroupedObservations::new(data.iter().map(|d| d.0)).expect("valid");
    let fit = bgnbd::fit(&grouped, &BgNbdOptions::default()).expect("fit");
    assert!(fit.converged);
    let (p, se) = (fit.params, fit.standard_errors.expect("standard errors"));
    println!("n={n} BG/NBD {p:?} se {se:?}");
    within(p.r, TRUTH.r, se.r, max_rel_se, "r");
    within(p.alpha, TRUTH.alpha, se.alpha, max_rel_se, "alpha");
    within(p.a, TRUTH.a, se.a, max_rel_se, "a");
    within(p.b, TRUTH.b, se.b, max_rel_se, "b");

    let spend = GroupedSpend::new(data.iter().filter_map(|d| d.1)).expect("valid");
    let gg = gamma_gamma::fit(&spend, &GammaGammaOptions::default()).expect("fit");
    assert!(gg.converged);
    let (p, se) = (gg.params, gg.standard_errors.expect("standard errors"));
    println!(
        "n={n} ({} repeat) Gamma-Gamma {p:?} se {se:?}",
        spend.customers()
    );
    within(p.p, TRUTH.p, se.p, max_rel_se, "p");
    within(p.q, TRUTH.q, se.q, max_rel_se, "q");
    within(p.v, TRUTH.v, se.v, max_rel_se, "v");
}

#[test]
fn recovers_parameters_from_10k_customers() {
    recover(10_000, 7, 0.5);
}

#[test]
fn recovers_parameters_from_50k_customers() {
    recover(50_000, 11, 0.25);
}
