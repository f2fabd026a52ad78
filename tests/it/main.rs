//! Journeymap's integration tests: one binary, a module per area.
//!
//! - `scenarios`: what a user does, through `journey_app::App`, on real SQLite files.
//! - `hostile`: files that must not import, each with its message and an unchanged database.
//! - `patches`: edits answer with patches that rebuild the fresh view exactly.
//! - `roundtrip`: export → import → export is byte-identical, for generated maps.
//! - `schema`: the committed JSON Schema matches the Rust types.
//! - `e2e`: the real desktop app in the real webview, through tauri-driver (see src/lib.rs).
//! - `contract`: the command names agree across the UI, the shell and its capability.
//!
//! The CLI's own tests live beside the binary (`crates/journey-app/tests/cli.rs`), where
//! cargo guarantees the binary they run is freshly built.

mod contract;
mod e2e;
mod hostile;
mod patches;
mod roundtrip;
mod scenarios;
mod schema;
mod support;
