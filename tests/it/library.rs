//! The team library on a PostgreSQL cluster these tests start themselves
//! (`journeymap_tests::pg`): a published map reads back as the same `JourneyMap` the
//! SQLite store gives and exports to the same bytes; a publish is all or nothing; a second
//! publish conflicts unless it replaces; passwords never show; a library newer than this
//! build, or a database that is not a library, is refused and left as it was.
//!
//! Each test takes an empty database of its own on a cluster shared by the tests running
//! at the same time, and reads what the library wrote through a client of its own.

use journey_app::{DecisionFields, ImportMode, RoundFields, VoteFields};
use journey_core::interchange::export_json;
use journey_core::model::{DecisionKind, JourneyMap};
use journey_core::sample::{sample_map, synthetic};
use journey_library::{mask, Library, LibraryError, SCHEMA_VERSION};
use journeymap_tests::pg::Cluster;

use crate::support::TestApp;

/// A client of our own on the test's database, to look at what the library wrote.
pub(crate) fn raw(url: &str) -> postgres::Client {
    postgres::Client::connect(url, postgres::NoTls).expect("raw connection")
}

/// Every row of every table of the library, in a fixed order: "the library is
/// unchanged" means this is equal before and after.
pub(crate) fn dump(url: &str) -> String {
    let mut c = raw(url);
    let tables: Vec<String> = c
        .query(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()
             ORDER BY tablename",
            &[],
        )
        .expect("tables")
        .iter()
        .map(|r| r.get(0))
        .collect();
    let mut out = String::new();
    for t in tables {
        let rows = c
            .query(
                &format!("SELECT x::text FROM {t} AS x ORDER BY x::text COLLATE \"C\""),
                &[],
            )
            .expect("rows");
        out.push_str(&format!("{t}: {} rows\n", rows.len()));
        for r in rows {
            out.push_str(&r.get::<_, String>(0));
            out.push('\n');
        }
    }
    out
}

/// The map as the SQLite store reads it after importing `map`'s file.
fn through_sqlite(t: &mut TestApp, map: &JourneyMap) -> JourneyMap {
    let id = t
        .app
        .import_map(export_json(map).as_bytes(), ImportMode::Refuse)
        .expect("import into SQLite");
    assert_eq!(id, map.meta.id, "the import keeps the ids");
    t.app.load_map(&id).expect("load from SQLite")
}

/// The sample with decisions (one with no due date) and voting rounds (one with zero
/// dots on an item), made through the app's own use-cases and read from SQLite.
fn workshop_map(t: &mut TestApp) -> JourneyMap {
    let id = t.app.create_sample().expect("sample");
    let m = t.app.load_map(&id).expect("load");
    let tp = |i: usize| m.touchpoints[i].id.clone();
    for (i, (kind, due)) in [
        (DecisionKind::Decision, Some("2027-01-31")),
        (DecisionKind::Opportunity, None),
        (DecisionKind::Decision, Some("2026-12-01")),
    ]
    .into_iter()
    .enumerate()
    {
        t.app
            .add_decision(
                &tp(i * 4 + 1),
                &DecisionFields {
                    kind,
                    text: format!("Decision {i}: show overage alerts"),
                    owner: if i == 1 {
                        String::new()
                    } else {
                        "Billing ops".into()
                    },
                    due: due.map(str::to_string),
                },
            )
            .expect("decision");
    }
    for (name, votes) in [
        ("Round 1", vec![(tp(3), 2), (tp(7), 2), (tp(12), 1)]),
        ("Round 2", vec![(tp(12), 1), (tp(3), 0)]),
    ] {
        t.app
            .save_round(
                &id,
                &RoundFields {
                    name: name.into(),
                    budget: 3,
                    voters: 2,
                    one_per_item: true,
                    scope: "Hand-picked".into(),
                    votes: votes
                        .into_iter()
                        .map(|(touchpoint_id, dots)| VoteFields {
                            touchpoint_id,
                            dots,
                        })
                        .collect(),
                },
            )
            .expect("round");
    }
    let map = t.app.load_map(&id).expect("load");
    assert_eq!((map.decisions.len(), map.rounds.len()), (3, 2));
    map
}

