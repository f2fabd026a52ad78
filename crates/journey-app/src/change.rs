//! Edits as data. Every edit is a list of row changes, each with the row as it was and as
//! it becomes (`None` where the row does not exist). Applying a change forwards performs
//! the edit; applying it backwards undoes it. One engine serves edits, undo and redo, and
//! an edit's cost is the number of rows it touches, not the size of the map.

use journey_core::model::*;
use journey_store::{Result, StoreError, Write};

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

    fn insert(&self, w: &Write<'_>, map_id: &str) -> Result<()> {
        match self {
            Row::Map(m) => w.insert_map(m),
            Row::Meta(m) => w.update_meta(m),
            Row::Stage(s) => w.insert_stage(map_id, s),
            Row::Lane(l) => w.insert_lane(map_id, l),
            Row::Touchpoint(t) => w.insert_touchpoint(map_id, t),
            Row::Link(None, l) => w.append_link(map_id, l),
            Row::Link(Some(seq), l) => w.restore_link(map_id, l, *seq),
            Row::Feedback(None, f) => w.append_feedback(map_id, f),
            Row::Feedback(Some(seq), f) => w.restore_feedback(map_id, f, *seq),
            Row::Decision(seq, d) => w.insert_decision(map_id, d, *seq),
            Row::Round(seq, r) => w.insert_round(map_id, r, *seq),
        }
    }

    fn update(&self, w: &Write<'_>) -> Result<()> {
        match self {
            Row::Map(m) => {
                w.delete_map(&m.meta.id)?;
                w.insert_map(m)
            }
            Row::Meta(m) => w.update_meta(m),
            Row::Stage(s) => w.update_stage(s),
            Row::Lane(l) => w.update_lane(l),
            Row::Touchpoint(t) => w.update_touchpoint(t),
            Row::Link(_, l) => w.update_link(l),
            Row::Feedback(_, f) => w.update_feedback(f),
            Row::Decision(_, d) => w.update_decision(d),
            Row::Round(_, r) => w.update_round(r),
        }
    }

    /// Deletes the row. A row already gone with its parent (through a cascade) is fine.
    fn delete(&self, w: &Write<'_>) -> Result<()> {
        let r = match self {
            Row::Map(m) => w.delete_map(&m.meta.id),
            Row::Meta(_) => Ok(()),
            Row::Stage(s) => w.delete_stage(&s.id),
            Row::Lane(l) => w.delete_lane(&l.id),
            Row::Touchpoint(t) => w.delete_touchpoint(&t.id),
            Row::Link(_, l) => w.delete_link(&l.id),
            Row::Feedback(_, f) => w.delete_feedback(&f.id),
            Row::Decision(_, d) => w.delete_decision(&d.id),
            Row::Round(_, r) => w.delete_round(&r.id),
        };
        match r {
            Err(StoreError::NotFound { .. }) => Ok(()),
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
    pub fn apply(&self, w: &Write<'_>, dir: Direction) -> Result<()> {
        let mut deletes: Vec<&Row> = Vec::new();
        let mut updates: Vec<&Row> = Vec::new();
        let mut inserts: Vec<&Row> = Vec::new();
        for rc in &self.rows {
            match rc.oriented(dir) {
                (Some(from), None) => deletes.push(from),
                (Some(_), Some(to)) => updates.push(to),
                (None, Some(to)) => inserts.push(to),
                (None, None) => {}
            }
        }
        deletes.sort_by_key(|r| std::cmp::Reverse(r.rank()));
        inserts.sort_by_key(|r| r.rank());
        for r in deletes {
            r.delete(w)?;
        }
        let (rounds, updates): (Vec<&Row>, Vec<&Row>) = updates
            .into_iter()
            .partition(|r| matches!(r, Row::Round(..)));
        for r in updates {
            r.update(w)?;
        }
        for r in inserts {
            r.insert(w, &self.map_id)?;
        }
        for r in rounds {
            r.update(w)?;
        }
        Ok(())
    }

    /// Applies the change in direction `dir` inside the caller's transaction and marks the
    /// map changed at `now` (unless the change is a whole map: a library edit).
    pub fn commit(&self, w: &Write<'_>, dir: Direction, now: &str) -> Result<()> {
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
