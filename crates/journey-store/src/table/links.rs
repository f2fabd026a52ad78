//! `links`: directed links between two touchpoints of one map, kept in the order they were
//! made (`seq`).

use journey_core::model::{Id, Link, LinkKind};
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::error::{one_row, Result};
use crate::Write;

pub(crate) const COLS: &str = "id, from_id, to_id, kind, label";

pub(crate) fn row(r: &Row<'_>, o: usize) -> rusqlite::Result<Link> {
    let kind: String = r.get(o + 3)?;
    Ok(Link {
        id: r.get(o)?,
        from: r.get(o + 1)?,
        to: r.get(o + 2)?,
        kind: LinkKind::parse(&kind).ok_or_else(|| super::bad_value(o + 3, "link kind", &kind))?,
        label: r.get(o + 4)?,
    })
}

/// The map's links, in their order.
pub(crate) fn of_map(conn: &Connection, map_id: &str, sum: &mut i64) -> Result<Vec<Link>> {
    super::digested(
        conn,
        "links",
        &format!(
            "SELECT {}, {COLS} FROM links WHERE map_id = ?1 ORDER BY seq",
            crate::digest::columns("links")
        ),
        map_id,
        row,
        sum,
    )
}

impl Write<'_> {
    /// A link and its sequence number (which keeps its place in the map's order).
    pub fn get_link(&self, id: &str) -> Result<(Id, i64, Link)> {
        self.get_seq(
            &format!("SELECT map_id, seq, {COLS} FROM links WHERE id = ?1"),
            id,
            "link",
            row,
        )
    }

    /// Adds a link at the end of the map's order.
    pub fn append_link(&self, map_id: &str, l: &Link) -> Result<()> {
        self.insert_link(map_id, l, None)
    }

    /// Puts a link back at its old place `seq` in the map's order (an undone delete).
    pub fn restore_link(&self, map_id: &str, l: &Link, seq: i64) -> Result<()> {
        self.insert_link(map_id, l, Some(seq))
    }

    fn insert_link(&self, map_id: &str, l: &Link, seq: Option<i64>) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO links (seq, map_id, id, from_id, to_id, kind, label) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![seq, map_id, l.id, l.from, l.to, l.kind.as_str(), l.label])?;
        Ok(())
    }

    pub fn update_link(&self, l: &Link) -> Result<()> {
        let n = self
            .tx
            .prepare_cached(
                "UPDATE links SET from_id = ?2, to_id = ?3, kind = ?4, label = ?5 WHERE id = ?1",
            )?
            .execute(params![l.id, l.from, l.to, l.kind.as_str(), l.label])?;
        one_row(n, "link", &l.id)
    }

    pub fn delete_link(&self, id: &str) -> Result<()> {
        let n = self.tx.execute("DELETE FROM links WHERE id = ?1", [id])?;
        one_row(n, "link", id)
    }

    /// Whether a link of `kind` from `from` to `to` exists already.
    pub fn link_exists(&self, from: &str, to: &str, kind: LinkKind) -> Result<bool> {
        Ok(self
            .tx
            .query_row(
                "SELECT 1 FROM links WHERE from_id = ?1 AND to_id = ?2 AND kind = ?3",
                params![from, to, kind.as_str()],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// Links touching any of the touchpoints, with their sequence numbers, in their order.
    pub fn links_of(&self, touchpoints: &[Id]) -> Result<Vec<(i64, Link)>> {
        let mut out = Vec::new();
        let mut stmt = self.tx.prepare_cached(&format!(
            "SELECT seq, {COLS} FROM links WHERE from_id = ?1 OR to_id = ?1"
        ))?;
        for t in touchpoints {
            let rows = stmt.query_map([t], |r| Ok((r.get::<_, i64>(0)?, row(r, 1)?)))?;
            for found in rows {
                let found = found?;
                if !out.iter().any(|(s, _)| *s == found.0) {
                    out.push(found);
                }
            }
        }
        out.sort_by_key(|(s, _)| *s);
        Ok(out)
    }
}
