//! What the map says about where customers hurt, and how sure we are: the analyses a
//! product manager brings to a journey map, as pure functions over the map and its
//! petgraph graph. The CLI's report, the app's insight views and (later) exports and the
//! workshop walk all read this one [`Analysis`].
//!
//! - [`evidence`]: n, dates, NPS confidence intervals, weak evidence.
//! - `flow.rs`: pain paths, cycles, structure problems and hand-offs over the links.
//! - `backstage.rs`: what depends on a backstage system or policy.
//! - `heatmap.rs`: the stage × lane grid and the emotion and pain curve.
//!
//! Everything is deterministic: lists follow the map's order, ties are broken by it.

use rustc_hash::FxHashMap as HashMap;

use schemars::JsonSchema;
use serde::Serialize;
use ts_rs::TS;

#[cfg(doc)]
use crate::graph::JourneyGraph;
use crate::graph::{self, GraphError};
use crate::metrics::Metrics;
use crate::model::*;

mod backstage;
pub mod evidence;
mod flow;
mod groups;
mod heatmap;

pub use backstage::BackstageImpact;
pub use evidence::{Day, Evidence, EvidenceRules, NpsInterval, WeakReason, WeakReasons};
pub use flow::{Handoff, HandoffCount, LanePairCount, PainPathInsight, PathStep, Structure};
pub use heatmap::{CurvePoint, HeatCell, Heatmap};

use evidence::Judge;
use groups::Groups;

/// An id in the analysis's output: a touchpoint's, link's, feedback item's, stage's,
/// lane's or the map's, the same text as the model's [`Id`]. The output lists tens of
/// thousands of them for a big map (every touchpoint's evidence, the ranking, every step
/// of the paths, three per hand-off), and an app id (`tp_` and 16 hex digits) fits in a
/// `SmolStr` without a heap allocation: copying one into the output and dropping it
/// cost a `malloc` and a `free` each as a `String`. Serialised as a JSON string, and a
/// TypeScript `string`.
pub type Key = smol_str::SmolStr;

/// How many pain paths are listed.
pub const PATHS: usize = 3;
/// How many ranked pain points are given in full; `pain_ranking` lists every one.
pub const TOP_PAIN_POINTS: usize = 50;
/// How many quotes a pain point carries.
pub const QUOTES: usize = 3;

/// Everything the analyses say about one map.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
pub struct Analysis {
    #[schemars(with = "String")]
    pub map_id: Key,
    pub map_name: String,
    pub rules: EvidenceRules,
    /// The whole map's figures and their evidence.
    pub map: Figures,
    /// The worst scored touchpoints (pain above 0), worst first, at most
    /// [`TOP_PAIN_POINTS`], each with its figures and strongest quotes.
    pub pain_points: Vec<PainPointInsight>,
    /// Every scored touchpoint's id, in the same ranking (the first ones are
    /// `pain_points`).
    #[schemars(with = "Vec<String>")]
    pub pain_ranking: Vec<Key>,
    /// Up to three distinct flow paths, most painful first.
    pub pain_paths: Vec<PainPathInsight>,
    /// Touchpoints joined in a circle by flow links (left out of the paths).
    #[schemars(with = "Vec<Vec<String>>")]
    pub cycles: Vec<Vec<Key>>,
    pub structure: Structure,
    /// How many hand-offs there are: `handoffs.len()`, also where the list is left out
    /// (the app's insight panel asks for the count alone).
    pub handoff_count: u32,
    pub handoffs: Vec<Handoff>,
    pub handoffs_per_stage: Vec<HandoffCount>,
    pub handoffs_per_lane_pair: Vec<LanePairCount>,
    /// For every touchpoint in a supporting-systems, third-party or policies lane: the
    /// customer-facing touchpoints that depend on it.
    pub backstage: Vec<BackstageImpact>,
    pub heatmap: Heatmap,
    pub curve: Vec<CurvePoint>,
    /// Every touchpoint's evidence, in map order.
    pub touchpoints: Vec<TouchpointEvidence>,
}

