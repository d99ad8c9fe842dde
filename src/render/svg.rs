//! Small inline SVG bar charts for the HTML report: no scripts, no external assets, every label
//! escaped.

use super::html::escape;

/// One bar group: a label under it and one value per series.
pub struct Group {
    pub label: String,
    pub values: Vec<usize>,
}

/// A series: its name (legend) and fill colour.
pub struct Series {
    pub name: String,
    pub color: &'static str,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Series side by side in each group.
    Grouped,
    /// Series stacked in one bar.
    Stacked,
}

const WIDTH: f64 = 560.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 36.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 28.0;
const BOTTOM: f64 = 40.0;

/// The top of the value axis: four whole, round steps (1, 2, 3, 4, 5, 10, 15, 20, 25, 50, 75 ×
/// 10^n) that reach `value`.
fn nice_ceiling(value: usize) -> usize {
    let needed = value.max(1).div_ceil(4);
    let mut scale = 1;
    loop {
        for m in [1, 2, 3, 4, 5, 10, 15, 20, 25, 50, 75] {
            if scale * m >= needed {
                return 4 * scale * m;
            }
        }
        scale *= 100;
    }
}

pub fn bar_chart(title: &str, groups: &[Group], series: &[Series], layout: Layout) -> String {
    let total = |g: &Group| match layout {
        Layout::Grouped => g.values.iter().copied().max().unwrap_or(0),
        Layout::Stacked => g.values.iter().sum(),
    };
    let top = nice_ceiling(groups.iter().map(total).max().unwrap_or(0));
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let y = |v: f64| TOP + plot_h - v / top as f64 * plot_h;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-label=\"{}\" class=\"chart\">\n",
        escape(title)
    );
    // Grid lines and the value axis: four steps.
    for step in 0..=4 {
        let value = top as f64 * step as f64 / 4.0;
        let at = y(value);
        out.push_str(&format!(
            "<line x1=\"{LEFT}\" y1=\"{at:.1}\" x2=\"{:.1}\" y2=\"{at:.1}\" class=\"grid\"/>\n<text x=\"{:.1}\" y=\"{:.1}\" class=\"axis\" text-anchor=\"end\">{}</text>\n",
            WIDTH - RIGHT,
            LEFT - 6.0,
            at + 4.0,
            value.round()
        ));
    }
    let slot = plot_w / groups.len().max(1) as f64;
    let bar_area = slot * 0.72;
    for (index, group) in groups.iter().enumerate() {
        let x0 = LEFT + slot * index as f64 + (slot - bar_area) / 2.0;
        match layout {
            Layout::Grouped => {
                let width = bar_area / series.len().max(1) as f64;
                for (s, (&value, serie)) in group.values.iter().zip(series).enumerate() {
                    let x = x0 + width * s as f64;
                    out.push_str(&format!(
                        "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{}\"><title>{}: {} {value}</title></rect>\n",
                        y(value as f64),
                        (width - 1.0).max(1.0),
                        y(0.0) - y(value as f64),
                        serie.color,
                        escape(&group.label),
                        escape(&serie.name)
                    ));
                }
            }
            Layout::Stacked => {
                let mut base = 0usize;
                for (&value, serie) in group.values.iter().zip(series) {
                    if value == 0 {
                        continue;
                    }
                    out.push_str(&format!(
                        "<rect x=\"{x0:.1}\" y=\"{:.1}\" width=\"{bar_area:.1}\" height=\"{:.1}\" fill=\"{}\"><title>{}: {} {value}</title></rect>\n",
                        y((base + value) as f64),
                        y(base as f64) - y((base + value) as f64),
                        serie.color,
                        escape(&group.label),
                        escape(&serie.name)
                    ));
                    base += value;
                }
            }
        }
        // Every other label when they would crowd.
        if groups.len() <= 8 || index % 2 == (groups.len() - 1) % 2 {
            out.push_str(&format!(
                "<text x=\"{:.1}\" y=\"{:.1}\" class=\"axis\" text-anchor=\"middle\">{}</text>\n",
                x0 + bar_area / 2.0,
                HEIGHT - BOTTOM + 16.0,
                escape(&group.label)
            ));
        }
    }
    // Legend, top left.
    let mut x = LEFT;
    for serie in series {
        out.push_str(&format!(
            "<rect x=\"{x:.1}\" y=\"8\" width=\"10\" height=\"10\" fill=\"{}\"/><text x=\"{:.1}\" y=\"17\" class=\"legend\">{}</text>\n",
            serie.color,
            x + 14.0,
            escape(&serie.name)
        ));
        x += 24.0 + 7.0 * serie.name.chars().count() as f64;
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_ends_on_a_round_number() {
        assert_eq!(nice_ceiling(0), 4);
        assert_eq!(nice_ceiling(2), 4);
        assert_eq!(nice_ceiling(7), 8);
        assert_eq!(nice_ceiling(13), 16);
        assert_eq!(nice_ceiling(41), 60);
        assert_eq!(nice_ceiling(390), 400);
    }

    #[test]
    fn labels_are_escaped() {
        let svg = bar_chart(
            "t",
            &[Group { label: "<script>".into(), values: vec![1, 2] }],
            &[Series { name: "a&b".into(), color: "#000" }, Series { name: "c".into(), color: "#111" }],
            Layout::Stacked,
        );
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;") && svg.contains("a&amp;b"));
    }
}
