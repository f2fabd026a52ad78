//! Plain-text views for the terminal: the map as a grid of stages × lanes, and the report.

use std::fmt::Write as _;

use journey_core::metrics::{MapMetrics, Metrics};
use journey_core::model::JourneyMap;
use journey_core::report::Report;

const LANE_WIDTH: usize = 22;
const CELL_WIDTH: usize = 26;

/// Cuts `s` to `width` characters, marking a cut with `…`, and pads it to `width`.
fn fit(s: &str, width: usize) -> String {
    let s = s.replace(['\n', '\t'], " ");
    let n = s.chars().count();
    if n <= width {
        format!("{s}{}", " ".repeat(width - n))
    } else {
        let mut out: String = s.chars().take(width.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// NPS with its sign, e.g. `+12` or `-40`.
fn signed(n: i32) -> String {
    if n > 0 {
        format!("+{n}")
    } else {
        n.to_string()
    }
}

/// The figures that have evidence, e.g. `NPS +12 (n=9) · pain 6.5 max 9 (n=4)`.
pub fn metrics_line(m: &Metrics) -> String {
    let mut parts = vec![format!("{} feedback", m.feedback_count)];
    if let Some(n) = m.nps {
        parts.push(format!("NPS {} (n={})", signed(n.score), n.n));
    }
    if let Some(c) = m.csat {
        parts.push(format!(
            "CSAT {:.1} ({}% satisfied, n={})",
            c.mean, c.top_pct, c.n
        ));
    }
    if let Some(c) = m.ces {
        parts.push(format!(
            "CES {:.1} ({}% easy, n={})",
            c.mean, c.top_pct, c.n
        ));
    }
    if let Some(p) = m.pain {
        parts.push(format!("pain {:.1} max {} (n={})", p.mean, p.max, p.n));
    }
    parts.join(" · ")
}

fn short_metrics(m: &Metrics) -> String {
    let mut parts = Vec::new();
    if let Some(n) = m.nps {
        parts.push(format!("NPS {} n={}", signed(n.score), n.n));
    }
    if let Some(p) = m.pain {
        parts.push(format!("pain {:.1}", p.mean));
    }
    parts.join(" ")
}

/// The map as a text grid: stages are columns, visible lanes are rows, each cell lists its
/// touchpoints with their pain in brackets.
pub fn grid(map: &JourneyMap) -> String {
    let metrics = MapMetrics::compute(map);
    let mut out = String::new();
    let m = &map.meta;
    let _ = writeln!(out, "{}  ({})", m.name, m.id);
    if !m.persona.name.is_empty() {
        let _ = writeln!(out, "Persona: {}", m.persona.name);
    }
    let _ = writeln!(
        out,
        "{} stages · {} lanes · {} touchpoints · {} links · {}",
        map.stages.len(),
        map.lanes.len(),
        map.touchpoints.len(),
        map.links.len(),
        metrics_line(&metrics.map)
    );
    out.push('\n');
    if map.stages.is_empty() {
        out.push_str("(no stages yet)\n");
        return out;
    }
    let rule = {
        let mut r = "-".repeat(LANE_WIDTH);
        for _ in &map.stages {
            r.push_str("-+-");
            r.push_str(&"-".repeat(CELL_WIDTH));
        }
        r
    };
    let row = |first: &str, cells: &mut dyn Iterator<Item = String>| {
        let mut line = fit(first, LANE_WIDTH);
        for c in cells {
            line.push_str(" | ");
            line.push_str(&fit(&c, CELL_WIDTH));
        }
        line.trim_end().to_string()
    };
    let _ = writeln!(
        out,
        "{}",
        row("", &mut map.stages.iter().map(|s| s.name.clone()))
    );
    let _ = writeln!(
        out,
        "{}",
        row(
            "",
            &mut map.stages.iter().map(|s| metrics
                .stages
                .get(&s.id)
                .map(short_metrics)
                .unwrap_or_default())
        )
    );
    let mut hidden = 0;
    for lane in &map.lanes {
        if lane.hidden {
            hidden += 1;
            continue;
        }
        let _ = writeln!(out, "{rule}");
        let cells: Vec<Vec<String>> = map
            .stages
            .iter()
            .map(|s| {
                map.touchpoints
                    .iter()
                    .filter(|t| t.stage_id == s.id && t.lane_id == lane.id)
                    .map(|t| match t.pain {
                        Some(p) => format!("{} [{p}]", t.title),
                        None => t.title.clone(),
                    })
                    .collect()
            })
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
        for i in 0..height {
            let label = if i == 0 { lane.name.as_str() } else { "" };
            let _ = writeln!(
                out,
                "{}",
                row(
                    label,
                    &mut cells.iter().map(|c| c.get(i).cloned().unwrap_or_default())
                )
            );
        }
    }
    let _ = writeln!(out, "{rule}");
    if hidden > 0 {
        let _ = writeln!(
            out,
            "({hidden} hidden lane{})",
            if hidden == 1 { "" } else { "s" }
        );
    }
    out.push_str("[n] = pain score 0–10\n");
    out
}

/// The report as text.
pub fn report(r: &Report, map: &JourneyMap) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Report: {}  ({})", r.map_name, r.map_id);
    let _ = writeln!(out, "Whole map: {}", metrics_line(&r.metrics));
    out.push('\n');
    let _ = writeln!(out, "Pain points, worst first (pain, then evidence)");
    if r.pain_points.is_empty() {
        let _ = writeln!(out, "  none scored above 0");
    }
    for p in &r.pain_points {
        let nps = p
            .metrics
            .nps
            .map(|n| format!("NPS {} (n={})", signed(n.score), n.n))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {:>3}. pain {:>2}  {:>3} feedback  {} {} {} {}",
            p.rank,
            p.pain,
            p.metrics.feedback_count,
            fit(&p.title, 32),
            fit(&p.stage, 14),
            fit(&p.lane, 24),
            nps
        );
    }
    out.push('\n');
    let _ = writeln!(out, "Stages");
    for s in &r.stages {
        let _ = writeln!(out, "  {} {}", fit(&s.name, 24), metrics_line(&s.metrics));
    }
    out.push('\n');
    let _ = writeln!(out, "Lanes");
    for l in &r.lanes {
        let _ = writeln!(out, "  {} {}", fit(&l.name, 24), metrics_line(&l.metrics));
    }
    if let Some(path) = &r.pain_path {
        out.push('\n');
        let titles: Vec<&str> = path
            .touchpoints
            .iter()
            .filter_map(|id| map.touchpoint(id).map(|t| t.title.as_str()))
            .collect();
        let _ = writeln!(
            out,
            "Most painful flow path (total pain {}):",
            path.total_pain
        );
        let _ = writeln!(out, "  {}", titles.join(" → "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_and_pads_by_characters() {
        assert_eq!(fit("abc", 5), "abc  ");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("été", 3), "été");
        assert_eq!(fit("a\nb", 3), "a b");
    }
}
