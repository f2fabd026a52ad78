//! A screenshot of the real app for people to look at: the board with a card's detail
//! panel open, written to target/<profile>/screenshots/. (WebKitWebDriver's screenshot of
//! the library page hangs under Xvfb, so the library is not pictured.)
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
    let card = s.wait("[data-testid=card]").await;
    card.click().await.expect("select");
    s.wait("[data-testid=detail]").await;
    s.until(
        "feedback loaded",
        "document.querySelectorAll('[data-testid=feedback-item]').length > 0",
    )
    .await;
    s.screenshot(&out.join("detail.png")).await;
    s.stop().await;
    println!("{}", out.display());
}
