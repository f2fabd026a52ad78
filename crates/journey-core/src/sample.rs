//! The sample map: "Acme Insights", a B2B analytics product, from first ad to renewal.
//!
//! It is kept as a version 1 file, so that it is read by the same checked import as any
//! user's file; a unit test proves it parses.

use crate::interchange::{parse_map_file, ImportError, Limits};
use crate::model::JourneyMap;

/// The sample map as a Journeymap file.
pub const SAMPLE_JSON: &str = include_str!("sample.json");

/// The sample map, read from [`SAMPLE_JSON`].
pub fn sample_map() -> Result<JourneyMap, ImportError> {
    parse_map_file(SAMPLE_JSON.as_bytes(), &Limits::default())
}

/// A generated map with `touchpoints` touchpoints spread over 10 stages and the 7 built-in
/// lanes plus one custom lane, a flow link from each touchpoint to the next, and
/// `feedback_each` feedback items per touchpoint with survey answers. Deterministic: the
/// same arguments give the same map. Used by benchmarks and UI timing runs.
pub fn synthetic(touchpoints: usize, feedback_each: usize) -> JourneyMap {
    use crate::model::*;
    let stages: Vec<Stage> = (0..10)
        .map(|i| Stage {
            id: format!("st_{i:02}"),
            name: format!("Stage {}", i + 1),
            description: format!("What the customer does in stage {}", i + 1),
            pain: None,
            emotion: None,
            position: i as f64 + 1.0,
        })
        .collect();
    let lanes: Vec<Lane> = LaneKind::ALL
        .iter()
        .enumerate()
        .map(|(i, k)| Lane {
            id: format!("ln_{i}"),
            name: if *k == LaneKind::Custom {
                "Customer actions".into()
            } else {
                k.default_name().into()
            },
            kind: *k,
            hidden: false,
            position: i as f64 + 1.0,
        })
        .collect();
    let tps: Vec<Touchpoint> = (0..touchpoints)
        .map(|i| Touchpoint {
            id: format!("tp_{i:06}"),
            stage_id: stages[i * stages.len() / touchpoints.max(1)].id.clone(),
            lane_id: lanes[i % lanes.len()].id.clone(),
            title: format!("Touchpoint {} of the journey", i + 1),
            description: "A moment where the customer meets the product, described in a sentence."
                .into(),
            channel: ["Web", "Email", "In-app", "Phone"][i % 4].into(),
            owner: ["Growth", "Sales", "Platform", "Support"][i % 4].into(),
            pain: (i % 5 != 0).then_some((i * 7 % 11) as u8),
            emotion: Some((i % 5) as i8 - 2),
            position: (i / lanes.len()) as f64 + 1.0,
        })
        .collect();
    let links = (1..touchpoints)
        .map(|i| Link {
            id: format!("lk_{i:06}"),
            from: tps[i - 1].id.clone(),
            to: tps[i].id.clone(),
            kind: LinkKind::Flow,
            label: None,
        })
        .collect();
    let feedback = (0..touchpoints * feedback_each)
        .map(|j| {
            let i = j / feedback_each.max(1);
            Feedback {
                id: format!("fb_{j:07}"),
                target: FeedbackTarget::Touchpoint(tps[i].id.clone()),
                kind: FeedbackKind::ALL[j % 5],
                text: format!(
                    "Customer quote number {j}: it took longer than I expected to get this done."
                ),
                source: format!("Interview {}", j % 40 + 1),
                date: Some(format!("2026-{:02}-{:02}", j % 12 + 1, j % 28 + 1)),
                segment: ["SMB", "Mid-market", "Enterprise"][j % 3].into(),
                answers: SurveyAnswers {
                    nps: Some((j * 3 % 11) as u8),
                    csat: (j % 2 == 0).then_some((j % 5 + 1) as u8),
                    ces: (j % 3 == 0).then_some((j % 7 + 1) as u8),
                },
            }
        })
        .collect();
    let mut map = JourneyMap {
        meta: MapMeta {
            id: format!("jm_synthetic_{touchpoints}"),
            name: format!("Synthetic map, {touchpoints} touchpoints"),
            description: String::new(),
            persona: Persona {
                name: "Generated".into(),
                description: String::new(),
            },
            created_at: "2026-01-01T00:00:00Z".into(),
            updated_at: "2026-01-01T00:00:00Z".into(),
        },
        stages,
        lanes,
        touchpoints: tps,
        links,
        feedback,
        decisions: Vec::new(),
        rounds: Vec::new(),
    };
    map.sort_for_display();
    map
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::JourneyGraph;
    use crate::model::{FeedbackTarget, LaneKind, LinkKind};

    #[test]
    fn sample_is_a_realistic_canonical_map() {
        let map = sample_map().expect("the sample parses");
        assert_eq!(map.stages.len(), 6);
        let kinds: Vec<_> = map.lanes.iter().map(|l| l.kind).collect();
        assert_eq!(&kinds[..7], LaneKind::BUILT_IN);
        assert_eq!(kinds[7], LaneKind::Custom);
        assert!(map.touchpoints.len() >= 30);
        for lane in &map.lanes {
            assert!(
                map.touchpoints.iter().any(|t| t.lane_id == lane.id),
                "{} is empty",
                lane.name
            );
        }
        assert!(map.feedback.len() >= 80);
        assert!(map
            .feedback
            .iter()
            .any(|f| matches!(f.target, FeedbackTarget::Stage(_))));
        assert!(
            map.feedback
                .iter()
                .filter(|f| f.answers.nps.is_some())
                .count()
                >= 40
        );
        let graph = JourneyGraph::build(&map).expect("references resolve");
        let entries = graph.flow_entries();
        assert_eq!(entries.len(), 1, "one start of the flow");
        let branches = map
            .touchpoints
            .iter()
            .filter(|t| graph.successors(&t.id, LinkKind::Flow).len() > 1)
            .count();
        assert!(branches >= 1, "the flow branches");
        assert!(
            graph.pain_path().is_some(),
            "the flow is a path without cycles"
        );
        // The committed file is in canonical form, byte for byte.
        assert_eq!(crate::interchange::export_json(&map), SAMPLE_JSON);
    }

    #[test]
    fn synthetic_maps_are_valid_and_sized() {
        let map = synthetic(100, 5);
        assert_eq!(
            (map.touchpoints.len(), map.feedback.len(), map.links.len()),
            (100, 500, 99)
        );
        JourneyGraph::build(&map).expect("references resolve");
        let json = crate::interchange::export_json(&map);
        let back = parse_map_file(json.as_bytes(), &Limits::default()).expect("parses");
        assert_eq!(crate::interchange::export_json(&back), json);
    }
}
