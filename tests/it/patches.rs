//! Property: after any sequence of edits, undos and redos through the desktop commands,
//! applying each answer's patch to the view the UI holds gives exactly the view read
//! fresh from the database; and a change made by another connection (the CLI) is picked
//! up by the next answer.

use journey_app::api::{self, *};
use journey_app::dto::MapView;
use journey_app::patch::MapPatch;
use journey_app::{
    App, DecisionFields, FeedbackFields, LaneFields, LinkFields, RoundFields, StageFields,
    TouchpointFields, VoteFields,
};
use journey_core::model::{DecisionKind, FeedbackKind, LinkKind};
use proptest::prelude::*;

use crate::support::TestApp;

fn feedback(nps: u8) -> FeedbackFields {
    FeedbackFields {
        kind: FeedbackKind::SurveyResponse,
        text: format!("Scored {nps}"),
        source: "Survey".into(),
        date: None,
        segment: String::new(),
        nps: Some(nps % 11),
        csat: Some(nps % 5 + 1),
        ces: None,
    }
}

/// One edit, picked by `op`, on items picked by `a` and `b`. Some are refused (deleting a
/// built-in lane, a duplicate link); the patch must then still be right.
pub(crate) fn run(app: &mut App, map: &str, op: u8, a: usize, b: usize) -> Option<MapPatch> {
    let m = app.load_map(map).expect("load");
    let pick = |n: usize, i: usize| (n > 0).then(|| i % n);
    let tp = pick(m.touchpoints.len(), a).map(|i| m.touchpoints[i].clone());
    let tp2 = pick(m.touchpoints.len(), b).map(|i| m.touchpoints[i].id.clone());
    let st = pick(m.stages.len(), a).map(|i| m.stages[i].clone());
    let ln = pick(m.lanes.len(), b).map(|i| m.lanes[i].clone());
    let lk = pick(m.links.len(), a).map(|i| m.links[i].id.clone());
    let fb = pick(m.feedback.len(), b).map(|i| m.feedback[i].id.clone());
    let dc = pick(m.decisions.len(), a).map(|i| m.decisions[i].id.clone());
    let vr = pick(m.rounds.len(), b).map(|i| m.rounds[i].id.clone());
    let r = match op {
        0 => tp.map(|t| {
            let f = TouchpointFields {
                title: t.title.clone(),
                description: t.description,
                channel: t.channel,
                owner: t.owner,
                pain: Some((b % 11) as u8),
                emotion: t.emotion,
            };
            api::update_touchpoint(
                &mut Ctx::new(app),
                UpdateTouchpointRequest {
                    map_id: map.into(),
                    id: t.id.clone(),
                    fields: f,
                },
            )
        }),
        1 => st.zip(ln.clone()).map(|(s, l)| {
            api::add_touchpoint(
                &mut Ctx::new(app),
                AddTouchpointRequest {
                    map_id: map.into(),
                    stage_id: s.id,
                    lane_id: l.id,
                    title: "New card".into(),
                    index: Some(a % 3),
                },
            )
        }),
        2 => tp.zip(st).zip(ln).map(|((t, s), l)| {
            api::move_touchpoint(
                &mut Ctx::new(app),
                MoveTouchpointRequest {
                    map_id: map.into(),
                    id: t.id,
                    stage_id: s.id,
                    lane_id: l.id,
                    index: b % 4,
                },
            )
        }),
        3 => tp.map(|t| {
            api::delete_touchpoint(
                &mut Ctx::new(app),
                DeleteTouchpointRequest {
                    map_id: map.into(),
                    id: t.id,
                },
            )
        }),
        4 => tp.map(|t| {
            api::add_feedback(
                &mut Ctx::new(app),
                AddFeedbackRequest {
                    map_id: map.into(),
                    target: FeedbackTargetDto::Touchpoint(t.id),
                    fields: feedback(b as u8),
                },
            )
        }),
        5 => st.map(|s| {
            api::add_feedback(
                &mut Ctx::new(app),
                AddFeedbackRequest {
                    map_id: map.into(),
                    target: FeedbackTargetDto::Stage(s.id),
                    fields: feedback(b as u8),
                },
            )
        }),
        6 => fb.map(|f| {
            api::update_feedback(
                &mut Ctx::new(app),
                UpdateFeedbackRequest {
                    map_id: map.into(),
                    id: f,
                    fields: feedback(a as u8),
                },
            )
        }),
        7 => fb.map(|f| {
            api::delete_feedback(
                &mut Ctx::new(app),
                DeleteFeedbackRequest {
                    map_id: map.into(),
                    id: f,
                },
            )
        }),
        8 => tp.zip(tp2).map(|(t, u)| {
            let f = LinkFields {
                kind: LinkKind::Flow,
                label: None,
            };
            api::add_link(
                &mut Ctx::new(app),
                AddLinkRequest {
                    map_id: map.into(),
                    from_id: t.id,
                    to_id: u,
                    fields: f,
                },
            )
        }),
        9 => lk.map(|l| {
            api::delete_link(
                &mut Ctx::new(app),
                DeleteLinkRequest {
                    map_id: map.into(),
                    id: l,
                },
            )
        }),
        10 => Some(api::add_stage(
            &mut Ctx::new(app),
            AddStageRequest {
                map_id: map.into(),
                name: "New stage".into(),
                index: Some(a % 4),
            },
        )),
        11 => st.map(|s| {
            let f = StageFields {
                name: format!("{} again", s.name),
                description: s.description,
                pain: Some((b % 11) as u8),
                emotion: None,
            };
            api::update_stage(
                &mut Ctx::new(app),
                UpdateStageRequest {
                    map_id: map.into(),
                    id: s.id,
                    fields: f,
                },
            )
        }),
        12 => st.map(|s| {
            api::move_stage(
                &mut Ctx::new(app),
                MoveStageRequest {
                    map_id: map.into(),
                    id: s.id,
                    index: b % 5,
                },
            )
        }),
        13 => st.map(|s| {
            api::delete_stage(
                &mut Ctx::new(app),
                DeleteStageRequest {
                    map_id: map.into(),
                    id: s.id,
                },
            )
        }),
        14 => Some(api::add_lane(
            &mut Ctx::new(app),
            AddLaneRequest {
                map_id: map.into(),
                name: "Thoughts".into(),
                index: Some(b % 3),
            },
        )),
        15 => ln.map(|l| {
            let f = LaneFields {
                name: l.name,
                hidden: a % 2 == 0,
            };
            api::update_lane(
                &mut Ctx::new(app),
                UpdateLaneRequest {
                    map_id: map.into(),
                    id: l.id,
                    fields: f,
                },
            )
        }),
        16 => ln.map(|l| {
            api::move_lane(
                &mut Ctx::new(app),
                MoveLaneRequest {
                    map_id: map.into(),
                    id: l.id,
                    index: a % 8,
                },
            )
        }),
        17 => ln.map(|l| {
            api::delete_lane(
                &mut Ctx::new(app),
                DeleteLaneRequest {
                    map_id: map.into(),
                    id: l.id,
                },
            )
        }),
        19 => tp.clone().map(|t| {
            api::add_decision(
                &mut Ctx::new(app),
                AddDecisionRequest {
                    map_id: map.into(),
                    touchpoint_id: t.id,
                    fields: DecisionFields {
                        kind: if a % 2 == 0 {
                            DecisionKind::Decision
                        } else {
                            DecisionKind::Opportunity
                        },
                        text: format!("Decide {a}"),
                        owner: "Team".into(),
                        due: None,
                    },
                },
            )
        }),
        20 => dc.map(|id| {
            api::delete_decision(
                &mut Ctx::new(app),
                DeleteDecisionRequest {
                    map_id: map.into(),
                    id,
                },
            )
        }),
        21 => tp.zip(tp2).filter(|(t, u)| t.id != *u).map(|(t, u)| {
            api::save_round(
                &mut Ctx::new(app),
                SaveRoundRequest {
                    map_id: map.into(),
                    fields: RoundFields {
                        name: format!("Round {b}"),
                        budget: 3,
                        voters: 2,
                        one_per_item: false,
                        scope: "Hand-picked (2)".into(),
                        votes: vec![
                            VoteFields {
                                touchpoint_id: t.id,
                                dots: (a % 4) as u32,
                            },
                            VoteFields {
                                touchpoint_id: u,
                                dots: (b % 3) as u32,
                            },
                        ],
                    },
                },
            )
        }),
        22 => vr.map(|id| {
            api::delete_round(
                &mut Ctx::new(app),
                DeleteRoundRequest {
                    map_id: map.into(),
                    id,
                },
            )
        }),
        18 => Some(api::undo(
            &mut Ctx::new(app),
            UndoRequest { map_id: map.into() },
        )),
        _ => Some(api::redo(
            &mut Ctx::new(app),
            RedoRequest { map_id: map.into() },
        )),
    };
    r.and_then(Result::ok).map(|e| e.patch)
}

