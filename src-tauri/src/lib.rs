//! # journeymap-desktop
//!
//! The desktop shell and nothing more: it opens the database, owns the window and the
//! native file dialogs, and adapts each command of `journey_app::with_commands!` to its
//! function in `journey_app::api`: the adapters and the handler list are generated from
//! that one list below. Database work runs on Tauri's blocking pool, never on the UI
//! thread.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use journey_app::api::{self, *};
use journey_app::dto::*;
use journey_app::{paths, App};
use tauri::{AppHandle, Manager, State};

/// Stands in for the user's choice in the native save/open dialog, for end-to-end tests:
/// WebDriver cannot reach a native dialog. Everything after the choice is the real path.
pub const TEST_DIALOG_PATH: &str = "JOURNEYMAP_TEST_DIALOG_PATH";

/// The open database (or why it could not be opened: the UI then shows the recovery
/// screen instead of a blank window), where it is, and the file last chosen in the open
/// dialog. A restore replaces the app.
#[derive(Debug)]
pub struct Shared {
    app: Mutex<Result<Arc<Mutex<App>>, ErrorDto>>,
    db: Option<PathBuf>,
    last_opened: Arc<Mutex<Option<PathBuf>>>,
}

/// The native dialogs, shown from the blocking pool (a blocking dialog on the main thread
/// would deadlock).
struct NativeDialogs {
    handle: AppHandle,
    last_opened: Arc<Mutex<Option<PathBuf>>>,
}

impl NativeDialogs {
    fn pick(&self, save_as: Option<&str>) -> Option<PathBuf> {
        if let Some(p) = std::env::var_os(TEST_DIALOG_PATH).filter(|p| !p.is_empty()) {
            return Some(PathBuf::from(p));
        }
        use tauri_plugin_dialog::DialogExt;
        let builder = self.handle.dialog().file();
        // The filter follows the suggested name: a CSV export offers CSV files.
        let builder = match save_as.and_then(|n| n.rsplit_once('.')).map(|(_, ext)| ext) {
            Some("csv") => builder.add_filter("CSV", &["csv"]),
            _ => builder.add_filter("Journeymap JSON", &["json"]),
        };
        let picked = match save_as {
            Some(name) => builder.set_file_name(name).blocking_save_file(),
            None => builder.blocking_pick_file(),
        };
        picked.and_then(|p| p.into_path().ok())
    }
}

impl FileDialogs for NativeDialogs {
    fn save_path(&self, file_name: &str) -> Option<PathBuf> {
        self.pick(Some(file_name))
    }

    fn open_path(&self) -> Option<PathBuf> {
        let path = self.pick(None);
        if let Ok(mut last) = self.last_opened.lock() {
            last.clone_from(&path);
        }
        path
    }

    fn last_opened(&self) -> Option<PathBuf> {
        self.last_opened.lock().ok().and_then(|l| l.clone())
    }
}

