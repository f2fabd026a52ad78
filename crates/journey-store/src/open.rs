//! Opening a database: identify the file with reads only, refuse what is not ours, is
//! newer than this build, is damaged or carries a schema our migrations did not make,
//! before anything is written; then the connection settings and the pending migrations.

use std::path::Path;
use std::time::Duration;

use rusqlite::config::DbConfig;
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
        // Only a missing file is created, whole, under another name first (see
        // `create_new`). An existing file too short to hold SQLite's 100-byte header would
        // be taken for an empty database and silently re-created.
        if !path.exists() {
            create_new(path).map_err(|e| StoreError::CannotOpen {
                path: shown.clone(),
                detail: if denied(&e) {
                    format!(
                        "there is no database yet and {}, so none can be made there",
                        storage_reason(&e, "its folder is read-only")
                    )
                } else {
                    e.to_string()
                },
            })?;
        }
        if let Ok(meta) = std::fs::metadata(path) {
            if meta.len() < 100 {
                return Err(StoreError::TooShort {
                    path: shown,
                    len: meta.len(),
                });
            }
        }
        if let Some(reason) = read_only_reason(path) {
            return open_read_only(path, reason);
        }
        // A `-wal` with no `-shm` beside it was not left by a crash or a running program
        // (both keep the two together): it may be another database's, or an old copy.
        if has_content(&sibling(path, "-wal")) && !sibling(path, "-shm").exists() {
            if let Some(aside) = set_aside_orphan_wal(path)? {
                let mut store = Store::open(path)?;
                store.wal_set_aside = Some(aside);
                return Ok(store);
            }
        }
        // A `-shm` means another program may have the database open (or crashed with it):
        // its `-wal` is then never moved, whatever the checks find.
        let shm_before = sibling(path, "-shm").exists();
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn =
            Connection::open_with_flags(path, flags).map_err(|e| StoreError::CannotOpen {
                path: shown.clone(),
                detail: e.to_string(),
            })?;
        conn.busy_timeout(Duration::from_secs(5))?;
        crate::digest::register(&conn)?;
        conn.pragma_update(None, "trusted_schema", "OFF")?;
        // Until the file has passed its checks, closing must not fold a `-wal` into it:
        // that `-wal` may be the damage.
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
        let checked = identify_and_check(&conn, &shown);
        if let Err(err) = checked {
            // Refused. With an empty -wal there is nothing to fold in: closing as usual lets
            // SQLite remove the -wal and -shm that opening made (it does so only when no
            // other connection has the file open), so the folder is as it was.
            if !has_content(&sibling(path, "-wal")) {
                conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false)?;
            }
            drop(conn);
            return Self::refused(path, err, shm_before);
        }
        let (version, fresh) = checked?;
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false)?;
        if conn.is_readonly(rusqlite::MAIN_DB)? {
            drop(conn);
            return open_read_only(path, "SQLite cannot write to it".into());
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
        // A verified copy of the file as it was, before a migration changes it.
        if !fresh && version < schema::latest_version() {
            crate::backup::backup_of(&conn, path, "before-migration")?;
        }
        let mut conn = conn;
        schema::migrations()
            .to_latest(&mut conn)
            .map_err(|e| StoreError::Migration(e.to_string()))?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            read_only: None,
            wal_set_aside: None,
        })
    }
}

impl Store {
    /// A file that failed its checks. Replaying a `-wal` that is not this file's is what
    /// damages it: when the file fails its checks with its `-wal` and passes them alone,
    /// and no `-shm` was there before this open (so no other program had it open), the
    /// `-wal` is moved aside and the file opened without it. Nothing was checkpointed, so
    /// the file is as it was. Anything but damage (busy, an I/O error) moves nothing.
    fn refused(path: &Path, err: StoreError, shm_before: bool) -> Result<Store> {
        let damaged = matches!(
            err,
            StoreError::Damaged { .. } | StoreError::Tampered { .. }
        );
        if damaged
            && !shm_before
            && has_content(&sibling(path, "-wal"))
            && matches!(check_alone(path), Ok(Some(_)))
        {
            return match set_aside_wal(path)? {
                Some(aside) => {
                    let mut store = Store::open(path)?;
                    store.wal_set_aside = Some(aside);
                    Ok(store)
                }
                None => Store::open(path),
            };
        }
        Err(err)
    }
}

