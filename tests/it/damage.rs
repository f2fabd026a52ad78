//! Databases that must not be trusted: a schema someone else changed, a file too short to
//! be a database, damage SQLite's own checks find. Each is refused at open with a message
//! that names the file and the problem, and the file is left byte for byte as it was.

use std::path::{Path, PathBuf};

use journey_app::App;
use rusqlite::Connection;

/// A database holding the sample map, closed (its write-ahead log folded in).
fn sample_db(dir: &Path) -> PathBuf {
    let path = dir.join("maps.sqlite3");
    let mut app = App::open(&path).expect("opens");
    app.create_sample().expect("sample");
    drop(app);
    path
}

/// Changes the database with a plain SQLite connection, as another program would.
fn tamper(path: &Path, sql: &str) {
    let conn = Connection::open(path).expect("opens");
    // Another program that knows the function our triggers call.
    journey_store::register_functions(&conn).expect("functions");
    conn.execute_batch(sql).expect("tampers");
    // Back to a rollback journal so the change lives in the main file alone.
    conn.pragma_update(None, "journal_mode", "DELETE")
        .expect("journal mode");
}

/// Every file in `dir` with its bytes: what "left unchanged" means.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut all: Vec<_> = std::fs::read_dir(dir)
        .expect("dir")
        .flatten()
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).expect("read"),
            )
        })
        .collect();
    all.sort();
    all
}

/// Opens `path` expecting a refusal whose message names the file and says `expected`;
/// nothing in its folder may change.
fn refused(path: &Path, expected: &str) {
    let dir = path.parent().expect("folder");
    let before = files(dir);
    let message = match App::open(path) {
        Ok(_) => panic!("{} opened; expected: {expected}", path.display()),
        Err(e) => e.to_string(),
    };
    assert!(
        message.contains(&path.display().to_string()) && message.contains(expected),
        "message {message:?} should name the file and say {expected:?}"
    );
    assert!(message.contains("left unchanged"), "{message}");
    assert!(files(dir) == before, "{}: files changed", path.display());
}

#[test]
fn a_schema_someone_else_changed_is_refused_before_anything_runs() {
    let cases = [
        (
            "CREATE TRIGGER wipe AFTER INSERT ON settings BEGIN DELETE FROM touchpoints; END;",
            "trigger wipe is not ours",
        ),
        ("CREATE VIEW everything AS SELECT * FROM touchpoints;", "view everything is not ours"),
        ("DROP INDEX feedback_by_map;", "index feedback_by_map is missing"),
        (
            "PRAGMA writable_schema = ON;
             UPDATE sqlite_schema SET sql = replace(sql, 'pain BETWEEN 0 AND 10', 'pain BETWEEN 0 AND 99')
              WHERE name = 'touchpoints';",
            "table touchpoints was changed",
        ),
        ("CREATE TABLE notes (x TEXT);", "table notes is not ours"),
    ];
    for (sql, expected) in cases {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = sample_db(dir.path());
        tamper(&path, sql);
        refused(&path, expected);
        // The trigger never ran: all 50 of the sample's touchpoints are there.
        let conn = Connection::open(&path).expect("opens");
        let n: i64 = conn
            .query_row("SELECT count(*) FROM touchpoints", [], |r| r.get(0))
            .expect("count");
        assert_eq!(n, 50, "{sql}");
    }
}

#[test]
fn a_file_too_short_to_be_a_database_is_not_recreated() {
    for bytes in [&b""[..], b"x", &[0u8; 99]] {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("maps.sqlite3");
        std::fs::write(&path, bytes).expect("write");
        refused(
            &path,
            &format!("{} bytes long, too short to be a database", bytes.len()),
        );
    }
    // A missing file is still a first start.
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = App::open(&dir.path().join("new.sqlite3")).expect("a new database");
    assert!(app.list_maps().expect("list").is_empty());
    app.create_sample().expect("sample");
}

/// The page number of `index`'s root and the page size.
fn root_page(path: &Path, index: &str) -> (u64, u64) {
    let conn = Connection::open(path).expect("opens");
    let root: i64 = conn
        .query_row(
            "SELECT rootpage FROM sqlite_schema WHERE name = ?1",
            [index],
            |r| r.get(0),
        )
        .expect("root page");
    let size: i64 = conn
        .pragma_query_value(None, "page_size", |r| r.get(0))
        .expect("page size");
    (root as u64, size as u64)
}

