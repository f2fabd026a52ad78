//! What a map says about the customer: the pain points ranked, the metrics per stage and
//! per lane, and the most painful path through the flow.

use serde::Serialize;

use crate::graph::{JourneyGraph, PainPath};
use crate::metrics::{MapMetrics, Metrics};
use crate::model::{Id, JourneyMap};

/// One scored touchpoint, ranked among the others.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PainPoint {
    /// 1 for the worst.
    pub rank: u32,
    pub touchpoint_id: Id,
    pub title: String,
    pub stage: String,
    pub lane: String,
    pub pain: u8,
    pub metrics: Metrics,
}

/// The metrics of one stage or lane.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupMetrics {
    pub id: Id,
    pub name: String,
    pub metrics: Metrics,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub map_id: Id,
    pub map_name: String,
    pub metrics: Metrics,
    /// Touchpoints with pain above 0, worst first: by pain, then by the amount of evidence
    /// (feedback count), then in map order.
    pub pain_points: Vec<PainPoint>,
    pub stages: Vec<GroupMetrics>,
    pub lanes: Vec<GroupMetrics>,
    /// The flow path with the most pain along it; `None` without flow links, or when the
    /// flow has a cycle.
    pub pain_path: Option<PainPath>,
}

impl Report {
    pub fn build(map: &JourneyMap, graph: &JourneyGraph) -> Report {
        let m = MapMetrics::compute(map);
        let name_of = |items: &[(&str, &str)], id: &str| {
            items
                .iter()
                .find(|(i, _)| *i == id)
                .map(|(_, n)| n.to_string())
                .unwrap_or_default()
        };
        let stages: Vec<(&str, &str)> = map
            .stages
            .iter()
            .map(|s| (s.id.as_str(), s.name.as_str()))
            .collect();
        let lanes: Vec<(&str, &str)> = map
            .lanes
            .iter()
            .map(|l| (l.id.as_str(), l.name.as_str()))
            .collect();
        let mut scored: Vec<(usize, &crate::model::Touchpoint, u8, Metrics)> = map
            .touchpoints
            .iter()
            .enumerate()
            .filter_map(|(i, t)| {
                let pain = t.pain.filter(|p| *p > 0)?;
                Some((
                    i,
                    t,
                    pain,
                    m.touchpoints.get(&t.id).copied().unwrap_or_default(),
                ))
            })
            .collect();
        scored.sort_by(|a, b| {
            b.2.cmp(&a.2)
                .then(b.3.feedback_count.cmp(&a.3.feedback_count))
                .then(a.0.cmp(&b.0))
        });
        let pain_points = scored
            .into_iter()
            .enumerate()
            .map(|(rank, (_, t, pain, metrics))| PainPoint {
                rank: rank as u32 + 1,
                touchpoint_id: t.id.clone(),
                title: t.title.clone(),
                stage: name_of(&stages, &t.stage_id),
                lane: name_of(&lanes, &t.lane_id),
                pain,
                metrics,
            })
            .collect();
        let group = |items: &[(&str, &str)], metrics: &std::collections::BTreeMap<Id, Metrics>| {
            items
                .iter()
                .map(|(id, name)| GroupMetrics {
                    id: id.to_string(),
                    name: name.to_string(),
                    metrics: metrics.get(*id).copied().unwrap_or_default(),
                })
                .collect()
        };
        Report {
            map_id: map.meta.id.clone(),
            map_name: map.meta.name.clone(),
            metrics: m.map,
            pain_points,
            stages: group(&stages, &m.stages),
            lanes: group(&lanes, &m.lanes),
            pain_path: graph.pain_path(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FeedbackTarget, LinkKind};
    use crate::testing::MapBuilder;

    #[test]
    fn ranks_by_pain_then_evidence_then_order() {
        let map = MapBuilder::new()
            .stage("s1")
            .stage("s2")
            .lane("l1")
            .touchpoint("calm", "s1", "l1", Some(0))
            .touchpoint("a", "s1", "l1", Some(7))
            .touchpoint("b", "s1", "l1", Some(9))
            .touchpoint("c", "s2", "l1", Some(7))
            .touchpoint("d", "s2", "l1", Some(7))
            .touchpoint("unscored", "s2", "l1", None)
            .feedback(FeedbackTarget::Touchpoint("c".into()), Some(2))
            .feedback(FeedbackTarget::Touchpoint("c".into()), Some(10))
            .feedback(FeedbackTarget::Touchpoint("d".into()), Some(0))
            .feedback(FeedbackTarget::Stage("s2".into()), Some(9))
            .link("a", "c", LinkKind::Flow)
            .build();
        let g = JourneyGraph::build(&map).expect("valid");
        let r = Report::build(&map, &g);
        let order: Vec<_> = r
            .pain_points
            .iter()
            .map(|p| p.touchpoint_id.as_str())
            .collect();
        assert_eq!(order, ["b", "c", "d", "a"]);
        assert_eq!(r.pain_points[1].rank, 2);
        assert_eq!(r.pain_points[1].metrics.feedback_count, 2);

        // Stage s2 holds c, d (pain 7, 7; unscored ignored) and all four answers:
        // promoters 10, 9; detractors 2, 0 → NPS 0 with n 4.
        let s2 = &r.stages[1].metrics;
        assert_eq!(s2.nps.map(|n| (n.score, n.n)), Some((0, 4)));
        assert_eq!(s2.pain.map(|p| (p.mean, p.max, p.n)), Some((7.0, 7, 2)));
        // Stage s1 has no feedback: no NPS at all.
        assert_eq!(r.stages[0].metrics.nps, None);
        assert_eq!(
            r.stages[0].metrics.pain.map(|p| (p.mean, p.n)),
            Some((5.33, 3))
        );
        // The lane sees only touchpoint feedback (3 answers: 10 | 2, 0): (1 − 2)/3 → −33.
        assert_eq!(
            r.lanes[0].metrics.nps.map(|n| (n.score, n.n)),
            Some((-33, 3))
        );
        assert_eq!(r.metrics.feedback_count, 4);
        assert_eq!(r.pain_path.map(|p| p.total_pain), Some(14));
    }
}
