//! `maps`: one row per map (its own fields); a whole map is read and written here, with
//! every other table's rows.

use journey_core::model::{Id, JourneyMap, MapMeta, Persona};
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{in_use, not_found, one_row, Result, StoreError};
use crate::Write;

/// One line of the map library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapSummary {
    pub id: Id,
    pub name: String,
    pub persona_name: String,
    pub stage_count: u32,
    pub touchpoint_count: u32,
    pub updated_at: String,
}

/// Every map, by name.
pub(crate) fn list(conn: &Connection) -> Result<Vec<MapSummary>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.id, m.name, m.persona_name, m.updated_at,
                (SELECT count(*) FROM stages s WHERE s.map_id = m.id),
                (SELECT count(*) FROM touchpoints t WHERE t.map_id = m.id)
         FROM maps m ORDER BY m.name COLLATE NOCASE, m.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(MapSummary {
            id: r.get(0)?,
            name: r.get(1)?,
            persona_name: r.get(2)?,
            updated_at: r.get(3)?,
            stage_count: r.get(4)?,
            touchpoint_count: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn name(conn: &Connection, id: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT name FROM maps WHERE id = ?1", [id], |r| r.get(0))
        .optional()?)
}

/// The map's own columns, in [`meta_row`]'s order.
pub(crate) const COLS: &str =
    "id, name, description, persona_name, persona_description, created_at, updated_at";

/// A map's own fields from [`COLS`], starting at column `o`.
pub(crate) fn meta_row(r: &rusqlite::Row<'_>, o: usize) -> rusqlite::Result<MapMeta> {
    Ok(MapMeta {
        id: r.get(o)?,
        name: r.get(o + 1)?,
        description: r.get(o + 2)?,
        persona: Persona {
            name: r.get(o + 3)?,
            description: r.get(o + 4)?,
        },
        created_at: r.get(o + 5)?,
        updated_at: r.get(o + 6)?,
    })
}

pub(crate) fn meta(conn: &Connection, id: &str) -> Result<MapMeta> {
    conn.query_row(
        &format!("SELECT {COLS} FROM maps WHERE id = ?1"),
        [id],
        |r| meta_row(r, 0),
    )
    .optional()?
    .ok_or_else(|| not_found("map", id))
}

/// A whole map, in display order, checked against its digest: a map whose rows are not
/// exactly the ones its digest was kept for (a value changed behind SQLite's back, a row
/// an index lost) is refused as damaged, never returned short.
pub(crate) fn load(conn: &Connection, id: &str) -> Result<JourneyMap> {
    // One read transaction, so that every table is read in the same state even while
    // another program commits (inside a write transaction, this is that transaction).
    let _snapshot = if conn.is_autocommit() {
        Some(conn.unchecked_transaction()?)
    } else {
        None
    };
    let meta = meta(conn, id)?;
    let mut sum: i64 = conn.query_row(
        &format!(
            "SELECT {} FROM maps WHERE id = ?1",
            crate::digest::columns("maps")
        ),
        [id],
        |r| crate::digest::row_crc("maps", r, 0),
    )?;
    let mut map = JourneyMap {
        meta,
        stages: super::stages::of_map(conn, id, &mut sum)?,
        lanes: super::lanes::of_map(conn, id, &mut sum)?,
        touchpoints: super::touchpoints::of_map(conn, id, &mut sum)?,
        links: super::links::of_map(conn, id, &mut sum)?,
        feedback: super::feedback::of_map(conn, id, &mut sum)?,
        decisions: super::workshop::decisions_of_map(conn, id, &mut sum)?,
        rounds: super::workshop::rounds_of_map(conn, id, &mut sum)?,
    };
    if crate::digest::stored(conn, id)? != Some(sum) {
        return Err(StoreError::Corrupt(format!(
            "map {:?} does not match its digest: a value was changed or a row lost outside \
             Journeymap",
            map.meta.name
        )));
    }
    map.sort_for_display();
    Ok(map)
}

impl Write<'_> {
    pub fn load_map(&self, id: &str) -> Result<JourneyMap> {
        load(&self.tx, id)
    }

    pub fn load_meta(&self, id: &str) -> Result<MapMeta> {
        meta(&self.tx, id)
    }

    pub fn map_name(&self, id: &str) -> Result<Option<String>> {
        name(&self.tx, id)
    }

    /// Which map, if any, already uses `id` for a stage, lane, touchpoint, link or
    /// feedback item: `(map id, map name)`.
    pub fn owner_of_id(&self, id: &str) -> Result<Option<(Id, String)>> {
        Ok(self
            .tx
            .query_row(
                "SELECT m.id, m.name FROM maps m WHERE m.id IN (
                    SELECT map_id FROM stages WHERE id = ?1
                    UNION ALL SELECT map_id FROM lanes WHERE id = ?1
                    UNION ALL SELECT map_id FROM touchpoints WHERE id = ?1
                    UNION ALL SELECT map_id FROM links WHERE id = ?1
                    UNION ALL SELECT map_id FROM feedback WHERE id = ?1
                    UNION ALL SELECT map_id FROM decisions WHERE id = ?1
                    UNION ALL SELECT map_id FROM voting_rounds WHERE id = ?1)",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// Inserts a whole map. The map must be consistent (as `parse_map_file` and
    /// `load_map` give it); the schema's constraints are the last line of defence.
    pub fn insert_map(&self, map: &JourneyMap) -> Result<()> {
        let m = &map.meta;
        self.tx.execute(
            "INSERT INTO maps (id, name, description, persona_name, persona_description, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![m.id, m.name, m.description, m.persona.name, m.persona.description, m.created_at, m.updated_at],
        )
        .map_err(StoreError::from)
        .map_err(in_use("map", 0, &m.id))?;
        // One digest sum at the end instead of a trigger's update per row.
        let bulk = crate::digest::Bulk::start(&self.tx)?;
        for (i, s) in map.stages.iter().enumerate() {
            self.insert_stage(&m.id, s)
                .map_err(in_use("stages", i, &s.id))?;
        }
        for (i, l) in map.lanes.iter().enumerate() {
            self.insert_lane(&m.id, l)
                .map_err(in_use("lanes", i, &l.id))?;
        }
        for (i, t) in map.touchpoints.iter().enumerate() {
            self.insert_touchpoint(&m.id, t)
                .map_err(in_use("touchpoints", i, &t.id))?;
        }
        for (i, l) in map.links.iter().enumerate() {
            self.append_link(&m.id, l)
                .map_err(in_use("links", i, &l.id))?;
        }
        for (i, f) in map.feedback.iter().enumerate() {
            self.append_feedback(&m.id, f)
                .map_err(in_use("feedback", i, &f.id))?;
        }
        for (i, d) in map.decisions.iter().enumerate() {
            self.insert_decision(&m.id, d, None)
                .map_err(in_use("decisions", i, &d.id))?;
        }
        for (i, r) in map.rounds.iter().enumerate() {
            self.insert_round(&m.id, r, None)
                .map_err(in_use("votingRounds", i, &r.id))?;
        }
        bulk.finish(&m.id)?;
        Ok(())
    }

    /// Deletes a map and, through the cascades, everything in it.
    pub fn delete_map(&self, id: &str) -> Result<()> {
        let n = self.tx.execute("DELETE FROM maps WHERE id = ?1", [id])?;
        one_row(n, "map", id)
    }

    /// Writes the map's own fields (name, description, persona, times).
    pub fn update_meta(&self, m: &MapMeta) -> Result<()> {
        let n = self.tx.execute(
            "UPDATE maps SET name = ?2, description = ?3, persona_name = ?4,
                    persona_description = ?5, created_at = ?6, updated_at = ?7 WHERE id = ?1",
            params![
                m.id,
                m.name,
                m.description,
                m.persona.name,
                m.persona.description,
                m.created_at,
                m.updated_at
            ],
        )?;
        one_row(n, "map", &m.id)
    }

    /// Records that the map changed at `now`.
    pub fn touch_map(&self, map_id: &str, now: &str) -> Result<()> {
        let n = self
            .tx
            .prepare_cached("UPDATE maps SET updated_at = ?2 WHERE id = ?1")?
            .execute(params![map_id, now])?;
        one_row(n, "map", map_id)
    }
}
