//! Shared maximum-likelihood driver: minimises a mean negative
//! log-likelihood over log-parameters from several starting points (BFGS,
//! with a Nelder–Mead rescue), and turns the Hessian into standard errors.

use crate::optim::{self, Minimum, Settings, bfgs, invert_spd, nelder_mead, numerical_hessian};

/// Best optimum found over the starting points.
#[derive(Debug, Clone)]
pub(crate) struct Outcome {
    /// Log-parameters at the optimum.
    pub log_params: Vec<f64>,
    /// Total iterations over all attempts.
    pub iterations: usize,
    /// Whether the accepted optimum met the gradient criterion.
    pub converged: bool,
}

/// Minimises `fg` (value and gradient in log-parameter space). Starting
/// points are tried in order until one converges; if none does, the best is
/// refined with Nelder–Mead and BFGS again.
pub(crate) fn minimise<F>(mut fg: F, starts: &[Vec<f64>]) -> Option<Outcome>
where
    F: FnMut(&[f64], &mut [f64]) -> f64,
{
    let settings = Settings::default();
    let mut best: Option<Minimum> = None;
    let mut iterations = 0;
    for start in starts {
        let m = bfgs(&mut fg, start, settings);
        iterations += m.iterations;
        let done = m.converged && m.f.is_finite();
        best = pick(best, m);
        if done {
            break;
        }
    }
    let mut best = best.filter(|m| m.f.is_finite())?;
    if !best.converged {
        let mut scratch = vec![0.0; best.x.len()];
        let nm = nelder_mead(|x| fg(x, &mut scratch), &best.x, 0.5, settings);
        iterations += nm.iterations;
        let polished = bfgs(&mut fg, &nm.x, settings);
        iterations += polished.iterations;
        best = pick(Some(best), polished)?;
    }
    Some(Outcome {
        log_params: best.x,
        iterations,
        converged: best.converged,
    })
}

/// Keeps the better of two minima: converged beats not converged (unless
/// clearly worse), then the lower value wins.
fn pick(current: Option<Minimum>, candidate: Minimum) -> Option<Minimum> {
    let Some(current) = current else {
        return Some(candidate);
    };
    if !candidate.f.is_finite() {
        return Some(current);
    }
    let better = match (current.converged, candidate.converged) {
        (false, true) => candidate.f <= current.f + 1e-9 * current.f.abs().max(1.0),
        _ => candidate.f < current.f || !current.f.is_finite(),
    };
    Some(if better { candidate } else { current })
}

/// Standard errors of the natural parameters `θ = exp(φ)` from the Hessian
/// of the *total* negative log-likelihood in log space (`grad_total`):
/// `se(θᵢ) = θᵢ · sqrt((H⁻¹)ᵢᵢ)`. `None` if the Hessian is not positive
/// definite (e.g. a flat ridge).
pub(crate) fn standard_errors<G>(grad_total: G, log_params: &[f64]) -> Option<Vec<f64>>
where
    G: FnMut(&[f64], &mut [f64]),
{
    let h = numerical_hessian(grad_total, log_params, 1e-5)?;
    let inv = invert_spd(&h)?;
    let se = log_params
        .iter()
        .enumerate()
        .map(|(i, phi)| phi.exp() * inv[i][i].sqrt())
        .collect::<Vec<_>>();
    se.iter().all(|s| s.is_finite()).then_some(se)
}

/// Converts a natural-space gradient `g` of a mean negative log-likelihood
/// into log space, adding the L2 penalty `penalizer · Σθ²` (as `lifetimes`).
pub(crate) fn to_log_space(theta: &[f64], g_natural: &[f64], penalizer: f64, out: &mut [f64]) {
    for ((o, t), g) in out.iter_mut().zip(theta).zip(g_natural) {
        *o = t * (g + 2.0 * penalizer * t);
    }
}

/// The L2 penalty term.
pub(crate) fn penalty(theta: &[f64], penalizer: f64) -> f64 {
    penalizer * optim::dot(theta, theta)
}
