//! Charts drawn as vectors: grouped bars and lines over a few categories (quarters, months), with
//! a value axis of round steps, the values printed, and a legend.

use super::compose::fit;
use super::font::{self, Face};
use super::page::{Page, Rgb};

/// One series: its name, colour and one value per category (None: no value, e.g. no deployments).
pub struct Series {
    pub name: String,
    pub color: Rgb,
    pub values: Vec<Option<f64>>,
}

/// What to draw.
pub struct Chart<'a> {
    pub title: &'a str,
    pub categories: &'a [String],
    pub series: &'a [Series],
    /// Formats a value for the axis and the labels ("12", "8 %").
    pub format: fn(f64) -> String,
}

pub const PALETTE: [Rgb; 5] =
    [Rgb(0x1f, 0x5f, 0xa8), Rgb(0xe0, 0x8a, 0x1e), Rgb(0xb4, 0x2b, 0x2b), Rgb(0x2e, 0x7d, 0x4f), Rgb(0x6b, 0x4c, 0x9a)];

/// A round step for an axis up to `max` with about `ticks` steps.
fn nice_step(max: f64, ticks: f64) -> f64 {
    let raw = (max / ticks).max(1e-9);
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * magnitude).find(|s| *s >= raw).unwrap_or(raw);
    if max >= 4.0 { step.max(1.0) } else { step }
}

struct Plot {
    left: f32,
    top: f32,
    width: f32,
    height: f32,
    max: f64,
}

impl Plot {
    fn y(&self, v: f64) -> f32 {
        self.top + self.height - (v / self.max) as f32 * self.height
    }
}

/// Draws the frame, the axis and the legend; returns the plot area.
fn frame(page: &mut Page, x: f32, y: f32, w: f32, h: f32, chart: &Chart<'_>) -> Plot {
    page.text(x, y + 10.0, 9.5, true, Rgb::TEXT, fit(chart.title, Face::Bold, 9.5, w));
    // Legend, right-aligned on the title line.
    let mut lx = x + w;
    for s in chart.series.iter().rev() {
        let label_w = font::width(Face::Regular, 7.5, &s.name);
        lx -= label_w;
        page.text(lx, y + 10.0, 7.5, false, Rgb::MUTED, s.name.clone());
        lx -= 12.0;
        page.fill(lx, y + 3.5, 8.0, 8.0, s.color);
        lx -= 10.0;
    }
    let max_value = chart.series.iter().flat_map(|s| s.values.iter().flatten()).fold(0.0f64, |a, &b| a.max(b));
    let mut step = nice_step(if max_value > 0.0 { max_value } else { 1.0 }, 4.0);
    // Counts get whole steps: an axis of 0, 0.25, 0.5 … would print 0, 0, 1 … and mean nothing.
    if chart.series.iter().flat_map(|s| s.values.iter().flatten()).all(|v| v.fract() == 0.0) {
        step = step.max(1.0).round();
    }
    let max = (max_value / step).ceil().max(1.0) * step;
    let axis_w =
        (0..=4).map(|i| font::width(Face::Regular, 7.0, &(chart.format)(step * f64::from(i)))).fold(0.0f32, f32::max)
            + 6.0;
    let plot = Plot { left: x + axis_w, top: y + 22.0, width: w - axis_w, height: h - 22.0 - 16.0, max };
    let mut v = 0.0;
    while v <= max + step * 0.01 {
        let gy = plot.y(v);
        page.line((plot.left, gy), (plot.left + plot.width, gy), if v == 0.0 { Rgb::MUTED } else { Rgb::RULE }, 0.4);
        let label = (chart.format)(v);
        page.text(plot.left - 4.0 - font::width(Face::Regular, 7.0, &label), gy + 2.5, 7.0, false, Rgb::MUTED, label);
        v += step;
    }
    let band = plot.width / chart.categories.len().max(1) as f32;
    for (i, c) in chart.categories.iter().enumerate() {
        let label = fit(c, Face::Regular, 7.5, band - 4.0);
        let cx = plot.left + band * (i as f32 + 0.5);
        page.text(
            cx - font::width(Face::Regular, 7.5, &label) / 2.0,
            plot.top + plot.height + 11.0,
            7.5,
            false,
            Rgb::TEXT,
            label,
        );
    }
    plot
}

