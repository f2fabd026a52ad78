//! The `journeymap` binary with a team library (`--library URL` or `$JOURNEYMAP_LIBRARY`),
//! run as a user runs it, on a PostgreSQL cluster the tests start themselves: publish,
//! list, show, export, report and pull give what the local commands give; the password
//! never shows; an unreachable library says so, and a map read before still shows from
//! the copy kept on this computer.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

// The throwaway cluster of the integration tests (`tests/src/pg.rs`), compiled into this
// test binary: only here does cargo build the `journeymap` binary for the tests
// (`CARGO_BIN_EXE_journeymap`), and the harness needs nothing but std and tempfile.
#[allow(dead_code)]
#[path = "../../../tests/src/pg.rs"]
mod pg;

/// A temporary folder with a database in it.
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

    /// Runs `journeymap --db <tmp> args…`, with `library` in `$JOURNEYMAP_LIBRARY` if given.
    fn run_env(&self, args: &[&str], library: Option<&str>) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_journeymap"));
        cmd.arg("--db").arg(self.db()).args(args);
        for (key, _) in std::env::vars_os() {
            let key = key.to_string_lossy().to_string();
            if key.starts_with("PG") || key.starts_with("JOURNEYMAP_") {
                cmd.env_remove(key);
            }
        }
        if let Some(url) = library {
            cmd.env("JOURNEYMAP_LIBRARY", url);
        }
        cmd.output().expect("the binary runs")
    }

    fn run(&self, args: &[&str]) -> Output {
        self.run_env(args, None)
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).expect("utf-8")
}

fn ok(o: Output) -> String {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", text(&o.stderr));
    text(&o.stdout)
}

/// The output of a command that fails with status 1: its stderr.
fn fails(o: Output) -> String {
    assert_eq!(o.status.code(), Some(1), "stdout: {}", text(&o.stdout));
    text(&o.stderr)
}

/// Neither output of a run shows the password.
fn no_password(o: &Output) {
    for s in [text(&o.stdout), text(&o.stderr)] {
        assert!(!s.contains("hunter2"), "{s}");
    }
}

#[test]
fn publish_list_show_export_report_and_pull_through_the_library() {
    let cluster = pg::Cluster::shared();
    // Trust authentication ignores the password; it is there to be hidden.
    let url = format!("{} password=hunter2", cluster.database());
    let ana = Env::new();
    let id = ok(ana.run(&["demo"])).trim().to_string();
    let lib = |args: &[&str]| -> Vec<String> {
        let mut all = vec![
            "--library".to_string(),
            url.clone(),
            "--user".into(),
            "Ana".into(),
        ];
        all.extend(args.iter().map(|s| s.to_string()));
        all
    };
    let run = |env: &Env, args: Vec<String>| -> Output {
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = env.run(&refs);
        no_password(&o);
        o
    };

    assert_eq!(ok(run(&ana, lib(&["publish", &id]))).trim(), id);
    let err = fails(run(&ana, lib(&["publish", &id])));
    assert!(err.contains("already in the library"), "{err}");
    assert_eq!(
        ok(run(&ana, lib(&["publish", &id, "--replace"]))).trim(),
        id
    );

    let list = ok(run(&ana, lib(&["list"])));
    let fields: Vec<&str> = list.trim_end().split('\t').collect();
    assert_eq!(
        fields[..6],
        [
            id.as_str(),
            "Acme Insights: first ad to renewal",
            "6",
            "50",
            "2",
            "Ana"
        ]
    );
    assert!(fields[6].ends_with('Z'), "{list}");

    // The library's map reads as the local one: by id and by name.
    let bo = Env::new();
    for args in [
        vec!["show", id.as_str()],
        vec!["show", "Acme Insights: first ad to renewal"],
        vec!["export", id.as_str()],
        vec!["report", id.as_str(), "--today", "2026-12-01"],
        vec![
            "report",
            id.as_str(),
            "--format",
            "md",
            "--today",
            "2026-12-01",
        ],
    ] {
        let local = ok(ana.run(&args));
        assert_eq!(ok(run(&bo, lib(&args))), local, "{args:?}");
    }
    // The same from $JOURNEYMAP_LIBRARY.
    let o = bo.run_env(&["--user", "Bo", "export", &id], Some(&url));
    no_password(&o);
    assert_eq!(ok(o), ok(ana.run(&["export", &id])));

    // Pulled: the same map, locally; again, refused with the way out; as a copy, new ids.
    assert_eq!(ok(run(&bo, lib(&["pull", &id]))).trim(), id);
    assert_eq!(ok(bo.run(&["export", &id])), ok(ana.run(&["export", &id])));
    let err = fails(run(&bo, lib(&["pull", &id])));
    assert!(err.contains("--replace"), "{err}");
    let copy = ok(run(&bo, lib(&["pull", &id, "--copy"])))
        .trim()
        .to_string();
    assert_ne!(copy, id);
    assert!(ok(bo.run(&["list"])).contains("(copy)"));

    // Without a library, publish and pull say what they need.
    let err = fails(ana.run(&["publish", &id]));
    assert!(err.contains("--library"), "{err}");
}

#[test]
fn an_unreachable_library_says_so_and_a_map_read_before_still_shows() {
    let cluster = pg::Cluster::shared();
    let url = cluster.database();
    let env = Env::new();
    let id = ok(env.run(&["demo"])).trim().to_string();
    ok(env.run(&["--library", &url, "--user", "Ana", "publish", &id]));
    let grid = ok(env.run(&["--library", &url, "show", &id]));

    // A server that is not there (a socket folder with no server in it).
    let nowhere = tempfile::tempdir().expect("tempdir");
    let gone = format!(
        "host={} port=5432 user=ana password=hunter2 dbname=journeys",
        nowhere.path().display()
    );
    let o = env.run(&["--library", &gone, "list"]);
    no_password(&o);
    let err = fails(o);
    assert!(err.contains("cannot be reached"), "{err}");
    assert!(err.contains("password=***"), "{err}");

    let o = env.run(&["--library", &gone, "show", &id]);
    no_password(&o);
    assert!(
        text(&o.stderr).starts_with("note: the team library is unreachable"),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(ok(o), grid);
    // Local maps are untouched by all this.
    assert_eq!(ok(env.run(&["show", &id])), grid);
    assert!(Path::new(&env.dir.path().join("library-cache.sqlite3")).is_file());
}
