//! What a user does, through the use-cases, on real database files.

use journey_app::{
    FeedbackFields, HistoryKey, LaneFields, LinkFields, MapFields, StageFields, TouchpointFields,
};
use journey_core::model::{FeedbackKind, FeedbackTarget, LaneKind, LinkKind};

use crate::support::{strip_updated, TestApp};

fn quote(text: &str, nps: Option<u8>) -> FeedbackFields {
    FeedbackFields {
        kind: FeedbackKind::Quote,
        text: text.into(),
        source: "Interview 1".into(),
        date: Some("2026-05-01".into()),
        segment: "SMB".into(),
        nps,
        csat: None,
        ces: None,
    }
}

#[test]
fn a_new_map_is_built_cell_by_cell_and_survives_a_restart() {
    let mut t = TestApp::new();
    let map = t.app.create_map("Checkout").expect("create");
    let m = t.app.load_map(&map).expect("load");
    let kinds: Vec<_> = m.lanes.iter().map(|l| l.kind).collect();
    assert_eq!(kinds, LaneKind::BUILT_IN, "the seven CPE lanes, in order");

    let browse = t.app.add_stage(&map, "Browse", None).expect("stage");
    let pay = t.app.add_stage(&map, "Pay", None).expect("stage");
    let first = t
        .app
        .add_stage(&map, "Discover", Some(0))
        .expect("stage at front");
    let lane = m.lanes[2].id.clone();
    let tp = t
        .app
        .add_touchpoint(&pay, &lane, "Card form", None)
        .expect("touchpoint");
    t.app
        .update_touchpoint(
            &tp,
            &TouchpointFields {
                title: "Card form".into(),
                description: "Where people give up".into(),
                channel: "Web".into(),
                owner: "Payments".into(),
                pain: Some(8),
                emotion: Some(-2),
            },
        )
        .expect("edit");
    t.app
        .add_feedback(
            &FeedbackTarget::Touchpoint(tp.clone()),
            &quote("Too many fields", Some(2)),
        )
        .expect("fb");
    t.app
        .add_feedback(
            &FeedbackTarget::Touchpoint(tp.clone()),
            &quote("Fast enough", Some(10)),
        )
        .expect("fb");
    t.app
        .add_feedback(
            &FeedbackTarget::Stage(pay.clone()),
            &quote("Paying is fine", Some(9)),
        )
        .expect("fb");

    let report = t.app.analysis(&map).expect("report");
    let pay_at = report
        .heatmap
        .stage_ids
        .iter()
        .position(|s| *s == pay)
        .expect("pay");
    let pay_metrics = &report.heatmap.stage_totals[pay_at].metrics;
    // Answers 2, 10, 9: promoters 2, detractors 1 → round(100 × 1/3) = 33, n = 3.
    assert_eq!(pay_metrics.nps.map(|n| (n.score, n.n)), Some((33, 3)));
    assert_eq!(report.pain_points[0].touchpoint_id, tp);

    let t = t.reopen();
    let m = t.app.load_map(&map).expect("load after restart");
    let names: Vec<_> = m.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Discover", "Browse", "Pay"]);
    assert_eq!(m.stages[0].id, first);
    assert_eq!(m.stages[1].id, browse);
    let card = m.touchpoint(&tp).expect("card");
    assert_eq!(
        (card.pain, card.emotion, card.owner.as_str()),
        (Some(8), Some(-2), "Payments")
    );
    assert_eq!(m.feedback.len(), 3);
}

