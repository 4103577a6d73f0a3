//! Small unconstrained optimisers for the maximum-likelihood fits: BFGS with a
//! strong-Wolfe line search (primary), Nelder–Mead (derivative-free
//! fallback), and a finite-difference Hessian for standard errors.
//!
//! Objectives are closures `fg(x, grad) -> f` that write the gradient into
//! `grad` and return the value; non-finite values are treated as "outside the
//! domain" by the line search, which then shortens the step.

mod hessian;
mod line_search;
mod nelder_mead;

pub(crate) use hessian::{invert_spd, numerical_hessian};
pub(crate) use nelder_mead::nelder_mead;

use line_search::{Point, strong_wolfe};

/// Result of a minimisation.
#[derive(Debug, Clone)]
pub(crate) struct Minimum {
    /// Argument of the best value found.
    pub x: Vec<f64>,
    /// Best value found.
    pub f: f64,
    /// Iterations performed.
    pub iterations: usize,
    /// Whether the convergence criterion was met.
    pub converged: bool,
}

/// Stopping rules.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Settings {
    /// Maximum number of iterations.
    pub max_iterations: usize,
    /// Convergence when the largest gradient component is below this, or
    /// when the quasi-Newton step predicts a decrease below rounding noise.
    pub gradient_tolerance: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            max_iterations: 1000,
            gradient_tolerance: 1e-9,
        }
    }
}

/// A line-search failure with a gradient below this is accepted as converged:
/// the objective cannot be decreased within floating-point noise.
const NOISE_GRADIENT: f64 = 1e-6;

/// Largest absolute component.
pub(crate) fn inf_norm(v: &[f64]) -> f64 {
    v.iter().fold(0.0_f64, |m, x| m.max(x.abs()))
}

/// Dot product.
pub(crate) fn dot(u: &[f64], v: &[f64]) -> f64 {
    u.iter().zip(v).map(|(a, b)| a * b).sum()
}

/// Minimises `fg` from `x0` with BFGS (inverse-Hessian form).
pub(crate) fn bfgs<F>(mut fg: F, x0: &[f64], settings: Settings) -> Minimum
where
    F: FnMut(&[f64], &mut [f64]) -> f64,
{
    let n = x0.len();
    let mut grad = vec![0.0; n];
    let f = fg(x0, &mut grad);
    let mut current = Point {
        step: 0.0,
        x: x0.to_vec(),
        f,
        grad,
    };
    if !current.is_finite() {
        return finish(current, 0, false);
    }
    let mut h = identity(n);
    let mut fresh = true;
    for iteration in 0..settings.max_iterations {
        if inf_norm(&current.grad) < settings.gradient_tolerance {
            return finish(current, iteration, true);
        }
        let mut direction = descent_direction(&h, &current.grad);
        if dot(&direction, &current.grad) >= 0.0 {
            h = identity(n);
            fresh = true;
            direction = current.grad.iter().map(|g| -g).collect();
        } else if !fresh && predicted_decrease_is_noise(&current, &direction) {
            return finish(current, iteration, true);
        }
        let first_step = if fresh {
            (1.0 / inf_norm(&current.grad)).min(1.0)
        } else {
            1.0
        };
        match strong_wolfe(&mut fg, &current, &direction, first_step) {
            Some(next) => {
                update_inverse_hessian(&mut h, &current, &next, fresh);
                fresh = false;
                current = next;
            }
            None if !fresh => {
                h = identity(n);
                fresh = true;
            }
            None => {
                let ok = inf_norm(&current.grad) < NOISE_GRADIENT;
                return finish(current, iteration, ok);
            }
        }
    }
    let ok = inf_norm(&current.grad) < settings.gradient_tolerance;
    finish(current, settings.max_iterations, ok)
}

/// Whether the quasi-Newton step promises a decrease (`−gᵀd`, twice the
/// quadratic model's) below the rounding noise of the objective: the
/// gradient is then as small as the data's precision allows.
fn predicted_decrease_is_noise(current: &Point, direction: &[f64]) -> bool {
    -dot(direction, &current.grad) < 4.0 * f64::EPSILON * current.f.abs().max(1.0)
}

fn finish(point: Point, iterations: usize, converged: bool) -> Minimum {
    Minimum {
        x: point.x,
        f: point.f,
        iterations,
        converged,
    }
}

