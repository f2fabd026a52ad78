//! Numbers computed from evidence, each with the n it rests on.
//!
//! - NPS = round(100 × (promoters − detractors) / n), promoters answer 9–10, detractors 0–6.
//! - CSAT: mean of 1–5 answers and the share answering 4–5 ("satisfied").
//! - CES: mean of 1–7 answers and the share answering 5–7 ("easy").
//! - Pain: mean and maximum over scored touchpoints.
//!
//! A figure whose n is 0 is `None`: nothing is shown where there is no evidence.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::model::{FeedbackTarget, Id, JourneyMap, SurveyAnswers};

/// Net Promoter Score with its counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Nps {
    /// −100 to +100.
    pub score: i32,
    pub n: u32,
    pub promoters: u32,
    pub passives: u32,
    pub detractors: u32,
}

/// A mean on a bounded scale and the share of answers at its top.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ScaleStat {
    /// Rounded to two decimals.
    pub mean: f64,
    /// Percentage (0–100, whole number) of answers at the top of the scale:
    /// CSAT 4–5 (satisfied), CES 5–7 (easy).
    pub top_pct: i32,
    pub n: u32,
}

/// Pain over scored touchpoints.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct PainStat {
    /// Rounded to two decimals.
    pub mean: f64,
    pub max: u8,
    pub n: u32,
}

/// Every figure for one touchpoint, stage, lane or map.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Metrics {
    pub feedback_count: u32,
    pub nps: Option<Nps>,
    pub csat: Option<ScaleStat>,
    pub ces: Option<ScaleStat>,
    pub pain: Option<PainStat>,
}

/// Counts evidence as it is added; [`Tally::finish`] turns it into [`Metrics`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Tally {
    feedback: u32,
    nps: [u32; 11],
    csat: Scale,
    ces: Scale,
    pain_sum: u64,
    pain_n: u32,
    pain_max: u8,
}

#[derive(Debug, Clone, Copy, Default)]
struct Scale {
    sum: u64,
    n: u32,
    top: u32,
}

impl Scale {
    fn add(&mut self, v: u8, top_from: u8) {
        self.sum += u64::from(v);
        self.n += 1;
        if v >= top_from {
            self.top += 1;
        }
    }

    fn merge(&mut self, other: Scale) {
        self.sum += other.sum;
        self.n += other.n;
        self.top += other.top;
    }

