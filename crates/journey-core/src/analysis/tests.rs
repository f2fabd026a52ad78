//! Known answers on small hand-built maps, worked out by hand in each test.

use super::*;
use crate::testing::MapBuilder;

fn analyse(map: &JourneyMap) -> Analysis {
    Analysis::of(map, &EvidenceRules::default()).expect("valid map")
}

fn path_ids(p: &PainPathInsight) -> Vec<&str> {
    p.steps.iter().map(|s| s.touchpoint_id.as_str()).collect()
}

#[test]
fn an_empty_map_says_nothing_and_says_it_has_no_evidence() {
    let a = analyse(&MapBuilder::new().build());
    assert!(a.pain_points.is_empty() && a.pain_paths.is_empty() && a.cycles.is_empty());
    assert!(a.heatmap.cells.is_empty() && a.curve.is_empty());
    assert_eq!(a.map.evidence.weak.to_vec(), [WeakReason::NoEvidence]);
}

/// a(2) → b(9) → d(1), a → c(3) → d: the paths are a-b-d (12) and a-c-d (6).
#[test]
fn pain_paths_of_a_diamond_most_painful_first() {
    let map = MapBuilder::new()
        .stage("s")
        .lane("l")
        .touchpoint("a", "s", "l", Some(2))
        .touchpoint("b", "s", "l", Some(9))
        .touchpoint("c", "s", "l", Some(3))
        .touchpoint("d", "s", "l", Some(1))
        .link("a", "b", LinkKind::Flow)
        .link("a", "c", LinkKind::Flow)
        .link("b", "d", LinkKind::Flow)
        .link("c", "d", LinkKind::Flow)
        .build();
    let a = analyse(&map);
    let got: Vec<(Vec<&str>, u32)> = a
        .pain_paths
        .iter()
        .map(|p| (path_ids(p), p.total_pain))
        .collect();
    assert_eq!(got, [(vec!["a", "b", "d"], 12), (vec!["a", "c", "d"], 6)]);
    assert_eq!(a.pain_paths[1].rank, 2);
}

/// Two branches of equal pain: the one whose link was made first wins the tie.
#[test]
fn tied_paths_follow_the_order_links_were_made() {
    let map = MapBuilder::new()
        .stage("s")
        .lane("l")
        .touchpoint("a", "s", "l", Some(1))
        .touchpoint("x", "s", "l", Some(4))
        .touchpoint("y", "s", "l", Some(4))
        .touchpoint("z", "s", "l", Some(1))
        .link("a", "y", LinkKind::Flow)
        .link("a", "x", LinkKind::Flow)
        .link("y", "z", LinkKind::Flow)
        .link("x", "z", LinkKind::Flow)
        .build();
    let a = analyse(&map);
    assert_eq!(path_ids(&a.pain_paths[0]), ["a", "y", "z"]);
    assert_eq!(path_ids(&a.pain_paths[1]), ["a", "x", "z"]);
    assert_eq!(
        (a.pain_paths[0].total_pain, a.pain_paths[1].total_pain),
        (6, 6)
    );
}

/// a → b → c → b (a cycle b, c) and c → d: the cycle is reported, and the path walks it
/// once, forward in map order: a-b-c-d, with the unscored c counted 0 and listed.
#[test]
fn a_cycle_is_reported_and_never_looped() {
    let map = MapBuilder::new()
        .stage("s")
        .lane("l")
        .touchpoint("a", "s", "l", Some(1))
        .touchpoint("b", "s", "l", Some(5))
        .touchpoint("c", "s", "l", None)
        .touchpoint("d", "s", "l", Some(2))
        .link("a", "b", LinkKind::Flow)
        .link("b", "c", LinkKind::Flow)
        .link("c", "b", LinkKind::Flow)
        .link("c", "d", LinkKind::Flow)
        .build();
    let a = analyse(&map);
    assert_eq!(a.cycles, [vec!["b".to_string(), "c".to_string()]]);
    assert_eq!(a.pain_paths.len(), 1);
    assert_eq!(path_ids(&a.pain_paths[0]), ["a", "b", "c", "d"]);
    assert_eq!(a.pain_paths[0].total_pain, 8);
    assert_eq!(a.pain_paths[0].unscored, ["c"]);
}

