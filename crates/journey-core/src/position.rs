//! Real-valued sort keys for the reorderable lists (stages, lanes, the touchpoints of a
//! cell), the rule both stores follow (the SQLite file and the team library): a new or
//! moved item goes halfway between its neighbours, so a move rewrites one row; a list is
//! renumbered 1, 2, 3… only when the gap it goes into has worn thinner than 1e-6.

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
    pub fn table(&self) -> &'static str {
        match self {
            Scope::Stages { .. } => "stages",
            Scope::Lanes { .. } => "lanes",
            Scope::Cell { .. } => "touchpoints",
        }
    }
}

/// Where an item placed at an index goes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Place {
    /// This key.
    At(f64),
    /// Past the last item: [`after`] the largest key.
    End,
    /// The gap there is too thin: renumber the list first, then ask again.
    Renumber,
}

/// Which of the other items (ordered by key, then id, not counting the one placed) are
/// its neighbours at `index`: at most two from this offset on.
pub fn neighbours_from(index: usize) -> usize {
    index.saturating_sub(1)
}

/// The place at `index` (0-based), given the keys of its neighbours (at most two, from
/// [`neighbours_from`]).
pub fn place(index: usize, neighbours: &[f64]) -> Place {
    if index == 0 {
        return Place::At(neighbours.first().map_or(1.0, |next| next - 1.0));
    }
    match neighbours {
        [] => Place::End,
        [prev] => Place::At(prev + 1.0),
        [prev, next, ..] if next - prev > 1e-6 => Place::At((prev + next) / 2.0),
        _ => Place::Renumber,
    }
}

/// The key after the largest one (1 for an empty list).
pub fn after(largest: Option<f64>) -> f64 {
    largest.map_or(1.0, |m| m.floor() + 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fall_between_neighbours_and_thin_gaps_ask_for_renumbering() {
        let keys = [1.0, 2.0, 4.0];
        let at = |index: usize| {
            let from = neighbours_from(index).min(keys.len());
            let end = (from + 2).min(keys.len());
            place(index, &keys[from..end])
        };
        assert_eq!(at(0), Place::At(0.0));
        assert_eq!(at(1), Place::At(1.5));
        assert_eq!(at(2), Place::At(3.0));
        assert_eq!(at(3), Place::At(5.0));
        assert_eq!(at(9), Place::End);
        assert_eq!(place(0, &[]), Place::At(1.0));
        assert_eq!(place(3, &[]), Place::End);
        assert_eq!(place(1, &[1.0, 1.0 + 1e-7]), Place::Renumber);
        assert_eq!(after(Some(2.5)), 3.0);
        assert_eq!(after(None), 1.0);
    }
}
