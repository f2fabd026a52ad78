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
}