/// Stages s1, s2, s3. p(s1) → q(s2) flows on; r(s2) → p(s1) goes backwards; q ends in s2
/// before the last stage; o has no flow at all; a hand-off h1 → h2 in the same lane and
/// owner is stale.
#[test]
fn structure_problems() {
    let map = MapBuilder::new()
        .stage("s1")
        .stage("s2")
        .stage("s3")
        .lane("l")
        .touchpoint("p", "s1", "l", None)
        .touchpoint("q", "s2", "l", None)
        .touchpoint("r", "s2", "l", None)
        .touchpoint("o", "s3", "l", None)
        .touchpoint("h1", "s3", "l", None)
        .touchpoint("h2", "s3", "l", None)
        .owner("h1", "Support")
        .owner("h2", "Support")
        .link("p", "q", LinkKind::Flow)
        .link("r", "p", LinkKind::Flow)
        .link("h1", "h2", LinkKind::Handoff)
        .build();
    let s = analyse(&map).structure;
    assert_eq!(s.orphans, ["o", "h1", "h2"]);
    assert_eq!(s.dead_ends, ["q"]);
    assert_eq!(s.backwards, ["lk_2"]);
    assert_eq!(s.stale_handoffs, ["lk_3"]);
}

/// Flow a(l1, pain 2) → b(l2, pain 8) crosses lanes; b → c (same lane, owners Sales and
/// Support) crosses owners; c → d (same lane, same owner) does not.
#[test]
fn handoffs_cross_lanes_or_owners() {
    let map = MapBuilder::new()
        .stage("s1")
        .stage("s2")
        .lane("l1")
        .lane("l2")
        .touchpoint("a", "s1", "l1", Some(2))
        .touchpoint("b", "s1", "l2", Some(8))
        .touchpoint("c", "s2", "l2", Some(4))
        .touchpoint("d", "s2", "l2", None)
        .owner("b", "Sales")
        .owner("c", "Support")
        .owner("d", "Support")
        .link("a", "b", LinkKind::Flow)
        .link("b", "c", LinkKind::Flow)
        .link("c", "d", LinkKind::Flow)
        .build();
    let a = analyse(&map);
    let links: Vec<&str> = a.handoffs.iter().map(|h| h.link_id.as_str()).collect();
    assert_eq!(links, ["lk_1", "lk_2"]);
    assert_eq!(
        (a.handoffs[0].from_pain, a.handoffs[0].to_pain),
        (Some(2), Some(8))
    );
    let per_stage: Vec<(&str, u32)> = a
        .handoffs_per_stage
        .iter()
        .map(|c| (c.stage_id.as_str(), c.count))
        .collect();
    assert_eq!(per_stage, [("s1", 2)]);
    let pairs: Vec<(&str, &str, u32, Option<f64>)> = a
        .handoffs_per_lane_pair
        .iter()
        .map(|p| {
            (
                p.from_lane_id.as_str(),
                p.to_lane_id.as_str(),
                p.count,
                p.mean_to_pain,
            )
        })
        .collect();
    assert_eq!(
        pairs,
        [("l1", "l2", 1, Some(8.0)), ("l2", "l2", 1, Some(4.0))]
    );
}

/// x (support, pain 6, two feedback) depends on the system s; y (sales, pain 3) depends on
/// x; t (third party) depends on s too but is backstage itself. Fixing s helps x and y:
/// pain 9, 2 feedback. Nothing depends on t, so t has no impact and is not listed.
#[test]
fn backstage_impact_is_transitive_and_customer_facing() {
    let map = MapBuilder::new()
        .stage("st")
        .lane_of_kind("sys", LaneKind::SupportingSystems)
        .lane_of_kind("sup", LaneKind::Support)
        .lane_of_kind("sal", LaneKind::Sales)
        .lane_of_kind("tp3", LaneKind::ThirdParty)
        .touchpoint("s", "st", "sys", Some(1))
        .touchpoint("x", "st", "sup", Some(6))
        .touchpoint("y", "st", "sal", Some(3))
        .touchpoint("t", "st", "tp3", Some(5))
        .link("x", "s", LinkKind::DependsOn)
        .link("y", "x", LinkKind::DependsOn)
        .link("t", "s", LinkKind::DependsOn)
        .feedback(FeedbackTarget::Touchpoint("x".into()), Some(2))
        .feedback(FeedbackTarget::Touchpoint("x".into()), None)
        .build();
    let a = analyse(&map);
    let s = a
        .backstage
        .iter()
        .find(|b| b.touchpoint_id == "s")
        .expect("s is backstage");
    assert_eq!(s.dependents, ["x", "y"]);
    assert_eq!((s.total_pain, s.feedback_count), (9, 2));
    assert_eq!(
        a.backstage.len(),
        1,
        "t is backstage but nothing customer-facing depends on it: no impact to list"
    );
}

