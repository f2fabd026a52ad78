//! The Journeymap desktop app. Everything is in the library; see `lib.rs`.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        eprintln!(
            "journeymap-desktop: no display (neither DISPLAY nor WAYLAND_DISPLAY is set); \
             use the journeymap command-line tool instead, e.g. `journeymap list`"
        );
        std::process::exit(1);
    }
    journeymap_desktop::run_app();
}
