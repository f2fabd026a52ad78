//! The open map, kept in memory so that an edit answers with a [`MapPatch`] without
//! reading the map back: the edit's own row changes are applied to the kept copy, the
//! view is rebuilt from it, and the patch is the difference from the view sent last.
//!
//! The database stays the truth. The copy is dropped when an edit replaces or removes the
//! whole map, and read again when SQLite's `data_version` says another connection (the
//! CLI, say) has written since. Tests compare the kept view with a fresh read after every
//! kind of edit, undo and redo.

use std::collections::BTreeSet;

use journey_core::model::*;

use crate::change::{Change, Direction, Row};
use crate::dto::{self, MapView};
use crate::patch::{self, MapPatch};
use crate::{App, HistoryKey, Result};

impl App {
    /// The open map's copy, if it is map `id` and still what the database holds.
    pub(crate) fn open_map_if_current(&self, id: &str) -> Result<Option<&JourneyMap>> {
        let Some(c) = &self.open else {
            return Ok(None);
        };
        if c.map.meta.id != id
            || c.links_stale
            || c.workshop_stale
            || c.version != self.store.data_version()?
        {
            return Ok(None);
        }
        Ok(Some(&c.map))
    }

    /// The map as the board shows it, with metrics and whether undo/redo are possible.
    pub fn view(&self, id: &str) -> Result<MapView> {
        let map = self.store.load_map(id)?;
        let key = HistoryKey::map(id);
        Ok(MapView::build(
            &map,
            self.can_undo(&key),
            self.can_redo(&key),
        ))
    }

    /// The map's view, which later edits answer with patches against (see
    /// [`App::patch`]). Only one map is kept open at a time.
    pub fn open_view(&mut self, id: &str) -> Result<MapView> {
        self.open = None;
        let version = self.store.data_version()?;
        let map = self.store.load_map(id)?;
        let key = HistoryKey::map(id);
        let view = MapView::build(&map, self.can_undo(&key), self.can_redo(&key));
        self.open = Some(ViewCache {
            map,
            view: view.clone(),
            version,
            links_stale: false,
            workshop_stale: false,
            feedback_changed: Default::default(),
        });
        Ok(view)
    }

    /// What changed in map `id`'s view since it was opened or last patched. Built from the
    /// copy in memory; read from the database when the map is not the open one or another
    /// connection has written since (then every item is sent, and every feedback list is
    /// marked changed).
    pub fn patch(&mut self, id: &str) -> Result<MapPatch> {
        let version = self.store.data_version()?;
        let key = HistoryKey::map(id);
        let (can_undo, can_redo) = (self.can_undo(&key), self.can_redo(&key));
        let kept = self.open.take();
        if let Some(mut c) = kept.filter(|c| c.map.meta.id == id && c.version == version) {
            if c.links_stale {
                c.map.links = self.store.load_links(id)?;
                c.links_stale = false;
            }
            if c.workshop_stale {
                (c.map.decisions, c.map.rounds) = self.store.load_workshop(id)?;
                c.workshop_stale = false;
            }
            let view = dto::MapView::build(&c.map, can_undo, can_redo);
            let changed = std::mem::take(&mut c.feedback_changed)
                .into_iter()
                .collect();
            let patch = patch::MapPatch::between(&c.view, &view, changed);
            c.view = view;
            self.open = Some(c);
            return Ok(patch);
        }
        let view = self.open_view(id)?;
        let everything = view
            .stages
            .iter()
            .map(|s| s.id.clone())
            .chain(view.touchpoints.iter().map(|t| t.id.clone()))
            .collect();
        Ok(patch::MapPatch::whole(&view, everything))
    }
}

#[derive(Debug)]
pub(crate) struct ViewCache {
    pub map: JourneyMap,
    /// The view the UI has now: the last one sent or patched.
    pub view: MapView,
    /// `data_version` when the map was read.
    pub version: i64,
    /// A link was put back at its old place: read the links again (their order is the
    /// database's `seq`).
    pub links_stale: bool,
    /// A decision or a round was put back at its old place: read them again.
    pub workshop_stale: bool,
    /// Touchpoints and stages whose feedback changed since the last patch.
    pub feedback_changed: BTreeSet<Id>,
}

