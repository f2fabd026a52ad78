//! One pass over the map's touchpoints and feedback that tallies every group the analyses
//! report on: each touchpoint, stage, lane, cell and the map, with its feedback dates.
//! Indexed by position in the map, so a 10,000-touchpoint map costs one hash lookup per
//! feedback item and no string allocation.
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

impl Group<'_> {
    pub fn metrics(&self) -> Metrics {
        self.tally.finish()
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
}

impl<'m> Groups<'m> {
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
        };
        for (i, t) in map.touchpoints.iter().enumerate() {
            // The graph was built from this map, so every reference resolves.
            let s = ix.stage_rank.get(t.stage_id.as_str()).copied().unwrap_or(0);
            let l = ix.lane_rank.get(t.lane_id.as_str()).copied().unwrap_or(0);
            g.place.push((s, l));
            g.map.tally.add_pain(t.pain);
            g.touchpoints[i].tally.add_pain(t.pain);
            g.stages[s].tally.add_pain(t.pain);
            g.lanes[l].tally.add_pain(t.pain);
            let c = &mut g.cells[l * ns + s];
            c.tally.add_pain(t.pain);
            c.touchpoints += 1;
        }
        for f in &map.feedback {
            let date = f.date.as_deref();
            g.map.tally.add_feedback(&f.answers);
            g.map.dates.add(date);
            match &f.target {
                FeedbackTarget::Stage(id) => {
                    if let Some(&s) = ix.stage_rank.get(id.as_str()) {
                        g.stages[s].tally.add_feedback(&f.answers);
                        g.stages[s].dates.add(date);
                    }
                }
                FeedbackTarget::Touchpoint(id) => {
                    let Some(&i) = ix.touchpoint_rank.get(id.as_str()) else {
                        continue;
                    };
                    let (s, l) = g.place[i];
                    for group in [
                        &mut g.touchpoints[i],
                        &mut g.stages[s],
                        &mut g.lanes[l],
                        &mut g.cells[l * ns + s],
                    ] {
                        group.tally.add_feedback(&f.answers);
                        group.dates.add(date);
                    }
                }
            }
        }
        g
    }
}
