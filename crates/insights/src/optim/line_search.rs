//! Strong-Wolfe line search (Nocedal & Wright, algorithms 3.5 and 3.6) with
//! safeguarded quadratic interpolation; non-finite objective values count as
//! "step too long".

use super::dot;

/// Sufficient-decrease constant.
const C1: f64 = 1e-4;
/// Curvature constant (0.9 is the usual choice for quasi-Newton methods).
const C2: f64 = 0.9;
/// Maximum number of expansion steps.
const MAX_EXPAND: usize = 40;
/// Maximum number of zoom steps.
const MAX_ZOOM: usize = 60;
/// Relative rounding noise assumed in objective values (sums over many
/// terms lose several digits). Decreases below it cannot be verified.
const NOISE: f64 = 1e-11;

/// A trial point on the search line.
#[derive(Debug, Clone)]
pub(crate) struct Point {
    /// Step length from the line's origin.
    pub step: f64,
    /// Position.
    pub x: Vec<f64>,
    /// Objective value.
    pub f: f64,
    /// Gradient.
    pub grad: Vec<f64>,
}

impl Point {
    /// Whether value and gradient are all finite.
    pub(crate) fn is_finite(&self) -> bool {
        self.f.is_finite() && self.grad.iter().all(|g| g.is_finite())
    }
}

/// The line `origin + step · direction` with cached slope at the origin.
struct Line<'a> {
    origin: &'a Point,
    direction: &'a [f64],
    slope0: f64,
    /// Brackets narrower than this are abandoned (relative to the first
    /// trial step: no useful progress is possible below it).
    min_width: f64,
    /// Absolute noise level of the objective near the origin.
    noise: f64,
}

impl Line<'_> {
    fn eval<F: FnMut(&[f64], &mut [f64]) -> f64>(&self, fg: &mut F, step: f64) -> Point {
        let x: Vec<f64> = self
            .origin
            .x
            .iter()
            .zip(self.direction)
            .map(|(xi, di)| xi + step * di)
            .collect();
        let mut grad = vec![0.0; x.len()];
        let f = fg(&x, &mut grad);
        Point { step, x, f, grad }
    }

    fn slope(&self, p: &Point) -> f64 {
        dot(&p.grad, self.direction)
    }

    fn sufficient_decrease(&self, p: &Point) -> bool {
        p.is_finite() && p.f <= self.origin.f + C1 * p.step * self.slope0
    }

    /// When the decrease Armijo's condition requires is below the
    /// objective's rounding noise it cannot be checked: a value within the
    /// noise of the origin's with a flattened slope (the approximate Wolfe
    /// conditions of Hager & Zhang 2005) is then accepted, so that the
    /// gradient, which stays accurate, can finish the minimisation instead
    /// of long zooms on noise.
    fn acceptable_within_noise(&self, p: &Point) -> bool {
        p.is_finite()
            && -C1 * p.step * self.slope0 < self.noise
            && p.f <= self.origin.f + self.noise
            && self.curvature_ok(p)
    }

    fn curvature_ok(&self, p: &Point) -> bool {
        self.slope(p).abs() <= -C2 * self.slope0
    }
}

/// Finds a step along `direction` (a descent direction) satisfying the strong
/// Wolfe conditions, starting with `first_step`. Returns `None` on failure.
pub(crate) fn strong_wolfe<F>(
    fg: &mut F,
    origin: &Point,
    direction: &[f64],
    first_step: f64,
) -> Option<Point>
where
    F: FnMut(&[f64], &mut [f64]) -> f64,
{
    let line = Line {
        origin,
        direction,
        slope0: dot(&origin.grad, direction),
        min_width: 1e-10 * first_step,
        noise: NOISE * origin.f.abs().max(1.0),
    };
    if line.slope0.is_nan() || line.slope0 >= 0.0 {
        return None;
    }
    let mut previous = Point {
        step: 0.0,
        ..origin.clone()
    };
    let mut step = first_step;
    for i in 0..MAX_EXPAND {
        let trial = line.eval(fg, step);
        if line.acceptable_within_noise(&trial) {
            return Some(trial);
        }
        if !line.sufficient_decrease(&trial) || (i > 0 && trial.f >= previous.f) {
            return zoom(fg, &line, previous, trial);
        }
        if line.curvature_ok(&trial) {
            return Some(trial);
        }
        if line.slope(&trial) >= 0.0 {
            return zoom(fg, &line, trial, previous);
        }
        previous = trial;
        step *= 2.0;
    }
    None
}

/// Zoom phase: `lo` satisfies sufficient decrease and has the lower value;
/// the minimiser along the line lies between `lo` and `hi`.
fn zoom<F>(fg: &mut F, line: &Line<'_>, mut lo: Point, mut hi: Point) -> Option<Point>
where
    F: FnMut(&[f64], &mut [f64]) -> f64,
{
    for _ in 0..MAX_ZOOM {
        let width = hi.step - lo.step;
        if width.abs() <= line.min_width {
            break;
        }
        let step = interpolate(line, &lo, &hi);
        let trial = line.eval(fg, step);
        if line.acceptable_within_noise(&trial) {
            return Some(trial);
        }
        if !line.sufficient_decrease(&trial) || trial.f >= lo.f {
            hi = trial;
            continue;
        }
        if line.curvature_ok(&trial) {
            return Some(trial);
        }
        if line.slope(&trial) * (hi.step - lo.step) >= 0.0 {
            hi = lo;
        }
        lo = trial;
    }
    // Accept the best point with a strict decrease, if any.
    (lo.step != 0.0 && lo.f < line.origin.f).then_some(lo)
}

/// Minimiser of the quadratic through `lo` (value and slope) and `hi`
/// (value), kept at least 10% of the bracket away from either end;
/// bisection when `hi` is not finite.
fn interpolate(line: &Line<'_>, lo: &Point, hi: &Point) -> f64 {
    let (a, b) = (lo.step, hi.step);
    let width = b - a;
    let mid = a + 0.5 * width;
    if !hi.f.is_finite() {
        return mid;
    }
    let slope = line.slope(lo);
    let denom = 2.0 * (hi.f - lo.f - slope * width);
    if denom.is_nan() || denom <= 0.0 {
        return mid;
    }
    let t = a - slope * width * width / denom;
    let (low, high) = if a < b { (a, b) } else { (b, a) };
    let margin = 0.1 * width.abs();
    if t.is_finite() {
        t.clamp(low + margin, high - margin)
    } else {
        mid
    }
}
