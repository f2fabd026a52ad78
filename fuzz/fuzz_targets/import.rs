//! Fuzz target `import`: arbitrary bytes into the JSON map importer.
//!
//! Properties:
//! 1. `parse_map_file` never panics, whatever the bytes (it returns problems instead).
//! 2. When a file is accepted, its canonical export is accepted again, and exporting
//!    that second map gives the same text (export -> import -> export is a fixed point),
//!    and the two imported maps are equal.
#![no_main]

use journey_core::interchange::{export_json, parse_map_file, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits::default();
    let Ok(map) = parse_map_file(data, &limits) else {
        return;
    };
    let first = export_json(&map);
    let again = match parse_map_file(first.as_bytes(), &limits) {
        Ok(m) => m,
        Err(e) => panic!("the export of an accepted file is rejected: {e}\n{:?}\n--- export ---\n{first}", e.problems),
    };
    let second = export_json(&again);
    assert_eq!(first, second, "export -> import -> export is not a fixed point");
    assert_eq!(map, again, "re-importing the export gives a different map");
});
