//! Engine benchmarks on generated maps of 100, 1,000 and 10,000 touchpoints with 5
//! feedback each. Every measurement has a baseline measured in the same run, so that the
//! ratio means something on a noisy machine:
//!
//! - `load`, `report`: baseline is a raw SELECT of the same rows into plain structs
//!   (`report` is every analysis of `journey_core::analysis`, as the CLI's report runs it).
//! - `open`: opening the database with its checks; baseline is a plain connection.
//! - `analysis`: the analyses on a map already read; baseline is building its graph
//!   (targets: ≤ 3× the graph at 10,000 touchpoints, well under 16 ms at 1,000).
//! - `export`: baseline is the raw SELECT plus serde_json of the plain structs.
//! - `import`: baseline is serde_json into plain structs plus raw INSERTs of the same rows
//!   in one transaction (replacing the previous copy, as `import --replace` does).
//! - `edit`: one touchpoint edit, compared across sizes (the target is 10,000 within 1.5×
//!   of 100).
//!
//! Run: `cargo bench -p journey-app --bench engine`.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use journey_app::{App, ImportMode, TouchpointFields};
use journey_core::graph::JourneyGraph;
use journey_core::interchange::export_json;
use journey_core::sample::synthetic;
use journey_store::Store;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

const SIZES: [usize; 3] = [100, 1_000, 10_000];

#[derive(Serialize, Deserialize)]
struct PlainStage(String, String, String, Option<i64>, Option<i64>, f64);
#[derive(Serialize, Deserialize)]
struct PlainLane(String, String, String, bool, f64);
#[derive(Serialize, Deserialize)]
struct PlainTouchpoint(
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<i64>,
    Option<i64>,
    f64,
);
#[derive(Serialize, Deserialize)]
struct PlainLink(String, String, String, String, Option<String>);
#[derive(Serialize, Deserialize)]
#[allow(clippy::type_complexity)]
struct PlainFeedback(
    String,
    Option<String>,
    Option<String>,
    String,
    String,
    String,
    Option<String>,
    String,
    Option<i64>,
    Option<i64>,
    Option<i64>,
);
#[derive(Serialize, Deserialize)]
struct PlainMap {
    meta: (String, String, String, String, String, String, String),
    stages: Vec<PlainStage>,
    lanes: Vec<PlainLane>,
    touchpoints: Vec<PlainTouchpoint>,
    links: Vec<PlainLink>,
    feedback: Vec<PlainFeedback>,
}

