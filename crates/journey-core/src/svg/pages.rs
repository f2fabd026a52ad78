//! The PDF report as pages: each page an SVG document the size of a landscape A4 or US
//! Letter page (1 unit = 1 pt), which `journey-render` binds into one PDF. In order: a
//! title page (the map, its persona, the day, its headline figures with n, the contents),
//! the whole map on one page, then, when that page shows it too small to read, the map
//! again in tiles at a readable size (cut only between cards, every tile with its stage
//! headers and lane labels), the heatmap, the emotion and pain curve, the top pain points
//! with their evidence and quotes, the most painful paths, and the workshop's decisions
//! and voting rounds.

use std::fmt::Write as _;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::map::{MapLayout, MapOptions};
use super::text::{fit, wrap};
use super::{begin, curve_svg, escape, heatmap_svg, n, pain_colours};
use crate::analysis::{Analysis, PainPointInsight};
use crate::model::{DecisionKind, JourneyMap};
use crate::report::{nps_with_ci, owner_and_due, quote_source, rules_line, title_of, weak_mark};

/// The paper the report is laid out for, always landscape.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "lowercase")]
pub enum PageSize {
    /// 297 × 210 mm.
    #[default]
    A4,
    /// 11 × 8.5 in.
    Letter,
}

impl PageSize {
    /// Width and height in points, landscape.
    pub fn points(self) -> (f64, f64) {
        match self {
            PageSize::A4 => (841.89, 595.28),
            PageSize::Letter => (792.0, 612.0),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            PageSize::A4 => "A4",
            PageSize::Letter => "US Letter",
        }
    }
}

/// The smallest scale the map's tiles are drawn at: a card's 11 pt title prints at 7 pt.
pub const READABLE_SCALE: f64 = 0.65;
/// Full pain points given in the report; the rest are counted.
const PAIN_POINTS: usize = 10;
/// Steps of a pain path listed before "… and N more".
const PATH_STEPS: usize = 60;
/// Items of a voting round listed.
const ROUND_ITEMS: usize = 15;

const MARGIN: f64 = 36.0;
const BODY_TOP: f64 = 54.0;
const INK: &str = "#111111";
const GREY: &str = "#555555";
const WEAK: &str = "#8b1a1a";

/// One page before it is numbered: what section it belongs to, and its body.
struct Page {
    section: String,
    body: String,
}

/// Lays text out down the pages of one section, starting a new page when one is full.
struct Flow {
    size: (f64, f64),
    pages: Vec<Page>,
    section: String,
    body: String,
    y: f64,
}

impl Flow {
    fn new(size: (f64, f64)) -> Flow {
        Flow {
            size,
            pages: Vec::new(),
            section: String::new(),
            body: String::new(),
            y: BODY_TOP,
        }
    }

    fn bottom(&self) -> f64 {
        self.size.1 - 40.0
    }

    fn text_width(&self) -> f64 {
        self.size.0 - 2.0 * MARGIN
    }

    /// Ends the page being written, if anything is on it.
    fn break_page(&mut self) {
        if !self.body.is_empty() {
            self.pages.push(Page {
                section: self.section.clone(),
                body: std::mem::take(&mut self.body),
            });
        }
        self.y = BODY_TOP;
    }

    /// A new section on a new page.
    fn section(&mut self, name: &str) {
        self.break_page();
        self.section = name.to_string();
        self.heading(name, 18.0);
    }

    /// Room for `h` more on this page, or a new one.
    fn ensure(&mut self, h: f64) {
        if self.y + h > self.bottom() && self.y > BODY_TOP {
            self.break_page();
        }
    }

    fn heading(&mut self, text: &str, size: f64) {
        self.ensure(size * 2.4);
        self.y += size * 1.2;
        let max = self.text_width();
        self.put(MARGIN, &fit(text, size, true, max), size, true, INK);
        self.y += size * 0.6;
    }

