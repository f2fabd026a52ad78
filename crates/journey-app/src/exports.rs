//! Files made from a map besides its JSON: drawings of the map, its heatmap or its emotion
//! and pain curve (SVG, PNG, PDF), and the report (text, JSON, Markdown, the ranking as
//! CSV, or the PDF report on A4 or US Letter pages). The CLI and the desktop app call
//! these same functions, so for the same database and day both write the same bytes.

use journey_core::analysis::{Analysis, EvidenceRules};
use journey_core::filter::BoardFilter;
use journey_core::model::JourneyMap;
use journey_core::svg::{self, MapFilter, MapOptions, PageSize, ReportInput};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::insight::analysis_of;
use crate::{App, AppError, Result};

/// What a drawing shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Drawing {
    /// Stages, lanes, cards and flow arrows.
    #[default]
    Map,
    /// The stage × lane heatmap of mean pain.
    Heatmap,
    /// The emotion and pain curve across the stages.
    Curve,
}

/// The file a drawing is written as.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum DrawingFormat {
    #[default]
    Svg,
    /// Twice the drawing's size (smaller when a big map would pass 120 megapixels).
    Png,
    /// One page the size of the drawing, its text real text.
    Pdf,
}

impl DrawingFormat {
    pub fn extension(self) -> &'static str {
        match self {
            DrawingFormat::Svg => "svg",
            DrawingFormat::Png => "png",
            DrawingFormat::Pdf => "pdf",
        }
    }
}

/// What to draw and how.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DrawingOptions {
    pub what: Drawing,
    pub format: DrawingFormat,
    /// Only this stage, by its id or its exact name (the map only).
    #[serde(default)]
    pub stage: Option<String>,
    /// Leave the flow arrows out (the map only).
    #[serde(default)]
    pub no_arrows: bool,
    /// Only the cards the board's filter keeps (the map only).
    #[serde(default)]
    pub filter: Option<BoardFilter>,
    /// PNG pixels per drawing unit, 0.25–4 (default 2, sharp on a slide).
    #[serde(default)]
    pub scale: Option<f32>,
}

/// How the report is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ReportFormat {
    /// For the terminal.
    #[default]
    Text,
    /// Described by docs/journeymap-report.schema.json.
    Json,
    /// Markdown that renders on GitHub.
    Md,
    /// The ranked pain points, a row each.
    Csv,
    /// Pages for print or a deck: title page, map, heatmap, curve, pain points, paths,
    /// decisions and votes.
    Pdf,
}

impl ReportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Text => "txt",
            ReportFormat::Json => "json",
            ReportFormat::Md => "md",
            ReportFormat::Csv => "csv",
            ReportFormat::Pdf => "pdf",
        }
    }
}

fn render_error(e: journey_render::RenderError) -> AppError {
    AppError::Invalid(e.to_string())
}

impl App {
    /// The map's evidence rules, counted from `today` (`YYYY-MM-DD`) when given, else from
    /// the real today.
    pub fn evidence_rules_on(&self, map_id: &str, today: Option<&str>) -> Result<EvidenceRules> {
        let mut rules = self.evidence_rules(map_id)?;
        if let Some(t) = today {
            journey_core::fields::check_date(t)
                .map_err(|e| AppError::Invalid(format!("today: {e}")))?;
            rules.today = Some(t.to_string());
        }
        Ok(rules)
    }

    /// The map and its analysis under its evidence rules, counted from `today`.
    fn map_and_analysis(
        &self,
        map_id: &str,
        today: Option<&str>,
    ) -> Result<(JourneyMap, Analysis)> {
        let map = self.load_map(map_id)?;
        let analysis = analysis_of(&map, &self.evidence_rules_on(map_id, today)?)?;
        Ok((map, analysis))
    }

    /// A drawing of the map, its heatmap or its curve, as the bytes of the file.
    pub fn drawing(
        &self,
        map_id: &str,
        o: &DrawingOptions,
        today: Option<&str>,
    ) -> Result<Vec<u8>> {
        if o.scale.is_some_and(|s| !(0.25..=4.0).contains(&s)) {
            return Err(AppError::Invalid(
                "scale: a PNG is drawn at 0.25 to 4 pixels per unit".into(),
            ));
        }
        // The analysis is run only for what needs it: the heatmap, the curve, a filter.
        let svg = match o.what {
            Drawing::Heatmap => {
                let (map, analysis) = self.map_and_analysis(map_id, today)?;
                svg::heatmap_svg(&map, &analysis.heatmap)
            }
            Drawing::Curve => {
                let (map, analysis) = self.map_and_analysis(map_id, today)?;
                svg::curve_svg(&map, &analysis.curve)
            }
            Drawing::Map => {
                let map = self.load_map(map_id)?;
                let stage = match &o.stage {
                    None => None,
                    Some(s) => Some(
                        map.stages
                            .iter()
                            .find(|x| &x.id == s || &x.name == s)
                            .map(|x| x.id.clone())
                            .ok_or_else(|| {
                                AppError::Invalid(format!(
                                    "stage {s:?}: no stage of {:?} has that id or name",
                                    map.meta.name
                                ))
                            })?,
                    ),
                };
                let filter = match o.filter.as_ref().filter(|f| f.is_active()) {
                    None => None,
                    Some(f) => {
                        let rules = self.evidence_rules_on(map_id, today)?;
                        let analysis = analysis_of(&map, &rules)?;
                        Some(MapFilter {
                            touchpoints: f.matching(&map, &analysis),
                            label: f.label(&map),
                        })
                    }
                };
                svg::map_svg(
                    &map,
                    &MapOptions {
                        stage,
                        no_arrows: o.no_arrows,
                        filter,
                    },
                )
            }
        };
        match o.format {
            DrawingFormat::Svg => Ok(svg.into_bytes()),
            DrawingFormat::Png => journey_render::fitting_scale(&svg, o.scale.unwrap_or(2.0))
                .and_then(|scale| journey_render::png(&svg, scale))
                .map_err(render_error),
            DrawingFormat::Pdf => journey_render::pdf(&svg).map_err(render_error),
        }
    }

    /// The report in one of its formats, as the bytes of the file; `page` is the PDF's
    /// paper.
    pub fn report(
        &self,
        map_id: &str,
        format: ReportFormat,
        page: PageSize,
        today: Option<&str>,
    ) -> Result<Vec<u8>> {
        use journey_core::report;
        let (map, a) = self.map_and_analysis(map_id, today)?;
        Ok(match format {
            ReportFormat::Json => {
                let mut s = serde_json::to_string_pretty(&a)
                    .map_err(|e| AppError::Io(format!("cannot write the report: {e}")))?;
                s.push('\n');
                s.into_bytes()
            }
            ReportFormat::Md => report::report_md(&a, &map).into_bytes(),
            ReportFormat::Text => {
                format!("{}\n{}", report::report(&a, &map), report::workshop(&map)).into_bytes()
            }
            ReportFormat::Csv => journey_core::tables::ranking_csv(&a).into_bytes(),
            ReportFormat::Pdf => {
                let day = a.rules.today.clone().unwrap_or_else(crate::insight::today);
                let pages = svg::report_pages(ReportInput {
                    map: &map,
                    analysis: &a,
                    page,
                    today: &day,
                });
                journey_render::pdf_pages(&pages, &format!("{}: journey map report", map.meta.name))
                    .map_err(render_error)?
            }
        })
    }
}