/// Opens the map as the desktop app does.
fn open(app: &mut App, map: &str) -> Result<MapView, journey_app::AppError> {
    api::open_map(&mut Ctx::new(app), OpenMapRequest { id: map.into() })
}

/// The view the UI holds, after applying `patch`; checked against a fresh read.
fn check(app: &App, map: &str, held: &MapView, patch: &MapPatch) -> MapView {
    let next = held
        .apply(patch)
        .expect("the patch fits the view the UI holds");
    assert_eq!(
        next,
        app.view(map).expect("fresh view"),
        "patched view differs"
    );
    next
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn patches_rebuild_the_fresh_view(ops in proptest::collection::vec((0u8..24, 0usize..1000, 0usize..1000), 1..40)) {
        let mut t = TestApp::new();
        let map = t.app.create_sample().expect("sample");
        let mut held = open(&mut t.app, &map).expect("open");
        for (op, a, b) in ops {
            if let Some(patch) = run(&mut t.app, &map, op, a, b) {
                held = check(&t.app, &map, &held, &patch);
            }
        }
    }
}

#[test]
fn a_pain_edit_sends_only_what_it_changed() {
    let mut t = TestApp::new();
    let map = t.app.create_sample().expect("sample");
    let held = open(&mut t.app, &map).expect("open");
    let tp = held.touchpoints[5].clone();
    let f = TouchpointFields {
        title: tp.title.clone(),
        description: tp.description.clone(),
        channel: tp.channel.clone(),
        owner: tp.owner.clone(),
        pain: Some(if tp.pain == Some(9) { 2 } else { 9 }),
        emotion: tp.emotion,
    };
    let p = api::update_touchpoint(
        &mut Ctx::new(&mut t.app),
        UpdateTouchpointRequest {
            map_id: map.clone(),
            id: tp.id.clone(),
            fields: f,
        },
    )
    .expect("edit")
    .patch;
    let ids =
        |v: &[journey_app::dto::TouchpointDto]| v.iter().map(|t| t.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&p.touchpoints.changed), vec![tp.id.clone()]);
    assert_eq!(p.stages.changed.len(), 1, "its stage's mean pain moved");
    assert_eq!(p.lanes.changed.len(), 1, "its lane's mean pain moved");
    assert!(p.links.is_empty() && p.touchpoints.order.is_none());
    assert!(p.feedback_changed.is_empty());
    check(&t.app, &map, &held, &p);
}

