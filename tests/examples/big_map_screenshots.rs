//! Screenshots of a 10,000-touchpoint map (`synthetic(10_000, 5)`) in the real app, for
//! people to look at: zoomed out to the smallest step (the whole width of the map, a
//! slice of its height), zoomed in to 150%, and with the insight panel open at its
//! most painful path, written to target/<profile>/screenshots/.
//!
//! Run: `cargo build -p journeymap-desktop && cargo run -p journeymap-tests --features e2e --example big_map_screenshots`

use journey_app::{api, App, ImportMode};
use journeymap_tests::{target_dir, Launch, Session};

#[tokio::main]
async fn main() {
    let out = target_dir().join("screenshots");
    std::fs::create_dir_all(&out).expect("screenshots folder");
    let keep = tempfile::tempdir().expect("tempdir");
    let db = keep.path().join("big.sqlite3");
    {
        let mut app = App::open(&db).expect("db");
        let map = journey_core::sample::synthetic(10_000, 5);
        let id = app
            .import_map(
                journey_core::interchange::export_json(&map).as_bytes(),
                ImportMode::Refuse,
            )
            .expect("import");
        api::open_map(&mut api::Ctx::new(&mut app), api::OpenMapRequest { id }).expect("open");
    }
    let s = Session::start(Launch {
        db: Some(db),
        ..Launch::default()
    })
    .await;
    s.wait("[data-board-scroll][data-windowed=true] [data-testid=card]")
        .await;
    // Zoomed out: Ctrl+− down to the smallest step.
    for _ in 0..8 {
        s.click("[data-testid=zoom-out]").await;
    }
    s.until_text("[data-testid=zoom-level]", "25%").await;
    s.until(
        "cards at the new zoom",
        "document.querySelectorAll('[data-testid=card]').length > 100",
    )
    .await;
    s.screenshot(&out.join("big-map-zoomed-out.png")).await;
    // Zoomed in, scrolled into the middle of the map.
    for _ in 0..9 {
        s.click("[data-testid=zoom-in]").await;
    }
    s.until_text("[data-testid=zoom-level]", "150%").await;
    s.js("const b = document.querySelector('[data-board-scroll]'); b.scrollTo(b.scrollWidth / 3, b.scrollHeight / 2); return null;")
        .await;
    s.wait("[data-testid=card]").await;
    s.screenshot(&out.join("big-map-zoomed-in.png")).await;
    // The insight panel beside it: the most painful path runs through all 10,000 cards,
    // and the panel lists its first steps with a button for the rest.
    s.click("[data-testid=insight-toggle]").await;
    s.wait("[data-testid=pain-path-more]").await;
    s.js("document.querySelector('[data-testid=pain-path-more]').scrollIntoView({ block: 'center' }); return null;")
        .await;
    s.screenshot(&out.join("big-map-insight.png")).await;
    s.stop().await;
    println!("{}", out.display());
}
