//! Backstage impact: "fix this system and these N touchpoints improve". For a touchpoint
//! in a supporting-systems, third-party or policies lane, the customer-facing touchpoints
//! that depend on it through `depends_on` links, directly or through other touchpoints.

use schemars::JsonSchema;
use serde::Serialize;
use ts_rs::TS;

use super::groups::Groups;
use super::Index;
use crate::graph::JourneyGraph;
use crate::model::*;

/// What depends on one backstage touchpoint.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackstageImpact {
    pub touchpoint_id: Id,
    pub title: String,
    pub lane: String,
    /// The customer-facing touchpoints that depend on it, in map order.
    pub dependents: Vec<Id>,
    /// Their pain added up (unscored count 0).
    pub total_pain: u32,
    /// Their feedback items added up.
    pub feedback_count: u32,
}

/// Whether a lane of this kind is backstage: systems, integrations, policies.
pub fn is_backstage(kind: LaneKind) -> bool {
    matches!(
        kind,
        LaneKind::SupportingSystems | LaneKind::ThirdParty | LaneKind::Policies
    )
}

pub(super) fn impacts(
    ix: &Index<'_>,
    graph: &JourneyGraph,
    groups: &Groups<'_>,
) -> Vec<BackstageImpact> {
    let feedback_of = |id: &str| {
        ix.touchpoint_rank
            .get(id)
            .map_or(0, |&i| groups.touchpoints[i].tally.feedback_count())
    };
    let backstage = |t: &Touchpoint| ix.lane_of(t).is_some_and(|l| is_backstage(l.kind));
    ix.map
        .touchpoints
        .iter()
        .filter(|t| backstage(t))
        .map(|t| {
            let dependents: Vec<&Touchpoint> = graph
                .dependents(&t.id)
                .iter()
                .filter_map(|id| ix.touchpoint(id))
                .filter(|d| !backstage(d))
                .collect();
            BackstageImpact {
                touchpoint_id: t.id.clone(),
                title: t.title.clone(),
                lane: ix.lane_name(&t.lane_id),
                total_pain: dependents
                    .iter()
                    .map(|d| u32::from(d.pain.unwrap_or(0)))
                    .sum(),
                feedback_count: dependents.iter().map(|d| feedback_of(&d.id)).sum(),
                dependents: dependents.iter().map(|d| d.id.clone()).collect(),
            }
        })
        .collect()
}