/// Where two maps differ first, for a failure message (the maps are too big to print).
fn first_difference(a: &JourneyMap, b: &JourneyMap) -> String {
    fn first<T: PartialEq + std::fmt::Debug>(what: &str, a: &[T], b: &[T]) -> Option<String> {
        if a.len() != b.len() {
            return Some(format!("{what}: {} against {}", a.len(), b.len()));
        }
        let (i, (x, y)) = a.iter().zip(b).enumerate().find(|(_, (x, y))| x != y)?;
        Some(format!("{what}[{i}]: {x:?} against {y:?}"))
    }
    if a.meta != b.meta {
        return format!("meta: {:?} against {:?}", a.meta, b.meta);
    }
    first("stages", &a.stages, &b.stages)
        .or_else(|| first("lanes", &a.lanes, &b.lanes))
        .or_else(|| first("touchpoints", &a.touchpoints, &b.touchpoints))
        .or_else(|| first("links", &a.links, &b.links))
        .or_else(|| first("feedback", &a.feedback, &b.feedback))
        .or_else(|| first("decisions", &a.decisions, &b.decisions))
        .or_else(|| first("rounds", &a.rounds, &b.rounds))
        .unwrap_or_default()
}

#[test]
fn a_published_map_loads_back_as_sqlite_reads_it_and_exports_the_same_bytes() {
    let cluster = Cluster::shared();
    let url = cluster.database();
    let mut lib = Library::connect(&url).expect("connect");
    assert_eq!(lib.found_version(), 0, "a new library");
    let mut t = TestApp::new();

    let sample = sample_map().expect("sample");
    let big = synthetic(300, 3);
    let workshop = workshop_map(&mut t);
    for (what, map, sqlite) in [
        ("sample", sample.clone(), through_sqlite(&mut t, &sample)),
        ("synthetic", big.clone(), through_sqlite(&mut t, &big)),
        ("workshop", workshop.clone(), workshop.clone()),
    ] {
        lib.publish(&map, "Ana", false).expect(what);
        let loaded = lib.load_map(&map.meta.id).expect(what);
        assert!(
            export_json(&loaded) == export_json(&map),
            "{what}: the export of the published map differs"
        );
        assert_eq!(lib.map_rev(&map.meta.id).expect("rev"), 1, "{what}");
        // The same rows as the SQLite store holds (an import renumbers positions, which
        // the file does not carry): the same `JourneyMap`, field by field.
        lib.publish(&sqlite, "Ana", true).expect(what);
        let loaded = lib.load_map(&map.meta.id).expect(what);
        assert!(
            loaded == sqlite,
            "{what}: the library's map differs from the SQLite store's: {}",
            first_difference(&loaded, &sqlite)
        );
        assert_eq!(export_json(&loaded), export_json(&map), "{what}");
    }

    // Not in the sample's order by chance: the stored positions decide. Moving the first
    // stage last (and its touchpoints with it) reads back moved.
    let mut moved = sample.clone();
    moved.meta.id = "jm_moved".into();
    let suffix = |id: &str| format!("{id}_moved");
    for s in &mut moved.stages {
        s.id = suffix(&s.id);
    }
    for l in &mut moved.lanes {
        l.id = suffix(&l.id);
    }
    for tp in &mut moved.touchpoints {
        tp.id = suffix(&tp.id);
        tp.stage_id = suffix(&tp.stage_id);
        tp.lane_id = suffix(&tp.lane_id);
    }
    moved.links.clear();
    moved.feedback.clear();
    moved.stages[0].position = 1e9;
    lib.publish(&moved, "Ana", false).expect("moved");
    let loaded = lib.load_map("jm_moved").expect("load moved");
    assert_eq!(
        loaded.stages.last().map(|s| &s.id),
        Some(&moved.stages[0].id)
    );
    moved.sort_for_display();
    assert!(loaded == moved);

    let list = lib.list_maps().expect("list");
    let names: Vec<(&str, u32, u32, i64, &str)> = list
        .iter()
        .map(|m| {
            (
                m.id.as_str(),
                m.stage_count,
                m.touchpoint_count,
                m.rev,
                m.updated_by.as_str(),
            )
        })
        .collect();
    assert_eq!(list.len(), 4, "{names:?}");
    let big_line = list.iter().find(|m| m.id == big.meta.id).expect("listed");
    assert_eq!((big_line.stage_count, big_line.touchpoint_count), (10, 300));
    assert_eq!(big_line.updated_at, big.meta.updated_at);
    assert!(
        big_line.written_at.len() == 20 && big_line.written_at.ends_with('Z'),
        "{}",
        big_line.written_at
    );
}

