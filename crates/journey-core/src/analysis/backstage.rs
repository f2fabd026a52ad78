//! Backstage impact: "fix this system and these N touchpoints improve". For a touchpoint
//! in a supporting-systems, third-party or policies lane, the customer-facing touchpoints
//! that depend on it through `depends_on` links, directly or through other touchpoints.

use schemars::JsonSchema;
use serde::Serialize;
use ts_rs::TS;

use super::groups::Groups;
use super::{Index, Key};
use crate::model::*;

/// What depends on one backstage touchpoint.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackstageImpact {
    #[schemars(with = "String")]
    pub touchpoint_id: Key,
    pub title: String,
    pub lane: String,
    /// The customer-facing touchpoints that depend on it, in map order.
    #[schemars(with = "Vec<String>")]
    pub dependents: Vec<Key>,
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

/// Every backstage touchpoint that customer-facing touchpoints depend on, in map order. A
/// backstage touchpoint nothing customer-facing depends on has no impact to report and is
/// left out. One walk per such touchpoint over the `depends_on` links read backwards,
/// marking what it has seen with the walk's number, so nothing is allocated per walk.
pub(super) fn impacts(
    ix: &Index<'_>,
    link_ends: &[(usize, usize)],
    groups: &Groups<'_>,
) -> Vec<BackstageImpact> {
    let map = ix.map;
    let tps = &map.touchpoints;
    // Who depends on each touchpoint directly: the sources of the depends_on links into it.
    let mut start = vec![0u32; tps.len() + 1];
    for (l, &(_, to)) in map.links.iter().zip(link_ends) {
        if l.kind == LinkKind::DependsOn {
            start[to + 1] += 1;
        }
    }
    if start.iter().all(|&c| c == 0) {
        return Vec::new();
    }
    for i in 1..start.len() {
        start[i] += start[i - 1];
    }
    let mut fill = start.clone();
    let mut from = vec![0u32; start[tps.len()] as usize];
    for (l, &(a, to)) in map.links.iter().zip(link_ends) {
        if l.kind == LinkKind::DependsOn {
            from[fill[to] as usize] = a as u32;
            fill[to] += 1;
        }
    }
    let backstage: Vec<bool> = ix
        .place
        .iter()
        .map(|&(_, l)| l.is_some_and(|l| is_backstage(map.lanes[l].kind)))
        .collect();
    let mut seen = vec![u32::MAX; tps.len()];
    let mut queue: Vec<usize> = Vec::new();
    let mut found: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for (i, t) in tps.iter().enumerate() {
        if !backstage[i] || start[i] == start[i + 1] {
            continue;
        }
        let walk = i as u32;
        seen[i] = walk;
        queue.clear();
        found.clear();
        queue.push(i);
        while let Some(at) = queue.pop() {
            for &d in &from[start[at] as usize..start[at + 1] as usize] {
                let d = d as usize;
                if seen[d] != walk {
                    seen[d] = walk;
                    queue.push(d);
                    if !backstage[d] {
                        found.push(d);
                    }
                }
            }
        }
        if found.is_empty() {
            continue;
        }
        found.sort_unstable();
        out.push(BackstageImpact {
            touchpoint_id: Key::new(&t.id),
            title: t.title.clone(),
            lane: ix.lane_name(&t.lane_id),
            total_pain: found
                .iter()
                .map(|&d| u32::from(tps[d].pain.unwrap_or(0)))
                .sum(),
            feedback_count: found
                .iter()
                .map(|&d| groups.touchpoints[d].tally.feedback_count())
                .sum(),
            dependents: found.iter().map(|&d| Key::new(&tps[d].id)).collect(),
        });
    }
    out
}
