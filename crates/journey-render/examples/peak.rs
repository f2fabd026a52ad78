//! Peak memory of one export, in a process of its own: draws `synthetic(n, 5)` as
//! `svg`, `png`, `pdf` or the PDF `report`, then prints the time it took and the
//! process's peak resident memory (`VmHWM`) beside the same process's peak after only
//! building the map (the baseline). Linux only (it reads /proc/self/status).
//!
//! `cargo run --release -p journey-render --example peak -- pdf 1000 [OUT]` (OUT: also
//! write the file there)

use std::time::Instant;

fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let format = args.next().unwrap_or_else(|| "pdf".into());
    let n: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1_000);
    let map = journey_core::sample::synthetic(n, 5);
    let json = journey_core::interchange::export_json(&map);
    let baseline = peak_kib();
    let start = Instant::now();
    let bytes = match format.as_str() {
        "svg" => journey_core::svg::map_svg(&map, &Default::default()).into_bytes(),
        "png" => {
            let svg = journey_core::svg::map_svg(&map, &Default::default());
            let scale = journey_render::fitting_scale(&svg, 2.0).expect("scale");
            journey_render::png(&svg, scale).expect("png")
        }
        "pdf" => {
            let svg = journey_core::svg::map_svg(&map, &Default::default());
            journey_render::pdf(&svg).expect("pdf")
        }
        "report" => {
            let analysis =
                journey_core::analysis::Analysis::of(&map, &Default::default()).expect("analysis");
            let pages = journey_core::svg::report_pages(journey_core::svg::ReportInput {
                map: &map,
                analysis: &analysis,
                page: journey_core::svg::PageSize::A4,
                today: "2026-12-01",
            });
            journey_render::pdf_pages(&pages, "report").expect("pdf")
        }
        other => panic!("unknown format {other}: svg, png, pdf or report"),
    };
    let took = start.elapsed();
    if let Some(out) = args.next() {
        std::fs::write(&out, &bytes).expect("write the file");
    }
    println!(
        "{{\"format\":\"{format}\",\"n\":{n},\"ms\":{},\"bytes\":{},\"json_bytes\":{},\"baseline_peak_mib\":{:.0},\"peak_mib\":{:.0}}}",
        took.as_millis(),
        bytes.len(),
        json.len(),
        baseline as f64 / 1024.0,
        peak_kib() as f64 / 1024.0
    );
}
