//! Journeymap's integration tests: one binary, a module per area.
//!
//! - `scenarios`: what a user does, through `journey_app::App`, on real SQLite files.
//! - `hostile`: files that must not import, each with its message and an unchanged database.
//! - `backups`: automatic, verified, pruned backups and restores.
//! - `crash`: a writer killed with SIGKILL 300 times loses no acknowledged edit.
//! - `corpus`: 1,000+ damaged copies of a real database: never a different export.
//! - `damage`: databases refused at open (a changed schema, too short, damaged), untouched.
//! - `memory`: a 64 MiB import peaks under 4× the file's size.
//! - `patches`: edits answer with patches that rebuild the fresh view exactly.
//! - `roundtrip`: export → import → export is byte-identical, for generated maps.
//! - `schema`: the committed JSON Schema matches the Rust types.
//! - `contract`: the command names agree across the UI, the shell and its capability.
//! - `render`: the map drawn as SVG, PNG and PDF, read back by usvg, a PNG decoder and
//!   poppler's pdfinfo and pdftotext.
//! - `workshop`: decisions and voting rounds are ordinary edits: undoable, exported, and
//!   their CSV reads back.
//! - `library`: the team library on a PostgreSQL cluster the tests start themselves
//!   (`journeymap_tests::pg`): publish and load give the SQLite store's map and the same
//!   export, a publish is all or nothing, conflicts, masked passwords, refused databases.
//! - `library_tls`: the team library over TCP, with TLS as `sslmode` asks, on clusters
//!   that also listen on 127.0.0.1 with certificates made in the test: encrypted or not as
//!   asked, an untrusted certificate or a server without TLS refused in words, and the
//!   password of a role that needs one never shown.
//! - `library_app`: the team library through the app: library maps opened and edited
//!   with every use-case, two editors, conflicts, undo, the server stopped mid-edit, and
//!   twenty writers (figures printed with `--nocapture`).
//!
//! Every test here is hermetic: it needs no display, no webview and no server but the
//! PostgreSQL cluster `library` starts and stops itself (Debian's `postgresql` package
//! provides the programs). The end-to-end tests, which drive the real app in the real
//! webview, are their own target (`e2e/main.rs`, built only with `--features e2e`).
//!
//! The CLI's own tests live beside the binary (`crates/journey-app/tests/cli.rs`), where
//! cargo guarantees the binary they run is freshly built.

mod backups;
mod contract;
mod corpus;
mod crash;
mod damage;
mod hostile;
mod library;
mod library_app;
mod library_tls;
mod memory;
mod patches;
mod render;
mod roundtrip;
mod scenarios;
mod schema;
mod support;
mod workshop;
