//! Undo and redo. Every edit is kept as its [`Change`] under a [`HistoryKey`]: the map it
//! changed, or the library for edits that create, replace or remove a whole map. Undo
//! applies the change backwards, redo forwards, each in one transaction.

use std::collections::HashMap;

use journey_core::model::Id;

use crate::change::{Change, Direction};
use crate::{now, App, Result};

/// Which history an undo or redo steps through.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum HistoryKey {
    /// Library edits: maps created, imported, duplicated or deleted.
    Library,
    /// The edits of one map.
    Map(Id),
}

impl HistoryKey {
    pub fn map(id: &str) -> HistoryKey {
        HistoryKey::Map(id.to_string())
    }

    /// How many edits the history keeps: library entries hold whole maps.
    fn limit(&self) -> usize {
        match self {
            HistoryKey::Library => 20,
            HistoryKey::Map(_) => 500,
        }
    }
}

#[derive(Debug, Default)]
pub(crate) struct History {
    undo: HashMap<HistoryKey, Vec<Change>>,
    redo: HashMap<HistoryKey, Vec<Change>>,
}

impl History {
    /// The stack a step in direction `dir` takes from (`source`) or puts onto.
    fn stack(&mut self, dir: Direction, source: bool) -> &mut HashMap<HistoryKey, Vec<Change>> {
        match (dir, source) {
            (Direction::Backward, true) | (Direction::Forward, false) => &mut self.undo,
            (Direction::Forward, true) | (Direction::Backward, false) => &mut self.redo,
        }
    }

    /// Keeps an applied change for undo; a new edit clears what could be redone.
    pub(crate) fn record(&mut self, change: Change) {
        let key = if change.is_whole_map() {
            HistoryKey::Library
        } else {
            HistoryKey::Map(change.map_id.clone())
        };
        self.redo.remove(&key);
        let limit = key.limit();
        let stack = self.undo.entry(key).or_default();
        stack.push(change);
        if stack.len() > limit {
            stack.remove(0);
        }
    }

    /// Forgets a map's history (the map is gone).
    pub(crate) fn forget(&mut self, map_id: &str) {
        let key = HistoryKey::map(map_id);
        self.undo.remove(&key);
        self.redo.remove(&key);
    }
}

impl App {
    pub fn can_undo(&self, key: &HistoryKey) -> bool {
        self.history.undo.get(key).is_some_and(|v| !v.is_empty())
    }

    pub fn can_redo(&self, key: &HistoryKey) -> bool {
        self.history.redo.get(key).is_some_and(|v| !v.is_empty())
    }

    /// Undoes the last edit kept under `key`. Returns its label, or `None` when there is
    /// nothing to undo.
    pub fn undo(&mut self, key: &HistoryKey) -> Result<Option<String>> {
        self.step(key, Direction::Backward)
    }

    /// Redoes the last undone edit under `key`.
    pub fn redo(&mut self, key: &HistoryKey) -> Result<Option<String>> {
        self.step(key, Direction::Forward)
    }

    fn step(&mut self, key: &HistoryKey, dir: Direction) -> Result<Option<String>> {
        let Some(change) = self
            .history
            .stack(dir, true)
            .get_mut(key)
            .and_then(Vec::pop)
        else {
            return Ok(None);
        };
        let now = now();
        let applied = self
            .store
            .write(|w| -> Result<()> { Ok(change.commit(w, dir, &now)?) });
        let done = applied.is_ok();
        if done {
            self.committed(&change, dir, &now);
        }
        let label = change.label.clone();
        // Done: onto the other stack. Failed: back where it was, to try again.
        self.history
            .stack(dir, !done)
            .entry(key.clone())
            .or_default()
            .push(change);
        applied.map(|()| Some(label))
    }
}
