//! The command surface is declared once (`journey_app::with_commands!`) and everything
//! that spells command names agrees with it: the UI's one IPC module calls only declared
//! commands (its type check says so too), and the `main` window's capability (written by
//! the shell's build script from the same list) allows exactly those and nothing else. A
//! command missing from the capability would be denied at run time; an extra one would
//! widen what the page may do.

use std::collections::BTreeSet;
use std::path::Path;

fn read(rel: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    std::fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The commands the UI calls: every `call("name"` in its IPC module.
fn ui_commands() -> BTreeSet<String> {
    let ipc = read("ui/src/ipc/index.ts");
    ipc.match_indices("call(\"")
        .filter_map(|(i, m)| {
            let rest = &ipc[i + m.len()..];
            Some(rest[..rest.find('"')?].to_string())
        })
        .collect()
}

/// The commands the committed capability allows (`allow-<name>`, beside the one window
/// permission full screen needs).
fn capability_commands() -> BTreeSet<String> {
    let v: serde_json::Value =
        serde_json::from_str(&read("src-tauri/capabilities/main.json")).expect("json");
    assert_eq!(
        v["windows"],
        serde_json::json!(["main"]),
        "the main window only"
    );
    v["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        // The one permission that is not a command: the presentation's full screen.
        .filter(|p| p.as_str() != Some("core:window:allow-set-fullscreen"))
        .map(|p| {
            p.as_str()
                .expect("string")
                .strip_prefix("allow-")
                .expect("only allow-<command>")
                .replace('-', "_")
        })
        .collect()
}

#[test]
fn command_names_agree() {
    let declared: BTreeSet<String> = journey_app::api::COMMANDS
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert!(declared.len() >= 30, "{declared:?}");
    assert_eq!(
        declared.len(),
        journey_app::api::COMMANDS.len(),
        "no command is declared twice"
    );
    let ui = ui_commands();
    assert!(ui.len() >= 30, "{ui:?}");
    let undeclared: Vec<_> = ui.difference(&declared).collect();
    assert!(
        undeclared.is_empty(),
        "ui/src/ipc calls commands the list does not declare: {undeclared:?}"
    );
    assert_eq!(
        capability_commands(),
        declared,
        "capabilities/main.json vs the command list"
    );
}

#[test]
fn only_the_ipc_module_names_commands() {
    // Every other UI file reaches the backend through `ipc`, never `invoke` itself.
    fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).expect("read dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "ts" || x == "tsx") {
                out.push(p);
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    let offenders: Vec<_> = files
        .iter()
        .filter(|p| !p.ends_with("ipc/index.ts"))
        .filter(|p| {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            text.contains("@tauri-apps/api") && !p.to_string_lossy().contains(".test.")
        })
        .collect();
    assert!(offenders.is_empty(), "{offenders:?}");
}

#[test]
fn the_shell_is_locked_down() {
    let conf: serde_json::Value = serde_json::from_str(&read("tauri.conf.json")).expect("json");
    let security = &conf["app"]["security"];
    let csp = security["csp"].as_str().expect("a CSP string");
    for directive in [
        "default-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ] {
        assert!(csp.contains(directive), "CSP lacks {directive}");
    }
    assert!(
        !csp.contains("unsafe-eval") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert_eq!(security["freezePrototype"], true);
    assert_eq!(security["assetProtocol"]["enable"], false);
    assert_eq!(conf["app"]["withGlobalTauri"], false);
    assert!(
        conf["build"].get("devUrl").is_none(),
        "every binary embeds the built UI"
    );
}
