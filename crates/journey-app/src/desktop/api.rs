//! The desktop app's commands, as plain functions over [`App`], one per line of
//! [`crate::with_commands!`]. Each takes a [`Ctx`] and its own request struct (whose
//! fields the UI sends, checked by name in TypeScript too) and returns a DTO. The Tauri
//! shell adapts each in one generated line (state, thread, error conversion); everything a
//! command does is here, where it is tested without a window.

use std::path::{Path, PathBuf};

pub use journey_core::analysis::Analysis;
use journey_core::model::{FeedbackTarget, Id};
use serde::Deserialize;
use ts_rs::TS;

pub use crate::desktop::recovery::{
    recovery_status, restore_backup, salvage_database, BackupDto, Recovery, RecoveryDto,
    RecoveryStatusRequest, RestoreBackupRequest, RestoredDto, SalvageRequest, SalvagedDto,
    SalvagedMapDto,
};
use crate::dto::*;
use crate::exports::{Drawing, DrawingOptions, ReportFormat};
use crate::fields_in::*;
pub use crate::patch::MapPatch;
use crate::{files, App, HistoryKey, ImportMode, Result};
pub use journey_core::svg::PageSize;

/// The setting that remembers the open map.
const LAST_MAP: &str = "last_map";
/// How the open map is remembered when it is the team library's.
const LIBRARY_PREFIX: &str = "library:";

/// The file dialogs a command may open. The shell shows the native dialogs (on its side,
/// so the page never names a path); tests and headless callers use [`NoDialogs`].
pub trait FileDialogs {
    /// The path the user chose to save to, suggesting `file_name`; `None` if cancelled.
    fn save_path(&self, file_name: &str) -> Option<PathBuf>;
    /// The file the user chose to open; `None` if cancelled.
    fn open_path(&self) -> Option<PathBuf>;
    /// The file chosen in the last open dialog, to try again with (an import that
    /// conflicted, retried as a replacement or a copy).
    fn last_opened(&self) -> Option<PathBuf>;
}

/// Dialogs that are always cancelled.
#[derive(Debug, Clone, Copy)]
pub struct NoDialogs;

impl FileDialogs for NoDialogs {
    fn save_path(&self, _: &str) -> Option<PathBuf> {
        None
    }
    fn open_path(&self) -> Option<PathBuf> {
        None
    }
    fn last_opened(&self) -> Option<PathBuf> {
        None
    }
}

/// What a command runs with: the use-cases and the file dialogs.
pub struct Ctx<'a> {
    pub app: &'a mut App,
    pub files: &'a dyn FileDialogs,
}

impl std::fmt::Debug for Ctx<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ctx").field("app", &self.app).finish()
    }
}

