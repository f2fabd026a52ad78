//! What an edit sends to the board: only what changed in the map view. A whole view of a
//! map with 1,000 touchpoints is about half a megabyte; the patch for a pain score is the
//! touchpoint, its stage, its lane and the map's figures.
//!
//! [`MapPatch::between`] computes a patch from two views; [`MapView::apply`] is the
//! reference for applying it, which `ui/src/lib/patch.ts` mirrors. Tests check that
//! applying the patch to the old view gives the new view exactly.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use ts_rs::TS;

use crate::dto::*;

/// The changes to one ordered list of items with ids.
///
/// To apply: drop the `removed` ids, replace the items in `changed` by id; then, when
/// `order` is present, arrange the items in that order (new items are in `changed`).
/// Without `order` the remaining items keep their order and nothing was added.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ListPatch<T> {
    pub changed: Vec<T>,
    pub removed: Vec<String>,
    pub order: Option<Vec<String>>,
}

impl<T> ListPatch<T> {
    /// Nothing changed.
    pub fn none() -> ListPatch<T> {
        ListPatch {
            changed: Vec::new(),
            removed: Vec::new(),
            order: None,
        }
    }

    /// Only these items changed: none was added or removed, the order is the same.
    pub fn changed(changed: Vec<T>) -> ListPatch<T> {
        ListPatch {
            changed,
            removed: Vec::new(),
            order: None,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.removed.is_empty() && self.order.is_none()
    }
}

/// A map view's changes after an edit.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MapPatch {
    pub map: MapMetaDto,
    pub stages: ListPatch<StageDto>,
    pub lanes: ListPatch<LaneDto>,
    pub touchpoints: ListPatch<TouchpointDto>,
    pub links: ListPatch<LinkDto>,
    pub decisions: ListPatch<DecisionDto>,
    pub rounds: ListPatch<RoundDto>,
    pub metrics: MetricsDto,
    pub can_undo: bool,
    pub can_redo: bool,
    /// The touchpoints and stages whose feedback list changed (an open detail panel
    /// fetches it again).
    pub feedback_changed: Vec<String>,
}

/// Items the patch machinery can match by id.
pub trait Keyed {
    fn key(&self) -> &str;
}

macro_rules! keyed {
    ($($t:ty),*) => {$(
        impl Keyed for $t {
            fn key(&self) -> &str {
                &self.id
            }
        }
    )*};
}
keyed!(
    StageDto,
    LaneDto,
    TouchpointDto,
    LinkDto,
    DecisionDto,
    RoundDto
);

/// The patch that turns `old` into `new`.
pub fn diff_list<T: Keyed + Clone + PartialEq>(old: &[T], new: &[T]) -> ListPatch<T> {
    let before: HashMap<&str, &T> = old.iter().map(|x| (x.key(), x)).collect();
    let now: HashSet<&str> = new.iter().map(Keyed::key).collect();
    let changed: Vec<T> = new
        .iter()
        .filter(|x| before.get(x.key()) != Some(x))
        .cloned()
        .collect();
    let removed: Vec<String> = old
        .iter()
        .map(Keyed::key)
        .filter(|k| !now.contains(k))
        .map(str::to_string)
        .collect();
    // Order is needed unless the new list is the old one minus the removed items.
    let kept = old.iter().map(Keyed::key).filter(|k| now.contains(k));
    let same_order = kept.eq(new.iter().map(Keyed::key));
    ListPatch {
        changed,
        removed,
        order: (!same_order).then(|| new.iter().map(|x| x.key().to_string()).collect()),
    }
}

/// Applies a list patch; `None` when the patch does not fit the list (an id in `order`
/// that is neither kept nor changed).
pub fn apply_list<T: Keyed + Clone>(old: &[T], p: &ListPatch<T>) -> Option<Vec<T>> {
    let removed: HashSet<&str> = p.removed.iter().map(String::as_str).collect();
    let changed: HashMap<&str, &T> = p.changed.iter().map(|x| (x.key(), x)).collect();
    match &p.order {
        Some(order) => {
            let kept: HashMap<&str, &T> = old
                .iter()
                .filter(|x| !removed.contains(x.key()))
                .map(|x| (x.key(), x))
                .collect();
            order
                .iter()
                .map(|id| {
                    changed
                        .get(id.as_str())
                        .or_else(|| kept.get(id.as_str()))
                        .map(|x| (*x).clone())
                })
                .collect()
        }
        None => Some(
            old.iter()
                .filter(|x| !removed.contains(x.key()))
                .map(|x| {
                    changed
                        .get(x.key())
                        .map_or_else(|| x.clone(), |c| (*c).clone())
                })
                .collect(),
        ),
    }
}