#[test]
fn a_publish_is_all_or_nothing() {
    let cluster = Cluster::shared();
    let url = cluster.database();
    let mut lib = Library::connect(&url).expect("connect");
    let sample = sample_map().expect("sample");
    lib.publish(&sample, "Ana", false).expect("publish");
    let before = dump(&url);
    assert!(before.contains("feedback: "), "{before}");

    // A new map whose feedback halfway down has an NPS of 11: every table before it was
    // written when the server refuses that row.
    let mut bad = synthetic(300, 3);
    let half = bad.feedback.len() / 2;
    bad.feedback[half].answers.nps = Some(11);
    let err = lib.publish(&bad, "Ana", false).expect_err("refused");
    assert!(matches!(err, LibraryError::Invalid(_)), "{err:?}");
    assert!(err.to_string().contains("nps"), "{err}");
    assert!(dump(&url) == before, "the library changed");
    assert!(matches!(
        lib.load_map(&bad.meta.id),
        Err(LibraryError::NotFound { .. })
    ));

    // A replace that fails after the old rows were deleted keeps the old map whole. The
    // bad value is in the last table written (a voting round's dots).
    let mut bad = sample.clone();
    bad.meta.name = "Renamed".into();
    bad.rounds.push(journey_core::model::VotingRound {
        id: "vr_bad".into(),
        name: "Too many dots".into(),
        held_at: "2026-03-14T09:30:00Z".into(),
        budget: 3,
        voters: 2,
        one_per_item: false,
        scope: String::new(),
        votes: vec![journey_core::model::Vote {
            touchpoint_id: sample.touchpoints[0].id.clone(),
            dots: 2_000_000,
        }],
    });
    let err = lib.publish(&bad, "Bo", true).expect_err("refused");
    assert!(matches!(err, LibraryError::Invalid(_)), "{err:?}");
    assert!(dump(&url) == before, "the library changed");
    assert_eq!(
        export_json(&lib.load_map(&sample.meta.id).expect("load")),
        export_json(&sample)
    );
    assert_eq!(lib.map_rev(&sample.meta.id).expect("rev"), 1);

    // Without a name for who writes, nothing is sent at all.
    let err = lib.publish(&sample, "  ", true).expect_err("no name");
    assert!(matches!(err, LibraryError::Invalid(_)), "{err:?}");
    assert!(dump(&url) == before, "the library changed");
}

