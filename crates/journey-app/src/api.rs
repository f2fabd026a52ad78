//! The desktop app's commands, as plain functions over [`App`]. The Tauri shell adapts each
//! in one line (state, thread, error conversion); everything a command does is here, where
//! it is tested without a window.

use std::path::Path;

use journey_core::model::{FeedbackTarget, Id};

use crate::dto::*;
use crate::fields_in::*;
use crate::{files, App, ImportMode, Result};

/// The setting that remembers the open map.
const LAST_MAP: &str = "last_map";

/// What the UI needs at start: the library, and the map to open (the one open last time,
/// else the first). On the very first start the sample map is created.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct StartDto {
    pub maps: Vec<MapSummaryDto>,
    pub open_map_id: Option<String>,
}

pub fn start(app: &mut App) -> Result<StartDto> {
    let mut maps = list_maps(app)?;
    if maps.is_empty() && app.setting(LAST_MAP)?.is_none() {
        let id = app.create_sample()?;
        app.set_setting(LAST_MAP, &id)?;
        maps = list_maps(app)?;
    }
    let last = app
        .setting(LAST_MAP)?
        .filter(|id| maps.iter().any(|m| &m.id == id));
    let open_map_id = last.or_else(|| maps.first().map(|m| m.id.clone()));
    Ok(StartDto { maps, open_map_id })
}

pub fn list_maps(app: &App) -> Result<Vec<MapSummaryDto>> {
    Ok(app
        .list_maps()?
        .into_iter()
        .map(MapSummaryDto::from)
        .collect())
}

/// Opens a map and remembers it for the next start.
pub fn open_map(app: &mut App, id: &str) -> Result<MapView> {
    let view = app.open_view(id)?;
    app.set_setting(LAST_MAP, id)?;
    Ok(view)
}

/// Leaves the map: the next start shows the library's first map.
pub fn close_map(app: &mut App) -> Result<()> {
    app.set_setting(LAST_MAP, "")
}

pub fn create_map(app: &mut App, name: &str) -> Result<MapView> {
    let id = app.create_map(name)?;
    open_map(app, &id)
}

pub fn update_map(app: &mut App, map_id: &str, fields: &MapFields) -> Result<Edited> {
    app.update_map(map_id, fields)?;
    edited(app, map_id, None)
}

pub fn duplicate_map(app: &mut App, id: &str) -> Result<Vec<MapSummaryDto>> {
    app.duplicate_map(id)?;
    list_maps(app)
}

pub fn delete_map(app: &mut App, id: &str) -> Result<Vec<MapSummaryDto>> {
    app.delete_map(id)?;
    list_maps(app)
}

/// Undoes the last library edit (a map created, duplicated, imported or deleted).
pub fn undo_library(app: &mut App) -> Result<Vec<MapSummaryDto>> {
    app.undo(crate::LIBRARY)?;
    list_maps(app)
}

/// An edit's answer: the patch to the open map's view (see [`App::patch`]).
fn edited(app: &mut App, map_id: &str, created_id: Option<Id>) -> Result<Edited> {
    Ok(Edited {
        patch: app.patch(map_id)?,
        created_id,
    })
}

pub fn add_stage(app: &mut App, map_id: &str, name: &str, index: Option<usize>) -> Result<Edited> {
    let id = app.add_stage(map_id, name, index)?;
    edited(app, map_id, Some(id))
}

pub fn update_stage(app: &mut App, map_id: &str, id: &str, fields: &StageFields) -> Result<Edited> {
    app.update_stage(id, fields)?;
    edited(app, map_id, None)
}

pub fn move_stage(app: &mut App, map_id: &str, id: &str, index: usize) -> Result<Edited> {
    app.move_stage(id, index)?;
    edited(app, map_id, None)
}

pub fn delete_stage(app: &mut App, map_id: &str, id: &str) -> Result<Edited> {
    app.delete_stage(id)?;
    edited(app, map_id, None)
}

pub fn add_lane(app: &mut App, map_id: &str, name: &str, index: Option<usize>) -> Result<Edited> {
    let id = app.add_lane(map_id, name, index)?;
    edited(app, map_id, Some(id))
}

pub fn update_lane(app: &mut App, map_id: &str, id: &str, fields: &LaneFields) -> Result<Edited> {
    app.update_lane(id, fields)?;
    edited(app, map_id, None)
}

pub fn move_lane(app: &mut App, map_id: &str, id: &str, index: usize) -> Result<Edited> {
    app.move_lane(id, index)?;
    edited(app, map_id, None)
}

pub fn delete_lane(app: &mut App, map_id: &str, id: &str) -> Result<Edited> {
    app.delete_lane(id)?;
    edited(app, map_id, None)
}

