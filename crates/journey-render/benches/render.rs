//! Drawing the map at 100, 1,000 and 10,000 touchpoints (`synthetic(n, 5)`), beside a
//! baseline measured in the same run: the JSON export of the same map (both in memory).
//!
//! - `svg`: `journey_core::svg::map_svg` (target: ≤ 3× the JSON export at 10,000).
//! - `png`: the SVG made into a PNG at twice its size, or smaller where that is over
//!   `MAX_PIXELS` (the 10,000 map), as `journeymap render --format png` does.
//! - `pdf`: the SVG made into a PDF (target: under 2 s at 1,000).
//! - `report-pdf`: the PDF report (title page, the map whole and in readable parts, the
//!   heatmap, the curve, pain points, paths, workshop) on A4, at 100 and 1,000.
//!
//! Peak memory is measured per run in a process of its own by the `peak` example:
//! `cargo run --release -p journey-render --example peak -- pdf 1000`.
//!
//! Run: `cargo bench -p journey-render --bench render`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use journey_core::interchange::export_json;
use journey_core::sample::synthetic;
use journey_core::svg::{map_svg, MapOptions};

fn benches(c: &mut Criterion) {
    for n in [100, 1_000, 10_000] {
        let map = synthetic(n, 5);
        let svg = map_svg(&map, &MapOptions::default());
        let mut g = c.benchmark_group("render");
        g.sample_size(10);
        g.measurement_time(Duration::from_secs(if n >= 10_000 { 10 } else { 4 }));
        g.bench_with_input(BenchmarkId::new("baseline-json", n), &n, |b, _| {
            b.iter(|| black_box(export_json(&map)))
        });
        g.bench_with_input(BenchmarkId::new("svg", n), &n, |b, _| {
            b.iter(|| black_box(map_svg(&map, &MapOptions::default())))
        });
        let scale = journey_render::fitting_scale(&svg, 2.0).expect("scale");
        g.bench_with_input(BenchmarkId::new("png", n), &n, |b, _| {
            b.iter(|| black_box(journey_render::png(&svg, scale).expect("png")))
        });
        g.bench_with_input(BenchmarkId::new("pdf", n), &n, |b, _| {
            b.iter(|| black_box(journey_render::pdf(&svg).expect("pdf")))
        });
        if n <= 1_000 {
            let analysis =
                journey_core::analysis::Analysis::of(&map, &Default::default()).expect("analysis");
            g.bench_with_input(BenchmarkId::new("report-pdf", n), &n, |b, _| {
                b.iter(|| {
                    let pages = journey_core::svg::report_pages(journey_core::svg::ReportInput {
                        map: &map,
                        analysis: &analysis,
                        page: journey_core::svg::PageSize::A4,
                        today: "2026-12-01",
                    });
                    black_box(journey_render::pdf_pages(&pages, "report").expect("pdf"))
                })
            });
        }
        g.finish();
    }
}

criterion_group!(render, benches);
criterion_main!(render);
