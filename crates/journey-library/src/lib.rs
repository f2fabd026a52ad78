//! # journey-library
//!
//! The team library: journey maps shared on a PostgreSQL server, beside each person's
//! SQLite file. A map here is the same rows as in the SQLite store (`journey-store`),
//! with the same foreign keys, checks and cascades, and it reads back as exactly the
//! [`JourneyMap`](journey_core::model::JourneyMap) the SQLite store gives for those
//! rows: publish a map, load it, and `journey_core::interchange::export_json` writes the
//! same bytes.
//!
//! - [`Library::connect`] opens a connection and brings the library's schema up to date
//!   (`schema.rs`: append-only migrations in one transaction, recorded in
//!   `journeymap_schema`), or refuses a database that is not ours before writing anything.
//! - [`Library::publish`] writes a whole map in one transaction; [`Library::load_map`]
//!   reads one in one `REPEATABLE READ` snapshot; [`Library::list_maps`],
//!   [`Library::map_rev`] and [`Library::delete_map`] complete the set.
//! - [`Library::begin_edit`] edits a map row by row (`edit.rs`): one transaction that
//!   checks every row it changes against what the editor saw, so a conflict is never
//!   silent, and notifies listeners on commit. [`Listener`] (`listen.rs`) hears those
//!   notifications on a thread and connection of its own.
//!
//! ## Connection strings and passwords
//!
//! Both forms the `postgres` client reads are accepted: a URL
//! (`postgres://ana:secret@db.example:5432/journeys`) and key=value pairs
//! (`host=db.example user=ana password=secret dbname=journeys`; `host=/path` is a Unix
//! socket folder). [`mask`] shows a connection string with its password replaced by
//! `***`, and it is the only form kept: errors ([`LibraryError`]) and `Debug` name the
//! masked string, never the password. A connection attempt gives up after 10 seconds
//! unless the string sets `connect_timeout`, and the session is named `journeymap`
//! (`application_name`) unless it names itself.
//!
//! ## TLS
//!
//! Every connection, the main one and the listener's, honours the connection string's
//! `sslmode` as libpq does (`tls.rs`): `disable` (no TLS), `prefer` (the default: TLS
//! when the server offers it), `require` (TLS or no connection), `verify-ca` (and the
//! server's certificate signed by an authority trusted here: the system's root
//! certificates, plus those of the PEM file `sslrootcert=PATH`) and `verify-full` (and
//! the certificate names the host). `prefer` and `require` do not check the certificate,
//! as libpq (unless `sslrootcert` is given, which makes `require` check it as
//! `verify-ca`); a server elsewhere should be reached with `verify-full`. A Unix socket
//! never uses TLS. TLS is rustls (with its `ring` provider) through
//! `tokio-postgres-rustls`, so no OpenSSL is needed to build or run. A TLS failure is
//! [`LibraryError::Tls`], in words, naming the masked string ("the team library at
//! postgres://ana:***@db/j does not offer TLS, which sslmode=require asks for");
//! [`Library::uses_tls`] says whether a connection is encrypted.
//!
//! ## Revisions
//!
//! `maps` and every row table carry `rev` (`bigint`, 1 when first written). A map's `rev`
//! grows by one with every write to the map; a row's `rev` is the map's `rev` of the write
//! that last wrote the row. A publish writes every row at the map's new `rev`, so after a
//! replace no row can be mistaken for one a client read before it. This is what edits
//! from several people will check against: an edit whose row no longer has the `rev` it
//! read is a conflict, and the rows changed since revision r are those with `rev > r`.
//! A voting round's votes (`round_votes`) are part of their round, as in the SQLite store
//! (a round is one `Row::Round`); the round's `rev` covers them. `maps.updated_by` names
//! who wrote last and `maps.written_at` is when, by the server's clock (`now()` of the
//! writing transaction); `maps.updated_at` stays the map's own field, as in its file.
//!
//! An edit ([`Library::begin_edit`]) takes the map's row lock first, by moving its `rev`
//! on, so the writes to one map are serialized; it checks each row it changes by its
//! values (the "before" the editor saw, column by column), not by `rev`, because the
//! editor's copy of the map is the domain's `JourneyMap`, which carries no revisions.
//! Every write, a publish included, notifies `map_id:rev` on the channel
//! [`CHANNEL`] when it commits.
//!
//! ## Permissions
//!
//! The first connection to an empty database creates the tables in the first schema of
//! the role's `search_path` (normally `public`), so that role needs `CREATE` there (since
//! PostgreSQL 15 only the database owner has it on `public` by default); later
//! connections only read and write rows.
//!
//! ## Tests
//!
//! `tests/it/library.rs` runs against a throwaway cluster that the test harness starts
//! itself (`tests/src/pg.rs`): `initdb` into a temporary folder, a Unix socket only, stopped
//! with `pg_ctl stop -m fast`; as the `postgres` user when the tests run as root.
//! `tests/it/library_tls.rs` runs TLS against clusters that also listen on 127.0.0.1, with
//! certificates the test makes and a role that logs in with a password.