impl MapPatch {
    /// What changed from `old` to `new`, with the feedback targets the caller knows of.
    pub fn between(old: &MapView, new: &MapView, feedback_changed: Vec<String>) -> MapPatch {
        MapPatch {
            map: new.map.clone(),
            stages: diff_list(&old.stages, &new.stages),
            lanes: diff_list(&old.lanes, &new.lanes),
            touchpoints: diff_list(&old.touchpoints, &new.touchpoints),
            links: diff_list(&old.links, &new.links),
            decisions: diff_list(&old.decisions, &new.decisions),
            rounds: diff_list(&old.rounds, &new.rounds),
            metrics: new.metrics,
            can_undo: new.can_undo,
            can_redo: new.can_redo,
            feedback_changed,
        }
    }

    /// A patch that rebuilds `new` from any view of the same map: every item changed and
    /// every order given.
    pub fn whole(new: &MapView, feedback_changed: Vec<String>) -> MapPatch {
        fn all<T: Keyed + Clone>(items: &[T]) -> ListPatch<T> {
            ListPatch {
                changed: items.to_vec(),
                removed: Vec::new(),
                order: Some(items.iter().map(|x| x.key().to_string()).collect()),
            }
        }
        MapPatch {
            map: new.map.clone(),
            stages: all(&new.stages),
            lanes: all(&new.lanes),
            touchpoints: all(&new.touchpoints),
            links: all(&new.links),
            decisions: all(&new.decisions),
            rounds: all(&new.rounds),
            metrics: new.metrics,
            can_undo: new.can_undo,
            can_redo: new.can_redo,
            feedback_changed,
        }
    }
}

impl MapView {
    /// The view after `patch`; `None` when the patch does not fit this view.
    pub fn apply(&self, patch: &MapPatch) -> Option<MapView> {
        if patch.map.id != self.map.id {
            return None;
        }
        Some(MapView {
            location: self.location,
            read_only: self.read_only.clone(),
            map: patch.map.clone(),
            stages: apply_list(&self.stages, &patch.stages)?,
            lanes: apply_list(&self.lanes, &patch.lanes)?,
            touchpoints: apply_list(&self.touchpoints, &patch.touchpoints)?,
            links: apply_list(&self.links, &patch.links)?,
            decisions: apply_list(&self.decisions, &patch.decisions)?,
            rounds: apply_list(&self.rounds, &patch.rounds)?,
            metrics: patch.metrics,
            can_undo: patch.can_undo,
            can_redo: patch.can_redo,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(id: &str, label: &str) -> LinkDto {
        LinkDto {
            id: id.into(),
            from_id: "a".into(),
            to_id: "b".into(),
            kind: journey_core::model::LinkKind::Flow,
            label: Some(label.into()),
        }
    }

    #[test]
    fn an_unchanged_list_gives_an_empty_patch() {
        let l = vec![link("1", "x"), link("2", "y")];
        assert!(diff_list(&l, &l).is_empty());
    }

    #[test]
    fn a_changed_item_travels_alone() {
        let old = vec![link("1", "x"), link("2", "y"), link("3", "z")];
        let new = vec![link("1", "x"), link("2", "Y"), link("3", "z")];
        let p = diff_list(&old, &new);
        assert_eq!(p.changed, vec![link("2", "Y")]);
        assert!(p.removed.is_empty() && p.order.is_none());
        assert_eq!(apply_list(&old, &p), Some(new));
    }

    #[test]
    fn a_removal_needs_no_order_but_an_insert_or_move_does() {
        let old = vec![link("1", "x"), link("2", "y"), link("3", "z")];
        let gone = vec![link("1", "x"), link("3", "z")];
        let p = diff_list(&old, &gone);
        assert_eq!(
            (p.removed.clone(), p.order.clone()),
            (vec!["2".to_string()], None)
        );
        assert_eq!(apply_list(&old, &p), Some(gone.clone()));

        let moved = vec![link("3", "z"), link("1", "x"), link("4", "w")];
        let p = diff_list(&old, &moved);
        assert_eq!(p.changed, vec![link("4", "w")]);
        assert_eq!(p.order, Some(vec!["3".into(), "1".into(), "4".into()]));
        assert_eq!(apply_list(&old, &p), Some(moved));
    }

    #[test]
    fn a_patch_that_does_not_fit_is_refused() {
        let p = ListPatch {
            changed: Vec::new(),
            removed: Vec::new(),
            order: Some(vec!["9".to_string()]),
        };
        assert_eq!(apply_list(&[link("1", "x")], &p), None);
    }
}
