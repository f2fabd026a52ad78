//! The `journeymap` binary, run as a user runs it, on temporary database files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("maps.sqlite3")
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs `journeymap --db <tmp> args…`.
    fn run(&self, args: &[&str]) -> Output {
        let db = self.db();
        let mut all = vec!["--db", db.to_str().expect("utf-8 path")];
        all.extend_from_slice(args);
        raw(&all, None)
    }
}

fn raw(args: &[&str], db_env: Option<&Path>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_journeymap"));
    cmd.args(args).env_remove("JOURNEYMAP_DB");
    if let Some(p) = db_env {
        cmd.env("JOURNEYMAP_DB", p);
    }
    cmd.output().expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 stderr")
}

fn ok(o: Output) -> String {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    stdout(&o)
}

#[test]
fn demo_list_show_report() {
    let env = Env::new();
    let id = ok(env.run(&["demo"])).trim().to_string();
    assert!(id.starts_with("jm_"), "{id}");
    let list = ok(env.run(&["list"]));
    let fields: Vec<&str> = list.trim_end().split('\t').collect();
    assert_eq!(
        fields,
        [id.as_str(), "Acme Insights: first ad to renewal", "6", "50"]
    );

    // By name and by id.
    let grid = ok(env.run(&["show", "Acme Insights: first ad to renewal"]));
    assert_eq!(grid, ok(env.run(&["show", &id])));
    for expected in [
        "Discover",
        "Renew",
        "Marketing",
        "Customer actions",
        "Security questionnaire [9]",
    ] {
        assert!(grid.contains(expected), "grid lacks {expected}:\n{grid}");
    }

    let report = ok(env.run(&["report", &id]));
    assert!(report.contains("Pain points, worst first"), "{report}");
    let json: serde_json::Value =
        serde_json::from_str(&ok(env.run(&["report", &id, "--json"]))).expect("json");
    let first = &json["painPoints"][0];
    assert_eq!(first["pain"], 9);
    assert_eq!(first["rank"], 1);
    assert_eq!(
        json["heatmap"]["stageTotals"].as_array().map(Vec::len),
        Some(6)
    );
    assert!(json["map"]["metrics"]["nps"]["n"]
        .as_u64()
        .is_some_and(|n| n > 0));
    // --format json is the same report; --format md is Markdown with the report's headings.
    let again = ok(env.run(&["report", &id, "--format", "json"]));
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&again).expect("json"),
        json
    );
    let md = ok(env.run(&["report", &id, "--format", "md"]));
    for heading in [
        "# Acme Insights",
        "## Pain points",
        "## Most painful flow paths",
        "## Heatmap",
    ] {
        assert!(md.contains(heading), "md lacks {heading}");
    }
}

#[test]
fn export_import_export_is_identical() {
    let env = Env::new();
    let id = ok(env.run(&["demo"])).trim().to_string();
    let first = ok(env.run(&["export", &id]));
    let file = env.file("map.json");
    ok(env.run(&["export", &id, "-o", file.to_str().expect("utf-8")]));
    assert_eq!(std::fs::read_to_string(&file).expect("read"), first);
    assert!(first.ends_with("}\n"));

    let other = Env::new();
    let imported = ok(other.run(&["import", file.to_str().expect("utf-8")]))
        .trim()
        .to_string();
    assert_eq!(imported, id, "the map keeps its id");
    assert_eq!(ok(other.run(&["export", &id])), first, "byte-identical");

    // Again without flags: refused, naming the existing map; nothing changes.
    let again = other.run(&["import", file.to_str().expect("utf-8")]);
    assert_eq!(again.status.code(), Some(1));
    let err = stderr(&again);
    assert!(
        err.lines()
            .next()
            .is_some_and(|l| l.contains("already exists") && l.contains("Acme Insights")),
        "{err}"
    );
    assert_eq!(ok(other.run(&["list"])).lines().count(), 1);

    // --copy: a new map with fresh ids; --replace: the same id, swapped.
    let copy = ok(other.run(&["import", file.to_str().expect("utf-8"), "--copy"]))
        .trim()
        .to_string();
    assert_ne!(copy, id);
    assert!(ok(other.run(&["list"])).contains("Acme Insights: first ad to renewal (copy)"));
    let replaced = ok(other.run(&["import", file.to_str().expect("utf-8"), "--replace"]))
        .trim()
        .to_string();
    assert_eq!(replaced, id);
    assert_eq!(ok(other.run(&["list"])).lines().count(), 2);
}