/// Figures with the evidence they rest on.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
pub struct Figures {
    pub metrics: Metrics,
    pub evidence: Evidence,
}

/// One touchpoint's evidence.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
pub struct TouchpointEvidence {
    #[schemars(with = "String")]
    pub id: Key,
    pub evidence: Evidence,
    /// It has a pain score but no feedback: "pain not backed by evidence".
    pub pain_unbacked: bool,
}

/// A scored touchpoint, ranked.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
pub struct PainPointInsight {
    /// 1 for the worst.
    pub rank: u32,
    #[schemars(with = "String")]
    pub touchpoint_id: Key,
    pub title: String,
    pub stage: String,
    pub lane: String,
    pub pain: u8,
    pub figures: Figures,
    /// Share of NPS answers that are detractors (0–6), in whole percent; `None` without
    /// NPS answers.
    pub detractor_pct: Option<u32>,
    /// The strongest quotes: detractors' first, newest first, at most three.
    pub quotes: Vec<Quote>,
}

/// A piece of feedback quoted as evidence.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
pub struct Quote {
    #[schemars(with = "String")]
    pub feedback_id: Key,
    pub kind: FeedbackKind,
    pub text: String,
    pub source: String,
    pub date: Option<String>,
    pub nps: Option<u8>,
}

/// Index of the map's items by id, shared by the analyses, and each touchpoint's stage
/// and lane resolved once (each link's two ends too, by the flow half).
pub(crate) struct Index<'m> {
    pub map: &'m JourneyMap,
    pub stage_rank: HashMap<&'m str, usize>,
    pub lane_rank: HashMap<&'m str, usize>,
    pub touchpoint_rank: HashMap<&'m str, usize>,
    /// For each touchpoint: its stage's and lane's index, `None` when it names none.
    pub place: Vec<(Option<usize>, Option<usize>)>,
}

