//! The open map, kept in memory so that an edit answers with a [`MapPatch`] without
//! reading the map back: the edit's own row changes are applied to the kept copy, and the
//! view sent last is brought up to date. An edit that leaves every list's order as it was
//! (a title, a pain score, a piece of feedback: most edits) rebuilds only the items it
//! touched and the figures they count towards (their stage, their lane, the map), so its
//! cost does not grow with the map; one that adds, removes or reorders stages, lanes or
//! touchpoints rebuilds the view and compares it with the last one.
//!
//! The database stays the truth. The copy is dropped when an edit replaces or removes the
//! whole map, and read again when SQLite's `data_version` says another connection (the
//! CLI, say) has written since. Tests compare the kept view with a fresh read after every
//! kind of edit, undo and redo.

use std::collections::BTreeSet;

use journey_core::metrics::{Groups, MapMetrics, Metrics};
use journey_core::model::*;

use crate::change::{Change, Direction, Row};
use crate::dto::{LaneDto, MapLocation, MapMetaDto, MapView, MetricsDto, StageDto, TouchpointDto};
use crate::patch::{self, ListPatch, MapPatch};
use crate::{App, HistoryKey, Result};

impl App {
    /// The open map's copy, if it is map `id` and still what its store holds.
    pub(crate) fn open_map_if_current(&self, id: &str) -> Result<Option<&JourneyMap>> {
        let Some(c) = &self.open else {
            return Ok(None);
        };
        if c.map.meta.id != id || c.links_stale || c.workshop_stale {
            return Ok(None);
        }
        let current = match c.location {
            MapLocation::Local => c.version == self.store.data_version()?,
            MapLocation::Library => !c.reload,
        };
        Ok(current.then_some(&c.map))
    }

    /// The map as the board shows it, with metrics and whether undo/redo are possible.
    /// The map the app has open from the team library is shown from its copy.
    pub fn view(&self, id: &str) -> Result<MapView> {
        let key = HistoryKey::map(id);
        if let Some(c) = self
            .open
            .as_ref()
            .filter(|c| c.location == MapLocation::Library && c.map.meta.id == id)
        {
            return Ok(c.build_view(self.can_undo(&key), self.can_redo(&key)));
        }
        let map = self.store.load_map(id)?;
        Ok(MapView::build_at(
            &map,
            self.can_undo(&key),
            self.can_redo(&key),
            MapLocation::Local,
            self.read_only().map(str::to_string),
        ))
    }

    /// The map's view, which later edits answer with patches against (see
    /// [`App::patch`]). Only one map is kept open at a time. A map in the local database
    /// opens from there; a map that is only in the team library (when one is connected)
    /// opens from the library (see [`App::open_view_at`]).
    pub fn open_view(&mut self, id: &str) -> Result<MapView> {
        if self.library.is_some() && self.store.map_name(id)?.is_none() {
            return self.open_library_view(id);
        }
        self.open_local_view(id)
    }

    /// Opens map `id` from where it lives: `local`, or `library` (a published map keeps
    /// its id, so the same id can be in both).
    pub fn open_view_at(&mut self, id: &str, location: MapLocation) -> Result<MapView> {
        match location {
            MapLocation::Local => self.open_local_view(id),
            MapLocation::Library => self.open_library_view(id),
        }
    }

    fn open_local_view(&mut self, id: &str) -> Result<MapView> {
        self.keep_offline(true);
        self.open = None;
        let version = self.store.data_version()?;
        let map = self.store.load_map(id)?;
        let key = HistoryKey::map(id);
        let cache = ViewCache::new(
            map,
            self.can_undo(&key),
            self.can_redo(&key),
            MapLocation::Local,
            self.read_only().map(str::to_string),
            version,
        );
        let view = cache.view.clone();
        self.open = Some(cache);
        Ok(view)
    }