    fn finish(self) -> Option<ScaleStat> {
        (self.n > 0).then(|| ScaleStat {
            mean: round2(self.sum as f64 / f64::from(self.n)),
            top_pct: percent(self.top, self.n),
            n: self.n,
        })
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn percent(part: u32, n: u32) -> i32 {
    // Whole numbers, half away from zero; exact for the integer inputs used here.
    (100.0 * f64::from(part) / f64::from(n)).round() as i32
}

impl Tally {
    /// Adds one piece of feedback and whatever survey answers it carries. Answers outside
    /// their ranges are ignored; validation keeps them out of maps in the first place.
    pub fn add_feedback(&mut self, answers: &SurveyAnswers) {
        self.feedback += 1;
        if let Some(v) = answers.nps.filter(|v| *v <= 10) {
            self.nps[usize::from(v)] += 1;
        }
        if let Some(v) = answers.csat.filter(|v| (1..=5).contains(v)) {
            self.csat.add(v, 4);
        }
        if let Some(v) = answers.ces.filter(|v| (1..=7).contains(v)) {
            self.ces.add(v, 5);
        }
    }

    /// Feedback items counted so far.
    pub fn feedback_count(&self) -> u32 {
        self.feedback
    }

    /// Adds everything another tally counted: the same as adding its items one by one.
    pub fn merge(&mut self, other: &Tally) {
        self.feedback += other.feedback;
        for (a, b) in self.nps.iter_mut().zip(other.nps) {
            *a += b;
        }
        self.csat.merge(other.csat);
        self.ces.merge(other.ces);
        self.pain_sum += other.pain_sum;
        self.pain_n += other.pain_n;
        self.pain_max = self.pain_max.max(other.pain_max);
    }

    /// Adds one touchpoint's pain score.
    pub fn add_pain(&mut self, pain: Option<u8>) {
        if let Some(p) = pain {
            self.pain_sum += u64::from(p);
            self.pain_n += 1;
            self.pain_max = self.pain_max.max(p);
        }
    }

    pub fn finish(&self) -> Metrics {
        let n: u32 = self.nps.iter().sum();
        let promoters = self.nps[9] + self.nps[10];
        let passives = self.nps[7] + self.nps[8];
        let detractors = n - promoters - passives;
        let nps = (n > 0).then(|| Nps {
            score: ((100.0 * (f64::from(promoters) - f64::from(detractors))) / f64::from(n)).round()
                as i32,
            n,
            promoters,
            passives,
            detractors,
        });
        let pain = (self.pain_n > 0).then(|| PainStat {
            mean: round2(self.pain_sum as f64 / f64::from(self.pain_n)),
            max: self.pain_max,
            n: self.pain_n,
        });
        Metrics {
            feedback_count: self.feedback,
            nps,
            csat: self.csat.finish(),
            ces: self.ces.finish(),
            pain,
        }
    }
}

/// Metrics for every touchpoint, stage, lane and the map as a whole.
///
/// - A touchpoint counts its own feedback and its own pain.
/// - A stage counts its own feedback and that of its touchpoints; pain over its touchpoints.
/// - A lane counts the feedback and pain of its touchpoints.
/// - The map counts all feedback and the pain of all touchpoints.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MapMetrics {
    pub map: Metrics,
    pub stages: BTreeMap<Id, Metrics>,
    pub lanes: BTreeMap<Id, Metrics>,
    pub touchpoints: BTreeMap<Id, Metrics>,
}

/// The groups whose figures [`MapMetrics::some`] computes (the map's are always computed).
#[derive(Debug, Clone, Copy)]
pub struct Groups<'a> {
    pub touchpoints: &'a std::collections::BTreeSet<Id>,
    pub stages: &'a std::collections::BTreeSet<Id>,
    pub lanes: &'a std::collections::BTreeSet<Id>,
}

/// A touchpoint's own tally (`None` when its figures are not asked for), its stage and its
/// lane.
type TouchpointTally<'m> = (Option<Tally>, &'m str, &'m str);

impl MapMetrics {
    /// The figures of the map and of only the groups given, with the attribution and the
    /// results of [`MapMetrics::compute`] (a test checks they agree). For an edit that
    /// touched a few touchpoints: one pass still, but tallies and a lookup only for the
    /// feedback of the groups asked for, and no table of every touchpoint.
    pub fn some(map: &JourneyMap, groups: Groups<'_>) -> MapMetrics {
        let mut all = Tally::default();
        let mut stages: HashMap<&str, Tally> = groups
            .stages
            .iter()
            .filter(|id| map.stages.iter().any(|s| &&s.id == id))
            .map(|id| (id.as_str(), Tally::default()))
            .collect();
        let mut lanes: HashMap<&str, Tally> = groups
            .lanes
            .iter()
            .filter(|id| map.lanes.iter().any(|l| &&l.id == id))
            .map(|id| (id.as_str(), Tally::default()))
            .collect();
        // The touchpoints whose feedback counts towards a group asked for: those asked
        // for, and those in a stage or lane asked for.
        let mut tps: HashMap<&str, TouchpointTally<'_>> = HashMap::new();
        for t in &map.touchpoints {
            all.add_pain(t.pain);
            let own = groups.touchpoints.contains(&t.id);
            let in_stage = stages.get_mut(t.stage_id.as_str());
            let counted_in_stage = in_stage.is_some();
            if let Some(s) = in_stage {
                s.add_pain(t.pain);
            }
            let in_lane = lanes.get_mut(t.lane_id.as_str());
            let counted_in_lane = in_lane.is_some();
            if let Some(l) = in_lane {
                l.add_pain(t.pain);
            }
            if own || counted_in_stage || counted_in_lane {
                let tally = own.then(|| {
                    let mut tally = Tally::default();
                    tally.add_pain(t.pain);
                    tally
                });
                tps.insert(
                    t.id.as_str(),
                    (tally, t.stage_id.as_str(), t.lane_id.as_str()),
                );
            }
        }
        Self::with_feedback(map, all, stages, lanes, tps)
    }