/// The name a `-wal` or `-shm` that did not belong gets when it is moved aside.
fn aside_name(path: &Path, stamp: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(format!("{}.set-aside-{stamp}", path.display()))
}

fn sibling(path: &Path, suffix: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(format!("{}{suffix}", path.display()))
}

fn has_content(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.len() > 0)
}

/// Every map's digest, as this connection reads the database.
fn digests(conn: &Connection) -> Result<Vec<(String, i64)>> {
    let has_table: bool = conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE name = 'map_digests'",
        [],
        |r| r.get(0),
    )?;
    if !has_table {
        return Ok(Vec::new());
    }
    Ok(conn
        .prepare("SELECT map_id, digest FROM map_digests ORDER BY map_id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

/// A scratch name beside `path` for a copy made to check it.
fn scratch(path: &Path) -> std::path::PathBuf {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    dir.join(format!(".journeymap-check-{}-{nanos}", std::process::id()))
}

fn copy_to(from: &Path, to: &Path) -> Result<()> {
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| StoreError::CannotOpen {
            path: from.display().to_string(),
            detail: format!("cannot copy it to check its -wal: {e}"),
        })
}

/// Opens a copy and runs every check: its maps' digests if it passes, `None` if not.
/// `immutable` reads the file alone, ignoring any `-wal`; otherwise the copy's `-wal` is
/// read (and never checkpointed: the copy is thrown away).
fn check_copy(copy: &Path, immutable: bool) -> Result<Option<Vec<(String, i64)>>> {
    let conn = if immutable {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        Connection::open_with_flags(uri(copy, "immutable=1"), flags)?
    } else {
        let conn = Connection::open(copy)?;
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
        conn
    };
    crate::digest::register(&conn)?;
    conn.pragma_update(None, "trusted_schema", "OFF")?;
    match identify_and_check(&conn, &copy.display().to_string()) {
        Ok(_) => Ok(Some(digests(&conn)?)),
        Err(_) => Ok(None),
    }
}

fn remove_copy(copy: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(sibling(copy, suffix));
    }
}

/// The main file checked without its `-wal`, through a copy beside it: its maps'
/// digests if it passes every check, `None` if it does not.
fn check_alone(path: &Path) -> Result<Option<Vec<(String, i64)>>> {
    let copy = scratch(path);
    let found = copy_to(path, &copy).and_then(|()| check_copy(&copy, true));
    remove_copy(&copy);
    found
}

/// A `-wal` with content and no `-shm`: checked on copies, without opening the real
/// files, the file alone and the file with that `-wal`. When the file alone is whole and
/// the `-wal` fails the checks or changes what the file holds, it is not this file's
/// (another database's, or an old copy of its own), and it is moved aside, unless a
/// program has opened the database meanwhile (its `-shm` appeared, or the `-wal` grew).
/// A `-wal` whose edits are all in the file already (another program was closing the
/// database) changes nothing and stays.
fn set_aside_orphan_wal(path: &Path) -> Result<Option<std::path::PathBuf>> {
    let wal = sibling(path, "-wal");
    let before = std::fs::metadata(&wal).map(|m| (m.len(), m.modified().ok()));
    let copy = scratch(path);
    // A copy that fails (the `-wal` gone: another program closed the database and
    // folded it in) leaves the files to the ordinary open.
    let verdict = (|| -> Result<bool> {
        if copy_to(path, &copy).is_err() {
            return Ok(false);
        }
        let Some(alone) = check_copy(&copy, true)? else {
            return Ok(false);
        };
        if copy_to(&wal, &sibling(&copy, "-wal")).is_err() {
            return Ok(false);
        }
        // A check that cannot run (no room for the copy's -shm, say) proves nothing: the
        // -wal stays.
        match check_copy(&copy, false) {
            Ok(with_wal) => Ok(with_wal.as_ref() != Some(&alone)),
            Err(_) => Ok(false),
        }
    })();
    remove_copy(&copy);
    let now = std::fs::metadata(&wal).map(|m| (m.len(), m.modified().ok()));
    let untouched = !sibling(path, "-shm").exists() && before.ok() == now.ok();
    if verdict? && untouched {
        set_aside_wal(path)
    } else {
        Ok(None)
    }
}

