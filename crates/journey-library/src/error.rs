//! `LibraryError`: what can go wrong with the team library, in words a user can act on.
//! No message ever holds a password: connection strings appear masked ([`crate::mask`]).

use postgres::error::SqlState;

/// Why a library call failed.
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    /// The server cannot be reached: it is down, the address is wrong, or the connection
    /// was lost. `url` is masked. Local maps keep working; the call may be tried again.
    #[error("the team library at {url} cannot be reached: {reason}")]
    Unreachable { url: String, reason: String },
    /// Someone else's data is in the way: a map already in the library, an id already
    /// used by another map. Nothing was written.
    #[error("conflict in the team library: {what}")]
    Conflict { what: String },
    /// The map (or row) is not in the library.
    #[error("not in the team library: {what}")]
    NotFound { what: String },
    /// What was sent breaks a rule of the schema (a score out of range, a reference to
    /// nothing, an empty user name). Nothing was written.
    #[error("{0}")]
    Invalid(String),
    /// The database is not one this build may use: its library schema is newer than this
    /// build, or it holds tables that are not a Journeymap library, or its encoding is not
    /// UTF-8. Nothing was written to it.
    #[error("{0}")]
    Refused(String),
    /// TLS was asked for (`sslmode`) and could not be had: the server offers none, its
    /// certificate is not trusted or not for its host, the handshake failed. The message
    /// names the masked connection string. Nothing was sent but the handshake.
    #[error("{0}")]
    Tls(String),
    /// Any other error the server answered with.
    #[error("the team library answered with an error: {0}")]
    Db(String),
}

pub type Result<T, E = LibraryError> = std::result::Result<T, E>;

/// What a client error means for us. `url` is the masked connection string.
pub(crate) fn from_pg(e: postgres::Error, url: &str) -> LibraryError {
    if let Some(db) = e.as_db_error() {
        let code = db.code();
        let text = db.to_string();
        if code.code().starts_with("08")
            || [
                SqlState::ADMIN_SHUTDOWN,
                SqlState::CRASH_SHUTDOWN,
                SqlState::CANNOT_CONNECT_NOW,
                SqlState::TOO_MANY_CONNECTIONS,
            ]
            .contains(code)
        {
            return LibraryError::Unreachable {
                url: url.to_string(),
                reason: text,
            };
        }
        if *code == SqlState::UNIQUE_VIOLATION {
            let what = match (db.table(), db.detail()) {
                (Some(table), Some(detail)) => format!("{table}: {detail}"),
                _ => text,
            };
            return LibraryError::Conflict { what };
        }
        // Class 23 (integrity constraints) and 22 (data exceptions: a value out of a
        // column's range, a byte the encoding refuses).
        if code.code().starts_with("23") || code.code().starts_with("22") {
            return LibraryError::Invalid(format!("the team library refused the map: {text}"));
        }
        return LibraryError::Db(text);
    }
    let mut reason = e.to_string();
    let mut source = std::error::Error::source(&e);
    let mut io = false;
    while let Some(s) = source {
        io |= s.downcast_ref::<std::io::Error>().is_some();
        reason.push_str(": ");
        reason.push_str(&s.to_string());
        source = s.source();
    }
    let lost = e.is_closed()
        || io
        || matches!(
            e.to_string().as_str(),
            "error connecting to server"
                | "error communicating with the server"
                | "timeout waiting for server"
                | "error performing TLS handshake"
        );
    if lost {
        LibraryError::Unreachable {
            url: url.to_string(),
            reason,
        }
    } else {
        LibraryError::Db(reason)
    }
}
