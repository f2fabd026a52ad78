//! The end-to-end harness: the real desktop binary in the real webview (WebKitGTK),
//! driven through tauri-driver and WebKitWebDriver under a private Xvfb display.
//!
//! Each [`Session`] starts its own Xvfb (the display number chosen by Xvfb itself), its
//! own tauri-driver on free loopback ports, and the app with its own temporary database
//! and data folder, so sessions never share state. Waits are WebDriver waits or polls of
//! a condition, never fixed sleeps.
//!
//! Needs: `Xvfb` (xvfb), `WebKitWebDriver` (webkit2gtk-driver), `tauri-driver`
//! (`cargo install tauri-driver --locked`), and the app built:
//! `cargo build -p journeymap-desktop` (scripts/test does all of this).
//!
//! [`pg`] is the other harness: a throwaway PostgreSQL cluster of its own for the team
//! library's tests (`it/library.rs`), which run in plain `cargo test`.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub mod pg;

pub use fantoccini::{elements::Element, Client, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

/// How long any one wait may take before the test fails.
pub const WAIT: Duration = Duration::from_secs(20);

/// The `target/<profile>` folder this test binary was built into.
pub fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("current exe");
    // target/debug/deps/it-xxxx or target/debug/examples/ui_timing
    exe.parent()
        .and_then(Path::parent)
        .expect("target/<profile>")
        .to_path_buf()
}

/// A binary of this workspace, which must have been built.
pub fn workspace_binary(name: &str) -> PathBuf {
    let path = target_dir().join(name);
    assert!(
        path.exists(),
        "{} is missing: build it first (cargo build -p {})",
        path.display(),
        if name == "journeymap" {
            "journey-app"
        } else {
            name
        }
    );
    path
}

/// The desktop binary, refused when it is older than the UI it embeds (`ui/dist`): an
/// end-to-end test of a stale binary would test yesterday's UI.
pub fn desktop_binary() -> PathBuf {
    let path = workspace_binary("journeymap-desktop");
    let built = modified(&path);
    let dist = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/dist");
    let newest_ui = newest_file(&dist);
    if let Some((file, ui_time)) = newest_ui {
        assert!(
            built >= ui_time,
            "{} is older than {}: rebuild it (cargo build -p journeymap-desktop) so it embeds the current UI",
            path.display(),
            file.display()
        );
    } else {
        panic!(
            "{} is missing: build the UI (cd ui && npm run build)",
            dist.display()
        );
    }
    path
}

