//! # journey-core
//!
//! The Journeymap domain, with no I/O: no files, no SQL, no clock, no Tauri.
//!
//! A journey map has ordered **stages** (columns) and **lanes** (rows); every
//! **touchpoint** sits in one stage and one lane. Touchpoints are joined by **links**
//! (the customer's next step, hand-offs, dependencies) and carry **feedback**: quotes,
//! observations and survey answers, from which [`metrics`] computes NPS, CSAT, CES and
//! pain, each with its n.
//!
//! - [`model`]: the plain data of a map, kept in display order.
//! - [`fields`]: the rules every value meets, wherever it comes from.
//! - [`graph`]: the map as a petgraph directed graph, keyed by stable ids.
//! - [`metrics`]: the numbers, each with its n.
//! - [`analysis`]: where customers hurt and how sure we are: pain paths, structure
//!   problems, hand-offs, backstage impact, the heatmap, the curve, evidence strength.
//! - [`interchange`]: the versioned JSON file format, its canonical export and its
//!   checked, all-or-nothing import.
//! - [`ops`]: whole-map operations (a new map, a copy with fresh ids).
//! - [`sample`]: the sample map shown on first start and by `journeymap demo`.
//! - [`workshop`]: voting results ranked and compared, and their CSV.
//! - [`csv_cell`]: spreadsheet cells that cannot run as formulas.
//! - [`tables`]: the map as CSV tables of touchpoints and of feedback.
//! - [`svg`]: the map drawn as SVG, deterministic, every piece of user text escaped.

pub mod analysis;
pub mod csv_cell;
pub mod fields;
pub mod filter;
pub mod graph;
pub mod interchange;
mod json_scan;
pub mod metrics;
pub mod model;
pub mod ops;
pub mod position;
pub mod report;
pub mod sample;
pub mod svg;
pub mod tables;
pub mod workshop;

#[cfg(test)]
mod testing;

pub use model::*;