    /// One pass over the map's touchpoints and feedback.
    pub fn compute(map: &JourneyMap) -> MapMetrics {
        let mut all = Tally::default();
        let mut stages: HashMap<&str, Tally> = map
            .stages
            .iter()
            .map(|s| (s.id.as_str(), Tally::default()))
            .collect();
        let mut lanes: HashMap<&str, Tally> = map
            .lanes
            .iter()
            .map(|l| (l.id.as_str(), Tally::default()))
            .collect();
        let mut tps: HashMap<&str, TouchpointTally<'_>> = map
            .touchpoints
            .iter()
            .map(|t| {
                (
                    t.id.as_str(),
                    (
                        Some(Tally::default()),
                        t.stage_id.as_str(),
                        t.lane_id.as_str(),
                    ),
                )
            })
            .collect();

        for t in &map.touchpoints {
            all.add_pain(t.pain);
            if let Some(s) = stages.get_mut(t.stage_id.as_str()) {
                s.add_pain(t.pain);
            }
            if let Some(l) = lanes.get_mut(t.lane_id.as_str()) {
                l.add_pain(t.pain);
            }
            if let Some((Some(tally), _, _)) = tps.get_mut(t.id.as_str()) {
                tally.add_pain(t.pain);
            }
        }
        Self::with_feedback(map, all, stages, lanes, tps)
    }

