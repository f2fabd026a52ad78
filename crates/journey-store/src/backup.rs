//! Verified backups beside the database, in a `backups/` folder, and restoring one.
//!
//! A backup is written with `VACUUM INTO` (a consistent copy, even while another program
//! writes) under a temporary name, then checked as a restore would need it: it opens
//! read-only, `integrity_check` says ok, it is ours (application id and the schema our
//! migrations make) at the database's schema version. Only then is it renamed into
//! place; a copy that fails its check is deleted and the failure reported. So every file
//! the listing shows was good when it was written.
//!
//! Kept: the newest [`KEEP_NEWEST`], plus the newest of each of the last [`KEEP_DAYS`]
//! days. A restore never deletes: the database and its `-wal`/`-shm` are moved aside
//! together under a timestamped name first.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::error::{Result, StoreError};
use crate::open::{check_whole, Check};
use crate::schema::APPLICATION_ID;
use crate::Store;

/// How many of the newest backups are always kept.
pub const KEEP_NEWEST: usize = 10;
/// For this many days back, the newest backup of each day is kept too.
pub const KEEP_DAYS: i64 = 7;

/// One verified backup and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupInfo {
    pub path: PathBuf,
    /// When it was taken, UTC, as `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    pub taken_at: String,
    /// Why: `manual`, `daily`, `periodic`, `before-migration`, `before-restore`.
    pub reason: String,
    pub maps: u64,
    pub touchpoints: u64,
    pub feedback: u64,
    pub bytes: u64,
}

/// The folder backups of `db` live in.
pub fn backups_dir(db: &Path) -> PathBuf {
    db.parent().unwrap_or(Path::new(".")).join("backups")
}

/// `maps.sqlite3` → `maps`.
fn stem(db: &Path) -> String {
    db.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "journeymap".into())
}

/// A file name's timestamp part: `20261203T102233123Z` (sorts as time does).
fn stamp(now: jiff::Timestamp) -> String {
    now.strftime("%Y%m%dT%H%M%S%3fZ").to_string()
}

/// `20261203T102233123Z` → `2026-12-03T10:22:33.123Z`.
fn readable(stamp: &str) -> Option<String> {
    let b = stamp.as_bytes();
    if b.len() != 19 || b[8] != b'T' || b[18] != b'Z' {
        return None;
    }
    let s = |r: std::ops::Range<usize>| &stamp[r];
    Some(format!(
        "{}-{}-{}T{}:{}:{}.{}Z",
        s(0..4),
        s(4..6),
        s(6..8),
        s(9..11),
        s(11..13),
        s(13..15),
        s(15..18)
    ))
}

/// A backup file's name: `<stem>-<stamp>-<reason>.sqlite3`; returns (stamp, reason).
fn parse_name<'a>(db_stem: &str, name: &'a str) -> Option<(&'a str, &'a str)> {
    let rest = name.strip_prefix(db_stem)?.strip_prefix('-')?;
    let rest = rest.strip_suffix(".sqlite3")?;
    let (stamp, reason) = rest.split_once('-')?;
    readable(stamp)?;
    Some((stamp, reason))
}

impl Store {
    /// Writes a verified backup of the whole database into [`backups_dir`], then prunes
    /// old ones. `reason` names why (letters and dashes).
    pub fn backup(&self, reason: &str) -> Result<BackupInfo> {
        self.refuse_if_read_only()?;
        backup_of(&self.conn, &self.path, reason)
    }

    /// The schema version of this database.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }
}

