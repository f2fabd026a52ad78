//! `lanes`: the rows of a map, each of a Complete Product Experience kind or custom.

use journey_core::model::{Id, Lane, LaneKind};
use rusqlite::{params, Connection, Row};

use crate::error::{one_row, Result};
use crate::Write;

pub(crate) const COLS: &str = "id, name, kind, hidden, position";

pub(crate) fn row(r: &Row<'_>, o: usize) -> rusqlite::Result<Lane> {
    let kind: String = r.get(o + 2)?;
    Ok(Lane {
        id: r.get(o)?,
        name: r.get(o + 1)?,
        kind: LaneKind::parse(&kind).ok_or_else(|| super::bad_value(o + 2, "lane kind", &kind))?,
        hidden: r.get(o + 3)?,
        position: r.get(o + 4)?,
    })
}

/// The map's lanes, in no particular order (the caller sorts for display).
pub(crate) fn of_map(conn: &Connection, map_id: &str, sum: &mut i64) -> Result<Vec<Lane>> {
    super::digested(
        conn,
        "lanes",
        &format!(
            "SELECT {}, {COLS} FROM lanes WHERE map_id = ?1",
            crate::digest::columns("lanes")
        ),
        map_id,
        row,
        sum,
    )
}

impl Write<'_> {
    pub fn get_lane(&self, id: &str) -> Result<(Id, Lane)> {
        self.get(
            &format!("SELECT map_id, {COLS} FROM lanes WHERE id = ?1"),
            id,
            "lane",
            row,
        )
    }

    pub fn insert_lane(&self, map_id: &str, l: &Lane) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO lanes (map_id, id, name, kind, hidden, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![map_id, l.id, l.name, l.kind.as_str(), l.hidden, l.position])?;
        Ok(())
    }

    pub fn update_lane(&self, l: &Lane) -> Result<()> {
        let n = self
            .tx
            .prepare_cached(
                "UPDATE lanes SET name = ?2, kind = ?3, hidden = ?4, position = ?5 WHERE id = ?1",
            )?
            .execute(params![l.id, l.name, l.kind.as_str(), l.hidden, l.position])?;
        one_row(n, "lane", &l.id)
    }

    pub fn delete_lane(&self, id: &str) -> Result<()> {
        let n = self.tx.execute("DELETE FROM lanes WHERE id = ?1", [id])?;
        one_row(n, "lane", id)
    }
}
