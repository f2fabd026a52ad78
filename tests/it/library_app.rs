//! The team library through the app (`journey_app::App`), on PostgreSQL clusters these
//! tests start themselves: a published map opens from the library and exports the same
//! bytes; every use-case, undo and redo works on a library map and its patches rebuild the
//! view the server holds; two people editing different cards both keep their edits and
//! hear each other within a second; the same card, or an undo over someone else's change,
//! conflicts with nothing written; the server stopped in the middle of an edit leaves the
//! map whole while local maps keep working, and edits resume when it is back; and twenty
//! writers lose no acknowledged edit (with their figures printed, beside the same writers
//! on SQLite: `cargo test -p journeymap-tests --test it library_app::twenty -- --nocapture`).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use journey_app::api::{self, Ctx, OpenMapRequest};
use journey_app::dto::MapView;
use journey_app::patch::MapPatch;
use journey_app::{
    App, ErrorCode, HistoryKey, ImportMode, MapFields, MapLocation, TouchpointFields,
    LIBRARY_URL_KEY, OFFLINE_FILE,
};
use journey_core::model::{JourneyMap, Touchpoint};
use journey_library::Library;
use journeymap_tests::pg::Cluster;

use crate::library::{dump, raw};
use crate::support::TestApp;

/// How soon one person's edit must show up for another.
const WITHIN: Duration = Duration::from_secs(1);

/// An app on a database of its own, connected to the library at `url` as `user`.
fn member(url: &str, user: &str) -> TestApp {
    let mut t = TestApp::new();
    t.app.connect_library(url, user).expect("connect");
    t
}

/// A member who has published the sample map; its id.
fn publisher(url: &str, user: &str) -> (TestApp, String) {
    let mut t = member(url, user);
    let id = t.app.create_sample().expect("sample");
    t.app.publish_map(&id, false).expect("publish");
    (t, id)
}

/// Opens map `id` from the library.
fn open_library(t: &mut TestApp, id: &str) -> MapView {
    let view = t
        .app
        .open_view_at(id, MapLocation::Library)
        .expect("open from the library");
    assert_eq!(view.location, MapLocation::Library);
    view
}

/// A card's fields as the panel sends them.
fn fields(t: &Touchpoint) -> TouchpointFields {
    TouchpointFields {
        title: t.title.clone(),
        description: t.description.clone(),
        channel: t.channel.clone(),
        owner: t.owner.clone(),
        pain: t.pain,
        emotion: t.emotion,
    }
}

/// The map as the library holds it, read through a connection of its own.
fn on_server(url: &str, id: &str) -> JourneyMap {
    Library::connect(url)
        .expect("connect")
        .load_map(id)
        .expect("load")
}