    /// One line of text at the current height (the baseline), not wrapped.
    fn put(&mut self, x: f64, text: &str, size: f64, bold: bool, colour: &str) {
        let _ = writeln!(
            self.body,
            r#"<text x="{}" y="{}" font-size="{}"{} fill="{colour}">{}</text>"#,
            n(x),
            n(self.y),
            n(size),
            if bold { r#" font-weight="bold""# } else { "" },
            escape(text)
        );
    }

    /// A paragraph wrapped to the page, `indent` from the margin.
    fn para(&mut self, text: &str, size: f64, bold: bool, colour: &str, indent: f64) {
        let max = self.text_width() - indent;
        for line in wrap(text, size, bold, max) {
            self.ensure(size * 1.35);
            self.y += size * 1.35;
            self.put(MARGIN + indent, &line, size, bold, colour);
        }
    }

    fn gap(&mut self, h: f64) {
        self.y += h;
    }

    /// How tall [`Flow::para`] would make this text.
    fn para_height(&self, text: &str, size: f64, bold: bool, indent: f64) -> f64 {
        wrap(text, size, bold, self.text_width() - indent).len() as f64 * size * 1.35
    }

    /// A drawing of `w` × `h` units scaled into the rest of the page (whole on a page of
    /// its own when it does not fit below what is there), centred across.
    fn drawing(&mut self, svg: &str, w: f64, h: f64, caption: &str) {
        let room_h = self.bottom() - self.y - 26.0;
        if room_h < (self.bottom() - BODY_TOP) * 0.5 {
            self.break_page();
        }
        self.para(caption, 10.0, false, GREY, 0.0);
        self.gap(8.0);
        let room_w = self.text_width();
        let room_h = self.bottom() - self.y;
        let scale = (room_w / w).min(room_h / h).min(1.0);
        let x = MARGIN + (room_w - w * scale) / 2.0;
        let _ = writeln!(
            self.body,
            r#"<g transform="translate({} {}) scale({})">"#,
            n(x),
            n(self.y),
            scale_text(scale)
        );
        self.body.push_str(svg);
        self.body.push_str("</g>\n");
        self.y += h * scale;
    }

    fn into_pages(mut self) -> Vec<Page> {
        self.break_page();
        self.pages
    }
}

/// The size a drawing of ours declares on its root element (`width="…" height="…"`).
fn svg_size(svg: &str) -> (f64, f64) {
    let attr = |name: &str| -> f64 {
        let head = svg.lines().next().unwrap_or("");
        head.split_once(&format!(" {name}=\""))
            .and_then(|(_, rest)| rest.split('"').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0.0)
    };
    (attr("width"), attr("height"))
}

/// A scale written with enough digits to place a 10,000-unit drawing to the point.
fn scale_text(s: f64) -> String {
    let t = format!("{s:.5}");
    t.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// What the report is made from.
#[derive(Debug, Clone, Copy)]
pub struct ReportInput<'a> {
    pub map: &'a JourneyMap,
    pub analysis: &'a Analysis,
    pub page: PageSize,
    /// The day the report is made, `YYYY-MM-DD`.
    pub today: &'a str,
}

/// The report's pages as SVG documents, numbered.
pub fn report_pages(input: ReportInput<'_>) -> Vec<String> {
    let ReportInput {
        map,
        analysis: a,
        page,
        today,
    } = input;
    let size = page.points();
    let mut flow = Flow::new(size);

    // The map: the whole of it on one page, then tiles when that is too small to read.
    let layout = MapLayout::new(map, &MapOptions::default());
    let room = (size.0 - 2.0 * MARGIN, size.1 - 40.0 - BODY_TOP - 60.0);
    let fit_scale = (room.0 / layout.width).min(room.1 / layout.height).min(1.0);
    flow.section("The map");
    let tiles = if fit_scale >= READABLE_SCALE {
        Vec::new()
    } else {
        layout.tiles(room.0 / READABLE_SCALE, (room.1 + 40.0) / READABLE_SCALE)
    };
    let caption = if tiles.is_empty() {
        format!(
            "Every stage and lane, {} touchpoints, at {:.0}%.",
            layout.card_count(),
            fit_scale * 100.0
        )
    } else {
        format!(
            "Every stage and lane, {} touchpoints, at {:.0}%: an overview. The next {} pages show the map at {:.0}%, a part on each page, every card whole on one of them.",
            layout.card_count(),
            fit_scale * 100.0,
            tiles.len(),
            READABLE_SCALE * 100.0
        )
    };
    let whole = layout.svg(false);
    let (map_w, map_h) = svg_size(&whole);
    flow.drawing(&whole, map_w, map_h, &caption);
    let count = tiles.len();
    for (i, tile) in tiles.iter().enumerate() {
        flow.break_page();
        flow.section = "The map in parts".to_string();
        let (first, last) = layout.stage_names(tile);
        let stages = if first == last {
            format!("stage {first}")
        } else {
            format!("stages {first} to {last}")
        };
        flow.y += 12.0;
        flow.put(
            MARGIN,
            &fit(
                &format!(
                    "Part {} of {}: {stages} ({} to {} of {}); {}",
                    i + 1,
                    count,
                    tile.stages.0 + 1,
                    tile.stages.1,
                    layout.stage_count(),
                    layout.lane_names(tile)
                ),
                10.0,
                false,
                room.0,
            ),
            10.0,
            false,
            GREY,
        );
        flow.y += 8.0;
        let _ = writeln!(
            flow.body,
            r#"<g transform="translate({} {}) scale({})">"#,
            n(MARGIN),
            n(flow.y),
            scale_text(READABLE_SCALE)
        );
        flow.body.push_str(&layout.tile_svg(tile));
        flow.body.push_str("</g>\n");
    }

    // The heatmap and the curve.
    flow.section("Heatmap: mean pain per stage and lane");
    let heat = heatmap_svg(map, &a.heatmap);
    let (heat_w, heat_h) = svg_size(&heat);
    flow.drawing(
        &heat,
        heat_w,
        heat_h,
        "Mean pain 0–10 of the scored touchpoints in each cell, with n. ★ marks weak evidence.",
    );
    flow.section("Emotion and pain across the stages");
    let curve = curve_svg(map, &a.curve);
    let (curve_w, curve_h) = svg_size(&curve);
    flow.drawing(
        &curve,
        curve_w,
        curve_h,
        "Mean emotion (−2 to +2, up is happier) and mean pain (0–10, down is more pain) per stage, each with its n.",
    );

    // The pain points.
    flow.section("Top pain points");
    flow.para(&rules_line(&a.rules), 10.0, false, GREY, 0.0);
    flow.gap(6.0);
    if a.pain_points.is_empty() {
        flow.para("No touchpoint is scored above 0.", 11.0, false, INK, 0.0);
    }
    for p in a.pain_points.iter().take(PAIN_POINTS) {
        pain_point(&mut flow, p, a);
    }
    let more = a.pain_ranking.len().saturating_sub(PAIN_POINTS);
    if more > 0 {
        flow.para(
            &format!("… and {more} more scored touchpoints, ranked in the CSV and JSON reports."),
            10.0,
            false,
            GREY,
            0.0,
        );
    }

    // The paths.
    flow.section("Most painful paths");
    if a.pain_paths.is_empty() {
        flow.para(
            "The map has no flow links, so there is no path.",
            11.0,
            false,
            INK,
            0.0,
        );
    }
    for p in &a.pain_paths {
        flow.ensure(60.0);
        flow.heading(
            &format!(
                "Path {}: total pain {} over {} steps",
                p.rank,
                p.total_pain,
                p.steps.len()
            ),
            12.0,
        );
        let mut steps: Vec<String> = p
            .steps
            .iter()
            .take(PATH_STEPS)
            .map(|s| {
                let pain = s.pain.map_or("–".to_string(), |v| v.to_string());
                format!("{} ({pain})", s.title)
            })
            .collect();
        if p.steps.len() > PATH_STEPS {
            steps.push(format!("… and {} more steps", p.steps.len() - PATH_STEPS));
        }
        flow.para(&steps.join("  →  "), 10.5, false, INK, 0.0);
        if !p.unscored.is_empty() {
            flow.para(
                &format!(
                    "{} step(s) have no pain score and count 0.",
                    p.unscored.len()
                ),
                9.5,
                false,
                GREY,
                0.0,
            );
        }
        flow.gap(8.0);
    }
    for c in &a.cycles {
        let names: Vec<&str> = c.iter().map(|id| title_of(map, id)).collect();
        flow.para(
            &format!(
                "A cycle in the flow, walked once in the paths: {}",
                names.join(" → ")
            ),
            10.0,
            false,
            WEAK,
            0.0,
        );
    }

    // The workshop.
    flow.section("Decisions and votes");
    if map.decisions.is_empty() {
        flow.para("No decisions or opportunities yet.", 11.0, false, INK, 0.0);
    }
    for d in &map.decisions {
        let kind = match d.kind {
            DecisionKind::Decision => "Decision",
            DecisionKind::Opportunity => "Opportunity",
        };
        let extra = owner_and_due(d);
        flow.para(
            &format!("{kind} on {}{extra}:", title_of(map, &d.touchpoint_id)),
            10.5,
            true,
            INK,
            0.0,
        );
        flow.para(&d.text, 10.5, false, INK, 14.0);
        flow.gap(4.0);
    }
    for r in &map.rounds {
        flow.ensure(80.0);
        flow.gap(6.0);
        flow.heading(&format!("Voting round “{}”", r.name), 12.0);
        flow.para(
            &format!(
                "{}: {} voters × {} dots{}, {} placed; {}",
                r.held_at.chars().take(10).collect::<String>(),
                r.voters,
                r.budget,
                if r.one_per_item { ", one per item" } else { "" },
                r.total(),
                r.scope
            ),
            10.0,
            false,
            GREY,
            0.0,
        );
        let ranked = crate::workshop::ranked(r);
        let most = ranked.first().map_or(1, |v| v.dots.max(1));
        for v in ranked.iter().take(ROUND_ITEMS) {
            flow.ensure(16.0);
            flow.y += 15.0;
            let bar = 160.0 * f64::from(v.dots) / f64::from(most);
            let _ = writeln!(
                flow.body,
                r##"<rect x="{}" y="{}" width="{}" height="10" fill="#1f6fb2"/>"##,
                n(MARGIN),
                n(flow.y - 9.0),
                n(bar.max(1.0))
            );
            let label = format!(
                "{}. {} — {} dot{}",
                v.rank,
                title_of(map, v.touchpoint_id),
                v.dots,
                if v.dots == 1 { "" } else { "s" }
            );
            let max = flow.text_width() - 170.0;
            flow.put(
                MARGIN + 170.0,
                &fit(&label, 10.0, false, max),
                10.0,
                false,
                INK,
            );
        }
        if ranked.len() > ROUND_ITEMS {
            flow.para(
                &format!("… and {} more items", ranked.len() - ROUND_ITEMS),
                9.5,
                false,
                GREY,
                0.0,
            );
        }
    }
    if map.rounds.is_empty() {
        flow.para("No voting rounds yet.", 11.0, false, INK, 0.0);
    }

    let mut pages = flow.into_pages();
    let contents = contents(&pages);
    pages.insert(0, title_page(input, size, &contents));
    let total = pages.len();
    pages
        .iter()
        .enumerate()
        .map(|(i, p)| finish(p, i + 1, total, size, map, today, page))
        .collect()
}

/// One pain point: its place, figures, evidence and quotes, kept on one page when it fits.
fn pain_point(flow: &mut Flow, p: &PainPointInsight, a: &Analysis) {
    let e = &p.figures.evidence;
    let m = &p.figures.metrics;
    let figures = scale_figures(m, e).join(" · ");
    let dates = match (e.newest, e.oldest) {
        (Some(newest), Some(oldest)) if newest != oldest => {
            format!("evidence from {oldest} to {newest}")
        }
        (Some(day), _) => format!("evidence of {day}"),
        _ => "no dated evidence".to_string(),
    };
    let weak = weak_mark(e, &a.rules);
    let evidence = if weak.is_empty() {
        format!("Strong evidence: n={}, {dates}.", e.n)
    } else {
        let why = weak.trim_start_matches("[weak: ").trim_end_matches(']');
        format!("Weak evidence ({why}): n={}, {dates}.", e.n)
    };
    let mut quotes: Vec<(String, String)> = Vec::new();
    for q in &p.quotes {
        quotes.push((
            format!("“{}”", q.text.trim()),
            format!("— {}", quote_source(q)),
        ));
    }
    let needed = 60.0
        + flow.para_height(&figures, 10.0, false, 14.0)
        + flow.para_height(&evidence, 10.0, true, 14.0)
        + quotes
            .iter()
            .map(|(t, s)| {
                flow.para_height(t, 10.5, false, 28.0) + flow.para_height(s, 9.0, false, 28.0)
            })
            .sum::<f64>();
    if needed < flow.bottom() - BODY_TOP {
        flow.ensure(needed);
    }
    flow.gap(6.0);
    // The badge, then the title beside it.
    flow.ensure(20.0);
    flow.y += 14.0;
    let (bg, fg) = pain_colours(Some(p.pain));
    let _ = writeln!(
        flow.body,
        r##"<rect x="{}" y="{}" width="26" height="17" rx="3" fill="{bg}" stroke="#999999"/><text x="{}" y="{}" font-size="11" font-weight="bold" text-anchor="middle" fill="{fg}">{}</text>"##,
        n(MARGIN),
        n(flow.y - 13.0),
        n(MARGIN + 13.0),
        n(flow.y),
        p.pain
    );
    let title = format!("{}. {}", p.rank, p.title);
    let max = flow.text_width() - 34.0;
    flow.put(
        MARGIN + 34.0,
        &fit(&title, 13.0, true, max),
        13.0,
        true,
        INK,
    );
    flow.gap(2.0);
    flow.para(
        &format!("{} · {} · pain {} of 10", p.stage, p.lane, p.pain),
        10.0,
        false,
        GREY,
        34.0,
    );
    flow.para(&figures, 10.0, false, INK, 14.0);
    let colour = if weak.is_empty() { INK } else { WEAK };
    flow.para(&evidence, 10.0, true, colour, 14.0);
    for (text, source) in &quotes {
        flow.gap(3.0);
        flow.para(text, 10.5, false, INK, 28.0);
        flow.para(source, 9.0, false, GREY, 28.0);
    }
    flow.gap(10.0);
}

/// The feedback count, then NPS with its interval, CSAT and CES, each with its n and its
/// scale's direction.
fn scale_figures(m: &crate::metrics::Metrics, e: &crate::analysis::Evidence) -> Vec<String> {
    let mut out = vec![format!(
        "{} feedback item{}",
        m.feedback_count,
        if m.feedback_count == 1 { "" } else { "s" }
    )];
    if let Some(nps) = nps_with_ci(m, e) {
        out.push(nps);
    }
    if let Some(c) = m.csat {
        out.push(format!(
            "CSAT {:.1} of 5 ({}% satisfied, n={})",
            c.mean, c.top_pct, c.n
        ));
    }
    if let Some(c) = m.ces {
        out.push(format!(
            "CES {:.1} of 7, where 7 is easy ({}% easy, n={})",
            c.mean, c.top_pct, c.n
        ));
    }
    out
}

/// Each section's first page, for the contents.
fn contents(pages: &[Page]) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        if out.last().is_none_or(|(s, _)| s != &p.section) {
            // Page 1 is the title page, so the first body page is page 2.
            out.push((p.section.clone(), i + 2));
        }
    }
    out
}