    /// What changed in map `id`'s view since it was opened or last patched. Built from the
    /// copy in memory; read from the database when the map is not the open one or another
    /// connection has written since (then every item is sent, and every feedback list is
    /// marked changed). For the map open from the team library, read from the library
    /// when the copy may be behind (an edit met a conflict, someone else wrote in between,
    /// a list was renumbered): then the patch holds what changed.
    pub fn patch(&mut self, id: &str) -> Result<MapPatch> {
        let key = HistoryKey::map(id);
        let (can_undo, can_redo) = (self.can_undo(&key), self.can_redo(&key));
        if self.library_copy(id).is_some() {
            let behind = self
                .open
                .as_ref()
                .is_some_and(|c| c.reload || c.links_stale || c.workshop_stale);
            if behind {
                return self.refresh_library_view();
            }
            let c = self
                .open
                .as_mut()
                .ok_or_else(|| crate::AppError::NotFound(format!("map {id} is not open")))?;
            return Ok(c.patch_kept(can_undo, can_redo));
        }
        let version = self.store.data_version()?;
        let kept = self.open.take();
        if let Some(mut c) = kept.filter(|c| {
            c.location == MapLocation::Local && c.map.meta.id == id && c.version == version
        }) {
            if c.links_stale {
                c.map.links = self.store.load_links(id)?;
                c.links_stale = false;
            }
            if c.workshop_stale {
                (c.map.decisions, c.map.rounds) = self.store.load_workshop(id)?;
                c.workshop_stale = false;
            }
            let patch = c.patch_kept(can_undo, can_redo);
            self.open = Some(c);
            return Ok(patch);
        }
        let view = self.open_local_view(id)?;
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
    /// Where the map lives.
    pub location: MapLocation,
    /// Why the map can only be read (a read-only database; the team library unreachable
    /// and this its copy kept on this computer).
    pub read_only: Option<String>,
    /// `data_version` when the map was read (a local map).
    pub version: i64,
    /// The library's revision of the map this copy holds (a library map).
    pub rev: i64,
    /// The listener's generation when `rev` was last known to be current: a new one means
    /// notifications may have been missed (a library map).
    pub generation: u64,
    /// The copy may be behind the library: read it again before the next patch (an edit
    /// met a conflict, someone else wrote between our reads, a list was renumbered).
    pub reload: bool,
    /// The copy changed since it was last kept as the offline copy (a library map).
    pub offline_dirty: bool,
    /// When it was last kept as the offline copy.
    pub offline_saved: Option<std::time::Instant>,
    /// A link was put back at its old place: read the links again (their order is the
    /// database's `seq`).
    pub links_stale: bool,
    /// A decision or a round was put back at its old place: read them again.
    pub workshop_stale: bool,
    /// Touchpoints and stages whose feedback changed since the last patch.
    pub feedback_changed: BTreeSet<Id>,
    /// What the changes since the last patch touched.
    pub touched: Touched,
}

/// What the changes since the last patch touched: the items to rebuild, and whether any
/// list's order may have changed (then the whole view is rebuilt).
#[derive(Debug, Default)]
pub(crate) struct Touched {
    touchpoints: BTreeSet<Id>,
    stages: BTreeSet<Id>,
    lanes: BTreeSet<Id>,
    /// A stage, lane or touchpoint was added, removed or moved.
    order: bool,
    links: bool,
    workshop: bool,
}

impl Touched {
    /// A row as it was or as it becomes; `moved` when its place in its list may change.
    fn row(&mut self, map: &JourneyMap, row: &Row, moved: bool) {
        match row {
            Row::Map(_) => self.order = true,
            Row::Meta(_) => {}
            Row::Stage(s) => {
                self.stages.insert(s.id.clone());
                self.order |= moved;
            }
            Row::Lane(l) => {
                self.lanes.insert(l.id.clone());
                self.order |= moved;
            }
            Row::Touchpoint(t) => {
                self.touchpoints.insert(t.id.clone());
                self.stages.insert(t.stage_id.clone());
                self.lanes.insert(t.lane_id.clone());
                self.order |= moved;
            }
            Row::Link(..) => self.links = true,
            Row::Feedback(_, f) => match &f.target {
                FeedbackTarget::Stage(id) => {
                    self.stages.insert(id.clone());
                }
                FeedbackTarget::Touchpoint(id) => {
                    self.touchpoints.insert(id.clone());
                    if let Some(t) = map.touchpoint(id) {
                        self.stages.insert(t.stage_id.clone());
                        self.lanes.insert(t.lane_id.clone());
                    }
                }
            },
            Row::Decision(..) | Row::Round(..) => self.workshop = true,
        }
    }
}

/// Whether an update moves a row within its list (or to another cell).
fn moves(before: &Row, after: &Row) -> bool {
    match (before, after) {
        (Row::Stage(a), Row::Stage(b)) => a.position != b.position,
        (Row::Lane(a), Row::Lane(b)) => a.position != b.position,
        (Row::Touchpoint(a), Row::Touchpoint(b)) => {
            a.position != b.position || a.stage_id != b.stage_id || a.lane_id != b.lane_id
        }
        _ => false,
    }
}

impl ViewCache {
    /// A copy of `map` and the view built from it.
    pub fn new(
        map: JourneyMap,
        can_undo: bool,
        can_redo: bool,
        location: MapLocation,
        read_only: Option<String>,
        version: i64,
    ) -> ViewCache {
        let view = MapView::build_at(&map, can_undo, can_redo, location, read_only.clone());
        ViewCache {
            map,
            view,
            location,
            read_only,
            version,
            rev: 0,
            generation: 0,
            reload: false,
            offline_dirty: false,
            offline_saved: None,
            links_stale: false,
            workshop_stale: false,
            feedback_changed: Default::default(),
            touched: Touched::default(),
        }
    }

