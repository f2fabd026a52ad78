//! # journey-store
//!
//! Journeymap's SQLite storage. The rows are the source of truth: a map is read whole
//! with [`Store::load_map`], and every change goes through [`Store::write`], which runs one
//! `BEGIN IMMEDIATE` transaction and commits only if the closure succeeds.
//!
//! Every connection is opened by [`Store::open`] (in `open.rs`), which first checks that
//! the file is ours and not from a newer build, *before* it writes anything; then it sets
//! WAL, `synchronous=FULL`, foreign keys, a busy timeout and `trusted_schema=OFF`, and
//! applies pending migrations in one transaction.
//!
//! Edits touch a handful of rows, found through indexes: their cost does not grow with
//! the size of the map. Reorderable things carry a real-valued `position`
//! (`position.rs`), so a move rewrites one row.
//!
//! The code map: `error.rs` (why something failed), `open.rs` (the checked open),
//! `backup.rs` (verified backups and restore), `salvage.rs` (what can be read of a damaged
//! file, without a backup), `digest.rs` (each map's checksum over its rows),
//! `schema.rs` (the append-only migrations), `position.rs` (sort keys), and
//! `table/<name>.rs`, one module per table with its columns, row mapping, reads and the
//! [`Write`] methods that change it. A new table gets a new module there and a new
//! migration at the end of `schema.rs`.

use std::path::{Path, PathBuf};

use journey_core::model::*;
use rusqlite::{Connection, Transaction};

mod backup;
mod digest;
mod error;
mod open;
mod position;
mod salvage;
pub mod schema;
mod table;

pub use backup::{
    backups_dir, inspect, list_backups, newest_backup_time, restore, BackupInfo, Backups,
    KEEP_DAYS, KEEP_NEWEST,
};
pub use error::{Result, StoreError};
pub use position::Scope;
pub use salvage::{salvage, Salvaged, SalvagedMap, SALVAGED_FROM_KEY};
pub use schema::APPLICATION_ID;
pub use table::maps::MapSummary;

/// An open Journeymap database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Why the database can only be read (a read-only file, folder or disk); `None` when
    /// it is writable.
    read_only: Option<String>,
    /// Where a `-wal` that did not belong to the database was moved at open (see
    /// `open.rs`), so the user can be told.
    wal_set_aside: Option<PathBuf>,
}

impl Store {
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Why this database was opened read-only, if it was.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// Where a `-wal` found beside the database, which did not belong to it, was moved
    /// when it was opened; `None` when there was none.
    pub fn wal_set_aside(&self) -> Option<&Path> {
        self.wal_set_aside.as_deref()
    }

    pub(crate) fn refuse_if_read_only(&self) -> Result<()> {
        match &self.read_only {
            Some(reason) => Err(StoreError::ReadOnly {
                path: self.path.display().to_string(),
                reason: reason.clone(),
            }),
            None => Ok(()),
        }
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction: all of it is committed, or none.
    pub fn write<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&Write<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        self.refuse_if_read_only()?;
        let tx = begin_immediate(&self.conn).map_err(|e| e.at(&self.path))?;
        let w = Write { tx };
        let out = f(&w)?;
        w.tx.commit()
            .map_err(|e| StoreError::from(e).at(&self.path))?;
        Ok(out)
    }

    /// Every map, by name.
    pub fn list_maps(&self) -> Result<Vec<MapSummary>> {
        table::maps::list(&self.conn)
    }

    /// A whole map, in display order.
    pub fn load_map(&self, id: &str) -> Result<JourneyMap> {
        table::maps::load(&self.conn, id)
    }

    /// The name of the map with this id, if there is one.
    pub fn map_name(&self, id: &str) -> Result<Option<String>> {
        table::maps::name(&self.conn, id)
    }

    /// The map's own fields.
    pub fn load_meta(&self, id: &str) -> Result<MapMeta> {
        table::maps::meta(&self.conn, id)
    }

    /// The map's links, in their order.
    pub fn load_links(&self, id: &str) -> Result<Vec<Link>> {
        table::links::of_map(&self.conn, id, &mut 0)
    }

    /// The map's decisions and voting rounds, in their order.
    pub fn load_workshop(&self, id: &str) -> Result<(Vec<Decision>, Vec<VotingRound>)> {
        Ok((
            table::workshop::decisions_of_map(&self.conn, id, &mut 0)?,
            table::workshop::rounds_of_map(&self.conn, id, &mut 0)?,
        ))
    }

    /// SQLite's `data_version`: it changes when another connection (another process, such
    /// as the CLI) commits to the database, and not for this connection's own writes. A
    /// cache of what was read stays valid while it is unchanged.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// Feedback on one touchpoint or stage, oldest first.
    pub fn feedback_for(&self, target: &FeedbackTarget) -> Result<Vec<Feedback>> {
        let found = table::feedback::on(&self.conn, std::slice::from_ref(target))?;
        Ok(found.into_iter().map(|(_, f)| f).collect())
    }

    /// Caps the database at `pages` pages on this connection (`PRAGMA max_page_count`):
    /// a write past it fails as a full disk would. For tests of that failure.
    #[doc(hidden)]
    pub fn limit_pages(&self, pages: i64) -> Result<i64> {
        Ok(self
            .conn
            .pragma_update_and_check(None, "max_page_count", pages, |r| r.get(0))?)
    }

    /// The database's size in pages.
    pub fn page_count(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "page_count", |r| r.get(0))?)
    }

    /// A setting, if it was ever set.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        table::settings::get(&self.conn, key)
    }

    /// Sets a setting (its own small transaction).
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.refuse_if_read_only()?;
        table::settings::set(&self.conn, key, value)
    }
}

/// Registers the SQL functions Journeymap's schema calls (its triggers keep each map's
/// digest with `jm_crc`) on a connection opened by other means: benchmarks and tests
/// that write with plain SQL.
#[doc(hidden)]
pub fn register_functions(conn: &Connection) -> rusqlite::Result<()> {
    digest::register(conn)
}

/// How long a write waits in all for another program's write (a long import, say) to
/// finish before it reports the database busy.
pub const WRITE_WAIT: std::time::Duration = std::time::Duration::from_secs(60);

/// `BEGIN IMMEDIATE`, waiting for the write lock: SQLite's busy timeout waits up to five
/// seconds each time, and a busy answer is retried, with a growing pause, until
/// [`WRITE_WAIT`] has passed. Retrying here is safe: nothing of the write has run yet.
fn begin_immediate(conn: &Connection) -> Result<Transaction<'_>> {
    let start = std::time::Instant::now();
    let mut pause = std::time::Duration::from_millis(20);
    loop {
        // `new_unchecked` takes the connection shared; `Store::write` holds it `&mut`, so
        // no other transaction can be open on it.
        match Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate) {
            Ok(tx) => return Ok(tx),
            Err(e) => match StoreError::from(e) {
                StoreError::Busy if start.elapsed() < WRITE_WAIT => {
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(std::time::Duration::from_millis(500));
                }
                other => return Err(other),
            },
        }
    }
}

/// A write transaction. Everything done through one `Write` commits together; its methods
/// live with their tables (`table/*.rs`) and in `position.rs`.
#[derive(Debug)]
pub struct Write<'c> {
    tx: Transaction<'c>,
}