/// Cell (s1, l1) holds a (pain 4) and b (pain 8) with NPS answers 10, 0, 9 on a and 3 on
/// b: mean pain 6, max 8, NPS (2 − 2)/4 = 0 with n 4, 4 feedback.
#[test]
fn heatmap_cells_and_totals() {
    let map = MapBuilder::new()
        .stage("s1")
        .stage("s2")
        .lane("l1")
        .lane("l2")
        .touchpoint("a", "s1", "l1", Some(4))
        .touchpoint("b", "s1", "l1", Some(8))
        .touchpoint("c", "s2", "l2", None)
        .feedback(FeedbackTarget::Touchpoint("a".into()), Some(10))
        .feedback(FeedbackTarget::Touchpoint("a".into()), Some(0))
        .feedback(FeedbackTarget::Touchpoint("a".into()), Some(9))
        .feedback(FeedbackTarget::Touchpoint("b".into()), Some(3))
        .feedback(FeedbackTarget::Stage("s2".into()), Some(10))
        .build();
    let h = analyse(&map).heatmap;
    assert_eq!(h.cells.len(), 4, "2 lanes × 2 stages");
    let cell = &h.cells[0];
    assert_eq!(
        (
            cell.stage_id.as_str(),
            cell.lane_id.as_str(),
            cell.touchpoints
        ),
        ("s1", "l1", 2)
    );
    let m = cell.figures.metrics;
    assert_eq!(m.pain.map(|p| (p.mean, p.max)), Some((6.0, 8)));
    assert_eq!(m.nps.map(|n| (n.score, n.n)), Some((0, 4)));
    assert_eq!(m.feedback_count, 4);
    assert_eq!(
        cell.figures.evidence.weak.to_vec(),
        [WeakReason::FewAnswers]
    );
    // Row l1, stage s2 is empty; row l2, stage s2 holds c and no feedback.
    assert_eq!(h.cells[1].touchpoints, 0);
    assert_eq!(h.cells[3].figures.metrics.feedback_count, 0);
    // The stage total counts feedback on the stage itself: s2 has NPS +100 (n 1).
    assert_eq!(
        h.stage_totals[1].metrics.nps.map(|n| (n.score, n.n)),
        Some((100, 1))
    );
    assert_eq!(h.lane_totals[0].metrics.feedback_count, 4);
}

/// c has the most pain. a and b both have pain 8 and weak evidence (under 5 items); a has
/// more feedback (4 against 3), so a ranks before b. The pain of "unbacked" rests on no
/// feedback at all.
#[test]
fn pain_points_rank_by_pain_then_evidence_then_detractors_with_quotes() {
    let map = MapBuilder::new()
        .stage("s")
        .lane("l")
        .touchpoint("a", "s", "l", Some(8))
        .touchpoint("b", "s", "l", Some(8))
        .touchpoint("c", "s", "l", Some(9))
        .touchpoint("unbacked", "s", "l", Some(2))
        // a: three answers, two detractors (67%).
        .quote("a", Some(9), Some("2026-03-01"), "fine")
        .quote("a", Some(2), Some("2026-01-01"), "old complaint")
        .quote("a", Some(1), Some("2026-05-01"), "new complaint")
        .quote("a", None, None, "undated remark")
        // b: three answers, no detractors.
        .quote("b", Some(10), None, "love it")
        .quote("b", Some(9), None, "good")
        .quote("b", Some(8), None, "ok")
        .build();
    let a = analyse(&map);
    let order: Vec<&str> = a
        .pain_points
        .iter()
        .map(|p| p.touchpoint_id.as_str())
        .collect();
    // c first (pain 9). a and b tie on pain and are both weak (under 5 feedback); a has 4
    // feedback against b's 3, so a before b. unbacked last.
    assert_eq!(order, ["c", "a", "b", "unbacked"]);
    let pa = &a.pain_points[1];
    assert_eq!(pa.detractor_pct, Some(67));
    let quotes: Vec<&str> = pa.quotes.iter().map(|q| q.text.as_str()).collect();
    // Detractors first, newest first; then the rest newest first; three at most.
    assert_eq!(quotes, ["new complaint", "old complaint", "fine"]);
    let unbacked = a
        .touchpoints
        .iter()
        .find(|t| t.id == "unbacked")
        .expect("listed");
    assert!(unbacked.pain_unbacked);
    assert!(
        !a.touchpoints
            .iter()
            .find(|t| t.id == "a")
            .expect("listed")
            .pain_unbacked
    );
}

