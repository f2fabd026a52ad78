//! The corruption corpus: well over 1,000 damaged copies of a real database holding the
//! sample map and a second map, made here from a seeded generator: truncations, byte
//! flips in the header and in table and index pages, single bits flipped anywhere,
//! blocks of garbage, zero-length and all-garbage files, another program's SQLite file,
//! and `-wal` files that are stale (an older one of the same database) or foreign
//! (another database's) beside a good file.
//!
//! For each copy, Journeymap opens it, lists its maps and exports every one, as `list`
//! and `export` do. Each copy must end one of two ways: the exports are byte for byte the
//! original ones (the damage was somewhere nothing reads, or a `-wal` that did not belong
//! was set aside), or the damage is reported, at open or at the read. Never a panic, and
//! never a successful export whose content differs. The counts are printed (run with
//! `--nocapture`) and recorded in docs/RELIABILITY.md.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use journey_app::{App, ImportMode};
use rusqlite::Connection;

/// A small, seeded generator (SplitMix64): the corpus is the same on every run.
struct Seeded(u64);

impl Seeded {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Every map's JSON export, by id: what "the original content" is.
fn exports(app: &App) -> Result<BTreeMap<String, String>, String> {
    let maps = app.list_maps().map_err(|e| e.to_string())?;
    maps.iter()
        .map(|m| {
            Ok((
                m.id.clone(),
                app.export_map(&m.id).map_err(|e| e.to_string())?,
            ))
        })
        .collect()
}

/// A closed database with the sample map and a generated one: every table, every index
/// and several pages of each. Also returns the file as it was before its last session of
/// edits, for stale `-wal` files.
fn original(dir: &Path) -> (PathBuf, Vec<u8>) {
    let path = dir.join("original.sqlite3");
    let mut app = App::open(&path).expect("opens");
    app.create_sample().expect("sample");
    let generated = journey_core::interchange::export_json(&journey_core::sample::synthetic(60, 5));
    app.import_map(generated.as_bytes(), ImportMode::Copy)
        .expect("import");
    drop(app);
    let older = std::fs::read(&path).expect("read");
    let conn = Connection::open(&path).expect("opens");
    journey_store::register_functions(&conn).expect("functions");
    conn.execute_batch(
        "UPDATE touchpoints SET title = title || ' (reworded)' WHERE rowid % 7 = 0;
         DELETE FROM feedback WHERE seq % 11 = 0;",
    )
    .expect("later edits");
    drop(conn);
    (path, older)
}

/// A `-wal` holding edits of `db` that are not yet in its main file: a copy of the files
/// taken while a writer (Journeymap's own triggers included) has them open. Returns the
/// main file and the `-wal` as they were then.
fn with_pending_wal(db: &Path, sql: &str) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    let conn = Connection::open(db).expect("opens");
    journey_store::register_functions(&conn).expect("functions");
    conn.pragma_update(None, "wal_autocheckpoint", 0)
        .expect("pragma");
    conn.execute_batch(sql).expect("edits");
    let main = std::fs::read(db).expect("main");
    let wal = std::fs::read(format!("{}-wal", db.display())).expect("wal");
    let shm = std::fs::read(format!("{}-shm", db.display())).expect("shm");
    drop(conn);
    (main, wal, shm)
}

/// How one damaged copy ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    /// Opened, and every map exported exactly as the original.
    Original,
    /// Refused at open with a message.
    RefusedAtOpen,
    /// Opened, and listing or exporting reported the damage.
    RefusedAtRead,
    /// Opened and exported, with content that differs: the failure this test forbids.
    DifferentContent,
}

