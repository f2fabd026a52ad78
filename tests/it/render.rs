//! The map drawn by `journey_core::svg` and made into PNG and PDF by `journey-render`, each
//! read back by a program we did not write: the SVG by usvg, the PNG by the png crate's
//! decoder, the PDF by poppler's `pdfinfo` and `pdftotext` (installed by the scripts).

use std::process::Command;

use journey_core::model::JourneyMap;
use journey_core::svg::{map_svg, MapOptions};

fn sample() -> JourneyMap {
    journey_core::sample::sample_map().expect("sample")
}

/// The drawing's size in SVG units, as usvg reads it.
fn parsed_size(svg: &str) -> (f32, f32) {
    let tree = usvg::Tree::from_str(svg, &usvg::Options::default()).expect("usvg reads the SVG");
    (tree.size().width(), tree.size().height())
}

fn poppler(tool: &str, pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("map.pdf");
    std::fs::write(&path, pdf).expect("write");
    let out = Command::new(tool)
        .arg(&path)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("{tool} runs (apt-get install poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// The sample map's SVG is byte-identical to the committed one (`UPDATE_EXPECT=1`
/// rewrites it): the renderer is deterministic and a change to it is seen in review.
#[test]
fn the_sample_maps_svg_is_its_golden_file() {
    expect_test::expect_file!["snapshots/sample-map.svg"]
        .assert_eq(&map_svg(&sample(), &MapOptions::default()));
}

#[test]
fn svg_png_and_pdf_read_back_with_every_stage_and_the_worst_pain_point() {
    let map = sample();
    let svg = map_svg(&map, &MapOptions::default());
    let (w, h) = parsed_size(&svg);
    assert!(w > 1000.0 && h > 1000.0, "{w}×{h}");

    let png = journey_render::png(&svg, 2.0).expect("png");
    let decoder = png::Decoder::new(std::io::Cursor::new(&png));
    let reader = decoder.read_info().expect("a PNG the decoder reads");
    let info = reader.info();
    assert_eq!(
        (info.width, info.height),
        ((w * 2.0).ceil() as u32, (h * 2.0).ceil() as u32)
    );

    let pdf = journey_render::pdf(&svg).expect("pdf");
    assert!(poppler("pdfinfo", &pdf).contains("Pages:           1"));
    let text = poppler("pdftotext", &pdf);
    for s in &map.stages {
        assert!(text.contains(&s.name), "{} is in the PDF's text", s.name);
    }
    let analysis =
        journey_core::analysis::Analysis::of(&map, &Default::default()).expect("analysis");
    let worst = &analysis.pain_points[0].title;
    assert!(
        text.contains(worst.as_str()),
        "{worst} is in the PDF's text"
    );
}

/// Titles full of markup, quotes, right-to-left text and emoji stay text: the SVG parses,
/// holds no element of theirs, and the PDF's text has them as typed.
#[test]
fn hostile_text_stays_text_in_the_svg_and_the_pdf() {
    let mut map = sample();
    let hostile = [
        "<script>alert(1)</script>",
        "a & b ]]> \"quoted\" 'single'",
        "<![CDATA[x]]> <!-- c -->",
        "שלום עולם",
        "🙂 party",
    ];
    for (t, title) in map.touchpoints.iter_mut().zip(hostile) {
        t.title = title.to_string();
    }
    map.meta.name = "</svg><svg onload=\"x\">".into();
    let svg = map_svg(&map, &MapOptions::default());
    parsed_size(&svg);
    assert!(!svg.contains("<script"), "no script element");
    assert!(!svg.contains("onload=\""), "no handler attribute");
    assert!(!svg.contains("<![CDATA["), "no CDATA section");
    assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    let text = poppler("pdftotext", &journey_render::pdf(&svg).expect("pdf"));
    assert!(text.contains("a & b ]]> \"quoted\" 'single'"), "{text}");
    assert!(text.contains("<script>alert(1)</script>"));
}

/// The heatmap and the curve drawn as SVG: usvg reads them, they name every stage, the
/// heatmap has a cell per stage and lane, and they make PNGs the decoder reads.
#[test]
fn the_heatmap_and_the_curve_read_back() {
    let map = sample();
    let a = journey_core::analysis::Analysis::of(&map, &Default::default()).expect("analysis");
    let heat = journey_core::svg::heatmap_svg(&map, &a.heatmap);
    let curve = journey_core::svg::curve_svg(&map, &a.curve);
    for svg in [&heat, &curve] {
        parsed_size(svg);
        for s in &map.stages {
            assert!(svg.contains(&format!(">{}<", s.name)), "{}", s.name);
        }
        let png = journey_render::png(svg, 1.0).expect("png");
        png::Decoder::new(std::io::Cursor::new(&png))
            .read_info()
            .expect("a PNG the decoder reads");
    }
    assert_eq!(
        heat.matches("class=\"cell\"").count(),
        a.heatmap.stage_ids.len() * a.heatmap.lane_ids.len()
    );
    // Every cell's figure is printed with its n.
    let cell = &a.heatmap.cells[0];
    if let Some(p) = cell.figures.metrics.pain {
        assert!(heat.contains(&format!("{:.1} (n={})", p.mean, p.n)));
    }
    assert_eq!(curve.matches("<circle").count(), {
        let e = a.curve.iter().filter(|p| p.mean_emotion.is_some()).count();
        let p = a.curve.iter().filter(|p| p.mean_pain.is_some()).count();
        e + p
    });
}