impl<'m> Index<'m> {
    /// The index, or the error [`JourneyGraph::build`] gives for the same map (an id used
    /// twice, a touchpoint in a stage or lane the map does not hold), found in the same
    /// order. Checked here, so the feedback half, which runs beside the flow half, never
    /// meets a bad reference.
    fn new(map: &'m JourneyMap) -> Result<Index<'m>, GraphError> {
        // Stages and touchpoints share one namespace in the graph, so an id used by a stage
        // and a touchpoint is used twice.
        let duplicate = |id: &Id| GraphError::DuplicateId(id.clone());
        let mut stage_rank =
            HashMap::with_capacity_and_hasher(map.stages.len(), Default::default());
        for (i, s) in map.stages.iter().enumerate() {
            if stage_rank.insert(s.id.as_str(), i).is_some() {
                return Err(duplicate(&s.id));
            }
        }
        let lane_rank: HashMap<&'m str, usize> = map
            .lanes
            .iter()
            .enumerate()
            .map(|(i, l)| (l.id.as_str(), i))
            .collect();
        let mut touchpoint_rank =
            HashMap::with_capacity_and_hasher(map.touchpoints.len(), Default::default());
        let mut place = Vec::with_capacity(map.touchpoints.len());
        for (i, t) in map.touchpoints.iter().enumerate() {
            let Some(&stage) = stage_rank.get(t.stage_id.as_str()) else {
                return Err(GraphError::MissingStage {
                    touchpoint: t.id.clone(),
                    stage: t.stage_id.clone(),
                });
            };
            let Some(&lane) = lane_rank.get(t.lane_id.as_str()) else {
                return Err(GraphError::MissingLane {
                    touchpoint: t.id.clone(),
                    lane: t.lane_id.clone(),
                });
            };
            if touchpoint_rank.insert(t.id.as_str(), i).is_some()
                || stage_rank.contains_key(t.id.as_str())
            {
                return Err(duplicate(&t.id));
            }
            place.push((Some(stage), Some(lane)));
        }
        Ok(Index {
            map,
            stage_rank,
            lane_rank,
            touchpoint_rank,
            place,
        })
    }

    /// Each link's two ends, in map order, as positions in `map.touchpoints`; the graph's
    /// error for an end the map does not hold.
    fn link_ends(&self) -> Result<Vec<(usize, usize)>, GraphError> {
        let end = |link: &Link, id: &Id| {
            self.touchpoint_rank
                .get(id.as_str())
                .copied()
                .ok_or_else(|| GraphError::MissingTouchpoint {
                    link: link.id.clone(),
                    touchpoint: id.clone(),
                })
        };
        self.map
            .links
            .iter()
            .map(|l| Ok((end(l, &l.from)?, end(l, &l.to)?)))
            .collect()
    }

    pub fn stage_name(&self, id: &str) -> String {
        self.stage_rank
            .get(id)
            .map(|&i| self.map.stages[i].name.clone())
            .unwrap_or_default()
    }

    pub fn lane_name(&self, id: &str) -> String {
        self.lane_rank
            .get(id)
            .map(|&i| self.map.lanes[i].name.clone())
            .unwrap_or_default()
    }
}

/// From this many touchpoints on, the analyses run on two threads: one builds the graph
/// and runs the flow analyses over it (paths, cycles, structure, hand-offs), the other
/// tallies the feedback and builds every evidence figure from it, which needs no graph.
/// Below it, a thread costs more than it saves.
const PARALLEL_FROM: usize = 2_000;

/// What the graph half gives.
struct FlowPart {
    /// Each link's two ends, as positions in `map.touchpoints`.
    link_ends: Vec<(usize, usize)>,
    pain_paths: Vec<PainPathInsight>,
    cycles: Vec<Vec<Key>>,
    structure: Structure,
    handoffs: Vec<Handoff>,
    handoffs_per_stage: Vec<HandoffCount>,
    handoffs_per_lane_pair: Vec<LanePairCount>,
}

/// Resolves every link's ends, builds the flow's petgraph graph from them and runs the
/// flow analyses on it. The analysis needs no more of the journey graph than this: not its
/// stage nodes, nor its index of owned ids, which the ends are already resolved through.
fn flow_part(ix: &Index<'_>) -> Result<FlowPart, GraphError> {
    let map = ix.map;
    let link_ends = ix.link_ends()?;
    let flow = graph::flow_graph(
        map.touchpoints
            .iter()
            .map(|t| u32::from(t.pain.unwrap_or(0))),
        map.links
            .iter()
            .zip(&link_ends)
            .filter(|(l, _)| l.kind == LinkKind::Flow)
            .map(|(_, &ends)| ends),
    );
    let (pain_paths, cycles) = flow::pain_paths(ix, &flow);
    let (handoffs, handoffs_per_stage, handoffs_per_lane_pair) = flow::handoffs(ix, &link_ends);
    Ok(FlowPart {
        structure: flow::structure(ix, &link_ends),
        link_ends,
        pain_paths,
        cycles,
        handoffs,
        handoffs_per_stage,
        handoffs_per_lane_pair,
    })
}

impl Analysis {
    /// Runs every analysis on the map, building its graph. A reference to something the
    /// map does not hold is the graph's error. The result does not depend on whether the
    /// work ran on one thread or two.
    pub fn of(map: &JourneyMap, rules: &EvidenceRules) -> Result<Analysis, GraphError> {
        Analysis::run(map, rules, map.touchpoints.len() >= PARALLEL_FROM)
    }

