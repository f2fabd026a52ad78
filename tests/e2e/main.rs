//! End to end: the real app binary in the real webview, driven as a user drives it
//! (`cargo test -p journeymap-tests --features e2e --test e2e`; needs Xvfb,
//! WebKitWebDriver, tauri-driver and both binaries built).
//! Each test has its own display, driver, app process and database (see `src/lib.rs`).

use std::path::Path;
use std::process::Command;

use fantoccini::key::Key;
use journeymap_tests::{workspace_binary, Launch, Session, ONE_AT_A_TIME};

fn k(key: Key) -> char {
    char::from(key)
}

/// `journeymap --db <db> args…`, which must succeed.
fn cli(db: &Path, args: &[&str]) -> String {
    let out = Command::new(workspace_binary("journeymap"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("journeymap runs");
    assert!(
        out.status.success(),
        "journeymap {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Fills the detail panel's add-feedback form with a quote and an NPS answer, and saves.
async fn add_feedback(s: &Session, text: &str, nps: &str) {
    s.type_text("[data-testid=feedback-text]", text).await;
    s.select("[data-testid=feedback-nps]", nps).await;
    s.click("[data-testid=feedback-save]").await;
}

#[tokio::test]
async fn first_start_shows_the_sample_map() {
    let _one = ONE_AT_A_TIME.lock().await;
    let s = Session::start(Launch::default()).await;
    s.wait("[data-testid=board]").await;
    s.until(
        "the sample's cards",
        "document.querySelectorAll('[data-testid=card]').length >= 30",
    )
    .await;
    assert_eq!(s.all("[data-testid=stage-header]").await.len(), 6);
    let titles = s.js("return [...document.querySelectorAll('[data-testid=card-title]')].map(e => e.textContent)").await;
    assert!(
        titles.to_string().contains("Security questionnaire"),
        "{titles}"
    );
    // The picture in the README.
    s.screenshot(&journeymap_tests::target_dir().join("e2e-screenshots/sample-map.png"))
        .await;
    s.stop().await;
}

#[tokio::test]
async fn edit_a_map_and_find_it_after_a_restart() {
    let _one = ONE_AT_A_TIME.lock().await;
    let out = tempfile::tempdir().expect("tempdir");
    let db = out.path().join("maps.sqlite3");
    let s = Session::start(Launch {
        db: Some(db.clone()),
        ..Launch::default()
    })
    .await;
    s.wait("[data-testid=board]").await;

    // Create a map.
    s.click("[data-testid=to-library]").await;
    s.click("[data-testid=new-map]").await;
    s.type_enter("[data-testid=new-map-name]", "Checkout journey")
        .await;
    s.until("the new map's board", "document.querySelector('[data-testid=board]') && document.querySelectorAll('[data-testid=lane-label]').length === 7 && document.querySelectorAll('[data-testid=stage-header]').length === 0").await;
    let map_id = s.attr("[data-testid=board]", "data-map-id").await;

    // Add a stage and a touchpoint.
    s.click("[data-testid=add-stage]").await;
    s.type_enter("[data-testid=stage-name-input]", "Pay").await;
    s.until_text("[data-testid=stage-header] [data-testid=stage-name]", "Pay")
        .await;
    let stage = s.attr("[data-testid=stage-header]", "data-stage-id").await;
    let lanes = s.js("return [...document.querySelectorAll('[data-testid=lane-label]')].map(e => e.dataset.laneId)").await;
    let lane0 = lanes[0].as_str().expect("lane id").to_string();
    let lane1 = lanes[1].as_str().expect("lane id").to_string();
    let cell0 = format!("[data-testid=cell][data-stage-id='{stage}'][data-lane-id='{lane0}']");
    let cell1 = format!("[data-testid=cell][data-stage-id='{stage}'][data-lane-id='{lane1}']");
    s.click(&format!("{cell0} [data-testid=add-touchpoint]"))
        .await;
    s.type_enter("[data-testid=touchpoint-title-input]", "Card form")
        .await;
    s.until_text(&format!("{cell0} [data-testid=card-title]"), "Card form")
        .await;

    // Add feedback with NPS answers and watch the stage's NPS change.
    s.click(&format!("{cell0} [data-testid=card]")).await;
    s.wait("[data-testid=detail]").await;
    add_feedback(&s, "Too many fields", "2").await;
    s.until_text("[data-testid=stage-nps]", "NPS -100 (n=1)")
        .await;
    add_feedback(&s, "Quick once I knew where", "10").await;
    s.until_text("[data-testid=stage-nps]", "NPS 0 (n=2)").await;

    // Set a pain score.
    s.select("[data-testid=field-pain]", "8").await;
    s.until_text(&format!("{cell0} [data-testid=pain-badge]"), "8")
        .await;

    // Move the card one lane down with the keyboard.
    let card = s.wait(&format!("{cell0} [data-testid=card]")).await;
    card.send_keys(&format!("{}{}{}", k(Key::Alt), k(Key::Down), k(Key::Null)))
        .await
        .expect("keys");
    s.wait(&format!("{cell1} [data-testid=card]")).await;
    assert!(s
        .all(&format!("{cell0} [data-testid=card]"))
        .await
        .is_empty());

    // Undo puts it back; redo moves it again.
    s.click("[data-testid=undo]").await;
    s.wait(&format!("{cell0} [data-testid=card]")).await;
    s.click("[data-testid=redo]").await;
    s.wait(&format!("{cell1} [data-testid=card]")).await;
    s.stop().await;

    // Restart: the app opens where the user left off, with everything saved.
    let s = Session::start(Launch {
        db: Some(db.clone()),
        ..Launch::default()
    })
    .await;
    s.until(
        "the same map",
        &format!("document.querySelector('[data-testid=board]')?.dataset.mapId === '{map_id}'"),
    )
    .await;
    s.until_text(&format!("{cell1} [data-testid=card-title]"), "Card form")
        .await;
    s.until_text(&format!("{cell1} [data-testid=pain-badge]"), "8")
        .await;
    s.until_text("[data-testid=stage-nps]", "NPS 0 (n=2)").await;
    s.stop().await;
}

#[tokio::test]
async fn export_in_the_app_matches_the_cli() {
    let _one = ONE_AT_A_TIME.lock().await;
    let out = tempfile::tempdir().expect("tempdir");
    let file = out.path().join("exported.json");
    let s = Session::start(Launch {
        dialog_path: Some(file.clone()),
        ..Launch::default()
    })
    .await;
    s.wait("[data-testid=board]").await;
    let map_id = s.attr("[data-testid=board]", "data-map-id").await;
    s.click("[data-testid=export]").await;
    s.until(
        "the export message",
        "document.querySelector('[data-testid=status]')?.textContent.includes('exported.json')",
    )
    .await;
    let from_app = std::fs::read_to_string(&file).expect("the app wrote the file");
    let from_cli = cli(&s.db, &["export", &map_id]);
    assert_eq!(from_app, from_cli);
    s.stop().await;
}

#[tokio::test]
async fn a_broken_import_shows_its_path_and_changes_nothing() {
    let _one = ONE_AT_A_TIME.lock().await;
    let out = tempfile::tempdir().expect("tempdir");
    let db = out.path().join("maps.sqlite3");
    let id = cli(&db, &["demo"]).trim().to_string();
    let before = cli(&db, &["export", &id]);
    let broken = out.path().join("broken.json");
    let mut v: serde_json::Value = serde_json::from_str(&before).expect("json");
    v["map"]["id"] = serde_json::json!("jm_other");
    v["touchpoints"][3]["pain"] = serde_json::json!(11);
    std::fs::write(&broken, serde_json::to_string_pretty(&v).expect("json")).expect("write");

    let s = Session::start(Launch {
        db: Some(db.clone()),
        dialog_path: Some(broken),
        ..Launch::default()
    })
    .await;
    s.wait("[data-testid=board]").await;
    s.click("[data-testid=import]").await;
    // The problem names its touchpoint (the first 40 characters of its title).
    let title = v["touchpoints"][3]["title"].as_str().expect("a title");
    let mut shown: String = title.chars().take(40).collect();
    if title.chars().count() > 40 {
        shown.push('…');
    }
    s.until_text(
        "[data-testid=error-problem]",
        &format!("/touchpoints/3/pain: 11 is outside 0–10 (touchpoint {shown:?})"),
    )
    .await;
    assert_eq!(cli(&db, &["list"]).lines().count(), 1, "no map was added");
    assert_eq!(cli(&db, &["export", &id]), before, "the map is unchanged");
    s.stop().await;
}

#[tokio::test]
async fn markup_in_user_text_is_shown_as_text_and_never_runs() {
    let _one = ONE_AT_A_TIME.lock().await;
    let out = tempfile::tempdir().expect("tempdir");
    let db = out.path().join("maps.sqlite3");
    let payloads = [
        "<img src=x onerror=\"window.__pwned='img'\">",
        "<script>window.__pwned='script'</script>",
        "<b onmouseover=\"window.__pwned='b'\">bold</b> & \"quotes\"",
    ];
    let map = serde_json::json!({
        "format": "journeymap", "version": 1,
        "map": {"id": "jm_xss", "name": payloads[1], "description": payloads[0],
                "persona": {"name": payloads[2], "description": ""},
                "createdAt": "2026-01-01T00:00:00Z", "updatedAt": "2026-01-01T00:00:00Z"},
        "stages": [{"id": "st_1", "name": payloads[0], "description": "", "pain": null, "emotion": null}],
        "lanes": [{"id": "ln_1", "name": payloads[2], "kind": "marketing", "hidden": false}],
        "touchpoints": payloads.iter().enumerate().map(|(i, p)| serde_json::json!({
            "id": format!("tp_{i}"), "stage": "st_1", "lane": "ln_1", "title": p, "description": p,
            "channel": p, "owner": p, "pain": 5, "emotion": null})).collect::<Vec<_>>(),
        "links": [],
        "feedback": [{"id": "fb_1", "touchpoint": "tp_0", "stage": null, "kind": "quote", "text": payloads[0],
                      "source": payloads[1], "date": null, "segment": "", "nps": 9, "csat": null, "ces": null}]
    });
    let file = out.path().join("xss.json");
    std::fs::write(&file, map.to_string()).expect("write");
    cli(&db, &["import", file.to_str().expect("utf-8")]);

    let s = Session::start(Launch {
        db: Some(db),
        ..Launch::default()
    })
    .await;
    s.wait("[data-testid=board]").await;
    s.until(
        "three cards",
        "document.querySelectorAll('[data-testid=card]').length === 3",
    )
    .await;
    let titles = s.js("return [...document.querySelectorAll('[data-testid=card-title]')].map(e => e.textContent)").await;
    assert_eq!(
        titles,
        serde_json::json!(payloads),
        "titles are shown literally"
    );
    s.until_text(
        "[data-testid=stage-header] [data-testid=stage-name]",
        payloads[0],
    )
    .await;
    s.click("[data-testid=card][data-touchpoint-id=tp_0]").await;
    s.until_text("[data-testid=feedback-text-view]", payloads[0])
        .await;
    let injected = s
        .js("return { pwned: window.__pwned ?? null, imgs: document.querySelectorAll('img[src=x], script:not([src]), b[onmouseover]').length }")
        .await;
    assert_eq!(injected, serde_json::json!({"pwned": null, "imgs": 0}));
    s.stop().await;
}

/// Where the arrow of link `id` starts, relative to the board grid: "x,y".
async fn arrow_start(s: &Session, link: &str) -> String {
    let v = s
        .js(&format!(
            "const l = document.querySelector('[data-testid=link-arrow][data-link-id=\"{link}\"] .link__line'); \
             if (!l) return ''; \
             const p = l.getPointAtLength(0); \
             return Math.round(p.x * 10) / 10 + ',' + Math.round(p.y * 10) / 10;"
        ))
        .await;
    v.as_str().unwrap_or_default().to_string()
}

/// A JavaScript condition: the arrow of `link` exists and no longer starts at `start`.
fn arrow_moved_from(link: &str, start: &str) -> String {
    format!(
        "(() => {{ const l = document.querySelector('[data-testid=link-arrow][data-link-id=\"{link}\"] .link__line'); \
         if (l === null) return false; \
         const p = l.getPointAtLength(0); \
         return Math.round(p.x * 10) / 10 + ',' + Math.round(p.y * 10) / 10 !== '{start}'; }})()"
    )
}

#[tokio::test]
async fn link_arrows_follow_their_cards() {
    let _one = ONE_AT_A_TIME.lock().await;
    let s = Session::start(Launch::default()).await;
    s.until(
        "the sample's arrows",
        "document.querySelectorAll('[data-testid=link-arrow]').length > 0",
    )
    .await;
    // The first card of the first row, and its outgoing link in the detail panel.
    let card = "[data-testid=cell] [data-testid=card]";
    s.click(card).await;
    let link = s.attr("[data-testid=link-item]", "data-link-id").await;
    s.until(
        "its arrow",
        &format!(
            "document.querySelector('[data-testid=link-arrow][data-link-id=\"{link}\"]') !== null"
        ),
    )
    .await;
    let start = arrow_start(&s, &link).await;
    assert!(!start.is_empty());

    // A pain score changes what the card shows, not where it is: the arrow stays.
    s.select("[data-testid=field-pain]", "7").await;
    s.until_text(&format!("{card} [data-testid=pain-badge]"), "7")
        .await;
    assert_eq!(arrow_start(&s, &link).await, start);

    // A much longer title makes the card taller: the arrow's start moves with its edge.
    let title = s.wait("[data-testid=field-title]").await;
    title.clear().await.expect("clear");
    title
        .send_keys(&format!(
            "{}{}",
            "A much longer title that wraps over several lines of the card ".repeat(3),
            k(Key::Enter)
        ))
        .await
        .expect("type");
    s.until(
        "the arrow follows the taller card",
        &arrow_moved_from(&link, &start),
    )
    .await;
    let taller = arrow_start(&s, &link).await;

    // Moved to the next stage with the keyboard: the arrow starts from its new place.
    let id = s.attr(card, "data-touchpoint-id").await;
    let moved = format!("[data-testid=card][data-touchpoint-id=\"{id}\"]");
    s.wait(&moved)
        .await
        .send_keys(&format!("{}{}{}", k(Key::Alt), k(Key::Right), k(Key::Null)))
        .await
        .expect("keys");
    s.until(
        "the arrow follows the moved card",
        &arrow_moved_from(&link, &taller),
    )
    .await;
    s.stop().await;
}

#[tokio::test]
async fn importing_a_map_already_there_offers_replace_or_copy() {
    let _one = ONE_AT_A_TIME.lock().await;
    let out = tempfile::tempdir().expect("tempdir");
    let db = out.path().join("maps.sqlite3");
    let id = cli(&db, &["demo"]).trim().to_string();
    let file = out.path().join("same.json");
    std::fs::write(&file, cli(&db, &["export", &id])).expect("write");

    let s = Session::start(Launch {
        db: Some(db.clone()),
        dialog_path: Some(file),
        ..Launch::default()
    })
    .await;
    s.wait("[data-testid=board]").await;
    s.click("[data-testid=import]").await;
    // The app's own buttons, naming the map; not the command-line tool's flags.
    s.until_text(
        "[data-testid=import-replace]",
        "Replace “Acme Insights: first ad to renewal”",
    )
    .await;
    let banner = s
        .wait("[data-testid=error]")
        .await
        .text()
        .await
        .expect("text");
    assert!(!banner.contains("--"), "{banner}");
    assert_eq!(
        cli(&db, &["list"]).lines().count(),
        1,
        "nothing imported yet"
    );

    s.click("[data-testid=import-copy]").await;
    s.until(
        "the copy's status",
        "document.querySelector('[data-testid=status]')?.textContent.includes('as a copy')",
    )
    .await;
    let list = cli(&db, &["list"]);
    assert_eq!(list.lines().count(), 2, "{list}");
    assert!(list.contains("(copy)"), "{list}");
    s.stop().await;
}

/// The insight views show what the CLI's report computes from the same database.
#[tokio::test]
async fn the_insight_views_say_where_it_hurts() {
    let _one = ONE_AT_A_TIME.lock().await;
    let out = tempfile::tempdir().expect("tempdir");
    let db = out.path().join("maps.sqlite3");
    let id = cli(&db, &["demo"]).trim().to_string();
    let report: serde_json::Value =
        serde_json::from_str(&cli(&db, &["report", &id, "--format", "json"])).expect("json");
    let file: serde_json::Value = serde_json::from_str(&cli(&db, &["export", &id])).expect("json");
    let shots = journeymap_tests::target_dir().join("e2e-screenshots");

    let s = Session::start(Launch {
        db: Some(db.clone()),
        ..Launch::default()
    })
    .await;
    s.wait("[data-testid=board]").await;

    // The top pain point is the report's; clicking it selects its card.
    let top = &report["painPoints"][0];
    let top_id = top["touchpointId"].as_str().expect("id");
    s.click("[data-testid=insight-toggle]").await;
    s.until_text(
        "[data-testid=insight-panel] [data-testid=pain-point] [data-testid=pain-point-title]",
        top["title"].as_str().expect("title"),
    )
    .await;
    s.click("[data-testid=insight-panel] [data-testid=pain-point]")
        .await;
    s.wait(&format!(
        "[data-testid=card][data-touchpoint-id='{top_id}'][aria-pressed=true]"
    ))
    .await;

    // The pain path's cards are marked on the board.
    let steps = report["painPaths"][0]["steps"]
        .as_array()
        .expect("a pain path")
        .len();
    s.click("[data-testid=pain-path-toggle]").await;
    s.until(
        "the path's cards marked",
        &format!(
            "document.querySelectorAll('[data-testid=card][data-on-path=true]').length === {steps}"
        ),
    )
    .await;
    s.screenshot(&shots.join("insight.png")).await;

    // The heatmap shows the report's mean pain in a cell.
    let cell = report["heatmap"]["cells"]
        .as_array()
        .expect("cells")
        .iter()
        .find(|c| c["figures"]["metrics"]["pain"]["mean"].is_number())
        .expect("a scored cell")
        .clone();
    let (stage, lane) = (
        cell["stageId"].as_str().expect("stage"),
        cell["laneId"].as_str().expect("lane"),
    );
    let mean = cell["figures"]["metrics"]["pain"]["mean"]
        .as_f64()
        .expect("mean");
    s.click("[data-testid=heatmap-toggle]").await;
    s.wait("[data-testid=heatmap-view]").await;
    s.select("[data-testid=heatmap-metric]", "pain").await;
    s.until_text(
        &format!("[data-testid=heat-cell][data-stage-id='{stage}'][data-lane-id='{lane}'] [data-testid=heat-value]"),
        &format!("{mean:.1}"),
    )
    .await;
    s.screenshot(&shots.join("heatmap.png")).await;

    // A cell click filters the board to it; clearing and filtering by pain ≥ 8 leaves as
    // many cards matching as the file has touchpoints with pain 8 or more.
    s.click(&format!(
        "[data-testid=heat-cell][data-stage-id='{stage}'][data-lane-id='{lane}']"
    ))
    .await;
    s.wait("[data-testid=filter-cell]").await;
    s.click("[data-testid=filter-clear]").await;
    let painful = file["touchpoints"]
        .as_array()
        .expect("touchpoints")
        .iter()
        .filter(|t| t["pain"].as_u64().is_some_and(|p| p >= 8))
        .count();
    assert!(painful > 0);
    s.select("[data-testid=filter-min-pain]", "8").await;
    s.until(
        "cards with pain 8 or more matched",
        &format!(
            "document.querySelectorAll('[data-testid=card][data-match=true]').length === {painful}"
        ),
    )
    .await;
    s.click("[data-testid=filter-clear]").await;

    // Fit: every stage of the sample is on screen in the 1280×800 window.
    s.click("[data-testid=insight-toggle]").await;
    s.click("[data-testid=zoom-fit]").await;
    let stages = file["stages"].as_array().expect("stages").len();
    s.until(
        "every stage on screen",
        &format!(
            "(() => {{ const hs = [...document.querySelectorAll('[data-testid=stage-header]')]; \
             return hs.length === {stages} && hs.every(h => {{ const r = h.getBoundingClientRect(); \
             return r.left >= 0 && r.right <= window.innerWidth && r.width > 0; }}); }})()"
        ),
    )
    .await;
    s.screenshot(&shots.join("fit.png")).await;
    s.stop().await;
}

#[tokio::test]
async fn a_damaged_database_offers_its_backup_and_the_restored_map_is_on_screen() {
    let _one = ONE_AT_A_TIME.lock().await;
    let out = tempfile::tempdir().expect("tempdir");
    let db = out.path().join("maps.sqlite3");
    cli(&db, &["demo"]);
    let backup = cli(&db, &["backup"]);
    // Someone else's view in the schema: the app must refuse the file, not use it.
    let conn = rusqlite::Connection::open(&db).expect("opens");
    conn.execute_batch("CREATE VIEW everything AS SELECT * FROM touchpoints;")
        .expect("tampers");
    conn.pragma_update(None, "journal_mode", "DELETE")
        .expect("journal mode");
    drop(conn);

    let s = Session::start(Launch {
        db: Some(db.clone()),
        ..Launch::default()
    })
    .await;
    s.wait("[data-testid=recovery]").await;
    s.until(
        "the problem, named",
        "(document.querySelector('[data-testid=recovery-problem]')?.textContent ?? '').includes('view everything is not ours')",
    )
    .await;
    let offered = s.attr("[data-testid=recovery-backup]", "data-path").await;
    assert_eq!(Some(offered.as_str()), backup.split('\t').next());
    s.click("[data-testid=restore-backup]").await;
    s.wait("[data-testid=board]").await;
    s.until(
        "the restored map's 50 cards",
        "document.querySelectorAll('[data-testid=card]').length === 50",
    )
    .await;
    s.stop().await;

    // The damaged file was moved aside and kept; the restored database opens in the CLI.
    let aside: Vec<String> = std::fs::read_dir(out.path())
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("maps.sqlite3.before-restore-"))
        .filter(|n| !n.ends_with("-wal") && !n.ends_with("-shm"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(cli(&db, &["list"]).lines().count(), 1);
}

/// A second start on the same database does not open a second editor: it hands over to
/// the running window (which comes to the front) and exits. The lock is a D-Bus name;
/// the test brings its own session bus.
#[tokio::test]
async fn a_second_start_on_the_same_database_hands_over_and_exits() {
    let _one = ONE_AT_A_TIME.lock().await;
    let bus = journeymap_tests::SessionBus::start();
    let s = Session::start(Launch {
        env: vec![("DBUS_SESSION_BUS_ADDRESS".into(), bus.address.clone())],
        ..Launch::default()
    })
    .await;
    s.wait("[data-testid=card]").await;

    let runtime = s.dir.path().join("runtime");
    let mut second = Command::new(journeymap_tests::desktop_binary())
        .env("DISPLAY", &s.display)
        .env("JOURNEYMAP_DB", &s.db)
        .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
        .env("XDG_RUNTIME_DIR", &runtime)
        .env("XDG_DATA_HOME", s.dir.path().join("data"))
        .env("XDG_CONFIG_HOME", s.dir.path().join("config"))
        .env("XDG_CACHE_HOME", s.dir.path().join("cache"))
        .env("NO_AT_BRIDGE", "1")
        .env_remove("WAYLAND_DISPLAY")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("a second app starts");
    // A second editor would keep running: wait for the exit, for at most a minute.
    let stderr = second.stderr.take().expect("stderr");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(second.wait());
    });
    let status = rx
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("the second start exits instead of opening a second window")
        .expect("waits");
    let said = std::io::read_to_string(stderr).unwrap_or_default();
    assert!(status.success(), "the second start failed: {said}");

    // The first app was told (its log is tauri-driver's), and still works.
    let told = std::fs::read_dir(s.dir.path())
        .expect("session folder")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("tauri-driver-"))
        .any(|e| {
            std::fs::read_to_string(e.path())
                .unwrap_or_default()
                .contains("a second start was handed to this window")
        });
    assert!(told, "the running app did not hear of the second start");
    s.click("[data-testid=card]").await;
    s.wait("[data-testid=detail]").await;
    s.stop().await;
}

/// A database the app cannot write opens read-only: the banner says why, every edit
/// button is off, and the file is left byte for byte as it was. As root, file modes do
/// not stop the app, so it is run as `nobody` (through `setpriv`); otherwise the file and
/// its folder are made read-only.
#[tokio::test]
async fn a_read_only_database_shows_the_banner_and_refuses_edits() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let _one = ONE_AT_A_TIME.lock().await;
    let base = tempfile::tempdir().expect("tempdir");
    let mode = |p: &Path, m: u32| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).expect("chmod")
    };
    mode(base.path(), 0o755);
    let maps = base.path().join("maps");
    std::fs::create_dir(&maps).expect("maps folder");
    let db = maps.join("maps.sqlite3");
    cli(&db, &["demo"]);
    let root = std::fs::metadata("/proc/self").expect("/proc/self").uid() == 0;
    let mut launch = Launch {
        db: Some(db.clone()),
        ..Launch::default()
    };
    if root {
        // The app as `nobody`, with a home of its own; the binary copied where nobody
        // can reach it (the checkout may sit in a folder only root can enter).
        let home = base.path().join("home");
        for d in ["", "data", "config", "cache", "runtime"] {
            let p = home.join(d);
            std::fs::create_dir_all(&p).expect("home");
            std::os::unix::fs::chown(&p, Some(65534), Some(65534)).expect("chown");
        }
        mode(&home.join("runtime"), 0o700);
        let app = base.path().join("journeymap-desktop");
        std::fs::copy(journeymap_tests::desktop_binary(), &app).expect("copy the app");
        let wrapper = base.path().join("as-nobody.sh");
        let h = home.display();
        std::fs::write(
            &wrapper,
            format!(
                "#!/bin/sh\nexport HOME={h} XDG_DATA_HOME={h}/data XDG_CONFIG_HOME={h}/config \
                 XDG_CACHE_HOME={h}/cache XDG_RUNTIME_DIR={h}/runtime\n\
                 exec setpriv --reuid=65534 --regid=65534 --clear-groups {} \"$@\"\n",
                app.display()
            ),
        )
        .expect("wrapper");
        mode(&wrapper, 0o755);
        launch.application = Some(wrapper);
    } else {
        mode(&db, 0o444);
        mode(&maps, 0o555);
    }
    let before = std::fs::read(&db).expect("read");

    let s = Session::start(launch).await;
    let banner = s.wait("[data-testid=read-only-banner]").await;
    let said = banner.text().await.expect("banner text");
    assert!(said.contains("read-only"), "{said}");
    s.wait("[data-testid=card]").await;
    let add = s.wait("[data-testid=add-stage]").await;
    assert_eq!(
        add.attr("disabled").await.expect("attribute").as_deref(),
        Some("true"),
        "editing must be off"
    );
    s.stop().await;
    if !root {
        mode(&maps, 0o755);
    }
    assert_eq!(
        std::fs::read(&db).expect("read"),
        before,
        "the file is unchanged"
    );
    let left: Vec<String> = std::fs::read_dir(&maps)
        .expect("maps folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["maps.sqlite3"], "nothing was created beside it");
}

