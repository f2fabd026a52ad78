//! The map as SVG, drawn from the domain (not a screenshot of the webview): stages as
//! columns, lanes as rows in their colours, cards with their title, pain badge, emotion
//! and feedback count, the stage figures with n, flow arrows routed through the gaps
//! between cards, and the map's name, persona and date. Pure and deterministic: the same
//! map and options give byte-identical SVG. Every piece of user text is escaped, so none
//! can add markup or scripts to the file.

use std::fmt::Write as _;

use crate::metrics::Metrics;
use crate::model::*;

mod map;
mod pages;
pub mod text;

pub use map::{map_svg, MapFilter, MapLayout, MapOptions, Tile};
pub use pages::{report_pages, PageSize, ReportInput, READABLE_SCALE};

const LANE_W: f64 = 190.0;
const STAGE_W: f64 = 230.0;
const TITLE_H: f64 = 76.0;
const HEADER_H: f64 = 58.0;
const CARD_W: f64 = 206.0;
const CARD_H: f64 = 58.0;
const CARD_GAP: f64 = 10.0;
const CELL_PAD: f64 = 12.0;
const MIN_ROW_H: f64 = 70.0;
const FONT: &str = "DejaVu Sans, Verdana, sans-serif";

/// ColorBrewer's OrRd, 9 classes: colour-blind safe, pale for no pain, dark red for the
/// worst (the app's badge scale).
const PAIN_SCALE: [&str; 9] = [
    "#fff7ec", "#fee8c8", "#fdd49e", "#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#b30000",
    "#7f0000",
];

/// Text for SVG: `&`, `<`, `>`, quotes escaped, and control characters (which XML 1.0
/// does not allow) dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// At most `n` characters, with `…` when cut.
fn cut(text: &str, n: usize) -> String {
    let t: String = text.chars().take(n).collect();
    if text.chars().count() > n {
        format!("{}…", t.trim_end())
    } else {
        t
    }
}

/// A title in up to two lines of about `width` characters, cut at a word where it can.
fn two_lines(text: &str, width: usize) -> (String, Option<String>) {
    let text = text.replace(['\n', '\t'], " ");
    if text.chars().count() <= width {
        return (text, None);
    }
    let mut first = String::new();
    let mut rest = String::new();
    for word in text.split(' ') {
        if rest.is_empty() && first.chars().count() + word.chars().count() < width {
            if !first.is_empty() {
                first.push(' ');
            }
            first.push_str(word);
        } else {
            if !rest.is_empty() {
                rest.push(' ');
            }
            rest.push_str(word);
        }
    }
    if first.is_empty() {
        let split: String = text.chars().take(width).collect();
        let remainder: String = text.chars().skip(width).collect();
        return (split, Some(cut(&remainder, width)));
    }
    (first, Some(cut(&rest, width)))
}

fn pain_colours(pain: Option<u8>) -> (&'static str, &'static str) {
    match pain {
        None => ("#e6e6e6", "#333333"),
        Some(p) => {
            let i = (usize::from(p.min(10)) * 8 + 5) / 10;
            (PAIN_SCALE[i], if i >= 5 { "#ffffff" } else { "#000000" })
        }
    }
}

fn lane_colour(kind: LaneKind) -> &'static str {
    match kind {
        LaneKind::Marketing => "#f4a340",
        LaneKind::Sales => "#5fa8e8",
        LaneKind::Technology => "#3fb27f",
        LaneKind::SupportingSystems => "#e6d23c",
        LaneKind::ThirdParty => "#2f7fc1",
        LaneKind::Support => "#b07cd8",
        LaneKind::Policies => "#d9534f",
        LaneKind::Custom => "#8a8a8a",
    }
}

fn emotion_text(e: Option<i8>) -> &'static str {
    match e {
        Some(-2) => "emotion −2",
        Some(-1) => "emotion −1",
        Some(0) => "emotion 0",
        Some(1) => "emotion +1",
        Some(2) => "emotion +2",
        _ => "",
    }
}

