//! The command names agree everywhere they are spelled: the UI's one IPC module, the
//! shell's app manifest (build.rs), its handler list (lib.rs) and its capability. A
//! command missing from the capability would be denied at run time; an extra one would
//! widen what the page may do.

use std::collections::BTreeSet;
use std::path::Path;

fn read(rel: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    std::fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Every `"word"` after `marker` in `text`, up to `end`.
fn quoted_after(text: &str, marker: &str, end: &str) -> BTreeSet<String> {
    let start = text.find(marker).unwrap_or_else(|| panic!("no {marker:?}")) + marker.len();
    let rest = &text[start..];
    let body = &rest[..rest.find(end).unwrap_or(rest.len())];
    body.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

#[test]
fn command_names_agree() {
    let ipc = read("ui/src/ipc/index.ts");
    let ui: BTreeSet<String> = ipc
        .match_indices("call<")
        .filter_map(|(i, _)| {
            let text = &ipc[i..];
            let open = text.find("(\"")? + 2;
            let close = text[open..].find('"')? + open;
            Some(text[open..close].to_string())
        })
        .collect();
    let manifest = quoted_after(
        &read("src-tauri/build.rs"),
        "const COMMANDS: &[&str] = &[",
        "];",
    );
    let handler: BTreeSet<String> = {
        let lib = read("src-tauri/src/lib.rs");
        let start =
            lib.find("generate_handler![").expect("handler list") + "generate_handler![".len();
        let end = lib[start..].find(']').expect("end of list") + start;
        lib[start..end]
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let capability: BTreeSet<String> = {
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
            .map(|p| {
                p.as_str()
                    .expect("string")
                    .strip_prefix("allow-")
                    .expect("only allow-<command>")
                    .replace('-', "_")
            })
            .collect()
    };
    assert!(ui.len() >= 30, "{ui:?}");
    assert_eq!(ui, manifest, "ui/src/ipc vs build.rs");
    assert_eq!(ui, handler, "ui/src/ipc vs generate_handler!");
    assert_eq!(ui, capability, "ui/src/ipc vs capabilities/main.json");
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
