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
    poppler_pages(tool, pdf, None)
}

/// A poppler tool run on the PDF, on pages `first..=last` when given.
fn poppler_pages(tool: &str, pdf: &[u8], pages: Option<(usize, usize)>) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("map.pdf");
    std::fs::write(&path, pdf).expect("write");
    let range: Vec<String> = pages.map_or(Vec::new(), |(f, l)| {
        vec!["-f".into(), f.to_string(), "-l".into(), l.to_string()]
    });
    let out = Command::new(tool)
        .args(&range)
        .arg(&path)
        .args(if tool == "pdftotext" {
            &["-layout", "-"][..]
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

    // The report's pages carry the same titles, in headings, lists and quotes.
    let analysis =
        journey_core::analysis::Analysis::of(&map, &Default::default()).expect("analysis");
    let pages = journey_core::svg::report_pages(journey_core::svg::ReportInput {
        map: &map,
        analysis: &analysis,
        page: journey_core::svg::PageSize::A4,
        today: "2026-12-01",
    });
    for page in &pages {
        parsed_size(page);
        assert!(!page.contains("<script") && !page.contains("onload=\""));
    }
    let text = poppler(
        "pdftotext",
        &journey_render::pdf_pages(&pages, &map.meta.name).expect("pdf"),
    );
    assert!(
        text.contains("</svg><svg onload=\"x\">"),
        "the map's name, as typed"
    );
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

/// The sample map in a database, with a decision and a voting round, and the report's
/// day fixed.
fn sample_app() -> (crate::support::TestApp, String) {
    let mut t = crate::support::TestApp::new();
    let id = t.app.create_sample().expect("sample");
    let map = t.app.load_map(&id).expect("load");
    let (a, b) = (map.touchpoints[0].id.clone(), map.touchpoints[1].id.clone());
    t.app
        .add_decision(
            &a,
            &journey_app::DecisionFields {
                kind: journey_core::model::DecisionKind::Decision,
                text: "Send the SOC 2 report with the first proposal".into(),
                owner: "Security".into(),
                due: Some("2027-01-31".into()),
            },
        )
        .expect("decision");
    t.app
        .save_round(
            &id,
            &journey_app::RoundFields {
                name: "Which hurts most".into(),
                budget: 3,
                voters: 2,
                one_per_item: true,
                scope: "Hand-picked (2)".into(),
                votes: vec![
                    journey_app::VoteFields {
                        touchpoint_id: a,
                        dots: 2,
                    },
                    journey_app::VoteFields {
                        touchpoint_id: b,
                        dots: 1,
                    },
                ],
            },
        )
        .expect("round");
    (t, id)
}

const DAY: Option<&str> = Some("2026-12-01");

/// The PDF report of the sample map, on A4 and on US Letter: poppler reads its pages and
/// their size, and its text holds every section, every stage, the worst pain point with
/// a quote, the decision and the round.
#[test]
fn the_pdf_report_reads_back_on_a4_and_on_letter() {
    use journey_app::exports::ReportFormat;
    use journey_core::svg::PageSize;
    let (t, id) = sample_app();
    let map = t.app.load_map(&id).expect("load");
    let a4 = t
        .app
        .report(&id, ReportFormat::Pdf, PageSize::A4, DAY)
        .expect("pdf");
    let info = poppler("pdfinfo", &a4);
    assert!(info.contains("(A4)"), "{info}");
    assert!(info.contains("Title:           Acme Insights"), "{info}");
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("a page count");
    assert!(pages >= 8, "{pages} pages");
    let text = poppler("pdftotext", &a4);
    for heading in [
        "Headline figures",
        "The map",
        "Heatmap: mean pain per stage and lane",
        "Emotion and pain across the stages",
        "Top pain points",
        "Most painful paths",
        "Decisions and votes",
    ] {
        assert!(text.contains(heading), "{heading}");
    }
    for s in &map.stages {
        assert!(text.contains(&s.name), "{}", s.name);
    }
    let analysis = t
        .app
        .evidence_rules_on(&id, DAY)
        .and_then(|r| journey_app::insight::analysis_of(&map, &r))
        .expect("analysis");
    let worst = &analysis.pain_points[0];
    assert!(
        text.contains(&format!("1. {}", worst.title)),
        "{}",
        worst.title
    );
    let quote: String = worst.quotes[0].text.chars().take(30).collect();
    assert!(text.contains(&quote), "{quote}");
    assert!(text.contains("Send the SOC 2 report with the first proposal"));
    assert!(text.contains("Which hurts most"));
    assert!(text.contains(&format!("Page {pages} of {pages}")));
    // The same day gives the same pages (svg2pdf lists a page's fonts in hash-map
    // order, so the bytes may differ; the text may not).
    let again = t
        .app
        .report(&id, ReportFormat::Pdf, PageSize::A4, DAY)
        .expect("again");
    assert!(poppler("pdftotext", &again) == text, "the same text again");

    let letter = t
        .app
        .report(&id, ReportFormat::Pdf, PageSize::Letter, DAY)
        .expect("pdf");
    let info = poppler("pdfinfo", &letter);
    assert!(info.contains("792 x 612 pts (letter)"), "{info}");
}

/// A 1,000-touchpoint map in the PDF report: the overview is followed by pages that show
/// the map at a readable scale, and every card is whole on exactly one of them, which
/// poppler confirms by finding every title in those pages' text.
#[test]
fn a_big_maps_pdf_report_shows_every_card_whole_at_a_readable_size() {
    use journey_core::svg::{report_pages, PageSize, ReportInput, READABLE_SCALE};
    let map = journey_core::sample::synthetic(1_000, 1);
    let analysis =
        journey_core::analysis::Analysis::of(&map, &Default::default()).expect("analysis");
    let pages = report_pages(ReportInput {
        map: &map,
        analysis: &analysis,
        page: PageSize::A4,
        today: "2026-12-01",
    });
    let tiles: Vec<usize> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.contains("<title>") && p.contains(": The map in parts (page"))
        .map(|(i, _)| i)
        .collect();
    assert!(tiles.len() > 10, "{} tile pages", tiles.len());
    let scale = format!("scale({READABLE_SCALE})");
    let mut cards = 0;
    for &i in &tiles {
        assert!(
            pages[i].contains(&scale),
            "page {} is at the readable scale",
            i + 1
        );
        cards += pages[i].matches("class=\"card\"").count();
    }
    assert_eq!(cards, 1_000, "every card on exactly one page in parts");
    let pdf = journey_render::pdf_pages(&pages, "big").expect("pdf");
    let text = poppler_pages(
        "pdftotext",
        &pdf,
        Some((tiles[0] + 1, tiles[tiles.len() - 1] + 1)),
    );
    for i in 1..=1_000 {
        let title = format!("Touchpoint {i} of");
        assert!(text.contains(&title), "{title} is on a page in parts");
    }
}

/// A filtered view drawn by the app: only the cards with pain 8 or more, with the
/// filter's words under the title; usvg reads it.
#[test]
fn a_filtered_view_draws_only_the_cards_the_filter_keeps() {
    use journey_app::exports::{Drawing, DrawingFormat, DrawingOptions};
    let (t, id) = sample_app();
    let map = t.app.load_map(&id).expect("load");
    let svg = t
        .app
        .drawing(
            &id,
            &DrawingOptions {
                what: Drawing::Map,
                format: DrawingFormat::Svg,
                filter: Some(journey_core::filter::BoardFilter {
                    min_pain: Some(8),
                    ..Default::default()
                }),
                ..Default::default()
            },
            DAY,
        )
        .expect("svg");
    let svg = String::from_utf8(svg).expect("utf-8");
    parsed_size(&svg);
    let painful = map
        .touchpoints
        .iter()
        .filter(|t| t.pain.is_some_and(|p| p >= 8))
        .count();
    assert!(painful > 0);
    assert_eq!(svg.matches("class=\"card\"").count(), painful);
    assert!(svg.contains(&format!(
        "Filtered view: pain ≥ 8 ({painful} of {} touchpoints)",
        map.touchpoints.len()
    )));
}

/// librsvg, a second SVG reader we did not write, draws the map, the heatmap and the
/// curve to PNGs of the size the SVG declares (the scripts install `rsvg-convert`).
#[test]
fn rsvg_convert_draws_every_svg() {
    let map = sample();
    let a = journey_core::analysis::Analysis::of(&map, &Default::default()).expect("analysis");
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, svg) in [
        ("map", map_svg(&map, &MapOptions::default())),
        ("heatmap", journey_core::svg::heatmap_svg(&map, &a.heatmap)),
        ("curve", journey_core::svg::curve_svg(&map, &a.curve)),
    ] {
        let input = dir.path().join(format!("{name}.svg"));
        let output = dir.path().join(format!("{name}.png"));
        std::fs::write(&input, &svg).expect("write");
        let run = Command::new("rsvg-convert")
            .arg("-o")
            .arg(&output)
            .arg(&input)
            .output()
            .expect("rsvg-convert runs (apt-get install librsvg2-bin)");
        assert!(
            run.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        let png = std::fs::read(&output).expect("png");
        let reader = png::Decoder::new(std::io::Cursor::new(&png))
            .read_info()
            .expect("a PNG");
        let (w, h) = parsed_size(&svg);
        assert_eq!(
            (reader.info().width, reader.info().height),
            (w.ceil() as u32, h.ceil() as u32),
            "{name}"
        );
    }
}

/// The Markdown report has the same parts as the PDF report, as headings GitHub renders.
#[test]
fn the_markdown_report_has_every_part_of_the_pdf() {
    use journey_app::exports::ReportFormat;
    use journey_core::svg::PageSize;
    let (t, id) = sample_app();
    let md = String::from_utf8(
        t.app
            .report(&id, ReportFormat::Md, PageSize::A4, DAY)
            .expect("md"),
    )
    .expect("utf-8");
    for heading in [
        "# Acme Insights",
        "Persona: **",
        "Report of 2026-12-01",
        "## Pain points",
        "## Most painful flow paths",
        "## Heatmap: mean pain",
        "## Emotion and pain per stage",
        "## Decisions and opportunities",
        "## Voting rounds",
        "### Which hurts most",
    ] {
        assert!(md.contains(heading), "{heading}");
    }
    assert!(md.contains("Send the SOC 2 report with the first proposal"));
}
