//! Chart geometry: turns numbers into positions, ticks and labels for the SVG macros in
//! `templates/macros.html`. Nothing here knows about tables or writes markup; every
//! coordinate is rounded to 0.1 px so the output is stable.

use serde::Serialize;

/// Colour-blind-safe palette (Okabe & Ito), for chart series in a fixed order.
const PALETTE: [&str; 8] = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999933", "#332288"];

/// The colour of series `i` (the palette repeats after eight series).
pub fn colour(i: usize) -> &'static str {
    PALETTE[i % PALETTE.len()]
}

fn px(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// A tick on an axis: where its line is, where its label's baseline is, and the label.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Tick {
    pub at: f64,
    pub text_at: f64,
    pub label: String,
}

/// One value over the years: a dot (hollow for history, filled for a goal), with a bar up
/// to `value_max` for a range.
#[derive(Debug, Clone)]
pub struct Point {
    pub year: i64,
    pub value: f64,
    pub value_max: Option<f64>,
    pub series: usize,
    pub hollow: bool,
    pub tip: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Mark {
    pub cx: f64,
    pub cy: f64,
    pub cy_max: Option<f64>,
    pub colour: &'static str,
    pub hollow: bool,
    pub tip: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct LegendItem {
    pub at: f64,
    pub dot_at: f64,
    pub colour: &'static str,
    pub label: String,
}

/// Values over years: year across, value up, the unit on the value axis.
#[derive(Debug, Clone, Serialize)]
pub struct PointsChart {
    pub title: String,
    pub w: f64,
    pub h: f64,
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
    pub y_tick_x: f64,
    pub x_tick_end: f64,
    pub y_mid: f64,
    pub x_mid: f64,
    pub x_label_at: f64,
    pub x_label: String,
    pub y_label: String,
    pub x_ticks: Vec<Tick>,
    pub y_ticks: Vec<Tick>,
    pub marks: Vec<Mark>,
    pub legend: Vec<LegendItem>,
    pub legend_x: f64,
    pub legend_text_x: f64,
}

/// A tick step of 1, 2 or 5 × 10^k giving about `target` intervals over `range`.
pub fn nice_step(range: f64, target: usize) -> f64 {
    if range <= 0.0 || !range.is_finite() {
        return 1.0;
    }
    let raw = range / target.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let m = match raw / mag {
        n if n <= 1.0 => 1.0,
        n if n <= 2.0 => 2.0,
        n if n <= 5.0 => 5.0,
        _ => 10.0,
    };
    m * mag
}

/// Axis bounds snapped to the tick step (always including zero), the ticks, and the
/// decimals their labels need.
pub fn axis(lo: f64, hi: f64, target: usize) -> (f64, f64, Vec<f64>, usize) {
    let (mut lo, mut hi) = (lo.min(0.0), hi.max(0.0));
    if hi - lo <= 0.0 {
        hi = lo + 1.0;
    }
    let step = nice_step(hi - lo, target);
    lo = (lo / step).floor() * step;
    hi = (hi / step).ceil() * step;
    let decimals = if step >= 1.0 { 0 } else { (-step.log10().floor()) as usize };
    let n = ((hi - lo) / step).round() as i64;
    let ticks = (0..=n).map(|i| lo + i as f64 * step).collect();
    (lo, hi, ticks, decimals)
}

pub fn fmt_tick(v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    if s == "-0" {
        "0".into()
    } else {
        s
    }
}

/// The power of ten (a multiple of 3) that keeps tick labels short: 5.0e11 CNY is drawn as
/// 500 on an axis labelled "CNY × 10⁹".
pub fn scale_exponent(max_abs: f64) -> i32 {
    if !max_abs.is_finite() || max_abs < 1e4 {
        return 0;
    }
    3 * (max_abs.log10().floor() as i32 / 3)
}

fn superscript(n: i32) -> String {
    n.to_string()
        .chars()
        .map(|c| match c {
            '-' => '⁻',
            d => ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'][d.to_digit(10).unwrap_or(0) as usize],
        })
        .collect()
}

/// The value-axis label: the unit, and the scale when values are divided by a power of ten.
pub fn unit_label(unit: &str, exponent: i32) -> String {
    if exponent == 0 {
        unit.to_string()
    } else {
        format!("{unit} × 10{}", superscript(exponent))
    }
}

/// Lay out `points` (series named by `series`, in that order) over their years, the value
/// axis labelled with `unit`.
pub fn points_chart(title: &str, unit: &str, series: &[String], points: &[Point]) -> PointsChart {
    let longest = series.iter().map(|s| s.chars().count()).max().unwrap_or(0) as f64;
    let legend_w = (30.0 + 6.5 * longest).clamp(0.0, 240.0);
    let (w, h, left, top, bottom_margin) = (380.0 + legend_w + 70.0, 260.0, 70.0, 14.0, 40.0);
    let right = w - legend_w - 10.0;
    let bottom = h - bottom_margin;
    let max_abs = points.iter().flat_map(|p| [Some(p.value), p.value_max]).flatten().fold(0.0f64, |m, v| m.max(v.abs()));
    let exponent = scale_exponent(max_abs);
    let scale = 10f64.powi(exponent);
    let values: Vec<f64> = points.iter().flat_map(|p| [Some(p.value), p.value_max]).flatten().map(|v| v / scale).collect();
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (lo, hi, ticks, dec) = axis(if lo.is_finite() { lo } else { 0.0 }, if hi.is_finite() { hi } else { 1.0 }, 4);
    let y = |v: f64| px(bottom - (v / scale - lo) / (hi - lo) * (bottom - top));
    let first = points.iter().map(|p| p.year).min().unwrap_or(0);
    let last = points.iter().map(|p| p.year).max().unwrap_or(0).max(first + 1);
    // Half a year of room either side so no dot sits on the axis.
    let x = |yr: f64| px(left + 12.0 + (yr - first as f64) / (last - first) as f64 * (right - left - 24.0));
    let step = nice_step((last - first) as f64, 6).max(1.0) as i64;
    let x_ticks = (first..=last)
        .filter(|yr| (yr - first) % step == 0)
        .map(|yr| Tick { at: x(yr as f64), text_at: bottom + 17.0, label: yr.to_string() })
        .collect();
    let y_ticks =
        ticks.iter().map(|t| Tick { at: y(t * scale), text_at: y(t * scale) + 4.0, label: fmt_tick(*t, dec) }).collect();
    let marks = points
        .iter()
        .map(|p| Mark {
            cx: x(p.year as f64),
            cy: y(p.value),
            cy_max: p.value_max.map(y),
            colour: colour(p.series),
            hollow: p.hollow,
            tip: p.tip.clone(),
        })
        .collect();
    let legend = series
        .iter()
        .enumerate()
        .map(|(i, s)| LegendItem { at: top + 12.0 + 18.0 * i as f64, dot_at: top + 8.0 + 18.0 * i as f64, colour: colour(i), label: s.clone() })
        .collect();
    PointsChart {
        title: title.to_string(),
        w,
        h,
        left,
        right,
        top,
        bottom,
        y_tick_x: left - 6.0,
        x_tick_end: bottom + 4.0,
        y_mid: px((top + bottom) / 2.0),
        x_mid: px((left + right) / 2.0),
        x_label_at: h - 4.0,
        x_label: "year".into(),
        y_label: unit_label(unit, exponent),
        x_ticks,
        y_ticks,
        marks,
        legend,
        legend_x: right + 16.0,
        legend_text_x: right + 26.0,
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    pub label: String,
    pub group: String,
    pub colour: &'static str,
    pub n: usize,
    pub at: f64,
    pub text_at: f64,
    pub width: f64,
    pub n_x: f64,
}

/// Horizontal bars, one per labelled count.
#[derive(Debug, Clone, Serialize)]
pub struct BarsChart {
    pub title: String,
    pub w: f64,
    pub h: f64,
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
    pub label_x: f64,
    pub bar_h: f64,
    pub x_mid: f64,
    pub x_label_at: f64,
    pub x_label: String,
    pub ticks: Vec<Tick>,
    pub bars: Vec<Bar>,
}

/// Lay out one bar per (label, group, colour, count), in the order given.
pub fn bars_chart(title: &str, x_label: &str, items: &[(String, String, &'static str, usize)]) -> BarsChart {
    let (w, left, right, top, row_h) = (760.0, 290.0, 700.0, 10.0, 22.0);
    let bottom = top + row_h * items.len() as f64;
    let h = bottom + 34.0;
    let max = items.iter().map(|i| i.3).max().unwrap_or(0) as f64;
    let (_, hi, ticks, dec) = axis(0.0, max, 5);
    let x = |v: f64| px(left + v / hi * (right - left));
    BarsChart {
        title: title.to_string(),
        w,
        h,
        left,
        right,
        top,
        bottom,
        label_x: left - 8.0,
        bar_h: row_h - 8.0,
        x_mid: px((left + right) / 2.0),
        x_label_at: h - 4.0,
        x_label: x_label.to_string(),
        ticks: ticks.iter().map(|t| Tick { at: x(*t), text_at: bottom + 14.0, label: fmt_tick(*t, dec) }).collect(),
        bars: items
            .iter()
            .enumerate()
            .map(|(i, (label, group, colour, n))| {
                let at = top + row_h * i as f64;
                Bar {
                    label: label.clone(),
                    group: group.clone(),
                    colour,
                    n: *n,
                    at: px(at + 4.0),
                    text_at: px(at + 15.0),
                    width: px(x(*n as f64) - left),
                    n_x: px(x(*n as f64) + 4.0),
                }
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_are_nice() {
        let (lo, hi, ticks, dec) = axis(0.0, 358.0, 5);
        assert_eq!((lo, hi, dec), (0.0, 400.0, 0));
        assert_eq!(ticks.len(), 5);
        let (_, hi, ticks, dec) = axis(0.0, 0.42, 4);
        assert!((hi - 0.6).abs() < 1e-9 && dec == 1);
        assert_eq!(ticks.iter().map(|t| fmt_tick(*t, dec)).collect::<Vec<_>>(), ["0.0", "0.2", "0.4", "0.6"]);
        let (lo, hi, _, _) = axis(5.0, 5.0, 4);
        assert!(lo <= 0.0 && hi >= 5.0);
        assert_eq!(fmt_tick(-0.0, 0), "0");
    }

    #[test]
    fn large_values_are_scaled_and_the_axis_says_so() {
        assert_eq!(scale_exponent(5.0e11), 9);
        assert_eq!(scale_exponent(9999.0), 0);
        assert_eq!(unit_label("CNY", 9), "CNY × 10⁹");
        let pts = [
            Point { year: 2010, value: 1.3e12, value_max: None, series: 0, hollow: true, tip: "a".into() },
            Point { year: 2015, value: 2.6e12, value_max: Some(3.0e12), series: 1, hollow: false, tip: "b".into() },
        ];
        let c = points_chart("t", "CNY", &["d1".into(), "d2".into()], &pts);
        assert_eq!(c.y_label, "CNY × 10¹²");
        assert_eq!(c.x_ticks.first().map(|t| t.label.as_str()), Some("2010"));
        assert_eq!(c.x_ticks.last().map(|t| t.label.as_str()), Some("2015"));
        // Larger values are higher up (smaller y); the later year is further right.
        assert!(c.marks[1].cy < c.marks[0].cy && c.marks[1].cx > c.marks[0].cx);
        assert!(c.marks[1].cy_max.unwrap() < c.marks[1].cy);
        // Every mark lies inside the plot area.
        for m in &c.marks {
            assert!(m.cx > c.left && m.cx < c.right && m.cy >= c.top && m.cy <= c.bottom, "{m:?}");
        }
    }

    #[test]
    fn bars_grow_with_their_counts() {
        let c = bars_chart("t", "findings", &[("a".into(), "error".into(), "#b3261e", 3), ("b".into(), "info".into(), "#0969da", 0)]);
        assert!(c.bars[0].width > 0.0 && c.bars[1].width == 0.0);
        assert!(c.bars[0].width <= c.right - c.left);
    }
}