/// The baseline read: the same rows as `load_map`, straight into plain structs.
fn raw_load(conn: &Connection, id: &str) -> PlainMap {
    fn all<T>(
        conn: &Connection,
        sql: &str,
        id: &str,
        f: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Vec<T> {
        let mut stmt = conn.prepare_cached(sql).expect("prepare");
        let rows = stmt.query_map([id], f).expect("query");
        rows.collect::<rusqlite::Result<_>>().expect("rows")
    }
    let meta = conn
        .query_row(
            "SELECT id, name, description, persona_name, persona_description, created_at, updated_at FROM maps WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
        )
        .expect("meta");
    PlainMap {
        meta,
        stages: all(conn, "SELECT id, name, description, pain, emotion, position FROM stages WHERE map_id = ?1 ORDER BY position", id, |r| {
            Ok(PlainStage(r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
        }),
        lanes: all(conn, "SELECT id, name, kind, hidden, position FROM lanes WHERE map_id = ?1 ORDER BY position", id, |r| {
            Ok(PlainLane(r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        }),
        touchpoints: all(
            conn,
            "SELECT id, stage_id, lane_id, title, description, channel, owner, pain, emotion, position FROM touchpoints WHERE map_id = ?1",
            id,
            |r| {
                Ok(PlainTouchpoint(
                    r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?,
                ))
            },
        ),
        links: all(conn, "SELECT id, from_id, to_id, kind, label FROM links WHERE map_id = ?1 ORDER BY seq", id, |r| {
            Ok(PlainLink(r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        }),
        feedback: all(
            conn,
            "SELECT id, touchpoint_id, stage_id, kind, text, source, date, segment, nps, csat, ces FROM feedback WHERE map_id = ?1 ORDER BY seq",
            id,
            |r| {
                Ok(PlainFeedback(
                    r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?, r.get(10)?,
                ))
            },
        ),
    }
}

/// The baseline write: delete the map, then plain INSERTs of the same rows, one transaction.
fn raw_replace(conn: &mut Connection, m: &PlainMap) {
    let tx = conn.transaction().expect("tx");
    tx.execute("DELETE FROM maps WHERE id = ?1", [&m.meta.0])
        .expect("delete");
    let x = &m.meta;
    tx.execute(
        "INSERT INTO maps (id, name, description, persona_name, persona_description, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![x.0, x.1, x.2, x.3, x.4, x.5, x.6],
    )
    .expect("map");
    {
        let mut s = tx
            .prepare_cached("INSERT INTO stages (map_id, id, name, description, pain, emotion, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
            .expect("prepare");
        for r in &m.stages {
            s.execute(params![x.0, r.0, r.1, r.2, r.3, r.4, r.5])
                .expect("stage");
        }
        let mut s = tx
            .prepare_cached("INSERT INTO lanes (map_id, id, name, kind, hidden, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
            .expect("prepare");
        for r in &m.lanes {
            s.execute(params![x.0, r.0, r.1, r.2, r.3, r.4])
                .expect("lane");
        }
        let mut s = tx
            .prepare_cached(
                "INSERT INTO touchpoints (map_id, id, stage_id, lane_id, title, description, channel, owner, pain, emotion, position)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )
            .expect("prepare");
        for r in &m.touchpoints {
            s.execute(params![
                x.0, r.0, r.1, r.2, r.3, r.4, r.5, r.6, r.7, r.8, r.9
            ])
            .expect("touchpoint");
        }
        let mut s = tx
            .prepare_cached("INSERT INTO links (map_id, id, from_id, to_id, kind, label) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
            .expect("prepare");
        for r in &m.links {
            s.execute(params![x.0, r.0, r.1, r.2, r.3, r.4])
                .expect("link");
        }
        let mut s = tx
            .prepare_cached(
                "INSERT INTO feedback (map_id, id, touchpoint_id, stage_id, kind, text, source, date, segment, nps, csat, ces)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )
            .expect("prepare");
        for r in &m.feedback {
            s.execute(params![
                x.0, r.0, r.1, r.2, r.3, r.4, r.5, r.6, r.7, r.8, r.9, r.10
            ])
            .expect("feedback");
        }
    }
    tx.commit().expect("commit");
}

/// A database file holding the synthetic map of `n` touchpoints; returns the map's id.
fn prepared(dir: &Path, n: usize) -> (std::path::PathBuf, String, String) {
    let path = dir.join(format!("bench-{n}.sqlite3"));
    let map = synthetic(n, 5);
    let json = export_json(&map);
    let mut app = App::open(&path).expect("open");
    let id = app
        .import_map(json.as_bytes(), ImportMode::Replace)
        .expect("import");
    (path, id, json)
}

fn plain_conn(path: &Path) -> Connection {
    let c = Connection::open(path).expect("open");
    // The schema's triggers call it: a plain write pays what the app's write pays.
    journey_store::register_functions(&c).expect("functions");
    c.pragma_update(None, "synchronous", "FULL")
        .expect("pragma");
    c.pragma_update(None, "foreign_keys", "ON").expect("pragma");
    c
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    for n in SIZES {
        let (path, id, json) = prepared(dir.path(), n);
        let mut g = c.benchmark_group("engine");
        g.sample_size(if n >= 10_000 { 10 } else { 30 });
        g.measurement_time(Duration::from_secs(if n >= 10_000 { 8 } else { 3 }));
        g.warm_up_time(Duration::from_millis(500));

        // Opening checks the whole file (quick_check, foreign keys, the schema) before use.
        g.bench_with_input(BenchmarkId::new("open/baseline", n), &n, |b, _| {
            b.iter(|| black_box(plain_conn(&path)))
        });
        g.bench_with_input(BenchmarkId::new("open", n), &n, |b, _| {
            b.iter(|| black_box(Store::open(&path).expect("open")))
        });
        g.bench_with_input(BenchmarkId::new("load/baseline", n), &n, |b, _| {
            b.iter(|| {
                let conn = plain_conn(&path);
                black_box(raw_load(&conn, &id))
            })
        });
        g.bench_with_input(BenchmarkId::new("load", n), &n, |b, _| {
            b.iter(|| {
                let store = Store::open(&path).expect("open");
                let map = store.load_map(&id).expect("load");
                black_box(JourneyGraph::build(&map).expect("graph"))
            })
        });

        let conn = plain_conn(&path);
        g.bench_with_input(BenchmarkId::new("export/baseline", n), &n, |b, _| {
            b.iter(|| black_box(serde_json::to_string_pretty(&raw_load(&conn, &id)).expect("json")))
        });
        let app = App::open(&path).expect("open");
        g.bench_with_input(BenchmarkId::new("export", n), &n, |b, _| {
            b.iter(|| black_box(app.export_map(&id).expect("export")))
        });

        g.bench_with_input(BenchmarkId::new("report/baseline", n), &n, |b, _| {
            b.iter(|| black_box(raw_load(&conn, &id)))
        });
        g.bench_with_input(BenchmarkId::new("report", n), &n, |b, _| {
            b.iter(|| black_box(app.analysis(&id).expect("report")))
        });

        // The analyses alone, on the map read once, beside building its graph.
        let map = app.load_map(&id).expect("load");
        let rules = journey_core::analysis::EvidenceRules {
            today: Some("2026-12-01".into()),
            ..Default::default()
        };
        g.bench_with_input(BenchmarkId::new("analysis/baseline", n), &n, |b, _| {
            b.iter(|| black_box(JourneyGraph::build(&map).expect("graph")))
        });
        g.bench_with_input(BenchmarkId::new("analysis", n), &n, |b, _| {
            b.iter(|| {
                black_box(journey_core::analysis::Analysis::of(&map, &rules).expect("analysis"))
            })
        });
        drop(app);

        let plain_json = serde_json::to_string(&raw_load(&conn, &id)).expect("json");
        drop(conn);
        let mut conn = plain_conn(&path);
        g.bench_with_input(BenchmarkId::new("import/baseline", n), &n, |b, _| {
            b.iter(|| {
                let m: PlainMap = serde_json::from_str(&plain_json).expect("parse");
                raw_replace(&mut conn, &m);
            })
        });
        drop(conn);
        let mut app = App::open(&path).expect("open");
        g.bench_with_input(BenchmarkId::new("import", n), &n, |b, _| {
            b.iter(|| {
                black_box(
                    app.import_map(json.as_bytes(), ImportMode::Replace)
                        .expect("import"),
                )
            })
        });

        let tp = app.load_map(&id).expect("load").touchpoints[n / 2]
            .id
            .clone();
        let mut flip = false;
        g.bench_with_input(BenchmarkId::new("edit", n), &n, |b, _| {
            b.iter(|| {
                flip = !flip;
                let fields = TouchpointFields {
                    title: if flip {
                        "Edited title".into()
                    } else {
                        "Edited again".into()
                    },
                    pain: Some(if flip { 7 } else { 3 }),
                    ..TouchpointFields::default()
                };
                app.update_touchpoint(&tp, &fields).expect("edit")
            })
        });
        g.finish();
    }
}

criterion_group!(engine, benches);
criterion_main!(engine);