/// Asks `f` until it answers, for at most `limit`; `None` when it never did. The pause
/// between two questions is short, so an answer is seen within a few milliseconds.
fn within<T>(limit: Duration, mut f: impl FnMut() -> Option<T>) -> Option<T> {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(x) = f() {
            return Some(x);
        }
        if Instant::now() >= deadline {
            return None;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// Starts the app's listener and waits until it listens.
fn listening(t: &mut TestApp, id: &str) {
    let heard = within(Duration::from_secs(20), || {
        t.app.library_changed(id).expect("library_changed");
        t.app.library_status().listening.then_some(())
    });
    assert!(heard.is_some(), "{:?}", t.app.library_status());
    // What the listener may have missed while it connected is read now.
    t.app.library_changed(id).expect("library_changed");
}

/// The patch of others' edits, waited for at most `limit`.
fn changed(t: &mut TestApp, id: &str, limit: Duration) -> Option<MapPatch> {
    within(limit, || {
        t.app.library_changed(id).expect("library_changed")
    })
}

#[test]
fn a_published_map_opens_from_the_library_and_exports_the_same_bytes() {
    let cluster = Cluster::shared();
    let url = cluster.database();
    let mut a = TestApp::new();
    let id = a.app.create_sample().expect("sample");
    let local = a.app.export_map(&id).expect("local export");
    let secret = format!("{url} password=hunter2");
    a.app.connect_library(&secret, "Ana").expect("connect");
    a.app.publish_map(&id, false).expect("publish");
    let again = a.app.publish_map(&id, false).expect_err("already there");
    assert_eq!(again.code(), ErrorCode::Conflict, "{again}");
    a.app.publish_map(&id, true).expect("replace");

    let maps = a.app.library_maps().expect("list");
    assert_eq!(maps.len(), 1);
    assert_eq!((maps[0].id.as_str(), maps[0].rev), (id.as_str(), 2));
    assert_eq!(maps[0].updated_by, "Ana");

    // The same app opens the library's copy (the local original shares its id).
    let view = open_library(&mut a, &id);
    assert_eq!(view.read_only, None);
    assert_eq!(a.app.export_map(&id).expect("library export"), local);
    assert_eq!(a.app.view(&id).expect("view"), view);

    // Another app, with no local copy, opens it through the desktop command.
    let mut b = member(&url, "Bo");
    let view = api::open_map(&mut Ctx::new(&mut b.app), OpenMapRequest { id: id.clone() })
        .expect("open_map");
    assert_eq!(view.location, MapLocation::Library);
    assert_eq!(b.app.export_map(&id).expect("export"), local);
    assert!(
        b.dir.path().join(OFFLINE_FILE).is_file(),
        "the offline copy"
    );

    // Pulled as a copy: fresh ids; pulled as it is: the same file.
    let copy = b.app.pull_map(&id, ImportMode::Copy).expect("pull a copy");
    assert_ne!(copy, id);
    assert!(b.app.map_name(&copy).expect("name").ends_with("(copy)"));
    assert_eq!(b.app.pull_map(&id, ImportMode::Refuse).expect("pull"), id);
    let err = b.app.pull_map(&id, ImportMode::Refuse).expect_err("taken");
    assert_eq!(err.code(), ErrorCode::Conflict, "{err}");
    b.app
        .open_view_at(&id, MapLocation::Local)
        .expect("open local");
    assert_eq!(b.app.export_map(&id).expect("export"), local);

    // The password is nowhere to be seen.
    let status = a.app.library_status();
    assert!(status.connected, "{status:?}");
    let stored = a.app.setting(LIBRARY_URL_KEY).expect("setting");
    for shown in [
        format!("{status:?}"),
        format!("{stored:?}"),
        format!("{:?}", a.app),
    ] {
        assert!(!shown.contains("hunter2"), "{shown}");
    }
    assert!(stored.is_some_and(|s| s.contains("password=***")));
}

#[test]
fn every_edit_works_on_a_library_map_and_its_patches_rebuild_the_servers_view() {
    let cluster = Cluster::shared();
    let url = cluster.database();
    let (mut a, id) = publisher(&url, "Ana");
    let mut held = open_library(&mut a, &id);
    let key = HistoryKey::map(&id);
    let mut lib = Library::connect(&url).expect("connect");
    // Every kind of edit, undo and redo, in an order that mixes them.
    let mut seed = 0x2545_f491_u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut done = 0;
    for step in 0..120 {
        let op = (step % 24) as u8;
        let (x, y) = (next() as usize % 1000, next() as usize % 1000);
        let Some(patch) = crate::patches::run(&mut a.app, &id, op, x, y) else {
            continue;
        };
        done += 1;
        let (map, _) = lib.load_map_at(&id).expect("server");
        let fresh = MapView::build_at(
            &map,
            a.app.can_undo(&key),
            a.app.can_redo(&key),
            MapLocation::Library,
            None,
        );
        held = held.apply(&patch).expect("the patch fits the view");
        assert!(
            held == fresh,
            "step {step} (op {op}): the patched view differs"
        );
        assert!(
            a.app.load_map(&id).expect("copy") == map,
            "step {step} (op {op}): the app's copy differs from the server's map"
        );
    }
    assert!(done > 60, "only {done} edits ran");
    // Every row carries the revision of the write that last wrote it.
    let rev = lib.map_rev(&id).expect("rev");
    let newest: i64 = raw(&url)
        .query_one(
            "SELECT max(rev) FROM (SELECT rev FROM stages UNION ALL SELECT rev FROM touchpoints
             UNION ALL SELECT rev FROM links UNION ALL SELECT rev FROM feedback) AS r",
            &[],
        )
        .expect("revs")
        .get(0);
    assert!(
        newest <= rev && newest > 1,
        "rows at {newest}, map at {rev}"
    );
}

#[test]
fn two_people_editing_different_cards_keep_both_edits_and_hear_each_other() {
    let cluster = Cluster::shared();
    let url = cluster.database();
    let (mut a, id) = publisher(&url, "Ana");
    let mut b = member(&url, "Bo");
    open_library(&mut a, &id);
    open_library(&mut b, &id);
    listening(&mut a, &id);
    listening(&mut b, &id);
    let mut watcher = raw(&url);
    watcher.batch_execute("LISTEN journeymap").expect("listen");

    let map = a.app.load_map(&id).expect("copy");
    let (one, two) = (map.touchpoints[0].clone(), map.touchpoints[1].clone());
    a.app
        .update_touchpoint(
            &one.id,
            &TouchpointFields {
                owner: "Ana's team".into(),
                ..fields(&one)
            },
        )
        .expect("Ana's edit");
    // Bo has not seen Ana's edit, and does not need to: another card.
    b.app
        .update_touchpoint(
            &two.id,
            &TouchpointFields {
                title: "Bo was here".into(),
                ..fields(&two)
            },
        )
        .expect("Bo's edit");
    let committed = Instant::now();
    // Nor do the map's details conflict with the touch every edit gives the map.
    b.app
        .update_map(
            &id,
            &MapFields {
                name: map.meta.name.clone(),
                description: "Shared with the team".into(),
                persona_name: map.meta.persona.name.clone(),
                persona_description: map.meta.persona.description.clone(),
            },
        )
        .expect("Bo's edit of the map's details");

    let patch = changed(&mut a, &id, WITHIN.saturating_sub(committed.elapsed()))
        .expect("Ana hears Bo within a second");
    assert!(
        patch
            .touchpoints
            .changed
            .iter()
            .any(|t| t.id == two.id && t.title == "Bo was here"),
        "{patch:?}"
    );
    // Ana's view may arrive in two steps (Bo's edits are two commits); then it is whole.
    let _ = changed(&mut a, &id, Duration::from_millis(200));
    assert_eq!(
        a.app.load_map(&id).expect("copy").meta.description,
        "Shared with the team"
    );
    let patch = changed(&mut b, &id, WITHIN).expect("Bo hears Ana within a second");
    assert!(
        patch
            .touchpoints
            .changed
            .iter()
            .any(|t| t.id == one.id && t.owner == "Ana's team"),
        "{patch:?}"
    );

    // Both kept, each row at the revision of its write, Bo named last.
    let server = on_server(&url, &id);
    assert_eq!(
        server.touchpoint(&one.id).map(|t| t.owner.as_str()),
        Some("Ana's team")
    );
    assert_eq!(
        server.touchpoint(&two.id).map(|t| t.title.as_str()),
        Some("Bo was here")
    );
    assert!(server == a.app.load_map(&id).expect("Ana's copy"));
    assert!(server == b.app.load_map(&id).expect("Bo's copy"));
    let revs: Vec<(String, i64)> = raw(&url)
        .query(
            "SELECT id, rev FROM touchpoints WHERE id = $1 OR id = $2 ORDER BY rev",
            &[&one.id, &two.id],
        )
        .expect("revs")
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    assert_eq!(revs, [(one.id.clone(), 2), (two.id.clone(), 3)]);
    let line = &a.app.library_maps().expect("list")[0];
    assert_eq!((line.rev, line.updated_by.as_str()), (4, "Bo"));

    // Every commit was announced as map:rev.
    use postgres::fallible_iterator::FallibleIterator;
    let heard: Vec<String> = watcher
        .notifications()
        .timeout_iter(Duration::from_secs(5))
        .take(3)
        .map(|n| Ok(n.payload().to_string()))
        .collect()
        .expect("notifications");
    assert_eq!(heard, [2, 3, 4].map(|r| format!("{id}:{r}")));
}

#[test]
fn the_same_card_edited_twice_conflicts_and_nothing_of_the_second_edit_is_written() {
    let cluster = Cluster::shared();
    let url = cluster.database();
    let (mut a, id) = publisher(&url, "Ana");
    let mut b = member(&url, "Bo");
    open_library(&mut a, &id);
    open_library(&mut b, &id);
    let map = a.app.load_map(&id).expect("copy");
    let card = map
        .touchpoints
        .iter()
        .find(|t| t.title == "Security questionnaire")
        .expect("the sample's card")
        .clone();
    a.app
        .update_touchpoint(
            &card.id,
            &TouchpointFields {
                owner: "Ana".into(),
                ..fields(&card)
            },
        )
        .expect("Ana's edit");
    let before = dump(&url);

    let err = b
        .app
        .update_touchpoint(
            &card.id,
            &TouchpointFields {
                pain: Some(1),
                ..fields(&card)
            },
        )
        .expect_err("Bo's edit conflicts");
    assert_eq!(err.code(), ErrorCode::Conflict);
    assert_eq!(
        err.to_string(),
        "Touchpoint “Security questionnaire” was changed by someone else; your edit was not \
         saved"
    );
    assert!(dump(&url) == before, "something of Bo's edit was written");

    // A delete of the card's stage meets the same change half way: nothing of it stays.
    let err = b.app.delete_stage(&card.stage_id).expect_err("conflict");
    assert_eq!(err.code(), ErrorCode::Conflict, "{err}");
    assert!(dump(&url) == before, "something of Bo's delete was written");

    // The conflict brings Bo's view up to date; then his edit goes through.
    let patch = b
        .app
        .library_changed(&id)
        .expect("refresh")
        .expect("a patch");
    assert!(patch.touchpoints.changed.iter().any(|t| t.owner == "Ana"));
    let seen = b.app.load_map(&id).expect("copy");
    let now = seen.touchpoint(&card.id).expect("card").clone();
    b.app
        .update_touchpoint(
            &card.id,
            &TouchpointFields {
                pain: Some(1),
                ..fields(&now)
            },
        )
        .expect("Bo's edit, on what he now sees");
    let t = on_server(&url, &id).touchpoint(&card.id).cloned();
    assert_eq!(
        t.map(|t| (t.owner, t.pain)),
        Some(("Ana".to_string(), Some(1)))
    );

    // A card someone else adds to a stage is not deleted along with it unseen.
    let stage = &seen.stages[0];
    let lane = &seen.lanes[0];
    a.app
        .add_touchpoint(&stage.id, &lane.id, "Ana's new card", None)
        .expect("Ana adds a card");
    let before = dump(&url);
    let err = b.app.delete_stage(&stage.id).expect_err("conflict");
    assert_eq!(err.code(), ErrorCode::Conflict);
    assert!(
        err.to_string().starts_with(&format!(
            "Stage “{}” holds something someone else added",
            stage.name
        )),
        "{err}"
    );
    assert!(dump(&url) == before, "something of Bo's delete was written");
}

#[test]
fn an_undo_after_someone_else_changed_the_row_conflicts() {
    let cluster = Cluster::shared();
    let url = cluster.database();
    let (mut a, id) = publisher(&url, "Ana");
    let mut b = member(&url, "Bo");
    open_library(&mut a, &id);
    open_library(&mut b, &id);
    let key = HistoryKey::map(&id);
    let map = a.app.load_map(&id).expect("copy");
    let (one, two) = (map.touchpoints[3].clone(), map.touchpoints[4].clone());

    // An undo and a redo nobody interferes with go through.
    assert_ne!(two.pain, Some(0), "the edit changes something");
    a.app
        .update_touchpoint(
            &two.id,
            &TouchpointFields {
                pain: Some(0),
                ..fields(&two)
            },
        )
        .expect("edit");
    assert!(a.app.undo(&key).expect("undo").is_some());
    assert_eq!(
        on_server(&url, &id).touchpoint(&two.id).map(|t| t.pain),
        Some(two.pain)
    );
    assert!(a.app.redo(&key).expect("redo").is_some());
    assert_eq!(
        on_server(&url, &id).touchpoint(&two.id).map(|t| t.pain),
        Some(Some(0))
    );

    assert!(
        one.pain != Some(2) && one.pain != Some(8),
        "the edits change something"
    );
    a.app
        .update_touchpoint(
            &one.id,
            &TouchpointFields {
                pain: Some(2),
                ..fields(&one)
            },
        )
        .expect("Ana's edit");
    changed(&mut b, &id, Duration::from_secs(20)).expect("Bo sees Ana's edits");
    let seen = b.app.load_map(&id).expect("copy");
    b.app
        .update_touchpoint(
            &one.id,
            &TouchpointFields {
                pain: Some(8),
                ..fields(seen.touchpoint(&one.id).expect("card"))
            },
        )
        .expect("Bo's edit over Ana's");
    let before = dump(&url);
    let err = a.app.undo(&key).expect_err("Ana's undo conflicts");
    assert_eq!(err.code(), ErrorCode::Conflict);
    assert!(
        err.to_string().contains("was changed by someone else"),
        "{err}"
    );
    assert!(dump(&url) == before, "the undo wrote something");
    assert_eq!(
        on_server(&url, &id).touchpoint(&one.id).map(|t| t.pain),
        Some(Some(8))
    );
    // The undo that can never apply is dropped; the one under it is next.
    assert!(a.app.undo(&key).expect("the earlier undo").is_some());
    assert_eq!(
        on_server(&url, &id).touchpoint(&two.id).map(|t| t.pain),
        Some(two.pain)
    );
}

/// Whether a session of the database at `url` waits for a lock.
fn waiting_for_a_lock(url: &str) -> bool {
    let n: i64 = raw(url)
        .query_one(
            "SELECT count(*) FROM pg_stat_activity
             WHERE datname = current_database() AND wait_event_type = 'Lock'",
            &[],
        )
        .expect("activity")
        .get(0);
    n > 0
}

#[test]
fn the_server_stopped_mid_edit_leaves_the_library_map_whole_and_local_maps_working() {
    // A cluster of its own: this test stops it.
    let mut cluster = Cluster::start();
    let url = cluster.database();
    let (mut t, id) = publisher(&url, "Ana");
    let other = t.app.create_sample().expect("another local map");
    open_library(&mut t, &id);
    let map = t.app.load_map(&id).expect("copy");
    let stage = map.stages[1].clone();
    let cards: Vec<&Touchpoint> = map
        .touchpoints
        .iter()
        .filter(|x| x.stage_id == stage.id)
        .collect();
    assert!(cards.len() > 2);
    let before = dump(&url);

    // Someone holds the stage's last card, so the delete of the stage stops half way:
    // its links and feedback deleted, the card waiting.
    let mut locker = raw(&url);
    let mut hold = locker.transaction().expect("begin");
    hold.query(
        "SELECT 1 FROM touchpoints WHERE id = $1 FOR UPDATE",
        &[&cards[cards.len() - 1].id],
    )
    .expect("lock");
    let stage_id = stage.id.clone();
    let editing = std::thread::spawn(move || {
        let r = t.app.delete_stage(&stage_id);
        (t, r)
    });
    assert!(
        within(Duration::from_secs(20), || waiting_for_a_lock(&url)
            .then_some(()))
        .is_some(),
        "the delete never reached the held card"
    );
    // A crash, not a fast stop: a fast stop ends the locker's session first as often as
    // not, and the delete then gets the card and commits before its own session ends.
    cluster.crash();
    drop(hold);
    drop(locker);
    let (mut t, r) = editing.join().expect("the edit's thread");
    let err = r.expect_err("the server went away");
    assert_eq!(err.code(), ErrorCode::Unreachable, "{err}");
    let status = t.app.library_status();
    assert!(!status.connected && status.problem.is_some(), "{status:?}");

    // Local maps keep working.
    let other_map = t.app.load_map(&other).expect("local map");
    let card = &other_map.touchpoints[0];
    t.app
        .update_touchpoint(
            &card.id,
            &TouchpointFields {
                pain: Some(3),
                ..fields(card)
            },
        )
        .expect("a local edit");
    t.app
        .create_map("Written while the library is away")
        .expect("a new local map");
    let err = t.app.library_maps().expect_err("unreachable");
    assert_eq!(err.code(), ErrorCode::Unreachable);

    // The library map opens from the copy kept here, read-only, and says why.
    let view = open_library(&mut t, &id);
    let why = view.read_only.clone().expect("read-only");
    assert!(why.starts_with("the team library is unreachable"), "{why}");
    assert_eq!(t.app.export_map(&id).expect("export"), {
        journey_core::interchange::export_json(&map)
    });
    let err = t
        .app
        .update_touchpoint(&cards[0].id, &fields(cards[0]))
        .expect_err("read-only");
    assert_eq!(err.code(), ErrorCode::Unreachable);
    assert_eq!(err.to_string(), why);
    assert_eq!(t.app.library_changed(&id).expect("offline"), None);

    // Back: nothing of the interrupted delete was written, and edits resume.
    cluster.start_again();
    assert!(
        dump(&url) == before,
        "the interrupted edit left something behind"
    );
    let view = open_library(&mut t, &id);
    assert_eq!(view.read_only, None);
    t.app.delete_stage(&stage.id).expect("the delete, again");
    assert!(on_server(&url, &id).stage(&stage.id).is_none());

    // A restart the app did not see: its next edit connects again by itself.
    cluster.stop();
    cluster.start_again();
    let card = &t.app.load_map(&id).expect("copy").touchpoints[0];
    t.app
        .update_touchpoint(
            &card.id,
            &TouchpointFields {
                pain: Some(6),
                ..fields(card)
            },
        )
        .expect("an edit after the restart");
    assert_eq!(
        on_server(&url, &id).touchpoint(&card.id).map(|x| x.pain),
        Some(Some(6))
    );
}

/// A card's edit count, kept in its description by the load tests.
fn count(t: &Touchpoint) -> u64 {
    t.description
        .strip_prefix("edits: ")
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// What the load tests measure.
#[derive(Debug, Default)]
struct Run {
    saved: HashMap<String, u64>,
    conflicts: u64,
    latencies: Vec<Duration>,
}

const WRITERS: usize = 20;
const EDITS: usize = 500;

/// One writer's edits: each picks a card, reads its count from the map as the app shows
/// it, and saves the count plus one.
fn write(app: &mut App, id: &str, writer: usize, library: bool) -> Run {
    let mut run = Run::default();
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64 ^ (writer as u64 + 1);
    for _ in 0..EDITS {
        if library {
            app.library_changed(id).expect("library_changed");
        }
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let map = app.load_map(id).expect("map");
        let card = map.touchpoints[seed as usize % map.touchpoints.len()].clone();
        let f = TouchpointFields {
            description: format!("edits: {}", count(&card) + 1),
            ..fields(&card)
        };
        let started = Instant::now();
        let r = app.update_touchpoint(&card.id, &f);
        run.latencies.push(started.elapsed());
        match r {
            Ok(()) => *run.saved.entry(card.id).or_default() += 1,
            Err(e) if e.code() == ErrorCode::Conflict => run.conflicts += 1,
            Err(e) => panic!("writer {writer}: {e}"),
        }
    }
    run
}

/// Every writer's runs together, and the figures as one line.
fn report(what: &str, runs: Vec<Run>, wall: Duration) -> (Run, String) {
    let mut all = Run::default();
    for r in runs {
        for (k, n) in r.saved {
            *all.saved.entry(k).or_default() += n;
        }
        all.conflicts += r.conflicts;
        all.latencies.extend(r.latencies);
    }
    all.latencies.sort();
    let at = |q: f64| all.latencies[((all.latencies.len() - 1) as f64 * q) as usize];
    let saved: u64 = all.saved.values().sum();
    let line = format!(
        "{what}: {WRITERS} writers x {EDITS} edits in {:.1} s: {saved} saved ({:.0} saved \
         edits/s), {} conflicts; latency p50 {:.2} ms, p99 {:.2} ms",
        wall.as_secs_f64(),
        saved as f64 / wall.as_secs_f64(),
        all.conflicts,
        at(0.5).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
    );
    (all, line)
}

#[test]
fn twenty_writers_on_one_library_map_lose_no_acknowledged_edit() {
    // A cluster of its own: forty connections, and figures not shared with other tests.
    let cluster = Cluster::start();
    let url = cluster.database();
    let (_, id) = publisher(&url, "Setup");
    let started = Instant::now();
    let runs: Vec<Run> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..WRITERS)
            .map(|w| {
                let (url, id) = (&url, &id);
                s.spawn(move || {
                    let mut t = member(url, &format!("Writer {w}"));
                    open_library(&mut t, id);
                    write(&mut t.app, id, w, true)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("writer"))
            .collect()
    });
    let (all, line) = report("team library", runs, started.elapsed());
    println!("{line}");
    let saved: u64 = all.saved.values().sum();
    assert_eq!(saved + all.conflicts, (WRITERS * EDITS) as u64);
    assert!(saved > 0);
    // Each saved edit added one to what its writer saw, and was checked against the
    // server: no edit was lost if every card's count is the number of its saved edits.
    let server = on_server(&url, &id);
    for t in &server.touchpoints {
        assert_eq!(
            count(t),
            all.saved.get(&t.id).copied().unwrap_or(0),
            "card {}",
            t.id
        );
    }
    let line = &Library::connect(&url)
        .expect("connect")
        .list_maps()
        .expect("list")[0];
    assert_eq!(line.rev, 1 + saved as i64, "one revision per saved edit");
}

#[test]
fn twenty_writers_on_one_sqlite_map_for_comparison_with_the_library() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("maps.sqlite3");
    let id = App::open(&db)
        .expect("open")
        .create_sample()
        .expect("sample");
    let started = Instant::now();
    let runs: Vec<Run> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..WRITERS)
            .map(|w| {
                let (db, id) = (&db, &id);
                s.spawn(move || {
                    let mut app = App::open(db).expect("open");
                    write(&mut app, id, w, false)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("writer"))
            .collect()
    });
    let (all, line) = report("SQLite", runs, started.elapsed());
    // The local store is one person's file: it does not compare what a writer saw with
    // what is stored, so an increment computed from a read another writer overtook
    // replaces that writer's.
    let now = App::open(&db).expect("open").load_map(&id).expect("map");
    let counted: u64 = now.touchpoints.iter().map(count).sum();
    let saved: u64 = all.saved.values().sum();
    println!("{line}; {} increments overwritten", saved - counted);
    assert_eq!(
        saved,
        (WRITERS * EDITS) as u64,
        "every SQLite edit is saved"
    );
    assert!(counted <= saved);
}
