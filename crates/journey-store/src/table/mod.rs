//! One module per table: its columns, its row mapping, its reads (which work on the
//! connection and inside a write transaction alike) and its writes (methods of
//! [`Write`], so they run only inside a transaction).

use rusqlite::{Connection, OptionalExtension, Row};

use crate::error::{not_found, Result};
use crate::Write;
use journey_core::model::Id;

pub(crate) mod feedback;
pub(crate) mod lanes;
pub(crate) mod links;
pub(crate) mod maps;
pub(crate) mod settings;
pub(crate) mod stages;
pub(crate) mod touchpoints;
pub(crate) mod workshop;

/// A stored value this build does not know (a kind name, say): the row cannot be read.
fn bad_value(col: usize, what: &str, value: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        col,
        rusqlite::types::Type::Text,
        format!("unknown {what} {value:?}").into(),
    )
}

/// Every row of a query with one text parameter, mapped by `f` from column 0.
fn collect<T>(
    conn: &Connection,
    sql: &str,
    id: &str,
    f: fn(&Row<'_>, usize) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([id], |r| f(r, 0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Like [`collect`], for a query of `table` that selects its digest's columns first
/// (`digest::columns`) and then the row: adds each row's CRC to `sum` (see `digest.rs`).
fn digested<T>(
    conn: &Connection,
    table: &str,
    sql: &str,
    id: &str,
    f: fn(&Row<'_>, usize) -> rusqlite::Result<T>,
    sum: &mut i64,
) -> Result<Vec<T>> {
    let first_of_row = crate::digest::columns(table).split(", ").count();
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query([id])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        *sum += crate::digest::row_crc(table, r, 0)?;
        out.push(f(r, first_of_row)?);
    }
    Ok(out)
}

impl Write<'_> {
    /// One row by id, as (map id, the thing); the query selects `map_id` first.
    fn get<T>(
        &self,
        sql: &str,
        id: &str,
        what: &'static str,
        f: fn(&Row<'_>, usize) -> rusqlite::Result<T>,
    ) -> Result<(Id, T)> {
        self.tx
            .query_row(sql, [id], |r| {
                let map_id: String = r.get(0)?;
                Ok((map_id, f(r, 1)?))
            })
            .optional()?
            .ok_or_else(|| not_found(what, id))
    }

    /// One row by id, as (map id, sequence number, the thing); the query selects `map_id`
    /// and `seq` first.
    fn get_seq<T>(
        &self,
        sql: &str,
        id: &str,
        what: &'static str,
        f: fn(&Row<'_>, usize) -> rusqlite::Result<T>,
    ) -> Result<(Id, i64, T)> {
        self.tx
            .query_row(sql, [id], |r| {
                let map_id: String = r.get(0)?;
                let seq: i64 = r.get(1)?;
                Ok((map_id, seq, f(r, 2)?))
            })
            .optional()?
            .ok_or_else(|| not_found(what, id))
    }
}
