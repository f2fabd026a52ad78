//! # journeymap-desktop
//!
//! The desktop shell and nothing more: it opens the database, owns the window and the
//! native file dialogs, and adapts each command to a function of `journey_app::api` in
//! one line. Database work runs on Tauri's blocking pool, never on the UI thread.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use journey_app::api::{self, StartDto};
use journey_app::dto::{Edited, ErrorDto, FeedbackDto, FileOutcome, MapSummaryDto, MapView};
use journey_app::{
    paths, App, FeedbackFields, ImportMode, LaneFields, LinkFields, MapFields, StageFields,
    TouchpointFields,
};
use tauri::{AppHandle, Manager, State};

/// Stands in for the user's choice in the native save/open dialog, for end-to-end tests:
/// WebDriver cannot reach a native dialog. Everything after the choice is the real path.
pub const TEST_DIALOG_PATH: &str = "JOURNEYMAP_TEST_DIALOG_PATH";

/// The open database, or why it could not be opened (shown by the UI instead of a blank
/// window).
#[derive(Debug)]
pub struct Shared(Result<Arc<Mutex<App>>, ErrorDto>);

fn internal(message: impl std::fmt::Display) -> ErrorDto {
    ErrorDto {
        code: "internal".into(),
        message: message.to_string(),
        problems: Vec::new(),
    }
}

