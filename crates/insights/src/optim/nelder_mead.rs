//! Nelder–Mead simplex minimiser (adaptive coefficients of Gao & Han 2012),
//! used as a derivative-free fallback when BFGS cannot make progress.

use super::{Minimum, Settings};

/// Simplex vertices with their values, kept sorted best first.
struct Simplex {
    vertices: Vec<(Vec<f64>, f64)>,
}

impl Simplex {
    fn sort(&mut self) {
        self.vertices.sort_by(|a, b| a.1.total_cmp(&b.1));
    }

    fn centroid_without_worst(&self) -> Vec<f64> {
        let n = self.vertices.len() - 1;
        let mut c = vec![0.0; self.vertices[0].0.len()];
        for (x, _) in &self.vertices[..n] {
            for (ci, xi) in c.iter_mut().zip(x) {
                *ci += xi / n as f64;
            }
        }
        c
    }

    fn spread(&self) -> (f64, f64) {
        let best = &self.vertices[0];
        let worst = &self.vertices[self.vertices.len() - 1];
        let size = self
            .vertices
            .iter()
            .flat_map(|(x, _)| x.iter().zip(&best.0).map(|(a, b)| (a - b).abs()))
            .fold(0.0_f64, f64::max);
        ((worst.1 - best.1).abs(), size)
    }
}

/// `c + t (c − w)` — reflection (t = 1), expansion, contraction (t < 0).
fn along(centroid: &[f64], worst: &[f64], t: f64) -> Vec<f64> {
    centroid
        .iter()
        .zip(worst)
        .map(|(c, w)| c + t * (c - w))
        .collect()
}

/// Minimises `f` from `x0`, with an initial simplex of edge `step`.
/// Non-finite values are treated as `+∞`.
pub(crate) fn nelder_mead<F>(mut f: F, x0: &[f64], step: f64, settings: Settings) -> Minimum
where
    F: FnMut(&[f64]) -> f64,
{
    let mut eval = |x: &[f64]| {
        let v = f(x);
        if v.is_finite() { v } else { f64::INFINITY }
    };
    let n = x0.len();
    let nf = n as f64;
    let (alpha, gamma) = (1.0, 1.0 + 2.0 / nf);
    let (rho, sigma) = (0.75 - 1.0 / (2.0 * nf), 1.0 - 1.0 / nf);
    let mut vertices = vec![(x0.to_vec(), eval(x0))];
    for i in 0..n {
        let mut x = x0.to_vec();
        x[i] += step;
        let v = eval(&x);
        vertices.push((x, v));
    }
    let mut simplex = Simplex { vertices };
    let mut converged = false;
    let mut iterations = 0;
    while iterations < settings.max_iterations * 10 {
        iterations += 1;
        simplex.sort();
        let (df, size) = simplex.spread();
        let best_f = simplex.vertices[0].1;
        if df <= 1e-13 * best_f.abs().max(1e-6) && size < 1e-9 {
            converged = true;
            break;
        }
        let worst = simplex.vertices[n].clone();
        let centroid = simplex.centroid_without_worst();
        let reflected = along(&centroid, &worst.0, alpha);
        let fr = eval(&reflected);
        let second_worst = simplex.vertices[n - 1].1;
        if fr < best_f {
            let expanded = along(&centroid, &worst.0, alpha * gamma);
            let fe = eval(&expanded);
            simplex.vertices[n] = if fe < fr {
                (expanded, fe)
            } else {
                (reflected, fr)
            };
        } else if fr < second_worst {
            simplex.vertices[n] = (reflected, fr);
        } else {
            let (point, t) = if fr < worst.1 {
                (reflected.clone(), alpha * rho)
            } else {
                (worst.0.clone(), -rho)
            };
            let contracted = along(&centroid, &worst.0, t);
            let fc = eval(&contracted);
            if fc < eval(&point).min(worst.1) {
                simplex.vertices[n] = (contracted, fc);
            } else {
                shrink(&mut simplex, sigma, &mut eval);
            }
        }
    }
    simplex.sort();
    let (x, f) = simplex.vertices.swap_remove(0);
    Minimum {
        x,
        f,
        iterations,
        converged,
    }
}

fn shrink<E: FnMut(&[f64]) -> f64>(simplex: &mut Simplex, sigma: f64, eval: &mut E) {
    let best = simplex.vertices[0].0.clone();
    for (x, v) in simplex.vertices.iter_mut().skip(1) {
        for (xi, bi) in x.iter_mut().zip(&best) {
            *xi = bi + sigma * (*xi - bi);
        }
        *v = eval(x);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimises_a_quadratic_bowl() {
        let f = |x: &[f64]| (x[0] - 3.0).powi(2) + 10.0 * (x[1] + 1.0).powi(2) + x[2].powi(2);
        let m = nelder_mead(f, &[0.0, 0.0, 0.0], 0.5, Settings::default());
        assert!(m.converged);
        assert!((m.x[0] - 3.0).abs() < 1e-6 && (m.x[1] + 1.0).abs() < 1e-6);
    }
}