#[test]
fn damage_the_checks_find_is_refused_with_what_they_found() {
    // An index page overwritten: quick_check sees rows missing from the index (the case
    // that exported 10 of 108 feedback items without a warning).
    let dir = tempfile::tempdir().expect("tempdir");
    let path = sample_db(dir.path());
    let (root, size) = root_page(&path, "feedback_by_map");
    let mut bytes = std::fs::read(&path).expect("read");
    let at = ((root - 1) * size) as usize;
    bytes[at..at + size as usize].fill(0);
    std::fs::write(&path, &bytes).expect("write");
    refused(&path, "the database is damaged");

    // A stage deleted behind the foreign keys' back: its touchpoints point at nothing.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = sample_db(dir.path());
    tamper(
        &path,
        "PRAGMA foreign_keys = OFF; DELETE FROM stages WHERE rowid = (SELECT min(rowid) FROM stages);",
    );
    refused(
        &path,
        "a row of touchpoints refers to a missing row of stages",
    );
}

/// A full disk (the database capped at its size, as `max_page_count` does): the import
/// fails with a message that says so and names the file, nothing of it is written, the
/// maps already there are intact, and the same import succeeds once there is room.
#[test]
fn a_full_disk_is_named_loses_nothing_and_the_write_succeeds_once_there_is_room() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("maps.sqlite3");
    let mut app = App::open(&db).expect("opens");
    let first = app.create_sample().expect("sample");
    app.set_setting(journey_app::EVERY_MINUTES_KEY, "0")
        .expect("setting");
    app.backup_now("manual")
        .expect("no daily backup due during the test");
    let before = app.export_map(&first).expect("export");
    let pages = app.database_pages().expect("pages");
    app.limit_database_pages(pages + 2).expect("cap");
    let sample = journey_core::sample::SAMPLE_JSON.as_bytes();
    let e = app
        .import_map(sample, journey_app::ImportMode::Copy)
        .expect_err("no room");
    let message = e.to_string();
    assert!(message.contains("the disk is full"), "{message}");
    assert!(message.contains(&db.display().to_string()), "{message}");
    assert_eq!(
        app.list_maps().expect("list").len(),
        1,
        "nothing of it written"
    );
    assert_eq!(app.export_map(&first).expect("export"), before);
    // An edit fails the same way and changes nothing either.
    let stage = app.load_map(&first).expect("map").stages[0].id.clone();
    for i in 0..200 {
        match app.add_stage(&first, &format!("Room {i}"), None) {
            Ok(_) => continue,
            Err(e) => {
                assert!(e.to_string().contains("the disk is full"), "{e}");
                break;
            }
        }
    }
    assert!(app
        .load_map(&first)
        .expect("map")
        .stages
        .iter()
        .any(|s| s.id == stage));

    app.limit_database_pages(1 << 30).expect("room again");
    let copy = app
        .import_map(sample, journey_app::ImportMode::Copy)
        .expect("the same import, now there is room");
    assert_eq!(app.load_map(&copy).expect("copy").touchpoints.len(), 50);
    drop(app);
    // And the file is whole.
    App::open(&db).expect("reopens with its checks");
}

