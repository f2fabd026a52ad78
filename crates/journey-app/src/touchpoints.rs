//! Touchpoints: the cards. Each sits in one cell (a stage and a lane of the same map);
//! deleting one takes its links and feedback along.

use journey_core::fields::{Score, TextField};
use journey_core::model::*;
use journey_core::ops::IdKind;
use journey_store::Scope;

use crate::change::{Row, RowChange};
use crate::edit::{change, name, one_insert, one_update, score, text, On};
use crate::store::Tx;
use crate::{fresh_id, App, AppError, Result, TouchpointFields};

impl App {
    /// Adds a touchpoint to the cell (stage, lane) at `index` (`None`: last in the cell).
    pub fn add_touchpoint(
        &mut self,
        stage_id: &str,
        lane_id: &str,
        title: &str,
        index: Option<usize>,
    ) -> Result<Id> {
        let title = name("title", TextField::TouchpointTitle, title)?;
        self.edit(On::Stage(stage_id), |w| {
            let map_id = same_map_cell(w, stage_id, lane_id)?;
            let scope = Scope::Cell { stage_id, lane_id };
            let position = match index {
                Some(i) => w.position_for_new(scope, i)?,
                None => w.position_at_end(scope)?,
            };
            let t = Touchpoint {
                id: fresh_id(IdKind::Touchpoint),
                stage_id: stage_id.to_string(),
                lane_id: lane_id.to_string(),
                title,
                description: String::new(),
                channel: String::new(),
                owner: String::new(),
                pain: None,
                emotion: None,
                position,
            };
            let id = t.id.clone();
            Ok(one_insert(
                &map_id,
                "Add touchpoint",
                Row::Touchpoint(t),
                id,
            ))
        })
    }

    pub fn update_touchpoint(&mut self, id: &str, f: &TouchpointFields) -> Result<()> {
        let title = name("title", TextField::TouchpointTitle, &f.title)?;
        let description = text("description", TextField::Description, &f.description)?;
        let channel = text("channel", TextField::Channel, &f.channel)?;
        let owner = text("owner", TextField::Owner, &f.owner)?;
        let pain = score("pain", Score::Pain, f.pain)?;
        let emotion = score("emotion", Score::Emotion, f.emotion)?;
        self.edit(On::Touchpoint(id), |w| {
            let (map_id, before) = w.get_touchpoint(id)?;
            let after = Touchpoint {
                title,
                description,
                channel,
                owner,
                pain,
                emotion,
                ..before.clone()
            };
            Ok(one_update(
                &map_id,
                "Edit touchpoint",
                Row::Touchpoint(before),
                Row::Touchpoint(after),
            ))
        })
    }

    /// Moves a touchpoint to `index` within the cell (stage, lane), which may be its own.
    pub fn move_touchpoint(
        &mut self,
        id: &str,
        stage_id: &str,
        lane_id: &str,
        index: usize,
    ) -> Result<()> {
        self.edit(On::Touchpoint(id), |w| {
            let (map_id, before) = w.get_touchpoint(id)?;
            let cell_map = same_map_cell(w, stage_id, lane_id)?;
            if cell_map != map_id {
                return Err(AppError::Invalid(
                    "a touchpoint cannot move to another map".into(),
                ));
            }
            let position = w.position_for_move(Scope::Cell { stage_id, lane_id }, id, index)?;
            let after = Touchpoint {
                stage_id: stage_id.to_string(),
                lane_id: lane_id.to_string(),
                position,
                ..before.clone()
            };
            Ok(one_update(
                &map_id,
                "Move touchpoint",
                Row::Touchpoint(before),
                Row::Touchpoint(after),
            ))
        })
    }

    /// Deletes a touchpoint with its links and feedback.
    pub fn delete_touchpoint(&mut self, id: &str) -> Result<()> {
        self.edit(On::Touchpoint(id), |w| {
            let (map_id, t) = w.get_touchpoint(id)?;
            let rows = cascade(w, &[t], None)?;
            Ok((change(&map_id, "Delete touchpoint", rows), ()))
        })
    }
}

/// The map a (stage, lane) cell belongs to; both must be of the same map.
fn same_map_cell(w: &dyn Tx, stage_id: &str, lane_id: &str) -> Result<Id> {
    let (a, _) = w.get_stage(stage_id)?;
    let (b, _) = w.get_lane(lane_id)?;
    if a != b {
        return Err(AppError::Invalid(format!(
            "stage {stage_id} and lane {lane_id} belong to different maps"
        )));
    }
    Ok(a)
}

/// The rows that go with touchpoints (and a stage) when they are deleted: the touchpoints,
/// their links, their feedback, decisions and votes, and the stage's own feedback.
pub(crate) fn cascade(
    w: &dyn Tx,
    tps: &[Touchpoint],
    stage: Option<&str>,
) -> Result<Vec<RowChange>> {
    let ids: Vec<Id> = tps.iter().map(|t| t.id.clone()).collect();
    let mut targets: Vec<FeedbackTarget> = ids
        .iter()
        .cloned()
        .map(FeedbackTarget::Touchpoint)
        .collect();
    if let Some(s) = stage {
        targets.push(FeedbackTarget::Stage(s.to_string()));
    }
    let mut rows: Vec<RowChange> = tps
        .iter()
        .cloned()
        .map(|t| RowChange::delete(Row::Touchpoint(t)))
        .collect();
    rows.extend(
        w.links_of(&ids)?
            .into_iter()
            .map(|(seq, l)| RowChange::delete(Row::Link(Some(seq), l))),
    );
    rows.extend(
        w.feedback_on(&targets)?
            .into_iter()
            .map(|(seq, f)| RowChange::delete(Row::Feedback(Some(seq), f))),
    );
    rows.extend(
        w.decisions_on(&ids)?
            .into_iter()
            .map(|(seq, d)| RowChange::delete(Row::Decision(Some(seq), d))),
    );
    // A round keeps its other items' dots: it loses the deleted touchpoints' votes (the
    // table's cascade) and an undo gives them back.
    for (seq, round) in w.rounds_voting_on(&ids)? {
        let mut after = round.clone();
        after.votes.retain(|v| !ids.contains(&v.touchpoint_id));
        rows.push(RowChange::update(
            Row::Round(Some(seq), round),
            Row::Round(Some(seq), after),
        ));
    }
    Ok(rows)
}
