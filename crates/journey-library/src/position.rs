//! Sort keys for a library map's reorderable lists, worked out from the map as the editor
//! sees it: `journey_core::position`'s rule, the SQLite store's too, over the rows in
//! memory instead of an index.

use journey_core::model::JourneyMap;

pub use journey_core::position::Scope;

/// The scope's items in `map` as (position, id), ordered by position then id, as the
/// SQLite store's `ORDER BY position, id` orders them. A map other than `map`'s has none.
pub(crate) fn items<'m>(scope: Scope<'_>, map: &'m JourneyMap) -> Vec<(f64, &'m str)> {
    let mut items: Vec<(f64, &str)> = match scope {
        Scope::Stages { map_id } if map_id == map.meta.id => map
            .stages
            .iter()
            .map(|s| (s.position, s.id.as_str()))
            .collect(),
        Scope::Lanes { map_id } if map_id == map.meta.id => map
            .lanes
            .iter()
            .map(|l| (l.position, l.id.as_str()))
            .collect(),
        Scope::Cell { stage_id, lane_id } => map
            .touchpoints
            .iter()
            .filter(|t| t.stage_id == stage_id && t.lane_id == lane_id)
            .map(|t| (t.position, t.id.as_str()))
            .collect(),
        _ => Vec::new(),
    };
    items.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(b.1)));
    items
}
