//! Sort keys for a library map's reorderable lists, worked out from the map as the editor
//! sees it: the same rule as the SQLite store's `position.rs` (a new or moved item goes
//! halfway between its neighbours; the list is renumbered 1, 2, 3… only when that gap has
//! worn thinner than 1e-6), over the rows in memory instead of an index.

use journey_core::model::JourneyMap;

/// The reorderable lists a position key is relative to.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'a> {
    /// The stages of a map.
    Stages { map_id: &'a str },
    /// The lanes of a map.
    Lanes { map_id: &'a str },
    /// The touchpoints of one cell.
    Cell { stage_id: &'a str, lane_id: &'a str },
}

impl Scope<'_> {
    /// The table whose rows the scope orders.
    pub(crate) fn table(&self) -> &'static str {
        match self {
            Scope::Stages { .. } => "stages",
            Scope::Lanes { .. } => "lanes",
            Scope::Cell { .. } => "touchpoints",
        }
    }

    /// The scope's items as (position, id), ordered by position then id, as the SQLite
    /// store's `ORDER BY position, id` orders them. A map other than `map`'s has none.
    pub(crate) fn items<'m>(&self, map: &'m JourneyMap) -> Vec<(f64, &'m str)> {
        let mut items: Vec<(f64, &str)> = match *self {
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
}

/// What placing an item at `index` needs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Place {
    /// This key.
    At(f64),
    /// The gap there is too thin: renumber the list first, then ask again.
    Renumber,
}

/// The key that puts an item at `index` (0-based) among `others` (ordered, not counting
/// the item itself); past the end, last.
pub(crate) fn place(others: &[(f64, &str)], index: usize) -> Place {
    let offset = index.saturating_sub(1);
    let rows: Vec<f64> = others.iter().skip(offset).take(2).map(|x| x.0).collect();
    if index == 0 {
        return Place::At(rows.first().map_or(1.0, |next| next - 1.0));
    }
    match rows.as_slice() {
        [] => Place::At(end(others)),
        [prev] => Place::At(prev + 1.0),
        [prev, next] if next - prev > 1e-6 => Place::At((prev + next) / 2.0),
        _ => Place::Renumber,
    }
}

/// The key after the last of `others`.
pub(crate) fn end(others: &[(f64, &str)]) -> f64 {
    others
        .iter()
        .map(|x| x.0)
        .max_by(f64::total_cmp)
        .map_or(1.0, |m| m.floor() + 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fall_between_neighbours_and_thin_gaps_ask_for_renumbering() {
        let items = [(1.0, "a"), (2.0, "b"), (4.0, "c")];
        assert_eq!(place(&items, 0), Place::At(0.0));
        assert_eq!(place(&items, 1), Place::At(1.5));
        assert_eq!(place(&items, 2), Place::At(3.0));
        assert_eq!(place(&items, 3), Place::At(5.0));
        assert_eq!(place(&items, 9), Place::At(5.0));
        assert_eq!(place(&[], 0), Place::At(1.0));
        assert_eq!(place(&[], 3), Place::At(1.0));
        let thin = [(1.0, "a"), (1.0 + 1e-7, "b")];
        assert_eq!(place(&thin, 1), Place::Renumber);
        assert_eq!(end(&[(2.5, "a")]), 3.0);
    }
}