/// "NPS −20 (n=5) · pain 6.5 (n=4)", the figures that have answers.
fn figures(m: Option<&Metrics>) -> String {
    let Some(m) = m else {
        return "no feedback".into();
    };
    let mut parts = Vec::new();
    if let Some(n) = m.nps {
        let sign = if n.score > 0 { "+" } else { "" };
        parts.push(format!("NPS {sign}{} (n={})", n.score, n.n));
    }
    if let Some(p) = m.pain {
        parts.push(format!("pain {:.1} (n={})", p.mean, p.n));
    }
    if parts.is_empty() {
        parts.push(format!("{} feedback", m.feedback_count));
    }
    parts.join(" · ").replace('-', "−")
}

/// A number for SVG coordinates: whole or one decimal, no trailing noise.
fn n(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// Opens an SVG document of `w` × `h` units: the root element with the font, the title
/// (escaped), `defs` as given, and a white background.
fn begin(out: &mut String, w: f64, h: f64, title: &str, defs: &str) {
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FONT}">"#,
        w = n(w),
        h = n(h)
    );
    let _ = writeln!(out, "<title>{}</title>", escape(title));
    out.push_str(defs);
    let _ = writeln!(
        out,
        r##"<rect width="100%" height="100%" fill="#ffffff"/>"##
    );
}

/// One card: its lane's colour, title in up to two lines, pain badge, emotion and
/// feedback count.
fn card(out: &mut String, t: &Touchpoint, x: f64, y: f64, lane: &Lane, m: Option<&Metrics>) {
    let (bg, fg) = pain_colours(t.pain);
    let badge = t.pain.map_or("–".to_string(), |p| p.to_string());
    let (line1, line2) = two_lines(&t.title, 27);
    let feedback = m.map_or(0, |m| m.feedback_count);
    let _ = write!(
        out,
        r##"<g class="card"><rect x="{}" y="{}" width="{}" height="{}" rx="4" fill="#ffffff" stroke="#bbbbbb"/><rect x="{}" y="{}" width="4" height="{}" fill="{}"/>"##,
        n(x),
        n(y),
        n(CARD_W),
        n(CARD_H),
        n(x),
        n(y),
        n(CARD_H),
        lane_colour(lane.kind)
    );
    let _ = write!(
        out,
        r##"<text x="{}" y="{}" font-size="11" font-weight="bold" fill="#111111">{}</text>"##,
        n(x + 10.0),
        n(y + 15.0),
        escape(&line1)
    );
    if let Some(l2) = line2 {
        let _ = write!(
            out,
            r##"<text x="{}" y="{}" font-size="11" font-weight="bold" fill="#111111">{}</text>"##,
            n(x + 10.0),
            n(y + 28.0),
            escape(&l2)
        );
    }
    let _ = writeln!(
        out,
        r##"<rect x="{}" y="{}" width="24" height="16" rx="3" fill="{bg}" stroke="#999999"/><text x="{}" y="{}" font-size="11" font-weight="bold" text-anchor="middle" fill="{fg}">{badge}</text><text x="{}" y="{}" font-size="10" fill="#444444">{}</text><text x="{}" y="{}" font-size="10" text-anchor="end" fill="#444444">{feedback} feedback</text></g>"##,
        n(x + 10.0),
        n(y + 36.0),
        n(x + 22.0),
        n(y + 48.0),
        n(x + 42.0),
        n(y + 48.0),
        emotion_text(t.emotion),
        n(x + CARD_W - 8.0),
        n(y + 48.0)
    );
}

