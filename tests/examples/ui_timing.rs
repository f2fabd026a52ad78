//! UI timing run (a measurement, not a test): the real app in the real webview, on
//! generated maps (`synthetic(n, 5)`: 10 stages, 8 lanes, n touchpoints, 5 feedback each)
//! of the sizes given (`--sizes 300,1000,10000`; 300 and 1,000 by default).
//!
//! - open: from asking to open the map (`jm:open-start`) to its cards painted
//!   (`jm:open-painted`), median of 5 opens;
//! - edit with the insight panel open: from the edit sent to the insight views repainted
//!   with the new analysis (`jm:insight-painted`), median of 7, split (on stderr) where
//!   the analysis was asked for (`jm:insight-asked`) and where its answer arrived
//!   (`jm:insight-answered`: the backend, the IPC and the parse before it, overlapping the
//!   board's own repaint);
//! - edit: from a pain-score change (`jm:edit-start`) to the card painted with it, before
//!   the command answers (`jm:edit-shown`), and to the repaint with the answer and its
//!   figures (`jm:edit-painted`), median of 7 edits, split at the command's answer
//!   (`jm:edit-answered`: backend and IPC before it) and at React's commit
//!   (`jm:edit-committed`: render and commit before it, the webview's frame after), and
//!   how many cards re-rendered per edit;
//! - "painted" is a task queued from the next animation frame: it runs once that frame's
//!   style, layout and paint are done;
//! - baselines, in the same webview and run: plain DOM (createElement) building the same
//!   number of cards with the same text, to the next animation frame; and the webview's
//!   frame alone: one badge's text changed by hand on the open board, to painted;
//! - scroll: the board scrolled across, down by a quarter of its view and right by a
//!   24th per animation frame (about 145 px down a frame in the 1400×900 window: a fast
//!   wheel fling), 80 frames; the longest frame (between two animation frames) while it
//!   scrolls;
//! - the open of the 50-card sample map, the same way: what opening any map costs (the
//!   command's round trip, mounting the screen, one layout and paint of the window);
//! - memory: the resident memory of all the app's processes (the shell and WebKit's
//!   web and network processes: every process whose environment names this run's
//!   database), with the sample map open and then with the generated map open.
//!
//! Each size ends with one JSON line:
//! `{"n":…,"open_ms":…,"baseline_ms":…,"edit_ms":…,"frame_floor_ms":…,"scroll_max_frame_ms":…,…}`.
//!
//! Run: `cargo build -p journeymap-desktop && cargo run -p journeymap-tests --features e2e --example ui_timing -- --sizes 300,1000,10000`

use journey_app::{App, ImportMode};
use journeymap_tests::{Launch, Session};

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

async fn measure(s: &Session, name: &str, start: &str, end: &str) -> f64 {
    let v = s
        .js(&format!(
            "performance.measure('{name}', '{start}', '{end}'); \
             const m = performance.getEntriesByName('{name}'); return m[m.length - 1].duration;"
        ))
        .await;
    v.as_f64().expect("a duration")
}

async fn baseline(s: &Session, n: usize) -> f64 {
    let script = format!(
        "const done = arguments[0];
         const box = document.createElement('div');
         box.style.position = 'absolute'; box.style.left = '-20000px';
         document.body.appendChild(box);
         const t0 = performance.now();
         for (let i = 0; i < {n}; i++) {{
           const card = document.createElement('div');
           const title = document.createElement('span');
           title.textContent = 'Touchpoint ' + (i + 1) + ' of the journey';
           const badge = document.createElement('span');
           badge.textContent = String(i % 11);
           card.append(title, badge);
           box.appendChild(card);
         }}
         requestAnimationFrame(() => {{ const t = performance.now() - t0; box.remove(); done(t); }});"
    );
    s.client
        .execute_async(&script, vec![])
        .await
        .expect("baseline runs")
        .as_f64()
        .expect("ms")
}

/// The frame alone: one badge's text changed directly in the DOM (no React, no IPC), to
/// painted as the UI measures it; then put back.
async fn frame_floor(s: &Session) -> f64 {
    let script = "const done = arguments[0];
         const badge = document.querySelector('[data-testid=pain-badge]');
         const text = badge.textContent;
         const t0 = performance.now();
         badge.textContent = text === '9' ? '8' : '9';
         requestAnimationFrame(() => {
           const channel = new MessageChannel();
           channel.port1.onmessage = () => { const t = performance.now() - t0; badge.textContent = text; done(t); };
           channel.port2.postMessage(null);
         });";
    s.client
        .execute_async(script, vec![])
        .await
        .expect("frame baseline runs")
        .as_f64()
        .expect("ms")
}

