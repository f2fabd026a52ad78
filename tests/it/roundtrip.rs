//! Property: any valid map exports, imports into an empty database and exports again to
//! the same bytes; and parsing its export gives the same map back.

use journey_app::ImportMode;
use journey_core::interchange::{export_json, parse_map_file, Limits};
use journey_core::model::*;
use proptest::prelude::*;

use crate::support::TestApp;

fn text(max: usize) -> impl Strategy<Value = String> {
    // Letters, spaces, quotes, markup and non-ASCII: what users actually type.
    proptest::string::string_regex(&format!("[a-zA-Z0-9 é漢🙂<>&\"'\\\\/\\n]{{0,{max}}}"))
        .expect("regex")
}

fn title() -> impl Strategy<Value = String> {
    text(30).prop_map(|s| {
        if s.trim().is_empty() {
            format!("t{s}x")
        } else {
            s
        }
    })
}

prop_compose! {
    fn arb_map()(
        name in title(),
        description in text(60),
        persona in text(20),
        n_stages in 1usize..5,
        lanes in proptest::collection::vec((title(), any::<bool>(), proptest::bool::ANY), 1..5),
        tps in proptest::collection::vec((0usize..5, 0usize..5, title(), text(40), proptest::option::of(0u8..=10), proptest::option::of(-2i8..=2)), 0..25),
        links in proptest::collection::vec((0usize..25, 0usize..25, 0usize..3, proptest::option::of(text(10))), 0..20),
        fbs in proptest::collection::vec((0usize..30, 0usize..5, title(), proptest::option::of(0u8..=10), proptest::option::of(1u8..=5), proptest::option::of(1u8..=7), proptest::option::of(1u32..28)), 0..30),
        decs in proptest::collection::vec((0usize..25, any::<bool>(), title(), text(20), proptest::option::of(1u32..28)), 0..6),
        rounds in proptest::collection::vec((title(), 1u32..=5, 1u32..=8, any::<bool>(), proptest::collection::vec(0u32..=3, 0..8)), 0..3),
    ) -> JourneyMap {
        let stages: Vec<Stage> = (0..n_stages).map(|i| Stage {
            id: format!("st_{i}"), name: format!("Stage {i}"), description: String::new(),
            pain: (i % 3 == 0).then_some(i as u8), emotion: None, position: i as f64 + 1.0,
        }).collect();
        let lanes: Vec<Lane> = lanes.into_iter().enumerate().map(|(i, (name, hidden, built_in))| Lane {
            id: format!("ln_{i}"), name,
            kind: if built_in { LaneKind::BUILT_IN[i] } else { LaneKind::Custom },
            hidden, position: i as f64 + 1.0,
        }).collect();
        let touchpoints: Vec<Touchpoint> = tps.into_iter().enumerate().map(|(i, (s, l, title, description, pain, emotion))| Touchpoint {
            id: format!("tp_{i}"), stage_id: stages[s % stages.len()].id.clone(), lane_id: lanes[l % lanes.len()].id.clone(),
            title, description, channel: "Web".into(), owner: String::new(), pain, emotion, position: 0.0,
        }).collect();
        let mut seen = std::collections::HashSet::new();
        let links: Vec<Link> = if touchpoints.len() < 2 { vec![] } else {
            links.into_iter().enumerate().filter_map(|(i, (a, b, k, label))| {
                let (from, to) = (a % touchpoints.len(), b % touchpoints.len());
                let kind = LinkKind::ALL[k];
                (from != to && seen.insert((from, to, kind))).then(|| Link {
                    id: format!("lk_{i}"), from: touchpoints[from].id.clone(), to: touchpoints[to].id.clone(), kind,
                    label: label.map(|l| l.trim().to_string()).filter(|l| !l.is_empty()),
                })
            }).collect()
        };
        let feedback: Vec<Feedback> = fbs.into_iter().enumerate().map(|(i, (target, kind, text, nps, csat, ces, day))| {
            let target = if touchpoints.is_empty() || target >= touchpoints.len() {
                FeedbackTarget::Stage(stages[target % stages.len()].id.clone())
            } else {
                FeedbackTarget::Touchpoint(touchpoints[target].id.clone())
            };
            Feedback {
                id: format!("fb_{i}"), target, kind: FeedbackKind::ALL[kind], text, source: "s".into(),
                date: day.map(|d| format!("2026-02-{d:02}")), segment: String::new(),
                answers: SurveyAnswers { nps, csat, ces },
            }
        }).collect();
        let decisions: Vec<Decision> = if touchpoints.is_empty() { vec![] } else {
            decs.into_iter().enumerate().map(|(i, (t, opportunity, text, owner, due))| Decision {
                id: format!("dc_{i}"), touchpoint_id: touchpoints[t % touchpoints.len()].id.clone(),
                kind: if opportunity { DecisionKind::Opportunity } else { DecisionKind::Decision },
                text, owner, due: due.map(|d| format!("2027-01-{d:02}")),
                created_at: format!("2026-12-03T10:{:02}:00Z", i % 60),
            }).collect()
        };
        // Each voter places at most one dot per item, within the budget: dots per item ≤
        // voters, total ≤ voters × budget.
        let rounds: Vec<VotingRound> = rounds.into_iter().enumerate().map(|(i, (name, budget, voters, one, dots))| {
            let mut left = budget * voters;
            let votes = dots.into_iter().enumerate().take(touchpoints.len()).map(|(j, d)| {
                let d = d.min(voters).min(left);
                left -= d;
                Vote { touchpoint_id: touchpoints[j].id.clone(), dots: d }
            }).collect();
            VotingRound {
                id: format!("vr_{i}"), name, held_at: "2026-12-03T11:00:00Z".into(), budget, voters,
                one_per_item: one, scope: "All pain points".into(), votes,
            }
        }).collect();
        let mut map = JourneyMap {
            meta: MapMeta {
                id: "jm_prop".into(), name, description,
                persona: Persona { name: persona, description: String::new() },
                created_at: "2026-01-01T00:00:00Z".into(), updated_at: "2026-01-01T00:00:01Z".into(),
            },
            stages, lanes, touchpoints, links, feedback,
            decisions, rounds,
        };
        map.sort_for_display();
        map
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn export_import_export_is_byte_identical(map in arb_map()) {
        let first = export_json(&map);
        let parsed = parse_map_file(first.as_bytes(), &Limits::default()).expect("own export parses");
        prop_assert_eq!(export_json(&parsed), first.clone());

        let mut t = TestApp::new();
        let id = t.app.import_map(first.as_bytes(), ImportMode::Refuse).expect("imports");
        prop_assert_eq!(&id, "jm_prop");
        prop_assert_eq!(t.app.export_map(&id).expect("exports"), first);
    }
}