/// Renames the database's `-wal` and `-shm` aside (never deletes them); returns the
/// `-wal`'s new name, or `None` if it was gone already (another program closing the
/// database folds it in and removes it).
fn set_aside_wal(path: &Path) -> Result<Option<std::path::PathBuf>> {
    let stamp = jiff::Timestamp::now()
        .strftime("%Y%m%dT%H%M%S%3fZ")
        .to_string();
    let wal = sibling(path, "-wal");
    let aside = aside_name(&wal, &stamp);
    match std::fs::rename(&wal, &aside) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(StoreError::CannotOpen {
                path: path.display().to_string(),
                detail: format!("its -wal does not belong to it and cannot be moved aside: {e}"),
            })
        }
    }
    let shm = sibling(path, "-shm");
    if shm.exists() {
        let _ = std::fs::rename(&shm, aside_name(&shm, &stamp));
    }
    Ok(Some(aside))
}

/// Identifies the file with reads only and runs [`check_whole`] on it; returns its
/// schema version and whether it is a new, empty file.
fn identify_and_check(conn: &Connection, shown: &str) -> Result<(i64, bool)> {
    // One read transaction: every check sees the same state of the file, however many
    // other programs commit meanwhile (sums over tables read at two moments would differ).
    let _snapshot = conn.unchecked_transaction()?;
    let identity = (|| -> rusqlite::Result<(i32, i64, i64)> {
        let app_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let objects: i64 =
            conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        Ok((app_id, version, objects))
    })();
    let (app_id, version, objects) = identity.map_err(|e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotADatabase {
            path: shown.to_string(),
            detail: e.to_string(),
        },
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => StoreError::Damaged {
            path: shown.to_string(),
            detail: e.to_string(),
        },
        _ => StoreError::CannotOpen {
            path: shown.to_string(),
            detail: e.to_string(),
        },
    })?;
    let fresh = app_id == 0 && version == 0 && objects == 0;
    if app_id != APPLICATION_ID && !fresh {
        return Err(StoreError::NotJourneymap {
            path: shown.to_string(),
        });
    }
    if version > schema::latest_version() {
        return Err(StoreError::TooNew {
            path: shown.to_string(),
            found: version,
            supported: schema::latest_version(),
        });
    }
    if !fresh {
        check_whole(conn, version).map_err(|e| match e {
            Check::Damaged(detail) => StoreError::Damaged {
                path: shown.to_string(),
                detail,
            },
            Check::Tampered(detail) => StoreError::Tampered {
                path: shown.to_string(),
                detail,
            },
            Check::Failed(detail) => StoreError::CannotOpen {
                path: shown.to_string(),
                detail: format!("its checks could not run ({detail})"),
            },
        })?;
    }
    Ok((version, fresh))
}

fn denied(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
    )
}

fn storage_reason(e: &std::io::Error, what: &str) -> String {
    if e.kind() == std::io::ErrorKind::ReadOnlyFilesystem {
        "it is on read-only storage".to_string()
    } else {
        what.to_string()
    }
}

