//! Screenshots of the real app for people to look at, written to
//! target/<profile>/screenshots/: the board with a card's detail panel open, the insight
//! panel with the pain path highlighted on the fitted board, and the heatmap. (The
//! library page's WebKitWebDriver screenshot hangs under Xvfb, so it is not pictured.)
//!
//! Run: `cargo build -p journeymap-desktop && cargo run -p journeymap-tests --features e2e --example screenshots`

use journeymap_tests::{target_dir, Launch, Session};

#[tokio::main]
async fn main() {
    let out = target_dir().join("screenshots");
    let s = Session::start(Launch::default()).await;
    s.wait("[data-testid=board]").await;
    s.until(
        "cards",
        "document.querySelectorAll('[data-testid=card]').length >= 30",
    )
    .await;
    s.click("[data-testid=card]").await;
    s.wait("[data-testid=detail]").await;
    s.until(
        "feedback loaded",
        "document.querySelectorAll('[data-testid=feedback-item]').length > 0",
    )
    .await;
    s.screenshot(&out.join("detail.png")).await;

    // The insight panel, the path highlighted, the board fitted beside it.
    s.click("[data-testid=detail] [data-testid=panel-close]")
        .await;
    s.click("[data-testid=insight-toggle]").await;
    s.wait("[data-testid=insight-panel] [data-testid=pain-point]")
        .await;
    s.click("[data-testid=pain-path-toggle]").await;
    s.click("[data-testid=zoom-fit]").await;
    s.until(
        "the path marked",
        "document.querySelectorAll('[data-testid=card][data-on-path=true]').length > 0",
    )
    .await;
    // The top of the ranking in view (the toggle scrolled the panel to the path).
    s.js("document.querySelectorAll('[data-testid=insight-panel] *').forEach(e => { if (e.scrollTop > 0) e.scrollTop = 0; }); return null;")
        .await;
    s.screenshot(&out.join("insight.png")).await;

    // The heatmap beside the insight panel. (With the panel closed first, WebKitWebDriver's
    // screenshot hung here.)
    s.click("[data-testid=heatmap-toggle]").await;
    s.wait("[data-testid=heatmap-view] [data-testid=heat-cell]")
        .await;
    s.screenshot(&out.join("heatmap.png")).await;
    s.stop().await;
    println!("{}", out.display());
}
