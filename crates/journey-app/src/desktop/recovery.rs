//! The commands the desktop app answers when its database could not be opened (damaged,
//! changed by someone else, too short): what happened, in plain words, and the newest
//! good backups with what each holds; and restoring one, after which the app opens
//! normally. Listed in the `recovery` group of [`crate::with_commands!`].
//!
//! A restore moves the damaged file and its `-wal`/`-shm` aside under a timestamped
//! name (never deleting them) and can only restore a backup of this database that
//! passes its check: the page names a backup by the path this listing gave it.

use std::path::Path;

use serde::Deserialize;
use ts_rs::TS;

use crate::{App, AppError, Result};

/// What recovery commands run with: the database's path, why it could not be opened,
/// and, after a restore, the app opened on the restored file for the shell to use.
pub struct Recovery<'a> {
    pub db: &'a Path,
    /// Why the database could not be opened; `None` when it is open and well.
    pub problem: Option<&'a str>,
    pub reopened: Option<App>,
}

impl std::fmt::Debug for Recovery<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recovery")
            .field("db", &self.db)
            .field("problem", &self.problem)
            .finish()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecoveryStatusRequest {}

/// Restore the backup at `path`, as [`recovery_status`] listed it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RestoreBackupRequest {
    pub path: String,
}

/// Salvage what can be read of the damaged database (offered when no backup will do).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SalvageRequest {}

/// One map a salvage kept, with what it holds.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SalvagedMapDto {
    pub name: String,
    pub touchpoints: u32,
    pub feedback: u32,
}

/// What a salvage did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SalvagedDto {
    pub maps: Vec<SalvagedMapDto>,
    /// Rows that could not be read, or lost the map, stage or touchpoint they belonged to.
    pub rows_left_out: u32,
    /// Maps read but refused by the new database, with why.
    pub maps_lost: Vec<String>,
    /// Where the damaged database and its -wal/-shm files were moved.
    pub moved_aside: Vec<String>,
}

/// One good backup, as the recovery screen offers it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupDto {
    pub path: String,
    /// UTC, `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    pub taken_at: String,
    pub reason: String,
    pub maps: u32,
    pub touchpoints: u32,
    pub feedback: u32,
}

/// Why the database could not be opened, and what can be done.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecoveryDto {
    /// The error, as the store put it (it names the file and the problem).
    pub problem: String,
    pub db_path: String,
    /// Good backups, newest first.
    pub backups: Vec<BackupDto>,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RestoredDto {
    pub backup: BackupDto,
    /// Where the replaced database and its -wal/-shm files were moved.
    pub moved_aside: Vec<String>,
}

fn dto(b: journey_store::BackupInfo) -> BackupDto {
    let n = |x: u64| u32::try_from(x).unwrap_or(u32::MAX);
    BackupDto {
        path: b.path.display().to_string(),
        taken_at: b.taken_at,
        reason: b.reason,
        maps: n(b.maps),
        touchpoints: n(b.touchpoints),
        feedback: n(b.feedback),
    }
}

/// `None` when the database is open; else the problem and the good backups.
pub fn recovery_status(
    r: &mut Recovery<'_>,
    _: RecoveryStatusRequest,
) -> Result<Option<RecoveryDto>> {
    let Some(problem) = r.problem else {
        return Ok(None);
    };
    let backups = journey_store::list_backups(r.db)?;
    Ok(Some(RecoveryDto {
        problem: problem.to_string(),
        db_path: r.db.display().to_string(),
        backups: backups.good.into_iter().map(dto).collect(),
    }))
}

/// Restores one of the listed backups and opens the app on it.
pub fn restore_backup(r: &mut Recovery<'_>, req: RestoreBackupRequest) -> Result<RestoredDto> {
    let listed = journey_store::list_backups(r.db)?;
    let Some(backup) = listed
        .good
        .into_iter()
        .find(|b| b.path.display().to_string() == req.path)
    else {
        return Err(AppError::NotFound(format!(
            "{}: not one of this database's good backups",
            req.path
        )));
    };
    let moved = journey_store::restore(r.db, &backup.path)?;
    r.reopened = Some(App::open(r.db)?);
    Ok(RestoredDto {
        backup: dto(backup),
        moved_aside: moved.iter().map(|p| p.display().to_string()).collect(),
    })
}

/// Keeps what can still be read of the damaged database, in a new database at its path,
/// and opens the app on it. The damaged files are moved aside, never deleted.
pub fn salvage_database(r: &mut Recovery<'_>, _: SalvageRequest) -> Result<SalvagedDto> {
    // Only a file found damaged, changed by another program or cut short: a file from a
    // newer Journeymap, or one that is busy or cannot be read just now, is left alone.
    let damage = [
        "the database is damaged",
        "as this app writes them",
        "too short to be a database",
    ];
    match r.problem {
        None => {
            return Err(AppError::Invalid(
                "the database is not damaged: there is nothing to salvage".into(),
            ))
        }
        Some(p) if !damage.iter().any(|d| p.contains(d)) => {
            return Err(AppError::Invalid(format!(
                "salvage is for a damaged database; this one could not be opened for \
                 another reason, and was left as it is: {p}"
            )))
        }
        Some(_) => {}
    }
    let done = journey_store::salvage(r.db)?;
    r.reopened = Some(App::open(r.db)?);
    let n = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
    Ok(SalvagedDto {
        maps: done
            .maps
            .iter()
            .map(|m| SalvagedMapDto {
                name: m.name.clone(),
                touchpoints: n(m.touchpoints),
                feedback: n(m.feedback),
            })
            .collect(),
        rows_left_out: n(done.rows_left_out),
        maps_lost: done.maps_lost,
        moved_aside: done
            .moved_aside
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
    })
}
