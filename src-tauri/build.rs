//! Generates the app's command permissions from the list below. With an app manifest,
//! every app command is denied unless a capability allows it
//! (`capabilities/main.json` allows each one for the `main` window only).

/// Every command the UI may invoke. `ui/src/ipc/index.ts` is the only UI file that names
/// them; a test in `tests/` checks that both lists and the capability agree.
const COMMANDS: &[&str] = &[
    "start",
    "list_maps",
    "open_map",
    "close_map",
    "create_map",
    "update_map",
    "duplicate_map",
    "delete_map",
    "undo_library",
    "add_stage",
    "update_stage",
    "move_stage",
    "delete_stage",
    "add_lane",
    "update_lane",
    "move_lane",
    "delete_lane",
    "add_touchpoint",
    "update_touchpoint",
    "move_touchpoint",
    "delete_touchpoint",
    "add_link",
    "update_link",
    "delete_link",
    "list_feedback",
    "add_feedback",
    "update_feedback",
    "delete_feedback",
    "undo",
    "redo",
    "export_map",
    "import_map",
];

fn main() {
    // The UI is embedded at compile time; rebuild when it changes.
    println!("cargo:rerun-if-changed=../ui/dist");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .config_path("../tauri.conf.json")
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