/// Opens the map from the library `times` times; each time from the click to its board
/// painted (`jm:open-start` to `jm:open-painted`), in ms.
async fn open_times(s: &Session, map_id: &str, times: usize) -> Vec<f64> {
    let mut opens = Vec::new();
    for i in 0..times {
        let painted_before = s
            .js("return performance.getEntriesByName('jm:open-painted').length")
            .await
            .as_u64()
            .unwrap_or(0);
        s.click("[data-testid=to-library]").await;
        s.click(&format!(
            "[data-testid=map-row][data-map-id='{map_id}'] [data-testid=map-name]"
        ))
        .await;
        // Only the cards in view need to be on the page: a big board renders the region
        // on screen.
        s.until(
            "cards painted",
            &format!(
                "document.querySelector('[data-testid=board]')?.dataset.mapId === '{map_id}' && \
                 document.querySelectorAll('[data-testid=card]').length > 0 && \
                 performance.getEntriesByName('jm:open-painted').length > {painted_before}"
            ),
        )
        .await;
        opens.push(
            measure(
                s,
                &format!("open-{map_id}-{i}"),
                "jm:open-start",
                "jm:open-painted",
            )
            .await,
        );
    }
    opens
}

/// The scripted scroll: down by a quarter of the board's view and right by a 24th per
/// animation frame, 80 frames (or until the end), then back to the top left; the longest
/// gap between two consecutive frames while it scrolled, in ms.
async fn scroll_max_frame(s: &Session) -> f64 {
    let script = "const done = arguments[0];
         const box = document.querySelector('[data-board-scroll]');
         box.scrollTo(0, 0);
         let last = null, worst = 0, i = 0;
         const step = (t) => {
           if (last !== null) worst = Math.max(worst, t - last);
           last = t;
           if (i++ >= 80) {
             // Back at the top left, once the board has rendered that part again.
             box.scrollTo(0, 0);
             requestAnimationFrame(() => requestAnimationFrame(() => done(worst)));
             return;
           }
           box.scrollBy(box.clientWidth / 24, box.clientHeight / 4);
           requestAnimationFrame(step);
         };
         requestAnimationFrame(step);";
    s.client
        .execute_async(script, vec![])
        .await
        .expect("the scroll runs")
        .as_f64()
        .expect("ms")
}

/// Resident memory of every process whose environment names this database (the app, its
/// WebKit web and network processes), in MiB.
fn app_memory_mib(db: &std::path::Path) -> f64 {
    let needle = format!("JOURNEYMAP_DB={}", db.display());
    let mut kib = 0u64;
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let dir = entry.path();
        let Ok(env) = std::fs::read(dir.join("environ")) else {
            continue;
        };
        if !env.split(|b| *b == 0).any(|v| v == needle.as_bytes()) {
            continue;
        }
        let status = std::fs::read_to_string(dir.join("status")).unwrap_or_default();
        kib += status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .unwrap_or(0);
    }
    kib as f64 / 1024.0
}

/// The sizes asked for with `--sizes 300,1000,10000`.
fn sizes() -> Vec<usize> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == "--sizes")
        .and_then(|i| args.get(i + 1))
        .map(|v| {
            v.split(',')
                .map(|n| {
                    n.trim()
                        .parse()
                        .expect("--sizes takes numbers, e.g. 300,1000")
                })
                .collect()
        })
        .unwrap_or_else(|| vec![300, 1_000])
}

