//! The map and its analysis as text: a grid of stages × lanes for the terminal, the
//! report as plain text and as Markdown, the heatmap as a text grid, the workshop's
//! decisions and rounds. Shared by the CLI, the desktop app's Markdown export and the PDF
//! report's pages, so every figure is worded the same way everywhere.

use std::fmt::Write as _;

use crate::analysis::{Analysis, Evidence, EvidenceRules, Figures, Quote, WeakReason};
use crate::metrics::{MapMetrics, Metrics};
use crate::model::JourneyMap;

const LANE_WIDTH: usize = 22;
const CELL_WIDTH: usize = 26;

/// Cuts `s` to `width` characters, marking a cut with `…`, and pads it to `width`.
pub fn fit(s: &str, width: usize) -> String {
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
pub fn signed(n: i32) -> String {
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

pub fn short_metrics(m: &Metrics) -> String {
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

/// "NPS -40 (n=9, 95% CI -62…-13)".
pub fn nps_with_ci(m: &Metrics, e: &Evidence) -> Option<String> {
    let n = m.nps?;
    let ci = e
        .nps_ci
        .map(|c| format!(", 95% CI {}…{}", signed(c.low), signed(c.high)))
        .unwrap_or_default();
    Some(format!("NPS {} (n={}{ci})", signed(n.score), n.n))
}

/// "[weak: 3 feedback items]" or "[weak: newest evidence 2025-01-02]"; empty when strong.
pub fn weak_mark(e: &Evidence, rules: &EvidenceRules) -> String {
    let reasons: Vec<String> = e
        .weak
        .iter()
        .map(|w| match w {
            WeakReason::NoEvidence => "no feedback".to_string(),
            WeakReason::FewAnswers => format!("{} feedback, under {}", e.n, rules.min_n),
            WeakReason::Old => format!(
                "newest evidence {}, over {} days old",
                e.newest.map_or("?".to_string(), |d| d.to_string()),
                rules.max_age_days
            ),
        })
        .collect();
    if reasons.is_empty() {
        String::new()
    } else {
        format!("[weak: {}]", reasons.join("; "))
    }
}

pub fn title_of<'a>(map: &'a JourneyMap, id: &'a str) -> &'a str {
    map.touchpoint(id).map_or(id, |t| t.title.as_str())
}

pub fn titles(map: &JourneyMap, ids: &[impl AsRef<str>]) -> String {
    if ids.is_empty() {
        return "none".to_string();
    }
    ids.iter()
        .map(|id| title_of(map, id.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn link_titles(map: &JourneyMap, ids: &[impl AsRef<str>]) -> String {
    if ids.is_empty() {
        return "none".to_string();
    }
    ids.iter()
        .map(|id| match map.links.iter().find(|l| l.id == id.as_ref()) {
            Some(l) => format!("{} → {}", title_of(map, &l.from), title_of(map, &l.to)),
            None => id.as_ref().to_string(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn rules_line(r: &EvidenceRules) -> String {
    format!(
        "Evidence rules: a figure is weak below n={} or when its newest evidence is over {} days old{}",
        r.min_n,
        r.max_age_days,
        r.today
            .as_deref()
            .map(|t| format!(" (counted from {t})"))
            .unwrap_or_default()
    )
}

/// The report as text: every analysis, for the terminal.
pub fn report(a: &Analysis, map: &JourneyMap) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Report: {}  ({})", a.map_name, a.map_id);
    let whole = format!(
        "Whole map: {} {}",
        metrics_line(&a.map.metrics),
        weak_mark(&a.map.evidence, &a.rules)
    );
    let _ = writeln!(out, "{}", whole.trim_end());
    let _ = writeln!(out, "{}", rules_line(&a.rules));
    out.push('\n');
    let _ = writeln!(
        out,
        "Pain points, worst first (pain, then evidence, then detractors)"
    );
    if a.pain_points.is_empty() {
        let _ = writeln!(out, "  none scored above 0");
    }
    for p in &a.pain_points {
        let nps = nps_with_ci(&p.figures.metrics, &p.figures.evidence).unwrap_or_default();
        let line = format!(
            "  {:>3}. pain {:>2}  {:>3} feedback  {} {} {} {} {}",
            p.rank,
            p.pain,
            p.figures.metrics.feedback_count,
            fit(&p.title, 32),
            fit(&p.stage, 14),
            fit(&p.lane, 24),
            nps,
            weak_mark(&p.figures.evidence, &a.rules)
        );
        let _ = writeln!(out, "{}", line.trim_end());
        for q in &p.quotes {
            let _ = writeln!(
                out,
                "         “{}” — {}",
                fit(&q.text, 90).trim_end(),
                quote_source(q)
            );
        }
    }
    if let Some(more) = more_ranked(a) {
        let _ = writeln!(out, "  {more}");
    }
    out.push('\n');
    let _ = writeln!(out, "Stages");
    for (s, f) in map.stages.iter().zip(&a.heatmap.stage_totals) {
        let line = format!(
            "  {} {} {}",
            fit(&s.name, 24),
            metrics_line(&f.metrics),
            weak_mark(&f.evidence, &a.rules)
        );
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out.push('\n');
    let _ = writeln!(out, "Lanes");
    let lanes = a.heatmap.lane_ids.iter().filter_map(|id| map.lane(id));
    for (l, f) in lanes.zip(&a.heatmap.lane_totals) {
        let line = format!(
            "  {} {} {}",
            fit(&l.name, 24),
            metrics_line(&f.metrics),
            weak_mark(&f.evidence, &a.rules)
        );
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out.push('\n');
    let _ = writeln!(out, "Most painful flow paths");
    if a.pain_paths.is_empty() {
        let _ = writeln!(out, "  no flow links");
    }
    for p in &a.pain_paths {
        let steps: Vec<&str> = p.steps.iter().map(|s| s.title.as_str()).collect();
        let _ = writeln!(
            out,
            "  {}. total pain {}: {}",
            p.rank,
            p.total_pain,
            steps.join(" → ")
        );
        if !p.unscored.is_empty() {
            let _ = writeln!(
                out,
                "     unscored (counted 0): {}",
                titles(map, &p.unscored)
            );
        }
    }
    for c in &a.cycles {
        let _ = writeln!(out, "  cycle in the flow (walked once): {}", titles(map, c));
    }
    out.push('\n');
    let _ = writeln!(out, "Structure");
    let s = &a.structure;
    let _ = writeln!(out, "  no flow in or out: {}", titles(map, &s.orphans));
    let _ = writeln!(
        out,
        "  flow stops before the last stage: {}",
        titles(map, &s.dead_ends)
    );
    let _ = writeln!(
        out,
        "  flow goes back a stage: {}",
        link_titles(map, &s.backwards)
    );
    let _ = writeln!(
        out,
        "  hand-offs within one lane and owner: {}",
        link_titles(map, &s.stale_handoffs)
    );
    out.push('\n');
    let _ = writeln!(
        out,
        "Hand-offs between lanes or owners: {}",
        a.handoffs.len()
    );
    for c in &a.handoffs_per_stage {
        let _ = writeln!(out, "  from {}: {}", c.stage, c.count);
    }
    for p in &a.handoffs_per_lane_pair {
        let pain = p
            .mean_to_pain
            .map(|m| format!(", mean pain where it lands {m:.1}"))
            .unwrap_or_default();
        let _ = writeln!(out, "  {} → {}: {}{pain}", p.from_lane, p.to_lane, p.count);
    }
    out.push('\n');
    let _ = writeln!(
        out,
        "Backstage impact (fix this and these touchpoints improve)"
    );
    let mut any = false;
    for b in a.backstage.iter().filter(|b| !b.dependents.is_empty()) {
        any = true;
        let _ = writeln!(
            out,
            "  {} ({}): {} customer-facing touchpoints, total pain {}, {} feedback: {}",
            b.title,
            b.lane,
            b.dependents.len(),
            b.total_pain,
            b.feedback_count,
            titles(map, &b.dependents)
        );
    }
    if !any {
        let _ = writeln!(
            out,
            "  nothing customer-facing depends on a backstage touchpoint"
        );
    }
    let unbacked: Vec<&str> = a
        .touchpoints
        .iter()
        .filter(|t| t.pain_unbacked)
        .map(|t| t.id.as_str())
        .collect();
    out.push('\n');
    let _ = writeln!(
        out,
        "Pain not backed by evidence: {}",
        titles(map, &unbacked)
    );
    out
}

pub fn quote_source(q: &Quote) -> String {
    let mut parts = Vec::new();
    if !q.source.is_empty() {
        parts.push(q.source.clone());
    }
    if let Some(d) = &q.date {
        parts.push(d.clone());
    }
    if let Some(n) = q.nps {
        parts.push(format!("NPS answer {n}"));
    }
    if parts.is_empty() {
        "no source".to_string()
    } else {
        parts.join(", ")
    }
}

/// Markdown cells must not break the table.
pub fn md(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// The report as Markdown (renders on GitHub).
pub fn report_md(a: &Analysis, map: &JourneyMap) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", md(&a.map_name));
    let persona = &map.meta.persona;
    if !persona.name.is_empty() {
        let about = if persona.description.trim().is_empty() {
            String::new()
        } else {
            format!(": {}", md(persona.description.trim()))
        };
        let _ = writeln!(out, "Persona: **{}**{about}\n", md(&persona.name));
    }
    let _ = writeln!(
        out,
        "Report of {} · the map last changed on {}\n",
        a.rules.today.as_deref().unwrap_or("today"),
        map.meta.updated_at.chars().take(10).collect::<String>()
    );
    let whole = format!(
        "Whole map: {} {}",
        metrics_line(&a.map.metrics),
        weak_mark(&a.map.evidence, &a.rules)
    );
    let _ = writeln!(out, "{}\n", whole.trim_end());
    let _ = writeln!(out, "{}.\n", rules_line(&a.rules));
    let _ = writeln!(out, "## Pain points\n");
    if a.pain_points.is_empty() {
        let _ = writeln!(out, "None scored above 0.\n");
    } else {
        let _ = writeln!(
            out,
            "| # | Touchpoint | Stage | Lane | Pain | Feedback | NPS | Evidence |"
        );
        let _ = writeln!(out, "| ---: | --- | --- | --- | ---: | ---: | --- | --- |");
        for p in &a.pain_points {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} | {} |",
                p.rank,
                md(&p.title),
                md(&p.stage),
                md(&p.lane),
                p.pain,
                p.figures.metrics.feedback_count,
                nps_with_ci(&p.figures.metrics, &p.figures.evidence).unwrap_or_default(),
                md(&weak_mark(&p.figures.evidence, &a.rules))
            );
        }
        out.push('\n');
        if let Some(more) = more_ranked(a) {
            let _ = writeln!(out, "{more}\n");
        }
        for p in a
            .pain_points
            .iter()
            .filter(|p| !p.quotes.is_empty())
            .take(10)
        {
            let _ = writeln!(out, "**{}. {}**\n", p.rank, md(&p.title));
            for q in &p.quotes {
                let _ = writeln!(out, "> {} — {}\n", md(&q.text), md(&quote_source(q)));
            }
        }
    }
    let _ = writeln!(out, "## Most painful flow paths\n");
    if a.pain_paths.is_empty() {
        let _ = writeln!(out, "No flow links.\n");
    }
    for p in &a.pain_paths {
        let steps: Vec<String> = p.steps.iter().map(|s| md(&s.title)).collect();
        let _ = writeln!(
            out,
            "{}. Total pain {}: {}",
            p.rank,
            p.total_pain,
            steps.join(" → ")
        );
    }
    for c in &a.cycles {
        let _ = writeln!(
            out,
            "\nCycle in the flow (walked once): {}",
            md(&titles(map, c))
        );
    }
    out.push('\n');
    let _ = writeln!(out, "## Heatmap: mean pain\n");
    out.push_str(&heatmap_md(a, map));
    let _ = writeln!(out, "\n## Emotion and pain per stage\n");
    let _ = writeln!(out, "| Stage | Mean emotion (−2…+2) | Mean pain (0–10) |");
    let _ = writeln!(out, "| --- | ---: | ---: |");
    for p in &a.curve {
        let emotion = p.mean_emotion.map_or("–".to_string(), |e| {
            format!("{e:+.1} (n={})", p.emotion_n)
        });
        let pain = p
            .mean_pain
            .map_or("–".to_string(), |v| format!("{v:.1} (n={})", p.pain_n));
        let _ = writeln!(out, "| {} | {emotion} | {pain} |", md(&p.stage));
    }
    let _ = writeln!(out, "\n## Structure\n");
    let s = &a.structure;
    let _ = writeln!(out, "- No flow in or out: {}", md(&titles(map, &s.orphans)));
    let _ = writeln!(
        out,
        "- Flow stops before the last stage: {}",
        md(&titles(map, &s.dead_ends))
    );
    let _ = writeln!(
        out,
        "- Flow goes back a stage: {}",
        md(&link_titles(map, &s.backwards))
    );
    let _ = writeln!(
        out,
        "- Hand-offs within one lane and owner: {}",
        md(&link_titles(map, &s.stale_handoffs))
    );
    let _ = writeln!(out, "\n## Hand-offs\n");
    let _ = writeln!(out, "{} links cross lanes or owners.\n", a.handoffs.len());
    for p in &a.handoffs_per_lane_pair {
        let _ = writeln!(
            out,
            "- {} → {}: {}",
            md(&p.from_lane),
            md(&p.to_lane),
            p.count
        );
    }
    let _ = writeln!(out, "\n## Backstage impact\n");
    for b in a.backstage.iter().filter(|b| !b.dependents.is_empty()) {
        let _ = writeln!(
            out,
            "- **{}** ({}): {} customer-facing touchpoints, total pain {}, {} feedback",
            md(&b.title),
            md(&b.lane),
            b.dependents.len(),
            b.total_pain,
            b.feedback_count
        );
    }
    out.push_str(&workshop_md(map));
    out
}

/// What a heatmap cell shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeatMetric {
    /// Mean pain of the cell's scored touchpoints.
    Pain,
    /// Highest pain in the cell.
    MaxPain,
    /// NPS of the cell's feedback, with n.
    Nps,
    /// Feedback items.
    Feedback,
}

fn cell_value(f: &Figures, metric: HeatMetric) -> String {
    let m = &f.metrics;
    let v = match metric {
        HeatMetric::Pain => m.pain.map(|p| format!("{:.1}", p.mean)),
        HeatMetric::MaxPain => m.pain.map(|p| p.max.to_string()),
        HeatMetric::Nps => m.nps.map(|n| format!("{} (n={})", signed(n.score), n.n)),
        HeatMetric::Feedback => Some(m.feedback_count.to_string()),
    };
    match v {
        None => "–".to_string(),
        Some(v) if f.evidence.is_weak() && metric != HeatMetric::Feedback => format!("{v}*"),
        Some(v) => v,
    }
}

/// The heatmap as a text grid: lanes are rows, stages columns.
pub fn heatmap(a: &Analysis, map: &JourneyMap, metric: HeatMetric) -> String {
    let width = 14;
    let mut out = String::new();
    let what = match metric {
        HeatMetric::Pain => "mean pain",
        HeatMetric::MaxPain => "highest pain",
        HeatMetric::Nps => "NPS",
        HeatMetric::Feedback => "feedback items",
    };
    let _ = writeln!(out, "{}: {what} by stage and lane", a.map_name);
    let mut head = fit("", LANE_WIDTH);
    for id in &a.heatmap.stage_ids {
        head.push_str(" | ");
        head.push_str(&fit(map.stage(id).map_or("", |s| s.name.as_str()), width));
    }
    head.push_str(" | ");
    head.push_str("all stages");
    let _ = writeln!(out, "{}", head.trim_end());
    let stages = a.heatmap.stage_ids.len();
    for (li, lane_id) in a.heatmap.lane_ids.iter().enumerate() {
        let mut line = fit(
            map.lane(lane_id).map_or("", |l| l.name.as_str()),
            LANE_WIDTH,
        );
        for c in &a.heatmap.cells[li * stages..(li + 1) * stages] {
            line.push_str(" | ");
            line.push_str(&fit(&cell_value(&c.figures, metric), width));
        }
        line.push_str(" | ");
        line.push_str(&cell_value(&a.heatmap.lane_totals[li], metric));
        let _ = writeln!(out, "{}", line.trim_end());
    }
    let mut total = fit("all lanes", LANE_WIDTH);
    for f in &a.heatmap.stage_totals {
        total.push_str(" | ");
        total.push_str(&fit(&cell_value(f, metric), width));
    }
    let _ = writeln!(out, "{}", total.trim_end());
    let _ = writeln!(
        out,
        "– = no evidence; * = weak evidence (n under {} or older than {} days)",
        a.rules.min_n, a.rules.max_age_days
    );
    out
}

fn heatmap_md(a: &Analysis, map: &JourneyMap) -> String {
    let mut out = String::new();
    let names: Vec<String> = a
        .heatmap
        .stage_ids
        .iter()
        .map(|id| md(map.stage(id).map_or("", |s| s.name.as_str())))
        .collect();
    let _ = writeln!(out, "| Lane | {} |", names.join(" | "));
    let _ = writeln!(out, "| --- |{}", " ---: |".repeat(names.len()));
    let stages = names.len();
    for (li, lane_id) in a.heatmap.lane_ids.iter().enumerate() {
        let cells: Vec<String> = a.heatmap.cells[li * stages..(li + 1) * stages]
            .iter()
            .map(|c| cell_value(&c.figures, HeatMetric::Pain))
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} |",
            md(map.lane(lane_id).map_or("", |l| l.name.as_str())),
            cells.join(" | ")
        );
    }
    out
}

/// "… and N more", when the ranking goes on past the pain points given in full.
pub fn more_ranked(a: &Analysis) -> Option<String> {
    let more = a.pain_ranking.len().saturating_sub(a.pain_points.len());
    (more > 0).then(|| {
        format!("… and {more} more scored touchpoints, ranked in the JSON report's painRanking.")
    })
}

/// " (owner Billing ops, due 2027-01-31)" when a decision has either; empty otherwise.
pub fn owner_and_due(d: &crate::model::Decision) -> String {
    let mut extra = Vec::new();
    if !d.owner.is_empty() {
        extra.push(format!("owner {}", d.owner));
    }
    if let Some(due) = &d.due {
        extra.push(format!("due {due}"));
    }
    if extra.is_empty() {
        String::new()
    } else {
        format!(" ({})", extra.join(", "))
    }
}

/// What the workshop decided: every decision and opportunity, and every voting round
/// ranked with bars (`votes` and the report's last part).
pub fn workshop(map: &JourneyMap) -> String {
    use crate::model::DecisionKind;
    let mut out = String::new();
    let _ = writeln!(out, "Decisions and opportunities: {}", map.decisions.len());
    for d in &map.decisions {
        let kind = match d.kind {
            DecisionKind::Decision => "decision",
            DecisionKind::Opportunity => "opportunity",
        };
        let extra = owner_and_due(d);
        let _ = writeln!(
            out,
            "  [{kind}] {}: {}{extra}",
            title_of(map, &d.touchpoint_id),
            d.text.replace('\n', " ")
        );
    }
    for r in &map.rounds {
        out.push('\n');
        let _ = writeln!(
            out,
            "Voting round \"{}\", {}: {} voters × {} dots{}, {} placed; {}",
            r.name,
            r.held_at,
            r.voters,
            r.budget,
            if r.one_per_item { ", one per item" } else { "" },
            r.total(),
            r.scope
        );
        let most = r.votes.iter().map(|v| v.dots).max().unwrap_or(0).max(1);
        for v in crate::workshop::ranked(r) {
            let bar = "█".repeat((v.dots * 20).div_ceil(most) as usize);
            let _ = writeln!(
                out,
                "  {:>3}. {} {:>3} {bar}",
                v.rank,
                fit(title_of(map, v.touchpoint_id), 36),
                v.dots
            );
        }
    }
    out
}

/// [`workshop`] as Markdown.
pub fn workshop_md(map: &JourneyMap) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "\n## Decisions and opportunities\n");
    if map.decisions.is_empty() {
        let _ = writeln!(out, "None yet.");
    } else {
        let _ = writeln!(out, "| Kind | Touchpoint | Text | Owner | Due |");
        let _ = writeln!(out, "|---|---|---|---|---|");
        for d in &map.decisions {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                d.kind.as_str(),
                md(title_of(map, &d.touchpoint_id)),
                md(&d.text),
                md(&d.owner),
                d.due.as_deref().unwrap_or("")
            );
        }
    }
    let _ = writeln!(out, "\n## Voting rounds\n");
    if map.rounds.is_empty() {
        let _ = writeln!(out, "None yet.");
    }
    for r in &map.rounds {
        let _ = writeln!(
            out,
            "### {}\n\n{} voters × {} dots, {} placed ({}; {})\n",
            md(&r.name),
            r.voters,
            r.budget,
            r.total(),
            md(&r.scope),
            r.held_at
        );
        let _ = writeln!(out, "| Rank | Touchpoint | Dots |");
        let _ = writeln!(out, "|---|---|---|");
        for v in crate::workshop::ranked(r) {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                v.rank,
                md(title_of(map, v.touchpoint_id)),
                v.dots
            );
        }
        out.push('\n');
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