impl ViewCache {
    /// Applies an edit (or its undo) that has been committed to the database. A change
    /// lists every row it removes, cascaded children included, so rows are upserted or
    /// removed one by one. Returns `false` when the copy can no longer be kept (the whole
    /// map was replaced or removed).
    pub fn apply(&mut self, change: &Change, dir: Direction, now: &str) -> bool {
        if change.map_id != self.map.meta.id {
            return true;
        }
        if change.is_whole_map() {
            return false;
        }
        for rc in &change.rows {
            match rc.oriented(dir) {
                (_, Some(row)) => self.upsert(row),
                (Some(row), None) => self.remove(row),
                (None, None) => {}
            }
        }
        self.map.meta.updated_at = now.to_string();
        self.map.sort_for_display();
        true
    }

    fn upsert(&mut self, row: &Row) {
        fn put<T>(items: &mut Vec<T>, item: &T, same: impl Fn(&T) -> bool)
        where
            T: Clone,
        {
            match items.iter_mut().find(|x| same(x)) {
                Some(slot) => *slot = item.clone(),
                None => items.push(item.clone()),
            }
        }
        let m = &mut self.map;
        match row {
            Row::Map(_) => {}
            Row::Meta(meta) => m.meta = meta.clone(),
            Row::Stage(s) => put(&mut m.stages, s, |x| x.id == s.id),
            Row::Lane(l) => put(&mut m.lanes, l, |x| x.id == l.id),
            Row::Touchpoint(t) => put(&mut m.touchpoints, t, |x| x.id == t.id),
            // A new link (no `seq`) goes last, as in the table; only one put back at its
            // old place (an undone delete) needs the table's order.
            Row::Link(seq, l) => {
                if seq.is_none() || m.links.iter().any(|x| x.id == l.id) {
                    put(&mut m.links, l, |x| x.id == l.id);
                } else {
                    self.links_stale = true;
                }
            }
            Row::Feedback(_, f) => {
                if let Some(old) = m.feedback.iter().find(|x| x.id == f.id) {
                    self.feedback_changed.insert(target_id(&old.target));
                }
                self.feedback_changed.insert(target_id(&f.target));
                put(&mut m.feedback, f, |x| x.id == f.id);
            }
            Row::Decision(seq, d) => {
                if seq.is_none() || m.decisions.iter().any(|x| x.id == d.id) {
                    put(&mut m.decisions, d, |x| x.id == d.id);
                } else {
                    self.workshop_stale = true;
                }
            }
            Row::Round(seq, r) => {
                if seq.is_none() || m.rounds.iter().any(|x| x.id == r.id) {
                    put(&mut m.rounds, r, |x| x.id == r.id);
                } else {
                    self.workshop_stale = true;
                }
            }
        }
    }

    fn remove(&mut self, row: &Row) {
        let m = &mut self.map;
        match row {
            Row::Map(_) | Row::Meta(_) => {}
            Row::Stage(s) => m.stages.retain(|x| x.id != s.id),
            Row::Lane(l) => m.lanes.retain(|x| x.id != l.id),
            Row::Touchpoint(t) => m.touchpoints.retain(|x| x.id != t.id),
            Row::Link(_, l) => m.links.retain(|x| x.id != l.id),
            Row::Feedback(_, f) => {
                self.feedback_changed.insert(target_id(&f.target));
                m.feedback.retain(|x| x.id != f.id);
            }
            Row::Decision(_, d) => m.decisions.retain(|x| x.id != d.id),
            Row::Round(_, r) => m.rounds.retain(|x| x.id != r.id),
        }
    }
}

fn target_id(t: &FeedbackTarget) -> Id {
    match t {
        FeedbackTarget::Touchpoint(id) | FeedbackTarget::Stage(id) => id.clone(),
    }
}
