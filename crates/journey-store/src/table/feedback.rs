//! `feedback`: evidence about exactly one touchpoint or one stage, kept in the order it
//! was added (`seq`).

use journey_core::model::{Feedback, FeedbackKind, FeedbackTarget, Id, SurveyAnswers};
use rusqlite::{named_params, Connection, Row};

use crate::error::{one_row, Result};
use crate::Write;

pub(crate) const COLS: &str =
    "id, touchpoint_id, stage_id, kind, text, source, date, segment, nps, csat, ces";

pub(crate) fn row(r: &Row<'_>, o: usize) -> rusqlite::Result<Feedback> {
    let kind: String = r.get(o + 3)?;
    let tp: Option<String> = r.get(o + 1)?;
    let st: Option<String> = r.get(o + 2)?;
    let target = match (tp, st) {
        (Some(t), _) => FeedbackTarget::Touchpoint(t),
        (None, Some(s)) => FeedbackTarget::Stage(s),
        (None, None) => return Err(super::bad_value(o + 1, "feedback target", "")),
    };
    Ok(Feedback {
        id: r.get(o)?,
        target,
        kind: FeedbackKind::parse(&kind)
            .ok_or_else(|| super::bad_value(o + 3, "feedback kind", &kind))?,
        text: r.get(o + 4)?,
        source: r.get(o + 5)?,
        date: r.get(o + 6)?,
        segment: r.get(o + 7)?,
        answers: SurveyAnswers {
            nps: r.get(o + 8)?,
            csat: r.get(o + 9)?,
            ces: r.get(o + 10)?,
        },
    })
}

/// The map's feedback, in its order.
pub(crate) fn of_map(conn: &Connection, map_id: &str, sum: &mut i64) -> Result<Vec<Feedback>> {
    super::digested(
        conn,
        "feedback",
        &format!(
            "SELECT {}, {COLS} FROM feedback WHERE map_id = ?1 ORDER BY seq",
            crate::digest::columns("feedback")
        ),
        map_id,
        row,
        sum,
    )
}

/// Feedback on any of the touchpoints or stages, with sequence numbers, in its order.
pub(crate) fn on(conn: &Connection, targets: &[FeedbackTarget]) -> Result<Vec<(i64, Feedback)>> {
    let mut out = Vec::new();
    for t in targets {
        let (column, id) = match t {
            FeedbackTarget::Touchpoint(id) => ("touchpoint_id", id),
            FeedbackTarget::Stage(id) => ("stage_id", id),
        };
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT seq, {COLS} FROM feedback WHERE {column} = ?1"
        ))?;
        let rows = stmt.query_map([id], |r| Ok((r.get(0)?, row(r, 1)?)))?;
        for found in rows {
            out.push(found?);
        }
    }
    out.sort_by_key(|(s, _)| *s);
    Ok(out)
}

impl Write<'_> {
    pub fn get_feedback(&self, id: &str) -> Result<(Id, i64, Feedback)> {
        self.get_seq(
            &format!("SELECT map_id, seq, {COLS} FROM feedback WHERE id = ?1"),
            id,
            "feedback",
            row,
        )
    }

    /// Adds a feedback at the end of the map's order.
    pub fn append_feedback(&self, map_id: &str, f: &Feedback) -> Result<()> {
        self.insert_feedback(map_id, f, None)
    }

    /// Puts a feedback back at its old place `seq` in the map's order (an undone delete).
    pub fn restore_feedback(&self, map_id: &str, f: &Feedback, seq: i64) -> Result<()> {
        self.insert_feedback(map_id, f, Some(seq))
    }

    fn insert_feedback(&self, map_id: &str, f: &Feedback, seq: Option<i64>) -> Result<()> {
        let (tp, st) = f.target.ids();
        self.tx
            .prepare_cached(
                "INSERT INTO feedback (seq, map_id, id, touchpoint_id, stage_id, kind, text, source, date,
                                       segment, nps, csat, ces)
                 VALUES (:seq, :map, :id, :tp, :st, :kind, :text, :source, :date, :segment, :nps, :csat, :ces)",
            )?
            .execute(named_params! {
                ":seq": seq, ":map": map_id, ":id": f.id, ":tp": tp, ":st": st,
                ":kind": f.kind.as_str(), ":text": f.text, ":source": f.source, ":date": f.date,
                ":segment": f.segment, ":nps": f.answers.nps, ":csat": f.answers.csat, ":ces": f.answers.ces,
            })?;
        Ok(())
    }

    pub fn update_feedback(&self, f: &Feedback) -> Result<()> {
        let (tp, st) = f.target.ids();
        let n = self
            .tx
            .prepare_cached(
                "UPDATE feedback SET touchpoint_id = :tp, stage_id = :st, kind = :kind, text = :text,
                        source = :source, date = :date, segment = :segment, nps = :nps, csat = :csat, ces = :ces
                 WHERE id = :id",
            )?
            .execute(named_params! {
                ":id": f.id, ":tp": tp, ":st": st, ":kind": f.kind.as_str(), ":text": f.text,
                ":source": f.source, ":date": f.date, ":segment": f.segment,
                ":nps": f.answers.nps, ":csat": f.answers.csat, ":ces": f.answers.ces,
            })?;
        one_row(n, "feedback", &f.id)
    }

    pub fn delete_feedback(&self, id: &str) -> Result<()> {
        let n = self
            .tx
            .execute("DELETE FROM feedback WHERE id = ?1", [id])?;
        one_row(n, "feedback", id)
    }

    /// Feedback on any of the touchpoints or stages, with sequence numbers.
    pub fn feedback_on(&self, targets: &[FeedbackTarget]) -> Result<Vec<(i64, Feedback)>> {
        on(&self.tx, targets)
    }
}
