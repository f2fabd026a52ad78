//! Row digests: SQLite keeps no checksum of the values it stores, so a flipped bit inside
//! a quote, or an index that lost a row, reads back as a different map with no error.
//! Every map carries a digest in `map_digests`: the sum of a CRC-32 of each of its rows
//! (its own row, stages, lanes, touchpoints, links and feedback), kept up to date by
//! triggers (migration 3) on every insert, update and delete, whoever writes them.
//! Loading a map sums the CRCs of exactly the rows it read and compares; opening the
//! database compares every map. A row changed, lost or added behind SQLite's back gives a
//! different sum: the map is reported damaged, never shown or exported short.
//!
//! The CRC is computed by `jm_crc(...)`, a deterministic SQL function registered on
//! every connection this crate opens (see [`register`]). Other programs do not have it,
//! so they cannot write rows that the digests would not see.

use std::collections::BTreeMap;

use rusqlite::functions::{Context, FunctionFlags};
use rusqlite::types::ValueRef;
use rusqlite::Connection;

/// The columns each table's CRC covers, in order, as `jm_crc` receives them. The
/// triggers of migration 3 pass exactly these (a test checks it).
pub(crate) const COVERED: [(&str, &str); 9] = [
    ("maps", "id, name, description, persona_name, persona_description, created_at, updated_at"),
    ("stages", "id, map_id, name, description, pain, emotion, position"),
    ("lanes", "id, map_id, name, kind, hidden, position"),
    (
        "touchpoints",
        "id, map_id, stage_id, lane_id, title, description, channel, owner, pain, emotion, position",
    ),
    ("links", "seq, id, map_id, from_id, to_id, kind, label"),
    (
        "feedback",
        "seq, id, map_id, touchpoint_id, stage_id, kind, text, source, date, segment, nps, csat, ces",
    ),
    (
        "decisions",
        "seq, id, map_id, touchpoint_id, kind, text, owner, due, created_at",
    ),
    (
        "voting_rounds",
        "seq, id, map_id, name, held_at, budget, voters, one_per_item, scope",
    ),
    ("round_votes", "round_id, map_id, touchpoint_id, position, dots"),
];

/// `table`'s covered columns, for a query that reads them first (see [`row_crc`]).
pub(crate) fn columns(table: &str) -> &'static str {
    COVERED
        .iter()
        .find(|(t, _)| *t == table)
        .map(|(_, c)| *c)
        .unwrap_or_else(|| panic!("no digest columns for table {table}"))
}

fn count(table: &str) -> usize {
    columns(table).split(", ").count()
}

/// The CRC of one row, from its covered columns read at `first..` (in [`columns`]
/// order): the same value `jm_crc('<table>', <columns>)` gives in SQL, computed here
/// without a call into a SQL function per row.
pub(crate) fn row_crc(table: &str, r: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<i64> {
    let mut h = crc32fast::Hasher::new();
    hash(&mut h, ValueRef::Text(table.as_bytes()));
    for i in first..first + count(table) {
        hash(&mut h, r.get_ref(i)?);
    }
    Ok(i64::from(h.finalize()))
}

/// Adds one value to the CRC, with its type and length, so that no two lists of values
/// give the same bytes.
fn hash(h: &mut crc32fast::Hasher, v: ValueRef<'_>) {
    match v {
        ValueRef::Null => h.update(&[0]),
        ValueRef::Integer(n) => {
            h.update(&[1]);
            h.update(&n.to_le_bytes());
        }
        ValueRef::Real(x) => {
            h.update(&[2]);
            h.update(&x.to_bits().to_le_bytes());
        }
        ValueRef::Text(b) => {
            h.update(&[3]);
            h.update(&(b.len() as u64).to_le_bytes());
            h.update(b);
        }
        ValueRef::Blob(b) => {
            h.update(&[4]);
            h.update(&(b.len() as u64).to_le_bytes());
            h.update(b);
        }
    }
}

/// Registers `jm_crc` on `conn`. Innocuous (it reads only its arguments), so triggers
/// may call it with `trusted_schema=OFF`.
pub(crate) fn register(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_scalar_function(
        "jm_crc",
        -1,
        FunctionFlags::SQLITE_UTF8
            | FunctionFlags::SQLITE_DETERMINISTIC
            | FunctionFlags::SQLITE_INNOCUOUS,
        jm_crc,
    )?;
    // Whether this connection is inserting a whole map (see [`Bulk`]): the insert
    // triggers skip their per-row update then. Only the store's own statements can set
    // it (`SQLITE_DIRECTONLY`: no trigger or view can call `jm_set_bulk`).
    let bulk = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let read = bulk.clone();
    conn.create_scalar_function(
        "jm_bulk",
        0,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_INNOCUOUS,
        move |_| Ok(i64::from(read.load(std::sync::atomic::Ordering::Relaxed))),
    )?;
    conn.create_scalar_function(
        "jm_set_bulk",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DIRECTONLY,
        move |ctx| {
            let on: i64 = ctx.get(0)?;
            bulk.store(on != 0, std::sync::atomic::Ordering::Relaxed);
            Ok(on)
        },
    )
}

/// While it lives, this connection's inserts skip the digest triggers; when it ends the
/// map's digest is summed once from its rows ([`Bulk::finish`]), or, if the insert failed,
/// the flag is cleared and the transaction's rollback takes everything back.
pub(crate) struct Bulk<'c> {
    conn: &'c Connection,
}