#[test]
fn validate_touches_no_database() {
    let env = Env::new();
    let file = env.file("sample.json");
    std::fs::write(&file, journey_core::sample::SAMPLE_JSON).expect("write");
    let out = ok(raw(
        &["validate", file.to_str().expect("utf-8")],
        Some(&env.db()),
    ));
    assert!(out.starts_with("ok: "), "{out}");
    assert!(!env.db().exists(), "validate created no database");

    let bad = env.file("bad.json");
    std::fs::write(
        &bad,
        journey_core::sample::SAMPLE_JSON.replacen("\"pain\": 9", "\"pain\": 11", 1),
    )
    .expect("write");
    let o = raw(&["validate", bad.to_str().expect("utf-8")], None);
    assert_eq!(o.status.code(), Some(1));
    let first = stderr(&o).lines().next().unwrap_or_default().to_string();
    assert!(first.contains("/pain: 11 is outside 0–10"), "{first}");
}

#[test]
fn a_broken_import_changes_nothing() {
    let env = Env::new();
    let id = ok(env.run(&["demo"])).trim().to_string();
    let before = ok(env.run(&["export", &id]));
    let bad = env.file("bad.json");
    let text = before
        .replace(&id, "jm_other")
        .replacen("\"nps\": 9", "\"nps\": 12", 1);
    std::fs::write(&bad, text).expect("write");
    let o = env.run(&["import", bad.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("/nps: 12 is outside 0–10"),
        "{}",
        stderr(&o)
    );
    assert_eq!(ok(env.run(&["list"])).lines().count(), 1);
    assert_eq!(ok(env.run(&["export", &id])), before);
}

#[test]
fn usage_errors_exit_2_and_bad_data_exits_1() {
    let env = Env::new();
    for args in [
        vec!["frobnicate"],
        vec!["show"],
        vec!["import", "x.json", "--replace", "--copy"],
        vec!["report", "m", "--colour"],
    ] {
        let o = env.run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    }
    assert_eq!(raw(&["--help"], None).status.code(), Some(0));
    let cases: &[(&[&str], &str)] = &[
        (
            &["show", "no such map"],
            "no map has the id or name \"no such map\"",
        ),
        (
            &["import", "/nonexistent/file.json"],
            "/nonexistent/file.json: cannot read",
        ),
        (&["export", "nope"], "no map has the id or name"),
    ];
    for (args, expected) in cases {
        let o = env.run(args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let first = stderr(&o).lines().next().unwrap_or_default().to_string();
        assert!(first.contains(expected), "{args:?}: {first}");
    }
}

#[test]
fn an_ambiguous_name_asks_for_an_id() {
    let env = Env::new();
    ok(env.run(&["demo"]));
    ok(env.run(&["demo"]));
    let o = env.run(&["show", "Acme Insights: first ad to renewal"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("2 maps are named"), "{}", stderr(&o));
}

#[test]
fn a_foreign_database_is_refused_and_left_alone() {
    let env = Env::new();
    std::fs::write(env.db(), "these are my shopping notes\n".repeat(100)).expect("write");
    let before = std::fs::read(env.db()).expect("read");
    let o = env.run(&["list"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not a database file"), "{}", stderr(&o));
    assert_eq!(std::fs::read(env.db()).expect("read"), before);
}

#[test]
fn the_database_defaults_to_journeymap_db() {
    let env = Env::new();
    let id = ok(raw(&["demo"], Some(&env.db()))).trim().to_string();
    assert!(env.db().exists());
    assert!(ok(raw(&["list"], Some(&env.db()))).starts_with(&id));
}

/// `show` and `report` of the sample map, imported with its own ids so the output is
/// stable, are what the committed snapshots say (`UPDATE_EXPECT=1` rewrites them after an
/// intended change; review the diff).
#[test]
fn show_and_report_of_the_sample_match_their_snapshots() {
    let env = Env::new();
    let sample = env.file("sample.json");
    std::fs::write(&sample, journey_core::sample::SAMPLE_JSON).expect("write sample");
    let id = ok(env.run(&["import", sample.to_str().expect("utf-8")]))
        .trim()
        .to_string();
    expect_test::expect_file!["snapshots/show-sample.txt"].assert_eq(&ok(env.run(&["show", &id])));
    let today = "--today=2026-12-01";
    expect_test::expect_file!["snapshots/report-sample.txt"]
        .assert_eq(&ok(env.run(&["report", &id, today])));
    expect_test::expect_file!["snapshots/report-sample.md"]
        .assert_eq(&ok(env.run(&["report", &id, "--format", "md", today])));
    expect_test::expect_file!["snapshots/heatmap-sample.txt"]
        .assert_eq(&ok(env.run(&["heatmap", &id, "--metric", "nps", today])));
}

/// A big map's report gives the worst pain points in full and says how many more the
/// JSON report ranks, rather than printing thousands.
#[test]
fn a_big_report_names_how_many_more_are_ranked() {
    let env = Env::new();
    let file = env.file("big.json");
    let map = journey_core::sample::synthetic(300, 1);
    let scored = map
        .touchpoints
        .iter()
        .filter(|t| t.pain.is_some_and(|p| p > 0))
        .count();
    std::fs::write(&file, journey_core::interchange::export_json(&map)).expect("write");
    let id = ok(env.run(&["import", file.to_str().expect("utf-8")]))
        .trim()
        .to_string();
    let more = scored - journey_core::analysis::TOP_PAIN_POINTS;
    let line =
        format!("… and {more} more scored touchpoints, ranked in the JSON report's painRanking.");
    let text = ok(env.run(&["report", &id]));
    assert_eq!(text.matches(&line).count(), 1, "{text}");
    let md = ok(env.run(&["report", &id, "--format", "md"]));
    assert_eq!(md.matches(&line).count(), 1);
    let json: serde_json::Value =
        serde_json::from_str(&ok(env.run(&["report", &id, "--format", "json"]))).expect("json");
    assert_eq!(json["painRanking"].as_array().map(Vec::len), Some(scored));
    assert_eq!(
        json["painPoints"].as_array().map(Vec::len),
        Some(journey_core::analysis::TOP_PAIN_POINTS)
    );
}

/// `backup`, `backups` and `restore`: a map deleted after the backup is back after the
/// restore, and the replaced database was moved aside.
#[test]
fn backup_list_and_restore() {
    let env = Env::new();
    assert_eq!(ok(env.run(&["backups"])), "no backups yet\n");
    let id = ok(env.run(&["demo"])).trim().to_string();
    let made = ok(env.run(&["backup"]));
    let fields: Vec<&str> = made.trim_end().split('\t').collect();
    assert_eq!(fields.len(), 4, "{made}");
    assert_eq!(fields[2], "manual");
    assert_eq!(fields[3], "1 maps, 50 touchpoints, 108 feedback");
    assert_eq!(ok(env.run(&["backups"])), made);
    let before = ok(env.run(&["export", &id]));
    ok(env.run(&["demo"]));
    assert_eq!(ok(env.run(&["list"])).lines().count(), 2);

    let restored = ok(env.run(&["restore", fields[0]]));
    assert!(restored.starts_with("restored "), "{restored}");
    let aside = restored
        .lines()
        .find_map(|l| l.strip_prefix("moved aside: "))
        .expect("the old database moved aside");
    assert!(Path::new(aside).exists());
    assert_eq!(ok(env.run(&["list"])).lines().count(), 1);
    assert_eq!(ok(env.run(&["export", &id])), before);

    // A file that is not a backup is refused, and the database stays as it is.
    let junk = env.file("junk.sqlite3");
    std::fs::write(&junk, vec![7u8; 4096]).expect("write");
    let o = env.run(&["restore", junk.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("junk.sqlite3"), "{}", stderr(&o));
    assert_eq!(ok(env.run(&["export", &id])), before);
}

/// `salvage` on a database another program changed (an extra view: refused by every
/// open), with no backup: the map is kept, named "(salvaged)", the damaged file moved
/// aside, and the database opens again.
#[test]
fn salvage_keeps_the_maps_of_a_refused_database() {
    let env = Env::new();
    let id = ok(env.run(&["demo"])).trim().to_string();
    let before: serde_json::Value =
        serde_json::from_str(&ok(env.run(&["export", &id]))).expect("json");
    let other = rusqlite::Connection::open(env.db()).expect("opens");
    other
        .execute_batch("CREATE VIEW everything AS SELECT * FROM touchpoints;")
        .expect("tampers");
    drop(other);
    let refused = env.run(&["list"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("view everything is not ours"),
        "{}",
        stderr(&refused)
    );

    let said = ok(env.run(&["salvage"]));
    assert!(
        said.starts_with("salvaged 1 into a new database at "),
        "{said}"
    );
    assert!(said.contains("50 touchpoints"), "{said}");
    assert!(
        said.contains("rows that could not be read or no longer fit: 0"),
        "{said}"
    );
    let aside = said
        .lines()
        .find_map(|l| l.strip_prefix("moved aside: "))
        .expect("the damaged file moved aside");
    assert!(Path::new(aside).exists());

    let after: serde_json::Value =
        serde_json::from_str(&ok(env.run(&["export", &id]))).expect("json");
    assert_eq!(
        after["map"]["name"].as_str(),
        before["map"]["name"]
            .as_str()
            .map(|n| format!("{n} (salvaged)"))
            .as_deref()
    );
    assert_eq!(after["touchpoints"], before["touchpoints"]);
    assert_eq!(after["feedback"], before["feedback"]);
}

/// A write that finds another program writing waits for it, past SQLite's own five
/// seconds, instead of failing with "busy": here an import while another connection
/// holds the write lock for six seconds (a long import, as a user's would be).
#[test]
fn a_write_waits_out_a_long_writer() {
    let env = Env::new();
    ok(env.run(&["demo"]));
    let file = env.file("map.json");
    std::fs::write(&file, journey_core::sample::SAMPLE_JSON).expect("write");
    let other = rusqlite::Connection::open(env.db()).expect("opens");
    other
        .execute_batch("BEGIN IMMEDIATE")
        .expect("the write lock");
    let db = env.db();
    let import = std::process::Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .args(["--db", db.to_str().expect("utf-8"), "import", "--copy"])
        .arg(&file)
        .env_remove("JOURNEYMAP_DB")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawns");
    // The other program's long write, then its commit.
    std::thread::sleep(std::time::Duration::from_secs(6));
    other.execute_batch("COMMIT").expect("commit");
    let out = import.wait_with_output().expect("import ends");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(ok(env.run(&["list"])).lines().count(), 2);
}

/// Four imports at once into one database, round after round: none fails as busy, and
/// every one of them is there exactly once.
#[test]
fn four_imports_at_once_all_land() {
    let env = Env::new();
    let file = env.file("big.json");
    std::fs::write(
        &file,
        journey_core::interchange::export_json(&journey_core::sample::synthetic(300, 1)),
    )
    .expect("write");
    let db = env.db();
    const ROUNDS: usize = 50;
    let mut ids = std::collections::BTreeSet::new();
    for round in 0..ROUNDS {
        let imports: Vec<_> = (0..4)
            .map(|_| {
                std::process::Command::new(env!("CARGO_BIN_EXE_journeymap"))
                    .args(["--db", db.to_str().expect("utf-8"), "import", "--copy"])
                    .arg(&file)
                    .env_remove("JOURNEYMAP_DB")
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .expect("spawns")
            })
            .collect();
        for i in imports {
            let out = i.wait_with_output().expect("ends");
            assert_eq!(
                out.status.code(),
                Some(0),
                "round {round}: {}",
                stderr(&out)
            );
            assert!(ids.insert(stdout(&out).trim().to_string()), "an id twice");
        }
    }
    let listed: std::collections::BTreeSet<String> = ok(env.run(&["list"]))
        .lines()
        .map(|l| l.split('\t').next().unwrap_or_default().to_string())
        .collect();
    assert_eq!(listed, ids, "every import there, once");
    assert_eq!(listed.len(), 4 * ROUNDS);
}

/// Runs the CLI as a user who cannot write `env`'s folder: as root (who may write
/// anything), through `setpriv` as `nobody`.
fn run_unprivileged(env: &Env, args: &[&str]) -> Output {
    let db = env.db();
    let mut all: Vec<String> = vec!["--db".into(), db.display().to_string()];
    all.extend(args.iter().map(|a| a.to_string()));
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let mut cmd = if root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(env!("CARGO_BIN_EXE_journeymap"));
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_journeymap"))
    };
    cmd.args(&all).env_remove("JOURNEYMAP_DB");
    cmd.output().expect("the binary runs")
}

/// A database on storage that cannot be written (a read-only file, or a read-only
/// folder, where SQLite could not keep its -wal and -shm files): list, show, export and
/// report work; an import is refused with a message that says why; nothing changes.
#[test]
fn a_read_only_database_is_read_and_never_written() {
    use std::os::unix::fs::PermissionsExt;
    for (file_mode, reason) in [
        (0o444, "the file is read-only"),
        (0o666, "its folder is read-only"),
    ] {
        let env = Env::new();
        let id = ok(env.run(&["demo"])).trim().to_string();
        let export = ok(env.run(&["export", &id]));
        let report = ok(env.run(&["report", &id]));
        let sample = env.file("sample.json");
        std::fs::write(&sample, journey_core::sample::SAMPLE_JSON).expect("write");
        let set = |p: &Path, mode: u32| {
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).expect("chmod")
        };
        set(&sample, 0o444);
        set(&env.db(), file_mode);
        set(env.dir.path(), 0o555);
        let files_before: Vec<_> = std::fs::read_dir(env.dir.path())
            .expect("dir")
            .flatten()
            .map(|e| e.file_name())
            .collect();

        let list = run_unprivileged(&env, &["list"]);
        assert_eq!(list.status.code(), Some(0), "{reason}: {}", stderr(&list));
        assert!(stdout(&list).starts_with(&id));
        assert_eq!(
            ok(run_unprivileged(&env, &["export", &id])),
            export,
            "{reason}"
        );
        assert_eq!(
            ok(run_unprivileged(&env, &["report", &id])),
            report,
            "{reason}"
        );
        assert!(ok(run_unprivileged(&env, &["show", &id])).contains("Discover"));
        let import = run_unprivileged(&env, &["import", "--copy", sample.to_str().expect("utf-8")]);
        assert_eq!(import.status.code(), Some(1), "{reason}");
        let message = stderr(&import);
        assert!(
            message.contains("can only be read") && message.contains(reason),
            "{message}"
        );
        let files_after: Vec<_> = std::fs::read_dir(env.dir.path())
            .expect("dir")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(
            files_before, files_after,
            "{reason}: nothing made in the folder"
        );
        set(env.dir.path(), 0o755);
        assert_eq!(
            ok(env.run(&["list"])).lines().count(),
            1,
            "{reason}: no import landed"
        );
    }
}

/// A file with a workshop's results (version 2) imports, and `votes` shows its decision and
/// its round ranked, as text and as CSV a CSV reader reads; the report ends with them.
#[test]
fn votes_show_a_files_decisions_and_rounds() {
    let demo = Env::new();
    let id = ok(demo.run(&["demo"])).trim().to_string();
    let mut file: serde_json::Value =
        serde_json::from_str(&ok(demo.run(&["export", &id]))).expect("json");
    let tp = |i: usize| {
        file["touchpoints"][i]["id"]
            .as_str()
            .expect("id")
            .to_string()
    };
    let title = |i: usize| {
        file["touchpoints"][i]["title"]
            .as_str()
            .expect("title")
            .to_string()
    };
    let (t0, t1, t2) = (tp(0), tp(1), tp(2));
    let (title1, title2) = (title(1), title(2));
    file["decisions"] = serde_json::json!([{
        "id": "dc_w1", "touchpoint": t1, "kind": "opportunity", "text": "Price calculator up front",
        "owner": "Growth", "due": "2027-02-01", "createdAt": "2026-12-03T10:00:00Z"
    }]);
    file["votingRounds"] = serde_json::json!([{
        "id": "vr_w1", "name": "Workshop round", "heldAt": "2026-12-03T10:30:00Z", "budget": 3,
        "voters": 2, "onePerItem": false, "scope": "All pain points",
        "votes": [{"touchpoint": t0, "dots": 1}, {"touchpoint": t2, "dots": 4}, {"touchpoint": t1, "dots": 0}]
    }]);
    let env = Env::new();
    let path = env.file("workshop.json");
    std::fs::write(&path, serde_json::to_string_pretty(&file).expect("json")).expect("write");
    assert_eq!(
        ok(env.run(&["import", path.to_str().expect("utf-8")])).trim(),
        id
    );

    let shown = ok(env.run(&["votes", &id]));
    assert!(shown.contains("Decisions and opportunities: 1"), "{shown}");
    assert!(
        shown.contains(&format!(
            "[opportunity] {title1}: Price calculator up front (owner Growth, due 2027-02-01)"
        )),
        "{shown}"
    );
    assert!(shown.contains("Voting round \"Workshop round\""), "{shown}");
    let ranked: Vec<&str> = shown
        .lines()
        .filter(|l| l.trim_start().starts_with(char::is_numeric))
        .collect();
    assert!(
        ranked[0].contains(&title2) && ranked[0].contains(" 4 "),
        "{shown}"
    );
    assert!(ranked[2].contains(&title1), "{shown}");

    let csv_path = env.file("votes.csv");
    ok(env.run(&[
        "votes",
        &id,
        "--csv",
        "-o",
        csv_path.to_str().expect("utf-8"),
    ]));
    let mut r = csv::Reader::from_path(&csv_path).expect("csv");
    let rows: Vec<csv::StringRecord> = r.records().collect::<Result<_, _>>().expect("rows");
    assert_eq!(rows.len(), 3);
    assert_eq!((&rows[0][7], &rows[0][11]), (t2.as_str(), "4"));

    let report = ok(env.run(&["report", &id]));
    assert!(report.contains("Voting round \"Workshop round\""));
    let md = ok(env.run(&["report", &id, "--format", "md"]));
    assert!(md.contains("## Decisions and opportunities") && md.contains("## Voting rounds"));
}

/// `export-csv` writes one row per touchpoint or per feedback item that a CSV reader reads
/// back with the header's number of columns, and a title a spreadsheet would run as a
/// formula comes out as text.
#[test]
fn export_csv_writes_tables_a_spreadsheet_reads_safely() {
    let env = Env::new();
    let id = ok(env.run(&["demo"])).trim().to_string();
    let mut file: serde_json::Value =
        serde_json::from_str(&ok(env.run(&["export", &id]))).expect("json");
    let hostile = "=HYPERLINK(\"http://x\",\"y\")";
    file["touchpoints"][0]["title"] = hostile.into();
    file["feedback"][0]["text"] = "@SUM(A1:A9)\nsecond line".into();
    let other = Env::new();
    let path = other.file("hostile.json");
    std::fs::write(&path, serde_json::to_string_pretty(&file).expect("json")).expect("write");
    ok(other.run(&["import", path.to_str().expect("utf-8")]));

    let out = other.file("touchpoints.csv");
    ok(other.run(&[
        "export-csv",
        &id,
        "--touchpoints",
        "-o",
        out.to_str().expect("utf-8"),
    ]));
    let mut r = csv::Reader::from_path(&out).expect("csv");
    let header = r.headers().expect("header").clone();
    assert_eq!(header.len(), journey_core::tables::TOUCHPOINTS_HEADER.len());
    let rows: Vec<csv::StringRecord> = r.records().collect::<Result<_, _>>().expect("rows");
    let touchpoints = file["touchpoints"].as_array().expect("list");
    assert_eq!(rows.len(), touchpoints.len());
    assert!(rows.iter().all(|row| row.len() == header.len()));
    let title = header
        .iter()
        .position(|h| h == "title")
        .expect("title column");
    assert_eq!(&rows[0][title], format!("'{hostile}"));
    assert_eq!(
        &rows[1][title],
        touchpoints[1]["title"].as_str().expect("title")
    );

    let csv_text = ok(other.run(&["export-csv", &id, "--feedback"]));
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    let header = r.headers().expect("header").clone();
    let rows: Vec<csv::StringRecord> = r.records().collect::<Result<_, _>>().expect("rows");
    assert_eq!(rows.len(), file["feedback"].as_array().expect("list").len());
    let text = header
        .iter()
        .position(|h| h == "text")
        .expect("text column");
    assert_eq!(&rows[0][text], "'@SUM(A1:A9)\nsecond line");
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?}"
            );
        }
    }

    // One table or the other, not neither.
    assert_eq!(other.run(&["export-csv", &id]).status.code(), Some(2));
}

/// `report --format csv -o FILE` writes the ranked pain points, a row each, in the JSON
/// report's order, and `--format md -o FILE` the Markdown report with its headings.
#[test]
fn the_report_goes_to_a_file_as_csv_or_markdown() {
    let env = Env::new();
    let id = ok(env.run(&["demo"])).trim().to_string();
    let json: serde_json::Value = serde_json::from_str(&ok(env.run(&[
        "--today",
        "2026-12-01",
        "report",
        &id,
        "--format",
        "json",
    ])))
    .expect("json");
    let out = env.file("ranking.csv");
    ok(env.run(&[
        "--today",
        "2026-12-01",
        "report",
        &id,
        "--format",
        "csv",
        "-o",
        out.to_str().expect("utf-8"),
    ]));
    let mut r = csv::Reader::from_path(&out).expect("csv");
    assert_eq!(
        r.headers().expect("header").len(),
        journey_core::tables::RANKING_HEADER.len()
    );
    let rows: Vec<csv::StringRecord> = r.records().collect::<Result<_, _>>().expect("rows");
    let points = json["painPoints"].as_array().expect("pain points");
    assert_eq!(rows.len(), points.len());
    for (row, p) in rows.iter().zip(points) {
        assert_eq!(&row[1], p["touchpointId"].as_str().expect("id"));
        assert_eq!(row[5].parse::<u64>().ok(), p["pain"].as_u64());
    }

    let md = env.file("report.md");
    ok(env.run(&[
        "report",
        &id,
        "--format",
        "md",
        "-o",
        md.to_str().expect("utf-8"),
    ]));
    let text = std::fs::read_to_string(&md).expect("read");
    for heading in [
        "## Pain points",
        "## Most painful flow paths",
        "## Decisions and opportunities",
    ] {
        assert!(text.contains(heading), "{heading}");
    }
}

/// `render` writes the map as SVG, PNG or PDF to a file, one stage when asked; a PNG to
/// stdout or an unknown stage is refused with a reason.
#[test]
fn render_writes_svg_png_and_pdf() {
    let env = Env::new();
    let id = ok(env.run(&["demo"])).trim().to_string();
    let svg = ok(env.run(&["render", &id]));
    assert!(svg.starts_with("<svg ") && svg.trim_end().ends_with("</svg>"));
    assert_eq!(
        ok(env.run(&["render", &id])),
        svg,
        "the same bytes every time"
    );
    for (format, magic) in [("png", &b"\x89PNG"[..]), ("pdf", &b"%PDF"[..])] {
        let out = env.file(&format!("map.{format}"));
        ok(env.run(&[
            "render",
            &id,
            "--format",
            format,
            "-o",
            out.to_str().expect("utf-8"),
        ]));
        assert!(
            std::fs::read(&out).expect("read").starts_with(magic),
            "{format}"
        );
    }
    let heat = ok(env.run(&["render", &id, "--what", "heatmap"]));
    assert!(heat.contains("mean pain per stage and lane"));
    let one = ok(env.run(&["render", &id, "--stage", "Buy", "--no-arrows"]));
    assert!(one.contains(">Buy<") && !one.contains(">Discover<") && !one.contains("marker-end"));

    let png = env.run(&["render", &id, "--format", "png"]);
    assert_eq!(png.status.code(), Some(1));
    assert!(stderr(&png).contains("give -o FILE"), "{}", stderr(&png));
    let bad = env.run(&["render", &id, "--stage", "Nowhere"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        stderr(&bad).contains("stage \"Nowhere\": no stage"),
        "{}",
        stderr(&bad)
    );
}
