//! Feedback: quotes, observations, tickets, reviews and survey answers about exactly one
//! touchpoint or one stage. Every answer is checked against its scale (NPS 0–10, CSAT
//! 1–5, CES 1–7).

use journey_core::fields::{self, Score, TextField};
use journey_core::model::*;
use journey_core::ops::IdKind;

use crate::change::Row;
use crate::edit::{invalid, one_delete, one_insert, one_update, optional, score, text, On};
use crate::{fresh_id, App, FeedbackFields, Result};

impl App {
    /// Feedback on one touchpoint or stage, oldest first.
    /// Feedback on one touchpoint or stage, oldest first. On the map the app has open
    /// from the team library, from its open copy.
    pub fn feedback_for(&self, target: &FeedbackTarget) -> Result<Vec<Feedback>> {
        if self.on_library(On::Target(target)) {
            if let Some(m) = self.library_copy_any() {
                return Ok(m
                    .feedback
                    .iter()
                    .filter(|f| &f.target == target)
                    .cloned()
                    .collect());
            }
        }
        Ok(self.store.feedback_for(target)?)
    }

    pub fn add_feedback(&mut self, target: &FeedbackTarget, f: &FeedbackFields) -> Result<Id> {
        let fb = checked(fresh_id(IdKind::Feedback), target.clone(), f)?;
        self.edit(On::Target(target), |w| {
            let map_id = match target {
                FeedbackTarget::Touchpoint(id) => w.get_touchpoint(id)?.0,
                FeedbackTarget::Stage(id) => w.get_stage(id)?.0,
            };
            let id = fb.id.clone();
            Ok(one_insert(
                &map_id,
                "Add feedback",
                Row::Feedback(None, fb),
                id,
            ))
        })
    }

    pub fn update_feedback(&mut self, id: &str, f: &FeedbackFields) -> Result<()> {
        self.edit(On::Feedback(id), |w| {
            let (map_id, seq, before) = w.get_feedback(id)?;
            let after = checked(id.to_string(), before.target.clone(), f)?;
            Ok(one_update(
                &map_id,
                "Edit feedback",
                Row::Feedback(Some(seq), before),
                Row::Feedback(Some(seq), after),
            ))
        })
    }

    pub fn delete_feedback(&mut self, id: &str) -> Result<()> {
        self.edit(On::Feedback(id), |w| {
            let (map_id, seq, fb) = w.get_feedback(id)?;
            Ok(one_delete(
                &map_id,
                "Delete feedback",
                Row::Feedback(Some(seq), fb),
            ))
        })
    }
}

/// The feedback as the form sent it, every field checked.
fn checked(id: Id, target: FeedbackTarget, f: &FeedbackFields) -> Result<Feedback> {
    let date = optional(f.date.as_deref(), |d| {
        fields::check_date(d).map_err(|e| invalid("date", e))?;
        Ok(d.to_string())
    })?;
    Ok(Feedback {
        id,
        target,
        kind: f.kind,
        text: text("text", TextField::FeedbackText, &f.text)?,
        source: text("source", TextField::Source, &f.source)?,
        date,
        segment: text("segment", TextField::Segment, &f.segment)?,
        answers: SurveyAnswers {
            nps: score("NPS answer", Score::Nps, f.nps)?,
            csat: score("CSAT answer", Score::Csat, f.csat)?,
            ces: score("CES answer", Score::Ces, f.ces)?,
        },
    })
}
