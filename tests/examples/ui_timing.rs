//! UI timing run (a measurement, not a test): the real app in the real webview, on
//! generated maps of 300 and 1,000 touchpoints (5 feedback each).
//!
//! - open: from asking to open the map (`jm:open-start`) to its cards painted
//!   (`jm:open-painted`), median of 5 opens;
//! - edit with the insight panel open: from the edit sent to the insight views repainted
//!   with the new analysis (`jm:insight-painted`), median of 7;
//! - edit: from a pain-score change being sent (`jm:edit-start`) to its repaint
//!   (`jm:edit-painted`), median of 7 edits, split at the command's answer
//!   (`jm:edit-answered`: backend and IPC before it) and at React's commit
//!   (`jm:edit-committed`: render and commit before it, the webview's frame after), and
//!   how many cards re-rendered per edit;
//! - "painted" is a task queued from the next animation frame: it runs once that frame's
//!   style, layout and paint are done;
//! - baselines, in the same webview and run: plain DOM (createElement) building the same
//!   number of cards with the same text, to the next animation frame; and the webview's
//!   frame alone: one badge's text changed by hand on the open board, to painted.
//!
//! Run: `cargo build -p journeymap-desktop && cargo run -p journeymap-tests --features e2e --example ui_timing`

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

#[tokio::main]
async fn main() {
    println!("| touchpoints | open → painted (median of 5) | plain-DOM baseline | edit → repaint (median of 7) | of which backend + IPC | of which React render + commit | of which frame | frame-alone baseline (median of 7) | cards re-rendered per edit | edit → insight repainted, panel open (median of 7) |");
    println!("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for n in [300usize, 1_000] {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("timing.sqlite3");
        let map_id = {
            let mut app = App::open(&db).expect("db");
            let small = app.create_map("A small map").expect("map");
            let big =
                journey_core::interchange::export_json(&journey_core::sample::synthetic(n, 5));
            let id = app
                .import_map(big.as_bytes(), ImportMode::Refuse)
                .expect("import");
            journey_app::api::open_map(
                &mut journey_app::api::Ctx::new(&mut app),
                journey_app::api::OpenMapRequest { id: small },
            )
            .expect("open small");
            id
        };
        let s = Session::start(Launch {
            db: Some(db),
            ..Launch::default()
        })
        .await;
        s.wait("[data-testid=board]").await;

        let mut opens = Vec::new();
        for i in 0..5 {
            let painted_before = s
                .js("return performance.getEntriesByName('jm:open-painted').length")
                .await
                .as_u64()
                .unwrap_or(0);
            s.wait("[data-testid=to-library]")
                .await
                .click()
                .await
                .expect("library");
            s.wait(&format!(
                "[data-testid=map-row][data-map-id='{map_id}'] [data-testid=map-name]"
            ))
            .await
            .click()
            .await
            .expect("open");
            s.until("cards painted", &format!("document.querySelectorAll('[data-testid=card]').length === {n} && performance.getEntriesByName('jm:open-painted').length > {painted_before}")).await;
            opens.push(measure(&s, &format!("open-{i}"), "jm:open-start", "jm:open-painted").await);
        }
        let base = median(vec![
            baseline(&s, n).await,
            baseline(&s, n).await,
            baseline(&s, n).await,
        ]);

        let card = s.wait("[data-testid=card]").await;
        card.click().await.expect("select");
        let pain = s.wait("[data-testid=field-pain]").await;
        let mut edits = Vec::new();
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
            pain.select_by_value(&((i % 10) + 1).to_string())
                .await
                .expect("edit");
            s.until(
                "edit painted",
                &format!("performance.getEntriesByName('jm:edit-painted').length > {marks}"),
            )
            .await;
            edits.push(measure(&s, &format!("edit-{i}"), "jm:edit-start", "jm:edit-painted").await);
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
        }
        println!(
            "| {n} | {:.0} ms | {:.0} ms | {:.0} ms | {:.0} ms | {:.0} ms | {:.0} ms | {:.0} ms | {:.0} | {:.0} ms |",
            median(opens),
            base,
            median(edits),
            median(answered),
            median(committed),
            median(painted),
            median(floor),
            median(renders),
            median(with_insight)
        );
        s.stop().await;
    }
}
