//! One pass over the map's touchpoints and feedback that tallies every group the analyses
//! report on: each touchpoint, stage, lane, cell and the map, with its feedback dates.
//! Indexed by position in the map: at most one hash lookup per feedback item (none while
//! consecutive items share a target) and no string allocation.
//!
//! The attribution is [`crate::metrics::MapMetrics`]'s (a test checks they agree): a
//! touchpoint counts its own feedback and pain; a stage its own feedback and its
//! touchpoints'; a lane and a cell their touchpoints'; the map everything.

use super::evidence::{Dates, Judge};
use super::{Evidence, Figures, Index};
use crate::metrics::{Metrics, Tally};
use crate::model::FeedbackTarget;

#[derive(Debug, Clone, Default)]
pub(crate) struct Group<'m> {
    pub tally: Tally,
    pub dates: Dates<'m>,
    /// Touchpoints in it (cells).
    pub touchpoints: u32,
}

impl<'m> Group<'m> {
    pub fn metrics(&self) -> Metrics {
        self.tally.finish()
    }

    fn merge(&mut self, other: &Group<'m>) {
        self.tally.merge(&other.tally);
        self.dates.merge(other.dates);
    }

    pub fn figures(&self, judge: &Judge) -> Figures {
        let metrics = self.metrics();
        Figures {
            evidence: Evidence::of(&metrics, self.dates, judge),
            metrics,
        }
    }
}

pub(crate) struct Groups<'m> {
    pub map: Group<'m>,
    /// In map order.
    pub touchpoints: Vec<Group<'m>>,
    pub stages: Vec<Group<'m>>,
    /// Every lane, hidden ones too, in map order.
    pub lanes: Vec<Group<'m>>,
    /// `lane * stages + stage`.
    pub cells: Vec<Group<'m>>,
    /// For each touchpoint: (stage index, lane index).
    pub place: Vec<(usize, usize)>,
    /// For each feedback item, in map order: its touchpoint's index, or [`NO_TOUCHPOINT`].
    pub feedback_touchpoint: Vec<u32>,
}

/// Whether two short ids are equal, compared inline (a call to `memcmp` per feedback
/// item costs more than the comparison).
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

/// `Groups::feedback_touchpoint` for feedback that is not on a known touchpoint.
pub(crate) const NO_TOUCHPOINT: u32 = u32::MAX;

impl<'m> Groups<'m> {
    /// Feedback is tallied once, on its touchpoint (or stage); each touchpoint's tally is
    /// then merged into its stage, lane and cell, and the stages into the map: a few
    /// thousand merges instead of four additions per feedback item.
    pub fn count(ix: &Index<'m>) -> Groups<'m> {
        let map = ix.map;
        let (ns, nl) = (map.stages.len(), map.lanes.len());
        let mut g = Groups {
            map: Group::default(),
            touchpoints: vec![Group::default(); map.touchpoints.len()],
            stages: vec![Group::default(); ns],
            lanes: vec![Group::default(); nl],
            cells: vec![Group::default(); ns * nl],
            place: Vec::with_capacity(map.touchpoints.len()),
            feedback_touchpoint: Vec::with_capacity(map.feedback.len()),
        };
        for (i, (t, &(s, l))) in map.touchpoints.iter().zip(&ix.place).enumerate() {
            // The graph was built from this map, so every reference resolves.
            g.place.push((s.unwrap_or(0), l.unwrap_or(0)));
            g.touchpoints[i].tally.add_pain(t.pain);
        }
        // Feedback mostly comes grouped by its target: the last lookup is kept.
        let mut last: Option<(&str, Option<usize>)> = None;
        for f in &map.feedback {
            let date = f.date.as_deref();
            let (id, ranks) = match &f.target {
                FeedbackTarget::Stage(id) => (id.as_str(), &ix.stage_rank),
                FeedbackTarget::Touchpoint(id) => (id.as_str(), &ix.touchpoint_rank),
            };
            let found = match last {
                Some((prev, found)) if same(prev, id) => found,
                _ => {
                    let found = ranks.get(id).copied();
                    last = Some((id, found));
                    found
                }
            };
            let group = match (&f.target, found) {
                (FeedbackTarget::Touchpoint(_), Some(i)) => {
                    g.feedback_touchpoint.push(i as u32);
                    &mut g.touchpoints[i]
                }
                (FeedbackTarget::Stage(_), Some(s)) => {
                    g.feedback_touchpoint.push(NO_TOUCHPOINT);
                    &mut g.stages[s]
                }
                // Not on anything known: the map's alone.
                (_, None) => {
                    g.feedback_touchpoint.push(NO_TOUCHPOINT);
                    &mut g.map
                }
            };
            group.tally.add_feedback(&f.answers);
            group.dates.add(date);
        }
        for (t, &(s, l)) in g.touchpoints.iter().zip(&g.place) {
            g.stages[s].merge(t);
            g.lanes[l].merge(t);
            let c = &mut g.cells[l * ns + s];
            c.merge(t);
            c.touchpoints += 1;
        }
        for s in &g.stages {
            g.map.merge(s);
        }
        g
    }
}
