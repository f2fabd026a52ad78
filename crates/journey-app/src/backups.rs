//! When the app backs up on its own, and the backup use-cases the CLI (and later the
//! recovery screen) call. The backups themselves, and their checks, are the store's
//! (`journey_store::backup`).
//!
//! Automatic backups are taken just before a write (an edit or an import), judged from
//! the newest backup on disk, so the CLI and the desktop app share one schedule: the
//! first write of each UTC day that has no backup yet, and any write once the newest
//! backup is older than the `backup.every_minutes` setting (default
//! [`DEFAULT_EVERY_MINUTES`]; 0 turns the periodic ones off). A backup that fails is
//! reported by [`App::backup_problem`] and never holds up the edit.

use journey_store::BackupInfo;

use crate::{App, Result};

/// Minutes between periodic backups while the app is in use.
pub const DEFAULT_EVERY_MINUTES: i64 = 30;
/// The setting that overrides [`DEFAULT_EVERY_MINUTES`].
pub const EVERY_MINUTES_KEY: &str = "backup.every_minutes";

#[derive(Debug, Default)]
pub(crate) struct Schedule {
    /// Why the last automatic backup failed, until one succeeds.
    problem: Option<String>,
    /// No backup can fall due before this: writes until then skip the check (a listing
    /// of the backups folder and a settings read) on the edit's path.
    quiet_until: Option<jiff::Timestamp>,
}

impl Schedule {
    /// Forgets when the next backup is due (the period setting changed).
    pub(crate) fn recheck(&mut self) {
        self.quiet_until = None;
    }
}

impl App {
    /// Takes a verified backup now.
    pub fn backup_now(&mut self, reason: &str) -> Result<BackupInfo> {
        let info = self.store.backup(reason)?;
        self.backups.problem = None;
        Ok(info)
    }

    /// Every backup of this database that passes its check, newest first, and the ones
    /// that do not, with why.
    pub fn list_backups(&self) -> Result<journey_store::Backups> {
        Ok(journey_store::list_backups(self.store.path())?)
    }

    /// Why the last automatic backup failed, if it did.
    pub fn backup_problem(&self) -> Option<&str> {
        self.backups.problem.as_deref()
    }

    /// Takes the daily or the periodic backup when one is due; called before writes.
    pub(crate) fn backup_if_due(&mut self) {
        if self.read_only().is_some() {
            return; // the write itself will say why it cannot be done
        }
        let now = jiff::Timestamp::now();
        if self.backups.quiet_until.is_some_and(|t| now < t) {
            return;
        }
        let newest = journey_store::newest_backup_time(self.store.path());
        let day = |t: jiff::Timestamp| t.strftime("%Y-%m-%d").to_string();
        let every = self
            .store
            .setting(EVERY_MINUTES_KEY)
            .ok()
            .flatten()
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(DEFAULT_EVERY_MINUTES);
        let reason = match newest {
            None => "daily",
            Some(t) if day(t) != day(now) => "daily",
            Some(t) if every > 0 && now.duration_since(t).as_secs() >= every * 60 => "periodic",
            Some(t) => {
                // Due again at the next UTC midnight, or when the period is up.
                let midnight =
                    jiff::Timestamp::from_second((now.as_second() / 86_400 + 1) * 86_400)
                        .unwrap_or(now);
                let period = (every > 0)
                    .then(|| {
                        t.checked_add(jiff::SignedDuration::from_secs(every * 60))
                            .ok()
                    })
                    .flatten()
                    .unwrap_or(midnight);
                self.backups.quiet_until = Some(midnight.min(period));
                return;
            }
        };
        // A first start's empty database holds nothing to keep.
        if self.store.list_maps().is_ok_and(|m| m.is_empty()) {
            return;
        }
        if let Err(e) = self.backup_now(reason) {
            self.backups.problem = Some(e.to_string());
        }
    }
}
