//! Edits as data. Every edit is a list of row changes, each with the row as it was and as
//! it becomes (`None` where the row does not exist). Applying a change forwards performs
//! the edit; applying it backwards undoes it. One engine serves edits, undo and redo, and
//! an edit's cost is the number of rows it touches, not the size of the map.

use journey_core::model::*;

use crate::store::Tx;
use crate::{AppError, Result};

/// One stored row, as it is or as it will be.
#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    /// A whole map (create, import, delete).
    Map(Box<JourneyMap>),
    /// The map's own fields.
    Meta(MapMeta),
    Stage(Stage),
    Lane(Lane),
    Touchpoint(Touchpoint),
    /// A link and its place in the map's order (`None`: append).
    Link(Option<i64>, Link),
    /// Feedback and its place in the map's order (`None`: append).
    Feedback(Option<i64>, Feedback),
    /// A decision or opportunity and its place in the map's order (`None`: append).
    Decision(Option<i64>, Decision),
    /// A voting round with its votes, and its place in the map's order (`None`: append).
    Round(Option<i64>, VotingRound),
}

impl Row {
    /// Parents before children: the order in which rows can be inserted.
    fn rank(&self) -> u8 {
        match self {
            Row::Map(_) => 0,
            Row::Meta(_) => 1,
            Row::Stage(_) | Row::Lane(_) => 2,
            Row::Touchpoint(_) => 3,
            Row::Link(..) | Row::Feedback(..) | Row::Decision(..) | Row::Round(..) => 4,
        }
    }

    fn insert(&self, w: &dyn Tx, map_id: &str) -> Result<()> {
        match self {
            Row::Map(m) => w.insert_map(m),
            Row::Meta(m) => w.update_meta(None, m),
            Row::Stage(s) => w.insert_stage(map_id, s),
            Row::Lane(l) => w.insert_lane(map_id, l),
            Row::Touchpoint(t) => w.insert_touchpoint(map_id, t),
            Row::Link(seq, l) => w.insert_link(map_id, l, *seq),
            Row::Feedback(seq, f) => w.insert_feedback(map_id, f, *seq),
            Row::Decision(seq, d) => w.insert_decision(map_id, d, *seq),
            Row::Round(seq, r) => w.insert_round(map_id, r, *seq),
        }
    }

    /// Writes `self` over `before` (the row as it is before this step). Rows of
    /// different kinds never pair up; a change lists an update as the same row twice.
    fn update(&self, before: &Row, w: &dyn Tx) -> Result<()> {
        match (before, self) {
            (_, Row::Map(m)) => {
                w.delete_map(&m.meta.id)?;
                w.insert_map(m)
            }
            (Row::Meta(b), Row::Meta(m)) => w.update_meta(Some(b), m),
            (Row::Stage(b), Row::Stage(s)) => w.update_stage(b, s),
            (Row::Lane(b), Row::Lane(l)) => w.update_lane(b, l),
            (Row::Touchpoint(b), Row::Touchpoint(t)) => w.update_touchpoint(b, t),
            (Row::Link(_, b), Row::Link(_, l)) => w.update_link(b, l),
            (Row::Feedback(_, b), Row::Feedback(_, f)) => w.update_feedback(b, f),
            (Row::Decision(_, b), Row::Decision(_, d)) => w.update_decision(b, d),
            (Row::Round(_, b), Row::Round(_, r)) => w.update_round(b, r),
            _ => Err(AppError::Invalid(
                "an edit changed a row into a row of another kind".into(),
            )),
        }
    }