fn modified(path: &Path) -> std::time::SystemTime {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The most recently changed file under `dir`, and when.
fn newest_file(dir: &Path) -> Option<(PathBuf, std::time::SystemTime)> {
    let mut newest: Option<(PathBuf, std::time::SystemTime)> = None;
    for entry in std::fs::read_dir(dir).ok()?.flatten() {
        let p = entry.path();
        let found = if p.is_dir() {
            newest_file(&p)
        } else {
            Some((p.clone(), modified(&p)))
        };
        if let Some((f, t)) = found {
            if newest.as_ref().is_none_or(|(_, n)| t > *n) {
                newest = Some((f, t));
            }
        }
    }
    newest
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// A process that is stopped (SIGTERM, then waited for) when dropped.
#[derive(Debug)]
struct Managed(Child);

impl Drop for Managed {
    fn drop(&mut self) {
        // SIGTERM lets tauri-driver stop WebKitWebDriver too; SIGKILL would orphan it.
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.0.id().to_string())
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// What a session's app starts with.
#[derive(Debug, Clone, Default)]
pub struct Launch {
    /// The database file; a fresh one in the session's folder when `None`.
    pub db: Option<PathBuf>,
    /// Stands in for the path the user picks in the native save/open dialog.
    pub dialog_path: Option<PathBuf>,
    /// More environment for the app (a private D-Bus session bus, say).
    pub env: Vec<(String, String)>,
    /// What WebDriver starts instead of the desktop binary (a wrapper that runs it as
    /// another user, say); it must pass its arguments on.
    pub application: Option<PathBuf>,
    /// The virtual screen's size (a 1920×1080 projector, say); 1400×900 when `None`.
    pub screen: Option<(u32, u32)>,
}

/// One running app under WebDriver.
#[derive(Debug)]
pub struct Session {
    pub client: Client,
    pub db: PathBuf,
    /// The X display the app runs on (`:N`), for tools that look at the screen itself.
    pub display: String,
    // Dropped in this order: the driver (and with it the app), then the display.
    _driver: Managed,
    _xvfb: Managed,
    pub dir: tempfile::TempDir,
}

/// A private D-Bus session bus (`dbus-daemon --session`), stopped when dropped.
#[derive(Debug)]
pub struct SessionBus {
    /// Its address, for `DBUS_SESSION_BUS_ADDRESS`.
    pub address: String,
    _daemon: Managed,
}

impl SessionBus {
    pub fn start() -> SessionBus {
        use std::io::BufRead;
        let mut child = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("dbus-daemon starts (apt-get install dbus-daemon)");
        let out = child.stdout.take().expect("stdout");
        let mut address = String::new();
        std::io::BufReader::new(out)
            .read_line(&mut address)
            .expect("dbus-daemon prints its address");
        SessionBus {
            address: address.trim().to_string(),
            _daemon: Managed(child),
        }
    }
}

impl Session {
    /// Starts Xvfb, tauri-driver and the app, and waits until the UI has started.
    pub async fn start(launch: Launch) -> Session {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = launch
            .db
            .clone()
            .unwrap_or_else(|| dir.path().join("journeymap.sqlite3"));
        let (xvfb, display) = start_xvfb(launch.screen.unwrap_or((1400, 900)));
        let runtime_dir = dir.path().join("runtime");
        std::fs::create_dir_all(&runtime_dir).expect("runtime dir");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(&runtime_dir, std::fs::Permissions::from_mode(0o700));
        }
        // tauri-driver now and then drops the very first session request while
        // WebKitWebDriver is still coming up (no answer at all, not an error answer). Such a
        // start is retried with a fresh driver; any WebDriver error fails at once.
        let mut attempt = 0;
        let (driver, client) = loop {
            attempt += 1;
            let driver = spawn_driver(&dir, &display, &db, &runtime_dir, &launch);
            let application = launch.application.clone().unwrap_or_else(desktop_binary);
            match connect(driver.port, &application).await {
                Ok(client) => break (driver, client),
                Err(e) if attempt < 3 && e.to_string().contains("did not respond") => drop(driver),
                Err(e) => panic!(
                    "no WebDriver session with the app: {e}\ntauri-driver said:\n{}",
                    std::fs::read_to_string(&driver.log).unwrap_or_default()
                ),
            }
        };
        let driver = driver.process;
        Session {
            client,
            db,
            display,
            _driver: driver,
            _xvfb: xvfb,
            dir,
        }
    }

    /// Waits for an element and returns it.
    pub async fn wait(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css} within {WAIT:?}: {e}"))
    }

    /// Clicks the element, as a user would.
    pub async fn click(&self, css: &str) {
        self.wait(css)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("cannot click {css}: {e}"));
    }

    /// Types `text` into the element.
    pub async fn type_text(&self, css: &str, text: &str) {
        self.wait(css)
            .await
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("cannot type into {css}: {e}"));
    }

    /// Types `text` into the element and presses Enter.
    pub async fn type_enter(&self, css: &str, text: &str) {
        let enter = char::from(fantoccini::key::Key::Enter);
        self.type_text(css, &format!("{text}{enter}")).await;
    }

    /// Picks the option with `value` in the `<select>`.
    pub async fn select(&self, css: &str, value: &str) {
        self.wait(css)
            .await
            .select_by_value(value)
            .await
            .unwrap_or_else(|e| panic!("cannot select {value:?} in {css}: {e}"));
    }

    /// The element's attribute `name`, or "" when it has none.
    pub async fn attr(&self, css: &str, name: &str) -> String {
        self.wait(css)
            .await
            .attr(name)
            .await
            .unwrap_or_else(|e| panic!("cannot read {name} of {css}: {e}"))
            .unwrap_or_default()
    }

    /// All elements matching `css` right now.
    pub async fn all(&self, css: &str) -> Vec<Element> {
        self.client
            .find_all(Locator::Css(css))
            .await
            .expect("find_all")
    }

    /// Runs JavaScript in the page and returns its value.
    pub async fn js(&self, script: &str) -> serde_json::Value {
        self.client
            .execute(script, vec![])
            .await
            .expect("script runs")
    }

    /// Polls `check` (a JavaScript expression) until it is true.
    pub async fn until(&self, what: &str, check: &str) {
        let deadline = Instant::now() + WAIT;
        let script = format!("return !!({check});");
        loop {
            if self.js(&script).await == serde_json::Value::Bool(true) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what} ({check})"
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// Polls until the element's text equals `expected`.
    pub async fn until_text(&self, css: &str, expected: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            let got = match self.client.find(Locator::Css(css)).await {
                Ok(el) => el.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if got == expected {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{css}: expected text {expected:?}, still {got:?}"
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// Saves a PNG of the window to `path`.
    pub async fn screenshot(&self, path: &Path) {
        let png = self.client.screenshot().await.expect("screenshot");
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("mkdir");
        }
        std::fs::write(path, png).expect("write screenshot");
    }

    /// Ends the WebDriver session (the app quits) and stops everything.
    pub async fn stop(self) {
        let Session {
            client,
            _driver,
            _xvfb,
            ..
        } = self;
        let _ = client.close().await;
    }
}

/// A running tauri-driver, its port and its log file.
struct Driver {
    process: Managed,
    port: u16,
    log: PathBuf,
}

fn spawn_driver(
    dir: &tempfile::TempDir,
    display: &str,
    db: &Path,
    runtime_dir: &Path,
    launch: &Launch,
) -> Driver {
    let port = free_port();
    let native_port = free_port();
    let mut cmd = Command::new(tauri_driver());
    cmd.args([
        "--port",
        &port.to_string(),
        "--native-port",
        &native_port.to_string(),
    ])
    .env("DISPLAY", display)
    .env("JOURNEYMAP_DB", db)
    .env("XDG_DATA_HOME", dir.path().join("data"))
    .env("XDG_CONFIG_HOME", dir.path().join("config"))
    .env("XDG_CACHE_HOME", dir.path().join("cache"))
    .env("XDG_RUNTIME_DIR", runtime_dir)
    .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
    .env("NO_AT_BRIDGE", "1")
    .env_remove("WAYLAND_DISPLAY");
    let log = dir.path().join(format!("tauri-driver-{port}.log"));
    let file = std::fs::File::create(&log).expect("driver log");
    cmd.stdout(file.try_clone().expect("log handle"))
        .stderr(file);
    match &launch.dialog_path {
        Some(p) => cmd.env("JOURNEYMAP_TEST_DIALOG_PATH", p),
        None => cmd.env_remove("JOURNEYMAP_TEST_DIALOG_PATH"),
    };
    // No session bus unless a test brings its own: the app's single-instance lock is
    // taken on it, and the machine's bus (if any) is not the test's.
    cmd.env_remove("DBUS_SESSION_BUS_ADDRESS");
    cmd.envs(launch.env.iter().map(|(k, v)| (k, v)));
    let process = Managed(cmd.spawn().expect("tauri-driver starts"));
    wait_for_port(port);
    Driver { process, port, log }
}

async fn connect(
    port: u16,
    application: &Path,
) -> Result<Client, fantoccini::error::NewSessionError> {
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), serde_json::json!("wry"));
    caps.insert(
        "tauri:options".into(),
        serde_json::json!({ "application": application }),
    );
    fantoccini::ClientBuilder::new(HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
}

/// `tauri-driver` from PATH or cargo's bin folder.
fn tauri_driver() -> PathBuf {
    let candidates = std::env::var_os("PATH")
        .map(|p| {
            std::env::split_paths(&p)
                .map(|d| d.join("tauri-driver"))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
        .into_iter()
        .chain(std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo/bin/tauri-driver")));
    for c in candidates {
        if c.exists() {
            return c;
        }
    }
    panic!("tauri-driver is not installed: cargo install tauri-driver --locked");
}

/// Starts Xvfb on a display it picks itself (`-displayfd`), returning ":N".
fn start_xvfb((width, height): (u32, u32)) -> (Managed, String) {
    let screen = format!("{width}x{height}x24");
    let mut child = Command::new("Xvfb")
        .args([
            "-displayfd",
            "1",
            "-screen",
            "0",
            &screen,
            "-nolisten",
            "tcp",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("Xvfb starts (apt-get install xvfb)");
    let stdout = child.stdout.take().expect("piped stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("Xvfb reports its display");
    let n = line.trim();
    assert!(
        !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()),
        "Xvfb said {line:?}"
    );
    (Managed(child), format!(":{n}"))
}

fn wait_for_port(port: u16) {
    let deadline = Instant::now() + WAIT;
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "tauri-driver did not listen on {port}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Serializes end-to-end sessions within one test process: each session runs a whole
/// WebKit process tree, and two at once on two cores make timings and focus flaky.
pub static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
