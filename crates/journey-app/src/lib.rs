//! # journey-app
//!
//! What Journeymap *does*, as plain functions over the domain ([`journey_core`]) and the
//! store ([`journey_store`]): create a map, move a touchpoint, add feedback, import a file,
//! undo. The desktop shell and the `journeymap` CLI are thin adapters over [`App`]; neither
//! holds business logic of its own.
//!
//! Every edit is built as a [`change::Change`] (rows before and after) inside one write
//! transaction and applied there; the change is then kept for undo and redo.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use journey_core::fields::{self, Score, TextField};
use journey_core::graph::JourneyGraph;
use journey_core::interchange::{self, ImportError, Limits, Problem};
use journey_core::model::*;
use journey_core::ops::{self, IdKind};
use journey_core::report::Report;
use journey_store::{MapSummary, Scope, Store, StoreError, Write};

pub mod api;
pub mod change;
pub mod dto;
pub mod error;
pub mod fields_in;
pub mod files;
pub mod patch;
pub mod paths;
pub mod render;
mod view_cache;

use change::{Change, Direction, Row, RowChange};
pub use error::{AppError, Result};
pub use fields_in::*;

/// The undo history kept under this key holds library-level edits (maps created,
/// imported, duplicated or deleted); every other key is a map id.
pub const LIBRARY: &str = "";

/// What to do when an imported map's id is already in the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ImportMode {
    /// Refuse, naming the existing map.
    #[default]
    Refuse,
    /// Replace the existing map in one transaction.
    Replace,
    /// Import as a new map with fresh ids, its name marked as a copy.
    Copy,
}

/// The current time as the store keeps it: RFC 3339, UTC, whole seconds.
pub fn now() -> String {
    let t = jiff::Timestamp::now();
    jiff::Timestamp::from_second(t.as_second())
        .unwrap_or(t)
        .to_string()
}

/// The pain points and metrics of a map already read.
pub fn report_of(map: &JourneyMap) -> Result<Report> {
    let graph = JourneyGraph::build(map).map_err(|e| AppError::Invalid(e.to_string()))?;
    Ok(Report::build(map, &graph))
}

/// A fresh id such as `tp_3f9c0a1b2d4e5f60`.
pub fn fresh_id(kind: IdKind) -> Id {
    let hex = uuid::Uuid::new_v4().simple().to_string();
    format!("{}_{}", kind.prefix(), &hex[..16])
}

#[derive(Debug, Default)]
struct History {
    undo: HashMap<Id, Vec<Change>>,
    redo: HashMap<Id, Vec<Change>>,
}

/// Depth of each map's undo history.
const HISTORY_LIMIT: usize = 500;
/// Depth of the library's history, whose entries hold whole maps.
const LIBRARY_HISTORY_LIMIT: usize = 20;

/// The use-cases, over one open database.
#[derive(Debug)]
pub struct App {
    store: Store,
    history: History,
    /// The map the desktop app has open, kept in memory to answer edits with patches.
    open: Option<view_cache::ViewCache>,
}

fn invalid(what: &str, problem: impl std::fmt::Display) -> AppError {
    AppError::Invalid(format!("{what}: {problem}"))
}

fn text(what: &str, field: TextField, value: &str) -> Result<String> {
    fields::check_text(field, value).map_err(|e| invalid(what, e))?;
    Ok(value.to_string())
}

fn score<T: Copy + Into<i64>>(what: &str, s: Score, value: Option<T>) -> Result<Option<T>> {
    if let Some(v) = value {
        fields::check_score(s, v.into()).map_err(|e| invalid(what, e))?;
    }
    Ok(value)
}

