//! The map drawn: where every stage, lane and card goes ([`MapLayout`]), the whole map as
//! one drawing ([`map_svg`]), and the same map cut into [`Tile`]s for pages: runs of
//! stages and bands of rows, cut only between cards, each drawn with its stage headers
//! and lane labels so a page reads on its own.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

use super::{
    begin, card, cut, escape, figures, lane_colour, n, CARD_GAP, CARD_H, CARD_W, CELL_PAD,
    HEADER_H, LANE_W, MIN_ROW_H, STAGE_W, TITLE_H,
};
use crate::metrics::MapMetrics;
use crate::model::*;

/// What to draw.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MapOptions {
    /// Only this stage (by id), or the whole map.
    pub stage: Option<Id>,
    /// Leave the flow arrows out.
    pub no_arrows: bool,
    /// Only the touchpoints a filter kept (a filtered view of the board).
    pub filter: Option<MapFilter>,
}

/// A filtered view: the touchpoints it keeps and what it is, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapFilter {
    pub touchpoints: BTreeSet<Id>,
    /// What the filter keeps, e.g. "pain ≥ 8 · lane Support".
    pub label: String,
}

/// One card where it goes.
#[derive(Debug)]
struct Placed<'m> {
    t: &'m Touchpoint,
    x: f64,
    y: f64,
    /// Index into the layout's lanes.
    lane: usize,
}

/// One flow arrow: its path and the box it stays in.
#[derive(Debug)]
struct Arrow {
    d: String,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

/// A part of the map for one page: the stages `stages.0..stages.1` (indices into the
/// drawn stages) and the rows from `y0` to `y1`, in the map's units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tile {
    pub stages: (usize, usize),
    pub y0: f64,
    pub y1: f64,
}

/// Where everything goes, worked out once; drawn whole or tile by tile.
#[derive(Debug)]
pub struct MapLayout<'m> {
    map: &'m JourneyMap,
    metrics: MapMetrics,
    stages: Vec<&'m Stage>,
    lanes: Vec<&'m Lane>,
    /// Each lane's top and height.
    tops: Vec<f64>,
    rows: Vec<f64>,
    /// How many cards the fullest cell of each lane holds.
    most: Vec<usize>,
    title_h: f64,
    /// The drawing's size in its units (1 unit is 1 pt in a PDF).
    pub width: f64,
    pub height: f64,
    /// In drawing order: lane by lane, stage by stage, each cell in the map's order.
    cards: Vec<Placed<'m>>,
    arrows: Vec<Arrow>,
    filter_label: Option<String>,
    /// How many touchpoints the filter kept, of how many.
    kept: (usize, usize),
}