fn value_label(page: &mut Page, cx: f32, y: f32, text: String) {
    let w = font::width(Face::Regular, 6.5, &text);
    page.text(cx - w / 2.0, y, 6.5, false, Rgb::TEXT, text);
}

/// Grouped bars: one group per category, one bar per series.
pub fn bars(page: &mut Page, x: f32, y: f32, w: f32, h: f32, chart: &Chart<'_>) {
    let plot = frame(page, x, y, w, h, chart);
    let band = plot.width / chart.categories.len().max(1) as f32;
    let n = chart.series.len().max(1) as f32;
    let bar_w = (band * 0.7 / n).min(28.0);
    for i in 0..chart.categories.len() {
        let group_left = plot.left + band * (i as f32 + 0.5) - bar_w * n / 2.0;
        for (k, s) in chart.series.iter().enumerate() {
            let Some(v) = s.values.get(i).copied().flatten() else { continue };
            let bx = group_left + bar_w * k as f32;
            let top = plot.y(v);
            page.fill(bx + 0.5, top, bar_w - 1.0, plot.top + plot.height - top, s.color);
            value_label(page, bx + bar_w / 2.0, top - 2.5, (chart.format)(v));
        }
    }
}

/// Lines with a dot per value; a missing value breaks the line.
pub fn lines(page: &mut Page, x: f32, y: f32, w: f32, h: f32, chart: &Chart<'_>) {
    let plot = frame(page, x, y, w, h, chart);
    let band = plot.width / chart.categories.len().max(1) as f32;
    for s in chart.series {
        let mut run: Vec<(f32, f32)> = Vec::new();
        let flush = |run: &mut Vec<(f32, f32)>, page: &mut Page| {
            if run.len() > 1 {
                page.marks.push(super::page::Mark::Line {
                    points: std::mem::take(run),
                    color: s.color,
                    width: 1.6,
                    dashed: false,
                });
            }
            run.clear();
        };
        for i in 0..chart.categories.len() {
            let cx = plot.left + band * (i as f32 + 0.5);
            match s.values.get(i).copied().flatten() {
                Some(v) => run.push((cx, plot.y(v))),
                None => flush(&mut run, page),
            }
        }
        flush(&mut run, page);
        for i in 0..chart.categories.len() {
            if let Some(v) = s.values.get(i).copied().flatten() {
                let (cx, cy) = (plot.left + band * (i as f32 + 0.5), plot.y(v));
                page.fill(cx - 2.2, cy - 2.2, 4.4, 4.4, s.color);
                value_label(page, cx, cy - 5.0, (chart.format)(v));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_steps_are_round() {
        assert_eq!(nice_step(10.0, 4.0), 2.5);
        assert_eq!(nice_step(37.0, 4.0), 10.0);
        assert_eq!(nice_step(3.0, 4.0), 1.0);
        assert!((nice_step(0.3, 4.0) - 0.1).abs() < 1e-9);
    }

    #[test]
    fn bars_stay_inside_their_box() {
        let mut page = Page::new(600.0, 800.0);
        let cats: Vec<String> = ["2026 Q2", "2026 Q3", "2026 Q4", "2027 Q1"].map(String::from).to_vec();
        let series = [
            Series {
                name: "Implemented".into(),
                color: PALETTE[0],
                values: vec![Some(12.0), Some(30.0), None, Some(7.0)],
            },
            Series {
                name: "Failed".into(),
                color: PALETTE[2],
                values: vec![Some(1.0), Some(0.0), Some(2.0), Some(3.0)],
            },
        ];
        let chart = Chart { title: "Releases", categories: &cats, series: &series, format: |v| format!("{v:.0}") };
        bars(&mut page, 50.0, 100.0, 400.0, 180.0, &chart);
        for m in &page.marks {
            if let super::super::page::Mark::Rect { x, y, w, h, .. } = m {
                assert!(*x >= 50.0 && x + w <= 450.01 && *y >= 100.0 && y + h <= 280.01, "{m:?}");
            }
        }
    }
}