    /// Adds every feedback item to the map's tally and to the tallies of its stage, or of
    /// its touchpoint and that touchpoint's stage and lane, where they are kept; then the
    /// figures of every tally kept.
    fn with_feedback(
        map: &JourneyMap,
        mut all: Tally,
        mut stages: HashMap<&str, Tally>,
        mut lanes: HashMap<&str, Tally>,
        mut tps: HashMap<&str, TouchpointTally<'_>>,
    ) -> MapMetrics {
        for f in &map.feedback {
            all.add_feedback(&f.answers);
            match &f.target {
                FeedbackTarget::Stage(id) => {
                    if let Some(s) = stages.get_mut(id.as_str()) {
                        s.add_feedback(&f.answers);
                    }
                }
                FeedbackTarget::Touchpoint(id) => {
                    if let Some((tally, stage, lane)) = tps.get_mut(id.as_str()) {
                        if let Some(t) = tally {
                            t.add_feedback(&f.answers);
                        }
                        let (stage, lane) = (*stage, *lane);
                        if let Some(s) = stages.get_mut(stage) {
                            s.add_feedback(&f.answers);
                        }
                        if let Some(l) = lanes.get_mut(lane) {
                            l.add_feedback(&f.answers);
                        }
                    }
                }
            }
        }
        MapMetrics {
            map: all.finish(),
            stages: stages
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.finish()))
                .collect(),
            lanes: lanes
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.finish()))
                .collect(),
            touchpoints: tps
                .into_iter()
                .filter_map(|(k, (t, _, _))| t.map(|t| (k.to_string(), t.finish())))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The figures of a few groups are the ones the whole computation gives them, for
    /// every touchpoint, stage and lane of the sample map taken a few at a time.
    #[test]
    fn some_groups_agree_with_the_whole_map() {
        use std::collections::BTreeSet;
        let map = crate::sample::sample_map().expect("sample");
        let whole = MapMetrics::compute(&map);
        let ids = |items: Vec<&String>, at: usize| -> BTreeSet<Id> {
            items.into_iter().skip(at).step_by(3).cloned().collect()
        };
        for at in 0..3 {
            let tps = ids(map.touchpoints.iter().map(|t| &t.id).collect(), at);
            let stages = ids(map.stages.iter().map(|s| &s.id).collect(), at);
            let lanes = ids(map.lanes.iter().map(|l| &l.id).collect(), at);
            let some = MapMetrics::some(
                &map,
                Groups {
                    touchpoints: &tps,
                    stages: &stages,
                    lanes: &lanes,
                },
            );
            assert_eq!(some.map, whole.map);
            assert_eq!(some.touchpoints.len(), tps.len());
            for (id, m) in &some.touchpoints {
                assert_eq!(Some(m), whole.touchpoints.get(id), "touchpoint {id}");
            }
            assert_eq!(some.stages.len(), stages.len());
            for (id, m) in &some.stages {
                assert_eq!(Some(m), whole.stages.get(id), "stage {id}");
            }
            assert_eq!(some.lanes.len(), lanes.len());
            for (id, m) in &some.lanes {
                assert_eq!(Some(m), whole.lanes.get(id), "lane {id}");
            }
        }
    }

    fn nps_of(answers: &[u8]) -> Option<Nps> {
        let mut t = Tally::default();
        for a in answers {
            t.add_feedback(&SurveyAnswers {
                nps: Some(*a),
                ..Default::default()
            });
        }
        t.finish().nps
    }

    /// Each row: answers, expected score, promoters, passives, detractors.
    #[test]
    fn nps_known_answers() {
        let rows: &[(&[u8], i32, u32, u32, u32)] = &[
            (&[10], 100, 1, 0, 0),
            (&[0], -100, 0, 0, 1),
            (&[7, 8], 0, 0, 2, 0),
            (&[9, 10, 6, 7], 25, 2, 1, 1),
            // 2 promoters, 1 detractor of 3: 33.33 rounds to 33.
            (&[9, 9, 3], 33, 2, 0, 1),
            // 1 promoter, 2 detractors of 3: −33.33 rounds to −33.
            (&[10, 6, 6], -33, 1, 0, 2),
            // 1 of 8 net: 12.5 rounds away from zero to 13.
            (&[9, 8, 8, 8, 8, 8, 8, 8], 13, 1, 7, 0),
            (&[6, 8, 8, 8, 8, 8, 8, 8], -13, 0, 7, 1),
        ];
        for (answers, score, p, pa, d) in rows {
            let nps = nps_of(answers).expect("answers given");
            assert_eq!(
                (
                    nps.score,
                    nps.promoters,
                    nps.passives,
                    nps.detractors,
                    nps.n
                ),
                (*score, *p, *pa, *d, answers.len() as u32),
                "answers {answers:?}"
            );
        }
        assert_eq!(nps_of(&[]), None);
    }

    #[test]
    fn csat_ces_and_pain() {
        let mut t = Tally::default();
        for (csat, ces) in [
            (Some(5), Some(7)),
            (Some(4), Some(4)),
            (Some(1), None),
            (None, Some(5)),
        ] {
            t.add_feedback(&SurveyAnswers {
                nps: None,
                csat,
                ces,
            });
        }
        t.add_pain(Some(3));
        t.add_pain(None);
        t.add_pain(Some(8));
        let m = t.finish();
        assert_eq!(m.feedback_count, 4);
        assert_eq!(m.nps, None);
        assert_eq!(
            m.csat,
            Some(ScaleStat {
                mean: 3.33,
                top_pct: 67,
                n: 3
            })
        );
        assert_eq!(
            m.ces,
            Some(ScaleStat {
                mean: 5.33,
                top_pct: 67,
                n: 3
            })
        );
        assert_eq!(
            m.pain,
            Some(PainStat {
                mean: 5.5,
                max: 8,
                n: 2
            })
        );
    }

    #[test]
    fn nothing_shown_without_evidence() {
        let m = Tally::default().finish();
        assert_eq!(m, Metrics::default());
    }
}
