//! # journey-app
//!
//! What Journeymap *does*, as plain functions over the domain ([`journey_core`]) and the
//! store ([`journey_store`]): create a map, move a touchpoint, add feedback, import a file,
//! undo. The desktop shell and the `journeymap` CLI are thin adapters over [`App`]; neither
//! holds business logic of its own.
//!
//! [`App`] is a façade: this file holds the struct and opening; each entity's use-cases
//! are an `impl App` block of their own, with that entity's rules:
//!
//! - `maps.rs`: the library (create, rename, duplicate, delete, import, export, report);
//! - `stages.rs`, `lanes.rs`, `touchpoints.rs`, `links.rs`, `feedback.rs`: editing a map;
//! - `history.rs`: undo and redo, per map and for the library ([`HistoryKey`]);
//! - `edit.rs`: how every edit runs (one transaction, the open map kept in step, the
//!   history) and the input checks all of them share;
//! - `store.rs`: [`store::Tx`], the one interface the use-cases read and write through,
//!   whichever store holds the map (the SQLite file, or the team library);
//! - `library.rs`: the team library (connect, publish, pull, open and edit library maps,
//!   hear others' edits, the offline copy).
//!
//! Every edit is built as a [`change::Change`] (rows before and after) inside one write
//! transaction and applied there; the change is then kept for undo and redo.
//!
//! The desktop app's side is [`desktop`]: the declared command surface ([`api`]), the DTOs
//! the UI sees ([`dto`]), and the patches edits answer with ([`patch`]).
//!
//! A new use-case goes into the file of the entity it changes, as a method that calls
//! [`App::edit`] (or reads through the store); a new desktop command is one line in
//! [`with_commands!`] plus its function in [`api`].

use std::path::{Path, PathBuf};

use journey_core::model::Id;
use journey_core::ops::IdKind;
use journey_store::Store;

mod backups;
pub mod change;
pub mod desktop;
mod edit;
pub mod error;
pub mod exports;
mod feedback;
pub mod fields_in;
pub mod files;
mod history;
pub mod insight;
mod lanes;
mod library;
mod links;
mod maps;
pub mod paths;
mod stages;
pub mod store;
mod touchpoints;
mod workshop;

pub use backups::{DEFAULT_EVERY_MINUTES, EVERY_MINUTES_KEY};
pub use desktop::{api, dto, patch};
pub use dto::{LibraryStatus, MapLocation};
pub use error::{AppError, ErrorCode, Result};
pub use fields_in::*;
pub use history::HistoryKey;
pub use journey_library::LibraryMapSummary;
pub use library::{LIBRARY_URL_KEY, LIBRARY_USER_KEY, OFFLINE_EVERY, OFFLINE_FILE};
pub use maps::ImportMode;

/// The current time as the store keeps it: RFC 3339, UTC, whole seconds.
pub fn now() -> String {
    let t = jiff::Timestamp::now();
    jiff::Timestamp::from_second(t.as_second())
        .unwrap_or(t)
        .to_string()
}

/// A fresh id such as `tp_3f9c0a1b2d4e5f60`.
pub fn fresh_id(kind: IdKind) -> Id {
    let hex = uuid::Uuid::new_v4().simple().to_string();
    format!("{}_{}", kind.prefix(), &hex[..16])
}

/// The use-cases, over one open database.
#[derive(Debug)]
pub struct App {
    store: Store,
    history: history::History,
    /// The map the desktop app has open, kept in memory to answer edits with patches.
    open: Option<desktop::view_cache::ViewCache>,
    /// When the automatic backups were last taken.
    backups: backups::Schedule,
    /// The team library, once connected.
    library: Option<library::LibraryLink>,
}

/// A library map left open is kept as its offline copy when the app closes.
impl Drop for App {
    fn drop(&mut self) {
        self.keep_offline(true);
    }
}

impl App {
    /// Opens (or creates) the database at `path`, creating its folder if needed.
    pub fn open(path: &Path) -> Result<App> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                AppError::Io(format!("{}: cannot create the folder ({e})", dir.display()))
            })?;
        }
        Ok(App {
            store: Store::open(path)?,
            history: history::History::default(),
            open: None,
            backups: backups::Schedule::default(),
            library: None,
        })
    }

    /// Why the database can only be read, if it can: reads, exports and reports work,
    /// every edit is refused with this reason.
    pub fn read_only(&self) -> Option<&str> {
        self.store.read_only()
    }

    /// Where a `-wal` file that did not belong to the database was moved when it was
    /// opened, if one was.
    pub fn wal_set_aside(&self) -> Option<&Path> {
        self.store.wal_set_aside()
    }

    pub fn db_path(&self) -> PathBuf {
        self.store.path().to_path_buf()
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self.store.setting(key)?)
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        if key == backups::EVERY_MINUTES_KEY {
            self.backups.recheck();
        }
        Ok(self.store.set_setting(key, value)?)
    }
}
