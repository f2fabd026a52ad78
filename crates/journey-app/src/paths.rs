//! Where the database lives when nobody says otherwise.
//!
//! The desktop app and the CLI agree: `$JOURNEYMAP_DB` if set, else the platform data
//! folder (`$XDG_DATA_HOME` or `~/.local/share` on Linux) under the app's identifier, as
//! Tauri's `app_data_dir` gives it. Debug builds use a different file name than release
//! builds, so trying out a development build never touches real maps.

use std::path::PathBuf;

/// The app's identifier, as in `tauri.conf.json`.
pub const IDENTIFIER: &str = "org.journeymap.desktop";

/// Environment variable that names the database file.
pub const DB_ENV: &str = "JOURNEYMAP_DB";

/// The database's file name for this kind of build.
pub fn db_file_name() -> &'static str {
    if cfg!(debug_assertions) {
        "journeymap-debug.sqlite3"
    } else {
        "journeymap.sqlite3"
    }
}

/// The database file inside a data folder.
pub fn db_in(data_dir: &std::path::Path) -> PathBuf {
    data_dir.join(db_file_name())
}

/// The database named by `$JOURNEYMAP_DB`, if it is set and not empty.
pub fn db_from_env() -> Option<PathBuf> {
    std::env::var_os(DB_ENV)
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
}

/// `$JOURNEYMAP_DB`, else the platform data folder; `None` if neither is known.
pub fn default_db_path() -> Option<PathBuf> {
    db_from_env().or_else(|| dirs::data_dir().map(|d| db_in(&d.join(IDENTIFIER))))
}