/// The title page: the map, its persona, the day, the headline figures and the contents.
fn title_page(input: ReportInput<'_>, size: (f64, f64), contents: &[(String, usize)]) -> Page {
    let ReportInput {
        map,
        analysis: a,
        today,
        ..
    } = input;
    // The name across the page; under it two columns: the map and its figures on the
    // left, the contents on the right. Every text is cut to a few lines, so the page
    // never runs over (its flow is given a page too tall to break).
    let full = size.0 - 2.0 * MARGIN;
    let left = full * 0.6;
    let mut flow = Flow::new((left + 2.0 * MARGIN, 100_000.0));
    flow.section = "Report".to_string();
    flow.y = 70.0;
    for line in wrap(&map.meta.name, 26.0, true, full).into_iter().take(3) {
        flow.y += 31.0;
        flow.put(MARGIN, &line, 26.0, true, INK);
    }
    flow.gap(8.0);
    let columns_top = flow.y;
    if !map.meta.description.trim().is_empty() {
        let text = fit(&map.meta.description, 12.0, false, flow.text_width() * 3.0);
        flow.para(&text, 12.0, false, GREY, 0.0);
    }
    let persona = &map.meta.persona;
    if !persona.name.is_empty() {
        flow.gap(4.0);
        let about = if persona.description.trim().is_empty() {
            String::new()
        } else {
            format!(
                ": {}",
                fit(&persona.description, 11.0, false, flow.text_width() * 2.0)
            )
        };
        flow.para(
            &format!("Persona: {}{about}", persona.name),
            11.0,
            false,
            INK,
            0.0,
        );
    }
    flow.gap(4.0);
    flow.para(
        &format!(
            "Report of {today} · the map last changed on {}",
            map.meta.updated_at.chars().take(10).collect::<String>()
        ),
        11.0,
        false,
        GREY,
        0.0,
    );
    flow.gap(14.0);
    flow.heading("Headline figures", 14.0);
    let m = &a.map.metrics;
    let e = &a.map.evidence;
    flow.para(
        &format!(
            "{} stages · {} lanes · {} touchpoints · {} feedback items",
            map.stages.len(),
            map.lanes.iter().filter(|l| !l.hidden).count(),
            map.touchpoints.len(),
            m.feedback_count
        ),
        11.0,
        false,
        INK,
        0.0,
    );
    let mut lines: Vec<String> = scale_figures(m, e).into_iter().skip(1).collect();
    if let Some(p) = m.pain {
        lines.push(format!(
            "Mean pain {:.1} of 10, highest {} (n={})",
            p.mean, p.max, p.n
        ));
    }
    for l in &lines {
        flow.para(l, 11.0, false, INK, 0.0);
    }
    let weak = weak_mark(e, &a.rules);
    if !weak.is_empty() {
        flow.para(
            &format!("The map's evidence is weak {weak}"),
            11.0,
            true,
            WEAK,
            0.0,
        );
    }
    flow.para(&rules_line(&a.rules), 9.5, false, GREY, 0.0);
    if let Some(worst) = a.pain_points.first() {
        flow.gap(6.0);
        flow.para(
            &format!(
                "Where it hurts most: {} ({}, {}), pain {} of 10.",
                worst.title, worst.stage, worst.lane, worst.pain
            ),
            11.0,
            true,
            INK,
            0.0,
        );
    }
    // The contents, in the right-hand column.
    let x = MARGIN + full * 0.64;
    let mut y = columns_top + 14.0 * 1.2;
    let _ = writeln!(
        flow.body,
        r#"<text x="{}" y="{}" font-size="14" font-weight="bold" fill="{INK}">Contents</text>"#,
        n(x),
        n(y)
    );
    y += 8.0;
    for (section, page) in contents {
        y += 15.0;
        let _ = writeln!(
            flow.body,
            r#"<text x="{}" y="{}" font-size="11" fill="{INK}">{}</text><text x="{}" y="{}" font-size="11" text-anchor="end" fill="{INK}">page {page}</text>"#,
            n(x),
            n(y),
            escape(&fit(section, 11.0, false, full * 0.36 - 50.0)),
            n(MARGIN + full),
            n(y)
        );
    }
    Page {
        section: "Report".to_string(),
        body: flow.body,
    }
}