/// Backs up the database `conn` has open (at `db`).
pub(crate) fn backup_of(conn: &Connection, db: &Path, reason: &str) -> Result<BackupInfo> {
    let dir = backups_dir(db);
    std::fs::create_dir_all(&dir).map_err(|e| io(&dir, "cannot create the backups folder", &e))?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let mut name;
    let mut now = jiff::Timestamp::now();
    loop {
        name = format!("{}-{}-{reason}.sqlite3", stem(db), stamp(now));
        if !dir.join(&name).exists() {
            break;
        }
        now += jiff::SignedDuration::from_millis(1);
    }
    let target = dir.join(&name);
    let partial = dir.join(format!(".{name}.partial"));
    let _ = std::fs::remove_file(&partial);
    conn.execute("VACUUM INTO ?1", [partial.to_string_lossy()])
        .map_err(|e| match StoreError::from(e) {
            StoreError::Sqlite(e) => StoreError::Backup {
                path: target.display().to_string(),
                detail: e.to_string(),
            },
            other => other,
        })?;
    let checked = inspect(&partial, Some(version));
    let info = match checked {
        Ok(info) => info,
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            return Err(StoreError::Backup {
                path: target.display().to_string(),
                detail: format!("the copy failed its check and was deleted: {e}"),
            });
        }
    };
    std::fs::rename(&partial, &target).map_err(|e| io(&target, "cannot name the backup", &e))?;
    prune(db, now)?;
    Ok(BackupInfo {
        path: target,
        ..info
    })
}

fn io(path: &Path, what: &str, e: &std::io::Error) -> StoreError {
    StoreError::Backup {
        path: path.display().to_string(),
        detail: format!("{what}: {e}"),
    }
}

/// Checks a backup file as a restore needs it, reading only; `version`, when given, is
/// the schema version it must have. Returns what it holds.
pub fn inspect(path: &Path, version: Option<i64>) -> Result<BackupInfo> {
    let shown = path.display().to_string();
    let bad = |detail: String| StoreError::Backup {
        path: shown.clone(),
        detail,
    };
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| bad(e.to_string()))?;
    crate::digest::register(&conn).map_err(|e| bad(e.to_string()))?;
    let read = || -> rusqlite::Result<(i32, i64, Vec<String>)> {
        let app: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
        let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let integrity = conn
            .prepare("PRAGMA integrity_check")?
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok((app, found, integrity))
    };
    let (app, found, integrity) = read().map_err(|e| bad(e.to_string()))?;
    if app != APPLICATION_ID {
        return Err(bad("not a Journeymap database".into()));
    }
    if let Some(v) = version.filter(|v| *v != found) {
        return Err(bad(format!("schema version {found}, expected {v}")));
    }
    if integrity != ["ok"] {
        return Err(bad(format!("integrity check: {}", integrity.join("; "))));
    }
    check_whole(&conn, found).map_err(|e| match e {
        Check::Damaged(d) | Check::Tampered(d) | Check::Failed(d) => bad(d),
    })?;
    let count = |table: &str| -> Result<u64> {
        let n: i64 = conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .map_err(|e| bad(e.to_string()))?;
        Ok(n as u64)
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // `<stem>-<stamp>-<reason>.sqlite3` (or its temporary `.<name>.partial`).
    let base = name
        .trim_start_matches('.')
        .trim_end_matches(".partial")
        .trim_end_matches(".sqlite3");
    let parts: Vec<&str> = base.split('-').collect();
    let (taken_at, reason) = parts
        .iter()
        .position(|p| readable(p).is_some())
        .map(|i| {
            (
                readable(parts[i]).unwrap_or_default(),
                parts[i + 1..].join("-"),
            )
        })
        .unwrap_or_default();
    Ok(BackupInfo {
        path: path.to_path_buf(),
        taken_at,
        reason,
        maps: count("maps")?,
        touchpoints: count("touchpoints")?,
        feedback: count("feedback")?,
        bytes: std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
    })
}

/// The backups of a database: those that pass their check, newest first, and those
/// that fail it, with why.
#[derive(Debug, Default)]
pub struct Backups {
    pub good: Vec<BackupInfo>,
    pub failing: Vec<(PathBuf, String)>,
}

/// Every backup of `db`, each checked again.
pub fn list_backups(db: &Path) -> Result<Backups> {
    let mut good = Vec::new();
    let mut bad = Vec::new();
    for (path, _) in backup_files(db) {
        match inspect(&path, None) {
            Ok(info) => good.push(info),
            Err(e) => bad.push((path, e.to_string())),
        }
    }
    Ok(Backups { good, failing: bad })
}

