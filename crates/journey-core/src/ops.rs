//! Whole-map operations that need no storage: a new map, a copy with fresh ids.
//!
//! Randomness and the clock are I/O, so callers pass in an id generator and the time.

use std::collections::HashMap;

use crate::model::*;

/// What an id names; each kind has its own prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    Map,
    Stage,
    Lane,
    Touchpoint,
    Link,
    Feedback,
    Decision,
    Round,
}

impl IdKind {
    pub fn prefix(self) -> &'static str {
        match self {
            IdKind::Map => "jm",
            IdKind::Stage => "st",
            IdKind::Lane => "ln",
            IdKind::Touchpoint => "tp",
            IdKind::Link => "lk",
            IdKind::Feedback => "fb",
            IdKind::Decision => "dc",
            IdKind::Round => "vr",
        }
    }
}

/// A new, empty map: no stages yet, and the seven Complete Product Experience lanes.
pub fn new_map(name: &str, now: &str, mut fresh: impl FnMut(IdKind) -> Id) -> JourneyMap {
    let lanes = LaneKind::BUILT_IN
        .iter()
        .enumerate()
        .map(|(i, kind)| Lane {
            id: fresh(IdKind::Lane),
            name: kind.default_name().to_string(),
            kind: *kind,
            hidden: false,
            position: i as f64 + 1.0,
        })
        .collect();
    JourneyMap {
        meta: MapMeta {
            id: fresh(IdKind::Map),
            name: name.to_string(),
            description: String::new(),
            persona: Persona::default(),
            created_at: now.to_string(),
            updated_at: now.to_string(),
        },
        stages: Vec::new(),
        lanes,
        touchpoints: Vec::new(),
        links: Vec::new(),
        feedback: Vec::new(),
        decisions: Vec::new(),
        rounds: Vec::new(),
    }
}

/// The same map with every id replaced by a fresh one, references rewritten to match.
pub fn with_fresh_ids(map: &JourneyMap, fresh: impl FnMut(IdKind) -> Id) -> JourneyMap {
    into_fresh_ids(map.clone(), fresh)
}

/// [`with_fresh_ids`], changing `map` in place instead of copying it: an import of a
/// large file holds one map, not two.
pub fn into_fresh_ids(mut map: JourneyMap, mut fresh: impl FnMut(IdKind) -> Id) -> JourneyMap {
    // Only ids that other rows refer to need remembering: nothing refers to a link, a
    // piece of feedback, a decision or a round.
    let mut ids: HashMap<Id, Id> = HashMap::new();
    let mut renew = |id: &mut Id, kind: IdKind, ids: Option<&mut HashMap<Id, Id>>| {
        let new = fresh(kind);
        let old = std::mem::replace(id, new);
        if let Some(ids) = ids {
            ids.insert(old, id.clone());
        }
    };
    renew(&mut map.meta.id, IdKind::Map, None);
    for s in &mut map.stages {
        renew(&mut s.id, IdKind::Stage, Some(&mut ids));
    }
    for l in &mut map.lanes {
        renew(&mut l.id, IdKind::Lane, Some(&mut ids));
    }
    for t in &mut map.touchpoints {
        renew(&mut t.id, IdKind::Touchpoint, Some(&mut ids));
    }
    for l in &mut map.links {
        renew(&mut l.id, IdKind::Link, None);
    }
    for f in &mut map.feedback {
        renew(&mut f.id, IdKind::Feedback, None);
    }
    for d in &mut map.decisions {
        renew(&mut d.id, IdKind::Decision, None);
    }
    for r in &mut map.rounds {
        renew(&mut r.id, IdKind::Round, None);
    }
    // Every reference points into the map (parse and load guarantee it); an id that is
    // somehow not mapped keeps its value and is caught by the store's foreign keys.
    let map_ref = |id: &mut Id| {
        if let Some(new) = ids.get(id.as_str()) {
            *id = new.clone();
        }
    };
    for t in &mut map.touchpoints {
        map_ref(&mut t.stage_id);
        map_ref(&mut t.lane_id);
    }
    for l in &mut map.links {
        map_ref(&mut l.from);
        map_ref(&mut l.to);
    }
    for f in &mut map.feedback {
        match &mut f.target {
            FeedbackTarget::Touchpoint(id) | FeedbackTarget::Stage(id) => map_ref(id),
        }
    }
    for d in &mut map.decisions {
        map_ref(&mut d.touchpoint_id);
    }
    for v in map.rounds.iter_mut().flat_map(|r| &mut r.votes) {
        map_ref(&mut v.touchpoint_id);
    }
    map
}

/// The name a copy of a map gets.
pub fn copy_name(name: &str) -> String {
    let suffix = " (copy)";
    let max = crate::fields::TextField::MapName.max_chars() - suffix.chars().count();
    let base: String = name.chars().take(max).collect();
    format!("{base}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::MapBuilder;

    fn counter() -> impl FnMut(IdKind) -> Id {
        let mut n = 0;
        move |k| {
            n += 1;
            format!("{}_{n}", k.prefix())
        }
    }

    #[test]
    fn new_map_has_the_seven_lanes_in_order() {
        let m = new_map("Checkout", "2026-01-01T00:00:00Z", counter());
        let kinds: Vec<_> = m.lanes.iter().map(|l| l.kind).collect();
        assert_eq!(kinds, LaneKind::BUILT_IN);
        assert_eq!(m.lanes[4].name, "Third-party integrations");
        assert!(m.meta.id.starts_with("jm_"));
        assert!(m.stages.is_empty());
    }

    #[test]
    fn fresh_ids_keep_every_reference() {
        let m = MapBuilder::new()
            .stage("s1")
            .lane("l1")
            .touchpoint("a", "s1", "l1", Some(3))
            .touchpoint("b", "s1", "l1", None)
            .link("a", "b", LinkKind::Flow)
            .feedback(FeedbackTarget::Touchpoint("b".into()), Some(9))
            .feedback(FeedbackTarget::Stage("s1".into()), None)
            .build();
        let c = with_fresh_ids(&m, counter());
        let g = crate::graph::JourneyGraph::build(&c).expect("references resolve");
        assert_eq!(g.node_count(), 3);
        assert_ne!(c.meta.id, m.meta.id);
        assert_eq!(c.links[0].from, c.touchpoints[0].id);
        assert_eq!(c.links[0].to, c.touchpoints[1].id);
        assert_eq!(
            c.feedback[0].target,
            FeedbackTarget::Touchpoint(c.touchpoints[1].id.clone())
        );
        assert_eq!(
            c.feedback[1].target,
            FeedbackTarget::Stage(c.stages[0].id.clone())
        );
        assert_eq!(c.touchpoints[0].stage_id, c.stages[0].id);
    }

    #[test]
    fn copy_names_stay_within_the_limit() {
        assert_eq!(copy_name("Onboarding"), "Onboarding (copy)");
        assert_eq!(copy_name(&"x".repeat(200)).chars().count(), 200);
    }
}