use std::collections::HashMap;
use std::fmt;
use std::time::Duration;

use postgres::{Client, Statement};

mod edit;
mod error;
mod listen;
mod mask;
mod position;
mod read;
mod schema;
mod tls;
mod write;

pub use edit::{Write, Written, CHANNEL};
pub use error::{LibraryError, Result};
pub use listen::Listener;
pub use mask::mask;
pub use position::Scope;
pub use read::LibraryMapSummary;
pub use schema::SCHEMA_VERSION;

/// How long a connection attempt may take when the connection string does not say.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// A connection to a team library. One connection serves one caller at a time; every
/// method is one transaction (or one statement).
pub struct Library {
    client: Client,
    /// The connection string, masked: the only form kept.
    url: String,
    /// The schema version the library had when we connected (0: we created it).
    found_version: i32,
    /// The statements edits run, prepared once per connection.
    statements: HashMap<String, Statement>,
}

impl fmt::Debug for Library {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Library")
            .field("url", &self.url)
            .field("found_version", &self.found_version)
            .field("closed", &self.client.is_closed())
            .finish_non_exhaustive()
    }
}

impl Library {
    /// Connects (with TLS as the string's `sslmode` asks: see the crate docs) and brings
    /// the library's schema up to date. [`LibraryError::Unreachable`] when no server
    /// answers; [`LibraryError::Tls`] when TLS was asked for and could not be had (no TLS
    /// offered, a certificate not trusted); [`LibraryError::Refused`] for a database that
    /// is not a library this build may use, left as it was.
    pub fn connect(url: &str) -> Result<Library> {
        let masked = mask(url);
        let mut target = tls::Target::parse(url, &masked)?;
        let config = target.config_mut();
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        if config.get_application_name().is_none() {
            config.application_name("journeymap");
        }
        let mut client = target.connect()?;
        let mut tx = client.transaction().at(&masked)?;
        // Dropped without a commit on refusal: rolled back, nothing written.
        let found_version = schema::migrate(&mut tx, &masked)?;
        tx.commit().at(&masked)?;
        Ok(Library {
            client,
            url: masked,
            found_version,
            statements: HashMap::new(),
        })
    }

    /// The connection string, with its password masked.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The schema version the library had before this connection migrated it (0 when
    /// this connection created it).
    pub fn found_version(&self) -> i32 {
        self.found_version
    }

    /// Whether this connection is encrypted (TLS), as the server sees it.
    pub fn uses_tls(&mut self) -> Result<bool> {
        let row = self
            .client
            .query_one(
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
                &[],
            )
            .at(&self.url)?;
        Ok(row.get(0))
    }

    /// Whether the connection is gone (the server stopped, the network dropped): every
    /// call would be [`LibraryError::Unreachable`]; connect again.
    pub fn is_closed(&self) -> bool {
        self.client.is_closed()
    }
}

/// The name of who writes, trimmed: 1–200 characters (`maps.updated_by`'s rule), checked
/// before anything is sent.
pub(crate) fn check_author(by: &str) -> Result<&str> {
    let by = by.trim();
    if by.is_empty() || by.chars().count() > 200 {
        return Err(LibraryError::Invalid(
            "a write to the team library needs the name of who makes it (1–200 characters)".into(),
        ));
    }
    Ok(by)
}

/// `sql` prepared on the connection of `tx`, once per connection (`cache` keeps it), so
/// that running it again is one round trip instead of two.
pub(crate) fn prepared(
    cache: &mut HashMap<String, Statement>,
    tx: &mut postgres::Transaction<'_>,
    sql: &str,
) -> std::result::Result<Statement, postgres::Error> {
    if let Some(s) = cache.get(sql) {
        return Ok(s.clone());
    }
    let s = tx.prepare(sql)?;
    cache.insert(sql.to_string(), s.clone());
    Ok(s)
}

/// Client errors as library errors naming the masked connection string.
pub(crate) trait AtUrl<T> {
    fn at(self, url: &str) -> Result<T>;
}

impl<T> AtUrl<T> for std::result::Result<T, postgres::Error> {
    fn at(self, url: &str) -> Result<T> {
        self.map_err(|e| error::from_pg(e, url))
    }
}