    /// The view of the copy as it is.
    pub fn build_view(&self, can_undo: bool, can_redo: bool) -> MapView {
        MapView::build_at(
            &self.map,
            can_undo,
            can_redo,
            self.location,
            self.read_only.clone(),
        )
    }

    /// The patch for the changes applied since the last one, from the copy (which must be
    /// current).
    pub fn patch_kept(&mut self, can_undo: bool, can_redo: bool) -> MapPatch {
        let changed = std::mem::take(&mut self.feedback_changed)
            .into_iter()
            .collect();
        let touched = std::mem::take(&mut self.touched);
        if touched.order {
            let view = self.build_view(can_undo, can_redo);
            let patch = patch::MapPatch::between(&self.view, &view, changed);
            self.view = view;
            patch
        } else {
            self.patch_in_place(&touched, can_undo, can_redo, changed)
        }
    }

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
            let (before, after) = rc.oriented(dir);
            // Feedback names its touchpoint: note what it counts towards while the
            // touchpoint is still in the copy.
            if let Some(b) = before {
                self.touched
                    .row(&self.map, b, after.is_none_or(|a| moves(b, a)));
            }
            if let Some(a) = after {
                self.touched
                    .row(&self.map, a, before.is_none_or(|b| moves(b, a)));
            }
            match (before, after) {
                (_, Some(row)) => self.upsert(row),
                (Some(row), None) => self.remove(row),
                (None, None) => {}
            }
        }
        self.map.meta.updated_at = now.to_string();
        if self.touched.order {
            self.map.sort_for_display();
        }
        true
    }

    /// Brings the view up to date for changes that left every list's order as it was,
    /// and returns the patch: the touched items whose view changed, the map's fields and
    /// figures, and, when links or the workshop changed, those lists compared whole.
    fn patch_in_place(
        &mut self,
        touched: &Touched,
        can_undo: bool,
        can_redo: bool,
        feedback_changed: Vec<String>,
    ) -> MapPatch {
        let metrics = MapMetrics::some(
            &self.map,
            Groups {
                touchpoints: &touched.touchpoints,
                stages: &touched.stages,
                lanes: &touched.lanes,
            },
        );
        let figures = |table: &std::collections::BTreeMap<Id, Metrics>, id: &str| {
            table.get(id).map(MetricsDto::from).unwrap_or_default()
        };
        let map = &self.map;
        let view = &mut self.view;
        let mut stages = Vec::new();
        for s in map.stages.iter().filter(|s| touched.stages.contains(&s.id)) {
            let new = StageDto::of(s, figures(&metrics.stages, &s.id));
            replace(&mut view.stages, new, &mut stages);
        }
        let mut lanes = Vec::new();
        for l in map.lanes.iter().filter(|l| touched.lanes.contains(&l.id)) {
            let new = LaneDto::of(l, figures(&metrics.lanes, &l.id));
            replace(&mut view.lanes, new, &mut lanes);
        }
        let mut touchpoints = Vec::new();
        for id in &touched.touchpoints {
            if let Some(t) = map.touchpoint(id) {
                let new = TouchpointDto::of(t, figures(&metrics.touchpoints, id));
                replace(&mut view.touchpoints, new, &mut touchpoints);
            }
        }
        let links = if touched.links {
            let new = MapView::links_of(map);
            let p = patch::diff_list(&view.links, &new);
            view.links = new;
            p
        } else {
            ListPatch::none()
        };
        let (decisions, rounds) = if touched.workshop {
            let (d, r) = MapView::workshop_of(map);
            let p = (
                patch::diff_list(&view.decisions, &d),
                patch::diff_list(&view.rounds, &r),
            );
            (view.decisions, view.rounds) = (d, r);
            p
        } else {
            (ListPatch::none(), ListPatch::none())
        };
        view.map = MapMetaDto::of(&map.meta);
        view.metrics = MetricsDto::from(&metrics.map);
        view.can_undo = can_undo;
        view.can_redo = can_redo;
        MapPatch {
            map: view.map.clone(),
            stages: ListPatch::changed(stages),
            lanes: ListPatch::changed(lanes),
            touchpoints: ListPatch::changed(touchpoints),
            links,
            decisions,
            rounds,
            metrics: view.metrics,
            can_undo,
            can_redo,
            feedback_changed,
        }
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

/// Puts `new` in place of the item with its id, and records it as changed when it
/// differs from what was there.
fn replace<T: patch::Keyed + Clone + PartialEq>(items: &mut [T], new: T, changed: &mut Vec<T>) {
    if let Some(slot) = items.iter_mut().find(|x| x.key() == new.key()) {
        if *slot != new {
            changed.push(new.clone());
            *slot = new;
        }
    }
}