/// 60 scored touchpoints, pain 1 to 10 six times over (and two unscored): the ranking
/// names all 60, worst first, map order breaking ties; only the first
/// `TOP_PAIN_POINTS` are given in full, in the same order.
#[test]
fn the_ranking_lists_every_scored_touchpoint_and_the_top_in_full() {
    let mut b = MapBuilder::new().stage("s").lane("l");
    for i in 0..60u8 {
        b = b.touchpoint(&format!("t{i:02}"), "s", "l", Some(i % 10 + 1));
    }
    let map = b
        .touchpoint("u1", "s", "l", None)
        .touchpoint("u2", "s", "l", Some(0))
        .build();
    let a = analyse(&map);
    // Pain 10 is i = 9, 19, …, 59; then pain 9: i = 8, 18, …
    let expected: Vec<String> = (1..=10u8)
        .rev()
        .flat_map(|p| (0..60u8).filter(move |i| i % 10 + 1 == p))
        .map(|i| format!("t{i:02}"))
        .collect();
    assert_eq!(a.pain_ranking, expected);
    assert_eq!(a.pain_points.len(), TOP_PAIN_POINTS);
    let full: Vec<&str> = a
        .pain_points
        .iter()
        .map(|p| p.touchpoint_id.as_str())
        .collect();
    assert_eq!(full, expected[..TOP_PAIN_POINTS]);
    assert_eq!(
        a.pain_points.last().map(|p| p.rank),
        Some(TOP_PAIN_POINTS as u32)
    );
}

/// Detractor share breaks a tie between equally evidenced touchpoints.
#[test]
fn detractor_share_breaks_a_tie() {
    let map = MapBuilder::new()
        .stage("s")
        .lane("l")
        .touchpoint("calm", "s", "l", Some(7))
        .touchpoint("angry", "s", "l", Some(7))
        .quote("calm", Some(10), None, "x")
        .quote("angry", Some(0), None, "y")
        .build();
    let order: Vec<Key> = analyse(&map)
        .pain_points
        .into_iter()
        .map(|p| p.touchpoint_id)
        .collect();
    assert_eq!(order, ["angry", "calm"]);
}

/// Stage s1: emotions −2 and +1 → mean −0.5 (n 2), pains 4 and 6 → 5 (n 2); s2 has no
/// touchpoints.
#[test]
fn the_curve_has_a_point_per_stage() {
    let map = MapBuilder::new()
        .stage("s1")
        .stage("s2")
        .lane("l")
        .touchpoint("a", "s1", "l", Some(4))
        .touchpoint("b", "s1", "l", Some(6))
        .emotion("a", -2)
        .emotion("b", 1)
        .build();
    let c = analyse(&map).curve;
    assert_eq!(c.len(), 2);
    assert_eq!(
        (
            c[0].mean_emotion,
            c[0].emotion_n,
            c[0].mean_pain,
            c[0].pain_n
        ),
        (Some(-0.5), 2, Some(5.0), 2)
    );
    assert_eq!((c[1].mean_emotion, c[1].mean_pain), (None, None));
}

/// A touchpoint in a stage or lane the map does not hold is the graph's error, never a
/// panic, whether the work runs on one thread or two.
#[test]
fn a_missing_stage_or_lane_is_an_error() {
    let mut map = MapBuilder::new()
        .stage("s")
        .lane("l")
        .touchpoint("a", "s", "l", Some(3))
        .build();
    map.touchpoints[0].stage_id = "gone".into();
    for parallel in [false, true] {
        assert!(matches!(
            Analysis::run(&map, &EvidenceRules::default(), parallel),
            Err(GraphError::MissingStage { .. })
        ));
    }
    map.stages.clear();
    assert!(Analysis::of(&map, &EvidenceRules::default()).is_err());
    let mut map = MapBuilder::new()
        .stage("s")
        .lane("l")
        .touchpoint("a", "s", "l", Some(3))
        .build();
    map.touchpoints[0].lane_id = "gone".into();
    assert!(matches!(
        Analysis::of(&map, &EvidenceRules::default()),
        Err(GraphError::MissingLane { .. })
    ));
}

