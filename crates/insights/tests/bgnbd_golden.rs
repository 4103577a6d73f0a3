//! BG/NBD log-likelihood, P(alive) and expected purchases against golden
//! values from an independent mpmath implementation of the paper's formulas
//! (`bench/goldens.py`, 50 digits), for a CDNOW-like parameter set (a < 1)
//! and one with a > 1.

// Golden values are printed by mpmath with 20 digits, beyond f64 precision.
#![allow(clippy::excessive_precision, clippy::approx_constant)]

use clienteling_insights::{BgNbdParams, Observation};

/// (x, tₓ, T, log-likelihood, P(alive), E[X(10)], E[X(52)], E[X(520)])
type Row = (u32, f64, f64, f64, f64, f64, f64, f64);

#[rustfmt::skip]
const CDNOW_LIKE: &[Row] = &[
    (0, 0.0, 38.86, -0.55471327643815844845, 1.0, 0.054299848380449104247, 0.25207302228245892684, 1.4645477714482394565),
    (2, 30.43, 38.86, -9.4586063070662712312, 0.72657857008067291192, 0.35697336026564975582, 1.5587208064320879744, 7.3193138117111046069),
    (1, 1.71, 38.86, -4.4690932750325884819, 0.21210098537737908236, 0.058185839678624107569, 0.25982346486862243071, 1.3074184508243555078),
    (5, 20.5, 30.0, -16.353987204438607308, 0.59835589720529200098, 0.84119636256777015178, 3.4312314188214910432, 13.893457264157749343),
    (30, 35.0, 39.0, -44.617527697845712106, 0.68053954551542261449, 4.3794793839357544932, 17.87256848264436525, 71.955991279203924957),
    (120, 38.0, 38.5, -1.9018758163184471185, 0.97396757716513860412, 25.102698121352695488, 101.44534676005017743, 401.61414819644567673),
];

#[rustfmt::skip]
const A_ABOVE_ONE: &[Row] = &[
    (0, 0.0, 38.86, -1.6191442038770035693, 1.0, 0.23577597582293520215, 0.94123688476831633514, 2.7920065727949808198),
    (2, 30.43, 38.86, -8.718713779305764417, 0.53796004138921856336, 0.28761451475805480857, 1.0517804292080831788, 2.4057689856330143697),
    (1, 1.71, 38.86, -3.6267211200487015046, 0.11676084052195971914, 0.045142293885678949087, 0.17130342142342292534, 0.43282378971926089331),
    (5, 20.5, 30.0, -16.166063999148584563, 0.44854879316571450102, 0.50106490817290490892, 1.6257206602429197014, 2.9702110419700395197),
    (30, 35.0, 39.0, -51.930383868000484441, 0.5911647986224079865, 2.650599162981927688, 8.1021022784898365437, 13.453905510465076373),
    (120, 38.0, 38.5, -37.701990328138470523, 0.94547193929441045365, 16.234766926884443728, 47.931234887613725427, 76.446278306488703149),
];

fn close(actual: f64, expected: f64, rel: f64, what: &str) {
    let err = ((actual - expected) / expected).abs();
    assert!(err < rel, "{what}: {actual} vs {expected} (rel {err:e})");
}

fn check(params: BgNbdParams, rows: &[Row], unconditional: &[(f64, f64)]) {
    for &(x, tx, t, ll, alive, e10, e52, e520) in rows {
        let obs = Observation {
            frequency: x,
            recency: tx,
            t,
        };
        let what = format!("{params:?} x={x}");
        close(
            params.log_likelihood(&obs),
            ll,
            1e-12,
            &format!("ll {what}"),
        );
        close(
            params.p_alive(&obs),
            alive,
            1e-12,
            &format!("p_alive {what}"),
        );
        assert!(
            (params.churn_probability(&obs) - (1.0 - alive)).abs() < 1e-12,
            "churn {what}"
        );
        for (horizon, expected) in [(10.0, e10), (52.0, e52), (520.0, e520)] {
            let v = params.conditional_expected_purchases(horizon, &obs);
            close(v, expected, 1e-10, &format!("E[{horizon}] {what}"));
        }
        assert_eq!(params.conditional_expected_purchases(0.0, &obs), 0.0);
    }
    for &(horizon, expected) in unconditional {
        close(
            params.expected_purchases(horizon),
            expected,
            1e-10,
            &format!("E new {horizon}"),
        );
    }
}

#[test]
fn cdnow_like_parameters() {
    let params = BgNbdParams {
        r: 0.243,
        alpha: 4.414,
        a: 0.793,
        b: 2.426,
    };
    let unconditional = [
        (1.0, 0.05326789117165828208),
        (52.0, 1.4460505953964037707),
        (1000.0, 6.580391613738232069),
    ];
    check(params, CDNOW_LIKE, &unconditional);
}

#[test]
fn a_above_one() {
    let params = BgNbdParams {
        r: 1.5,
        alpha: 20.0,
        a: 2.5,
        b: 4.0,
    };
    let unconditional = [
        (1.0, 0.073244777410927940891),
        (52.0, 1.8098238947565952612),
        (1000.0, 3.4873530305594239866),
    ];
    check(params, A_ABOVE_ONE, &unconditional);
}

#[test]
fn a_equal_to_one_is_continuous() {
    let obs = Observation {
        frequency: 3,
        recency: 20.0,
        t: 30.0,
    };
    let at = |a: f64| {
        BgNbdParams {
            r: 0.5,
            alpha: 5.0,
            a,
            b: 2.0,
        }
        .conditional_expected_purchases(26.0, &obs)
    };
    let (below, exact, above) = (at(1.0 - 1e-4), at(1.0), at(1.0 + 1e-4));
    assert!(exact.is_finite());
    close(exact, 0.5 * (below + above), 1e-6, "a = 1");
}

#[test]
fn time_unit_rescaling_is_consistent() {
    let weeks = BgNbdParams {
        r: 0.243,
        alpha: 4.414,
        a: 0.793,
        b: 2.426,
    };
    let days = weeks.rescale_time(7.0);
    let w = Observation {
        frequency: 2,
        recency: 30.43,
        t: 38.86,
    };
    let d = Observation {
        frequency: 2,
        recency: 30.43 * 7.0,
        t: 38.86 * 7.0,
    };
    close(days.p_alive(&d), weeks.p_alive(&w), 1e-12, "p_alive");
    let (ed, ew) = (
        days.conditional_expected_purchases(70.0, &d),
        weeks.conditional_expected_purchases(10.0, &w),
    );
    close(ed, ew, 1e-12, "expected");
    // The density changes by the Jacobian: ll_days = ll_weeks − x·ln 7.
    close(
        days.log_likelihood(&d),
        weeks.log_likelihood(&w) - 2.0 * 7f64.ln(),
        1e-12,
        "ll",
    );
}
