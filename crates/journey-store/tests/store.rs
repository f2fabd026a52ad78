//! Store tests on real temporary files (WAL and durability exist only on files).

use std::path::Path;

use journey_core::model::*;
use journey_core::sample::sample_map;
use journey_store::{Scope, Store, StoreError};

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("readable")
}

#[test]
fn opens_with_the_guide_settings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("j.sqlite3");
    let store = Store::open(&path).expect("opens");
    drop(store);
    let conn = rusqlite::Connection::open(&path).expect("plain open");
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .expect("pragma");
    assert_eq!(mode, "wal");
    let app: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .expect("pragma");
    assert_eq!(app, journey_store::APPLICATION_ID);
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("pragma");
    assert_eq!(version, journey_store::schema::latest_version());
    // Opening again is a no-op on the schema.
    Store::open(&path).expect("reopens");
}

#[test]
fn a_map_round_trips_through_the_rows() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("j.sqlite3")).expect("opens");
    let map = sample_map().expect("sample");
    store.write(|w| w.insert_map(&map)).expect("insert");
    let loaded = store.load_map(&map.meta.id).expect("load");
    assert_eq!(loaded, map);
    let list = store.list_maps().expect("list");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].stage_count as usize, map.stages.len());
    assert_eq!(list[0].touchpoint_count as usize, map.touchpoints.len());
}

#[test]
fn a_failed_write_leaves_nothing_behind() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("j.sqlite3")).expect("opens");
    let map = sample_map().expect("sample");
    let mut broken = map.clone();
    broken
        .touchpoints
        .last_mut()
        .expect("has touchpoints")
        .stage_id = "st_ghost".into();
    let err = store.write(|w| w.insert_map(&broken));
    assert!(
        err.is_err(),
        "a touchpoint in a missing stage is refused by the schema"
    );
    assert!(
        store.list_maps().expect("list").is_empty(),
        "no half-written map"
    );
}

#[test]
fn deleting_a_stage_cascades_to_touchpoints_links_and_feedback() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("j.sqlite3")).expect("opens");
    let map = sample_map().expect("sample");
    store.write(|w| w.insert_map(&map)).expect("insert");
    let stage = map.stages[0].id.clone();
    let in_stage: Vec<_> = map
        .touchpoints
        .iter()
        .filter(|t| t.stage_id == stage)
        .map(|t| t.id.clone())
        .collect();
    assert!(!in_stage.is_empty());
    store.write(|w| w.delete_stage(&stage)).expect("delete");
    let after = store.load_map(&map.meta.id).expect("load");
    assert!(after.touchpoints.iter().all(|t| t.stage_id != stage));
    assert!(after
        .links
        .iter()
        .all(|l| !in_stage.contains(&l.from) && !in_stage.contains(&l.to)));
    assert!(after.feedback.iter().all(|f| match &f.target {
        FeedbackTarget::Touchpoint(t) => !in_stage.contains(t),
        FeedbackTarget::Stage(s) => *s != stage,
    }));
    journey_core::graph::JourneyGraph::build(&after).expect("still consistent");
}

#[test]
fn the_schema_refuses_out_of_range_scores_and_cross_map_links() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("j.sqlite3")).expect("opens");
    let a = sample_map().expect("sample");
    let mut n = 0;
    let b = journey_core::ops::with_fresh_ids(&a, |k| {
        n += 1;
        format!("{}_b{n}", k.prefix())
    });
    store
        .write(|w| {
            w.insert_map(&a)?;
            w.insert_map(&b)
        })
        .expect("insert both");
    let mut t = a.touchpoints[0].clone();
    t.pain = Some(11);
    assert!(store.write(|w| w.update_touchpoint(&t)).is_err());
    let cross = Link {
        id: "lk_cross".into(),
        from: a.touchpoints[0].id.clone(),
        to: b.touchpoints[0].id.clone(),
        kind: LinkKind::Flow,
        label: None,
    };
    assert!(store.write(|w| w.append_link(&a.meta.id, &cross)).is_err());
    let mut self_link = cross.clone();
    self_link.to = self_link.from.clone();
    assert!(store
        .write(|w| w.append_link(&a.meta.id, &self_link))
        .is_err());
}