/// Runs `f` on the app, on the blocking pool.
async fn with_app<T, F>(state: &State<'_, Shared>, f: F) -> Result<T, ErrorDto>
where
    T: Send + 'static,
    F: FnOnce(&mut App) -> journey_app::Result<T> + Send + 'static,
{
    let app = state.0.clone()?;
    tauri::async_runtime::spawn_blocking(move || {
        let mut app = app
            .lock()
            .map_err(|_| internal("an earlier command failed badly; restart Journeymap"))?;
        f(&mut app).map_err(ErrorDto::from)
    })
    .await
    .map_err(internal)?
}

#[tauri::command]
async fn start(state: State<'_, Shared>) -> Result<StartDto, ErrorDto> {
    with_app(&state, api::start).await
}

#[tauri::command]
async fn list_maps(state: State<'_, Shared>) -> Result<Vec<MapSummaryDto>, ErrorDto> {
    with_app(&state, |a| api::list_maps(a)).await
}

#[tauri::command]
async fn open_map(state: State<'_, Shared>, id: String) -> Result<MapView, ErrorDto> {
    with_app(&state, move |a| api::open_map(a, &id)).await
}

#[tauri::command]
async fn close_map(state: State<'_, Shared>) -> Result<(), ErrorDto> {
    with_app(&state, api::close_map).await
}

#[tauri::command]
async fn create_map(state: State<'_, Shared>, name: String) -> Result<MapView, ErrorDto> {
    with_app(&state, move |a| api::create_map(a, &name)).await
}

#[tauri::command]
async fn update_map(
    state: State<'_, Shared>,
    map_id: String,
    fields: MapFields,
) -> Result<Edited, ErrorDto> {
    with_app(&state, move |a| api::update_map(a, &map_id, &fields)).await
}

#[tauri::command]
async fn duplicate_map(
    state: State<'_, Shared>,
    id: String,
) -> Result<Vec<MapSummaryDto>, ErrorDto> {
    with_app(&state, move |a| api::duplicate_map(a, &id)).await
}

#[tauri::command]
async fn delete_map(state: State<'_, Shared>, id: String) -> Result<Vec<MapSummaryDto>, ErrorDto> {
    with_app(&state, move |a| api::delete_map(a, &id)).await
}

#[tauri::command]
async fn undo_library(state: State<'_, Shared>) -> Result<Vec<MapSummaryDto>, ErrorDto> {
    with_app(&state, api::undo_library).await
}

#[tauri::command]
async fn add_stage(
    state: State<'_, Shared>,
    map_id: String,
    name: String,
    index: Option<usize>,
) -> Result<Edited, ErrorDto> {
    with_app(&state, move |a| api::add_stage(a, &map_id, &name, index)).await
}

#[tauri::command]
async fn update_stage(
    state: State<'_, Shared>,
    map_id: String,
    id: String,
    fields: StageFields,
) -> Result<Edited, ErrorDto> {
    with_app(&state, move |a| api::update_stage(a, &map_id, &id, &fields)).await
}

#[tauri::command]
async fn move_stage(
    state: State<'_, Shared>,
    map_id: String,
    id: String,
    index: usize,
) -> Result<Edited, ErrorDto> {
    with_app(&state, move |a| api::move_stage(a, &map_id, &id, index)).await
}

#[tauri::command]
async fn delete_stage(
    state: State<'_, Shared>,
    map_id: String,
    id: String,
) -> Result<Edited, ErrorDto> {
    with_app(&state, move |a| api::delete_stage(a, &map_id, &id)).await
}

#[tauri::command]
async fn add_lane(
    state: State<'_, Shared>,
    map_id: String,
    name: String,
    index: Option<usize>,
) -> Result<Edited, ErrorDto> {
    with_app(&state, move |a| api::add_lane(a, &map_id, &name, index)).await
}

#[tauri::command]
async fn update_lane(
    state: State<'_, Shared>,
    map_id: String,
    id: String,
    fields: LaneFields,
) -> Result<Edited, ErrorDto> {
    with_app(&state, move |a| api::update_lane(a, &map_id, &id, &fields)).await
}

#[tauri::command]
async fn move_lane(
    state: State<'_, Shared>,
    map_id: String,
    id: String,
    index: usize,
) -> Result<Edited, ErrorDto> {
    with_app(&state, move |a| api::move_lane(a, &map_id, &id, index)).await
}

#[tauri::command]
async fn delete_lane(
    state: State<'_, Shared>,
    map_id: String,
    id: String,
) -> Result<Edited, ErrorDto> {
    with_app(&state, move |a| api::delete_lane(a, &map_id, &id)).await
}

#[tauri::command]
async fn add_touchpoint(
    state: State<'_, Shared>,
    map_id: String,
    stage_id: String,
    lane_id: String,
    title: String,
    index: Option<usize>,
) -> Result<Edited, ErrorDto> {
    with_app(&state, move |a| {
        api::add_touchpoint(a, &map_id, &stage_id, &lane_id, &title, index)
    })
    .await
}

#[tauri::command]
async fn update_touchpoint(
    state: State<'_, Shared>,
    map_id: String,
    id: String,
    fields: TouchpointFields,
) -> Result<Edited, ErrorDto> {
    with_app(&state, move |a| {
        api::update_touchpoint(a, &map_id, &id, &fields)
    })
    .await
}

#[tauri::command]
async fn move_touchpoint(
    state: State<'_, Shared>,
    map_id: String,
    id: String,
    stage_id: String,
    lane_id: String,
    index: usize,
) -> Result<Edited, ErrorDto> {
    with_app(&state, move |a| {
        api::move_touchpoint(a, &map_id, &id, &stage_id, &lane_id, index)
    })
    .await
}

#[tauri::command]
async fn delete_touchpoint(
    state: State<'_, Shared>,
    map_id: String,
    id: String,
) -> Result<Edited, ErrorDto> {
    with_app(&state, move |a| api::delete_touchpoint(a, &map_id, &id)).await
}

#[tauri::command]
async fn add_link(
    state: State<'_, Shared>,
    map_id: String,
    from_id: String,
    to_id: String,
    fields: LinkFields,
) -> Result<Edited, ErrorDto> {
    with_app(&state, move |a| {
        api::add_link(a, &map_id, &from_id, &to_id, &fields)
    })
    .await
}

#[tauri::command]
async fn update_link(
    state: State<'_, Shared>,
    map_id: String,
    id: String,
    fields: LinkFields,
) -> Result<Edited, ErrorDto> {
    with_app(&state, move |a| api::update_link(a, &map_id, &id, &fields)).await
}

#[tauri::command]
async fn delete_link(
    state: State<'_, Shared>,
    map_id: String,
    id: String,
) -> Result<Edited, ErrorDto> {
    with_app(&state, move |a| api::delete_link(a, &map_id, &id)).await
}

#[tauri::command]
async fn list_feedback(
    state: State<'_, Shared>,
    touchpoint_id: Option<String>,
    stage_id: Option<String>,
) -> Result<Vec<FeedbackDto>, ErrorDto> {
    with_app(&state, move |a| {
        api::list_feedback(a, touchpoint_id.as_deref(), stage_id.as_deref())
    })
    .await
}

#[tauri::command]
async fn add_feedback(
    state: State<'_, Shared>,
    map_id: String,
    touchpoint_id: Option<String>,
    stage_id: Option<String>,
    fields: FeedbackFields,
) -> Result<Edited, ErrorDto> {
    with_app(&state, move |a| {
        api::add_feedback(
            a,
            &map_id,
            touchpoint_id.as_deref(),
            stage_id.as_deref(),
            &fields,
        )
    })
    .await
}

#[tauri::command]
async fn update_feedback(
    state: State<'_, Shared>,
    map_id: String,
    id: String,
    fields: FeedbackFields,
) -> Result<Edited, ErrorDto> {
    with_app(&state, move |a| {
        api::update_feedback(a, &map_id, &id, &fields)
    })
    .await
}

#[tauri::command]
async fn delete_feedback(
    state: State<'_, Shared>,
    map_id: String,
    id: String,
) -> Result<Edited, ErrorDto> {
    with_app(&state, move |a| api::delete_feedback(a, &map_id, &id)).await
}

#[tauri::command]
async fn undo(state: State<'_, Shared>, map_id: String) -> Result<Edited, ErrorDto> {
    with_app(&state, move |a| api::undo(a, &map_id)).await
}

#[tauri::command]
async fn redo(state: State<'_, Shared>, map_id: String) -> Result<Edited, ErrorDto> {
    with_app(&state, move |a| api::redo(a, &map_id)).await
}

/// Which native dialog to show.
enum Dialog {
    Save { file_name: String },
    Open,
}

/// The path the user chose, or `None` if they cancelled. The dialog runs on the blocking
/// pool: a blocking dialog on the main thread would deadlock.
async fn choose_path(app: &AppHandle, dialog: Dialog) -> Result<Option<PathBuf>, ErrorDto> {
    if let Some(p) = std::env::var_os(TEST_DIALOG_PATH).filter(|p| !p.is_empty()) {
        return Ok(Some(PathBuf::from(p)));
    }
    use tauri_plugin_dialog::DialogExt;
    let handle = app.clone();
    let picked = tauri::async_runtime::spawn_blocking(move || {
        let builder = handle
            .dialog()
            .file()
            .add_filter("Journeymap JSON", &["json"]);
        match dialog {
            Dialog::Save { file_name } => builder.set_file_name(file_name).blocking_save_file(),
            Dialog::Open => builder.blocking_pick_file(),
        }
    })
    .await
    .map_err(internal)?;
    picked.map(|p| p.into_path().map_err(internal)).transpose()
}

#[tauri::command]
async fn export_map(
    app: AppHandle,
    state: State<'_, Shared>,
    map_id: String,
) -> Result<FileOutcome, ErrorDto> {
    let id = map_id.clone();
    let file_name = with_app(&state, move |a| api::export_file_name(a, &id)).await?;
    let Some(path) = choose_path(&app, Dialog::Save { file_name }).await? else {
        return Ok(FileOutcome {
            path: None,
            map_id: None,
        });
    };
    with_app(&state, move |a| api::export_map_to(a, &map_id, &path)).await
}

#[tauri::command]
async fn import_map(
    app: AppHandle,
    state: State<'_, Shared>,
    mode: String,
) -> Result<FileOutcome, ErrorDto> {
    let mode = match mode.as_str() {
        "refuse" => ImportMode::Refuse,
        "replace" => ImportMode::Replace,
        "copy" => ImportMode::Copy,
        other => return Err(internal(format!("unknown import mode {other:?}"))),
    };
    let Some(path) = choose_path(&app, Dialog::Open).await? else {
        return Ok(FileOutcome {
            path: None,
            map_id: None,
        });
    };
    with_app(&state, move |a| api::import_map_from(a, &path, mode)).await
}

/// Where the database is: `$JOURNEYMAP_DB`, else the platform data folder.
fn db_path(app: &tauri::App) -> Result<PathBuf, ErrorDto> {
    if let Some(p) = std::env::var_os(paths::DB_ENV).filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let dir = app
        .path()
        .app_data_dir()
        .map_err(|e| internal(format!("no data folder: {e}")))?;
    Ok(paths::db_in(&dir))
}

/// Builds and runs the app.
pub fn run() {
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let opened = db_path(app).and_then(|p| App::open(&p).map_err(ErrorDto::from));
            if let Err(e) = &opened {
                eprintln!("journeymap-desktop: {}", e.message);
            }
            app.manage(Shared(opened.map(|a| Arc::new(Mutex::new(a)))));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            start,
            list_maps,
            open_map,
            close_map,
            create_map,
            update_map,
            duplicate_map,
            delete_map,
            undo_library,
            add_stage,
            update_stage,
            move_stage,
            delete_stage,
            add_lane,
            update_lane,
            move_lane,
            delete_lane,
            add_touchpoint,
            update_touchpoint,
            move_touchpoint,
            delete_touchpoint,
            add_link,
            update_link,
            delete_link,
            list_feedback,
            add_feedback,
            update_feedback,
            delete_feedback,
            undo,
            redo,
            export_map,
            import_map,
        ])
        .run(tauri::generate_context!("../tauri.conf.json"));
    if let Err(e) = result {
        eprintln!("journeymap-desktop: {e}");
        std::process::exit(1);
    }
}