#[tokio::main]
async fn main() {
    println!("| touchpoints | open → painted (median of 5) | plain-DOM baseline | edit → repaint (median of 7) | of which backend + IPC | of which React render + commit | of which frame | frame-alone baseline (median of 7) | cards re-rendered per edit | edit → insight repainted, panel open (median of 7) | longest frame while scrolling | memory, sample map → this map |");
    println!(
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    );
    let mut lines = Vec::new();
    for n in sizes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("timing.sqlite3");
        let (map_id, sample_id) = {
            let mut app = App::open(&db).expect("db");
            let small = app.create_sample().expect("sample map");
            let big =
                journey_core::interchange::export_json(&journey_core::sample::synthetic(n, 5));
            let id = app
                .import_map(big.as_bytes(), ImportMode::Refuse)
                .expect("import");
            journey_app::api::open_map(
                &mut journey_app::api::Ctx::new(&mut app),
                journey_app::api::OpenMapRequest { id: small.clone() },
            )
            .expect("open small");
            (id, small)
        };
        let s = Session::start(Launch {
            db: Some(db.clone()),
            ..Launch::default()
        })
        .await;
        s.wait("[data-testid=board]").await;
        s.until(
            "the sample map painted",
            "performance.getEntriesByName('jm:open-painted').length > 0",
        )
        .await;
        let memory_sample = app_memory_mib(&db);

        // What opening any map costs: the 50-card sample, the same way.
        let open_sample = median(open_times(&s, &sample_id, 5).await);
        let opens = open_times(&s, &map_id, 5).await;
        let base = median(vec![
            baseline(&s, n).await,
            baseline(&s, n).await,
            baseline(&s, n).await,
        ]);
        let memory = app_memory_mib(&db);
        let scroll = median(vec![
            scroll_max_frame(&s).await,
            scroll_max_frame(&s).await,
            scroll_max_frame(&s).await,
        ]);

        s.click("[data-testid=card]").await;
        let pain = s.wait("[data-testid=field-pain]").await;
        let mut edits = Vec::new();
        let mut shown = Vec::new();
        let mut answered = Vec::new();
        let mut committed = Vec::new();
        let mut painted = Vec::new();
        let mut renders = Vec::new();
        for i in 0..7 {
            let before = s
                .js("return window.__jmCardRenders || 0")
                .await
                .as_f64()
                .unwrap_or(0.0);
            let marks = s
                .js("return performance.getEntriesByName('jm:edit-painted').length")
                .await
                .as_u64()
                .unwrap_or(0);
            let shown_marks = s
                .js("return performance.getEntriesByName('jm:edit-shown').length")
                .await
                .as_u64()
                .unwrap_or(0);
            pain.select_by_value(&((i % 10) + 1).to_string())
                .await
                .expect("edit");
            s.until(
                "edit painted",
                &format!("performance.getEntriesByName('jm:edit-painted').length > {marks}"),
            )
            .await;
            let saved = measure(&s, &format!("edit-{i}"), "jm:edit-start", "jm:edit-painted").await;
            edits.push(saved);
            // The card painted with its new score before the answer (when the answer came
            // within the same frame, the two were painted together).
            let shown_now = s
                .js("return performance.getEntriesByName('jm:edit-shown').length")
                .await
                .as_u64()
                .unwrap_or(0);
            shown.push(if shown_now > shown_marks {
                measure(&s, &format!("shown-{i}"), "jm:edit-start", "jm:edit-shown")
                    .await
                    .min(saved)
            } else {
                saved
            });
            answered.push(
                measure(
                    &s,
                    &format!("answer-{i}"),
                    "jm:edit-start",
                    "jm:edit-answered",
                )
                .await,
            );
            committed.push(
                measure(
                    &s,
                    &format!("commit-{i}"),
                    "jm:edit-answered",
                    "jm:edit-committed",
                )
                .await,
            );
            painted.push(
                measure(
                    &s,
                    &format!("paint-{i}"),
                    "jm:edit-committed",
                    "jm:edit-painted",
                )
                .await,
            );
            let after = s
                .js("return window.__jmCardRenders || 0")
                .await
                .as_f64()
                .unwrap_or(0.0);
            renders.push(after - before);
        }
        let mut floor = Vec::new();
        for _ in 0..7 {
            floor.push(frame_floor(&s).await);
        }

        // The same edits with the insight panel open: from the edit sent to the insight
        // views repainted with the new analysis.
        s.click("[data-testid=insight-toggle]").await;
        s.until(
            "the insight panel filled",
            "performance.getEntriesByName('jm:insight-painted').length > 0",
        )
        .await;
        let mut with_insight = Vec::new();
        let (mut insight_asked, mut insight_answered) = (Vec::new(), Vec::new());
        for i in 0..7 {
            let marks = s
                .js("return performance.getEntriesByName('jm:insight-painted').length")
                .await
                .as_u64()
                .unwrap_or(0);
            s.select("[data-testid=field-pain]", &((i % 10) + 2).to_string())
                .await;
            s.until(
                "insight painted",
                &format!("performance.getEntriesByName('jm:insight-painted').length > {marks}"),
            )
            .await;
            with_insight.push(
                measure(
                    &s,
                    &format!("insight-{i}"),
                    "jm:edit-start",
                    "jm:insight-painted",
                )
                .await,
            );
            insight_asked.push(
                measure(
                    &s,
                    &format!("insight-asked-{i}"),
                    "jm:edit-start",
                    "jm:insight-asked",
                )
                .await,
            );
            insight_answered.push(
                measure(
                    &s,
                    &format!("insight-answered-{i}"),
                    "jm:insight-asked",
                    "jm:insight-answered",
                )
                .await,
            );
        }
        eprintln!(
            "{n}: edit → insight asked {:.0} ms, asked → answered {:.0} ms (backend, IPC, parse), answered → painted {:.0} ms",
            median(insight_asked.clone()),
            median(insight_answered.clone()),
            median(with_insight.clone()) - median(insight_asked) - median(insight_answered),
        );
        let (open, floor, edit, shown) =
            (median(opens), median(floor), median(edits), median(shown));
        println!(
            "| {n} | {:.0} ms | {:.0} ms | {:.0} ms | {:.0} ms | {:.0} ms | {:.0} ms | {:.0} ms | {:.0} | {:.0} ms | {:.0} ms | {:.0} → {:.0} MiB |",
            open,
            base,
            edit,
            median(answered),
            median(committed),
            median(painted),
            floor,
            median(renders),
            median(with_insight.clone()),
            scroll,
            memory_sample,
            memory
        );
        lines.push(format!(
            "{{\"n\":{n},\"open_ms\":{open:.1},\"baseline_ms\":{base:.1},\"edit_ms\":{edit:.1},\"edit_shown_ms\":{shown:.1},\"frame_floor_ms\":{floor:.1},\"scroll_max_frame_ms\":{scroll:.1},\"insight_ms\":{:.1},\"memory_sample_mib\":{memory_sample:.0},\"memory_mib\":{memory:.0},\"open_sample_ms\":{open_sample:.1}}}",
            median(with_insight)
        ));
        s.stop().await;
    }
    for l in lines {
        println!("{l}");
    }
}