#[test]
fn every_edit_undoes_and_redoes_exactly() {
    let mut t = TestApp::new();
    let map = t.app.create_sample().expect("sample");
    let start = t.app.export_map(&map).expect("export");
    let m = t.app.load_map(&map).expect("load");
    let (s0, s1) = (m.stages[0].id.clone(), m.stages[1].id.clone());
    let tp = m.touchpoints[3].id.clone();
    let other = m.touchpoints[10].id.clone();
    let custom = m
        .lanes
        .iter()
        .find(|l| l.kind == LaneKind::Custom)
        .expect("custom lane")
        .id
        .clone();
    let fb = m.feedback[0].id.clone();
    let link = m.links[0].id.clone();

    type Edit = Box<dyn Fn(&mut journey_app::App)>;
    let edits: Vec<(&str, Edit)> = vec![
        (
            "rename map",
            Box::new({
                let map = map.clone();
                move |a| {
                    a.update_map(
                        &map,
                        &MapFields {
                            name: "Renamed".into(),
                            description: "d".into(),
                            persona_name: "P".into(),
                            persona_description: "".into(),
                        },
                    )
                    .expect("edit")
                }
            }),
        ),
        (
            "add stage",
            Box::new({
                let map = map.clone();
                move |a| {
                    a.add_stage(&map, "New", Some(2)).expect("edit");
                }
            }),
        ),
        (
            "edit stage",
            Box::new({
                let s = s0.clone();
                move |a| {
                    a.update_stage(
                        &s,
                        &StageFields {
                            name: "First".into(),
                            description: "".into(),
                            pain: Some(3),
                            emotion: Some(1),
                        },
                    )
                    .expect("edit")
                }
            }),
        ),
        (
            "move stage",
            Box::new({
                let s = s0.clone();
                move |a| a.move_stage(&s, 4).expect("edit")
            }),
        ),
        (
            "delete stage",
            Box::new({
                let s = s1.clone();
                move |a| a.delete_stage(&s).expect("edit")
            }),
        ),
        (
            "add lane",
            Box::new({
                let map = map.clone();
                move |a| {
                    a.add_lane(&map, "Thoughts", None).expect("edit");
                }
            }),
        ),
        (
            "hide lane",
            Box::new({
                let l = custom.clone();
                move |a| {
                    a.update_lane(
                        &l,
                        &LaneFields {
                            name: "Actions".into(),
                            hidden: true,
                        },
                    )
                    .expect("edit")
                }
            }),
        ),
        (
            "move lane",
            Box::new({
                let l = custom.clone();
                move |a| a.move_lane(&l, 0).expect("edit")
            }),
        ),
        (
            "delete custom lane",
            Box::new({
                let l = custom.clone();
                move |a| a.delete_lane(&l).expect("edit")
            }),
        ),
        (
            "move touchpoint",
            Box::new({
                let (tp, s, l) = (tp.clone(), s1.clone(), custom.clone());
                move |a| a.move_touchpoint(&tp, &s, &l, 0).expect("edit")
            }),
        ),
        (
            "delete touchpoint",
            Box::new({
                let tp = tp.clone();
                move |a| a.delete_touchpoint(&tp).expect("edit")
            }),
        ),
        (
            "add link",
            Box::new({
                let (a1, b1) = (tp.clone(), other.clone());
                move |a| {
                    a.add_link(
                        &a1,
                        &b1,
                        &LinkFields {
                            kind: LinkKind::Handoff,
                            label: Some("to CS".into()),
                        },
                    )
                    .expect("edit");
                }
            }),
        ),
        (
            "delete link",
            Box::new({
                let l = link.clone();
                move |a| a.delete_link(&l).expect("edit")
            }),
        ),
        (
            "edit feedback",
            Box::new({
                let f = fb.clone();
                move |a| {
                    a.update_feedback(&f, &quote("Changed", Some(0)))
                        .expect("edit")
                }
            }),
        ),
        (
            "delete feedback",
            Box::new({
                let f = fb.clone();
                move |a| a.delete_feedback(&f).expect("edit")
            }),
        ),
    ];
    for (name, edit) in &edits {
        let before = t.app.export_map(&map).expect("export");
        edit(&mut t.app);
        let after = t.app.export_map(&map).expect("export");
        assert_ne!(before, after, "{name} changed nothing");
        assert!(
            t.app.undo(&HistoryKey::map(&map)).expect("undo").is_some(),
            "{name}: nothing to undo"
        );
        assert_eq!(
            strip_updated(&t.app.export_map(&map).expect("export")),
            strip_updated(&before),
            "{name}: undo"
        );
        assert!(
            t.app.redo(&HistoryKey::map(&map)).expect("redo").is_some(),
            "{name}: nothing to redo"
        );
        assert_eq!(
            strip_updated(&t.app.export_map(&map).expect("export")),
            strip_updated(&after),
            "{name}: redo"
        );
        t.app.undo(&HistoryKey::map(&map)).expect("undo again");
    }
    assert_eq!(
        strip_updated(&t.app.export_map(&map).expect("export")),
        strip_updated(&start)
    );
    assert_eq!(
        t.app.redo(&HistoryKey::map(&map)).expect("redo").as_deref(),
        Some("Delete feedback")
    );
}

