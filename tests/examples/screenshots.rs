//! Screenshots of the real app for people to look at, written to
//! target/<profile>/screenshots/: the board with a card's detail panel open, the insight
//! panel with the pain path highlighted on the fitted board, the heatmap, and the
//! recovery screen on the same database once someone else changed its schema, and a
//! workshop at 1920×1080 (the walk on a pain point, a revealed voting round). (The
//! library page's WebKitWebDriver screenshot hangs under Xvfb, so it is not pictured.)
//!
//! Run: `cargo build -p journeymap-desktop && cargo run -p journeymap-tests --features e2e --example screenshots`

use journeymap_tests::{target_dir, Launch, Session};

#[tokio::main]
async fn main() {
    let out = target_dir().join("screenshots");
    let keep = tempfile::tempdir().expect("tempdir");
    let s_db = keep.path().join("maps.sqlite3");
    let s = Session::start(Launch {
        db: Some(s_db.clone()),
        ..Launch::default()
    })
    .await;
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

    // A workshop on a 1920×1080 projector: the walk on a pain point (with a decision typed
    // on it), then a revealed voting round.
    let w = Session::start(Launch {
        db: Some(s_db.clone()),
        screen: Some((1920, 1080)),
        ..Launch::default()
    })
    .await;
    // The presentation asks for full screen itself; the window is sized too, in case the
    // bare X server (no window manager) ignores that.
    if let Err(e) = w.client.set_window_rect(0, 0, 1920, 1080).await {
        eprintln!("the window could not be sized: {e}");
    }
    w.wait("[data-testid=board]").await;
    w.click("[data-testid=present]").await;
    w.wait("[data-testid=presentation] [data-testid=slide-title]")
        .await;
    let keys = |k: &str| {
        let w = &w;
        let k = k.to_string();
        async move {
            w.wait("[data-testid=presentation]")
                .await
                .send_keys(&k)
                .await
                .expect("keys");
        }
    };
    keys("t").await;
    keys("d").await;
    w.type_enter(
        "[data-testid=decision-input]",
        "Alert admins at 80% of the event tier",
    )
    .await;
    w.wait("[data-testid=slide-decision]").await;
    grab_display(&w.display, &out.join("presentation.png"));
    keys(&char::from(fantoccini::key::Key::Escape).to_string()).await;
    w.wait("[data-testid=board]").await;
    w.click("[data-testid=vote]").await;
    w.click("[data-testid=round-mode-private]").await;
    w.click("[data-testid=round-start]").await;
    for picks in [[0, 1, 2], [0, 3, 4], [1, 0, 5], [0, 2, 1]] {
        w.wait("[data-testid=vote-item]").await;
        for p in picks {
            let items = w.all("[data-testid=vote-item]").await;
            items[p].clone().click().await.expect("dot");
        }
        w.click("[data-testid=voter-done]").await;
        w.wait("[data-testid=handover]").await;
        if picks != [0, 2, 1] {
            w.click("[data-testid=next-voter]").await;
        }
    }
    w.click("[data-testid=handover] [data-testid=reveal]").await;
    w.wait("[data-testid=results] [data-testid=result-row]")
        .await;
    grab_display(&w.display, &out.join("voting-results.png"));
    // Back on the board: the round's dots and the decision's marker on the cards.
    w.click("[data-testid=vote]").await;
    w.wait("[data-testid=card-votes]").await;
    grab_display(&w.display, &out.join("workshop-board.png"));
    w.stop().await;

    // The recovery screen: the same database with a view someone else added, and the
    // backup the first start's edits did not need (taken here by the CLI).
    let db = s_db;
    let journeymap = journeymap_tests::workspace_binary("journeymap");
    let ran = std::process::Command::new(&journeymap)
        .arg("--db")
        .arg(&db)
        .arg("backup")
        .output()
        .expect("journeymap runs");
    assert!(
        ran.status.success(),
        "{}",
        String::from_utf8_lossy(&ran.stderr)
    );
    let conn = rusqlite::Connection::open(&db).expect("opens");
    conn.execute_batch("CREATE VIEW everything AS SELECT * FROM touchpoints;")
        .expect("tampers");
    conn.pragma_update(None, "journal_mode", "DELETE")
        .expect("journal mode");
    drop(conn);
    let r = Session::start(Launch {
        db: Some(db.clone()),
        ..Launch::default()
    })
    .await;
    r.wait("[data-testid=recovery] [data-testid=recovery-backup]")
        .await;
    // WebKitWebDriver's screenshot waits for a rendering update, and a still page (the
    // library, this screen) never has one: a style change gives it one.
    // WebKitWebDriver's screenshot hangs on this screen, as on the library page; the X
    // display is grabbed instead.
    grab_display(&r.display, &out.join("recovery.png"));

    r.stop().await;

    // No backup at all: salvage is the way out; then the salvaged map, with its notice.
    let backups = db.parent().expect("folder").join("backups");
    std::fs::remove_dir_all(&backups).expect("backups removed");
    let r = Session::start(Launch {
        db: Some(db.clone()),
        ..Launch::default()
    })
    .await;
    r.wait("[data-testid=recovery] [data-testid=salvage]").await;
    grab_display(&r.display, &out.join("recovery-salvage.png"));
    r.click("[data-testid=salvage]").await;
    r.wait("[data-testid=notice]").await;
    r.wait("[data-testid=card]").await;
    grab_display(&r.display, &out.join("salvaged.png"));
    r.stop().await;
    println!("{}", out.display());
}

/// Saves the X display as a PNG (Pillow's ImageGrab), for screens WebKitWebDriver's
/// screenshot hangs on.
fn grab_display(display: &str, to: &std::path::Path) {
    let grab = format!(
        "from PIL import ImageGrab; ImageGrab.grab(xdisplay='{display}').save('{}')",
        to.display()
    );
    let grabbed = std::process::Command::new("python3")
        .args(["-c", &grab])
        .status()
        .expect("python3 runs");
    assert!(
        grabbed.success(),
        "grabbing the display failed (pip install pillow)"
    );
}
