//! Gaussian hypergeometric function ₂F₁(a, b; c; z) for real parameters and
//! real `z ≤ 1`.
//!
//! Strategy (DLMF §15.2, §15.4, §15.8):
//! * `z = 0`, `a = 0` or `b = 0`: 1; `a` or `b` a non-positive integer: the
//!   terminating polynomial (valid for any `z`).
//! * `0 < z ≤ 0.75`: the defining power series, summed until the remaining
//!   tail (bounded geometrically) is below `1e-16` of the sum.
//! * `0.75 < z < 1`: the `z → 1 − z` connection formula (DLMF 15.8.4), whose
//!   two series converge fast. When `c − a − b` is within `1e-3` of an
//!   integer the formula degenerates; then the power series is summed
//!   directly for `z ≤ 0.999` and, closer to 1, the connection formula is
//!   evaluated at six nearby non-degenerate `c` and interpolated (quintic
//!   Lagrange), accurate to roughly 1e-12 relative.
//! * `z < 0`: Pfaff's transformation to `z / (z − 1) ∈ (0, 1)` (DLMF 15.8.1).
//! * `z = 1`: Gauss's theorem when `c − a − b > 0`, `+∞` otherwise.
//! * `z > 1` (off the principal branch), or `c` a non-positive integer with a
//!   non-terminating series: `NaN`.

use super::{is_non_positive_integer, ln_gamma_signed};

/// Relative accuracy target of the series.
const EPS: f64 = 1e-16;
/// Upper bound on the number of series terms.
const MAX_TERMS: usize = 2_000_000;
/// Below this `z`, the power series is used directly.
const SERIES_LIMIT: f64 = 0.75;
/// Distance of `c − a − b` to an integer below which 15.8.4 degenerates.
const NEAR_INTEGER: f64 = 1e-3;
/// In the degenerate case, the direct series is used up to this `z`.
const SLOW_SERIES_LIMIT: f64 = 0.999;

/// The Gaussian hypergeometric function ₂F₁(a, b; c; z).
///
/// Defined for real `z ≤ 1` (and any `z` when the series terminates).
/// Returns `NaN` outside the domain or if a series fails to converge, and
/// `+∞` at `z = 1` when `c − a − b ≤ 0` (divergence).
///
/// ```
/// use clienteling_insights::special::hyp2f1;
/// let v = hyp2f1(1.0, 1.0, 2.0, 0.5);
/// assert!((v - 2.0 * std::f64::consts::LN_2).abs() < 1e-15);
/// ```
pub fn hyp2f1(a: f64, b: f64, c: f64, z: f64) -> f64 {
    if a.is_nan() || b.is_nan() || c.is_nan() || z.is_nan() || z.is_infinite() {
        return f64::NAN;
    }
    if z == 0.0 || a == 0.0 || b == 0.0 {
        return 1.0;
    }
    if is_non_positive_integer(a) || is_non_positive_integer(b) {
        return series(a, b, c, z).unwrap_or(f64::NAN);
    }
    if is_non_positive_integer(c) || z > 1.0 {
        return f64::NAN;
    }
    if z == 1.0 {
        return at_one(a, b, c);
    }
    if z < 0.0 {
        return pfaff(a, b, c, z);
    }
    if z <= SERIES_LIMIT {
        return series(a, b, c, z).unwrap_or(f64::NAN);
    }
    near_one(a, b, c, z)
}

/// Sums the power series; `None` if it does not converge in `MAX_TERMS`
/// terms or hits a zero denominator.
fn series(a: f64, b: f64, c: f64, z: f64) -> Option<f64> {
    let mut term = 1.0_f64;
    let mut sum = 1.0_f64;
    for n in 0..MAX_TERMS {
        let nf = n as f64;
        let den = (c + nf) * (nf + 1.0);
        if den == 0.0 {
            return None;
        }
        term *= (a + nf) * (b + nf) / den * z;
        sum += term;
        if term == 0.0 {
            return Some(sum);
        }
        if tail_is_negligible(a, b, c, z, nf + 1.0, term, sum) {
            return Some(sum);
        }
    }
    None
}

/// Whether the terms after `term` (the `n`-th) are negligible, bounding the
/// tail by a geometric series with the current (or asymptotic) term ratio.
fn tail_is_negligible(a: f64, b: f64, c: f64, z: f64, n: f64, term: f64, sum: f64) -> bool {
    let ratio = ((a + n) * (b + n) / ((c + n) * (n + 1.0)) * z).abs();
    let bound = ratio.max(z.abs());
    if bound >= 1.0 || !sum.is_finite() {
        return false;
    }
    term.abs() * bound / (1.0 - bound) <= EPS * sum.abs()
}

/// Value at `z = 1` (Gauss's summation theorem).
fn at_one(a: f64, b: f64, c: f64) -> f64 {
    let m = c - a - b;
    if m <= 0.0 {
        return f64::INFINITY;
    }
    gamma_ratio(c, m, c - a, c - b)
        .map(|(ln, sign)| sign * ln.exp())
        .unwrap_or(0.0)
}

