//! Opening a database: identify the file with reads only, refuse what is not ours (or is
//! newer than this build) before anything is written, then the connection settings and
//! the pending migrations.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::error::{Result, StoreError};
use crate::schema::{self, APPLICATION_ID};
use crate::Store;

impl Store {
    /// Opens (or creates) the database at `path`. A file that is not ours, is not a
    /// database, or was made by a newer build is refused before anything is written.
    pub fn open(path: &Path) -> Result<Store> {
        let shown = path.display().to_string();
        if path.is_dir() {
            return Err(StoreError::CannotOpen {
                path: shown,
                detail: "it is a folder".into(),
            });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn =
            Connection::open_with_flags(path, flags).map_err(|e| StoreError::CannotOpen {
                path: shown.clone(),
                detail: e.to_string(),
            })?;
        conn.busy_timeout(Duration::from_secs(5))?;

        // Identify the file with reads only.
        let identity = (|| -> rusqlite::Result<(i32, i64, i64)> {
            let app_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
            let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
            let objects: i64 =
                conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
            Ok((app_id, version, objects))
        })();
        let (app_id, version, objects) = identity.map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotADatabase {
                path: shown.clone(),
                detail: e.to_string(),
            },
            Some(rusqlite::ErrorCode::DatabaseCorrupt) => {
                StoreError::Corrupt(format!("{shown}: {e}"))
            }
            _ => StoreError::CannotOpen {
                path: shown.clone(),
                detail: e.to_string(),
            },
        })?;
        let fresh = app_id == 0 && version == 0 && objects == 0;
        if app_id != APPLICATION_ID && !fresh {
            return Err(StoreError::NotJourneymap { path: shown });
        }
        if version > schema::latest_version() {
            return Err(StoreError::TooNew {
                path: shown,
                found: version,
                supported: schema::latest_version(),
            });
        }
        if conn.is_readonly(rusqlite::MAIN_DB)? {
            return Err(StoreError::ReadOnly { path: shown });
        }

        let mode: String =
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::CannotOpen {
                path: shown,
                detail: format!("write-ahead logging is not available (journal mode {mode})"),
            });
        }
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "trusted_schema", "OFF")?;
        let mut conn = conn;
        schema::migrations()
            .to_latest(&mut conn)
            .map_err(|e| StoreError::Migration(e.to_string()))?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }
}