impl<'m> MapLayout<'m> {
    pub fn new(map: &'m JourneyMap, opts: &MapOptions) -> MapLayout<'m> {
        let metrics = MapMetrics::compute(map);
        let stages: Vec<&Stage> = map
            .stages
            .iter()
            .filter(|s| opts.stage.as_ref().is_none_or(|id| &s.id == id))
            .collect();
        let lanes: Vec<&Lane> = map.lanes.iter().filter(|l| !l.hidden).collect();
        let stage_at: HashMap<&str, usize> = stages
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let lane_at: HashMap<&str, usize> = lanes
            .iter()
            .enumerate()
            .map(|(i, l)| (l.id.as_str(), i))
            .collect();
        // Cards per cell, in the map's order: `lane * stages + stage`.
        let mut cells: Vec<Vec<&Touchpoint>> = vec![Vec::new(); stages.len() * lanes.len()];
        let shown = |t: &Touchpoint| {
            opts.filter
                .as_ref()
                .is_none_or(|f| f.touchpoints.contains(&t.id))
        };
        let in_view = map
            .touchpoints
            .iter()
            .filter(|t| stage_at.contains_key(t.stage_id.as_str()))
            .filter(|t| lane_at.contains_key(t.lane_id.as_str()));
        let mut total = 0;
        for t in in_view {
            total += 1;
            if shown(t) {
                let (s, l) = (stage_at[t.stage_id.as_str()], lane_at[t.lane_id.as_str()]);
                cells[l * stages.len() + s].push(t);
            }
        }
        let most: Vec<usize> = (0..lanes.len())
            .map(|l| {
                (0..stages.len())
                    .map(|s| cells[l * stages.len() + s].len())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let rows: Vec<f64> = most
            .iter()
            .map(|&m| (m as f64 * (CARD_H + CARD_GAP) - CARD_GAP + 2.0 * CELL_PAD).max(MIN_ROW_H))
            .collect();
        let title_h = if opts.filter.is_some() {
            TITLE_H + 22.0
        } else {
            TITLE_H
        };
        let mut tops = Vec::with_capacity(rows.len());
        let mut y = title_h + HEADER_H;
        for h in &rows {
            tops.push(y);
            y += h;
        }
        let width = LANE_W + STAGE_W * stages.len() as f64;
        let height = y;
        let mut placed = Vec::new();
        let mut boxes: HashMap<&str, (f64, f64)> = HashMap::new();
        for (li, top) in tops.iter().enumerate() {
            for si in 0..stages.len() {
                let x = LANE_W + STAGE_W * si as f64 + CELL_PAD;
                for (k, t) in cells[li * stages.len() + si].iter().enumerate() {
                    let y = top + CELL_PAD + k as f64 * (CARD_H + CARD_GAP);
                    boxes.insert(&t.id, (x, y));
                    placed.push(Placed { t, x, y, lane: li });
                }
            }
        }
        let arrows = if opts.no_arrows {
            Vec::new()
        } else {
            map.links
                .iter()
                .filter(|l| l.kind == LinkKind::Flow)
                .filter_map(|l| {
                    let a = boxes.get(l.from.as_str())?;
                    let b = boxes.get(l.to.as_str())?;
                    Some(route(*a, *b))
                })
                .collect()
        };
        let kept = placed.len();
        MapLayout {
            map,
            metrics,
            stages,
            lanes,
            tops,
            rows,
            most,
            title_h,
            width,
            height,
            cards: placed,
            arrows,
            filter_label: opts.filter.as_ref().map(|f| f.label.clone()),
            kept: (kept, total),
        }
    }

    /// The whole map as one SVG document.
    pub fn svg(&self, no_arrows: bool) -> String {
        let mut out = String::new();
        begin(
            &mut out,
            self.width.max(600.0),
            self.height,
            &self.map.meta.name,
            "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0 0L10 5L0 10z\" fill=\"#555555\"/></marker></defs>\n",
        );
        self.title_block(&mut out);
        for i in 0..self.stages.len() {
            self.stage_header(&mut out, i);
        }
        let mut cards = self.cards.iter().peekable();
        for (li, lane) in self.lanes.iter().enumerate() {
            let (y, h) = (self.tops[li], self.rows[li]);
            let _ = writeln!(
                out,
                r##"<g class="lane"><rect x="0" y="{}" width="{}" height="{}" fill="#fafafa" stroke="#dddddd"/><rect x="0" y="{}" width="6" height="{}" fill="{}"/><text x="16" y="{}" font-size="13" font-weight="bold" fill="#111111">{}</text></g>"##,
                n(y),
                n(self.width),
                n(h),
                n(y),
                n(h),
                lane_colour(lane.kind),
                n(y + 24.0),
                escape(&cut(&lane.name, 22))
            );
            while let Some(c) = cards.next_if(|c| c.lane == li) {
                self.card(&mut out, c);
            }
        }
        if !no_arrows {
            out.push_str(ARROWS_OPEN);
            for a in &self.arrows {
                let _ = writeln!(out, r#"<path d="{}" marker-end="url(#arrow)"/>"#, a.d);
            }
            out.push_str("</g>\n");
        }
        out.push_str("</svg>\n");
        out
    }

    /// The title block: the map, its persona, the day it last changed and its figures;
    /// under them, for a filtered view, what the filter keeps.
    fn title_block(&self, out: &mut String) {
        let map = self.map;
        let _ = writeln!(
            out,
            r##"<text x="16" y="32" font-size="22" font-weight="bold" fill="#111111">{}</text>"##,
            escape(&cut(&map.meta.name, 90))
        );
        let day: String = map.meta.updated_at.chars().take(10).collect();
        let persona = if map.meta.persona.name.is_empty() {
            String::new()
        } else {
            format!("Persona: {} · ", cut(&map.meta.persona.name, 60))
        };
        let _ = writeln!(
            out,
            r##"<text x="16" y="58" font-size="13" fill="#444444">{}{} · {}</text>"##,
            escape(&persona),
            escape(&day),
            escape(&figures(Some(&self.metrics.map)))
        );
        if let Some(label) = &self.filter_label {
            let _ = writeln!(
                out,
                r##"<text x="16" y="82" font-size="13" font-weight="bold" fill="#8b1a1a">Filtered view: {} ({} of {} touchpoints)</text>"##,
                escape(&cut(label, 100)),
                self.kept.0,
                self.kept.1
            );
        }
    }

    fn stage_header(&self, out: &mut String, i: usize) {
        let s = self.stages[i];
        let x = LANE_W + STAGE_W * i as f64;
        let top = self.title_h;
        let _ = writeln!(
            out,
            r##"<g class="stage"><rect x="{}" y="{}" width="{}" height="{}" fill="#f2f2f2" stroke="#cccccc"/><text x="{}" y="{}" font-size="15" font-weight="bold" fill="#111111">{}</text><text x="{}" y="{}" font-size="11" fill="#444444">{}</text></g>"##,
            n(x),
            n(top),
            n(STAGE_W),
            n(HEADER_H),
            n(x + 10.0),
            n(top + 22.0),
            escape(&cut(&s.name, 26)),
            n(x + 10.0),
            n(top + 42.0),
            escape(&figures(self.metrics.stages.get(&s.id)))
        );
    }

    fn card(&self, out: &mut String, c: &Placed<'_>) {
        card(
            out,
            c.t,
            c.x,
            c.y,
            self.lanes[c.lane],
            self.metrics.touchpoints.get(&c.t.id),
        );
    }

    /// How many touchpoints are drawn.
    pub fn card_count(&self) -> usize {
        self.cards.len()
    }

    /// How many stages are drawn.
    pub fn stage_count(&self) -> usize {
        self.stages.len()
    }

    /// The map cut into tiles that each fit `width` × `height` units (a page's room at the
    /// page's scale), counting the stage headers and lane labels every tile repeats.
    /// Tiles go across, then down. Rows are cut only between cards, so no card is ever
    /// split across two tiles; a single card row taller than a tile cannot happen (a
    /// tile is always taller than a card).
    pub fn tiles(&self, width: f64, height: f64) -> Vec<Tile> {
        let per_tile = (((width - LANE_W) / STAGE_W).floor() as usize).max(1);
        let room = (height - HEADER_H).max(CARD_H + 2.0 * CELL_PAD);
        let first = self.title_h + HEADER_H;
        // Where a tile may end: a lane's end, or the gap between two card rows.
        let mut cuts = Vec::new();
        for (li, (&top, &h)) in self.tops.iter().zip(&self.rows).enumerate() {
            for k in 1..self.most[li] {
                cuts.push(top + CELL_PAD + k as f64 * (CARD_H + CARD_GAP) - CARD_GAP / 2.0);
            }
            cuts.push(top + h);
        }
        let mut bands = Vec::new();
        let mut y0 = first;
        while y0 < self.height - 0.5 {
            let limit = y0 + room;
            let y1 = if self.height <= limit {
                self.height
            } else {
                cuts.iter()
                    .copied()
                    .filter(|&c| c > y0 + 0.5 && c <= limit)
                    .fold(None, |best: Option<f64>, c| {
                        Some(best.map_or(c, |b| b.max(c)))
                    })
                    .unwrap_or(limit)
            };
            bands.push((y0, y1));
            y0 = y1;
        }
        if bands.is_empty() {
            bands.push((first, first));
        }
        let mut tiles = Vec::new();
        for &(y0, y1) in &bands {
            let mut s = 0;
            loop {
                let e = (s + per_tile).min(self.stages.len());
                tiles.push(Tile {
                    stages: (s, e),
                    y0,
                    y1,
                });
                if e >= self.stages.len() {
                    break;
                }
                s = e;
            }
        }
        tiles
    }

    /// A tile's size in the map's units: its lane labels, stages, headers and rows.
    pub fn tile_size(&self, tile: &Tile) -> (f64, f64) {
        (
            LANE_W + STAGE_W * (tile.stages.1 - tile.stages.0) as f64,
            HEADER_H + (tile.y1 - tile.y0),
        )
    }

    /// A tile drawn as SVG elements (no document around them) with its top left corner at
    /// 0,0: the stage headers along the top, the lane labels down the left (a lane that
    /// began on an earlier tile says so), and the cards and arrows of its part of the map.
    /// Only what the tile shows is written; arrows that leave it are cut at its edge.
    pub fn tile_svg(&self, tile: &Tile) -> String {
        let mut out = String::new();
        let (s0, s1) = tile.stages;
        let x0 = LANE_W + STAGE_W * s0 as f64;
        let rw = STAGE_W * (s1 - s0) as f64;
        let rh = tile.y1 - tile.y0;
        let _ = writeln!(
            out,
            r#"<svg x="{}" y="0" width="{}" height="{}" viewBox="{} {} {} {}">"#,
            n(LANE_W),
            n(rw),
            n(HEADER_H),
            n(x0),
            n(self.title_h),
            n(rw),
            n(HEADER_H)
        );
        for i in s0..s1 {
            self.stage_header(&mut out, i);
        }
        out.push_str("</svg>\n");
        let visible = |top: f64, h: f64| top < tile.y1 && top + h > tile.y0;
        // The lane labels.
        let _ = writeln!(
            out,
            r#"<svg x="0" y="{}" width="{}" height="{}" viewBox="0 {} {} {}">"#,
            n(HEADER_H),
            n(LANE_W),
            n(rh),
            n(tile.y0),
            n(LANE_W),
            n(rh)
        );
        for (li, lane) in self.lanes.iter().enumerate() {
            let (top, h) = (self.tops[li], self.rows[li]);
            if !visible(top, h) {
                continue;
            }
            let (label_y, name) = if top < tile.y0 {
                (tile.y0 + 24.0, format!("{} (cont.)", cut(&lane.name, 15)))
            } else {
                (top + 24.0, cut(&lane.name, 22))
            };
            let _ = writeln!(
                out,
                r##"<g class="lane"><rect x="0" y="{}" width="{}" height="{}" fill="#fafafa" stroke="#dddddd"/><rect x="0" y="{}" width="6" height="{}" fill="{}"/><text x="16" y="{}" font-size="13" font-weight="bold" fill="#111111">{}</text></g>"##,
                n(top),
                n(LANE_W),
                n(h),
                n(top),
                n(h),
                lane_colour(lane.kind),
                n(label_y),
                escape(&name)
            );
        }
        out.push_str("</svg>\n");
        // The cells, cards and arrows.
        let _ = writeln!(
            out,
            r#"<svg x="{}" y="{}" width="{}" height="{}" viewBox="{} {} {} {}">"#,
            n(LANE_W),
            n(HEADER_H),
            n(rw),
            n(rh),
            n(x0),
            n(tile.y0),
            n(rw),
            n(rh)
        );
        for (&top, &h) in self.tops.iter().zip(&self.rows) {
            if visible(top, h) {
                let _ = writeln!(
                    out,
                    r##"<rect x="{}" y="{}" width="{}" height="{}" fill="#fafafa" stroke="#dddddd"/>"##,
                    n(x0),
                    n(top),
                    n(rw),
                    n(h)
                );
                for s in s0 + 1..s1 {
                    let x = LANE_W + STAGE_W * s as f64;
                    let _ = writeln!(
                        out,
                        r##"<line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="#e4e4e4"/>"##,
                        n(top),
                        n(top + h),
                        x = n(x)
                    );
                }
            }
        }
        let (xa, xb) = (x0, x0 + rw);
        for c in &self.cards {
            if c.x < xb && c.x + CARD_W > xa && c.y < tile.y1 && c.y + CARD_H > tile.y0 {
                self.card(&mut out, c);
            }
        }
        let mut open = false;
        for a in &self.arrows {
            if a.x0 <= xb && a.x1 >= xa && a.y0 <= tile.y1 && a.y1 >= tile.y0 {
                if !open {
                    out.push_str(ARROWS_OPEN);
                    open = true;
                }
                let _ = writeln!(out, r#"<path d="{}" marker-end="url(#arrow)"/>"#, a.d);
            }
        }
        if open {
            out.push_str("</g>\n");
        }
        out.push_str("</svg>\n");
        out
    }

    /// The lanes a tile shows, in words: "lanes Sales to Support, continues".
    pub fn lane_names(&self, tile: &Tile) -> String {
        let shown: Vec<usize> = (0..self.lanes.len())
            .filter(|&i| self.tops[i] < tile.y1 && self.tops[i] + self.rows[i] > tile.y0)
            .collect();
        let (Some(&first), Some(&last)) = (shown.first(), shown.last()) else {
            return "no lanes".to_string();
        };
        let name = |i: usize| {
            let mut s = self.lanes[i].name.clone();
            if self.tops[i] < tile.y0 - 0.5 {
                s.push_str(", continued");
            }
            if self.tops[i] + self.rows[i] > tile.y1 + 0.5 {
                s.push_str(", continues");
            }
            s
        };
        if first == last {
            format!("lane {}", name(first))
        } else {
            format!("lanes {} to {}", name(first), name(last))
        }
    }

    /// The first and last stage a tile shows, for its caption.
    pub fn stage_names(&self, tile: &Tile) -> (String, String) {
        let first = self
            .stages
            .get(tile.stages.0)
            .map_or("", |s| s.name.as_str());
        let last = self
            .stages
            .get(tile.stages.1.saturating_sub(1))
            .map_or("", |s| s.name.as_str());
        (first.to_string(), last.to_string())
    }
}

const ARROWS_OPEN: &str =
    "<g class=\"flow\" fill=\"none\" stroke=\"#555555\" stroke-width=\"1.5\">\n";

/// The map as an SVG document.
pub fn map_svg(map: &JourneyMap, opts: &MapOptions) -> String {
    MapLayout::new(map, opts).svg(opts.no_arrows)
}

/// An arrow from the card at `a` to the card at `b` through the gaps: out of a's side,
/// along the gap between the columns (or rows), into b's side. Never through a card's
/// middle.
fn route(a: (f64, f64), b: (f64, f64)) -> Arrow {
    let (ax, ay) = a;
    let (bx, by) = b;
    let (amid, bmid) = (ay + CARD_H / 2.0, by + CARD_H / 2.0);
    let side = (STAGE_W - CARD_W) / 2.0;
    let (d, xs, ys): (String, Vec<f64>, Vec<f64>) = if bx > ax {
        // Forward: out of a's right edge, down or up the gap before b's column.
        let gap = bx - side;
        (
            format!(
                "M{} {}H{}V{}H{}",
                n(ax + CARD_W),
                n(amid),
                n(gap),
                n(bmid),
                n(bx)
            ),
            vec![ax + CARD_W, gap, bx],
            vec![amid, bmid],
        )
    } else if bx < ax {
        // Backwards: out of a's left edge, along the gap before a's column, into b's right.
        let gap = ax - side;
        let under = ay.max(by) + CARD_H + CARD_GAP / 2.0;
        (
            format!(
                "M{} {}H{}V{}H{}V{}H{}",
                n(ax),
                n(amid),
                n(gap),
                n(under),
                n(bx + CARD_W + side),
                n(bmid),
                n(bx + CARD_W)
            ),
            vec![ax, gap, bx + CARD_W + side, bx + CARD_W],
            vec![amid, under, bmid],
        )
    } else {
        // The same column: along its right-hand gap.
        let gap = ax + CARD_W + (STAGE_W - CARD_W) / 4.0;
        (
            format!(
                "M{} {}H{}V{}H{}",
                n(ax + CARD_W),
                n(amid),
                n(gap),
                n(bmid),
                n(bx + CARD_W)
            ),
            vec![ax + CARD_W, gap],
            vec![amid, bmid],
        )
    };
    let lo = |v: &[f64]| v.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = |v: &[f64]| v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    Arrow {
        x0: lo(&xs),
        x1: hi(&xs),
        y0: lo(&ys),
        y1: hi(&ys),
        d,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiles_cover_every_card_once_and_whole() {
        let map = crate::sample::synthetic(300, 0);
        let layout = MapLayout::new(&map, &MapOptions::default());
        let tiles = layout.tiles(1000.0, 700.0);
        assert!(tiles.len() > 4, "{}", tiles.len());
        for t in &tiles {
            let (w, h) = layout.tile_size(t);
            assert!(w <= 1000.0 && h <= 700.0, "{w}×{h}");
        }
        // Every card lies whole inside exactly one tile.
        for c in &layout.cards {
            let holding = tiles
                .iter()
                .filter(|t| {
                    let x0 = LANE_W + STAGE_W * t.stages.0 as f64;
                    let x1 = LANE_W + STAGE_W * t.stages.1 as f64;
                    c.x >= x0 && c.x + CARD_W <= x1 && c.y >= t.y0 && c.y + CARD_H <= t.y1
                })
                .count();
            assert_eq!(holding, 1, "{} is whole in one tile", c.t.id);
        }
    }

    #[test]
    fn a_filtered_view_draws_only_what_it_keeps_and_says_so() {
        let map = crate::sample::sample_map().expect("sample");
        let keep: BTreeSet<Id> = map
            .touchpoints
            .iter()
            .take(3)
            .map(|t| t.id.clone())
            .collect();
        let svg = map_svg(
            &map,
            &MapOptions {
                filter: Some(MapFilter {
                    touchpoints: keep,
                    label: "three <cards>".into(),
                }),
                ..Default::default()
            },
        );
        assert_eq!(svg.matches("class=\"card\"").count(), 3);
        assert!(svg.contains(&format!(
            "Filtered view: three &lt;cards&gt; (3 of {} touchpoints)",
            map.touchpoints.len()
        )));
    }
}
