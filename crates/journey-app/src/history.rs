//! Undo and redo. Every edit is kept as its [`Change`] under a [`HistoryKey`]: the map it
//! changed, or the library for edits that create, replace or remove a whole map. Undo
//! applies the change backwards, redo forwards, each in one transaction.
//!
//! A map published to the team library keeps its id there, so the same id can name a
//! local map and a library map: their edits are kept apart ([`Slot`]), and a key names
//! the library's history while the app has that map open from the library. An undo in the
//! library is checked like any library edit: when someone else has changed a row since,
//! it fails with a conflict and is dropped (it could never apply).

use std::collections::HashMap;

use journey_core::model::Id;

use crate::change::{Change, Direction};
use crate::{now, App, AppError, Result};

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

/// Where a history is kept: a key, and whether it is the team library's copy of the map.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Slot {
    key: HistoryKey,
    library: bool,
}

#[derive(Debug, Default)]
pub(crate) struct History {
    undo: HashMap<Slot, Vec<Change>>,
    redo: HashMap<Slot, Vec<Change>>,
}

impl History {
    /// The stack a step in direction `dir` takes from (`source`) or puts onto.
    fn stack(&mut self, dir: Direction, source: bool) -> &mut HashMap<Slot, Vec<Change>> {
        match (dir, source) {
            (Direction::Backward, true) | (Direction::Forward, false) => &mut self.undo,
            (Direction::Forward, true) | (Direction::Backward, false) => &mut self.redo,
        }
    }

    /// Keeps an applied change for undo (`library`: made in the team library); a new edit
    /// clears what could be redone.
    pub(crate) fn record(&mut self, change: Change, library: bool) {
        let key = if change.is_whole_map() {
            HistoryKey::Library
        } else {
            HistoryKey::Map(change.map_id.clone())
        };
        let limit = key.limit();
        let slot = Slot { key, library };
        self.redo.remove(&slot);
        let stack = self.undo.entry(slot).or_default();
        stack.push(change);
        if stack.len() > limit {
            stack.remove(0);
        }
    }

    /// Forgets a local map's history (the map is gone).
    pub(crate) fn forget(&mut self, map_id: &str) {
        let slot = Slot {
            key: HistoryKey::map(map_id),
            library: false,
        };
        self.undo.remove(&slot);
        self.redo.remove(&slot);
    }

    /// Forgets every history of library maps (the library was disconnected).
    pub(crate) fn forget_library(&mut self) {
        self.undo.retain(|s, _| !s.library);
        self.redo.retain(|s, _| !s.library);
    }

    pub(crate) fn can_undo(&self, slot: &Slot) -> bool {
        self.undo.get(slot).is_some_and(|v| !v.is_empty())
    }

    pub(crate) fn can_redo(&self, slot: &Slot) -> bool {
        self.redo.get(slot).is_some_and(|v| !v.is_empty())
    }
}

impl App {
    /// Where `key`'s history is kept now: a map's is the library's while the app has the
    /// map open from the library.
    pub(crate) fn slot(&self, key: &HistoryKey) -> Slot {
        let library = match key {
            HistoryKey::Library => false,
            HistoryKey::Map(id) => self.library_copy(id).is_some(),
        };
        Slot {
            key: key.clone(),
            library,
        }
    }

    /// Whether map `id`'s library history can be undone and redone.
    pub(crate) fn library_undo_redo(&self, id: &str) -> (bool, bool) {
        let slot = Slot {
            key: HistoryKey::map(id),
            library: true,
        };
        (self.history.can_undo(&slot), self.history.can_redo(&slot))
    }
}

impl App {
    pub fn can_undo(&self, key: &HistoryKey) -> bool {
        self.history.can_undo(&self.slot(key))
    }

    pub fn can_redo(&self, key: &HistoryKey) -> bool {
        self.history.can_redo(&self.slot(key))
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
        let slot = self.slot(key);
        let Some(change) = self
            .history
            .stack(dir, true)
            .get_mut(&slot)
            .and_then(Vec::pop)
        else {
            return Ok(None);
        };
        let now = now();
        let applied = if slot.library {
            match self.library_write(|w| change.commit(w, dir, &now)) {
                Ok(((), written)) => {
                    self.library_committed(&change, dir, &now, written);
                    Ok(())
                }
                // Someone else changed what this step would undo or redo: it can never
                // apply, so it is dropped rather than put back.
                Err(e @ AppError::Conflict(_)) => return Err(e),
                Err(e) => Err(e),
            }
        } else {
            let applied = self
                .store
                .write(|w| -> Result<()> { change.commit(w, dir, &now) });
            if applied.is_ok() {
                self.committed(&change, dir, &now);
            }
            applied
        };
        let done = applied.is_ok();
        let label = change.label.clone();
        // Done: onto the other stack. Failed: back where it was, to try again.
        self.history
            .stack(dir, !done)
            .entry(slot)
            .or_default()
            .push(change);
        applied.map(|()| Some(label))
    }
}
