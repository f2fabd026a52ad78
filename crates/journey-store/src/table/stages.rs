//! `stages`: the columns of a map.

use journey_core::model::{Id, Stage};
use rusqlite::{params, Connection, Row};

use crate::error::{one_row, Result};
use crate::Write;

pub(crate) const COLS: &str = "id, name, description, pain, emotion, position";

pub(crate) fn row(r: &Row<'_>, o: usize) -> rusqlite::Result<Stage> {
    Ok(Stage {
        id: r.get(o)?,
        name: r.get(o + 1)?,
        description: r.get(o + 2)?,
        pain: r.get(o + 3)?,
        emotion: r.get(o + 4)?,
        position: r.get(o + 5)?,
    })
}

/// The map's stages, in no particular order (the caller sorts for display).
pub(crate) fn of_map(conn: &Connection, map_id: &str, sum: &mut i64) -> Result<Vec<Stage>> {
    super::digested(
        conn,
        "stages",
        &format!(
            "SELECT {}, {COLS} FROM stages WHERE map_id = ?1",
            crate::digest::columns("stages")
        ),
        map_id,
        row,
        sum,
    )
}

impl Write<'_> {
    pub fn get_stage(&self, id: &str) -> Result<(Id, Stage)> {
        self.get(
            &format!("SELECT map_id, {COLS} FROM stages WHERE id = ?1"),
            id,
            "stage",
            row,
        )
    }

    pub fn insert_stage(&self, map_id: &str, s: &Stage) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO stages (map_id, id, name, description, pain, emotion, position)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                map_id,
                s.id,
                s.name,
                s.description,
                s.pain,
                s.emotion,
                s.position
            ])?;
        Ok(())
    }

    pub fn update_stage(&self, s: &Stage) -> Result<()> {
        let n = self
            .tx
            .prepare_cached(
                "UPDATE stages SET name = ?2, description = ?3, pain = ?4, emotion = ?5, position = ?6
                 WHERE id = ?1",
            )?
            .execute(params![s.id, s.name, s.description, s.pain, s.emotion, s.position])?;
        one_row(n, "stage", &s.id)
    }

    /// Deletes a stage with its touchpoints, their links and feedback.
    pub fn delete_stage(&self, id: &str) -> Result<()> {
        let n = self.tx.execute("DELETE FROM stages WHERE id = ?1", [id])?;
        one_row(n, "stage", id)
    }
}
