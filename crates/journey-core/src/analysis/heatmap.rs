//! The stage × lane heatmap, and the emotion and pain curve across the stages.

use std::collections::HashMap;

use schemars::JsonSchema;
use serde::Serialize;
use ts_rs::TS;

use super::evidence::Dates;
use super::{Evidence, EvidenceRules, Figures};
use crate::metrics::{MapMetrics, Tally};
use crate::model::*;

/// The grid: one cell per stage and visible lane, in map order, with totals per stage and
/// per lane (a stage's total also counts feedback given on the stage itself).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
pub struct Heatmap {
    pub stage_ids: Vec<Id>,
    pub lane_ids: Vec<Id>,
    /// Row by row: lane 0's cells for every stage, then lane 1's…
    pub cells: Vec<HeatCell>,
    pub stage_totals: Vec<Figures>,
    pub lane_totals: Vec<Figures>,
}

/// One cell: the touchpoints of one stage in one lane.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
pub struct HeatCell {
    pub stage_id: Id,
    pub lane_id: Id,
    pub touchpoints: u32,
    pub figures: Figures,
}

/// One stage's point on the curve.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
pub struct CurvePoint {
    pub stage_id: Id,
    pub stage: String,
    /// Mean emotion (−2..+2) of the stage's touchpoints that have one, two decimals.
    pub mean_emotion: Option<f64>,
    pub emotion_n: u32,
    /// Mean pain (0–10) of its scored touchpoints, two decimals.
    pub mean_pain: Option<f64>,
    pub pain_n: u32,
}

pub(super) fn heatmap(map: &JourneyMap, metrics: &MapMetrics, rules: &EvidenceRules) -> Heatmap {
    let lanes: Vec<&Lane> = map.lanes.iter().filter(|l| !l.hidden).collect();
    let mut cells: HashMap<(&str, &str), (u32, Tally, Dates)> = HashMap::new();
    let mut stage_dates: HashMap<&str, Dates> = HashMap::new();
    let mut lane_dates: HashMap<&str, Dates> = HashMap::new();
    let mut cell_of: HashMap<&str, (&str, &str)> = HashMap::new();
    for t in &map.touchpoints {
        let c = cells
            .entry((t.stage_id.as_str(), t.lane_id.as_str()))
            .or_default();
        c.0 += 1;
        c.1.add_pain(t.pain);
        cell_of.insert(t.id.as_str(), (t.stage_id.as_str(), t.lane_id.as_str()));
    }
    for f in &map.feedback {
        let date = f.date.as_deref();
        match &f.target {
            FeedbackTarget::Touchpoint(id) => {
                if let Some(&(s, l)) = cell_of.get(id.as_str()) {
                    if let Some(c) = cells.get_mut(&(s, l)) {
                        c.1.add_feedback(&f.answers);
                        c.2.add(date);
                    }
                    stage_dates.entry(s).or_default().add(date);
                    lane_dates.entry(l).or_default().add(date);
                }
            }
            FeedbackTarget::Stage(id) => stage_dates.entry(id.as_str()).or_default().add(date),
        }
    }
    let mut out = Vec::new();
    for l in &lanes {
        for s in &map.stages {
            let (n, tally, dates) = cells
                .remove(&(s.id.as_str(), l.id.as_str()))
                .unwrap_or_default();
            let m = tally.finish();
            out.push(HeatCell {
                stage_id: s.id.clone(),
                lane_id: l.id.clone(),
                touchpoints: n,
                figures: Figures {
                    evidence: Evidence::of(&m, dates, rules),
                    metrics: m,
                },
            });
        }
    }
    let figures = |m: crate::metrics::Metrics, d: Option<Dates>| Figures {
        evidence: Evidence::of(&m, d.unwrap_or_default(), rules),
        metrics: m,
    };
    Heatmap {
        stage_ids: map.stages.iter().map(|s| s.id.clone()).collect(),
        lane_ids: lanes.iter().map(|l| l.id.clone()).collect(),
        cells: out,
        stage_totals: map
            .stages
            .iter()
            .map(|s| {
                figures(
                    metrics.stages.get(&s.id).copied().unwrap_or_default(),
                    stage_dates.remove(s.id.as_str()),
                )
            })
            .collect(),
        lane_totals: lanes
            .iter()
            .map(|l| {
                figures(
                    metrics.lanes.get(&l.id).copied().unwrap_or_default(),
                    lane_dates.remove(l.id.as_str()),
                )
            })
            .collect(),
    }
}

pub(super) fn curve(map: &JourneyMap, metrics: &MapMetrics) -> Vec<CurvePoint> {
    let mut emotion: HashMap<&str, (i64, u32)> = HashMap::new();
    for t in &map.touchpoints {
        if let Some(e) = t.emotion {
            let x = emotion.entry(t.stage_id.as_str()).or_default();
            x.0 += i64::from(e);
            x.1 += 1;
        }
    }
    map.stages
        .iter()
        .map(|s| {
            let (sum, n) = emotion.get(s.id.as_str()).copied().unwrap_or((0, 0));
            let pain = metrics.stages.get(&s.id).and_then(|m| m.pain);
            CurvePoint {
                stage_id: s.id.clone(),
                stage: s.name.clone(),
                mean_emotion: (n > 0).then(|| (sum as f64 / f64::from(n) * 100.0).round() / 100.0),
                emotion_n: n,
                mean_pain: pain.map(|p| p.mean),
                pain_n: pain.map_or(0, |p| p.n),
            }
        })
        .collect()
}