/// The stage × lane heatmap of mean pain as SVG: the number in each cell (with its n),
/// a cell of weak evidence marked with a star, on the badge's colour-blind-safe scale.
pub fn heatmap_svg(map: &JourneyMap, heat: &crate::analysis::Heatmap) -> String {
    const CW: f64 = 130.0;
    const CH: f64 = 46.0;
    const LW: f64 = 190.0;
    const TOP: f64 = 86.0;
    let stages = &heat.stage_ids;
    let lanes = &heat.lane_ids;
    let w = LW + CW * stages.len() as f64 + 20.0;
    let h = TOP + CH * lanes.len() as f64 + 40.0;
    let mut out = String::new();
    begin(
        &mut out,
        w.max(400.0),
        h,
        &format!("{}: mean pain", map.meta.name),
        "",
    );
    let _ = writeln!(
        out,
        r##"<text x="16" y="30" font-size="18" font-weight="bold" fill="#111111">{}: mean pain per stage and lane</text>"##,
        escape(&cut(&map.meta.name, 60))
    );
    for (i, id) in stages.iter().enumerate() {
        let name = map.stage(id).map_or("", |s| s.name.as_str());
        let _ = writeln!(
            out,
            r##"<text x="{}" y="{}" font-size="12" font-weight="bold" text-anchor="middle" fill="#111111">{}</text>"##,
            n(LW + CW * i as f64 + CW / 2.0),
            n(TOP - 12.0),
            escape(&cut(name, 16))
        );
    }
    for (li, id) in lanes.iter().enumerate() {
        let name = map.lane(id).map_or("", |l| l.name.as_str());
        let y = TOP + CH * li as f64;
        let _ = writeln!(
            out,
            r##"<text x="16" y="{}" font-size="12" fill="#111111">{}</text>"##,
            n(y + CH / 2.0 + 4.0),
            escape(&cut(name, 24))
        );
        for (si, _) in stages.iter().enumerate() {
            let Some(cell) = heat.cells.get(li * stages.len() + si) else {
                continue;
            };
            let x = LW + CW * si as f64;
            let pain = cell.figures.metrics.pain;
            let (bg, fg) = pain_colours(pain.map(|p| p.mean.round() as u8));
            let label = match pain {
                Some(p) => format!("{:.1} (n={})", p.mean, p.n),
                None => "–".to_string(),
            };
            let weak = if cell.figures.evidence.is_weak() && pain.is_some() {
                " ★"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                r##"<g class="cell"><rect x="{}" y="{}" width="{}" height="{}" fill="{bg}" stroke="#ffffff" stroke-width="2"/><text x="{}" y="{}" font-size="12" text-anchor="middle" fill="{fg}">{label}{weak}</text></g>"##,
                n(x),
                n(y),
                n(CW),
                n(CH),
                n(x + CW / 2.0),
                n(y + CH / 2.0 + 4.0)
            );
        }
    }
    let _ = writeln!(
        out,
        r##"<text x="16" y="{}" font-size="11" fill="#444444">Mean pain 0–10 of the scored touchpoints, with n; ★ marks weak evidence.</text>"##,
        n(h - 14.0)
    );
    out.push_str("</svg>\n");
    out
}