/// Runs command `f` on the app, on the blocking pool.
async fn run<T, F>(handle: AppHandle, state: &State<'_, Shared>, f: F) -> Result<T, ErrorDto>
where
    T: Send + 'static,
    F: FnOnce(&mut Ctx<'_>) -> journey_app::Result<T> + Send + 'static,
{
    let app = state
        .app
        .lock()
        .map_err(|_| ErrorDto::internal("restart Journeymap"))?
        .clone()?;
    let dialogs = NativeDialogs {
        handle,
        last_opened: state.last_opened.clone(),
    };
    tauri::async_runtime::spawn_blocking(move || {
        let mut app = app.lock().map_err(|_| {
            ErrorDto::internal("an earlier command failed badly; restart Journeymap")
        })?;
        let mut cx = Ctx {
            app: &mut app,
            files: &dialogs,
        };
        f(&mut cx).map_err(ErrorDto::from)
    })
    .await
    .map_err(ErrorDto::internal)?
}

/// Runs recovery command `f` (the database could not be opened) on the blocking pool;
/// when it reopens the database, the app it opened replaces the failed one.
async fn run_recovery<T, F>(state: &State<'_, Shared>, f: F) -> Result<T, ErrorDto>
where
    T: Send + 'static,
    F: FnOnce(&mut Recovery<'_>) -> journey_app::Result<T> + Send + 'static,
{
    let problem = match &*state
        .app
        .lock()
        .map_err(|_| ErrorDto::internal("restart Journeymap"))?
    {
        Ok(_) => None,
        Err(e) => Some(e.message.clone()),
    };
    let db = state
        .db
        .clone()
        .ok_or_else(|| ErrorDto::internal("no data folder is known on this system"))?;
    let (out, reopened) = tauri::async_runtime::spawn_blocking(move || {
        let mut r = Recovery {
            db: &db,
            problem: problem.as_deref(),
            reopened: None,
        };
        let out = f(&mut r).map_err(ErrorDto::from);
        (out, r.reopened)
    })
    .await
    .map_err(ErrorDto::internal)?;
    if let Some(app) = reopened {
        if let Ok(mut slot) = state.app.lock() {
            *slot = Ok(Arc::new(Mutex::new(app)));
        }
    }
    out
}

/// One Tauri command per line of the list, each taking its request struct as `request`.
macro_rules! adapters {
    (app { $($name:ident($req:ty) -> $resp:ty;)* } recovery { $($rname:ident($rreq:ty) -> $rresp:ty;)* }) => {
        $(
            #[tauri::command]
            async fn $name(
                handle: AppHandle,
                state: State<'_, Shared>,
                request: $req,
            ) -> Result<$resp, ErrorDto> {
                run(handle, &state, move |cx| api::$name(cx, request)).await
            }
        )*
        $(
            #[tauri::command]
            async fn $rname(
                state: State<'_, Shared>,
                request: $rreq,
            ) -> Result<$rresp, ErrorDto> {
                run_recovery(&state, move |r| api::$rname(r, request)).await
            }
        )*

        fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name,)* $($rname,)*]
        }
    };
}
journey_app::with_commands!(adapters);

/// Where the database is: `$JOURNEYMAP_DB`, else the platform data folder.
fn db_path(app: &tauri::App) -> Result<PathBuf, ErrorDto> {
    if let Some(p) = paths::db_from_env() {
        return Ok(p);
    }
    let dir = app
        .path()
        .app_data_dir()
        .map_err(|e| ErrorDto::internal(format!("no data folder: {e}")))?;
    Ok(paths::db_in(&dir))
}

/// The D-Bus name the single-instance lock is taken under: the app's identifier, and for
/// a database chosen with `$JOURNEYMAP_DB`, that database, so that one editor runs per
/// database (two apps on two databases, as the end-to-end tests run them, are fine).
fn single_instance_id() -> String {
    let base = "org.journeymap.desktop";
    match paths::db_from_env() {
        Some(db) => {
            // The folder made absolute (the file may not exist yet), then a fixed hash
            // (FNV-1a), the same in every build.
            let dir = db
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(std::path::Path::new("."));
            let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
            let full = dir.join(db.file_name().unwrap_or_default());
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for b in full.to_string_lossy().bytes() {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
            format!("{base}.db{h:016x}")
        }
        None => base.to_string(),
    }
}

/// Builds and runs the app.
pub fn run_app() {
    let result = tauri::Builder::default()
        // First, so that a second start hands over before anything else runs: it
        // focuses the running window and exits instead of opening a second editor on
        // the same database. Without a D-Bus session bus the app starts as before.
        .plugin(
            tauri_plugin_single_instance::Builder::new()
                .dbus_id(single_instance_id())
                .callback(|app, _args, _cwd| {
                    eprintln!("journeymap-desktop: a second start was handed to this window");
                    if let Some(w) = app.get_webview_window("main") {
                        let _ = w.unminimize();
                        let _ = w.show();
                        let _ = w.set_focus();
                    }
                })
                .build(),
        )
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let db = db_path(app);
            let opened = db
                .clone()
                .and_then(|p| App::open(&p).map_err(ErrorDto::from));
            if let Err(e) = &opened {
                eprintln!("journeymap-desktop: {}", e.message);
            }
            app.manage(Shared {
                app: Mutex::new(opened.map(|a| Arc::new(Mutex::new(a)))),
                db: db.ok(),
                last_opened: Arc::default(),
            });
            Ok(())
        })
        .invoke_handler(handler())
        .run(tauri::generate_context!("../tauri.conf.json"));
    if let Err(e) = result {
        eprintln!("journeymap-desktop: {e}");
        std::process::exit(1);
    }
}