/// The desktop app's recovery commands on a damaged database: the problem and the good
/// backups; restoring only a listed backup; after the restore the app is open on a file
/// that exports exactly what the backup held, and the damaged file was moved aside.
#[test]
fn recovery_lists_the_good_backups_and_restores_one() {
    use journey_app::api::{
        recovery_status, restore_backup, Recovery, RecoveryStatusRequest, RestoreBackupRequest,
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let path = sample_db(dir.path());
    let mut app = App::open(&path).expect("opens");
    let id = app.list_maps().expect("list")[0].id.clone();
    let exported = app.export_map(&id).expect("export");
    app.backup_now("manual").expect("backup");
    drop(app);
    // Well: nothing to recover.
    let mut well = Recovery {
        db: &path,
        problem: None,
        reopened: None,
    };
    assert_eq!(
        recovery_status(&mut well, RecoveryStatusRequest {}).expect("status"),
        None
    );

    // Damaged: the open's message, and the backup with what it holds.
    tamper(
        &path,
        "CREATE VIEW everything AS SELECT * FROM touchpoints;",
    );
    let problem = App::open(&path).expect_err("refused").to_string();
    let mut r = Recovery {
        db: &path,
        problem: Some(&problem),
        reopened: None,
    };
    let status = recovery_status(&mut r, RecoveryStatusRequest {})
        .expect("status")
        .expect("a problem");
    assert_eq!(status.problem, problem);
    assert_eq!(status.backups.len(), 1);
    let b = &status.backups[0];
    assert_eq!(
        (b.maps, b.touchpoints, b.feedback, b.reason.as_str()),
        (1, 50, 108, "manual")
    );

    // Only a listed backup can be restored: not any file the page names.
    let other = dir.path().join("elsewhere.sqlite3");
    std::fs::copy(&b.path, &other).expect("copy");
    let refused = restore_backup(
        &mut r,
        RestoreBackupRequest {
            path: other.display().to_string(),
        },
    )
    .expect_err("not listed");
    assert!(refused
        .to_string()
        .contains("not one of this database's good backups"));
    assert!(r.reopened.is_none());

    let done = restore_backup(
        &mut r,
        RestoreBackupRequest {
            path: b.path.clone(),
        },
    )
    .expect("restored");
    let reopened = r
        .reopened
        .take()
        .expect("the app, open on the restored file");
    assert_eq!(reopened.export_map(&id).expect("export"), exported);
    assert!(!done.moved_aside.is_empty());
    for aside in &done.moved_aside {
        assert!(Path::new(aside).exists(), "{aside} kept");
    }
    // The moved-aside file is the damaged one, view and all.
    let conn = Connection::open(&done.moved_aside[0]).expect("opens");
    let views: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'view'",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(views, 1);
}

/// No backup, a damaged file: salvage keeps every row SQLite can still read, in a new
/// database at the same path, and says what it left out; the damaged file is moved aside
/// unchanged, and the salvaged map is marked as such.
#[test]
fn salvage_keeps_what_can_be_read_when_there_is_no_backup() {
    use journey_app::api::{salvage_database, Recovery, SalvageRequest};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = sample_db(dir.path());
    let app = App::open(&path).expect("opens");
    let id = app.list_maps().expect("list")[0].id.clone();
    let map = app.load_map(&id).expect("load");
    drop(app);
    assert_eq!((map.touchpoints.len(), map.feedback.len()), (50, 108));

    // One quote's first byte made invalid UTF-8 (everywhere it is stored: free pages may
    // hold an old copy): that row cannot be read, and its map's digest no longer matches.
    let quote = map.feedback[5].text.as_bytes();
    let mut bytes = std::fs::read(&path).expect("read");
    let places: Vec<usize> = bytes
        .windows(quote.len())
        .enumerate()
        .filter(|(_, w)| *w == quote)
        .map(|(i, _)| i)
        .collect();
    assert!(!places.is_empty(), "the quote is stored as it was written");
    for at in places {
        bytes[at] = 0xFF;
    }
    // And the feedback index zeroed: salvage reads the tables, not their indexes.
    let (root, size) = root_page(&path, "feedback_by_map");
    let page = ((root - 1) * size) as usize;
    bytes[page..page + size as usize].fill(0);
    std::fs::write(&path, &bytes).expect("write");
    let problem = App::open(&path).expect_err("damaged").to_string();
    assert!(problem.contains("the database is damaged"), "{problem}");

    let mut r = Recovery {
        db: &path,
        problem: Some(&problem),
        reopened: None,
    };
    let done = salvage_database(&mut r, SalvageRequest {}).expect("salvaged");
    assert_eq!(done.maps.len(), 1);
    assert_eq!(done.maps[0].name, format!("{} (salvaged)", map.meta.name));
    assert_eq!((done.maps[0].touchpoints, done.maps[0].feedback), (50, 107));
    assert_eq!(
        done.rows_left_out, 1,
        "only the unreadable quote is left out"
    );
    assert!(done.maps_lost.is_empty(), "{:?}", done.maps_lost);
    // The damaged file is kept, byte for byte.
    assert_eq!(std::fs::read(&done.moved_aside[0]).expect("aside"), bytes);

    let reopened = r
        .reopened
        .take()
        .expect("the app, open on the salvaged file");
    let salvaged = reopened
        .load_map(&id)
        .expect("the salvaged map reads whole");
    assert_eq!(salvaged.touchpoints, map.touchpoints);
    let mut kept = map.feedback.clone();
    kept.remove(5);
    assert_eq!(salvaged.feedback, kept);
    assert_eq!(
        reopened
            .setting(journey_store::SALVAGED_FROM_KEY)
            .expect("setting")
            .as_deref(),
        Some(done.moved_aside[0].as_str())
    );

    // A table page lost whole: the rows on it are gone, the rest are kept, and what is
    // kept fits together (the new database's constraints would refuse it otherwise).
    let dir = tempfile::tempdir().expect("tempdir");
    let path = sample_db(dir.path());
    let title = map.touchpoints[map.touchpoints.len() / 2].title.as_bytes();
    let mut bytes = std::fs::read(&path).expect("read");
    let at = bytes
        .windows(title.len())
        .position(|w| w == title)
        .expect("the title is stored");
    let page = at / size as usize * size as usize;
    bytes[page..page + size as usize].fill(0);
    std::fs::write(&path, &bytes).expect("write");
    let done = journey_store::salvage(&path).expect("salvaged");
    assert_eq!(done.maps.len(), 1, "{done:?}");
    let t = done.maps[0].touchpoints;
    assert!(t > 0 && t < 50, "{t} of 50 touchpoints kept");
    assert!(done.rows_left_out > 0);
    let again = App::open(&path).expect("the salvaged database opens and passes its checks");
    let kept = &again.list_maps().expect("list")[0];
    assert_eq!(kept.touchpoint_count as usize, t);
    assert_eq!(again.load_map(&kept.id).expect("load").touchpoints.len(), t);
}

/// The first page of a table lost: salvage jumps past it from the first rowid, and the
/// rows after it are kept (before, every retry landed on the same page and the whole
/// table was lost).
#[test]
fn salvage_gets_past_a_lost_first_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = sample_db(dir.path());
    let (root, size) = root_page(&path, "touchpoints");
    let mut bytes = std::fs::read(&path).expect("read");
    let page = |n: u64| ((n - 1) * size) as usize;
    let r = page(root);
    assert_eq!(bytes[r], 5, "the touchpoints table spans several pages");
    // An interior page: its first cell's left child is the first leaf.
    let first_cell = usize::from(u16::from_be_bytes([bytes[r + 12], bytes[r + 13]]));
    let c = r + first_cell;
    let leaf = u64::from(u32::from_be_bytes([
        bytes[c],
        bytes[c + 1],
        bytes[c + 2],
        bytes[c + 3],
    ]));
    let l = page(leaf);
    bytes[l..l + size as usize].fill(0);
    std::fs::write(&path, &bytes).expect("write");

    let done = journey_store::salvage(&path).expect("salvaged");
    let t = done.maps[0].touchpoints;
    assert!(t > 0 && t < 50, "{t} of 50 touchpoints kept");
    let again = App::open(&path).expect("opens");
    let kept = &again.list_maps().expect("list")[0];
    assert_eq!(kept.touchpoint_count as usize, t);
}

