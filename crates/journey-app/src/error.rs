//! The one error type of the use-cases, and its form for the UI: `{code, message}`, where
//! `code` is what the UI switches on and `message` a sentence a person can read.

use journey_core::interchange::ImportError;
use journey_store::StoreError;

/// Why a use-case failed.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// A value or argument breaks a rule (the message names the field and the rule).
    #[error("{0}")]
    Invalid(String),
    /// No such map, stage, lane, touchpoint, link or feedback.
    #[error("{0}")]
    NotFound(String),
    /// The edit clashes with what is there (an existing map id, a duplicate link…).
    #[error("{0}")]
    Conflict(String),
    /// A file that cannot be imported; every problem names its JSON path.
    #[error("{0}")]
    Import(#[from] ImportError),
    /// The database refused or failed.
    #[error("{0}")]
    Store(StoreError),
    /// Reading or writing a file.
    #[error("{0}")]
    Io(String),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound { .. } => AppError::NotFound(e.to_string()),
            other => AppError::Store(other),
        }
    }
}

impl AppError {
    /// A stable, machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Invalid(_) => "invalid",
            AppError::NotFound(_) => "not_found",
            AppError::Conflict(_) => "conflict",
            AppError::Import(_) => "import",
            AppError::Store(_) => "storage",
            AppError::Io(_) => "io",
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
