//! Links between two touchpoints of the same map: the customer's next step (flow), a
//! hand-off between teams, or a dependency. One link per kind between the same pair.

use journey_core::fields::TextField;
use journey_core::model::*;
use journey_core::ops::IdKind;

use crate::change::Row;
use crate::edit::{one_delete, one_insert, one_update, optional, text, On};
use crate::{fresh_id, App, AppError, LinkFields, Result};

/// A link's label as the user typed it: trimmed, empty means none.
fn label(f: &LinkFields) -> Result<Option<String>> {
    optional(f.label.as_deref(), |l| {
        text("label", TextField::LinkLabel, l)
    })
}

impl App {
    pub fn add_link(&mut self, from: &str, to: &str, f: &LinkFields) -> Result<Id> {
        let label = label(f)?;
        if from == to {
            return Err(AppError::Invalid(
                "a touchpoint cannot link to itself".into(),
            ));
        }
        self.edit(On::Touchpoint(from), |w| {
            let (map_a, _) = w.get_touchpoint(from)?;
            let (map_b, _) = w.get_touchpoint(to)?;
            if map_a != map_b {
                return Err(AppError::Invalid(
                    "touchpoints of different maps cannot be linked".into(),
                ));
            }
            if w.link_exists(from, to, f.kind)? {
                return Err(AppError::Conflict(format!(
                    "a {} link from {from} to {to} exists already",
                    f.kind.as_str()
                )));
            }
            let link = Link {
                id: fresh_id(IdKind::Link),
                from: from.into(),
                to: to.into(),
                kind: f.kind,
                label,
            };
            let id = link.id.clone();
            Ok(one_insert(&map_a, "Add link", Row::Link(None, link), id))
        })
    }

    pub fn update_link(&mut self, id: &str, f: &LinkFields) -> Result<()> {
        let label = label(f)?;
        self.edit(On::Link(id), |w| {
            let (map_id, seq, before) = w.get_link(id)?;
            if f.kind != before.kind && w.link_exists(&before.from, &before.to, f.kind)? {
                return Err(AppError::Conflict(format!(
                    "a {} link between these touchpoints exists already",
                    f.kind.as_str()
                )));
            }
            let after = Link {
                kind: f.kind,
                label,
                ..before.clone()
            };
            Ok(one_update(
                &map_id,
                "Edit link",
                Row::Link(Some(seq), before),
                Row::Link(Some(seq), after),
            ))
        })
    }

    pub fn delete_link(&mut self, id: &str) -> Result<()> {
        self.edit(On::Link(id), |w| {
            let (map_id, seq, link) = w.get_link(id)?;
            Ok(one_delete(
                &map_id,
                "Delete link",
                Row::Link(Some(seq), link),
            ))
        })
    }
}