/// What a workshop wrote is salvaged with its map: decisions whose touchpoint was kept,
/// and voting rounds with their dots.
#[test]
fn salvage_keeps_the_workshops_decisions_and_rounds() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("maps.sqlite3");
    let mut app = App::open(&path).expect("opens");
    let id = app.create_sample().expect("sample");
    let map = app.load_map(&id).expect("load");
    let (a, b) = (map.touchpoints[2].id.clone(), map.touchpoints[9].id.clone());
    app.add_decision(
        &a,
        &journey_app::DecisionFields {
            kind: journey_core::model::DecisionKind::Opportunity,
            text: "Bundle the security answers".into(),
            owner: "Trust".into(),
            due: None,
        },
    )
    .expect("decision");
    app.save_round(
        &id,
        &journey_app::RoundFields {
            name: "Round 1".into(),
            budget: 3,
            voters: 3,
            one_per_item: false,
            scope: "Hand-picked (2)".into(),
            votes: vec![
                journey_app::VoteFields {
                    touchpoint_id: b.clone(),
                    dots: 5,
                },
                journey_app::VoteFields {
                    touchpoint_id: a,
                    dots: 4,
                },
            ],
        },
    )
    .expect("round");
    let before = app.load_map(&id).expect("load");
    drop(app);

    let done = journey_store::salvage(&path).expect("salvaged");
    assert_eq!(done.rows_left_out, 0, "{done:?}");
    let again = App::open(&path).expect("the salvaged database opens");
    let after = again.load_map(&id).expect("load");
    assert_eq!(after.decisions, before.decisions);
    assert_eq!(after.rounds, before.rounds);
}
