//! `touchpoints`: the cards, each in one stage and one lane of its map.

use journey_core::model::{Id, Touchpoint};
use rusqlite::{params, Connection, Row};

use crate::error::{one_row, Result};
use crate::Write;

pub(crate) const COLS: &str =
    "id, stage_id, lane_id, title, description, channel, owner, pain, emotion, position";

pub(crate) fn row(r: &Row<'_>, o: usize) -> rusqlite::Result<Touchpoint> {
    Ok(Touchpoint {
        id: r.get(o)?,
        stage_id: r.get(o + 1)?,
        lane_id: r.get(o + 2)?,
        title: r.get(o + 3)?,
        description: r.get(o + 4)?,
        channel: r.get(o + 5)?,
        owner: r.get(o + 6)?,
        pain: r.get(o + 7)?,
        emotion: r.get(o + 8)?,
        position: r.get(o + 9)?,
    })
}

/// The map's touchpoints, in no particular order (the caller sorts for display).
pub(crate) fn of_map(conn: &Connection, map_id: &str, sum: &mut i64) -> Result<Vec<Touchpoint>> {
    super::digested(
        conn,
        "touchpoints",
        &format!(
            "SELECT {}, {COLS} FROM touchpoints WHERE map_id = ?1",
            crate::digest::columns("touchpoints")
        ),
        map_id,
        row,
        sum,
    )
}

impl Write<'_> {
    pub fn get_touchpoint(&self, id: &str) -> Result<(Id, Touchpoint)> {
        self.get(
            &format!("SELECT map_id, {COLS} FROM touchpoints WHERE id = ?1"),
            id,
            "touchpoint",
            row,
        )
    }

    pub fn insert_touchpoint(&self, map_id: &str, t: &Touchpoint) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO touchpoints (map_id, id, stage_id, lane_id, title, description, channel,
                                          owner, pain, emotion, position)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?
            .execute(params![
                map_id, t.id, t.stage_id, t.lane_id, t.title, t.description, t.channel, t.owner,
                t.pain, t.emotion, t.position
            ])?;
        Ok(())
    }

    pub fn update_touchpoint(&self, t: &Touchpoint) -> Result<()> {
        let n = self
            .tx
            .prepare_cached(
                "UPDATE touchpoints SET stage_id = ?2, lane_id = ?3, title = ?4, description = ?5,
                        channel = ?6, owner = ?7, pain = ?8, emotion = ?9, position = ?10
                 WHERE id = ?1",
            )?
            .execute(params![
                t.id,
                t.stage_id,
                t.lane_id,
                t.title,
                t.description,
                t.channel,
                t.owner,
                t.pain,
                t.emotion,
                t.position
            ])?;
        one_row(n, "touchpoint", &t.id)
    }

    /// Deletes a touchpoint with its links and feedback.
    pub fn delete_touchpoint(&self, id: &str) -> Result<()> {
        let n = self
            .tx
            .execute("DELETE FROM touchpoints WHERE id = ?1", [id])?;
        one_row(n, "touchpoint", id)
    }

    /// The touchpoints of a stage (what deleting it takes along).
    pub fn touchpoints_in_stage(&self, stage_id: &str) -> Result<Vec<Touchpoint>> {
        self.touchpoints_where("stage_id", stage_id)
    }

    /// The touchpoints of a lane (what deleting it takes along).
    pub fn touchpoints_in_lane(&self, lane_id: &str) -> Result<Vec<Touchpoint>> {
        self.touchpoints_where("lane_id", lane_id)
    }

    fn touchpoints_where(&self, column: &str, id: &str) -> Result<Vec<Touchpoint>> {
        super::collect(
            &self.tx,
            &format!("SELECT {COLS} FROM touchpoints WHERE {column} = ?1 ORDER BY position, id"),
            id,
            row,
        )
    }
}