/// Sends keys to the presentation (it listens on the window; the keys go to its root).
async fn present_keys(s: &Session, keys: &str) {
    s.wait("[data-testid=presentation]")
        .await
        .send_keys(keys)
        .await
        .expect("keys to the presentation");
}

/// Clicks the `n`-th element matching `css` (0-based).
async fn click_nth(s: &Session, css: &str, n: usize) {
    let all = s.all(css).await;
    assert!(all.len() > n, "only {} of {css}", all.len());
    all[n].clone().click().await.expect("click");
}

#[tokio::test]
async fn a_workshop_presents_votes_and_decides_and_the_map_keeps_it() {
    let _one = ONE_AT_A_TIME.lock().await;
    let out = tempfile::tempdir().expect("tempdir");
    let db = out.path().join("maps.sqlite3");
    let file = out.path().join("after-workshop.json");
    let launch = Launch {
        db: Some(db.clone()),
        dialog_path: Some(file.clone()),
        ..Launch::default()
    };
    let s = Session::start(launch.clone()).await;
    s.wait("[data-testid=board]").await;
    let map_id = s.attr("[data-testid=board]", "data-map-id").await;
    let report: serde_json::Value =
        serde_json::from_str(&cli(&db, &["report", &map_id, "--format", "json"])).expect("json");
    let title = |i: usize| {
        report["painPoints"][i]["title"]
            .as_str()
            .expect("a ranked pain point")
            .to_string()
    };

    // Present: the walk starts at the worst pain point; two steps on is the CLI's third.
    s.click("[data-testid=present]").await;
    s.until_text("[data-testid=slide-title]", &title(0)).await;
    present_keys(&s, &format!("{}{}", k(Key::Right), k(Key::Right))).await;
    s.until_text("[data-testid=slide-title]", &title(2)).await;
    s.until(
        "the progress line",
        "document.querySelector('[data-testid=progress]')?.textContent.startsWith('3 / ')",
    )
    .await;
    assert!(s
        .all("[data-testid=toolbar], [data-testid=detail], [data-testid=board]")
        .await
        .is_empty());

    // The timer counts.
    let start = s
        .js("return document.querySelector('[data-testid=timer]').textContent")
        .await;
    present_keys(&s, "t").await;
    s.until(
        "the timer running down",
        &format!(
            "document.querySelector('[data-testid=timer]')?.dataset.phase === 'running' && \
             document.querySelector('[data-testid=timer]').textContent !== {start}"
        ),
    )
    .await;

    // A decision on the item on screen.
    present_keys(&s, "d").await;
    s.type_enter(
        "[data-testid=decision-input]",
        "Warn before the overage invoice",
    )
    .await;
    s.until(
        "the decision on the slide",
        "[...document.querySelectorAll('[data-testid=slide-decision]')].some(e => e.textContent.includes('Warn before the overage invoice'))",
    )
    .await;
    present_keys(&s, &k(Key::Escape).to_string()).await;
    s.wait("[data-testid=board]").await;

    // A round with two voters of 3 dots each, passing the laptop.
    s.click("[data-testid=vote]").await;
    s.wait("[data-testid=voting]").await;
    s.click("[data-testid=round-mode-private]").await;
    s.click("[data-testid=round-start]").await;
    for picks in [[0, 1, 2], [0, 1, 3]] {
        s.wait("[data-testid=vote-item]").await;
        for p in picks {
            click_nth(&s, "[data-testid=vote-item]", p).await;
        }
        s.click("[data-testid=voter-done]").await;
        s.wait("[data-testid=handover]").await;
        if picks[2] == 2 {
            assert!(
                s.all("[data-testid=result-row]").await.is_empty(),
                "hidden until revealed"
            );
            s.click("[data-testid=next-voter]").await;
        }
    }
    s.click("[data-testid=handover] [data-testid=reveal]").await;
    s.wait("[data-testid=results]").await;
    let dots = s
        .js("return [...document.querySelectorAll('[data-testid=result-row] [data-testid=result-dots]')].map(e => e.textContent)")
        .await;
    let dots: Vec<String> = dots
        .as_array()
        .expect("rows")
        .iter()
        .map(|d| d.as_str().unwrap_or_default().to_string())
        .collect();
    assert!(dots.len() >= 4, "{dots:?}");
    assert!(
        dots[0].starts_with('2') && dots[1].starts_with('2'),
        "{dots:?}"
    );
    assert!(
        dots[2].starts_with('1') && dots[3].starts_with('1'),
        "{dots:?}"
    );
    s.stop().await;

    // After a restart the round and the decision are on the map, and in its export.
    let s = Session::start(launch).await;
    s.wait("[data-testid=board]").await;
    s.wait("[data-testid=card-votes]").await;
    s.wait("[data-testid=card-decisions]").await;
    s.click("[data-testid=decisions-toggle]").await;
    s.until(
        "the decision in the decisions view",
        "document.querySelector('[data-testid=decisions-view]')?.textContent.includes('Warn before the overage invoice')",
    )
    .await;
    s.click("[data-testid=export]").await;
    s.until(
        "the export message",
        "document.querySelector('[data-testid=status]')?.textContent.includes('after-workshop.json')",
    )
    .await;
    let exported: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("exported")).expect("json");
    assert_eq!(exported["version"], 2);
    assert_eq!(
        exported["decisions"][0]["text"],
        "Warn before the overage invoice"
    );
    assert_eq!(
        exported["decisions"][0]["touchpoint"],
        report["painPoints"][2]["touchpointId"]
    );
    let round = &exported["votingRounds"][0];
    assert_eq!(
        (round["budget"].as_u64(), round["voters"].as_u64()),
        (Some(3), Some(2))
    );
    let total: u64 = round["votes"]
        .as_array()
        .expect("votes")
        .iter()
        .map(|v| v["dots"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(total, 6);
    s.stop().await;
}

#[tokio::test]
async fn csv_exported_in_the_app_matches_the_cli() {
    let _one = ONE_AT_A_TIME.lock().await;
    let out = tempfile::tempdir().expect("tempdir");
    let file = out.path().join("touchpoints.csv");
    let s = Session::start(Launch {
        dialog_path: Some(file.clone()),
        ..Launch::default()
    })
    .await;
    s.wait("[data-testid=board]").await;
    let map_id = s.attr("[data-testid=board]", "data-map-id").await;
    s.click("[data-testid=export-csv]").await;
    s.click("[data-testid=export-csv-touchpoints]").await;
    s.until(
        "the export message",
        "document.querySelector('[data-testid=status]')?.textContent.includes('touchpoints.csv')",
    )
    .await;
    let from_app = std::fs::read_to_string(&file).expect("the app wrote the file");
    assert_eq!(
        from_app,
        cli(&s.db, &["export-csv", &map_id, "--touchpoints"])
    );
    assert_eq!(
        from_app.lines().count(),
        51,
        "a header and the sample's 50 touchpoints"
    );
    s.stop().await;
}

/// The number of pages poppler's pdfinfo reads in a PDF, and its text by pdftotext.
fn pdf_pages_and_text(pdf: &Path) -> (usize, String) {
    let info = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo runs");
    assert!(info.status.success(), "pdfinfo reads {}", pdf.display());
    let pages = String::from_utf8_lossy(&info.stdout)
        .lines()
        .find_map(|l| {
            l.strip_prefix("Pages:")
                .map(|n| n.trim().parse().expect("a number"))
        })
        .expect("a page count");
    let text = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(text.status.success());
    (pages, String::from_utf8(text.stdout).expect("utf-8"))
}

/// The report exported as PDF through the app's Export menu (the test's dialog setting
/// stands in for the native dialog) has the pages and the text of the CLI's report of the
/// same database; a filtered view of the board exported as SVG is the CLI's drawing with
/// the same filter, byte for byte.
#[tokio::test]
async fn a_pdf_report_and_a_filtered_view_exported_in_the_app_match_the_cli() {
    let _one = ONE_AT_A_TIME.lock().await;
    let out = tempfile::tempdir().expect("tempdir");
    let file = out.path().join("exported.pdf");
    let s = Session::start(Launch {
        dialog_path: Some(file.clone()),
        ..Launch::default()
    })
    .await;
    s.wait("[data-testid=board]").await;
    let map_id = s.attr("[data-testid=board]", "data-map-id").await;
    s.click("[data-testid=export-csv]").await;
    s.click("[data-testid=export-report-pdf-a4]").await;
    s.until(
        "the export message",
        "document.querySelector('[data-testid=status]')?.textContent.includes('exported.pdf')",
    )
    .await;
    let from_cli = out.path().join("cli.pdf");
    cli(
        &s.db,
        &[
            "report",
            &map_id,
            "--format",
            "pdf",
            "-o",
            from_cli.to_str().expect("utf-8"),
        ],
    );
    let (app_pages, app_text) = pdf_pages_and_text(&file);
    let (cli_pages, cli_text) = pdf_pages_and_text(&from_cli);
    assert!(app_pages >= 8, "{app_pages} pages");
    assert_eq!(app_pages, cli_pages);
    assert!(app_text == cli_text, "the app's report reads as the CLI's");
    assert!(app_text.contains("Top pain points") && app_text.contains("Security questionnaire"));

    // The board filtered to pain 8 or more, exported as the filtered view.
    s.select("[data-testid=filter-min-pain]", "8").await;
    s.wait("[data-testid=card][data-match=true]").await;
    s.click("[data-testid=export-csv]").await;
    s.select("[data-testid=export-scope]", "filtered").await;
    s.click("[data-testid=export-map-svg]").await;
    s.until(
        "the filtered view's export message",
        "document.querySelector('[data-testid=status]')?.textContent.includes('filtered view')",
    )
    .await;
    let svg = std::fs::read_to_string(&file).expect("the app wrote the SVG");
    assert_eq!(
        svg,
        cli(&s.db, &["render", &map_id, "--min-pain", "8"]),
        "the app's filtered view is the CLI's"
    );
    assert!(svg.contains("Filtered view: pain ≥ 8"));
    s.stop().await;
}

/// A database holding a generated map of `n` touchpoints (`synthetic(n, 1)`), open in
/// the app at start; its cells' touchpoint ids, lane by lane, stage by stage.
fn big_map_db(dir: &Path, n: usize) -> (std::path::PathBuf, Vec<Vec<String>>) {
    use journey_app::{api, App, ImportMode};
    let db = dir.join("big.sqlite3");
    let mut app = App::open(&db).expect("db");
    let map = journey_core::sample::synthetic(n, 1);
    let id = app
        .import_map(
            journey_core::interchange::export_json(&map).as_bytes(),
            ImportMode::Refuse,
        )
        .expect("import");
    api::open_map(
        &mut api::Ctx::new(&mut app),
        api::OpenMapRequest { id: id.clone() },
    )
    .expect("open");
    let map = app.load_map(&id).expect("load");
    let mut cells = Vec::new();
    for lane in &map.lanes {
        for stage in &map.stages {
            cells.push(
                map.touchpoints
                    .iter()
                    .filter(|t| t.stage_id == stage.id && t.lane_id == lane.id)
                    .map(|t| t.id.clone())
                    .collect(),
            );
        }
    }
    (db, cells)
}

/// A board of 2,000 cards renders only what is in view, yet every card can be reached:
/// scoring cards with the capture keys walks focus down a cell past the rendered ones
/// (each next card scrolled to and focused), scrolling to the far corner renders its
/// cards, the arrows drawn are the ones in view, and zoom to fit shows every stage.
#[tokio::test]
async fn a_big_board_renders_what_is_in_view_and_reaches_every_card() {
    let _one = ONE_AT_A_TIME.lock().await;
    let keep = tempfile::tempdir().expect("tempdir");
    let (db, cells) = big_map_db(keep.path(), 2_000);
    let s = Session::start(Launch {
        db: Some(db),
        ..Launch::default()
    })
    .await;
    s.wait("[data-board-scroll][data-windowed=true]").await;
    s.wait("[data-testid=card]").await;
    let count = |css: &str| {
        let css = css.to_string();
        let s = &s;
        async move {
            s.js(&format!("return document.querySelectorAll('{css}').length"))
                .await
                .as_u64()
                .expect("a count")
        }
    };
    let shown = count("[data-testid=card]").await;
    assert!(
        shown > 20 && shown < 2_000,
        "{shown} cards rendered of 2,000"
    );
    let arrows = count("[data-testid=link-arrow]").await;
    assert!(
        arrows > 0 && arrows < 1_999,
        "{arrows} arrows drawn of 1,999"
    );

    // Z on a focused card scores it and moves focus to the next; walking down the first
    // cell goes past the cards rendered at first.
    let first_cell = &cells[0];
    assert!(
        first_cell.len() >= 25,
        "{} cards in the first cell",
        first_cell.len()
    );
    let start = s
        .wait(&format!(
            "[data-card][data-touchpoint-id='{}']",
            first_cell[0]
        ))
        .await;
    start.click().await.expect("select");
    for id in &first_cell[..24] {
        s.until(
            "the card focused",
            &format!("document.activeElement?.dataset?.touchpointId === '{id}'"),
        )
        .await;
        s.client
            .active_element()
            .await
            .expect("the focused card")
            .send_keys("z")
            .await
            .expect("Z");
    }
    let last = &first_cell[24];
    s.until(
        "the 25th card of the cell focused",
        &format!("document.activeElement?.dataset?.touchpointId === '{last}'"),
    )
    .await;

    // Tab and Shift+Tab go from card to card in reading order (lane by lane, stage by
    // stage), past the rendered ones.
    let order: Vec<&String> = cells.iter().flatten().collect();
    let active = || async {
        s.js("return document.activeElement?.dataset?.touchpointId ?? null")
            .await
    };
    for _ in 0..3 {
        s.client
            .active_element()
            .await
            .expect("the focused card")
            .send_keys(&k(Key::Tab).to_string())
            .await
            .expect("Tab");
    }
    s.until(
        "three cards on",
        &format!(
            "document.activeElement?.dataset?.touchpointId === '{}'",
            order[27]
        ),
    )
    .await;
    s.client
        .active_element()
        .await
        .expect("the focused card")
        .send_keys(&format!("{}{}{}", k(Key::Shift), k(Key::Tab), k(Key::Null)))
        .await
        .expect("Shift+Tab");
    s.until(
        "one card back",
        &format!(
            "document.activeElement?.dataset?.touchpointId === '{}'",
            order[26]
        ),
    )
    .await;

    // Alt+Down moves the focused card to the lane below, thousands of pixels further
    // down: focus follows it there.
    let moved = order[26].clone();
    assert!(
        cells[1].contains(&moved),
        "the card is in the second stage of the first lane"
    );
    let lane_before = s
        .js("return document.activeElement.closest('[data-cell]').dataset.laneId")
        .await;
    let lane_before = lane_before.as_str().expect("a lane").to_string();
    s.client
        .active_element()
        .await
        .expect("the focused card")
        .send_keys(&format!("{}{}{}", k(Key::Alt), k(Key::Down), k(Key::Null)))
        .await
        .expect("Alt+Down");
    s.until(
        "the moved card focused in another lane",
        &format!(
            "document.activeElement?.dataset?.touchpointId === '{moved}' && \
             document.activeElement.closest('[data-cell]')?.dataset.laneId !== '{lane_before}'"
        ),
    )
    .await;
    assert_eq!(active().await, serde_json::json!(moved));

    // The far corner: its last card is rendered once the board is scrolled there.
    let corner = cells.last().and_then(|c| c.last()).expect("a last card");
    s.js("const b = document.querySelector('[data-board-scroll]'); b.scrollTo(b.scrollWidth, b.scrollHeight); return null;")
        .await;
    s.wait(&format!("[data-card][data-touchpoint-id='{corner}']"))
        .await;
    assert!(count("[data-testid=card]").await < 2_000);

    // Zoom to fit: every stage header on screen, cards still rendered.
    s.click("[data-testid=zoom-fit]").await;
    s.until(
        "every stage on screen",
        "[...document.querySelectorAll('[data-testid=stage-header]')].every(h => { const r = h.getBoundingClientRect(); return r.right <= window.innerWidth + 1 && r.left >= 0; })",
    )
    .await;
    assert!(count("[data-testid=card]").await > 0);
    s.stop().await;
}

/// Two app windows (two processes, each with its own local database) on one team library
/// map, served by a PostgreSQL cluster this test starts: a pain score set in one shows up
/// in the other, and an edit over a change the other window has not heard of is refused
/// with a conflict that names the card, after which the view shows what is stored.
#[tokio::test]
async fn two_windows_on_one_library_map_see_each_others_edits_and_a_conflict() {
    let _one = ONE_AT_A_TIME.lock().await;
    let cluster = journeymap_tests::pg::Cluster::start();
    let url = cluster.database();
    let keep = tempfile::tempdir().expect("tempdir");
    // The PostgreSQL client blocks: it runs on threads of its own, off the test's runtime.
    let setup_db = keep.path().join("setup.sqlite3");
    let setup_url = url.clone();
    let (id, card, title) = std::thread::spawn(move || {
        let mut app = journey_app::App::open(&setup_db).expect("db");
        let id = app.create_sample().expect("sample");
        app.connect_library(&setup_url, "Setup").expect("connect");
        app.publish_map(&id, false).expect("publish");
        let map = app.load_map(&id).expect("load");
        let t = &map.touchpoints[0];
        (id, t.id.clone(), t.title.clone())
    })
    .join()
    .expect("setup");
    let launch = |user: &str| Launch {
        env: vec![
            ("JOURNEYMAP_LIBRARY".into(), url.clone()),
            ("JOURNEYMAP_USER".into(), user.into()),
        ],
        ..Launch::default()
    };
    let ana = Session::start(launch("Ana")).await;
    let ben = Session::start(launch("Ben")).await;
    for s in [&ana, &ben] {
        s.wait("[data-testid=board]").await;
        s.click("[data-testid=to-library]").await;
        s.wait("[data-testid=library-map]").await;
        s.click(&format!(
            "[data-testid=library-map][data-map-id='{id}'] [data-testid=library-map-open]"
        ))
        .await;
        s.wait("[data-testid=library-badge]").await;
    }
    let badge = format!("[data-card][data-touchpoint-id='{card}'] [data-testid=pain-badge]");

    // Ana sets a pain score; Ben's board shows it without doing anything.
    ana.click(&format!("[data-card][data-touchpoint-id='{card}']"))
        .await;
    ana.select("[data-testid=field-pain]", "9").await;
    let sent = std::time::Instant::now();
    ben.until_text(&badge, "9").await;
    eprintln!(
        "Ana's edit on Ben's board after {} ms",
        sent.elapsed().as_millis()
    );

    // Someone changes the card's title in the library without a notification reaching
    // Ben (written straight into PostgreSQL): his view still shows the old title.
    let sql = |query: &'static str| {
        let (url, card) = (url.clone(), card.clone());
        std::thread::spawn(move || {
            let mut client = postgres::Client::connect(&url, postgres::NoTls).expect("connect");
            client
                .query(query, &[&card])
                .expect("query")
                .first()
                .map(|r| r.get::<_, i16>(0))
        })
        .join()
        .expect("sql")
    };
    sql("UPDATE touchpoints SET title = 'Changed behind your back', rev = rev + 1 WHERE id = $1 RETURNING pain");
    ben.until_text(
        &format!("[data-card][data-touchpoint-id='{card}'] [data-testid=card-title]"),
        &title,
    )
    .await;
    // Ben's edit of that card is refused, names it, and the view shows what is stored.
    ben.click(&format!("[data-card][data-touchpoint-id='{card}']"))
        .await;
    ben.select("[data-testid=field-pain]", "2").await;
    ben.until(
        "the conflict said",
        "document.querySelector('[data-testid=error]')?.textContent.includes('was changed by someone else')",
    )
    .await;
    ben.until_text(
        &format!("[data-card][data-touchpoint-id='{card}'] [data-testid=card-title]"),
        "Changed behind your back",
    )
    .await;
    ben.until_text(&badge, "9").await;
    let shots = journeymap_tests::target_dir().join("e2e-screenshots");
    ben.screenshot(&shots.join("library-conflict.png")).await;
    assert_eq!(
        sql("SELECT pain FROM touchpoints WHERE id = $1"),
        Some(9),
        "nothing of Ben's refused edit was written"
    );
    ana.stop().await;
    ben.stop().await;
}
