//! The board's filter, as the desktop app's filter bar sets it (`ui/src/lib/filter.ts`
//! holds the same rules): which touchpoints match, so an export of "the filtered view"
//! draws exactly the cards the board highlights.

use std::collections::BTreeSet;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::analysis::Analysis;
use crate::model::{Id, JourneyMap};

/// What the filter keeps; every criterion set must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BoardFilter {
    /// Searched over titles, descriptions, channels, owners and feedback
    /// ([`crate::analysis::search`]); empty: no text criterion.
    #[serde(default)]
    pub query: String,
    /// Pain at or above this (unscored touchpoints do not match).
    #[serde(default)]
    pub min_pain: Option<u8>,
    #[serde(default)]
    pub lane_id: Option<Id>,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub channel: Option<String>,
    /// Only touchpoints whose evidence is weak.
    #[serde(default)]
    pub weak_only: bool,
    /// One cell (as the heatmap sets it).
    #[serde(default)]
    pub cell: Option<FilterCell>,
}

/// One stage × lane cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FilterCell {
    pub stage_id: Id,
    pub lane_id: Id,
}

impl BoardFilter {
    /// Whether any criterion is set.
    pub fn is_active(&self) -> bool {
        !self.query.trim().is_empty()
            || self.min_pain.is_some()
            || self.lane_id.is_some()
            || self.owner.is_some()
            || self.channel.is_some()
            || self.weak_only
            || self.cell.is_some()
    }

    /// The ids of the touchpoints that meet every criterion, given the map's analysis
    /// (for weak evidence).
    pub fn matching(&self, map: &JourneyMap, analysis: &Analysis) -> BTreeSet<Id> {
        let found: Option<BTreeSet<Id>> = (!self.query.trim().is_empty()).then(|| {
            crate::analysis::search(map, &self.query)
                .into_iter()
                .collect()
        });
        let weak: BTreeSet<&str> = analysis
            .touchpoints
            .iter()
            .filter(|t| t.evidence.is_weak())
            .map(|t| t.id.as_str())
            .collect();
        map.touchpoints
            .iter()
            .filter(|t| {
                self.cell
                    .as_ref()
                    .is_none_or(|c| t.stage_id == c.stage_id && t.lane_id == c.lane_id)
                    && self.lane_id.as_ref().is_none_or(|l| &t.lane_id == l)
                    && self.owner.as_ref().is_none_or(|o| &t.owner == o)
                    && self.channel.as_ref().is_none_or(|c| &t.channel == c)
                    && self.min_pain.is_none_or(|m| t.pain.is_some_and(|p| p >= m))
                    && (!self.weak_only || weak.contains(t.id.as_str()))
                    && found.as_ref().is_none_or(|f| f.contains(&t.id))
            })
            .map(|t| t.id.clone())
            .collect()
    }

    /// The criteria in words, for a caption: `pain ≥ 8 · lane Support · "invoice"`.
    pub fn label(&self, map: &JourneyMap) -> String {
        let mut parts = Vec::new();
        if let Some(c) = &self.cell {
            let stage = map.stage(&c.stage_id).map_or("?", |s| s.name.as_str());
            let lane = map.lane(&c.lane_id).map_or("?", |l| l.name.as_str());
            parts.push(format!("cell {stage} × {lane}"));
        }
        if let Some(l) = &self.lane_id {
            parts.push(format!(
                "lane {}",
                map.lane(l).map_or("?", |l| l.name.as_str())
            ));
        }
        if let Some(o) = &self.owner {
            parts.push(format!("owner {o}"));
        }
        if let Some(c) = &self.channel {
            parts.push(format!("channel {c}"));
        }
        if let Some(m) = self.min_pain {
            parts.push(format!("pain ≥ {m}"));
        }
        if self.weak_only {
            parts.push("weak evidence".to_string());
        }
        if !self.query.trim().is_empty() {
            parts.push(format!("“{}”", self.query.trim()));
        }
        parts.join(" · ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Analysis, EvidenceRules};

    #[test]
    fn every_criterion_must_hold() {
        let map = crate::sample::sample_map().expect("sample");
        let a = Analysis::of(&map, &EvidenceRules::default()).expect("analysis");
        let all = BoardFilter::default();
        assert!(!all.is_active());
        assert_eq!(all.matching(&map, &a).len(), map.touchpoints.len());
        let painful = BoardFilter {
            min_pain: Some(8),
            ..Default::default()
        };
        let want: BTreeSet<Id> = map
            .touchpoints
            .iter()
            .filter(|t| t.pain.is_some_and(|p| p >= 8))
            .map(|t| t.id.clone())
            .collect();
        assert!(!want.is_empty());
        assert_eq!(painful.matching(&map, &a), want);
        let lane = map.touchpoints[0].lane_id.clone();
        let both = BoardFilter {
            min_pain: Some(8),
            lane_id: Some(lane.clone()),
            ..Default::default()
        };
        let both_ids = both.matching(&map, &a);
        assert!(both_ids
            .iter()
            .all(|id| want.contains(id) && map.touchpoint(id).is_some_and(|t| t.lane_id == lane)));
        assert!(both.label(&map).starts_with("lane "));
        assert!(both.label(&map).ends_with("pain ≥ 8"));
    }
}