/// The emotion and pain curve across the stages as SVG: mean emotion (−2..+2, up is
/// happier) and mean pain (0–10, down is more pain) per stage, each point with its n.
pub fn curve_svg(map: &JourneyMap, curve: &[crate::analysis::CurvePoint]) -> String {
    const SW: f64 = 150.0;
    const LEFT: f64 = 60.0;
    const TOP: f64 = 70.0;
    const PH: f64 = 220.0;
    let w = LEFT + SW * curve.len() as f64 + 40.0;
    let h = TOP + PH + 90.0;
    let mut out = String::new();
    begin(
        &mut out,
        w.max(400.0),
        h,
        &format!("{}: emotion and pain", map.meta.name),
        "",
    );
    let _ = writeln!(
        out,
        r##"<text x="16" y="30" font-size="18" font-weight="bold" fill="#111111">{}: emotion and pain per stage</text>"##,
        escape(&cut(&map.meta.name, 60))
    );
    let _ = writeln!(
        out,
        r##"<line x1="{l}" y1="{m}" x2="{r}" y2="{m}" stroke="#cccccc" stroke-dasharray="4 3"/>"##,
        l = n(LEFT),
        r = n(w - 30.0),
        m = n(TOP + PH / 2.0)
    );
    let x_of = |i: usize| LEFT + SW * i as f64 + SW / 2.0;
    // Emotion −2..+2 over the plot's height, up is happier; pain 0..10, down is worse.
    let emotion_y = |e: f64| TOP + PH / 2.0 - e / 2.0 * (PH / 2.0 - 10.0);
    let pain_y = |p: f64| TOP + 10.0 + p / 10.0 * (PH - 20.0);
    let mut line = |points: Vec<(f64, f64)>, colour: &str, dash: &str| {
        if points.len() > 1 {
            let d: Vec<String> = points
                .iter()
                .enumerate()
                .map(|(i, (x, y))| format!("{}{} {}", if i == 0 { "M" } else { "L" }, n(*x), n(*y)))
                .collect();
            let _ = writeln!(
                out,
                r#"<path d="{}" fill="none" stroke="{colour}" stroke-width="2.5"{dash}/>"#,
                d.join("")
            );
        }
        for (x, y) in points {
            let _ = writeln!(
                out,
                r#"<circle cx="{}" cy="{}" r="4" fill="{colour}"/>"#,
                n(x),
                n(y)
            );
        }
    };
    line(
        curve
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.mean_emotion.map(|e| (x_of(i), emotion_y(e))))
            .collect(),
        "#1f6fb2",
        "",
    );
    line(
        curve
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.mean_pain.map(|v| (x_of(i), pain_y(v))))
            .collect(),
        "#8b1a1a",
        r#" stroke-dasharray="6 4""#,
    );
    for (i, p) in curve.iter().enumerate() {
        let x = x_of(i);
        let emotion = p
            .mean_emotion
            .map_or("emotion –".to_string(), |e| {
                format!("emotion {e:+.1} (n={})", p.emotion_n)
            })
            .replace('-', "−");
        let pain = p.mean_pain.map_or("pain –".to_string(), |v| {
            format!("pain {v:.1} (n={})", p.pain_n)
        });
        let _ = writeln!(
            out,
            r##"<text x="{}" y="{}" font-size="12" font-weight="bold" text-anchor="middle" fill="#111111">{}</text><text x="{}" y="{}" font-size="10" text-anchor="middle" fill="#1f6fb2">{}</text><text x="{}" y="{}" font-size="10" text-anchor="middle" fill="#8b1a1a">{}</text>"##,
            n(x),
            n(TOP + PH + 22.0),
            escape(&cut(&p.stage, 18)),
            n(x),
            n(TOP + PH + 40.0),
            escape(&emotion),
            n(x),
            n(TOP + PH + 56.0),
            escape(&pain)
        );
    }
    let _ = writeln!(
        out,
        r##"<text x="16" y="{}" font-size="11" fill="#444444">Solid: mean emotion −2..+2, up is happier. Dashed: mean pain 0–10, down is more pain.</text>"##,
        n(h - 10.0)
    );
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_cannot_add_markup() {
        assert_eq!(
            escape("<script>alert('x')</script> & ]]> \"q\"\u{7}"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; ]]&gt; &quot;q&quot;"
        );
    }

    #[test]
    fn the_same_map_gives_the_same_bytes_and_one_stage_only_its_column() {
        let map = crate::sample::sample_map().expect("sample");
        let whole = map_svg(&map, &MapOptions::default());
        assert_eq!(whole, map_svg(&map, &MapOptions::default()));
        for s in &map.stages {
            assert!(whole.contains(&escape(&s.name)), "{}", s.name);
        }
        let one = map_svg(
            &map,
            &MapOptions {
                stage: Some(map.stages[2].id.clone()),
                no_arrows: true,
                ..Default::default()
            },
        );
        assert!(one.contains(&escape(&map.stages[2].name)));
        assert!(!one.contains(&format!(">{}<", escape(&map.stages[0].name))));
        assert!(!one.contains("marker-end"));
        assert_eq!(
            one.matches("class=\"card\"").count(),
            map.touchpoints
                .iter()
                .filter(|t| t.stage_id == map.stages[2].id)
                .count()
        );
    }
}