impl<'c> Bulk<'c> {
    pub(crate) fn start(conn: &'c Connection) -> rusqlite::Result<Bulk<'c>> {
        conn.query_row("SELECT jm_set_bulk(1)", [], |_| Ok(()))?;
        Ok(Bulk { conn })
    }

    /// Sums the map's digest from every row it has now and stores it.
    pub(crate) fn finish(self, map_id: &str) -> rusqlite::Result<()> {
        self.conn
            .query_row("SELECT jm_set_bulk(0)", [], |_| Ok(()))?;
        let mut sum = 0i64;
        for (table, cols) in COVERED {
            let key = if table == "maps" { "id" } else { "map_id" };
            let mut stmt = self
                .conn
                .prepare_cached(&format!("SELECT {cols} FROM {table} WHERE {key} = ?1"))?;
            let mut rows = stmt.query([map_id])?;
            while let Some(r) = rows.next()? {
                sum += row_crc(table, r, 0)?;
            }
        }
        self.conn.execute(
            "UPDATE map_digests SET digest = ?2 WHERE map_id = ?1",
            rusqlite::params![map_id, sum],
        )?;
        Ok(())
    }
}

impl Drop for Bulk<'_> {
    fn drop(&mut self) {
        let _ = self.conn.query_row("SELECT jm_set_bulk(0)", [], |_| Ok(()));
    }
}

/// CRC-32 of the arguments (see [`hash`]). Between 0 and 2³²−1, so that a sum of a
/// million of them stays far inside SQLite's 64-bit integers.
fn jm_crc(ctx: &Context<'_>) -> rusqlite::Result<i64> {
    let mut h = crc32fast::Hasher::new();
    for i in 0..ctx.len() {
        hash(&mut h, ctx.get_raw(i));
    }
    Ok(i64::from(h.finalize()))
}

/// The digest stored for a map, if it has one.
pub(crate) fn stored(conn: &Connection, map_id: &str) -> rusqlite::Result<Option<i64>> {
    use rusqlite::OptionalExtension;
    conn.prepare_cached("SELECT digest FROM map_digests WHERE map_id = ?1")?
        .query_row([map_id], |r| r.get(0))
        .optional()
}

/// Compares every map's stored digest with the sum over its rows, read table by table
/// (not through the indexes a load uses, so the two checks see the rows two ways).
/// The CRCs are computed in Rust from the values read ([`row_crc`]).
/// Returns what differs, in words.
pub(crate) fn check_all(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut sums: BTreeMap<String, i64> = BTreeMap::new();
    // A database of an older schema (checked before it is migrated) lacks the tables
    // later migrations add; they hold nothing yet.
    let present: std::collections::HashSet<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for &(table, cols) in COVERED.iter().filter(|(t, _)| present.contains(*t)) {
        let key = if table == "maps" { "id" } else { "map_id" };
        let mut stmt = conn.prepare(&format!("SELECT {key}, {cols} FROM {table} NOT INDEXED"))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let crc = row_crc(table, r, 1)?;
            let map = r.get_ref(0)?.as_str()?;
            match sums.get_mut(map) {
                Some(sum) => *sum += crc,
                None => {
                    sums.insert(map.to_string(), crc);
                }
            }
        }
    }
    let stored: BTreeMap<String, i64> = conn
        .prepare("SELECT map_id, digest FROM map_digests NOT INDEXED")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let names: BTreeMap<String, String> = conn
        .prepare("SELECT id, name FROM maps NOT INDEXED")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut found = Vec::new();
    for (map, sum) in &sums {
        let shown = names
            .get(map)
            .map(|n| format!("map {n:?}"))
            .unwrap_or_else(|| format!("rows of a missing map {map:?}"));
        match stored.get(map) {
            Some(d) if d == sum => {}
            Some(_) => found.push(format!("{shown} does not match its digest")),
            None => found.push(format!("{shown} has no digest")),
        }
    }
    for map in stored.keys().filter(|m| !sums.contains_key(*m)) {
        found.push(format!("a digest of a missing map {map:?}"));
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The CRC a load computes in Rust equals the one the triggers compute in SQL, for
    /// every kind of value (text, integers, reals, NULL, blobs): otherwise every map
    /// would read as damaged.
    #[test]
    fn a_row_crc_read_in_rust_equals_jm_crc_in_sql() {
        let conn = Connection::open_in_memory().expect("db");
        register(&conn).expect("function");
        conn.execute_batch(
            "CREATE TABLE lanes (id, map_id, name, kind, hidden, position);
             INSERT INTO lanes VALUES ('ln_1', 'm', 'Évaluer ✓', 'custom', 0, 2.5),
                                      ('ln_2', NULL, '', x'00ff', -1, 0.0);",
        )
        .expect("rows");
        let cols = columns("lanes");
        let mut stmt = conn
            .prepare(&format!(
                "SELECT {cols}, jm_crc('lanes', {cols}) FROM lanes"
            ))
            .expect("query");
        let mut rows = stmt.query([]).expect("rows");
        let mut n = 0;
        while let Some(r) = rows.next().expect("row") {
            let sql: i64 = r.get(count("lanes")).expect("crc");
            assert_eq!(row_crc("lanes", r, 0).expect("crc"), sql);
            n += 1;
        }
        assert_eq!(n, 2);
    }
}
