//! Lanes: the map's rows. The seven built-in lanes (the Complete Product Experience
//! categories) keep their kind when renamed and can be hidden but not deleted; custom
//! lanes can be deleted with their touchpoints.

use journey_core::fields::TextField;
use journey_core::model::*;
use journey_core::ops::IdKind;
use journey_store::Scope;

use crate::change::{Row, RowChange};
use crate::edit::{change, name, one_insert, one_update, On};
use crate::touchpoints::cascade;
use crate::{fresh_id, App, AppError, LaneFields, Result};

impl App {
    /// Adds a custom lane at `index` (`None`: last).
    pub fn add_lane(&mut self, map_id: &str, lane_name: &str, index: Option<usize>) -> Result<Id> {
        let lane_name = name("lane name", TextField::LaneName, lane_name)?;
        self.edit(On::Map(map_id), |w| {
            w.load_meta(map_id)?;
            let scope = Scope::Lanes { map_id };
            let position = match index {
                Some(i) => w.position_for_new(scope, i)?,
                None => w.position_at_end(scope)?,
            };
            let lane = Lane {
                id: fresh_id(IdKind::Lane),
                name: lane_name,
                kind: LaneKind::Custom,
                hidden: false,
                position,
            };
            let id = lane.id.clone();
            Ok(one_insert(map_id, "Add lane", Row::Lane(lane), id))
        })
    }

    /// Renames, hides or shows a lane. A built-in lane keeps its category.
    pub fn update_lane(&mut self, id: &str, f: &LaneFields) -> Result<()> {
        let lane_name = name("lane name", TextField::LaneName, &f.name)?;
        self.edit(On::Lane(id), |w| {
            let (map_id, before) = w.get_lane(id)?;
            let after = Lane {
                name: lane_name,
                hidden: f.hidden,
                ..before.clone()
            };
            Ok(one_update(
                &map_id,
                "Edit lane",
                Row::Lane(before),
                Row::Lane(after),
            ))
        })
    }

    pub fn move_lane(&mut self, id: &str, index: usize) -> Result<()> {
        self.edit(On::Lane(id), |w| {
            let (map_id, before) = w.get_lane(id)?;
            let position = w.position_for_move(Scope::Lanes { map_id: &map_id }, id, index)?;
            let after = Lane {
                position,
                ..before.clone()
            };
            Ok(one_update(
                &map_id,
                "Move lane",
                Row::Lane(before),
                Row::Lane(after),
            ))
        })
    }

    /// Deletes a custom lane with its touchpoints. Built-in lanes are hidden, not deleted.
    pub fn delete_lane(&mut self, id: &str) -> Result<()> {
        self.edit(On::Lane(id), |w| {
            let (map_id, lane) = w.get_lane(id)?;
            if lane.kind.is_built_in() {
                return Err(AppError::Invalid(format!(
                    "{:?} is a built-in lane ({}); hide it instead of deleting it",
                    lane.name,
                    lane.kind.as_str()
                )));
            }
            let tps = w.touchpoints_in_lane(id)?;
            let mut rows = vec![RowChange::delete(Row::Lane(lane))];
            rows.extend(cascade(w, &tps, None)?);
            Ok((change(&map_id, "Delete lane", rows), ()))
        })
    }
}