/// Why an existing database can only be read: the file cannot be opened for writing,
/// or its folder (where SQLite keeps the `-wal` and `-shm` files) cannot be written.
/// Asked without changing the file.
fn read_only_reason(path: &Path) -> Option<String> {
    if let Err(e) = std::fs::OpenOptions::new().write(true).open(path) {
        if denied(&e) {
            return Some(storage_reason(&e, "the file is read-only"));
        }
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let probe = dir.join(format!(".journeymap-probe-{}", std::process::id()));
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            None
        }
        Err(e) if denied(&e) => Some(storage_reason(&e, "its folder is read-only")),
        Err(_) => None,
    }
}

/// `path` as an SQLite URI with `query`.
pub(crate) fn uri(path: &Path, query: &str) -> String {
    let p = path
        .to_string_lossy()
        .replace('%', "%25")
        .replace('?', "%3f")
        .replace('#', "%23");
    format!("file:{p}?{query}")
}

/// Opens a database that can only be read, with the same checks as every open, and
/// nothing written: no journal mode, no migration. Without `-wal`/`-shm` files, which a
/// read-only folder cannot get, SQLite reads it as immutable (nothing can change it).
fn open_read_only(path: &Path, reason: String) -> Result<Store> {
    let shown = path.display().to_string();
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let wal = std::path::PathBuf::from(format!("{shown}-wal"));
    let wal_has_content = std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0);
    let attempt = |query: &str| -> Result<(Connection, i64)> {
        let conn = Connection::open_with_flags(uri(path, query), flags).map_err(|e| {
            StoreError::CannotOpen {
                path: shown.clone(),
                detail: e.to_string(),
            }
        })?;
        conn.busy_timeout(Duration::from_secs(5))?;
        crate::digest::register(&conn)?;
        conn.pragma_update(None, "trusted_schema", "OFF")?;
        let (version, _) = identify_and_check(&conn, &shown)?;
        Ok((conn, version))
    };
    let (conn, version) = match attempt("mode=ro") {
        Ok(found) => found,
        Err(StoreError::CannotOpen { .. }) if !wal_has_content => attempt("immutable=1")?,
        Err(e) => return Err(e),
    };
    if version < schema::latest_version() {
        return Err(StoreError::CannotOpen {
            path: shown,
            detail: format!(
                "{reason}, and it was made by an older Journeymap: it must be updated before \
                 this build can read it, which needs it writable"
            ),
        });
    }
    conn.pragma_update(None, "trusted_schema", "OFF")?;
    Ok(Store {
        conn,
        path: path.to_path_buf(),
        read_only: Some(reason),
        wal_set_aside: None,
    })
}

/// Makes a new, empty database at `path` so that no other program can ever see it half
/// made: SQLite creates a file empty and writes it later, so a second app or CLI opening
/// at that moment would find a zero-length file (which open refuses). The schema is
/// written into a temporary file beside it, synced, then hard-linked into place, which
/// fails if another program got there first (its file is then just as whole). Where
/// the file system has no hard links, a rename does, if the name is still free.
fn create_new(path: &Path) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let tmp = dir.join(format!(".{name}.new-{}-{nanos}", std::process::id()));
    let made = (|| -> std::io::Result<()> {
        let mut conn = Connection::open(&tmp).map_err(std::io::Error::other)?;
        crate::digest::register(&conn).map_err(std::io::Error::other)?;
        schema::migrations()
            .to_latest(&mut conn)
            .map_err(std::io::Error::other)?;
        conn.close().map_err(|(_, e)| std::io::Error::other(e))?;
        std::fs::File::open(&tmp)?.sync_all()?;
        match std::fs::hard_link(&tmp, path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
            Err(_) if !path.exists() => std::fs::rename(&tmp, path),
            Err(_) => Ok(()),
        }
    })();
    let _ = std::fs::remove_file(&tmp);
    let _ = std::fs::remove_file(std::path::PathBuf::from(format!(
        "{}-journal",
        tmp.display()
    )));
    made
}

/// Why a database that claims to be ours is refused.
pub(crate) enum Check {
    Damaged(String),
    Tampered(String),
    /// The checks could not run (busy, an I/O error): nothing is known about the file.
    Failed(String),
}

