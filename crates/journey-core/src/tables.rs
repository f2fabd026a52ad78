//! The map as spreadsheet tables: one CSV row per touchpoint (with its place, scores and
//! figures, each with its n) and one per piece of feedback. UTF-8 with a header row,
//! written by the `csv` crate; every cell of user text goes through
//! [`crate::csv_cell::neutralise`], so no cell runs as a formula.

use crate::csv_cell::neutralise;
use crate::metrics::{MapMetrics, Metrics};
use crate::model::*;

/// The header of [`touchpoints_csv`].
pub const TOUCHPOINTS_HEADER: [&str; 19] = [
    "id",
    "stage",
    "lane",
    "title",
    "description",
    "channel",
    "owner",
    "pain",
    "emotion",
    "feedback_n",
    "nps",
    "nps_n",
    "csat_mean",
    "csat_n",
    "ces_mean",
    "ces_n",
    "decisions",
    "latest_round",
    "latest_round_dots",
];

/// The header of [`feedback_csv`].
pub const FEEDBACK_HEADER: [&str; 14] = [
    "id",
    "touchpoint_id",
    "touchpoint",
    "stage_id",
    "stage",
    "kind",
    "text",
    "source",
    "date",
    "segment",
    "nps",
    "csat",
    "ces",
    "lane",
];

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// A mean to two decimals, as a spreadsheet reads it.
fn mean(v: Option<f64>) -> String {
    v.map(|m| format!("{m:.2}")).unwrap_or_default()
}

fn figures(m: Option<&Metrics>) -> [String; 7] {
    let m = m.cloned().unwrap_or_default();
    [
        m.feedback_count.to_string(),
        opt(m.nps.map(|n| n.score)),
        m.nps.map_or(0, |n| n.n).to_string(),
        mean(m.csat.map(|c| c.mean)),
        m.csat.map_or(0, |c| c.n).to_string(),
        mean(m.ces.map(|c| c.mean)),
        m.ces.map_or(0, |c| c.n).to_string(),
    ]
}

/// Writes the rows; writing to memory cannot fail, so a row that somehow does is left
/// out rather than the whole table.
fn write(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(&r);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// One row per touchpoint, in the map's order.
pub fn touchpoints_csv(map: &JourneyMap) -> String {
    let metrics = MapMetrics::compute(map);
    let stage = |id: &str| map.stage(id).map_or("", |s| s.name.as_str());
    let lane = |id: &str| map.lane(id).map_or("", |l| l.name.as_str());
    let mut decisions = std::collections::HashMap::<&str, usize>::new();
    for d in &map.decisions {
        *decisions.entry(d.touchpoint_id.as_str()).or_default() += 1;
    }
    // The latest round that counted each touchpoint.
    let mut latest = std::collections::HashMap::<&str, (&str, u32)>::new();
    for r in &map.rounds {
        for v in &r.votes {
            latest.insert(v.touchpoint_id.as_str(), (r.name.as_str(), v.dots));
        }
    }
    let rows = map.touchpoints.iter().map(|t| {
        let mut row = vec![
            t.id.clone(),
            neutralise(stage(&t.stage_id)).into_owned(),
            neutralise(lane(&t.lane_id)).into_owned(),
            neutralise(&t.title).into_owned(),
            neutralise(&t.description).into_owned(),
            neutralise(&t.channel).into_owned(),
            neutralise(&t.owner).into_owned(),
            opt(t.pain),
            opt(t.emotion),
        ];
        row.extend(figures(metrics.touchpoints.get(&t.id)));
        row.push(
            decisions
                .get(t.id.as_str())
                .copied()
                .unwrap_or(0)
                .to_string(),
        );
        let (round, dots) = latest.get(t.id.as_str()).copied().unzip();
        row.push(neutralise(round.unwrap_or("")).into_owned());
        row.push(opt(dots));
        row
    });
    write(&TOUCHPOINTS_HEADER, rows)
}

/// One row per piece of feedback, in the map's order, with the touchpoint or stage it is
/// about.
pub fn feedback_csv(map: &JourneyMap) -> String {
    let rows = map.feedback.iter().map(|f| {
        let (tp, st) = f.target.ids();
        let t = tp.and_then(|id| map.touchpoint(id));
        let stage_id = st.or(t.map(|t| t.stage_id.as_str())).unwrap_or("");
        let stage = map.stage(stage_id).map_or("", |s| s.name.as_str());
        let lane = t
            .and_then(|t| map.lane(&t.lane_id))
            .map_or("", |l| l.name.as_str());
        vec![
            f.id.clone(),
            tp.unwrap_or("").to_string(),
            neutralise(t.map_or("", |t| t.title.as_str())).into_owned(),
            stage_id.to_string(),
            neutralise(stage).into_owned(),
            f.kind.as_str().to_string(),
            neutralise(&f.text).into_owned(),
            neutralise(&f.source).into_owned(),
            opt(f.date.as_deref()),
            neutralise(&f.segment).into_owned(),
            opt(f.answers.nps),
            opt(f.answers.csat),
            opt(f.answers.ces),
            neutralise(lane).into_owned(),
        ]
    });
    write(&FEEDBACK_HEADER, rows)
}

/// The header of [`ranking_csv`].
pub const RANKING_HEADER: [&str; 13] = [
    "rank",
    "touchpoint_id",
    "title",
    "stage",
    "lane",
    "pain",
    "feedback_n",
    "nps",
    "nps_n",
    "nps_ci_low",
    "nps_ci_high",
    "detractor_pct",
    "weak",
];

/// The report's ranked pain points (the first [`crate::analysis::TOP_PAIN_POINTS`]), one
/// row each, with their evidence: the CLI's `report --format csv`.
pub fn ranking_csv(a: &crate::analysis::Analysis) -> String {
    let rows = a.pain_points.iter().map(|p| {
        let m = &p.figures.metrics;
        let e = &p.figures.evidence;
        let weak: Vec<&str> = e
            .weak
            .iter()
            .map(|w| match w {
                crate::analysis::WeakReason::NoEvidence => "no evidence",
                crate::analysis::WeakReason::FewAnswers => "few answers",
                crate::analysis::WeakReason::Old => "old",
            })
            .collect();
        vec![
            p.rank.to_string(),
            p.touchpoint_id.to_string(),
            neutralise(&p.title).into_owned(),
            neutralise(&p.stage).into_owned(),
            neutralise(&p.lane).into_owned(),
            p.pain.to_string(),
            m.feedback_count.to_string(),
            opt(m.nps.map(|n| n.score)),
            m.nps.map_or(0, |n| n.n).to_string(),
            opt(e.nps_ci.map(|c| c.low)),
            opt(e.nps_ci.map(|c| c.high)),
            opt(p.detractor_pct),
            weak.join("; "),
        ]
    });
    write(&RANKING_HEADER, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_has_a_row_per_touchpoint_and_per_feedback() {
        let map = crate::sample::sample_map().expect("sample");
        let t = touchpoints_csv(&map);
        assert_eq!(t.lines().count(), map.touchpoints.len() + 1);
        let f = feedback_csv(&map);
        // A quote may hold a newline inside its quoted cell: count records, not lines.
        let records = csv::Reader::from_reader(f.as_bytes()).records().count();
        assert_eq!(records, map.feedback.len());
    }
}