/// When the newest backup of `db` was taken, from its name (not checked).
pub fn newest_backup_time(db: &Path) -> Option<jiff::Timestamp> {
    let (_, stamp) = backup_files(db).into_iter().next()?;
    readable(&stamp)?.parse().ok()
}

/// Backup files of `db` by name, newest first, with their stamps.
fn backup_files(db: &Path) -> Vec<(PathBuf, String)> {
    let db_stem = stem(db);
    let mut files: Vec<(PathBuf, String)> = std::fs::read_dir(backups_dir(db))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let (stamp, _) = parse_name(&db_stem, &name)?;
            Some((e.path(), stamp.to_string()))
        })
        .collect();
    files.sort_by(|a, b| b.1.cmp(&a.1));
    files
}

/// Deletes backups beyond the newest [`KEEP_NEWEST`] that are not the newest of one of
/// the last [`KEEP_DAYS`] days.
fn prune(db: &Path, now: jiff::Timestamp) -> Result<()> {
    let files = backup_files(db);
    let today = now.strftime("%Y%m%d").to_string();
    let oldest_day = (now - jiff::SignedDuration::from_hours(24 * (KEEP_DAYS - 1)))
        .strftime("%Y%m%d")
        .to_string();
    let mut days_seen = std::collections::HashSet::new();
    for (i, (path, stamp)) in files.iter().enumerate() {
        let day = &stamp[..8];
        let newest_of_day = days_seen.insert(day.to_string());
        let recent_day = day >= oldest_day.as_str() && day <= today.as_str();
        if i < KEEP_NEWEST || (newest_of_day && recent_day) {
            continue;
        }
        std::fs::remove_file(path).map_err(|e| io(path, "cannot delete an old backup", &e))?;
    }
    Ok(())
}

/// Replaces the database at `db` by the backup at `backup`, after checking the backup.
/// The database and its `-wal`/`-shm` are first moved aside (renamed with a timestamp,
/// never deleted); returns where they went. No connection to `db` may be open.
pub fn restore(db: &Path, backup: &Path) -> Result<Vec<PathBuf>> {
    inspect(backup, None)?;
    let stamp = stamp(jiff::Timestamp::now());
    let mut moved = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        let from = PathBuf::from(format!("{}{suffix}", db.display()));
        if from.exists() {
            let to = PathBuf::from(format!("{}.before-restore-{stamp}{suffix}", db.display()));
            std::fs::rename(&from, &to).map_err(|e| io(&from, "cannot move it aside", &e))?;
            moved.push(to);
        }
    }
    // Copied under a temporary name beside the database, synced, then renamed: a crash
    // leaves either no database (the moved-aside one is there) or the whole backup.
    let partial = PathBuf::from(format!("{}.restoring", db.display()));
    std::fs::copy(backup, &partial).map_err(|e| io(&partial, "cannot copy the backup", &e))?;
    std::fs::File::open(&partial)
        .and_then(|f| f.sync_all())
        .map_err(|e| io(&partial, "cannot sync the copy", &e))?;
    std::fs::rename(&partial, db).map_err(|e| io(db, "cannot put the backup in place", &e))?;
    Ok(moved)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        let s = stamp("2026-12-03T10:22:33.123Z".parse().expect("timestamp"));
        assert_eq!(s, "20261203T102233123Z");
        assert_eq!(readable(&s).as_deref(), Some("2026-12-03T10:22:33.123Z"));
        assert_eq!(
            parse_name("maps", "maps-20261203T102233123Z-daily.sqlite3"),
            Some(("20261203T102233123Z", "daily"))
        );
        assert_eq!(
            parse_name("maps", "other-20261203T102233123Z-daily.sqlite3"),
            None
        );
        assert_eq!(parse_name("maps", "maps-notastamp-daily.sqlite3"), None);
    }
}
