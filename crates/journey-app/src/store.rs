//! One interface for both stores: [`Tx`], the reads and writes that use-cases and
//! [`Change::apply`](crate::change::Change::apply) make inside an edit's transaction.
//!
//! It lives here, in the app layer, because it is what the use-cases need: the SQLite
//! store (`journey-store`) and the team library (`journey-library`) stay independent of
//! each other and of the app, and each is given the interface by a thin delegation below
//! (the library's real work, the checks against what the editor saw, is in
//! `journey_library::Write`). A use-case's closure gets a `&dyn Tx` and never knows where
//! the map lives.
//!
//! Every write carries its row's "before" where it has one. The SQLite store, one
//! person's file, ignores it (a use-case reads the row in the same `BEGIN IMMEDIATE`
//! transaction); the library applies an update or delete only when the stored row still
//! equals it, and otherwise fails the whole edit with a conflict.

use journey_core::model::*;
pub use journey_store::Scope;

use crate::Result;

/// The reads and writes of one edit's transaction, whichever store holds the map.
pub trait Tx {
    // Reads.

    /// The map's own fields.
    fn load_meta(&self, map_id: &str) -> Result<MapMeta>;
    /// A whole map, in display order.
    fn load_map(&self, map_id: &str) -> Result<JourneyMap>;
    /// A stage and the id of its map.
    fn get_stage(&self, id: &str) -> Result<(Id, Stage)>;
    fn get_lane(&self, id: &str) -> Result<(Id, Lane)>;
    fn get_touchpoint(&self, id: &str) -> Result<(Id, Touchpoint)>;
    /// A link, with its map's id and its sequence number (its place in the map's order).
    fn get_link(&self, id: &str) -> Result<(Id, i64, Link)>;
    fn get_feedback(&self, id: &str) -> Result<(Id, i64, Feedback)>;
    fn get_decision(&self, id: &str) -> Result<(Id, i64, Decision)>;
    fn get_round(&self, id: &str) -> Result<(Id, i64, VotingRound)>;
    /// The touchpoints of a stage (what deleting it takes along), in their order.
    fn touchpoints_in_stage(&self, stage_id: &str) -> Result<Vec<Touchpoint>>;
    /// The touchpoints of a lane, in their order.
    fn touchpoints_in_lane(&self, lane_id: &str) -> Result<Vec<Touchpoint>>;
    /// Links touching any of the touchpoints, with sequence numbers, in their order.
    fn links_of(&self, touchpoints: &[Id]) -> Result<Vec<(i64, Link)>>;
    /// Feedback on any of the touchpoints or stages, with sequence numbers.
    fn feedback_on(&self, targets: &[FeedbackTarget]) -> Result<Vec<(i64, Feedback)>>;
    /// Decisions on any of the touchpoints, with sequence numbers.
    fn decisions_on(&self, touchpoints: &[Id]) -> Result<Vec<(i64, Decision)>>;
    /// Rounds with dots (or a place) on any of the touchpoints, with sequence numbers.
    fn rounds_voting_on(&self, touchpoints: &[Id]) -> Result<Vec<(i64, VotingRound)>>;
    /// Whether a link of `kind` from `from` to `to` exists already.
    fn link_exists(&self, from: &str, to: &str, kind: LinkKind) -> Result<bool>;
    /// The position key that puts a new item at `index` among the items of `scope`.
    fn position_for_new(&self, scope: Scope<'_>, index: usize) -> Result<f64>;
    /// The position key that moves item `id` to `index` among the others of `scope`.
    fn position_for_move(&self, scope: Scope<'_>, id: &str, index: usize) -> Result<f64>;
    /// The position key after the last item of `scope`.
    fn position_at_end(&self, scope: Scope<'_>) -> Result<f64>;

    // Writes. `before` is the row as the edit read it.

    /// Inserts a whole map (local maps only: a create, an import, an undone delete).
    fn insert_map(&self, map: &JourneyMap) -> Result<()>;
    /// Deletes a whole map and everything in it (local maps only).
    fn delete_map(&self, map_id: &str) -> Result<()>;
    /// Writes the map's own fields; `before` is `None` when the edit did not read them.
    fn update_meta(&self, before: Option<&MapMeta>, after: &MapMeta) -> Result<()>;
    /// Records that the map changed at `now` (never compared with anything).
    fn touch_map(&self, map_id: &str, now: &str) -> Result<()>;
    fn insert_stage(&self, map_id: &str, s: &Stage) -> Result<()>;
    fn update_stage(&self, before: &Stage, after: &Stage) -> Result<()>;
    fn delete_stage(&self, before: &Stage) -> Result<()>;
    fn insert_lane(&self, map_id: &str, l: &Lane) -> Result<()>;
    fn update_lane(&self, before: &Lane, after: &Lane) -> Result<()>;
    fn delete_lane(&self, before: &Lane) -> Result<()>;
    fn insert_touchpoint(&self, map_id: &str, t: &Touchpoint) -> Result<()>;
    fn update_touchpoint(&self, before: &Touchpoint, after: &Touchpoint) -> Result<()>;
    fn delete_touchpoint(&self, before: &Touchpoint) -> Result<()>;
    /// Adds a link at the end of the map's order, or back at `seq` (an undone delete).
    fn insert_link(&self, map_id: &str, l: &Link, seq: Option<i64>) -> Result<()>;
    fn update_link(&self, before: &Link, after: &Link) -> Result<()>;
    fn delete_link(&self, before: &Link) -> Result<()>;
    fn insert_feedback(&self, map_id: &str, f: &Feedback, seq: Option<i64>) -> Result<()>;
    fn update_feedback(&self, before: &Feedback, after: &Feedback) -> Result<()>;
    fn delete_feedback(&self, before: &Feedback) -> Result<()>;
    fn insert_decision(&self, map_id: &str, d: &Decision, seq: Option<i64>) -> Result<()>;
    fn update_decision(&self, before: &Decision, after: &Decision) -> Result<()>;
    fn delete_decision(&self, before: &Decision) -> Result<()>;
    /// Adds a voting round with its votes, at the end of the map's order or at `seq`.
    fn insert_round(&self, map_id: &str, r: &VotingRound, seq: Option<i64>) -> Result<()>;
    /// Writes a round's fields and replaces its votes.
    fn update_round(&self, before: &VotingRound, after: &VotingRound) -> Result<()>;
    fn delete_round(&self, before: &VotingRound) -> Result<()>;
}

/// Delegates every method of [`Tx`] that both stores spell the same way.
macro_rules! delegate_reads {
    ($ty:ty) => {
        fn load_meta(&self, map_id: &str) -> Result<MapMeta> {
            Ok(<$ty>::load_meta(self, map_id)?)
        }
        fn load_map(&self, map_id: &str) -> Result<JourneyMap> {
            Ok(<$ty>::load_map(self, map_id)?)
        }
        fn get_stage(&self, id: &str) -> Result<(Id, Stage)> {
            Ok(<$ty>::get_stage(self, id)?)
        }
        fn get_lane(&self, id: &str) -> Result<(Id, Lane)> {
            Ok(<$ty>::get_lane(self, id)?)
        }
        fn get_touchpoint(&self, id: &str) -> Result<(Id, Touchpoint)> {
            Ok(<$ty>::get_touchpoint(self, id)?)
        }
        fn get_link(&self, id: &str) -> Result<(Id, i64, Link)> {
            Ok(<$ty>::get_link(self, id)?)
        }
        fn get_feedback(&self, id: &str) -> Result<(Id, i64, Feedback)> {
            Ok(<$ty>::get_feedback(self, id)?)
        }
        fn get_decision(&self, id: &str) -> Result<(Id, i64, Decision)> {
            Ok(<$ty>::get_decision(self, id)?)
        }
        fn get_round(&self, id: &str) -> Result<(Id, i64, VotingRound)> {
            Ok(<$ty>::get_round(self, id)?)
        }
        fn touchpoints_in_stage(&self, stage_id: &str) -> Result<Vec<Touchpoint>> {
            Ok(<$ty>::touchpoints_in_stage(self, stage_id)?)
        }
        fn touchpoints_in_lane(&self, lane_id: &str) -> Result<Vec<Touchpoint>> {
            Ok(<$ty>::touchpoints_in_lane(self, lane_id)?)
        }
        fn links_of(&self, touchpoints: &[Id]) -> Result<Vec<(i64, Link)>> {
            Ok(<$ty>::links_of(self, touchpoints)?)
        }
        fn feedback_on(&self, targets: &[FeedbackTarget]) -> Result<Vec<(i64, Feedback)>> {
            Ok(<$ty>::feedback_on(self, targets)?)
        }
        fn decisions_on(&self, touchpoints: &[Id]) -> Result<Vec<(i64, Decision)>> {
            Ok(<$ty>::decisions_on(self, touchpoints)?)
        }
        fn rounds_voting_on(&self, touchpoints: &[Id]) -> Result<Vec<(i64, VotingRound)>> {
            Ok(<$ty>::rounds_voting_on(self, touchpoints)?)
        }
        fn link_exists(&self, from: &str, to: &str, kind: LinkKind) -> Result<bool> {
            Ok(<$ty>::link_exists(self, from, to, kind)?)
        }
        fn insert_map(&self, map: &JourneyMap) -> Result<()> {
            Ok(<$ty>::insert_map(self, map)?)
        }
        fn delete_map(&self, map_id: &str) -> Result<()> {
            Ok(<$ty>::delete_map(self, map_id)?)
        }
        fn touch_map(&self, map_id: &str, now: &str) -> Result<()> {
            Ok(<$ty>::touch_map(self, map_id, now)?)
        }
        fn insert_stage(&self, map_id: &str, s: &Stage) -> Result<()> {
            Ok(<$ty>::insert_stage(self, map_id, s)?)
        }
        fn insert_lane(&self, map_id: &str, l: &Lane) -> Result<()> {
            Ok(<$ty>::insert_lane(self, map_id, l)?)
        }
        fn insert_touchpoint(&self, map_id: &str, t: &Touchpoint) -> Result<()> {
            Ok(<$ty>::insert_touchpoint(self, map_id, t)?)
        }
        fn insert_decision(&self, map_id: &str, d: &Decision, seq: Option<i64>) -> Result<()> {
            Ok(<$ty>::insert_decision(self, map_id, d, seq)?)
        }
        fn insert_round(&self, map_id: &str, r: &VotingRound, seq: Option<i64>) -> Result<()> {
            Ok(<$ty>::insert_round(self, map_id, r, seq)?)
        }
    };
}

/// The SQLite store: its transaction already is what the use-cases need; "before" values
/// are not needed (the rows were read in this same transaction).
impl Tx for journey_store::Write<'_> {
    delegate_reads!(journey_store::Write<'_>);

    fn position_for_new(&self, scope: Scope<'_>, index: usize) -> Result<f64> {
        Ok(journey_store::Write::position_for_new(self, scope, index)?)
    }
    fn position_for_move(&self, scope: Scope<'_>, id: &str, index: usize) -> Result<f64> {
        Ok(journey_store::Write::position_for_move(
            self, scope, id, index,
        )?)
    }
    fn position_at_end(&self, scope: Scope<'_>) -> Result<f64> {
        Ok(journey_store::Write::position_at_end(self, scope)?)
    }
    fn update_meta(&self, _: Option<&MapMeta>, after: &MapMeta) -> Result<()> {
        Ok(journey_store::Write::update_meta(self, after)?)
    }
    fn update_stage(&self, _: &Stage, after: &Stage) -> Result<()> {
        Ok(journey_store::Write::update_stage(self, after)?)
    }
    fn delete_stage(&self, before: &Stage) -> Result<()> {
        Ok(journey_store::Write::delete_stage(self, &before.id)?)
    }
    fn update_lane(&self, _: &Lane, after: &Lane) -> Result<()> {
        Ok(journey_store::Write::update_lane(self, after)?)
    }
    fn delete_lane(&self, before: &Lane) -> Result<()> {
        Ok(journey_store::Write::delete_lane(self, &before.id)?)
    }
    fn update_touchpoint(&self, _: &Touchpoint, after: &Touchpoint) -> Result<()> {
        Ok(journey_store::Write::update_touchpoint(self, after)?)
    }
    fn delete_touchpoint(&self, before: &Touchpoint) -> Result<()> {
        Ok(journey_store::Write::delete_touchpoint(self, &before.id)?)
    }
    fn insert_link(&self, map_id: &str, l: &Link, seq: Option<i64>) -> Result<()> {
        Ok(match seq {
            None => journey_store::Write::append_link(self, map_id, l),
            Some(seq) => journey_store::Write::restore_link(self, map_id, l, seq),
        }?)
    }
    fn update_link(&self, _: &Link, after: &Link) -> Result<()> {
        Ok(journey_store::Write::update_link(self, after)?)
    }
    fn delete_link(&self, before: &Link) -> Result<()> {
        Ok(journey_store::Write::delete_link(self, &before.id)?)
    }
    fn insert_feedback(&self, map_id: &str, f: &Feedback, seq: Option<i64>) -> Result<()> {
        Ok(match seq {
            None => journey_store::Write::append_feedback(self, map_id, f),
            Some(seq) => journey_store::Write::restore_feedback(self, map_id, f, seq),
        }?)
    }
    fn update_feedback(&self, _: &Feedback, after: &Feedback) -> Result<()> {
        Ok(journey_store::Write::update_feedback(self, after)?)
    }
    fn delete_feedback(&self, before: &Feedback) -> Result<()> {
        Ok(journey_store::Write::delete_feedback(self, &before.id)?)
    }
    fn update_decision(&self, _: &Decision, after: &Decision) -> Result<()> {
        Ok(journey_store::Write::update_decision(self, after)?)
    }
    fn delete_decision(&self, before: &Decision) -> Result<()> {
        Ok(journey_store::Write::delete_decision(self, &before.id)?)
    }
    fn update_round(&self, _: &VotingRound, after: &VotingRound) -> Result<()> {
        Ok(journey_store::Write::update_round(self, after)?)
    }
    fn delete_round(&self, before: &VotingRound) -> Result<()> {
        Ok(journey_store::Write::delete_round(self, &before.id)?)
    }
}

/// The team library: reads come from the map as the editor saw it, and every write is
/// checked against the server with its before (see `journey_library::Write`).
impl Tx for journey_library::Write<'_> {
    delegate_reads!(journey_library::Write<'_>);

    fn position_for_new(&self, s: Scope<'_>, index: usize) -> Result<f64> {
        Ok(journey_library::Write::position_for_new(self, s, index)?)
    }
    fn position_for_move(&self, s: Scope<'_>, id: &str, index: usize) -> Result<f64> {
        Ok(journey_library::Write::position_for_move(
            self, s, id, index,
        )?)
    }
    fn position_at_end(&self, s: Scope<'_>) -> Result<f64> {
        Ok(journey_library::Write::position_at_end(self, s)?)
    }
    fn update_meta(&self, before: Option<&MapMeta>, after: &MapMeta) -> Result<()> {
        Ok(journey_library::Write::update_meta(self, before, after)?)
    }
    fn update_stage(&self, before: &Stage, after: &Stage) -> Result<()> {
        Ok(journey_library::Write::update_stage(self, before, after)?)
    }
    fn delete_stage(&self, before: &Stage) -> Result<()> {
        Ok(journey_library::Write::delete_stage(self, before)?)
    }
    fn update_lane(&self, before: &Lane, after: &Lane) -> Result<()> {
        Ok(journey_library::Write::update_lane(self, before, after)?)
    }
    fn delete_lane(&self, before: &Lane) -> Result<()> {
        Ok(journey_library::Write::delete_lane(self, before)?)
    }
    fn update_touchpoint(&self, before: &Touchpoint, after: &Touchpoint) -> Result<()> {
        Ok(journey_library::Write::update_touchpoint(
            self, before, after,
        )?)
    }
    fn delete_touchpoint(&self, before: &Touchpoint) -> Result<()> {
        Ok(journey_library::Write::delete_touchpoint(self, before)?)
    }
    fn insert_link(&self, map_id: &str, l: &Link, seq: Option<i64>) -> Result<()> {
        Ok(journey_library::Write::insert_link(self, map_id, l, seq)?)
    }
    fn update_link(&self, before: &Link, after: &Link) -> Result<()> {
        Ok(journey_library::Write::update_link(self, before, after)?)
    }
    fn delete_link(&self, before: &Link) -> Result<()> {
        Ok(journey_library::Write::delete_link(self, before)?)
    }
    fn insert_feedback(&self, map_id: &str, f: &Feedback, seq: Option<i64>) -> Result<()> {
        Ok(journey_library::Write::insert_feedback(
            self, map_id, f, seq,
        )?)
    }
    fn update_feedback(&self, before: &Feedback, after: &Feedback) -> Result<()> {
        Ok(journey_library::Write::update_feedback(
            self, before, after,
        )?)
    }
    fn delete_feedback(&self, before: &Feedback) -> Result<()> {
        Ok(journey_library::Write::delete_feedback(self, before)?)
    }
    fn update_decision(&self, before: &Decision, after: &Decision) -> Result<()> {
        Ok(journey_library::Write::update_decision(
            self, before, after,
        )?)
    }
    fn delete_decision(&self, before: &Decision) -> Result<()> {
        Ok(journey_library::Write::delete_decision(self, before)?)
    }
    fn update_round(&self, before: &VotingRound, after: &VotingRound) -> Result<()> {
        Ok(journey_library::Write::update_round(self, before, after)?)
    }
    fn delete_round(&self, before: &VotingRound) -> Result<()> {
        Ok(journey_library::Write::delete_round(self, before)?)
    }
}