fn try_copy(
    dir: &Path,
    main: &[u8],
    wal: Option<&[u8]>,
    want: &BTreeMap<String, String>,
) -> Outcome {
    let db = dir.join("maps.sqlite3");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    std::fs::write(&db, main).expect("write copy");
    if let Some(wal) = wal {
        std::fs::write(format!("{}-wal", db.display()), wal).expect("write wal");
    }
    let app = match App::open(&db) {
        Ok(app) => app,
        Err(e) => {
            let message = e.to_string();
            assert!(!message.is_empty());
            return Outcome::RefusedAtOpen;
        }
    };
    match exports(&app) {
        Err(message) => {
            assert!(
                message.contains("damaged"),
                "a read failed without saying why: {message}"
            );
            Outcome::RefusedAtRead
        }
        Ok(got) if &got == want => Outcome::Original,
        Ok(_) => Outcome::DifferentContent,
    }
}

/// Page types by their first byte (the b-tree page header): 2 and 10 index pages,
/// 5 and 13 table pages.
fn pages_of_kind(file: &[u8], page_size: usize, kinds: &[u8]) -> Vec<usize> {
    (0..file.len() / page_size)
        .filter(|&p| {
            let header = if p == 0 { 100 } else { p * page_size };
            kinds.contains(&file[header])
        })
        .collect()
}

