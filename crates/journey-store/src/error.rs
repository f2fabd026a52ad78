//! Why a storage operation failed. Every message names the file or the thing concerned.

/// Why a storage operation failed. Messages name the file or the thing concerned.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: not a Journeymap database (it holds other data); it was left unchanged")]
    NotJourneymap { path: String },
    #[error("{path}: not a database file ({detail}); it was left unchanged")]
    NotADatabase { path: String, detail: String },
    #[error(
        "{path}: made by a newer Journeymap (schema version {found}; this build reads up to \
         {supported}); it was left unchanged"
    )]
    TooNew {
        path: String,
        found: i64,
        supported: i64,
    },
    #[error(
        "{path}: {len} bytes long, too short to be a database (a Journeymap database was \
         expected here); it was left unchanged"
    )]
    TooShort { path: String, len: u64 },
    #[error("{path}: the database is damaged ({detail}); it was left unchanged")]
    Damaged { path: String, detail: String },
    #[error(
        "{path}: not a Journeymap database as this app writes them ({detail}); it was left \
         unchanged"
    )]
    Tampered { path: String, detail: String },
    #[error("backup {path}: {detail}")]
    Backup { path: String, detail: String },
    #[error("{path}: the database can only be read ({reason}); nothing was changed")]
    ReadOnly { path: String, reason: String },
    #[error("{path}: cannot open the database ({detail})")]
    CannotOpen { path: String, detail: String },
    #[error("the database is damaged ({0})")]
    Corrupt(String),
    /// `path` is the database's file, filled in where it is known.
    #[error(
        "{}the disk is full: there is no room to write the database{}; nothing of this \
         change was written, and it can be done again once space is freed",
        if path.is_empty() { String::new() } else { format!("{path}: ") },
        if folder.is_empty() { String::new() } else { format!(" in {folder}") }
    )]
    DiskFull { path: String, folder: String },
    #[error("the database is busy: another program is writing to it")]
    Busy,
    #[error("no {what} with id {id}")]
    NotFound { what: &'static str, id: String },
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    #[error("migration failed: {0}")]
    Migration(String),
    /// Inserting a whole map failed because an id is taken. `list` is the map's list
    /// (`stages`, `touchpoints`…) and `index` the element's place in it.
    #[error("id {id} of /{list}/{index} is already in use")]
    IdInUse {
        list: &'static str,
        index: usize,
        id: String,
    },
}

/// Turns a uniqueness failure on element `index` of `list` into [`StoreError::IdInUse`].
pub(crate) fn in_use<'a>(
    list: &'static str,
    index: usize,
    id: &'a str,
) -> impl FnOnce(StoreError) -> StoreError + 'a {
    move |e| match &e {
        StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _))
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
                || f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE =>
        {
            StoreError::IdInUse {
                list,
                index,
                id: id.to_string(),
            }
        }
        _ => e,
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        // A stored value that cannot be read as what the schema says it is (text that is
        // not UTF-8, a number out of range, a name this build does not know): the row
        // is damaged, and the map it belongs to cannot be read whole.
        if matches!(
            e,
            rusqlite::Error::Utf8Error(..)
                | rusqlite::Error::FromSqlConversionFailure(..)
                | rusqlite::Error::InvalidColumnType(..)
                | rusqlite::Error::IntegralValueOutOfRange(..)
        ) {
            return StoreError::Corrupt(format!("a stored value cannot be read: {e}"));
        }
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseCorrupt) | Some(ErrorCode::NotADatabase) => {
                StoreError::Corrupt(e.to_string())
            }
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => StoreError::Busy,
            Some(ErrorCode::DiskFull) => StoreError::DiskFull {
                path: String::new(),
                folder: String::new(),
            },
            _ => StoreError::Sqlite(e),
        }
    }
}

impl StoreError {
    /// Names the database file (and its folder) in an error that could not know it.
    pub fn at(self, db: &std::path::Path) -> StoreError {
        match self {
            StoreError::DiskFull { path, .. } if path.is_empty() => StoreError::DiskFull {
                path: db.display().to_string(),
                folder: db
                    .parent()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
            },
            other => other,
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

pub(crate) fn not_found(what: &'static str, id: &str) -> StoreError {
    StoreError::NotFound {
        what,
        id: id.to_string(),
    }
}

/// Fails with `NotFound` when an update or delete matched no row.
pub(crate) fn one_row(changed: usize, what: &'static str, id: &str) -> Result<()> {
    if changed == 0 {
        Err(not_found(what, id))
    } else {
        Ok(())
    }
}
