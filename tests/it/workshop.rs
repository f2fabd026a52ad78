//! What a workshop writes into a map, through `journey_app::App` on a real database:
//! decisions and voting rounds are ordinary edits (one transaction, undoable, in the JSON
//! export and its re-import), a deleted touchpoint takes its decisions and votes and an
//! undo brings them back, bad counts are refused with the database unchanged, and the
//! rounds' CSV reads back in a CSV reader with no cell a spreadsheet would run.

use journey_app::{DecisionFields, HistoryKey, ImportMode, RoundFields, VoteFields};
use journey_core::model::DecisionKind;

use crate::support::{strip_updated, TestApp};

fn decision(text: &str) -> DecisionFields {
    DecisionFields {
        kind: DecisionKind::Decision,
        text: text.into(),
        owner: "Billing ops".into(),
        due: Some("2027-01-31".into()),
    }
}

fn round(name: &str, votes: &[(&str, u32)]) -> RoundFields {
    RoundFields {
        name: name.into(),
        budget: 3,
        voters: 2,
        one_per_item: true,
        scope: "Hand-picked (3)".into(),
        votes: votes
            .iter()
            .map(|(t, d)| VoteFields {
                touchpoint_id: (*t).into(),
                dots: *d,
            })
            .collect(),
    }
}

#[test]
fn decisions_and_rounds_are_undoable_edits_kept_in_the_export() {
    let mut t = TestApp::new();
    let map = t.app.create_sample().expect("sample");
    let m = t.app.load_map(&map).expect("load");
    let (a, b, c) = (
        m.touchpoints[3].id.clone(),
        m.touchpoints[7].id.clone(),
        m.touchpoints[12].id.clone(),
    );
    let key = HistoryKey::map(&map);

    let d = t
        .app
        .add_decision(&a, &decision("Show overage alerts"))
        .expect("decision");
    let r1 = t
        .app
        .save_round(&map, &round("Round 1", &[(&a, 2), (&b, 2), (&c, 1)]))
        .expect("round");
    t.app
        .save_round(&map, &round("Round 2", &[(&b, 1), (&a, 0)]))
        .expect("round 2");
    assert_eq!(
        t.app.undo(&key).expect("undo").as_deref(),
        Some("Save voting round")
    );
    assert_eq!(
        t.app.redo(&key).expect("redo").as_deref(),
        Some("Save voting round")
    );

    let with_all = t.app.export_map(&map).expect("export");
    let file: serde_json::Value = serde_json::from_str(&with_all).expect("json");
    assert_eq!(file["version"], 2);
    assert_eq!(file["decisions"][0]["id"], d.as_str());
    assert_eq!(file["decisions"][0]["text"], "Show overage alerts");
    assert_eq!(file["decisions"][0]["due"], "2027-01-31");
    assert_eq!(file["votingRounds"][0]["id"], r1.as_str());
    assert_eq!(file["votingRounds"][0]["votes"][1]["dots"], 2);
    assert_eq!(file["votingRounds"][1]["name"], "Round 2");

    // Deleting a touchpoint takes its decision and its votes (the rounds keep the
    // others); undo brings back exactly what was there.
    t.app.delete_touchpoint(&a).expect("delete");
    let gone = t.app.load_map(&map).expect("load");
    assert!(gone.decisions.is_empty());
    assert_eq!(gone.rounds[0].votes.len(), 2);
    assert_eq!(gone.rounds[1].votes.len(), 1);
    t.app.undo(&key).expect("undo");
    assert_eq!(
        strip_updated(&t.app.export_map(&map).expect("export")),
        strip_updated(&with_all)
    );

    // A deleted round comes back at its place.
    t.app.delete_round(&r1).expect("delete round");
    assert_eq!(t.app.load_map(&map).expect("load").rounds.len(), 1);
    t.app.undo(&key).expect("undo");
    assert_eq!(
        strip_updated(&t.app.export_map(&map).expect("export")),
        strip_updated(&with_all)
    );

    // Survives a restart, and the export imports again as a copy with everything.
    let mut t = t.reopen();
    assert_eq!(t.app.export_map(&map).expect("export"), with_all);
    let copy = t
        .app
        .import_map(with_all.as_bytes(), ImportMode::Copy)
        .expect("copy");
    let c = t.app.load_map(&copy).expect("load copy");
    assert_eq!(c.decisions.len(), 1);
    assert_eq!(c.rounds.len(), 2);
    assert!(c
        .touchpoints
        .iter()
        .any(|t| t.id == c.decisions[0].touchpoint_id));
    assert_ne!(c.rounds[0].id, r1);
}