#[test]
fn no_damaged_copy_exports_content_that_differs_from_the_original() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, older) = original(dir.path());
    let good = std::fs::read(&db).expect("read");
    let want = exports(&App::open(&db).expect("opens")).expect("exports");
    let page_size = usize::from(u16::from_be_bytes([good[16], good[17]]));
    let table_pages = pages_of_kind(&good, page_size, &[5, 13]);
    let index_pages = pages_of_kind(&good, page_size, &[2, 10]);
    assert!(
        table_pages.len() > 5 && index_pages.len() > 5,
        "a corpus needs pages of both kinds"
    );

    let work = tempfile::tempdir().expect("tempdir");
    let mut rng = Seeded(0x4A4D_4150);
    let mut counts: BTreeMap<(&str, Outcome), usize> = BTreeMap::new();
    let mut bad = Vec::new();
    let mut run =
        |kind: &'static str, main: Vec<u8>, wal: Option<Vec<u8>>, counts: &mut BTreeMap<_, _>| {
            let outcome = try_copy(work.path(), &main, wal.as_deref(), &want);
            *counts.entry((kind, outcome)).or_insert(0) += 1;
            if outcome == Outcome::DifferentContent {
                bad.push(kind);
            }
        };

    // Truncations: at every page boundary and at random lengths.
    for p in 0..good.len() / page_size {
        run(
            "truncated at a page boundary",
            good[..p * page_size].to_vec(),
            None,
            &mut counts,
        );
    }
    for _ in 0..100 {
        let len = rng.below(good.len());
        run(
            "truncated at a random length",
            good[..len].to_vec(),
            None,
            &mut counts,
        );
    }
    // The 100-byte header: each byte set to a random other value, twice over.
    for _ in 0..2 {
        for at in 0..100 {
            let mut f = good.clone();
            f[at] ^= (1 + rng.below(255)) as u8;
            run("header byte changed", f, None, &mut counts);
        }
    }
    // Single bits flipped in table pages, in index pages, and anywhere past the header.
    for (kind, pages, n) in [
        ("bit flipped in a table page", &table_pages, 300),
        ("bit flipped in an index page", &index_pages, 200),
    ] {
        for _ in 0..n {
            let page = pages[rng.below(pages.len())];
            let start = if page == 0 { 100 } else { page * page_size };
            let at = start + rng.below((page + 1) * page_size - start);
            let mut f = good.clone();
            f[at] ^= 1 << rng.below(8);
            run(kind, f, None, &mut counts);
        }
    }
    for _ in 0..200 {
        let at = 100 + rng.below(good.len() - 100);
        let mut f = good.clone();
        f[at] ^= 1 << rng.below(8);
        run("bit flipped anywhere", f, None, &mut counts);
    }
    // Blocks of garbage written over the file.
    for _ in 0..100 {
        let len = 1 + rng.below(512);
        let at = rng.below(good.len() - len);
        let mut f = good.clone();
        for b in &mut f[at..at + len] {
            *b = rng.next() as u8;
        }
        run("block of garbage", f, None, &mut counts);
    }
    // Whole files that are not ours.
    run("zero length", Vec::new(), None, &mut counts);
    let garbage: Vec<u8> = (0..good.len()).map(|_| rng.next() as u8).collect();
    run("all garbage", garbage, None, &mut counts);
    let other = work.path().join("other-app.sqlite3");
    let conn = Connection::open(&other).expect("other");
    conn.execute_batch("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('hello');")
        .expect("other app");
    drop(conn);
    run(
        "another program's database",
        std::fs::read(&other).expect("read"),
        None,
        &mut counts,
    );

    // `-wal` files. A stale one: edits of this very database that were later replaced by
    // others; a foreign one: another Journeymap database's. Each beside the good file.
    let stale_sql = [
        "UPDATE maps SET name = 'Renamed by a stale wal';",
        "DELETE FROM feedback WHERE seq % 2 = 0;",
        "UPDATE maps SET name = 'Renamed'; DELETE FROM feedback WHERE seq % 2 = 0;",
        "UPDATE touchpoints SET title = title || ' (old)';",
        "DELETE FROM maps WHERE name <> 'Renamed';",
    ];
    for (i, sql) in stale_sql.iter().enumerate() {
        let scratch = work.path().join(format!("stale-{i}.sqlite3"));
        std::fs::write(&scratch, &older).expect("scratch");
        let (_, wal, _) = with_pending_wal(&scratch, sql);
        run(
            "stale -wal of the same database",
            good.clone(),
            Some(wal),
            &mut counts,
        );
    }
    for i in 0..5 {
        let scratch = work.path().join(format!("foreign-{i}.sqlite3"));
        let mut other = App::open(&scratch).expect("other db");
        other.create_sample().expect("sample");
        drop(other);
        let (_, wal, _) =
            with_pending_wal(&scratch, &format!("UPDATE maps SET name = 'Foreign {i}';"));
        run(
            "foreign -wal of another database",
            good.clone(),
            Some(wal),
            &mut counts,
        );
    }
    // A `-wal` that does belong: edits committed before a crash, which leaves the `-wal`
    // and its `-shm`. Opened with them, the database holds those edits.
    let scratch = work.path().join("crashed.sqlite3");
    std::fs::write(&scratch, &good).expect("scratch");
    let (main, wal, shm) =
        with_pending_wal(&scratch, "UPDATE maps SET name = name || ' (edited)';");
    let crashed_dir = tempfile::tempdir().expect("tempdir");
    let crashed = crashed_dir.path().join("maps.sqlite3");
    std::fs::write(&crashed, &main).expect("main");
    std::fs::write(format!("{}-wal", crashed.display()), &wal).expect("wal");
    std::fs::write(format!("{}-shm", crashed.display()), &shm).expect("shm");
    let names: Vec<String> = App::open(&crashed)
        .expect("a crash's own -wal opens")
        .list_maps()
        .expect("lists")
        .into_iter()
        .map(|m| m.name)
        .collect();
    assert!(
        !names.is_empty() && names.iter().all(|n| n.ends_with(" (edited)")),
        "the edits committed before the crash are kept: {names:?}"
    );

    let total: usize = counts.values().sum();
    let mut by_outcome: BTreeMap<Outcome, usize> = BTreeMap::new();
    for ((kind, outcome), n) in &counts {
        println!("corpus: {kind}: {outcome:?} {n}");
        *by_outcome.entry(*outcome).or_insert(0) += n;
    }
    println!("corpus: {total} damaged copies: {by_outcome:?}");
    assert!(total >= 1_000, "the corpus holds {total} copies");
    assert!(
        bad.is_empty(),
        "{} damaged copies exported different content: {bad:?}",
        bad.len()
    );
    // The stale and foreign `-wal` files were set aside: the good file's content shows.
    for kind in [
        "stale -wal of the same database",
        "foreign -wal of another database",
    ] {
        let reported = counts
            .get(&(kind, Outcome::RefusedAtOpen))
            .copied()
            .unwrap_or(0);
        assert_eq!(reported, 0, "{kind}: the good file behind it should open");
    }
}