impl App {
    /// Opens (or creates) the database at `path`, creating its folder if needed.
    pub fn open(path: &Path) -> Result<App> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                AppError::Io(format!("{}: cannot create the folder ({e})", dir.display()))
            })?;
        }
        Ok(App {
            store: Store::open(path)?,
            history: History::default(),
            open: None,
        })
    }

    pub fn db_path(&self) -> PathBuf {
        self.store.path().to_path_buf()
    }

    // Reading.

    pub fn list_maps(&self) -> Result<Vec<MapSummary>> {
        Ok(self.store.list_maps()?)
    }

    pub fn load_map(&self, id: &str) -> Result<JourneyMap> {
        Ok(self.store.load_map(id)?)
    }

    /// The map as the board shows it, with metrics and whether undo/redo are possible.
    pub fn view(&self, id: &str) -> Result<dto::MapView> {
        let map = self.store.load_map(id)?;
        Ok(dto::MapView::build(
            &map,
            self.can_undo(id),
            self.can_redo(id),
        ))
    }

    /// The map's view, which later edits answer with patches against (see
    /// [`App::patch`]). Only one map is kept open at a time.
    pub fn open_view(&mut self, id: &str) -> Result<dto::MapView> {
        self.open = None;
        let version = self.store.data_version()?;
        let map = self.store.load_map(id)?;
        let view = dto::MapView::build(&map, self.can_undo(id), self.can_redo(id));
        self.open = Some(view_cache::ViewCache {
            map,
            view: view.clone(),
            version,
            links_stale: false,
            feedback_changed: Default::default(),
        });
        Ok(view)
    }

    /// What changed in map `id`'s view since it was opened or last patched. Built from the
    /// copy in memory; read from the database when the map is not the open one or another
    /// connection has written since (then every item is sent, and every feedback list is
    /// marked changed).
    pub fn patch(&mut self, id: &str) -> Result<patch::MapPatch> {
        let version = self.store.data_version()?;
        let (can_undo, can_redo) = (self.can_undo(id), self.can_redo(id));
        let kept = self.open.take();
        if let Some(mut c) = kept.filter(|c| c.map.meta.id == id && c.version == version) {
            if c.links_stale {
                c.map.links = self.store.load_links(id)?;
                c.links_stale = false;
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

    /// Keeps the open map's copy in step with a change just committed.
    fn committed(&mut self, change: &Change, dir: Direction, now: &str) {
        if let Some(c) = &mut self.open {
            if !c.apply(change, dir, now) {
                self.open = None;
            }
        }
    }

    /// Feedback on one touchpoint or stage, oldest first.
    pub fn feedback_for(&self, target: &FeedbackTarget) -> Result<Vec<Feedback>> {
        Ok(self.store.feedback_for(target)?)
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self.store.setting(key)?)
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        Ok(self.store.set_setting(key, value)?)
    }

    /// The name of the map with this id.
    pub fn map_name(&self, id: &str) -> Result<String> {
        self.store
            .map_name(id)?
            .ok_or_else(|| AppError::NotFound(format!("no map with id {id}")))
    }

    /// Finds a map by id, or by its exact name if that name is unique.
    pub fn resolve_map(&self, id_or_name: &str) -> Result<Id> {
        if self.store.map_name(id_or_name)?.is_some() {
            return Ok(id_or_name.to_string());
        }
        let found: Vec<MapSummary> = self
            .store
            .list_maps()?
            .into_iter()
            .filter(|m| m.name == id_or_name)
            .collect();
        match found.as_slice() {
            [one] => Ok(one.id.clone()),
            [] => Err(AppError::NotFound(format!(
                "no map has the id or name {id_or_name:?}"
            ))),
            many => Err(AppError::Invalid(format!(
                "{} maps are named {id_or_name:?}; use an id: {}",
                many.len(),
                many.iter()
                    .map(|m| m.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        }
    }

    /// The map as canonical JSON.
    pub fn export_map(&self, id: &str) -> Result<String> {
        Ok(interchange::export_json(&self.store.load_map(id)?))
    }

    /// Ranked pain points and metrics.
    pub fn report(&self, id: &str) -> Result<Report> {
        report_of(&self.store.load_map(id)?)
    }

    // Undo and redo.

    pub fn can_undo(&self, key: &str) -> bool {
        self.history.undo.get(key).is_some_and(|v| !v.is_empty())
    }

    pub fn can_redo(&self, key: &str) -> bool {
        self.history.redo.get(key).is_some_and(|v| !v.is_empty())
    }

    /// Undoes the last edit kept under `key` (a map id, or [`LIBRARY`]). Returns its label,
    /// or `None` when there is nothing to undo.
    pub fn undo(&mut self, key: &str) -> Result<Option<String>> {
        self.step(key, Direction::Backward)
    }

    /// Redoes the last undone edit under `key`.
    pub fn redo(&mut self, key: &str) -> Result<Option<String>> {
        self.step(key, Direction::Forward)
    }

    fn step(&mut self, key: &str, dir: Direction) -> Result<Option<String>> {
        let Some(change) = self.stack(dir, true).get_mut(key).and_then(Vec::pop) else {
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
        self.stack(dir, !done)
            .entry(key.to_string())
            .or_default()
            .push(change);
        applied.map(|()| Some(label))
    }

    /// The stack a step in direction `dir` takes from (`source`) or puts onto.
    fn stack(&mut self, dir: Direction, source: bool) -> &mut HashMap<Id, Vec<Change>> {
        match (dir, source) {
            (Direction::Backward, true) | (Direction::Forward, false) => &mut self.history.undo,
            (Direction::Forward, true) | (Direction::Backward, false) => &mut self.history.redo,
        }
    }

    /// Builds an edit inside one write transaction, applies it there, and keeps it for
    /// undo. `build` reads what it needs and returns the change and a result.
    fn edit<T>(&mut self, build: impl FnOnce(&Write<'_>) -> Result<(Change, T)>) -> Result<T> {
        let now = now();
        let (change, out) = self.store.write(|w| -> Result<(Change, T)> {
            let (change, out) = build(w)?;
            change.commit(w, Direction::Forward, &now)?;
            Ok((change, out))
        })?;
        self.committed(&change, Direction::Forward, &now);
        self.record(change);
        Ok(out)
    }

    /// Keeps an applied change for undo; a new edit clears what could be redone.
    fn record(&mut self, change: Change) {
        let key = if change.is_whole_map() {
            LIBRARY.to_string()
        } else {
            change.map_id.clone()
        };
        self.history.redo.remove(&key);
        let limit = if key == LIBRARY {
            LIBRARY_HISTORY_LIMIT
        } else {
            HISTORY_LIMIT
        };
        let stack = self.history.undo.entry(key).or_default();
        stack.push(change);
        if stack.len() > limit {
            stack.remove(0);
        }
    }

    // Maps.

    /// A new map with the seven Complete Product Experience lanes.
    pub fn create_map(&mut self, name: &str) -> Result<Id> {
        let name = text("name", TextField::MapName, name)?;
        let map = ops::new_map(name.trim(), &now(), fresh_id);
        let id = map.meta.id.clone();
        self.edit(|_| {
            Ok((
                change(
                    &map.meta.id,
                    "Create map",
                    vec![RowChange::insert(Row::Map(Box::new(map.clone())))],
                ),
                (),
            ))
        })?;
        Ok(id)
    }

    /// Sets the map's name, description and persona.
    pub fn update_map(&mut self, id: &str, f: &MapFields) -> Result<()> {
        let name = text("name", TextField::MapName, &f.name)?;
        let description = text("description", TextField::Description, &f.description)?;
        let persona_name = text("persona name", TextField::PersonaName, &f.persona_name)?;
        let persona_description = text(
            "persona description",
            TextField::Description,
            &f.persona_description,
        )?;
        self.edit(|w| {
            let before = w.load_meta(id)?;
            let after = MapMeta {
                name: name.trim().to_string(),
                description,
                persona: Persona {
                    name: persona_name,
                    description: persona_description,
                },
                ..before.clone()
            };
            Ok(one_update(
                id,
                "Edit map",
                Row::Meta(before),
                Row::Meta(after),
            ))
        })
    }

    /// A copy of the map with fresh ids, named "… (copy)".
    pub fn duplicate_map(&mut self, id: &str) -> Result<Id> {
        self.edit(|w| {
            let map = w.load_map(id)?;
            let mut copy = ops::with_fresh_ids(&map, fresh_id);
            copy.meta.name = ops::copy_name(&map.meta.name);
            copy.meta.created_at = now();
            copy.meta.updated_at = copy.meta.created_at.clone();
            let new_id = copy.meta.id.clone();
            Ok((
                change(
                    &new_id,
                    "Duplicate map",
                    vec![RowChange::insert(Row::Map(Box::new(copy)))],
                ),
                new_id,
            ))
        })
    }

    /// Deletes the map and everything in it (undoable under [`LIBRARY`]).
    pub fn delete_map(&mut self, id: &str) -> Result<()> {
        self.edit(|w| {
            let map = w.load_map(id)?;
            Ok((
                change(
                    id,
                    "Delete map",
                    vec![RowChange::delete(Row::Map(Box::new(map)))],
                ),
                (),
            ))
        })?;
        self.history.undo.remove(id);
        self.history.redo.remove(id);
        Ok(())
    }

    /// Creates the sample map (with fresh ids, so it can be made more than once).
    pub fn create_sample(&mut self) -> Result<Id> {
        let sample = journey_core::sample::sample_map()?;
        let mut map = ops::with_fresh_ids(&sample, fresh_id);
        map.meta.created_at = now();
        map.meta.updated_at = map.meta.created_at.clone();
        let id = map.meta.id.clone();
        self.edit(|_| {
            Ok((
                change(
                    &id,
                    "Create sample map",
                    vec![RowChange::insert(Row::Map(Box::new(map)))],
                ),
                (),
            ))
        })?;
        Ok(id)
    }

    /// Imports a file: checks all of it first, then writes all of it in one transaction,
    /// or nothing. Returns the id of the map written.
    pub fn import_map(&mut self, bytes: &[u8], mode: ImportMode) -> Result<Id> {
        let parsed = interchange::parse_map_file(bytes, &Limits::default())?;
        let map = match mode {
            ImportMode::Copy => {
                let mut copy = ops::with_fresh_ids(&parsed, fresh_id);
                copy.meta.name = ops::copy_name(&parsed.meta.name);
                copy.meta.created_at = now();
                copy.meta.updated_at = copy.meta.created_at.clone();
                copy
            }
            _ => parsed,
        };
        let id = map.meta.id.clone();
        let label = if mode == ImportMode::Copy {
            "Import map as a copy"
        } else {
            "Import map"
        };
        let change = self.store.write(|w| -> Result<Change> {
            let mut before = None;
            if let Some(existing) = w.map_name(&id)? {
                if mode != ImportMode::Replace {
                    return Err(AppError::Conflict(format!(
                        "a map with id {id} already exists: {existing:?}; import with --replace to \
                         overwrite it, or with --copy to add this file as a new map"
                    )));
                }
                before = Some(Row::Map(Box::new(w.load_map(&id)?)));
                // Out first, so that the new rows may reuse the old map's ids.
                w.delete_map(&id)?;
            }
            w.insert_map(&map).map_err(|e| id_in_use(w, e))?;
            Ok(change(
                &id,
                label,
                vec![RowChange {
                    before,
                    after: Some(Row::Map(Box::new(map.clone()))),
                }],
            ))
        })?;
        self.committed(&change, Direction::Forward, &now());
        self.record(change);
        Ok(id)
    }

    // Stages.

    /// Adds a stage at `index` (0-based; `None` or past the end: last).
    pub fn add_stage(&mut self, map_id: &str, name: &str, index: Option<usize>) -> Result<Id> {
        let name = text("stage name", TextField::StageName, name)?;
        self.edit(|w| {
            w.load_meta(map_id)?;
            let scope = Scope::Stages { map_id };
            let position = match index {
                Some(i) => w.position_at(scope, None, i)?,
                None => w.end_position(scope, None)?,
            };
            let stage = Stage {
                id: fresh_id(IdKind::Stage),
                name: name.trim().to_string(),
                description: String::new(),
                pain: None,
                emotion: None,
                position,
            };
            let id = stage.id.clone();
            Ok((
                change(
                    map_id,
                    "Add stage",
                    vec![RowChange::insert(Row::Stage(stage))],
                ),
                id,
            ))
        })
    }

    pub fn update_stage(&mut self, id: &str, f: &StageFields) -> Result<()> {
        let name = text("stage name", TextField::StageName, &f.name)?;
        let description = text("description", TextField::Description, &f.description)?;
        let pain = score("pain", Score::Pain, f.pain)?;
        let emotion = score("emotion", Score::Emotion, f.emotion)?;
        self.edit(|w| {
            let (map_id, before) = w.get_stage(id)?;
            let after = Stage {
                name: name.trim().to_string(),
                description,
                pain,
                emotion,
                ..before.clone()
            };
            Ok(one_update(
                &map_id,
                "Edit stage",
                Row::Stage(before),
                Row::Stage(after),
            ))
        })
    }

    pub fn move_stage(&mut self, id: &str, index: usize) -> Result<()> {
        self.edit(|w| {
            let (map_id, before) = w.get_stage(id)?;
            let position = w.position_at(Scope::Stages { map_id: &map_id }, Some(id), index)?;
            let after = Stage {
                position,
                ..before.clone()
            };
            Ok(one_update(
                &map_id,
                "Move stage",
                Row::Stage(before),
                Row::Stage(after),
            ))
        })
    }

    /// Deletes a stage with its touchpoints, their links and all their feedback.
    pub fn delete_stage(&mut self, id: &str) -> Result<()> {
        self.edit(|w| {
            let (map_id, stage) = w.get_stage(id)?;
            let tps = w.touchpoints_in(Some(id), None)?;
            let mut rows = vec![RowChange::delete(Row::Stage(stage))];
            rows.extend(cascade(w, &tps, Some(id))?);
            Ok((change(&map_id, "Delete stage", rows), ()))
        })
    }

    // Lanes.

    /// Adds a custom lane at `index` (`None`: last).
    pub fn add_lane(&mut self, map_id: &str, name: &str, index: Option<usize>) -> Result<Id> {
        let name = text("lane name", TextField::LaneName, name)?;
        self.edit(|w| {
            w.load_meta(map_id)?;
            let scope = Scope::Lanes { map_id };
            let position = match index {
                Some(i) => w.position_at(scope, None, i)?,
                None => w.end_position(scope, None)?,
            };
            let lane = Lane {
                id: fresh_id(IdKind::Lane),
                name: name.trim().to_string(),
                kind: LaneKind::Custom,
                hidden: false,
                position,
            };
            let id = lane.id.clone();
            Ok((
                change(map_id, "Add lane", vec![RowChange::insert(Row::Lane(lane))]),
                id,
            ))
        })
    }

    /// Renames, hides or shows a lane. A built-in lane keeps its category.
    pub fn update_lane(&mut self, id: &str, f: &LaneFields) -> Result<()> {
        let name = text("lane name", TextField::LaneName, &f.name)?;
        self.edit(|w| {
            let (map_id, before) = w.get_lane(id)?;
            let after = Lane {
                name: name.trim().to_string(),
                hidden: f.hidden,
                ..before.clone()
            };
            Ok(one_update(
                &map_id,
                "Edit lane",
                Row::Lane(before),
                Row::Lane(after),
            ))
        })
    }

    pub fn move_lane(&mut self, id: &str, index: usize) -> Result<()> {
        self.edit(|w| {
            let (map_id, before) = w.get_lane(id)?;
            let position = w.position_at(Scope::Lanes { map_id: &map_id }, Some(id), index)?;
            let after = Lane {
                position,
                ..before.clone()
            };
            Ok(one_update(
                &map_id,
                "Move lane",
                Row::Lane(before),
                Row::Lane(after),
            ))
        })
    }

    /// Deletes a custom lane with its touchpoints. Built-in lanes are hidden, not deleted.
    pub fn delete_lane(&mut self, id: &str) -> Result<()> {
        self.edit(|w| {
            let (map_id, lane) = w.get_lane(id)?;
            if lane.kind.is_built_in() {
                return Err(AppError::Invalid(format!(
                    "{:?} is a built-in lane ({}); hide it instead of deleting it",
                    lane.name,
                    lane.kind.as_str()
                )));
            }
            let tps = w.touchpoints_in(None, Some(id))?;
            let mut rows = vec![RowChange::delete(Row::Lane(lane))];
            rows.extend(cascade(w, &tps, None)?);
            Ok((change(&map_id, "Delete lane", rows), ()))
        })
    }

    // Touchpoints.

    /// Adds a touchpoint to the cell (stage, lane) at `index` (`None`: last in the cell).
    pub fn add_touchpoint(
        &mut self,
        stage_id: &str,
        lane_id: &str,
        title: &str,
        index: Option<usize>,
    ) -> Result<Id> {
        let title = text("title", TextField::TouchpointTitle, title)?;
        self.edit(|w| {
            let map_id = same_map_cell(w, stage_id, lane_id)?;
            let scope = Scope::Cell { stage_id, lane_id };
            let position = match index {
                Some(i) => w.position_at(scope, None, i)?,
                None => w.end_position(scope, None)?,
            };
            let t = Touchpoint {
                id: fresh_id(IdKind::Touchpoint),
                stage_id: stage_id.to_string(),
                lane_id: lane_id.to_string(),
                title: title.trim().to_string(),
                description: String::new(),
                channel: String::new(),
                owner: String::new(),
                pain: None,
                emotion: None,
                position,
            };
            let id = t.id.clone();
            Ok((
                change(
                    &map_id,
                    "Add touchpoint",
                    vec![RowChange::insert(Row::Touchpoint(t))],
                ),
                id,
            ))
        })
    }

    pub fn update_touchpoint(&mut self, id: &str, f: &TouchpointFields) -> Result<()> {
        let title = text("title", TextField::TouchpointTitle, &f.title)?;
        let description = text("description", TextField::Description, &f.description)?;
        let channel = text("channel", TextField::Channel, &f.channel)?;
        let owner = text("owner", TextField::Owner, &f.owner)?;
        let pain = score("pain", Score::Pain, f.pain)?;
        let emotion = score("emotion", Score::Emotion, f.emotion)?;
        self.edit(|w| {
            let (map_id, before) = w.get_touchpoint(id)?;
            let after = Touchpoint {
                title: title.trim().to_string(),
                description,
                channel,
                owner,
                pain,
                emotion,
                ..before.clone()
            };
            Ok(one_update(
                &map_id,
                "Edit touchpoint",
                Row::Touchpoint(before),
                Row::Touchpoint(after),
            ))
        })
    }

    /// Moves a touchpoint to `index` within the cell (stage, lane), which may be its own.
    pub fn move_touchpoint(
        &mut self,
        id: &str,
        stage_id: &str,
        lane_id: &str,
        index: usize,
    ) -> Result<()> {
        self.edit(|w| {
            let (map_id, before) = w.get_touchpoint(id)?;
            let cell_map = same_map_cell(w, stage_id, lane_id)?;
            if cell_map != map_id {
                return Err(AppError::Invalid(
                    "a touchpoint cannot move to another map".into(),
                ));
            }
            let position = w.position_at(Scope::Cell { stage_id, lane_id }, Some(id), index)?;
            let after = Touchpoint {
                stage_id: stage_id.to_string(),
                lane_id: lane_id.to_string(),
                position,
                ..before.clone()
            };
            Ok(one_update(
                &map_id,
                "Move touchpoint",
                Row::Touchpoint(before),
                Row::Touchpoint(after),
            ))
        })
    }

    /// Deletes a touchpoint with its links and feedback.
    pub fn delete_touchpoint(&mut self, id: &str) -> Result<()> {
        self.edit(|w| {
            let (map_id, t) = w.get_touchpoint(id)?;
            let rows = cascade(w, &[t], None)?;
            Ok((change(&map_id, "Delete touchpoint", rows), ()))
        })
    }

    // Links.

    pub fn add_link(&mut self, from: &str, to: &str, f: &LinkFields) -> Result<Id> {
        let label = match f.label.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(l) => Some(text("label", TextField::LinkLabel, l)?),
        };
        if from == to {
            return Err(AppError::Invalid(
                "a touchpoint cannot link to itself".into(),
            ));
        }
        self.edit(|w| {
            let (map_a, _) = w.get_touchpoint(from)?;
            let (map_b, _) = w.get_touchpoint(to)?;
            if map_a != map_b {
                return Err(AppError::Invalid(
                    "touchpoints of different maps cannot be linked".into(),
                ));
            }
            if w.link_exists(from, to, f.kind)? {
                return Err(AppError::Conflict(format!(
                    "a {} link from {from} to {to} exists already",
                    f.kind.as_str()
                )));
            }
            let link = Link {
                id: fresh_id(IdKind::Link),
                from: from.into(),
                to: to.into(),
                kind: f.kind,
                label,
            };
            let id = link.id.clone();
            Ok((
                change(
                    &map_a,
                    "Add link",
                    vec![RowChange::insert(Row::Link(None, link))],
                ),
                id,
            ))
        })
    }

    pub fn update_link(&mut self, id: &str, f: &LinkFields) -> Result<()> {
        let label = match f.label.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(l) => Some(text("label", TextField::LinkLabel, l)?),
        };
        self.edit(|w| {
            let (map_id, seq, before) = w.get_link(id)?;
            if f.kind != before.kind && w.link_exists(&before.from, &before.to, f.kind)? {
                return Err(AppError::Conflict(format!(
                    "a {} link between these touchpoints exists already",
                    f.kind.as_str()
                )));
            }
            let after = Link {
                kind: f.kind,
                label,
                ..before.clone()
            };
            Ok(one_update(
                &map_id,
                "Edit link",
                Row::Link(Some(seq), before),
                Row::Link(Some(seq), after),
            ))
        })
    }

    pub fn delete_link(&mut self, id: &str) -> Result<()> {
        self.edit(|w| {
            let (map_id, seq, link) = w.get_link(id)?;
            Ok((
                change(
                    &map_id,
                    "Delete link",
                    vec![RowChange::delete(Row::Link(Some(seq), link))],
                ),
                (),
            ))
        })
    }

    // Feedback.

    pub fn add_feedback(&mut self, target: &FeedbackTarget, f: &FeedbackFields) -> Result<Id> {
        let fb = checked_feedback(fresh_id(IdKind::Feedback), target.clone(), f)?;
        self.edit(|w| {
            let map_id = match target {
                FeedbackTarget::Touchpoint(id) => w.get_touchpoint(id)?.0,
                FeedbackTarget::Stage(id) => w.get_stage(id)?.0,
            };
            let id = fb.id.clone();
            Ok((
                change(
                    &map_id,
                    "Add feedback",
                    vec![RowChange::insert(Row::Feedback(None, fb))],
                ),
                id,
            ))
        })
    }

    pub fn update_feedback(&mut self, id: &str, f: &FeedbackFields) -> Result<()> {
        self.edit(|w| {
            let (map_id, seq, before) = w.get_feedback(id)?;
            let after = checked_feedback(id.to_string(), before.target.clone(), f)?;
            Ok(one_update(
                &map_id,
                "Edit feedback",
                Row::Feedback(Some(seq), before),
                Row::Feedback(Some(seq), after),
            ))
        })
    }

    pub fn delete_feedback(&mut self, id: &str) -> Result<()> {
        self.edit(|w| {
            let (map_id, seq, fb) = w.get_feedback(id)?;
            Ok((
                change(
                    &map_id,
                    "Delete feedback",
                    vec![RowChange::delete(Row::Feedback(Some(seq), fb))],
                ),
                (),
            ))
        })
    }
}

/// Names the element whose id another map already uses, by its JSON path.
fn id_in_use(w: &Write<'_>, e: StoreError) -> AppError {
    let StoreError::IdInUse { list, index, id } = e else {
        return e.into();
    };
    let whose = match w.owner_of_id(&id) {
        Ok(Some((mid, name))) => format!("map {name:?} ({mid})"),
        _ => "another map".to_string(),
    };
    let path = if list == "map" {
        "/map/id".to_string()
    } else {
        format!("/{list}/{index}/id")
    };
    AppError::Import(ImportError {
        problems: vec![Problem {
            path,
            message: format!("id {id:?} is already used by {whose}; import with --copy to give this map fresh ids"),
        }],
    })
}

/// An edit that changes one row and returns nothing else.
fn one_update(map_id: &str, label: &str, before: Row, after: Row) -> (Change, ()) {
    (
        change(map_id, label, vec![RowChange::update(before, after)]),
        (),
    )
}

fn change(map_id: &str, label: &str, rows: Vec<RowChange>) -> Change {
    Change {
        map_id: map_id.to_string(),
        label: label.to_string(),
        rows,
    }
}

/// The map a (stage, lane) cell belongs to; both must be of the same map.
fn same_map_cell(w: &Write<'_>, stage_id: &str, lane_id: &str) -> Result<Id> {
    let (a, _) = w.get_stage(stage_id)?;
    let (b, _) = w.get_lane(lane_id)?;
    if a != b {
        return Err(AppError::Invalid(format!(
            "stage {stage_id} and lane {lane_id} belong to different maps"
        )));
    }
    Ok(a)
}

/// The rows that go with touchpoints (and a stage) when they are deleted: the touchpoints,
/// their links, their feedback and the stage's own feedback.
fn cascade(w: &Write<'_>, tps: &[Touchpoint], stage: Option<&str>) -> Result<Vec<RowChange>> {
    let ids: Vec<Id> = tps.iter().map(|t| t.id.clone()).collect();
    let mut targets: Vec<FeedbackTarget> = ids
        .iter()
        .cloned()
        .map(FeedbackTarget::Touchpoint)
        .collect();
    if let Some(s) = stage {
        targets.push(FeedbackTarget::Stage(s.to_string()));
    }
    let mut rows: Vec<RowChange> = tps
        .iter()
        .cloned()
        .map(|t| RowChange::delete(Row::Touchpoint(t)))
        .collect();
    rows.extend(
        w.links_of(&ids)?
            .into_iter()
            .map(|(seq, l)| RowChange::delete(Row::Link(Some(seq), l))),
    );
    rows.extend(
        w.feedback_on(&targets)?
            .into_iter()
            .map(|(seq, f)| RowChange::delete(Row::Feedback(Some(seq), f))),
    );
    Ok(rows)
}

fn checked_feedback(id: Id, target: FeedbackTarget, f: &FeedbackFields) -> Result<Feedback> {
    let date = match f.date.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(d) => {
            fields::check_date(d).map_err(|e| invalid("date", e))?;
            Some(d.to_string())
        }
    };
    Ok(Feedback {
        id,
        target,
        kind: f.kind,
        text: text("text", TextField::FeedbackText, &f.text)?,
        source: text("source", TextField::Source, &f.source)?,
        date,
        segment: text("segment", TextField::Segment, &f.segment)?,
        answers: SurveyAnswers {
            nps: score("NPS answer", Score::Nps, f.nps)?,
            csat: score("CSAT answer", Score::Csat, f.csat)?,
            ces: score("CES answer", Score::Ces, f.ces)?,
        },
    })
}