#[test]
fn a_second_publish_conflicts_unless_it_replaces() {
    let cluster = Cluster::shared();
    let url = cluster.database();
    let mut lib = Library::connect(&url).expect("connect");
    let sample = sample_map().expect("sample");
    let id = sample.meta.id.clone();
    lib.publish(&sample, "Ana", false).expect("publish");
    let before = dump(&url);

    let err = lib.publish(&sample, "Bo", false).expect_err("conflict");
    match &err {
        LibraryError::Conflict { what } => assert!(what.contains(&id), "{what}"),
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert!(dump(&url) == before, "the library changed");

    // Another map that reuses one of the sample's touchpoint ids: a conflict, nothing
    // written.
    let mut other = synthetic(20, 1);
    other.touchpoints[5].id = sample.touchpoints[0].id.clone();
    other
        .links
        .retain(|l| l.from != "tp_000005" && l.to != "tp_000005");
    other.feedback.retain(|f| {
        f.target != journey_core::model::FeedbackTarget::Touchpoint("tp_000005".into())
    });
    let err = lib.publish(&other, "Bo", false).expect_err("conflict");
    match &err {
        LibraryError::Conflict { what } => {
            assert!(what.contains(&sample.touchpoints[0].id), "{what}")
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert!(dump(&url) == before, "the library changed");

    // With replace: the new content, the next revision, every row at it, Bo named.
    let mut changed = sample.clone();
    changed.meta.name = "Acme Insights, revised".into();
    let gone = changed.touchpoints.remove(2).id;
    changed.links.retain(|l| l.from != gone && l.to != gone);
    changed
        .feedback
        .retain(|f| f.target != journey_core::model::FeedbackTarget::Touchpoint(gone.clone()));
    changed.decisions.retain(|d| d.touchpoint_id != gone);
    for r in &mut changed.rounds {
        r.votes.retain(|v| v.touchpoint_id != gone);
    }
    changed.stages[1].pain = Some(9);
    lib.publish(&changed, "Bo", true).expect("replace");
    let loaded = lib.load_map(&id).expect("load");
    assert_eq!(export_json(&loaded), export_json(&changed));
    assert_eq!(lib.map_rev(&id).expect("rev"), 2);
    let mut c = raw(&url);
    for table in ["stages", "lanes", "touchpoints", "links", "feedback"] {
        let revs: Vec<i64> = c
            .query(
                &format!("SELECT DISTINCT rev FROM {table} WHERE map_id = $1"),
                &[&id],
            )
            .expect("revs")
            .iter()
            .map(|r| r.get(0))
            .collect();
        assert_eq!(revs, [2], "{table}");
    }
    let line = lib.list_maps().expect("list").remove(0);
    assert_eq!(
        (line.name.as_str(), line.rev, line.updated_by.as_str()),
        ("Acme Insights, revised", 2, "Bo")
    );
    assert_eq!(line.touchpoint_count as usize, changed.touchpoints.len());

    lib.delete_map(&id).expect("delete");
    for err in [
        lib.load_map(&id).map(|_| ()),
        lib.map_rev(&id).map(|_| ()),
        lib.delete_map(&id),
    ] {
        assert!(matches!(err, Err(LibraryError::NotFound { .. })), "{err:?}");
    }
    let left: i64 = c
        .query_one("SELECT count(*) FROM touchpoints", &[])
        .expect("count")
        .get(0);
    assert_eq!(left, 0, "the cascades took every row");
}

#[test]
fn the_list_is_by_name_ignoring_ascii_case_then_id() {
    let cluster = Cluster::shared();
    let url = cluster.database();
    let mut lib = Library::connect(&url).expect("connect");
    for (id, name) in [
        ("jm_4", "beta"),
        ("jm_3", "Alpha"),
        ("jm_2", "alpha"),
        ("jm_1", "Zeta"),
    ] {
        let mut m = synthetic(3, 0);
        m.meta.id = id.into();
        m.meta.name = name.into();
        let own = |x: &str| format!("{x}_{id}");
        for s in &mut m.stages {
            s.id = own(&s.id);
        }
        for l in &mut m.lanes {
            l.id = own(&l.id);
        }
        for t in &mut m.touchpoints {
            t.id = own(&t.id);
            t.stage_id = own(&t.stage_id);
            t.lane_id = own(&t.lane_id);
        }
        for l in &mut m.links {
            l.id = own(&l.id);
            l.from = own(&l.from);
            l.to = own(&l.to);
        }
        lib.publish(&m, "Ana", false).expect("publish");
    }
    let ids: Vec<String> = lib
        .list_maps()
        .expect("list")
        .into_iter()
        .map(|m| m.id)
        .collect();
    assert_eq!(ids, ["jm_2", "jm_3", "jm_4", "jm_1"]);
}

#[test]
fn passwords_never_show_and_no_server_is_unreachable() {
    let nowhere = tempfile::tempdir().expect("an empty socket folder");
    let dir = nowhere.path().to_string_lossy().to_string();
    let urls = [
        format!("host={dir} port=5432 user=ana password=hunter2 dbname=journeys"),
        format!("host={dir} port=5432 user=ana password='hunter2 and more' dbname=journeys"),
        format!(
            "postgres://ana:hunter2@{}:5432/journeys",
            dir.replace('/', "%2F")
        ),
        format!(
            "postgresql://ana@{}:5432/journeys?password=hunter2",
            dir.replace('/', "%2F")
        ),
    ];
    for url in &urls {
        let masked = mask(url);
        assert!(!masked.contains("hunter2"), "{masked}");
        assert!(masked.contains("***"), "{masked}");
        let err = Library::connect(url).expect_err("no server there");
        match &err {
            LibraryError::Unreachable { url: shown, .. } => assert_eq!(shown, &masked),
            other => panic!("expected unreachable, got {other:?}"),
        }
        let text = err.to_string();
        assert!(text.contains(&masked), "{text}");
        for shown in [text, format!("{err:?}")] {
            assert!(!shown.contains("hunter2"), "{shown}");
        }
    }

    // A library reached with a password (which trust authentication does not ask for)
    // does not show it either.
    let cluster = Cluster::shared();
    let url = format!("{} password=hunter2", cluster.database());
    let lib = Library::connect(&url).expect("connect");
    assert!(!format!("{lib:?}").contains("hunter2"), "{lib:?}");
    assert!(lib.url().contains("password=***"), "{}", lib.url());
    assert!(!lib.is_closed());

    let err = Library::connect("host=/tmp port=notaport password=hunter2").expect_err("bad");
    assert!(matches!(err, LibraryError::Invalid(_)), "{err:?}");
    assert!(!format!("{err} {err:?}").contains("hunter2"), "{err}");
}

#[test]
fn a_library_newer_than_this_build_is_refused_untouched() {
    let cluster = Cluster::shared();
    let url = cluster.database();
    let mut lib = Library::connect(&url).expect("connect");
    lib.publish(&sample_map().expect("sample"), "Ana", false)
        .expect("publish");
    drop(lib);
    assert_eq!(
        Library::connect(&url).expect("again").found_version(),
        SCHEMA_VERSION,
        "a second connection finds the library up to date"
    );

    raw(&url)
        .execute(
            "INSERT INTO journeymap_schema (version) VALUES ($1)",
            &[&(SCHEMA_VERSION + 1)],
        )
        .expect("a newer version");
    let before = dump(&url);
    let err = Library::connect(&url).expect_err("refused");
    match &err {
        LibraryError::Refused(why) => assert!(why.contains("newer"), "{why}"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert!(dump(&url) == before, "the library changed");
}

#[test]
fn a_database_that_is_not_a_library_is_refused_untouched() {
    let cluster = Cluster::shared();
    let url = cluster.database();
    raw(&url)
        .batch_execute(
            "CREATE TABLE customers (id int PRIMARY KEY); INSERT INTO customers VALUES (1)",
        )
        .expect("someone else's table");
    let before = dump(&url);
    let err = Library::connect(&url).expect_err("refused");
    match &err {
        LibraryError::Refused(why) => assert!(why.contains("customers"), "{why}"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert!(dump(&url) == before, "the database changed");
    assert!(!before.contains("journeymap_schema"), "{before}");
}

#[test]
fn two_programs_creating_one_library_at_once_both_connect() {
    let cluster = Cluster::shared();
    let url = cluster.database();
    let connections: Vec<_> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4).map(|_| s.spawn(|| Library::connect(&url))).collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("thread"))
            .collect()
    });
    let mut found: Vec<i32> = connections
        .into_iter()
        .map(|c| c.expect("connect").found_version())
        .collect();
    found.sort();
    assert_eq!(found, [0, SCHEMA_VERSION, SCHEMA_VERSION, SCHEMA_VERSION]);
    let versions: i64 = raw(&url)
        .query_one("SELECT count(*) FROM journeymap_schema", &[])
        .expect("versions")
        .get(0);
    assert_eq!(versions, i64::from(SCHEMA_VERSION));
}