impl<'a> Ctx<'a> {
    /// A context whose dialogs are always cancelled.
    pub fn new(app: &'a mut App) -> Ctx<'a> {
        Ctx {
            app,
            files: &NoDialogs,
        }
    }
}

/// Checks at compile time that every listed command has a function of the right shape,
/// and gives the list of names.
macro_rules! check_commands {
    (app { $($name:ident($req:ty) -> $resp:ty;)* } recovery { $($rname:ident($rreq:ty) -> $rresp:ty;)* }) => {
        $(const _: fn(&mut Ctx<'_>, $req) -> Result<$resp> = $name;)*
        $(const _: fn(&mut Recovery<'_>, $rreq) -> Result<$rresp> = $rname;)*
        /// Every command's name, in the list's order.
        pub const COMMANDS: &[&str] = &[$(stringify!($name),)* $(stringify!($rname),)*];
    };
}
crate::with_commands!(check_commands);

/// Declares request structs: camelCase, unknown fields refused, generated into TypeScript.
macro_rules! requests {
    ($($(#[$doc:meta])* $name:ident { $($(#[$fdoc:meta])* $field:ident: $ty:ty),* $(,)? })*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, serde::Serialize, Deserialize, TS)]
        #[serde(rename_all = "camelCase", deny_unknown_fields)]
        pub struct $name { $($(#[$fdoc])* pub $field: $ty),* }
    )*};
}

requests! {
    StartRequest {}
    ListMapsRequest {}
    OpenMapRequest { id: Id }
    CloseMapRequest {}
    CreateMapRequest { name: String }
    UpdateMapRequest { map_id: Id, fields: MapFields }
    DuplicateMapRequest { id: Id }
    DeleteMapRequest { id: Id }
    UndoLibraryRequest {}
    /// `index`: 0-based place among the stages; null or past the end: last.
    AddStageRequest { map_id: Id, name: String, index: Option<usize> }
    UpdateStageRequest { map_id: Id, id: Id, fields: StageFields }
    MoveStageRequest { map_id: Id, id: Id, index: usize }
    DeleteStageRequest { map_id: Id, id: Id }
    AddLaneRequest { map_id: Id, name: String, index: Option<usize> }
    UpdateLaneRequest { map_id: Id, id: Id, fields: LaneFields }
    MoveLaneRequest { map_id: Id, id: Id, index: usize }
    DeleteLaneRequest { map_id: Id, id: Id }
    AddTouchpointRequest { map_id: Id, stage_id: Id, lane_id: Id, title: String, index: Option<usize> }
    UpdateTouchpointRequest { map_id: Id, id: Id, fields: TouchpointFields }
    MoveTouchpointRequest { map_id: Id, id: Id, stage_id: Id, lane_id: Id, index: usize }
    DeleteTouchpointRequest { map_id: Id, id: Id }
    AddLinkRequest { map_id: Id, from_id: Id, to_id: Id, fields: LinkFields }
    UpdateLinkRequest { map_id: Id, id: Id, fields: LinkFields }
    DeleteLinkRequest { map_id: Id, id: Id }
    ListFeedbackRequest { target: FeedbackTargetDto }
    AddFeedbackRequest { map_id: Id, target: FeedbackTargetDto, fields: FeedbackFields }
    UpdateFeedbackRequest { map_id: Id, id: Id, fields: FeedbackFields }
    DeleteFeedbackRequest { map_id: Id, id: Id }
    UndoRequest { map_id: Id }
    RedoRequest { map_id: Id }
    ExportMapRequest { map_id: Id }
    /// `sameFile`: import the file chosen last time again (after a conflict, as a
    /// replacement or a copy) instead of opening the dialog.
    ImportMapRequest { mode: ImportMode, same_file: bool }
    /// `topPainPoints`: send only the first N ranked pain points; null sends them all.
    /// `itemRows`: send every touchpoint's evidence row (`touchpoints`) and every
    /// hand-off (`handoffs`); false sends both empty (the insight panel shows their
    /// counts, `handoffCount`; the weak-evidence filter and the presentation need the
    /// rows). At 1,000 touchpoints the two are 60% of the analysis's JSON.
    MapInsightRequest { map_id: Id, top_pain_points: Option<u32>, item_rows: bool }
    /// `query`: matched, ignoring case, against titles, descriptions, channels, owners and
    /// every feedback text, source and segment.
    SearchMapRequest { map_id: Id, query: String }
    ListMapFeedbackRequest { map_id: Id }
    /// A figure resting on fewer than `minN` answers, or on evidence older than
    /// `maxAgeDays`, is weak.
    SetEvidenceRulesRequest { map_id: Id, min_n: u32, max_age_days: u32 }
    AddDecisionRequest { map_id: Id, touchpoint_id: Id, fields: DecisionFields }
    UpdateDecisionRequest { map_id: Id, id: Id, fields: DecisionFields }
    DeleteDecisionRequest { map_id: Id, id: Id }
    /// A finished round: its rules and the dots on every item in scope; `createdId` of
    /// the answer is the round's id.
    SaveRoundRequest { map_id: Id, fields: RoundFields }
    DeleteRoundRequest { map_id: Id, id: Id }
    /// Every voting round of the map as CSV, to the file chosen in the save dialog.
    ExportRoundsCsvRequest { map_id: Id }
    /// One table of the map as CSV (a row per touchpoint or per feedback item), to the
    /// file chosen in the save dialog.
    ExportCsvRequest { map_id: Id, table: CsvTable }
    /// A drawing of the map (whole, one stage, or the board's filtered view), its heatmap
    /// or its emotion and pain curve, as SVG, PNG or PDF, to the file chosen in the save
    /// dialog.
    ExportDrawingRequest { map_id: Id, options: DrawingOptions }
    /// The report in `format` (`pdf` on `page` paper, `md`, …), to the file chosen in the
    /// save dialog.
    ExportReportRequest { map_id: Id, format: ReportFormat, page: PageSize }
    LibraryStatusRequest {}
    /// `url`: a PostgreSQL connection string (kept in memory only; its password is never
    /// stored or shown); `user`: the name the library's writes are signed with.
    ConnectLibraryRequest { url: String, user: String }
    DisconnectLibraryRequest {}
    LibraryMapsRequest {}
    /// Copies a local map into the team library (same ids); `replace` overwrites the
    /// library's copy of it.
    PublishMapRequest { map_id: Id, replace: bool }
    /// Copies a library map into the local database.
    PullMapRequest { map_id: Id, mode: ImportMode }
    /// Opens a map from the team library (edits go there, checked against others').
    OpenLibraryMapRequest { id: Id }
    /// What others committed to the open library map since the view was sent (null:
    /// nothing).
    LibraryChangedRequest { map_id: Id }
}

/// Which table `export_csv` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CsvTable {
    Touchpoints,
    Feedback,
}

/// What a piece of feedback is about, as the UI names it: `{"touchpoint": id}` or
/// `{"stage": id}`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum FeedbackTargetDto {
    Touchpoint(Id),
    Stage(Id),
}

impl From<FeedbackTargetDto> for FeedbackTarget {
    fn from(t: FeedbackTargetDto) -> Self {
        match t {
            FeedbackTargetDto::Touchpoint(id) => FeedbackTarget::Touchpoint(id),
            FeedbackTargetDto::Stage(id) => FeedbackTarget::Stage(id),
        }
    }
}

/// What the UI needs at start: the library, and the map to open (the one open last time,
/// else the first). On the very first start the sample map is created.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StartDto {
    pub maps: Vec<MapSummaryDto>,
    pub open_map_id: Option<String>,
    /// The map to open is the team library's (not a local one).
    pub open_library: bool,
    /// The team library, if one is set.
    pub library: LibraryStatus,
    /// Why the database can only be read (a read-only file, folder or disk): the app
    /// shows it in a banner and turns editing off. `None` when it is writable.
    pub read_only: Option<String>,
    /// Things the user must be told about this database, in plain words: a `-wal` that
    /// did not belong was moved aside; the maps were salvaged from a damaged file.
    pub notices: Vec<String>,
}

pub fn start(cx: &mut Ctx<'_>, _: StartRequest) -> Result<StartDto> {
    let app = &mut *cx.app;
    // A team library named in the environment is connected at start; one the server does
    // not answer is still set (its maps opened before show from the offline copy).
    if let Ok(url) = std::env::var("JOURNEYMAP_LIBRARY") {
        if !url.trim().is_empty() && !app.library_status().connected {
            let user = std::env::var("JOURNEYMAP_USER")
                .or_else(|_| std::env::var("USER"))
                .unwrap_or_else(|_| "someone".into());
            if let Err(e) = app.connect_library(url.trim(), &user) {
                if e.code() != crate::ErrorCode::Unreachable {
                    return Err(e);
                }
            }
        }
    }
    let mut maps = library(app)?;
    let read_only = app.read_only().map(str::to_string);
    if maps.is_empty() && app.setting(LAST_MAP)?.is_none() && read_only.is_none() {
        let id = app.create_sample()?;
        app.set_setting(LAST_MAP, &id)?;
        maps = library(app)?;
    }
    // The map open last: a library map is remembered as `library:<id>`, and reopened from
    // the library when one is set.
    let last = app.setting(LAST_MAP)?.unwrap_or_default();
    let (open_map_id, open_library) = match last.strip_prefix(LIBRARY_PREFIX) {
        Some(id) if app.library_status().url.is_some() => (Some(id.to_string()), true),
        _ => (
            Some(last)
                .filter(|id| maps.iter().any(|m| &m.id == id))
                .or_else(|| maps.first().map(|m| m.id.clone())),
            false,
        ),
    };
    let mut notices = Vec::new();
    if let Some(aside) = app.wal_set_aside() {
        notices.push(format!(
            "A write-ahead log (-wal) file beside the database did not belong to it (another \
             database's, or an old copy) and was not replayed. It was moved aside to \u{2068}{}\u{2069}.",
            aside.display()
        ));
    }
    if let Some(from) = app.setting(journey_store::SALVAGED_FROM_KEY)? {
        notices.push(format!(
            "These maps were salvaged from a damaged database (kept at \u{2068}{from}\u{2069}). \
             Parts of them may be missing: check them before relying on them."
        ));
    }
    Ok(StartDto {
        maps,
        open_map_id,
        open_library,
        library: app.library_status(),
        read_only,
        notices,
    })
}

fn library(app: &App) -> Result<Vec<MapSummaryDto>> {
    Ok(app
        .list_maps()?
        .into_iter()
        .map(MapSummaryDto::from)
        .collect())
}

pub fn list_maps(cx: &mut Ctx<'_>, _: ListMapsRequest) -> Result<Vec<MapSummaryDto>> {
    library(cx.app)
}

/// Opens a map and remembers it for the next start.
pub fn open_map(cx: &mut Ctx<'_>, r: OpenMapRequest) -> Result<MapView> {
    open(cx.app, &r.id)
}

fn open(app: &mut App, id: &str) -> Result<MapView> {
    let view = app.open_view(id)?;
    // A read-only database opens as it is; the next start just does not remember it.
    if app.read_only().is_none() {
        app.set_setting(LAST_MAP, id)?;
    }
    Ok(view)
}

/// Leaves the map: the next start shows the library's first map.
pub fn close_map(cx: &mut Ctx<'_>, _: CloseMapRequest) -> Result<()> {
    if cx.app.read_only().is_some() {
        return Ok(());
    }
    cx.app.set_setting(LAST_MAP, "")
}

pub fn create_map(cx: &mut Ctx<'_>, r: CreateMapRequest) -> Result<MapView> {
    let id = cx.app.create_map(&r.name)?;
    open(cx.app, &id)
}

pub fn duplicate_map(cx: &mut Ctx<'_>, r: DuplicateMapRequest) -> Result<Vec<MapSummaryDto>> {
    cx.app.duplicate_map(&r.id)?;
    library(cx.app)
}

pub fn delete_map(cx: &mut Ctx<'_>, r: DeleteMapRequest) -> Result<Vec<MapSummaryDto>> {
    cx.app.delete_map(&r.id)?;
    library(cx.app)
}

/// Undoes the last library edit (a map created, duplicated, imported or deleted).
pub fn undo_library(cx: &mut Ctx<'_>, _: UndoLibraryRequest) -> Result<Vec<MapSummaryDto>> {
    cx.app.undo(&HistoryKey::Library)?;
    library(cx.app)
}

/// An edit's answer: the patch to the open map's view (see [`App::patch`]).
fn edited(app: &mut App, map_id: &str, created_id: Option<Id>) -> Result<Edited> {
    Ok(Edited {
        patch: app.patch(map_id)?,
        created_id,
    })
}

/// What an edit's use-case returns: the id of what it created, if anything.
trait Created {
    fn created(self) -> Option<Id>;
}

impl Created for () {
    fn created(self) -> Option<Id> {
        None
    }
}

impl Created for Id {
    fn created(self) -> Option<Id> {
        Some(self)
    }
}

/// Commands that edit the open map, one line each: run the use-case on `app` with the
/// request `r`, then answer with the patch (and the id of what was created).
macro_rules! map_edits {
    ($($name:ident($req:ident) => |$app:ident, $r:ident| $body:expr;)*) => {$(
        pub fn $name(cx: &mut Ctx<'_>, $r: $req) -> Result<Edited> {
            let created = {
                let $app = &mut *cx.app;
                $body?.created()
            };
            edited(cx.app, &$r.map_id, created)
        }
    )*};
}

map_edits! {
    update_map(UpdateMapRequest) => |app, r| app.update_map(&r.map_id, &r.fields);
    add_stage(AddStageRequest) => |app, r| app.add_stage(&r.map_id, &r.name, r.index);
    update_stage(UpdateStageRequest) => |app, r| app.update_stage(&r.id, &r.fields);
    move_stage(MoveStageRequest) => |app, r| app.move_stage(&r.id, r.index);
    delete_stage(DeleteStageRequest) => |app, r| app.delete_stage(&r.id);
    add_lane(AddLaneRequest) => |app, r| app.add_lane(&r.map_id, &r.name, r.index);
    update_lane(UpdateLaneRequest) => |app, r| app.update_lane(&r.id, &r.fields);
    move_lane(MoveLaneRequest) => |app, r| app.move_lane(&r.id, r.index);
    delete_lane(DeleteLaneRequest) => |app, r| app.delete_lane(&r.id);
    add_touchpoint(AddTouchpointRequest) => |app, r| app.add_touchpoint(&r.stage_id, &r.lane_id, &r.title, r.index);
    update_touchpoint(UpdateTouchpointRequest) => |app, r| app.update_touchpoint(&r.id, &r.fields);
    move_touchpoint(MoveTouchpointRequest) => |app, r| app.move_touchpoint(&r.id, &r.stage_id, &r.lane_id, r.index);
    delete_touchpoint(DeleteTouchpointRequest) => |app, r| app.delete_touchpoint(&r.id);
    add_link(AddLinkRequest) => |app, r| app.add_link(&r.from_id, &r.to_id, &r.fields);
    update_link(UpdateLinkRequest) => |app, r| app.update_link(&r.id, &r.fields);
    delete_link(DeleteLinkRequest) => |app, r| app.delete_link(&r.id);
    add_feedback(AddFeedbackRequest) => |app, r| app.add_feedback(&r.target.clone().into(), &r.fields);
    update_feedback(UpdateFeedbackRequest) => |app, r| app.update_feedback(&r.id, &r.fields);
    delete_feedback(DeleteFeedbackRequest) => |app, r| app.delete_feedback(&r.id);
    add_decision(AddDecisionRequest) => |app, r| app.add_decision(&r.touchpoint_id, &r.fields);
    update_decision(UpdateDecisionRequest) => |app, r| app.update_decision(&r.id, &r.fields);
    delete_decision(DeleteDecisionRequest) => |app, r| app.delete_decision(&r.id);
    save_round(SaveRoundRequest) => |app, r| app.save_round(&r.map_id, &r.fields);
    delete_round(DeleteRoundRequest) => |app, r| app.delete_round(&r.id);
    undo(UndoRequest) => |app, r| app.undo(&HistoryKey::map(&r.map_id)).map(drop);
    redo(RedoRequest) => |app, r| app.redo(&HistoryKey::map(&r.map_id)).map(drop);
}

/// Every analysis of the map (pain points, paths, hand-offs, heatmap, curve, evidence).
pub fn map_insight(cx: &mut Ctx<'_>, r: MapInsightRequest) -> Result<Analysis> {
    let mut analysis = cx.app.analysis(&r.map_id)?;
    if let Some(n) = r.top_pain_points {
        analysis.pain_points.truncate(n as usize);
    }
    if !r.item_rows {
        analysis.touchpoints = Vec::new();
        analysis.handoffs = Vec::new();
    }
    Ok(analysis)
}

/// The ids of the touchpoints that match the query, in map order.
pub fn search_map(cx: &mut Ctx<'_>, r: SearchMapRequest) -> Result<Vec<String>> {
    cx.app.search(&r.map_id, &r.query)
}

/// Every piece of feedback of the map, in its order (the evidence view).
pub fn list_map_feedback(cx: &mut Ctx<'_>, r: ListMapFeedbackRequest) -> Result<Vec<FeedbackDto>> {
    Ok(cx
        .app
        .load_map(&r.map_id)?
        .feedback
        .iter()
        .map(FeedbackDto::from)
        .collect())
}

/// Sets the map's thresholds for weak evidence, and answers with the analysis under them.
pub fn set_evidence_rules(cx: &mut Ctx<'_>, r: SetEvidenceRulesRequest) -> Result<Analysis> {
    cx.app
        .set_evidence_rules(&r.map_id, r.min_n, r.max_age_days)?;
    cx.app.analysis(&r.map_id)
}

/// The feedback on one touchpoint or one stage, oldest first.
pub fn list_feedback(cx: &mut Ctx<'_>, r: ListFeedbackRequest) -> Result<Vec<FeedbackDto>> {
    Ok(cx
        .app
        .feedback_for(&r.target.into())?
        .iter()
        .map(FeedbackDto::from)
        .collect())
}

/// Asks where to save (the native dialog), then writes the map's canonical JSON there.
pub fn export_map(cx: &mut Ctx<'_>, r: ExportMapRequest) -> Result<FileOutcome> {
    let file_name = export_file_name(cx.app, &r.map_id)?;
    let Some(path) = cx.files.save_path(&file_name) else {
        return Ok(FileOutcome::cancelled());
    };
    export_map_to(cx.app, &r.map_id, &path)
}

/// Asks which file to import (the native dialog, or the file chosen last time), then
/// imports it: all of it or nothing.
pub fn import_map(cx: &mut Ctx<'_>, r: ImportMapRequest) -> Result<FileOutcome> {
    let chosen = if r.same_file {
        cx.files.last_opened()
    } else {
        cx.files.open_path()
    };
    let Some(path) = chosen else {
        return Ok(FileOutcome::cancelled());
    };
    import_map_from(cx.app, &path, r.mode)
}

/// The start of every exported file's suggested name: the map's name made safe.
fn file_stem(app: &App, map_id: &str) -> Result<String> {
    let name = export_file_name(app, map_id)?;
    Ok(name.strip_suffix(".json").unwrap_or(&name).to_string())
}

/// Asks where to save the map's voting rounds as CSV, then writes them there.
pub fn export_rounds_csv(cx: &mut Ctx<'_>, r: ExportRoundsCsvRequest) -> Result<FileOutcome> {
    let stem = file_stem(cx.app, &r.map_id)?;
    let Some(path) = cx.files.save_path(&format!("{stem}-votes.csv")) else {
        return Ok(FileOutcome::cancelled());
    };
    files::write_atomically(&path, &cx.app.rounds_csv(&r.map_id)?)?;
    Ok(FileOutcome {
        path: Some(path.display().to_string()),
        map_id: Some(r.map_id),
    })
}

/// Asks where to save one of the map's tables as CSV, then writes it there.
pub fn export_csv(cx: &mut Ctx<'_>, r: ExportCsvRequest) -> Result<FileOutcome> {
    let stem = file_stem(cx.app, &r.map_id)?;
    let which = match r.table {
        CsvTable::Touchpoints => "touchpoints",
        CsvTable::Feedback => "feedback",
    };
    let Some(path) = cx.files.save_path(&format!("{stem}-{which}.csv")) else {
        return Ok(FileOutcome::cancelled());
    };
    export_csv_to(cx.app, &r.map_id, r.table, &path)
}

/// Asks where to save a drawing of the map, its heatmap or its curve, then writes it there.
pub fn export_drawing(cx: &mut Ctx<'_>, r: ExportDrawingRequest) -> Result<FileOutcome> {
    let stem = file_stem(cx.app, &r.map_id)?;
    let what = match r.options.what {
        Drawing::Map if r.options.filter.as_ref().is_some_and(|f| f.is_active()) => "filtered",
        Drawing::Map => "map",
        Drawing::Heatmap => "heatmap",
        Drawing::Curve => "curve",
    };
    let suggested = format!("{stem}-{what}.{}", r.options.format.extension());
    let Some(path) = cx.files.save_path(&suggested) else {
        return Ok(FileOutcome::cancelled());
    };
    export_drawing_to(cx.app, &r.map_id, &r.options, &path)
}

/// Writes a drawing to `path` (the CLI's `render` writes the same bytes).
pub fn export_drawing_to(
    app: &App,
    map_id: &str,
    options: &DrawingOptions,
    path: &Path,
) -> Result<FileOutcome> {
    files::write_bytes_atomically(path, &app.drawing(map_id, options, None)?)?;
    Ok(FileOutcome {
        path: Some(path.display().to_string()),
        map_id: Some(map_id.to_string()),
    })
}

/// Asks where to save the report, then writes it there.
pub fn export_report(cx: &mut Ctx<'_>, r: ExportReportRequest) -> Result<FileOutcome> {
    let stem = file_stem(cx.app, &r.map_id)?;
    let suggested = format!("{stem}-report.{}", r.format.extension());
    let Some(path) = cx.files.save_path(&suggested) else {
        return Ok(FileOutcome::cancelled());
    };
    files::write_bytes_atomically(
        path.as_path(),
        &cx.app.report(&r.map_id, r.format, r.page, None)?,
    )?;
    Ok(FileOutcome {
        path: Some(path.display().to_string()),
        map_id: Some(r.map_id),
    })
}

/// The team library's state: set or not, connected, who writes, why it cannot be used.
pub fn library_status(cx: &mut Ctx<'_>, _: LibraryStatusRequest) -> Result<LibraryStatus> {
    Ok(cx.app.library_status())
}

/// Connects to a team library; answers its state (an unreachable server is an error).
pub fn connect_library(cx: &mut Ctx<'_>, r: ConnectLibraryRequest) -> Result<LibraryStatus> {
    let user = r.user.trim();
    if user.is_empty() {
        return Err(crate::AppError::Invalid(
            "your name: the library signs every write with it".into(),
        ));
    }
    cx.app.connect_library(r.url.trim(), user)?;
    Ok(cx.app.library_status())
}

pub fn disconnect_library(cx: &mut Ctx<'_>, _: DisconnectLibraryRequest) -> Result<LibraryStatus> {
    cx.app.disconnect_library();
    Ok(cx.app.library_status())
}

/// The team library's maps, by name, with who changed each last and when.
pub fn library_maps(cx: &mut Ctx<'_>, _: LibraryMapsRequest) -> Result<Vec<LibraryMapDto>> {
    Ok(cx
        .app
        .library_maps()?
        .into_iter()
        .map(LibraryMapDto::from)
        .collect())
}

/// Publishes a local map; answers the library's maps.
pub fn publish_map(cx: &mut Ctx<'_>, r: PublishMapRequest) -> Result<Vec<LibraryMapDto>> {
    cx.app.publish_map(&r.map_id, r.replace)?;
    library_maps(cx, LibraryMapsRequest {})
}

/// Copies a library map into the local database; answers the local maps.
pub fn pull_map(cx: &mut Ctx<'_>, r: PullMapRequest) -> Result<Vec<MapSummaryDto>> {
    cx.app.pull_map(&r.map_id, r.mode)?;
    library(cx.app)
}

/// Opens a map from the team library.
pub fn open_library_map(cx: &mut Ctx<'_>, r: OpenLibraryMapRequest) -> Result<MapView> {
    let view = cx.app.open_view_at(&r.id, MapLocation::Library)?;
    if cx.app.read_only().is_none() {
        cx.app
            .set_setting(LAST_MAP, &format!("{LIBRARY_PREFIX}{}", r.id))?;
    }
    Ok(view)
}

/// Others' commits to the open library map since the view was sent, as a patch.
pub fn library_changed(cx: &mut Ctx<'_>, r: LibraryChangedRequest) -> Result<Option<MapPatch>> {
    cx.app.library_changed(&r.map_id)
}

/// Writes one of the map's tables as CSV to `path` (the CLI's `export-csv` writes the same
/// bytes).
pub fn export_csv_to(app: &App, map_id: &str, table: CsvTable, path: &Path) -> Result<FileOutcome> {
    let map = app.load_map(map_id)?;
    let text = match table {
        CsvTable::Touchpoints => journey_core::tables::touchpoints_csv(&map),
        CsvTable::Feedback => journey_core::tables::feedback_csv(&map),
    };
    files::write_atomically(path, &text)?;
    Ok(FileOutcome {
        path: Some(path.display().to_string()),
        map_id: Some(map_id.to_string()),
    })
}

/// Writes the map's canonical JSON to `path`.
pub fn export_map_to(app: &App, map_id: &str, path: &Path) -> Result<FileOutcome> {
    files::write_atomically(path, &app.export_map(map_id)?)?;
    Ok(FileOutcome {
        path: Some(path.display().to_string()),
        map_id: Some(map_id.to_string()),
    })
}

/// Imports the file at `path`: all of it or nothing.
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