#[test]
fn positions_put_items_where_asked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("j.sqlite3")).expect("opens");
    let map = sample_map().expect("sample");
    store.write(|w| w.insert_map(&map)).expect("insert");
    let id = map.meta.id.clone();
    let order = |store: &Store| -> Vec<String> {
        store
            .load_map(&id)
            .expect("load")
            .stages
            .into_iter()
            .map(|s| s.id)
            .collect()
    };
    let before = order(&store);
    // Move the last stage to the front, then the (new) first to index 2, many times, to
    // wear the gaps thin and force a renumbering.
    for _ in 0..80 {
        let ids = order(&store);
        store
            .write(|w| {
                let (_, mut s) = w.get_stage(&ids[5])?;
                s.position = w.position_for_move(Scope::Stages { map_id: &id }, &s.id, 1)?;
                w.update_stage(&s)
            })
            .expect("move");
        let after = order(&store);
        let mut expected = ids.clone();
        let moved = expected.remove(5);
        expected.insert(1, moved);
        assert_eq!(after, expected);
    }
    assert_eq!(before.len(), order(&store).len());
}

fn assert_refused(path: &Path, check: impl Fn(&StoreError) -> bool) {
    let before = bytes(path);
    let err = Store::open(path).expect_err("refused");
    assert!(check(&err), "unexpected error: {err}");
    assert!(
        err.to_string().contains(&path.display().to_string()),
        "names the file: {err}"
    );
    assert_eq!(bytes(path), before, "the file is unchanged");
}

#[test]
fn refuses_files_that_are_not_ours_without_writing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = dir.path().join("notes.txt");
    std::fs::write(
        &text,
        "just some notes, not a database at all\n".repeat(200),
    )
    .expect("write");
    assert_refused(&text, |e| matches!(e, StoreError::NotADatabase { .. }));

    let other = dir.path().join("other.sqlite3");
    {
        let c = rusqlite::Connection::open(&other).expect("open");
        c.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
            .expect("create");
    }
    assert_refused(&other, |e| matches!(e, StoreError::NotJourneymap { .. }));

    let newer = dir.path().join("newer.sqlite3");
    drop(Store::open(&newer).expect("create"));
    {
        let c = rusqlite::Connection::open(&newer).expect("open");
        c.pragma_update(None, "journal_mode", "DELETE")
            .expect("leave WAL");
        c.pragma_update(None, "user_version", 99).expect("bump");
    }
    assert_refused(&newer, |e| {
        matches!(e, StoreError::TooNew { found: 99, .. })
    });

    let folder = dir.path().join("a-folder");
    std::fs::create_dir(&folder).expect("mkdir");
    assert!(matches!(
        Store::open(&folder),
        Err(StoreError::CannotOpen { .. })
    ));
}

#[test]
fn a_damaged_file_gives_an_error_not_a_panic() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("j.sqlite3");
    let map = sample_map().expect("sample");
    {
        let mut store = Store::open(&path).expect("opens");
        store.write(|w| w.insert_map(&map)).expect("insert");
        drop(store);
        let c = rusqlite::Connection::open(&path).expect("open");
        c.pragma_update(None, "wal_checkpoint", "TRUNCATE")
            .expect("checkpoint");
        c.pragma_update(None, "journal_mode", "DELETE")
            .expect("leave WAL");
    }
    // Overwrite everything after the first page with garbage.
    let mut b = bytes(&path);
    for (i, byte) in b.iter_mut().enumerate().skip(4096) {
        *byte = (i * 7 + 13) as u8;
    }
    std::fs::write(&path, &b).expect("write");
    let result = Store::open(&path).and_then(|s| s.load_map(&map.meta.id));
    let err = result.expect_err("damage is noticed");
    let msg = err.to_string();
    assert!(
        msg.contains("damaged") || msg.contains("malformed") || msg.contains("not a database"),
        "{msg}"
    );
}

