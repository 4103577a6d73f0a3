//! Special functions used by the models: signed log-gamma, digamma and the
//! Gaussian hypergeometric function ₂F₁ (see [`hyp2f1`]).
//!
//! `ln Γ` and `ψ` for positive arguments come from `statrs`; this module adds
//! the sign-aware variant needed for negative arguments (connection formulas
//! of ₂F₁ evaluate Γ at `c − a`, `c − b`, … which may be negative).

mod hyp2f1;

pub use hyp2f1::hyp2f1;

pub(crate) use statrs::function::gamma::{digamma, ln_gamma};

/// `ln |Γ(x)|` together with the sign of `Γ(x)`.
///
/// Returns `None` at the poles (`x` a non-positive integer), where `1/Γ(x) = 0`.
pub(crate) fn ln_gamma_signed(x: f64) -> Option<(f64, f64)> {
    if x > 0.0 {
        return Some((ln_gamma(x), 1.0));
    }
    if x.is_nan() || x == x.floor() {
        return None;
    }
    // Reflection: Γ(x) = π / (sin(πx) Γ(1 − x)), with Γ(1 − x) > 0 here.
    // sin(πx) = (−1)^n sin(π(x − n)) with n = round(x), accurate near poles.
    let n = x.round();
    let parity = if n.rem_euclid(2.0) == 0.0 { 1.0 } else { -1.0 };
    let sin_pix = parity * (std::f64::consts::PI * (x - n)).sin();
    let ln_abs = std::f64::consts::PI.ln() - sin_pix.abs().ln() - ln_gamma(1.0 - x);
    Some((ln_abs, sin_pix.signum()))
}

/// Whether `x` is a non-positive integer (a pole of Γ).
pub(crate) fn is_non_positive_integer(x: f64) -> bool {
    x <= 0.0 && x == x.floor()
}

/// Numerically stable `ln(1 + e^x)`.
pub(crate) fn softplus(x: f64) -> f64 {
    if x > 0.0 {
        x + (-x).exp().ln_1p()
    } else {
        x.exp().ln_1p()
    }
}

/// Logistic function `1 / (1 + e^−x)`, stable for large `|x|`.
pub(crate) fn sigmoid(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_gamma_matches_known_values() {
        // Γ(−0.5) = −2√π, Γ(−1.5) = 4√π/3, Γ(0.5) = √π
        let sqrt_pi = std::f64::consts::PI.sqrt();
        let cases = [
            (-0.5, -2.0 * sqrt_pi),
            (-1.5, 4.0 * sqrt_pi / 3.0),
            (0.5, sqrt_pi),
        ];
        for (x, expected) in cases {
            let Some((ln_abs, sign)) = ln_gamma_signed(x) else {
                panic!("pole at {x}");
            };
            let value = sign * ln_abs.exp();
            assert!(
                (value - expected).abs() < 1e-13,
                "{x}: {value} vs {expected}"
            );
        }
        assert!(ln_gamma_signed(0.0).is_none());
        assert!(ln_gamma_signed(-3.0).is_none());
    }

    #[test]
    fn softplus_and_sigmoid_are_stable() {
        assert!((softplus(0.0) - 2f64.ln()).abs() < 1e-15);
        assert_eq!(softplus(800.0), 800.0);
        assert!(softplus(-800.0) >= 0.0);
        assert!((sigmoid(0.0) - 0.5).abs() < 1e-15);
        assert_eq!(sigmoid(800.0), 1.0);
        assert_eq!(sigmoid(-800.0), 0.0);
    }
}
