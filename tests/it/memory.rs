//! Import memory: a file at the size limit (64 MiB) imports with a peak of under 4× its
//! size, counting the file itself, which the importer holds while it reads.
//!
//! The import runs in a child process (this test binary again, with `JM_IMPORT_MEMORY`
//! set, as `crash.rs` does) so that its peak resident memory (`VmHWM`, which Linux keeps
//! per process) is the import's alone, not the test harness's or a neighbour test's.

use std::path::Path;
use std::process::Command;

use journey_app::{App, ImportMode};

const CHILD_ENV: &str = "JM_IMPORT_MEMORY";

/// Peak resident memory of this process so far, in bytes.
fn peak_rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let kib: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM");
    kib * 1024
}

/// The child: with `JM_IMPORT_MEMORY=<file>;<db>`, imports the file as `journeymap import`
/// does (read whole, parse, check, write) and prints `peak <bytes>`. Without the variable
/// it does nothing.
#[test]
fn import_memory_child() {
    let Ok(spec) = std::env::var(CHILD_ENV) else {
        return;
    };
    let (file, db) = spec.split_once(';').expect("file;db");
    let mut app = App::open(Path::new(db)).expect("opens");
    let bytes = std::fs::read(file).expect("reads");
    app.import_map(&bytes, ImportMode::Copy).expect("imports");
    println!("peak {}", peak_rss());
}

#[test]
fn a_64_mib_file_imports_in_under_4x_its_size() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("big.json");
    // As many feedback items as fit in the 64 MiB limit: the shape that made 1 GB.
    let json = journey_core::interchange::export_json(&journey_core::sample::synthetic(14_000, 11));
    assert!(
        json.len() > 56 << 20 && json.len() <= 64 << 20,
        "the file should be near the limit: {} bytes",
        json.len()
    );
    std::fs::write(&file, &json).expect("write");
    let size = json.len() as u64;
    drop(json);
    let out = Command::new(std::env::current_exe().expect("this test binary"))
        .args([
            "--exact",
            "memory::import_memory_child",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(
            CHILD_ENV,
            format!(
                "{};{}",
                file.display(),
                dir.path().join("maps.sqlite3").display()
            ),
        )
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let peak: u64 = stdout
        .lines()
        .find_map(|l| l.split_once("peak ").map(|(_, n)| n))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("the child reports its peak: {stdout}"));
    println!(
        "import of {} MiB: peak {} MiB ({:.2}× the file)",
        size >> 20,
        peak >> 20,
        peak as f64 / size as f64
    );
    assert!(peak < 4 * size, "peak {peak} bytes for a {size}-byte file");
    assert!(peak < 512 << 20, "peak {} MiB", peak >> 20);
}
