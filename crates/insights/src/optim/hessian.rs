//! Finite-difference Hessian from an analytic gradient, and inversion of a
//! symmetric positive-definite matrix (for asymptotic standard errors).

/// Central-difference Hessian of a function whose gradient `grad(x, g)`
/// is available; symmetrised. `None` if a gradient evaluation is non-finite.
pub(crate) fn numerical_hessian<G>(mut grad: G, x: &[f64], step: f64) -> Option<Vec<Vec<f64>>>
where
    G: FnMut(&[f64], &mut [f64]),
{
    let n = x.len();
    let mut h = vec![vec![0.0; n]; n];
    let mut plus = vec![0.0; n];
    let mut minus = vec![0.0; n];
    for j in 0..n {
        let hj = step * x[j].abs().max(1.0);
        let mut xp = x.to_vec();
        xp[j] += hj;
        grad(&xp, &mut plus);
        xp[j] = x[j] - hj;
        grad(&xp, &mut minus);
        for (i, row) in h.iter_mut().enumerate() {
            row[j] = (plus[i] - minus[i]) / (2.0 * hj);
        }
    }
    let transposed = h.clone();
    for (i, row) in h.iter_mut().enumerate() {
        for (j, value) in row.iter_mut().enumerate() {
            *value = 0.5 * (*value + transposed[j][i]);
        }
    }
    h.iter().flatten().all(|v| v.is_finite()).then_some(h)
}

/// Inverse of a symmetric positive-definite matrix via Cholesky;
/// `None` if the matrix is not positive definite.
pub(crate) fn invert_spd(m: &[Vec<f64>]) -> Option<Vec<Vec<f64>>> {
    let n = m.len();
    let mut l = vec![vec![0.0; n]; n];
    for i in 0..n {
        for j in 0..=i {
            let s: f64 = m[i][j] - (0..j).map(|k| l[i][k] * l[j][k]).sum::<f64>();
            if i == j {
                if s.is_nan() || s <= 0.0 {
                    return None;
                }
                l[i][i] = s.sqrt();
            } else {
                l[i][j] = s / l[j][j];
            }
        }
    }
    // Solve L Lᵀ X = I column by column (X is symmetric: columns = rows).
    Some((0..n).map(|col| solve_unit(&l, col)).collect())
}

/// Solves `L Lᵀ x = e_col` by forward and back substitution.
fn solve_unit(l: &[Vec<f64>], col: usize) -> Vec<f64> {
    let n = l.len();
    let mut y = vec![0.0; n];
    for i in 0..n {
        let e = if i == col { 1.0 } else { 0.0 };
        let partial: f64 = l[i][..i].iter().zip(&y[..i]).map(|(a, b)| a * b).sum();
        y[i] = (e - partial) / l[i][i];
    }
    let mut x = vec![0.0; n];
    for i in (0..n).rev() {
        let partial: f64 = (i + 1..n).map(|k| l[k][i] * x[k]).sum();
        x[i] = (y[i] - partial) / l[i][i];
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hessian_and_inverse_of_a_quadratic() {
        // f = x² + xy + 2y², Hessian [[2, 1], [1, 4]], inverse [[4, −1], [−1, 2]] / 7
        let grad = |x: &[f64], g: &mut [f64]| {
            g[0] = 2.0 * x[0] + x[1];
            g[1] = x[0] + 4.0 * x[1];
        };
        let Some(h) = numerical_hessian(grad, &[0.3, -0.2], 1e-5) else {
            panic!("non-finite");
        };
        assert!((h[0][0] - 2.0).abs() < 1e-8 && (h[0][1] - 1.0).abs() < 1e-8);
        let Some(inv) = invert_spd(&h) else {
            panic!("not SPD");
        };
        assert!((inv[0][0] - 4.0 / 7.0).abs() < 1e-8);
        assert!((inv[0][1] + 1.0 / 7.0).abs() < 1e-8);
        assert!(invert_spd(&[vec![1.0, 2.0], vec![2.0, 1.0]]).is_none());
    }
}