    /// Deletes the row. A row already gone with its parent (through a cascade) is fine.
    fn delete(&self, w: &dyn Tx) -> Result<()> {
        let r = match self {
            Row::Map(m) => w.delete_map(&m.meta.id),
            Row::Meta(_) => Ok(()),
            Row::Stage(s) => w.delete_stage(s),
            Row::Lane(l) => w.delete_lane(l),
            Row::Touchpoint(t) => w.delete_touchpoint(t),
            Row::Link(_, l) => w.delete_link(l),
            Row::Feedback(_, f) => w.delete_feedback(f),
            Row::Decision(_, d) => w.delete_decision(d),
            Row::Round(_, r) => w.delete_round(r),
        };
        match r {
            Err(AppError::NotFound(_)) => Ok(()),
            other => other,
        }
    }
}

/// A row as it was and as it becomes.
#[derive(Debug, Clone, PartialEq)]
pub struct RowChange {
    pub before: Option<Row>,
    pub after: Option<Row>,
}

impl RowChange {
    /// The row as it is before and after applying the change in direction `dir`.
    pub fn oriented(&self, dir: Direction) -> (Option<&Row>, Option<&Row>) {
        match dir {
            Direction::Forward => (self.before.as_ref(), self.after.as_ref()),
            Direction::Backward => (self.after.as_ref(), self.before.as_ref()),
        }
    }

    pub fn insert(row: Row) -> RowChange {
        RowChange {
            before: None,
            after: Some(row),
        }
    }

    pub fn delete(row: Row) -> RowChange {
        RowChange {
            before: Some(row),
            after: None,
        }
    }

    pub fn update(before: Row, after: Row) -> RowChange {
        RowChange {
            before: Some(before),
            after: Some(after),
        }
    }
}

/// One user-visible edit: what the undo menu would call it, and its rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The map the edit belongs to.
    pub map_id: Id,
    /// "Move touchpoint", "Delete stage"…
    pub label: String,
    pub rows: Vec<RowChange>,
}

/// Which way to apply a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Forward,
    Backward,
}

impl Change {
    /// Applies the change inside the caller's transaction: deletes children first, then
    /// updates, then inserts parents first, then updates of voting rounds (a round's votes
    /// name touchpoints, which an undone delete puts back first).
    pub fn apply(&self, w: &dyn Tx, dir: Direction) -> Result<()> {
        let mut deletes: Vec<&Row> = Vec::new();
        let mut updates: Vec<(&Row, &Row)> = Vec::new();
        let mut inserts: Vec<&Row> = Vec::new();
        for rc in &self.rows {
            match rc.oriented(dir) {
                (Some(from), None) => deletes.push(from),
                (Some(from), Some(to)) => updates.push((from, to)),
                (None, Some(to)) => inserts.push(to),
                (None, None) => {}
            }
        }
        deletes.sort_by_key(|r| std::cmp::Reverse(r.rank()));
        inserts.sort_by_key(|r| r.rank());
        for r in deletes {
            r.delete(w)?;
        }
        type Updates<'a> = Vec<(&'a Row, &'a Row)>;
        let (rounds, updates): (Updates<'_>, Updates<'_>) = updates
            .into_iter()
            .partition(|(_, r)| matches!(r, Row::Round(..)));
        for (from, to) in updates {
            to.update(from, w)?;
        }
        for r in inserts {
            r.insert(w, &self.map_id)?;
        }
        for (from, to) in rounds {
            to.update(from, w)?;
        }
        Ok(())
    }

    /// Applies the change in direction `dir` inside the caller's transaction and marks the
    /// map changed at `now` (unless the change is a whole map: a library edit).
    pub fn commit(&self, w: &dyn Tx, dir: Direction, now: &str) -> Result<()> {
        self.apply(w, dir)?;
        if !self.is_whole_map() {
            w.touch_map(&self.map_id, now)?;
        }
        Ok(())
    }

    /// Whether the change creates, replaces or removes a whole map: a library edit, kept in
    /// the library's history.
    pub fn is_whole_map(&self) -> bool {
        self.rows
            .iter()
            .any(|r| matches!(r.before, Some(Row::Map(_))) || matches!(r.after, Some(Row::Map(_))))
    }
}
