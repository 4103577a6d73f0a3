//! Server-rendered SVG charts: the geometry of bar and line charts (the
//! templates draw it), scaled to a fixed view box. No external service.

/// One bar: position, size, label and tooltip.
pub struct Bar {
    pub(crate) x: i64,
    pub(crate) y: i64,
    pub(crate) w: i64,
    pub(crate) h: i64,
    pub(crate) label: String,
    pub(crate) title: String,
}

/// Chart height in view-box units (the plot area; labels go below).
pub const HEIGHT: i64 = 160;
/// Chart width in view-box units.
pub const WIDTH: i64 = 600;

fn scale(v: i64, max: i64) -> i64 {
    if max <= 0 {
        0
    } else {
        (v.max(0) as f64 / max as f64 * (HEIGHT - 10) as f64).round() as i64
    }
}

/// Bars for `(label, value, tooltip)`, side by side.
pub fn bars(values: &[(String, i64, String)]) -> Vec<Bar> {
    let max = values.iter().map(|v| v.1).max().unwrap_or(0);
    let n = i64::try_from(values.len()).unwrap_or(1).max(1);
    let slot = WIDTH / n;
    let w = (slot * 7 / 10).max(2);
    values
        .iter()
        .zip(0..)
        .map(|((label, v, title), i)| {
            let h = scale(*v, max);
            Bar {
                x: i * slot + (slot - w) / 2,
                y: HEIGHT - h,
                w,
                h,
                label: label.chars().take(14).collect(),
                title: title.clone(),
            }
        })
        .collect()
}

/// A polyline's `points` attribute for values spread over the width.
pub fn line(values: &[i64]) -> String {
    let max = values.iter().copied().max().unwrap_or(0);
    let n = i64::try_from(values.len()).unwrap_or(1);
    let step = if n > 1 { WIDTH / (n - 1) } else { 0 };
    values
        .iter()
        .zip(0..)
        .map(|(v, i)| format!("{},{}", i * step, HEIGHT - scale(*v, max)))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_largest_bar_fills_the_plot_and_zero_is_flat() {
        let b = bars(&[
            ("a".into(), 50, String::new()),
            ("b".into(), 100, String::new()),
            ("c".into(), 0, String::new()),
        ]);
        assert_eq!(b[1].h, HEIGHT - 10);
        assert_eq!(b[0].h, (HEIGHT - 10) / 2);
        assert_eq!((b[2].h, b[2].y), (0, HEIGHT));
        assert!(b[0].x < b[1].x);
    }

    #[test]
    fn a_line_spans_the_width_and_survives_all_zero() {
        assert_eq!(line(&[0, 10]), format!("0,{HEIGHT} {WIDTH},10"));
        assert_eq!(
            line(&[0, 0, 0]),
            format!("0,{HEIGHT} 300,{HEIGHT} 600,{HEIGHT}")
        );
        assert_eq!(line(&[]), "");
    }
}