#[test]
fn a_version_1_database_is_migrated_and_keeps_its_maps() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("old.sqlite3");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1-sample.sqlite3");
    std::fs::copy(&fixture, &path).expect("copy fixture");
    let mut store = Store::open(&path).expect("migrates");
    let version: i64 = rusqlite::Connection::open(&path)
        .expect("open")
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("pragma");
    assert_eq!(version, journey_store::schema::latest_version());
    let maps = store.list_maps().expect("list");
    assert_eq!(maps.len(), 1);
    let map = store.load_map(&maps[0].id).expect("load");
    let sample = sample_map().expect("sample");
    assert_eq!(map.touchpoints.len(), sample.touchpoints.len());
    assert_eq!(map.feedback.len(), sample.feedback.len());
    let titles = |m: &JourneyMap| {
        m.touchpoints
            .iter()
            .map(|t| t.title.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(titles(&map), titles(&sample));
    // The table added by migration 2 works.
    assert_eq!(store.setting("last_map").expect("read"), None);
    store.set_setting("last_map", &maps[0].id).expect("write");
    assert_eq!(
        store.setting("last_map").expect("read").as_deref(),
        Some(maps[0].id.as_str())
    );
}

/// A database of schema 3 (before the workshop tables), as the previous release left it:
/// it migrates, its maps read back whole (their digests still match), and decisions and
/// voting rounds can be written to it, read back and removed with their touchpoint.
#[test]
fn a_version_3_database_is_migrated_and_takes_decisions_and_rounds() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("old.sqlite3");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v3-sample.sqlite3");
    std::fs::copy(&fixture, &path).expect("copy fixture");
    let version = |p: &Path| -> i64 {
        rusqlite::Connection::open(p)
            .expect("open")
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .expect("pragma")
    };
    assert_eq!(
        version(&fixture),
        3,
        "the fixture is of the previous schema"
    );
    let mut store = Store::open(&path).expect("migrates");
    assert_eq!(version(&path), journey_store::schema::latest_version());
    let id = store.list_maps().expect("list")[0].id.clone();
    let before = store.load_map(&id).expect("load");
    assert!(before.decisions.is_empty() && before.rounds.is_empty());
    let sample = sample_map().expect("sample");
    assert_eq!(before.touchpoints.len(), sample.touchpoints.len());

    let (a, b) = (
        before.touchpoints[0].id.clone(),
        before.touchpoints[1].id.clone(),
    );
    let decision = Decision {
        id: "dc_1".into(),
        touchpoint_id: a.clone(),
        kind: DecisionKind::Opportunity,
        text: "Show the price before the demo".into(),
        owner: "Growth".into(),
        due: Some("2027-01-31".into()),
        created_at: "2026-12-03T10:00:00Z".into(),
    };
    let round = VotingRound {
        id: "vr_1".into(),
        name: "Round 1".into(),
        held_at: "2026-12-03T10:05:00Z".into(),
        budget: 3,
        voters: 2,
        one_per_item: true,
        scope: "Hand-picked (2)".into(),
        votes: vec![
            Vote {
                touchpoint_id: b.clone(),
                dots: 2,
            },
            Vote {
                touchpoint_id: a.clone(),
                dots: 1,
            },
        ],
    };
    store
        .write(|w| -> Result<(), StoreError> {
            w.insert_decision(&id, &decision, None)?;
            w.insert_round(&id, &round, None)
        })
        .expect("write");
    drop(store);
    // Read back through a fresh open: the open's checks (digests included) pass.
    let mut store = Store::open(&path).expect("reopens");
    let after = store.load_map(&id).expect("load");
    assert_eq!(after.decisions, vec![decision]);
    assert_eq!(after.rounds, vec![round]);

    // Deleting a touchpoint takes its decisions and its votes, and the map stays whole.
    store.write(|w| w.delete_touchpoint(&a)).expect("delete");
    let gone = store.load_map(&id).expect("load");
    assert!(gone.decisions.is_empty());
    assert_eq!(
        gone.rounds[0].votes,
        vec![Vote {
            touchpoint_id: b,
            dots: 2
        }]
    );
}