/// `ln |Γ(p)Γ(q) / (Γ(r)Γ(s))|` and its sign; `None` when the ratio is zero
/// (a pole in the denominator). Numerator poles must be excluded by callers.
fn gamma_ratio(p: f64, q: f64, r: f64, s: f64) -> Option<(f64, f64)> {
    let (lp, sp) = ln_gamma_signed(p)?;
    let (lq, sq) = ln_gamma_signed(q)?;
    let (lr, sr) = ln_gamma_signed(r)?;
    let (ls, ss) = ln_gamma_signed(s)?;
    Some((lp + lq - lr - ls, sp * sq * sr * ss))
}

/// `z < 0`: ₂F₁(a, b; c; z) = (1 − z)^(−a) ₂F₁(a, c − b; c; z / (z − 1)).
fn pfaff(a: f64, b: f64, c: f64, z: f64) -> f64 {
    let w = z / (z - 1.0);
    let inner = hyp2f1(a, c - b, c, w);
    (-a * (-z).ln_1p()).exp() * inner
}

/// `0.75 < z < 1`.
fn near_one(a: f64, b: f64, c: f64, z: f64) -> f64 {
    let m = c - a - b;
    if (m - m.round()).abs() >= NEAR_INTEGER {
        return connection(a, b, c, z).unwrap_or(f64::NAN);
    }
    if z <= SLOW_SERIES_LIMIT
        && let Some(v) = series(a, b, c, z)
    {
        return v;
    }
    interpolate_in_c(a, b, c, z)
}

/// DLMF 15.8.4 with `w = 1 − z`:
/// `F = Γ(c)Γ(m)/(Γ(c−a)Γ(c−b)) F(a, b; 1−m; w)
///    + w^m Γ(c)Γ(−m)/(Γ(a)Γ(b)) F(c−a, c−b; 1+m; w)`, `m = c − a − b`.
fn connection(a: f64, b: f64, c: f64, z: f64) -> Option<f64> {
    let w = 1.0 - z;
    let m = c - a - b;
    let first = match gamma_ratio(c, m, c - a, c - b) {
        Some((ln, sign)) => sign * ln.exp() * series(a, b, 1.0 - m, w)?,
        None => 0.0,
    };
    let second = match gamma_ratio(c, -m, a, b) {
        Some((ln, sign)) => sign * (ln + m * w.ln()).exp() * series(c - a, c - b, 1.0 + m, w)?,
        None => 0.0,
    };
    Some(first + second)
}

/// Degenerate `c − a − b ≈ integer` with `z` very close to 1: evaluate the
/// connection formula at `c` shifted so that `c − a − b = n ± kε`
/// (`k = 1, 2, 3`), then interpolate (quintic Lagrange) back to the
/// requested `c`.
fn interpolate_in_c(a: f64, b: f64, c: f64, z: f64) -> f64 {
    let m = c - a - b;
    let shift = m - m.round();
    let target = shift / NEAR_INTEGER;
    let nodes = [-3.0, -2.0, -1.0, 1.0, 2.0, 3.0];
    let mut result = 0.0;
    for (k, &sk) in nodes.iter().enumerate() {
        let ck = c - shift + sk * NEAR_INTEGER;
        let Some(fk) = connection(a, b, ck, z) else {
            return f64::NAN;
        };
        let weight: f64 = nodes
            .iter()
            .enumerate()
            .filter(|&(j, _)| j != k)
            .map(|(_, &sj)| (target - sj) / (sk - sj))
            .product();
        result += weight * fk;
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identities() {
        assert_eq!(hyp2f1(1.3, 2.1, 3.3, 0.0), 1.0);
        let ln2 = std::f64::consts::LN_2;
        assert!((hyp2f1(1.0, 1.0, 2.0, 0.5) - 2.0 * ln2).abs() < 1e-15);
        for z in [0.1_f64, 0.5, 1.0, 3.0, 20.0, 1000.0] {
            let expected = z.ln_1p() / z;
            let v = hyp2f1(1.0, 1.0, 2.0, -z);
            assert!(((v - expected) / expected).abs() < 1e-12, "z={z}: {v}");
        }
        // 2F1(1, 1; 2; z) = −ln(1 − z)/z for z in (0, 1)
        for z in [0.3_f64, 0.76, 0.9, 0.99, 0.9999] {
            let expected = -(-z).ln_1p() / z;
            let v = hyp2f1(1.0, 1.0, 2.0, z);
            assert!(((v - expected) / expected).abs() < 1e-12, "z={z}: {v}");
        }
    }

    #[test]
    fn out_of_domain_is_nan() {
        assert!(hyp2f1(1.0, 1.0, 2.0, 1.5).is_nan());
        assert!(hyp2f1(1.0, 1.0, -2.0, 0.5).is_nan());
        assert!(hyp2f1(f64::NAN, 1.0, 2.0, 0.5).is_nan());
        assert_eq!(hyp2f1(1.0, 1.0, 2.0, 1.0), f64::INFINITY);
    }
}