    fn run(
        map: &JourneyMap,
        rules: &EvidenceRules,
        parallel: bool,
    ) -> Result<Analysis, GraphError> {
        let ix = Index::new(map)?;
        let (evidence, flow) = if parallel {
            std::thread::scope(|s| {
                let flow = s.spawn(|| flow_part(&ix));
                let evidence = evidence_part(&ix, rules);
                // The graph half only reads; it panics only where the same call on this
                // thread would have.
                let flow = flow.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
                (evidence, flow)
            })
        } else {
            let flow = flow_part(&ix);
            (evidence_part(&ix, rules), flow)
        };
        let flow = flow?;
        let EvidencePart {
            mut analysis,
            groups,
        } = evidence;
        analysis.backstage = backstage::impacts(&ix, &flow.link_ends, &groups);
        analysis.pain_paths = flow.pain_paths;
        analysis.cycles = flow.cycles;
        analysis.structure = flow.structure;
        analysis.handoff_count = flow.handoffs.len() as u32;
        analysis.handoffs = flow.handoffs;
        analysis.handoffs_per_stage = flow.handoffs_per_stage;
        analysis.handoffs_per_lane_pair = flow.handoffs_per_lane_pair;
        Ok(analysis)
    }
}

/// What the evidence half gives: the analysis with the graph's parts left empty, and the
/// tallies the backstage impact still needs.
struct EvidencePart<'m> {
    analysis: Analysis,
    groups: Groups<'m>,
}

/// Everything built from the feedback's tallies, with the graph's parts left empty.
fn evidence_part<'m>(ix: &Index<'m>, rules: &EvidenceRules) -> EvidencePart<'m> {
    let map = ix.map;
    let judge = Judge::new(rules);
    let groups = Groups::count(ix);
    let touchpoints: Vec<TouchpointEvidence> = map
        .touchpoints
        .iter()
        .zip(&groups.touchpoints)
        .map(|(t, g)| {
            let figures = g.figures(&judge);
            TouchpointEvidence {
                id: Key::new(&t.id),
                pain_unbacked: t.pain.is_some() && figures.metrics.feedback_count == 0,
                evidence: figures.evidence,
            }
        })
        .collect();
    let (pain_points, pain_ranking) = pain_points(map, ix, &groups, &touchpoints);
    let analysis = Analysis {
        map_id: Key::new(&map.meta.id),
        map_name: map.meta.name.clone(),
        rules: rules.clone(),
        map: groups.map.figures(&judge),
        pain_points,
        pain_ranking,
        pain_paths: Vec::new(),
        cycles: Vec::new(),
        structure: Structure::default(),
        handoff_count: 0,
        handoffs: Vec::new(),
        handoffs_per_stage: Vec::new(),
        handoffs_per_lane_pair: Vec::new(),
        backstage: Vec::new(),
        heatmap: heatmap::heatmap(ix, &groups, &judge),
        curve: heatmap::curve(ix, &groups),
        touchpoints,
    };
    EvidencePart { analysis, groups }
}