impl From<rusqlite::Error> for Check {
    /// Only SQLite's own word for damage is damage; a busy database or a failed read is
    /// not, and must never lead to moving files aside.
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
                Check::Damaged(e.to_string())
            }
            _ if matches!(
                e,
                rusqlite::Error::Utf8Error(..)
                    | rusqlite::Error::FromSqlConversionFailure(..)
                    | rusqlite::Error::InvalidColumnType(..)
            ) =>
            {
                Check::Damaged(e.to_string())
            }
            _ => Check::Failed(e.to_string()),
        }
    }
}

/// At most this many of SQLite's findings are quoted in a message.
const FINDINGS: usize = 3;

/// Reads only: `quick_check` (every page, every index entry's row; not the content of
/// each value), `foreign_key_check`, and the schema compared object by object with the
/// one our migrations make at this version. A trigger, view, index or table we did not
/// create, or one of ours changed or missing, means someone else wrote this schema:
/// the file is refused before any statement of it can run.
pub(crate) fn check_whole(conn: &Connection, version: i64) -> Result<(), Check> {
    // The schema first, read from sqlite_schema alone: nothing of a schema someone else
    // wrote (a generated column, a trigger) may run before it is known to be ours.
    let found = schema_objects(conn)?;
    let expected = expected_schema(version).map_err(|e| Check::Failed(e.to_string()))?;
    let mut differences = Vec::new();
    for (key, sql) in &found {
        match expected.get(key) {
            None => differences.push(format!("{} {} is not ours", key.0, key.1)),
            Some(ours) if ours != sql => {
                differences.push(format!("{} {} was changed", key.0, key.1))
            }
            Some(_) => {}
        }
    }
    for key in expected.keys().filter(|k| !found.contains_key(*k)) {
        differences.push(format!("{} {} is missing", key.0, key.1));
    }
    if !differences.is_empty() {
        return Err(Check::Tampered(quote(&differences)));
    }
    let findings: Vec<String> = conn
        .prepare("PRAGMA quick_check")?
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<_>>()?;
    if findings != ["ok"] {
        return Err(Check::Damaged(quote(&findings)));
    }
    let orphans: Vec<String> = conn
        .prepare("PRAGMA foreign_key_check")?
        .query_map([], |r| {
            Ok(format!(
                "a row of {} refers to a missing row of {}",
                r.get::<_, String>(0)?,
                r.get::<_, String>(2)?
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    if !orphans.is_empty() {
        return Err(Check::Damaged(quote(&orphans)));
    }
    // Digests exist from migration 3 on; an older file is checked by them once migrated.
    if version >= 3 {
        let differ = crate::digest::check_all(conn)?;
        if !differ.is_empty() {
            return Err(Check::Damaged(quote(&differ)));
        }
    }
    Ok(())
}

fn quote(findings: &[String]) -> String {
    let mut s = findings
        .iter()
        .take(FINDINGS)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join("; ");
    if findings.len() > FINDINGS {
        s.push_str(&format!("; and {} more", findings.len() - FINDINGS));
    }
    s
}

type Objects = std::collections::BTreeMap<(String, String), Option<String>>;

/// Every object of the schema by (type, name), with its SQL; SQLite's statistics tables
/// (made by `ANALYZE`, which SQLite may run itself) are left out.
fn schema_objects(conn: &Connection) -> rusqlite::Result<Objects> {
    conn.prepare(
        "SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_stat%' ESCAPE '\\'",
    )?
    .query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?
    .collect()
}

/// The schema our migrations make at `version`, made in memory.
fn expected_schema(version: i64) -> Result<Objects, StoreError> {
    let mut mem = Connection::open_in_memory()?;
    crate::digest::register(&mem)?;
    schema::migrations()
        .to_version(&mut mem, usize::try_from(version).unwrap_or(0))
        .map_err(|e| StoreError::Migration(e.to_string()))?;
    Ok(schema_objects(&mem)?)
}