#[test]
fn feedback_edits_name_the_lists_to_fetch_again() {
    let mut t = TestApp::new();
    let map = t.app.create_sample().expect("sample");
    let held = open(&mut t.app, &map).expect("open");
    let tp = held.touchpoints[2].id.clone();
    let p = api::add_feedback(
        &mut Ctx::new(&mut t.app),
        AddFeedbackRequest {
            map_id: map.clone(),
            target: FeedbackTargetDto::Touchpoint(tp.clone()),
            fields: feedback(3),
        },
    )
    .expect("add")
    .patch;
    assert_eq!(p.feedback_changed, vec![tp.clone()]);
    let held = check(&t.app, &map, &held, &p);
    let p = api::undo(
        &mut Ctx::new(&mut t.app),
        UndoRequest {
            map_id: map.clone(),
        },
    )
    .expect("undo")
    .patch;
    assert_eq!(p.feedback_changed, vec![tp]);
    check(&t.app, &map, &held, &p);
}

#[test]
fn a_change_from_another_process_comes_with_the_next_answer() {
    let mut t = TestApp::new();
    let map = t.app.create_sample().expect("sample");
    let held = open(&mut t.app, &map).expect("open");
    // The CLI, say, renames a stage through its own connection.
    let mut cli = App::open(&t.app.db_path()).expect("second connection");
    let s = held.stages[0].clone();
    let f = StageFields {
        name: "Renamed elsewhere".into(),
        description: s.description.clone(),
        pain: s.pain,
        emotion: s.emotion,
    };
    cli.update_stage(&s.id, &f).expect("outside edit");
    drop(cli);
    // The next edit in the app answers with everything, so the board shows both.
    let p = api::add_stage(
        &mut Ctx::new(&mut t.app),
        AddStageRequest {
            map_id: map.clone(),
            name: "Mine".into(),
            index: None,
        },
    )
    .expect("edit")
    .patch;
    let next = check(&t.app, &map, &held, &p);
    assert_eq!(next.stages[0].name, "Renamed elsewhere");
    assert!(next.stages.iter().any(|s| s.name == "Mine"));
}

/// The analysis of the open map, taken from the copy in memory, equals the analysis of
/// the map read fresh, after edits of every kind.
#[test]
fn the_open_maps_analysis_is_the_fresh_one() {
    let mut t = TestApp::new();
    let map = t.app.create_sample().expect("sample");
    open(&mut t.app, &map).expect("open");
    for (op, a, b) in [
        (0, 3, 7),
        (4, 5, 1),
        (8, 2, 9),
        (13, 1, 0),
        (18, 0, 0),
        (2, 7, 3),
    ] {
        run(&mut t.app, &map, op, a, b);
        let rules = t.app.evidence_rules(&map).expect("rules");
        let fresh = journey_app::insight::analysis_of(&t.app.load_map(&map).expect("load"), &rules)
            .expect("fresh");
        assert_eq!(
            t.app.analysis(&map).expect("from memory"),
            fresh,
            "after op {op}"
        );
    }
}
