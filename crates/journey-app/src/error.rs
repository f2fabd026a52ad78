//! The one error type of the use-cases, and the code the UI switches on.
//!
//! [`ErrorCode`] is shared with TypeScript (generated into the bindings), so the UI can
//! switch on it exhaustively; the message is a sentence a person can read.

use journey_core::interchange::ImportError;
use journey_library::LibraryError;
use journey_store::StoreError;
use serde::Serialize;
use ts_rs::TS;

/// Why a use-case failed.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// A value or argument breaks a rule (the message names the field and the rule).
    #[error("{0}")]
    Invalid(String),
    /// No such map, stage, lane, touchpoint, link or feedback.
    #[error("{0}")]
    NotFound(String),
    /// The edit clashes with what is there (a duplicate link…), or, in the team library,
    /// with what someone else saved since (the message names what changed; nothing of the
    /// edit was written).
    #[error("{0}")]
    Conflict(String),
    /// An imported map's id is already in the database: which map holds it.
    #[error("a map with id {id} already exists: {name:?}")]
    MapExists { id: String, name: String },
    /// A file that cannot be imported; every problem names its JSON path.
    #[error("{0}")]
    Import(#[from] ImportError),
    /// The database refused or failed.
    #[error("{0}")]
    Store(StoreError),
    /// Reading or writing a file.
    #[error("{0}")]
    Io(String),
    /// The team library's server cannot be reached (or a library map is open from the
    /// copy kept on this computer while it cannot): local maps keep working, and the call
    /// can be made again. No password is ever in the message.
    #[error("{0}")]
    Unreachable(String),
    /// The team library refused or failed otherwise (a database that is not a library,
    /// one newer than this build, a server error).
    #[error("{0}")]
    Library(String),
}

/// What kind of failure an error is: stable, machine-readable, the same in Rust and
/// TypeScript.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Invalid,
    NotFound,
    Conflict,
    Import,
    Storage,
    Io,
    /// The team library cannot be reached; local maps keep working.
    Unreachable,
    /// Something went wrong outside the use-cases (the shell, the IPC bridge).
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Invalid => "invalid",
            ErrorCode::NotFound => "not_found",
            ErrorCode::Conflict => "conflict",
            ErrorCode::Import => "import",
            ErrorCode::Storage => "storage",
            ErrorCode::Io => "io",
            ErrorCode::Unreachable => "unreachable",
            ErrorCode::Internal => "internal",
        }
    }
}

impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound { .. } => AppError::NotFound(e.to_string()),
            other => AppError::Store(other),
        }
    }
}

impl From<LibraryError> for AppError {
    fn from(e: LibraryError) -> Self {
        match e {
            LibraryError::Unreachable { .. } => AppError::Unreachable(e.to_string()),
            LibraryError::Conflict { what } => AppError::Conflict(what),
            LibraryError::NotFound { .. } => AppError::NotFound(e.to_string()),
            LibraryError::Invalid(why) => AppError::Invalid(why),
            LibraryError::Refused(_) | LibraryError::Tls(_) | LibraryError::Db(_) => {
                AppError::Library(e.to_string())
            }
        }
    }
}

impl AppError {
    /// Names the database file in a storage error that could not know it (a full disk).
    pub(crate) fn at(self, db: &std::path::Path) -> AppError {
        match self {
            AppError::Store(e) => AppError::Store(e.at(db)),
            other => other,
        }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            AppError::Invalid(_) => ErrorCode::Invalid,
            AppError::NotFound(_) => ErrorCode::NotFound,
            AppError::Conflict(_) | AppError::MapExists { .. } => ErrorCode::Conflict,
            AppError::Import(_) => ErrorCode::Import,
            AppError::Store(_) | AppError::Library(_) => ErrorCode::Storage,
            AppError::Io(_) => ErrorCode::Io,
            AppError::Unreachable(_) => ErrorCode::Unreachable,
        }
    }

    /// Each problem on its own line (several for an import, one otherwise).
    pub fn lines(&self) -> Vec<String> {
        match self {
            AppError::Import(e) => e.problems.iter().map(|p| p.to_string()).collect(),
            other => vec![other.to_string()],
        }
    }
}

pub type Result<T, E = AppError> = std::result::Result<T, E>;