/// The analysis resolves the map's references through its own index instead of building
/// the whole journey graph, so it must refuse what the graph refuses, with the same error:
/// ids used twice (by stages, touchpoints or one of each), a touchpoint in a stage or lane
/// the map does not hold, a link to a touchpoint it does not hold.
#[test]
fn a_broken_map_gets_the_graphs_error() {
    let base = || {
        MapBuilder::new()
            .stage("s1")
            .stage("s2")
            .lane("l")
            .touchpoint("a", "s1", "l", Some(3))
            .touchpoint("b", "s2", "l", Some(5))
            .link("a", "b", LinkKind::Flow)
            .build()
    };
    type Break = fn(&mut JourneyMap);
    let breaks: [(&str, Break); 7] = [
        ("two stages with one id", |m| m.stages[1].id = "s1".into()),
        ("two touchpoints with one id", |m| {
            m.touchpoints[1].id = "a".into()
        }),
        ("a touchpoint with a stage's id", |m| {
            m.touchpoints[1].id = "s2".into()
        }),
        ("a missing stage", |m| {
            m.touchpoints[1].stage_id = "gone".into()
        }),
        ("a missing lane", |m| {
            m.touchpoints[0].lane_id = "gone".into()
        }),
        ("a link from nowhere", |m| m.links[0].from = "gone".into()),
        ("a link to a stage", |m| m.links[0].to = "s2".into()),
    ];
    for (what, break_it) in breaks {
        let mut map = base();
        break_it(&mut map);
        let expected = crate::graph::JourneyGraph::build(&map).expect_err(what);
        for parallel in [false, true] {
            assert_eq!(
                Analysis::run(&map, &EvidenceRules::default(), parallel).expect_err(what),
                expected,
                "{what}"
            );
        }
    }
}

mod random {
    use proptest::prelude::*;

    use super::*;

