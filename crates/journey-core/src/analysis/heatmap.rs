//! The stage × lane heatmap, and the emotion and pain curve across the stages.

use schemars::JsonSchema;
use serde::Serialize;
use ts_rs::TS;

use super::evidence::Judge;
use super::groups::Groups;
use super::{Figures, Index, Key};

/// The grid: one cell per stage and visible lane, in map order, with totals per stage and
/// per lane (a stage's total also counts feedback given on the stage itself).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
pub struct Heatmap {
    #[schemars(with = "Vec<String>")]
    pub stage_ids: Vec<Key>,
    #[schemars(with = "Vec<String>")]
    pub lane_ids: Vec<Key>,
    /// Row by row: lane 0's cells for every stage, then lane 1's…
    pub cells: Vec<HeatCell>,
    pub stage_totals: Vec<Figures>,
    pub lane_totals: Vec<Figures>,
}

/// One cell: the touchpoints of one stage in one lane.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
pub struct HeatCell {
    #[schemars(with = "String")]
    pub stage_id: Key,
    #[schemars(with = "String")]
    pub lane_id: Key,
    pub touchpoints: u32,
    pub figures: Figures,
}

/// One stage's point on the curve.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
pub struct CurvePoint {
    #[schemars(with = "String")]
    pub stage_id: Key,
    pub stage: String,
    /// Mean emotion (−2..+2) of the stage's touchpoints that have one, two decimals.
    pub mean_emotion: Option<f64>,
    pub emotion_n: u32,
    /// Mean pain (0–10) of its scored touchpoints, two decimals.
    pub mean_pain: Option<f64>,
    pub pain_n: u32,
}

pub(super) fn heatmap(ix: &Index<'_>, groups: &Groups<'_>, judge: &Judge) -> Heatmap {
    let map = ix.map;
    let ns = map.stages.len();
    let lanes: Vec<usize> = (0..map.lanes.len())
        .filter(|&l| !map.lanes[l].hidden)
        .collect();
    let mut cells = Vec::with_capacity(lanes.len() * ns);
    for &l in &lanes {
        for (s, stage) in map.stages.iter().enumerate() {
            let g = &groups.cells[l * ns + s];
            cells.push(HeatCell {
                stage_id: Key::new(&stage.id),
                lane_id: Key::new(&map.lanes[l].id),
                touchpoints: g.touchpoints,
                figures: g.figures(judge),
            });
        }
    }
    Heatmap {
        stage_ids: map.stages.iter().map(|s| Key::new(&s.id)).collect(),
        lane_ids: lanes.iter().map(|&l| Key::new(&map.lanes[l].id)).collect(),
        cells,
        stage_totals: groups.stages.iter().map(|g| g.figures(judge)).collect(),
        lane_totals: lanes
            .iter()
            .map(|&l| groups.lanes[l].figures(judge))
            .collect(),
    }
}

pub(super) fn curve(ix: &Index<'_>, groups: &Groups<'_>) -> Vec<CurvePoint> {
    let map = ix.map;
    let mut emotion = vec![(0i64, 0u32); map.stages.len()];
    for (t, &(s, _)) in map.touchpoints.iter().zip(&groups.place) {
        if let Some(e) = t.emotion {
            emotion[s].0 += i64::from(e);
            emotion[s].1 += 1;
        }
    }
    map.stages
        .iter()
        .zip(&groups.stages)
        .zip(emotion)
        .map(|((s, g), (sum, n))| {
            let pain = g.metrics().pain;
            CurvePoint {
                stage_id: Key::new(&s.id),
                stage: s.name.clone(),
                mean_emotion: (n > 0).then(|| (sum as f64 / f64::from(n) * 100.0).round() / 100.0),
                emotion_n: n,
                mean_pain: pain.map(|p| p.mean),
                pain_n: pain.map_or(0, |p| p.n),
            }
        })
        .collect()
}
