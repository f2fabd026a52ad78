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
pub(crate) const COVERED: [(&str, &str); 6] = [
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
];

/// The `jm_crc(...)` call over `table`'s covered columns, for a query of that table.
pub(crate) fn crc_of(table: &str) -> String {
    let cols = COVERED
        .iter()
        .find(|(t, _)| *t == table)
        .map(|(_, c)| *c)
        .unwrap_or_else(|| panic!("no digest columns for table {table}"));
    format!("jm_crc('{table}', {cols})")
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
    )
}

/// CRC-32 of the arguments, each written with its type and length so that no two lists
/// of values give the same bytes. Between 0 and 2³²−1, so that a sum of a million of them
/// stays far inside SQLite's 64-bit integers.
fn jm_crc(ctx: &Context<'_>) -> rusqlite::Result<i64> {
    let mut h = crc32fast::Hasher::new();
    for i in 0..ctx.len() {
        match ctx.get_raw(i) {
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
/// Returns what differs, in words.
pub(crate) fn check_all(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut sums: BTreeMap<String, i64> = BTreeMap::new();
    for (table, _) in COVERED {
        let key = if table == "maps" { "id" } else { "map_id" };
        let mut stmt = conn.prepare(&format!(
            "SELECT {key}, sum({}) FROM {table} NOT INDEXED GROUP BY {key}",
            crc_of(table)
        ))?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        for row in rows {
            let (map, sum) = row?;
            *sums.entry(map).or_default() += sum;
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
