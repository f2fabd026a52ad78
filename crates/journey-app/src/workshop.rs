//! What a workshop writes into a map: decisions and opportunities on touchpoints, and
//! dot-voting rounds. Each is an ordinary edit: one transaction, undoable, exported.

use journey_core::fields::{self, TextField};
use journey_core::model::*;
use journey_core::ops::IdKind;

use crate::change::Row;
use crate::edit::{invalid, name, one_delete, one_insert, one_update, optional, text, On};
use crate::{fresh_id, now, App, AppError, DecisionFields, Result, RoundFields};

impl App {
    /// Writes a decision or opportunity onto a touchpoint.
    pub fn add_decision(&mut self, touchpoint_id: &str, f: &DecisionFields) -> Result<Id> {
        let (text, owner, due) = checked_decision(f)?;
        self.edit(On::Touchpoint(touchpoint_id), |w| {
            let (map_id, _) = w.get_touchpoint(touchpoint_id)?;
            let d = Decision {
                id: fresh_id(IdKind::Decision),
                touchpoint_id: touchpoint_id.to_string(),
                kind: f.kind,
                text,
                owner,
                due,
                created_at: now(),
            };
            let id = d.id.clone();
            let label = match f.kind {
                DecisionKind::Decision => "Add decision",
                DecisionKind::Opportunity => "Add opportunity",
            };
            Ok(one_insert(&map_id, label, Row::Decision(None, d), id))
        })
    }

    pub fn update_decision(&mut self, id: &str, f: &DecisionFields) -> Result<()> {
        let (text, owner, due) = checked_decision(f)?;
        self.edit(On::Decision(id), |w| {
            let (map_id, seq, before) = w.get_decision(id)?;
            let after = Decision {
                kind: f.kind,
                text,
                owner,
                due,
                ..before.clone()
            };
            Ok(one_update(
                &map_id,
                "Edit decision",
                Row::Decision(Some(seq), before),
                Row::Decision(Some(seq), after),
            ))
        })
    }

    pub fn delete_decision(&mut self, id: &str) -> Result<()> {
        self.edit(On::Decision(id), |w| {
            let (map_id, seq, d) = w.get_decision(id)?;
            Ok(one_delete(
                &map_id,
                "Delete decision",
                Row::Decision(Some(seq), d),
            ))
        })
    }

    /// Saves a finished voting round of map `map_id`: its counts are checked against its
    /// rules (no more dots than voters × budget; with one dot per item, no item with more
    /// dots than voters) and every item must be a touchpoint of the map.
    pub fn save_round(&mut self, map_id: &str, f: &RoundFields) -> Result<Id> {
        let round = VotingRound {
            id: fresh_id(IdKind::Round),
            name: name("name", TextField::RoundName, &f.name)?,
            held_at: now(),
            budget: f.budget,
            voters: f.voters,
            one_per_item: f.one_per_item,
            scope: text("scope", TextField::RoundScope, f.scope.trim())?,
            votes: f
                .votes
                .iter()
                .map(|v| Vote {
                    touchpoint_id: v.touchpoint_id.clone(),
                    dots: v.dots,
                })
                .collect(),
        };
        round.check().map_err(|e| invalid("round", e))?;
        self.edit(On::Map(map_id), |w| {
            w.load_meta(map_id)?;
            for v in &round.votes {
                let (of, _) = w.get_touchpoint(&v.touchpoint_id)?;
                if of != map_id {
                    return Err(AppError::Invalid(format!(
                        "round: touchpoint {} is not on this map",
                        v.touchpoint_id
                    )));
                }
            }
            let id = round.id.clone();
            Ok(one_insert(
                map_id,
                "Save voting round",
                Row::Round(None, round),
                id,
            ))
        })
    }

    /// Every voting round of the map as CSV (see `journey_core::workshop::rounds_csv`).
    pub fn rounds_csv(&self, map_id: &str) -> Result<String> {
        Ok(journey_core::workshop::rounds_csv(&self.load_map(map_id)?))
    }

    /// Deletes a voting round (undoable).
    pub fn delete_round(&mut self, id: &str) -> Result<()> {
        self.edit(On::Round(id), |w| {
            let (map_id, seq, r) = w.get_round(id)?;
            Ok(one_delete(
                &map_id,
                "Delete voting round",
                Row::Round(Some(seq), r),
            ))
        })
    }
}

/// A decision's text, owner and due date, checked.
fn checked_decision(f: &DecisionFields) -> Result<(String, String, Option<String>)> {
    let text = name("text", TextField::DecisionText, &f.text)?;
    let owner = name("owner", TextField::Owner, &f.owner)?;
    let due = optional(f.due.as_deref(), |d| {
        fields::check_date(d).map_err(|e| invalid("due date", e))?;
        Ok(d.to_string())
    })?;
    Ok((text, owner, due))
}