#[test]
fn bad_rounds_and_decisions_are_refused_and_change_nothing() {
    let mut t = TestApp::new();
    let map = t.app.create_sample().expect("sample");
    let other = t.app.create_map("Other").expect("other");
    let m = t.app.load_map(&map).expect("load");
    let a = m.touchpoints[0].id.clone();
    let before = t.snapshot();
    let cases: Vec<(&str, RoundFields, &str)> = vec![
        ("too many dots", round("R", &[(&a, 7)]), "7 dots placed"),
        (
            "one per item",
            round("R", &[(&a, 3)]),
            "with one dot per item 2 voters place at most 2",
        ),
        (
            "no name",
            round("  ", &[(&a, 1)]),
            "name: must not be empty",
        ),
        (
            "budget zero",
            RoundFields {
                budget: 0,
                ..round("R", &[(&a, 0)])
            },
            "a budget of 0 dots",
        ),
        (
            "unknown touchpoint",
            round("R", &[("tp_nope", 1)]),
            "tp_nope",
        ),
    ];
    for (name, fields, expected) in cases {
        let err = t.app.save_round(&map, &fields).expect_err(name);
        assert!(err.to_string().contains(expected), "{name}: {err}");
        assert!(t.snapshot() == before, "{name}: the database changed");
    }
    let err = t
        .app
        .save_round(&other, &round("R", &[(&a, 1)]))
        .expect_err("another map's touchpoint");
    assert!(err.to_string().contains("not on this map"), "{err}");
    let err = t
        .app
        .add_decision(
            &a,
            &DecisionFields {
                due: Some("soon".into()),
                ..decision("x")
            },
        )
        .expect_err("bad date");
    assert!(err.to_string().contains("due date"), "{err}");
    assert!(t.snapshot() == before);
}

#[test]
fn the_rounds_csv_reads_back_ranked_with_no_formula_cells() {
    let mut t = TestApp::new();
    let map = t.app.create_sample().expect("sample");
    let m = t.app.load_map(&map).expect("load");
    let (a, b) = (m.touchpoints[0].id.clone(), m.touchpoints[1].id.clone());
    t.app
        .update_touchpoint(
            &b,
            &journey_app::TouchpointFields {
                title: "=HYPERLINK(\"http://x\",\"y\")".into(),
                description: String::new(),
                channel: String::new(),
                owner: String::new(),
                pain: Some(5),
                emotion: None,
            },
        )
        .expect("hostile title");
    t.app
        .save_round(&map, &round("@Round, \"one\"", &[(&a, 1), (&b, 2)]))
        .expect("round");
    let text = t.app.rounds_csv(&map).expect("csv");
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = r
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(header, journey_core::workshop::ROUNDS_CSV_HEADER);
    let rows: Vec<csv::StringRecord> = r.records().collect::<Result<_, _>>().expect("rows");
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|row| row.len() == header.len()));
    // Ranked: the touchpoint with 2 dots first, with its share of the 3 dots.
    assert_eq!(&rows[0][6], "1");
    assert_eq!(&rows[0][7], b.as_str());
    assert_eq!(&rows[0][8], "'=HYPERLINK(\"http://x\",\"y\")");
    assert_eq!(&rows[0][11], "2");
    assert_eq!(&rows[0][12], "66.7");
    assert_eq!(&rows[1][0], "'@Round, \"one\"");
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a formula cell: {cell:?}"
            );
        }
    }
}

/// SQLite gives a new row the rowid of the largest one deleted unless the table is
/// `AUTOINCREMENT`: deleting a map's newest feedback, link or decision, adding one to
/// another map and undoing the delete must still put the row back at its place.
#[test]
fn an_undone_delete_gets_its_place_back_after_another_map_added_a_row() {
    use journey_app::{FeedbackFields, LinkFields};
    use journey_core::model::{FeedbackKind, FeedbackTarget, LinkKind};
    let mut t = TestApp::new();
    let a = t.app.create_sample().expect("sample");
    let b = t.app.create_map("Other").expect("other");
    let lane = t.app.load_map(&b).expect("load").lanes[0].id.clone();
    let stage = t.app.add_stage(&b, "Only", None).expect("stage");
    let b1 = t
        .app
        .add_touchpoint(&stage, &lane, "One", None)
        .expect("tp");
    let b2 = t
        .app
        .add_touchpoint(&stage, &lane, "Two", None)
        .expect("tp");
    let m = t.app.load_map(&a).expect("load");
    let (x, y) = (m.touchpoints[0].id.clone(), m.touchpoints[20].id.clone());
    let fields = FeedbackFields {
        kind: FeedbackKind::Quote,
        text: "Newest".into(),
        source: String::new(),
        date: None,
        segment: String::new(),
        nps: None,
        csat: None,
        ces: None,
    };
    let link = LinkFields {
        kind: LinkKind::Handoff,
        label: None,
    };
    let fb = t
        .app
        .add_feedback(&FeedbackTarget::Touchpoint(x.clone()), &fields)
        .expect("feedback");
    let lk = t.app.add_link(&x, &y, &link).expect("link");
    let dc = t
        .app
        .add_decision(&x, &decision("Newest"))
        .expect("decision");
    let whole = t.app.export_map(&a).expect("export");

    t.app.delete_feedback(&fb).expect("delete");
    t.app.delete_link(&lk).expect("delete");
    t.app.delete_decision(&dc).expect("delete");
    t.app
        .add_feedback(&FeedbackTarget::Touchpoint(b1.clone()), &fields)
        .expect("feedback in the other map");
    t.app
        .add_link(&b1, &b2, &link)
        .expect("link in the other map");
    t.app
        .add_decision(&b1, &decision("Other"))
        .expect("decision in the other map");

    let key = HistoryKey::map(&a);
    for _ in 0..3 {
        t.app.undo(&key).expect("the undo succeeds");
    }
    assert_eq!(
        strip_updated(&t.app.export_map(&a).expect("export")),
        strip_updated(&whole)
    );
}