pub fn add_touchpoint(
    app: &mut App,
    map_id: &str,
    stage_id: &str,
    lane_id: &str,
    title: &str,
    index: Option<usize>,
) -> Result<Edited> {
    let id = app.add_touchpoint(stage_id, lane_id, title, index)?;
    edited(app, map_id, Some(id))
}

pub fn update_touchpoint(
    app: &mut App,
    map_id: &str,
    id: &str,
    fields: &TouchpointFields,
) -> Result<Edited> {
    app.update_touchpoint(id, fields)?;
    edited(app, map_id, None)
}

pub fn move_touchpoint(
    app: &mut App,
    map_id: &str,
    id: &str,
    stage_id: &str,
    lane_id: &str,
    index: usize,
) -> Result<Edited> {
    app.move_touchpoint(id, stage_id, lane_id, index)?;
    edited(app, map_id, None)
}

pub fn delete_touchpoint(app: &mut App, map_id: &str, id: &str) -> Result<Edited> {
    app.delete_touchpoint(id)?;
    edited(app, map_id, None)
}

pub fn add_link(
    app: &mut App,
    map_id: &str,
    from_id: &str,
    to_id: &str,
    fields: &LinkFields,
) -> Result<Edited> {
    let id = app.add_link(from_id, to_id, fields)?;
    edited(app, map_id, Some(id))
}

pub fn update_link(app: &mut App, map_id: &str, id: &str, fields: &LinkFields) -> Result<Edited> {
    app.update_link(id, fields)?;
    edited(app, map_id, None)
}

pub fn delete_link(app: &mut App, map_id: &str, id: &str) -> Result<Edited> {
    app.delete_link(id)?;
    edited(app, map_id, None)
}

/// The feedback on one touchpoint (or, with `stage_id`, one stage), oldest first.
pub fn list_feedback(
    app: &App,
    touchpoint_id: Option<&str>,
    stage_id: Option<&str>,
) -> Result<Vec<FeedbackDto>> {
    let target = target(touchpoint_id, stage_id)?;
    Ok(app
        .feedback_for(&target)?
        .iter()
        .map(FeedbackDto::from)
        .collect())
}

fn target(touchpoint_id: Option<&str>, stage_id: Option<&str>) -> Result<FeedbackTarget> {
    match (touchpoint_id, stage_id) {
        (Some(t), None) => Ok(FeedbackTarget::Touchpoint(t.to_string())),
        (None, Some(s)) => Ok(FeedbackTarget::Stage(s.to_string())),
        _ => Err(crate::AppError::Invalid(
            "feedback is about exactly one touchpoint or one stage".into(),
        )),
    }
}

pub fn add_feedback(
    app: &mut App,
    map_id: &str,
    touchpoint_id: Option<&str>,
    stage_id: Option<&str>,
    fields: &FeedbackFields,
) -> Result<Edited> {
    let id = app.add_feedback(&target(touchpoint_id, stage_id)?, fields)?;
    edited(app, map_id, Some(id))
}

pub fn update_feedback(
    app: &mut App,
    map_id: &str,
    id: &str,
    fields: &FeedbackFields,
) -> Result<Edited> {
    app.update_feedback(id, fields)?;
    edited(app, map_id, None)
}

pub fn delete_feedback(app: &mut App, map_id: &str, id: &str) -> Result<Edited> {
    app.delete_feedback(id)?;
    edited(app, map_id, None)
}

pub fn undo(app: &mut App, map_id: &str) -> Result<Edited> {
    app.undo(map_id)?;
    edited(app, map_id, None)
}

pub fn redo(app: &mut App, map_id: &str) -> Result<Edited> {
    app.redo(map_id)?;
    edited(app, map_id, None)
}

/// Writes the map's canonical JSON to `path` (chosen by the user in the native dialog).
pub fn export_map_to(app: &App, map_id: &str, path: &Path) -> Result<FileOutcome> {
    files::write_atomically(path, &app.export_map(map_id)?)?;
    Ok(FileOutcome {
        path: Some(path.display().to_string()),
        map_id: Some(map_id.to_string()),
    })
}

/// Imports the file at `path` (chosen in the native dialog): all of it or nothing.
pub fn import_map_from(app: &mut App, path: &Path, mode: ImportMode) -> Result<FileOutcome> {
    let bytes = files::read_input(path)?;
    let id = app.import_map(&bytes, mode)?;
    Ok(FileOutcome {
        path: Some(path.display().to_string()),
        map_id: Some(id),
    })
}

/// A file name to suggest in the save dialog: the map's name, made safe for file systems.
pub fn export_file_name(app: &App, map_id: &str) -> Result<String> {
    let name = app.map_name(map_id)?;
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let safe = safe
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    Ok(format!(
        "{}.journeymap.json",
        if safe.is_empty() { "map" } else { &safe }
    ))
}