/// Scored touchpoints ranked by pain, then evidence (strong before weak, then more
/// feedback), then detractor share, then map order: every one's id, and the first
/// [`TOP_PAIN_POINTS`] in full.
fn pain_points(
    map: &JourneyMap,
    ix: &Index<'_>,
    groups: &Groups<'_>,
    evidence: &[TouchpointEvidence],
) -> (Vec<PainPointInsight>, Vec<Key>) {
    /// What the ranking compares, small so the sort moves little.
    struct Rank {
        pain: u8,
        weak: bool,
        feedback: u32,
        detractor_pct: Option<u32>,
        order: u32,
    }
    let detractor_pct = |m: &Metrics| {
        m.nps
            .filter(|n| n.n > 0)
            .map(|n| (100.0 * f64::from(n.detractors) / f64::from(n.n)).round() as u32)
    };
    let mut keys: Vec<Rank> = map
        .touchpoints
        .iter()
        .enumerate()
        .filter_map(|(order, t)| {
            let pain = t.pain.filter(|p| *p > 0)?;
            let metrics = groups.touchpoints[order].metrics();
            Some(Rank {
                pain,
                weak: evidence[order].evidence.is_weak(),
                feedback: metrics.feedback_count,
                detractor_pct: detractor_pct(&metrics),
                order: order as u32,
            })
        })
        .collect();
    keys.sort_unstable_by(|a, b| {
        b.pain
            .cmp(&a.pain)
            .then(a.weak.cmp(&b.weak))
            .then(b.feedback.cmp(&a.feedback))
            .then(
                b.detractor_pct
                    .unwrap_or(0)
                    .cmp(&a.detractor_pct.unwrap_or(0)),
            )
            .then(a.order.cmp(&b.order))
    });
    let ranking: Vec<Key> = keys
        .iter()
        .map(|k| Key::new(&map.touchpoints[k.order as usize].id))
        .collect();
    keys.truncate(TOP_PAIN_POINTS);

    // The quotes of the ones given in full, found by one scan of the feedback's
    // touchpoint indices.
    let mut slot = vec![u32::MAX; map.touchpoints.len()];
    for (rank, k) in keys.iter().enumerate() {
        slot[k.order as usize] = rank as u32;
    }
    let mut quotes: Vec<Vec<usize>> = vec![Vec::new(); keys.len()];
    for (i, &t) in groups.feedback_touchpoint.iter().enumerate() {
        if let Some(&rank) = slot.get(t as usize) {
            if rank != u32::MAX {
                quotes[rank as usize].push(i);
            }
        }
    }
    let full = keys
        .iter()
        .zip(quotes)
        .enumerate()
        .map(|(rank, (k, mut mine))| {
            let t = &map.touchpoints[k.order as usize];
            let metrics = groups.touchpoints[k.order as usize].metrics();
            // Detractors first, then newest first (undated last), then the order given.
            // `false` for a detractor, so detractors sort first.
            let det = |f: &Feedback| f.answers.nps.is_none_or(|n| n > 6);
            mine.sort_by(|&ia, &ib| {
                let (a, b) = (&map.feedback[ia], &map.feedback[ib]);
                det(a)
                    .cmp(&det(b))
                    .then(b.date.cmp(&a.date))
                    .then(ia.cmp(&ib))
            });
            PainPointInsight {
                rank: rank as u32 + 1,
                touchpoint_id: Key::new(&t.id),
                title: t.title.clone(),
                stage: ix.stage_name(&t.stage_id),
                lane: ix.lane_name(&t.lane_id),
                pain: k.pain,
                detractor_pct: detractor_pct(&metrics),
                figures: Figures {
                    metrics,
                    evidence: evidence[k.order as usize].evidence.clone(),
                },
                quotes: mine
                    .into_iter()
                    .take(QUOTES)
                    .map(|i| {
                        let f = &map.feedback[i];
                        Quote {
                            feedback_id: Key::new(&f.id),
                            kind: f.kind,
                            text: f.text.clone(),
                            source: f.source.clone(),
                            date: f.date.clone(),
                            nps: f.answers.nps,
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    (full, ranking)
}

#[cfg(test)]
mod tests;

/// The touchpoints whose title, description, channel, owner or feedback (text, source or
/// segment) contains `query`, ignoring case, in map order. An empty query matches none.
pub fn search(map: &JourneyMap, query: &str) -> Vec<Id> {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return Vec::new();
    }
    let has = |s: &str| s.to_lowercase().contains(&q);
    let mut by_feedback = std::collections::HashSet::new();
    for f in &map.feedback {
        if let FeedbackTarget::Touchpoint(id) = &f.target {
            if has(&f.text) || has(&f.source) || has(&f.segment) {
                by_feedback.insert(id.as_str());
            }
        }
    }
    map.touchpoints
        .iter()
        .filter(|t| {
            by_feedback.contains(t.id.as_str())
                || has(&t.title)
                || has(&t.description)
                || has(&t.channel)
                || has(&t.owner)
        })
        .map(|t| t.id.clone())
        .collect()
}

/// The JSON Schema of [`Analysis`], the CLI's `report --format json`, pretty-printed with
/// a trailing newline.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Analysis);
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}
