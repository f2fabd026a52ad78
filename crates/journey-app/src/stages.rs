//! Stages: the map's columns, in journey order. Deleting a stage takes its touchpoints,
//! their links and all their feedback along (and undo brings all of it back).

use journey_core::fields::{Score, TextField};
use journey_core::model::*;
use journey_core::ops::IdKind;
use journey_store::Scope;

use crate::change::{Row, RowChange};
use crate::edit::{change, name, one_insert, one_update, score, text, On};
use crate::touchpoints::cascade;
use crate::{fresh_id, App, Result, StageFields};

impl App {
    /// Adds a stage at `index` (0-based; `None` or past the end: last).
    pub fn add_stage(
        &mut self,
        map_id: &str,
        stage_name: &str,
        index: Option<usize>,
    ) -> Result<Id> {
        let stage_name = name("stage name", TextField::StageName, stage_name)?;
        self.edit(On::Map(map_id), |w| {
            w.load_meta(map_id)?;
            let scope = Scope::Stages { map_id };
            let position = match index {
                Some(i) => w.position_for_new(scope, i)?,
                None => w.position_at_end(scope)?,
            };
            let stage = Stage {
                id: fresh_id(IdKind::Stage),
                name: stage_name,
                description: String::new(),
                pain: None,
                emotion: None,
                position,
            };
            let id = stage.id.clone();
            Ok(one_insert(map_id, "Add stage", Row::Stage(stage), id))
        })
    }

    pub fn update_stage(&mut self, id: &str, f: &StageFields) -> Result<()> {
        let stage_name = name("stage name", TextField::StageName, &f.name)?;
        let description = text("description", TextField::Description, &f.description)?;
        let pain = score("pain", Score::Pain, f.pain)?;
        let emotion = score("emotion", Score::Emotion, f.emotion)?;
        self.edit(On::Stage(id), |w| {
            let (map_id, before) = w.get_stage(id)?;
            let after = Stage {
                name: stage_name,
                description,
                pain,
                emotion,
                ..before.clone()
            };
            Ok(one_update(
                &map_id,
                "Edit stage",
                Row::Stage(before),
                Row::Stage(after),
            ))
        })
    }

    pub fn move_stage(&mut self, id: &str, index: usize) -> Result<()> {
        self.edit(On::Stage(id), |w| {
            let (map_id, before) = w.get_stage(id)?;
            let position = w.position_for_move(Scope::Stages { map_id: &map_id }, id, index)?;
            let after = Stage {
                position,
                ..before.clone()
            };
            Ok(one_update(
                &map_id,
                "Move stage",
                Row::Stage(before),
                Row::Stage(after),
            ))
        })
    }

    /// Deletes a stage with its touchpoints, their links and all their feedback.
    pub fn delete_stage(&mut self, id: &str) -> Result<()> {
        self.edit(On::Stage(id), |w| {
            let (map_id, stage) = w.get_stage(id)?;
            let tps = w.touchpoints_in_stage(id)?;
            let mut rows = vec![RowChange::delete(Row::Stage(stage))];
            rows.extend(cascade(w, &tps, Some(id))?);
            Ok((change(&map_id, "Delete stage", rows), ()))
        })
    }
}
