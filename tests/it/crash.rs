//! Killed mid-write: a writer process commits edits through the real store and prints an
//! acknowledgement after each commit; it is killed (SIGKILL) at varied moments, 300
//! times. After each kill the database must open (every open runs quick_check, the
//! foreign-key check and the schema comparison), hold every acknowledged edit, and hold
//! no part of an edit: an imported map is there whole or not at all.
//!
//! The writer is this test binary itself, run again with `JM_CRASH_WRITER` set (see
//! `crash_writer`), so nothing else has to be built.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use journey_app::{App, ImportMode, EVERY_MINUTES_KEY};

const WRITER_ENV: &str = "JM_CRASH_WRITER";

/// The writer: with `JM_CRASH_WRITER=<db>;<map id>;<first n>`, it adds stages named
/// `edit <n>` and, every fourth edit, imports a copy of the sample map, printing
/// `ack stage <n>` or `ack import <id>` once each is committed. Without the variable it
/// does nothing (it is an ordinary test then).
#[test]
fn crash_writer() {
    let Ok(spec) = std::env::var(WRITER_ENV) else {
        return;
    };
    let mut parts = spec.split(';');
    let (db, map, first) = (
        parts.next().expect("db"),
        parts.next().expect("map"),
        parts.next().and_then(|n| n.parse::<u64>().ok()).expect("n"),
    );
    let mut app = App::open(Path::new(db)).expect("writer opens");
    let sample = journey_core::sample::SAMPLE_JSON.as_bytes();
    for n in first.. {
        if n % 4 == 3 {
            let id = app.import_map(sample, ImportMode::Copy).expect("import");
            println!("ack import {id}");
        } else {
            app.add_stage(map, &format!("edit {n}"), None)
                .expect("edit");
            println!("ack stage {n}");
        }
    }
}

/// A small deterministic generator, so a failing run can be repeated.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

#[test]
fn kill_9_during_edits_and_imports_loses_no_acknowledged_edit_and_leaves_no_partial_one() {
    const KILLS: usize = 300;
    /// A fresh database every so many kills keeps each open's checks quick.
    const PER_DATABASE: usize = 30;
    let exe = std::env::current_exe().expect("this test binary");
    let mut rng = Lcg(0x4a4d_4150);
    for batch in 0..KILLS / PER_DATABASE {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("maps.sqlite3");
        let mut app = App::open(&db).expect("opens");
        let map = app.create_sample().expect("sample");
        // Backups are not what is tested here; they would only slow each write.
        app.set_setting(EVERY_MINUTES_KEY, "0").expect("setting");
        app.backup_now("manual")
            .expect("today's backup, so no daily one is due");
        drop(app);
        let mut acked_stages: Vec<String> = Vec::new();
        let mut acked_imports: Vec<String> = Vec::new();
        let mut next = 0u64;
        for kill in 0..PER_DATABASE {
            let mut child = Command::new(&exe)
                .args([
                    "--exact",
                    "crash::crash_writer",
                    "--nocapture",
                    "--test-threads=1",
                ])
                .env(WRITER_ENV, format!("{};{map};{next}", db.display()))
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .expect("writer starts");
            let stdout = child.stdout.take().expect("stdout");
            let mut lines = BufReader::new(stdout).lines();
            // Killed right after its k-th acknowledgement (0: before any), so the kill
            // lands somewhere in the next commit, the next open or the next import.
            let wait_for = rng.below(6);
            let mut seen = 0;
            while seen < wait_for {
                let line = match lines.next() {
                    Some(Ok(l)) => l,
                    other => panic!("batch {batch} kill {kill}: writer ended early: {other:?}"),
                };
                if let Some(n) = line.strip_prefix("ack stage ") {
                    acked_stages.push(format!("edit {n}"));
                    next = n.parse::<u64>().expect("n") + 1;
                    seen += 1;
                } else if let Some(id) = line.strip_prefix("ack import ") {
                    acked_imports.push(id.to_string());
                    next += 1;
                    seen += 1;
                }
            }
            child.kill().expect("SIGKILL");
            child.wait().expect("reaped");
            // An unacknowledged edit may have committed before the kill: numbering goes
            // on past it, so names never repeat.
            next += 1;

            let app = App::open(&db).unwrap_or_else(|e| panic!("batch {batch} kill {kill}: {e}"));
            let stages: Vec<String> = app
                .load_map(&map)
                .expect("the map")
                .stages
                .into_iter()
                .map(|s| s.name)
                .collect();
            for s in &acked_stages {
                assert!(
                    stages.contains(s),
                    "batch {batch} kill {kill}: acknowledged {s:?} lost"
                );
            }
            for m in app.list_maps().expect("list") {
                if m.id == map {
                    continue;
                }
                let whole = app.load_map(&m.id).expect("an imported map");
                assert_eq!(
                    (
                        whole.stages.len(),
                        whole.touchpoints.len(),
                        whole.feedback.len()
                    ),
                    (6, 50, 108),
                    "batch {batch} kill {kill}: map {} is partial",
                    m.id
                );
            }
            let ids: Vec<String> = app
                .list_maps()
                .expect("list")
                .into_iter()
                .map(|m| m.id)
                .collect();
            for id in &acked_imports {
                assert!(
                    ids.contains(id),
                    "batch {batch} kill {kill}: acknowledged import {id} lost"
                );
            }
        }
    }
}