    /// A map of up to 12 touchpoints over 3 stages and 3 lanes (one backstage) with
    /// arbitrary links of every kind, cycles included.
    fn arb_map() -> impl Strategy<Value = JourneyMap> {
        let tps = proptest::collection::vec(
            (0usize..3, 0usize..3, proptest::option::of(0u8..=10)),
            0..12,
        );
        let links = proptest::collection::vec((0usize..12, 0usize..12, 0usize..3), 0..30);
        let fb = proptest::collection::vec((0usize..12, proptest::option::of(0u8..=10)), 0..20);
        (tps, links, fb).prop_map(|(tps, links, fb)| {
            let mut b = MapBuilder::new()
                .stage("s0")
                .stage("s1")
                .stage("s2")
                .lane("l0")
                .lane_of_kind("l1", LaneKind::SupportingSystems)
                .lane("l2");
            for (i, (s, l, pain)) in tps.iter().enumerate() {
                b = b.touchpoint(&format!("t{i}"), &format!("s{s}"), &format!("l{l}"), *pain);
            }
            let n = tps.len();
            let mut seen = std::collections::HashSet::new();
            for (a, z, k) in links {
                if n == 0 || a % n == z % n || !seen.insert((a % n, z % n, k)) {
                    continue;
                }
                b = b.link(
                    &format!("t{}", a % n),
                    &format!("t{}", z % n),
                    LinkKind::ALL[k],
                );
            }
            for (t, nps) in fb {
                if n > 0 {
                    b = b.feedback(FeedbackTarget::Touchpoint(format!("t{}", t % n)), nps);
                }
            }
            b.build()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn never_panics_and_is_deterministic(map in arb_map()) {
            let first = analyse(&map);
            prop_assert_eq!(&first, &analyse(&map));
            // The same answer whether the graph half ran on a thread of its own or not
            // (maps this small run on one).
            let rules = EvidenceRules::default();
            prop_assert_eq!(&first, &Analysis::run(&map, &rules, true).expect("valid map"));
            prop_assert!(first.pain_paths.len() <= PATHS);
            for p in &first.pain_paths {
                // A path never repeats a touchpoint.
                let mut ids: Vec<_> = p.steps.iter().map(|s| &s.touchpoint_id).collect();
                ids.sort();
                ids.dedup();
                prop_assert_eq!(ids.len(), p.steps.len());
                let total: u32 = p.steps.iter().map(|s| u32::from(s.pain.unwrap_or(0))).sum();
                prop_assert_eq!(total, p.total_pain);
            }
            for w in first.pain_paths.windows(2) {
                prop_assert!(w[0].total_pain >= w[1].total_pain);
            }
            // The ranking holds every scored touchpoint once; the full ones are its head.
            let scored = map.touchpoints.iter().filter(|t| t.pain.is_some_and(|p| p > 0)).count();
            prop_assert_eq!(first.pain_ranking.len(), scored);
            let head: Vec<&Key> = first.pain_points.iter().map(|p| &p.touchpoint_id).collect();
            let ranked: Vec<&Key> = first.pain_ranking.iter().take(TOP_PAIN_POINTS).collect();
            prop_assert_eq!(head, ranked);
        }
    }
}

/// The ranking and the stage and lane totals on one map (what the old report checked).
#[test]
fn ranks_and_totals_per_stage_and_lane() {
    let map = MapBuilder::new()
        .stage("s1")
        .stage("s2")
        .lane("l1")
        .touchpoint("calm", "s1", "l1", Some(0))
        .touchpoint("a", "s1", "l1", Some(7))
        .touchpoint("b", "s1", "l1", Some(9))
        .touchpoint("c", "s2", "l1", Some(7))
        .touchpoint("d", "s2", "l1", Some(7))
        .touchpoint("unscored", "s2", "l1", None)
        .feedback(FeedbackTarget::Touchpoint("c".into()), Some(2))
        .feedback(FeedbackTarget::Touchpoint("c".into()), Some(10))
        .feedback(FeedbackTarget::Touchpoint("d".into()), Some(0))
        .feedback(FeedbackTarget::Stage("s2".into()), Some(9))
        .link("a", "c", LinkKind::Flow)
        .build();
    let r = analyse(&map);
    let order: Vec<_> = r
        .pain_points
        .iter()
        .map(|p| p.touchpoint_id.as_str())
        .collect();
    // b (9); then c and d (7, both weak) with c's 2 feedback before d's 1; then a (none).
    assert_eq!(order, ["b", "c", "d", "a"]);
    assert_eq!(r.pain_points[1].rank, 2);
    assert_eq!(r.pain_points[1].figures.metrics.feedback_count, 2);

    // Stage s2 holds c, d (pain 7, 7; unscored ignored) and all four answers:
    // promoters 10, 9; detractors 2, 0 → NPS 0 with n 4.
    let s2 = &r.heatmap.stage_totals[1].metrics;
    assert_eq!(s2.nps.map(|n| (n.score, n.n)), Some((0, 4)));
    assert_eq!(s2.pain.map(|p| (p.mean, p.max, p.n)), Some((7.0, 7, 2)));
    // Stage s1 has no feedback: no NPS at all.
    let s1 = &r.heatmap.stage_totals[0].metrics;
    assert_eq!(s1.nps, None);
    assert_eq!(s1.pain.map(|p| (p.mean, p.n)), Some((5.33, 3)));
    // The lane sees only touchpoint feedback (3 answers: 10 | 2, 0): (1 − 2)/3 → −33.
    let l1 = &r.heatmap.lane_totals[0].metrics;
    assert_eq!(l1.nps.map(|n| (n.score, n.n)), Some((-33, 3)));
    assert_eq!(r.map.metrics.feedback_count, 4);
    // a(7) → c(7).
    assert_eq!(r.pain_paths[0].total_pain, 14);
}

/// The analysis counts feedback and pain exactly as `MapMetrics` does, for every
/// touchpoint, stage and lane of the sample map.
#[test]
fn figures_agree_with_map_metrics() {
    let map = crate::sample::sample_map().expect("sample");
    let a = analyse(&map);
    let m = crate::metrics::MapMetrics::compute(&map);
    assert_eq!(a.map.metrics, m.map);
    for (s, f) in map.stages.iter().zip(&a.heatmap.stage_totals) {
        assert_eq!(f.metrics, m.stages[&s.id], "stage {}", s.name);
    }
    let visible = map.lanes.iter().filter(|l| !l.hidden);
    for (l, f) in visible.zip(&a.heatmap.lane_totals) {
        assert_eq!(f.metrics, m.lanes[&l.id], "lane {}", l.name);
    }
    for (t, p) in map.touchpoints.iter().zip(&a.touchpoints) {
        assert_eq!(
            p.evidence.n, m.touchpoints[&t.id].feedback_count,
            "{}",
            t.title
        );
    }
}
