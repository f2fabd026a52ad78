//! Verified backups: taken on their own before the day's first write, checked when
//! written, kept to a bounded number, and restored to exactly what they held, also while
//! another connection writes.

use std::path::Path;

use journey_app::{App, EVERY_MINUTES_KEY};

fn backups_in(db: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(journey_store::backups_dir(db))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn the_first_write_of_the_day_is_preceded_by_a_verified_backup() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("maps.sqlite3");
    let mut app = App::open(&db).expect("opens");
    let id = app.create_sample().expect("sample");
    let before = app.export_map(&id).expect("export");
    assert!(
        backups_in(&db).is_empty(),
        "nothing to back up before any edit"
    );

    app.add_stage(&id, "Advocate", None).expect("edit");
    let names = backups_in(&db);
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(names[0].ends_with("-daily.sqlite3"), "{names:?}");
    // It holds the map as it was before the edit.
    let journey_store::Backups { good, failing: bad } = app.list_backups().expect("list");
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(
        (good[0].maps, good[0].touchpoints, good[0].feedback),
        (1, 50, 108)
    );

    // The next edits are within the period: no new backup.
    app.add_stage(&id, "Refer", None).expect("edit");
    assert_eq!(backups_in(&db).len(), 1);

    // Restored, the database exports exactly what it held before the first edit.
    let backup = good[0].path.clone();
    drop(app);
    let moved = journey_store::restore(&db, &backup).expect("restore");
    assert!(
        moved.iter().all(|p| p.exists()),
        "moved aside, never deleted"
    );
    let app = App::open(&db).expect("opens the restored file");
    assert_eq!(app.export_map(&id).expect("export"), before);
}

#[test]
fn periodic_backups_follow_the_setting_and_old_ones_are_pruned() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("maps.sqlite3");
    let mut app = App::open(&db).expect("opens");
    let id = app.create_sample().expect("sample");
    app.set_setting(EVERY_MINUTES_KEY, "0").expect("setting");
    for i in 0..3 {
        app.add_stage(&id, &format!("Stage {i}"), None)
            .expect("edit");
    }
    // Only the day's first write backed up: 0 turns the periodic ones off.
    assert_eq!(backups_in(&db).len(), 1);
    for _ in 0..14 {
        app.backup_now("manual").expect("backup");
    }
    let names = backups_in(&db);
    // The newest ten; today's newest is among them.
    assert_eq!(names.len(), journey_store::KEEP_NEWEST, "{names:?}");
    assert!(
        names.iter().all(|n| n.ends_with("-manual.sqlite3")),
        "{names:?}"
    );
}

#[test]
fn backups_taken_while_another_connection_writes_all_restore_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("maps.sqlite3");
    let mut app = App::open(&db).expect("opens");
    let id = app.create_sample().expect("sample");
    app.set_setting(EVERY_MINUTES_KEY, "0").expect("setting");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (db, id, stop) = (db.clone(), id.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut w = App::open(&db).expect("writer opens");
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                w.add_stage(&id, &format!("Written {n}"), None)
                    .expect("write");
                n += 1;
            }
            n
        })
    };
    let restored = tempfile::tempdir().expect("tempdir");
    let mut stages_seen = Vec::new();
    for i in 0..100 {
        let b = app
            .backup_now("manual")
            .expect("a backup that passes its check");
        // Each restores into a database that opens (every open checks it) and exports.
        let target = restored.path().join(format!("r{i}.sqlite3"));
        journey_store::restore(&target, &b.path).expect("restore");
        let r = App::open(&target).expect("opens");
        let map = r.load_map(&id).expect("the whole map");
        stages_seen.push(map.stages.len());
        r.export_map(&id).expect("exports");
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let written = writer.join().expect("writer");
    assert!(written > 0);
    // Each backup is a moment of the writer's work, in order.
    assert!(
        stages_seen.windows(2).all(|w| w[0] <= w[1]),
        "{stages_seen:?}"
    );
}
