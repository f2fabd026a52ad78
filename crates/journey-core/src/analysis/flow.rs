//! The customer's flow: the most painful paths, what is wrong with the flow's structure,
//! and the hand-offs between teams.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;
use ts_rs::TS;

use super::{Index, Key, PATHS};
use petgraph::graph::DiGraph;

use crate::graph;
use crate::model::*;

/// One of the most painful flow paths.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
pub struct PainPathInsight {
    /// 1 for the most painful.
    pub rank: u32,
    pub total_pain: u32,
    pub steps: Vec<PathStep>,
    /// Touchpoints on the path without a pain score (counted as 0).
    #[schemars(with = "Vec<String>")]
    pub unscored: Vec<Key>,
}

/// A touchpoint on a path (its stage and lane are the touchpoint's).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
pub struct PathStep {
    #[schemars(with = "String")]
    pub touchpoint_id: Key,
    pub title: String,
    pub pain: Option<u8>,
}

/// What is wrong with the flow's shape.
#[derive(Debug, Clone, Default, PartialEq, Serialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
pub struct Structure {
    /// Touchpoints with no flow link in or out.
    #[schemars(with = "Vec<String>")]
    pub orphans: Vec<Key>,
    /// Touchpoints where the flow stops (flow in, none out) before the last stage.
    #[schemars(with = "Vec<String>")]
    pub dead_ends: Vec<Key>,
    /// Flow links that go back to an earlier stage.
    #[schemars(with = "Vec<String>")]
    pub backwards: Vec<Key>,
    /// Hand-off links between touchpoints of the same lane and owner: nothing is handed
    /// over any more (after a move, say).
    #[schemars(with = "Vec<String>")]
    pub stale_handoffs: Vec<Key>,
}

/// A link where responsibility changes hands: a flow link that crosses lanes or owners,
/// or a link marked as a hand-off.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
pub struct Handoff {
    #[schemars(with = "String")]
    pub link_id: Key,
    /// The touchpoints at each end (their lanes, owners and stages are theirs).
    #[schemars(with = "String")]
    pub from_id: Key,
    #[schemars(with = "String")]
    pub to_id: Key,
    pub from_pain: Option<u8>,
    pub to_pain: Option<u8>,
}

/// Hand-offs leaving one stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
pub struct HandoffCount {
    #[schemars(with = "String")]
    pub stage_id: Key,
    pub stage: String,
    pub count: u32,
}

/// Hand-offs from one lane to another.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
pub struct LanePairCount {
    #[schemars(with = "String")]
    pub from_lane_id: Key,
    #[schemars(with = "String")]
    pub to_lane_id: Key,
    pub from_lane: String,
    pub to_lane: String,
    pub count: u32,
    /// Mean pain at the receiving end, over the scored ones.
    pub mean_to_pain: Option<f64>,
}

/// The most painful paths and the cycles in the flow.
pub(super) fn pain_paths(
    ix: &Index<'_>,
    flow: &DiGraph<u32, ()>,
) -> (Vec<PainPathInsight>, Vec<Vec<Key>>) {
    let tps = &ix.map.touchpoints;
    let (paths, cycles) = graph::flow_paths_and_cycles(flow, PATHS);
    let paths = paths
        .into_iter()
        .enumerate()
        .map(|(i, (path, total_pain))| {
            let steps: Vec<PathStep> = path
                .iter()
                .map(|&p| PathStep {
                    touchpoint_id: Key::new(&tps[p].id),
                    title: tps[p].title.clone(),
                    pain: tps[p].pain,
                })
                .collect();
            PainPathInsight {
                rank: i as u32 + 1,
                total_pain,
                unscored: path
                    .iter()
                    .filter(|&&p| tps[p].pain.is_none())
                    .map(|&p| Key::new(&tps[p].id))
                    .collect(),
                steps,
            }
        })
        .collect();
    let cycles = cycles
        .into_iter()
        .map(|c| c.into_iter().map(|p| Key::new(&tps[p].id)).collect())
        .collect();
    (paths, cycles)
}