fn identity(n: usize) -> Vec<Vec<f64>> {
    (0..n)
        .map(|i| (0..n).map(|j| if i == j { 1.0 } else { 0.0 }).collect())
        .collect()
}

fn descent_direction(h: &[Vec<f64>], grad: &[f64]) -> Vec<f64> {
    h.iter().map(|row| -dot(row, grad)).collect()
}

/// BFGS update of the inverse Hessian `h`; on the first step after a reset the
/// identity is first rescaled by `sᵀy / yᵀy` (Nocedal & Wright, eq. 6.20).
fn update_inverse_hessian(h: &mut [Vec<f64>], old: &Point, new: &Point, fresh: bool) {
    let s: Vec<f64> = new.x.iter().zip(&old.x).map(|(a, b)| a - b).collect();
    let y: Vec<f64> = new.grad.iter().zip(&old.grad).map(|(a, b)| a - b).collect();
    let sy = dot(&s, &y);
    if sy.is_nan() || sy <= 1e-300 {
        return;
    }
    if fresh {
        let scale = sy / dot(&y, &y);
        for (i, row) in h.iter_mut().enumerate() {
            row[i] = scale;
        }
    }
    let rho = 1.0 / sy;
    let hy: Vec<f64> = h.iter().map(|row| dot(row, &y)).collect();
    let yhy = dot(&y, &hy);
    let coef = rho * (1.0 + rho * yhy);
    for (i, row) in h.iter_mut().enumerate() {
        for (j, value) in row.iter_mut().enumerate() {
            *value += coef * s[i] * s[j] - rho * (hy[i] * s[j] + s[i] * hy[j]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rosenbrock(x: &[f64], g: &mut [f64]) -> f64 {
        let (a, b) = (x[0], x[1]);
        g[0] = -2.0 * (1.0 - a) - 400.0 * a * (b - a * a);
        g[1] = 200.0 * (b - a * a);
        (1.0 - a).powi(2) + 100.0 * (b - a * a).powi(2)
    }

    #[test]
    fn bfgs_minimises_rosenbrock() {
        let m = bfgs(rosenbrock, &[-1.2, 1.0], Settings::default());
        assert!(m.converged, "{m:?}");
        assert!((m.x[0] - 1.0).abs() < 1e-7 && (m.x[1] - 1.0).abs() < 1e-7);
    }

    /// An ill-conditioned convex function whose value carries deterministic
    /// rounding-like noise far above one ulp (as a likelihood summed over a
    /// million customers) while its gradient is exact: the minimisation
    /// must end near the optimum in few evaluations, not in long line
    /// searches on noise (60 evaluations and 5e-6 away before).
    #[test]
    fn bfgs_converges_when_the_value_is_noisy() {
        let mut evaluations = 0;
        let f = |x: &[f64], g: &mut [f64]| {
            evaluations += 1;
            let hash = x.iter().fold(0u64, |h, v| {
                (h ^ v.to_bits()).wrapping_mul(0x9E37_79B9_7F4A_7C15)
            });
            let noise = ((hash >> 11) as f64 / (1u64 << 53) as f64 - 0.5) * 2e-9;
            // Two strongly correlated directions (curvatures 1 and 1e-3).
            let (u, v) = (x[0] + x[1], x[0] - x[1]);
            let (du, dv) = (u.exp() - 1.0, 1e-3 * (v.exp() - 1.0));
            g[0] = du + dv;
            g[1] = du - dv;
            0.75 + (u.exp() - u) + 1e-3 * (v.exp() - v) + noise
        };
        let m = bfgs(f, &[1.5, -0.7], Settings::default());
        assert!(m.converged, "{m:?}");
        assert!(m.x.iter().all(|v| v.abs() < 1e-6), "{m:?}");
        assert!(evaluations < 40, "{evaluations} evaluations");
    }

    #[test]
    fn bfgs_respects_domain_via_non_finite_values() {
        // f(x) = x − ln x, minimum at 1, undefined for x ≤ 0.
        let f = |x: &[f64], g: &mut [f64]| {
            if x[0] <= 0.0 {
                return f64::NAN;
            }
            g[0] = 1.0 - 1.0 / x[0];
            x[0] - x[0].ln()
        };
        let m = bfgs(f, &[10.0], Settings::default());
        assert!(m.converged);
        assert!((m.x[0] - 1.0).abs() < 1e-8);
    }
}