#[test]
fn deleting_and_restoring_a_map_is_a_library_edit() {
    let mut t = TestApp::new();
    let map = t.app.create_sample().expect("sample");
    let json = t.app.export_map(&map).expect("export");
    let copy = t.app.duplicate_map(&map).expect("duplicate");
    assert!(t
        .app
        .load_map(&copy)
        .expect("copy")
        .meta
        .name
        .ends_with("(copy)"));
    t.app.delete_map(&map).expect("delete");
    assert!(t.app.load_map(&map).is_err());
    assert_eq!(
        t.app.undo(&HistoryKey::Library).expect("undo").as_deref(),
        Some("Delete map")
    );
    assert_eq!(t.app.export_map(&map).expect("restored"), json);
}

#[test]
fn bad_edits_are_refused_with_a_reason() {
    let mut t = TestApp::new();
    let map = t.app.create_sample().expect("sample");
    let m = t.app.load_map(&map).expect("load");
    let before = t.snapshot();
    let tp = m.touchpoints[0].id.clone();
    let marketing = m.lanes[0].id.clone();
    let fields = |pain| TouchpointFields {
        title: "T".into(),
        pain,
        ..Default::default()
    };
    let cases: Vec<(&str, Result<(), journey_app::AppError>)> = vec![
        ("pain 11", t.app.update_touchpoint(&tp, &fields(Some(11)))),
        (
            "empty title",
            t.app.update_touchpoint(&tp, &TouchpointFields::default()),
        ),
        (
            "self link",
            t.app
                .add_link(
                    &tp,
                    &tp,
                    &LinkFields {
                        kind: LinkKind::Flow,
                        label: None,
                    },
                )
                .map(drop),
        ),
        ("built-in lane delete", t.app.delete_lane(&marketing)),
        ("missing touchpoint", t.app.delete_touchpoint("tp_nope")),
        (
            "bad date",
            t.app
                .add_feedback(
                    &FeedbackTarget::Touchpoint(tp.clone()),
                    &FeedbackFields {
                        date: Some("soon".into()),
                        ..quote("x", None)
                    },
                )
                .map(drop),
        ),
        (
            "csat 6",
            t.app
                .add_feedback(
                    &FeedbackTarget::Touchpoint(tp.clone()),
                    &FeedbackFields {
                        csat: Some(6),
                        ..quote("x", None)
                    },
                )
                .map(drop),
        ),
        ("duplicate link", {
            let l = &m.links[0];
            t.app
                .add_link(
                    &l.from,
                    &l.to,
                    &LinkFields {
                        kind: l.kind,
                        label: None,
                    },
                )
                .map(drop)
        }),
    ];
    let expected = [
        "pain: 11 is outside 0–10",
        "title: must not be empty",
        "a touchpoint cannot link to itself",
        "hide it instead of deleting it",
        "no touchpoint with id tp_nope",
        "date: \"soon\" is not a date",
        "CSAT answer: 6 is outside 1–5",
        "exists already",
    ];
    for ((name, result), want) in cases.into_iter().zip(expected) {
        let err = result.expect_err(name);
        assert!(err.to_string().contains(want), "{name}: {err}");
    }
    assert!(t.snapshot() == before, "refused edits change nothing");
}

#[test]
fn moves_within_and_between_cells_keep_order() {
    let mut t = TestApp::new();
    let map = t.app.create_map("Cells").expect("create");
    let s = t.app.add_stage(&map, "S", None).expect("stage");
    let s2 = t.app.add_stage(&map, "S2", None).expect("stage");
    let lane = t.app.load_map(&map).expect("load").lanes[0].id.clone();
    let ids: Vec<_> = ["a", "b", "c", "d"]
        .iter()
        .map(|n| t.app.add_touchpoint(&s, &lane, n, None).expect("tp"))
        .collect();
    let titles = |t: &TestApp, stage: &str| -> Vec<String> {
        t.app
            .load_map(&map)
            .expect("load")
            .touchpoints
            .into_iter()
            .filter(|x| x.stage_id == stage)
            .map(|x| x.title)
            .collect()
    };
    t.app.move_touchpoint(&ids[3], &s, &lane, 0).expect("move");
    assert_eq!(titles(&t, &s), ["d", "a", "b", "c"]);
    t.app.move_touchpoint(&ids[0], &s, &lane, 3).expect("move");
    assert_eq!(titles(&t, &s), ["d", "b", "c", "a"]);
    t.app
        .move_touchpoint(&ids[1], &s2, &lane, 0)
        .expect("move to another stage");
    assert_eq!(titles(&t, &s), ["d", "c", "a"]);
    assert_eq!(titles(&t, &s2), ["b"]);
    t.app.undo(&HistoryKey::map(&map)).expect("undo");
    assert_eq!(titles(&t, &s), ["d", "b", "c", "a"]);
}