pub(super) fn structure(ix: &Index<'_>, link_ends: &[(usize, usize)]) -> Structure {
    let map = ix.map;
    let last_stage = map.stages.len().saturating_sub(1);
    // Flow links in and out of each touchpoint, counted once over the links.
    let mut flow = vec![(0u32, 0u32); map.touchpoints.len()];
    for (l, &(a, b)) in map.links.iter().zip(link_ends) {
        if l.kind == LinkKind::Flow {
            flow[a].1 += 1;
            flow[b].0 += 1;
        }
    }
    let mut s = Structure::default();
    for ((t, &(ins, outs)), &(stage, _)) in map.touchpoints.iter().zip(&flow).zip(&ix.place) {
        if ins == 0 && outs == 0 {
            s.orphans.push(Key::new(&t.id));
        } else if outs == 0 && stage != Some(last_stage) {
            s.dead_ends.push(Key::new(&t.id));
        }
    }
    for (l, &(ai, bi)) in map.links.iter().zip(link_ends) {
        let (a, b) = (&map.touchpoints[ai], &map.touchpoints[bi]);
        match l.kind {
            LinkKind::Flow => {
                if ix.place[bi].0 < ix.place[ai].0 {
                    s.backwards.push(Key::new(&l.id));
                }
            }
            LinkKind::Handoff => {
                if ix.place[ai].1 == ix.place[bi].1 && a.owner.trim() == b.owner.trim() {
                    s.stale_handoffs.push(Key::new(&l.id));
                }
            }
            LinkKind::DependsOn => {}
        }
    }
    s
}

pub(super) fn handoffs(
    ix: &Index<'_>,
    link_ends: &[(usize, usize)],
) -> (Vec<Handoff>, Vec<HandoffCount>, Vec<LanePairCount>) {
    let map = ix.map;
    let mut list = Vec::new();
    let mut per_stage: BTreeMap<usize, u32> = BTreeMap::new();
    // (from lane, to lane) → (count, pain sum at the receiving end, scored ends).
    let mut per_pair: BTreeMap<(usize, usize), (u32, u32, u32)> = BTreeMap::new();
    for (l, &(ai, bi)) in map.links.iter().zip(link_ends) {
        if l.kind == LinkKind::DependsOn {
            continue;
        }
        let (a, b) = (&map.touchpoints[ai], &map.touchpoints[bi]);
        let ((sa, la), (_, lb)) = (ix.place[ai], ix.place[bi]);
        let (oa, ob) = (a.owner.trim(), b.owner.trim());
        let owners_differ = !oa.is_empty() && !ob.is_empty() && oa != ob;
        if l.kind == LinkKind::Flow && la == lb && !owners_differ {
            continue;
        }
        list.push(Handoff {
            link_id: Key::new(&l.id),
            from_id: Key::new(&a.id),
            to_id: Key::new(&b.id),
            from_pain: a.pain,
            to_pain: b.pain,
        });
        if let Some(si) = sa {
            *per_stage.entry(si).or_default() += 1;
        }
        if let (Some(la), Some(lb)) = (la, lb) {
            let e = per_pair.entry((la, lb)).or_default();
            e.0 += 1;
            if let Some(p) = b.pain {
                e.1 += u32::from(p);
                e.2 += 1;
            }
        }
    }
    let stages = per_stage
        .into_iter()
        .map(|(si, count)| HandoffCount {
            stage_id: Key::new(&map.stages[si].id),
            stage: map.stages[si].name.clone(),
            count,
        })
        .collect();
    let pairs = per_pair
        .into_iter()
        .map(|((la, lb), (count, sum, n))| LanePairCount {
            from_lane_id: Key::new(&map.lanes[la].id),
            to_lane_id: Key::new(&map.lanes[lb].id),
            from_lane: map.lanes[la].name.clone(),
            to_lane: map.lanes[lb].name.clone(),
            count,
            mean_to_pain: (n > 0).then(|| (f64::from(sum) / f64::from(n) * 100.0).round() / 100.0),
        })
        .collect();
    (list, stages, pairs)
}