/// A page as a whole SVG document: its header (the map, the section), its body, and its
/// footer (the day, the page number).
fn finish(
    p: &Page,
    number: usize,
    total: usize,
    (w, h): (f64, f64),
    map: &JourneyMap,
    today: &str,
    page: PageSize,
) -> String {
    let mut out = String::new();
    begin(
        &mut out,
        w,
        h,
        &format!("{}: {} (page {number} of {total})", map.meta.name, p.section),
        "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0 0L10 5L0 10z\" fill=\"#555555\"/></marker></defs>\n",
    );
    let half = (w - 2.0 * MARGIN) / 2.0 - 10.0;
    let _ = writeln!(
        out,
        r##"<text x="{}" y="26" font-size="9" fill="{GREY}">{}</text><text x="{}" y="26" font-size="9" text-anchor="end" fill="{GREY}">{}</text><line x1="{}" y1="33" x2="{}" y2="33" stroke="#cccccc"/>"##,
        n(MARGIN),
        escape(&fit(&map.meta.name, 9.0, false, half)),
        n(w - MARGIN),
        escape(&fit(&p.section, 9.0, false, half)),
        n(MARGIN),
        n(w - MARGIN)
    );
    out.push_str(&p.body);
    let _ = writeln!(
        out,
        r#"<text x="{}" y="{}" font-size="9" fill="{GREY}">Journeymap report · {} · {}</text><text x="{}" y="{}" font-size="9" text-anchor="end" fill="{GREY}">Page {number} of {total}</text>"#,
        n(MARGIN),
        n(h - 18.0),
        escape(today),
        page.name(),
        n(w - MARGIN),
        n(h - 18.0)
    );
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The baselines of every text of a page, in points from its top.
    fn text_baselines(page: &str) -> Vec<f64> {
        page.split("<text ")
            .skip(1)
            .filter_map(|t| t.split(" y=\"").nth(1)?.split('"').next()?.parse().ok())
            .collect()
    }

    /// A title page with the longest name, description and persona, on both papers, keeps
    /// every line above the footer: nothing runs off it or onto a page of its own.
    #[test]
    fn the_title_page_holds_everything_above_its_footer() {
        let mut map = crate::sample::sample_map().expect("sample");
        map.meta.name = "Ж".repeat(200);
        map.meta.description = "A very long description of the journey. ".repeat(60);
        map.meta.persona.name = "Щ".repeat(80);
        map.meta.persona.description = "Someone with many needs and a long story. ".repeat(40);
        let analysis = crate::analysis::Analysis::of(&map, &Default::default()).expect("analysis");
        for page in [PageSize::A4, PageSize::Letter] {
            let pages = report_pages(ReportInput {
                map: &map,
                analysis: &analysis,
                page,
                today: "2026-12-01",
            });
            let (_, height) = page.points();
            let title = &pages[0];
            assert!(
                title.contains("Contents"),
                "the contents are on the title page"
            );
            for y in text_baselines(title) {
                // The footer's line is at height − 18; everything else stays above it.
                assert!(y <= height - 18.0 + 0.1, "a line at {y} of {height}");
            }
            let body: Vec<f64> = text_baselines(title)
                .into_iter()
                .filter(|&y| y < height - 20.0)
                .collect();
            assert!(body.iter().all(|&y| y < height - 40.0), "{body:?}");
        }
    }
}
