//! `journeymap`: the whole job without a window. Each subcommand is a few lines over
//! [`journey_app::App`].
//!
//! Exit status: 0 on success, 1 on bad input or data (the first line of stderr names the
//! problem), 2 on a usage error.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use journey_app::files::{read_input, write_atomically};
use journey_app::insight::analysis_of;
use journey_app::{paths, App, AppError, ImportMode};
use journey_core::interchange::{self, Limits};

mod render;

#[derive(Debug, Parser)]
#[command(
    name = "journeymap",
    version,
    about = "Customer journey maps: create, show, export, import and report."
)]
struct Cli {
    /// The database file. Default: $JOURNEYMAP_DB, else the desktop app's database in the
    /// platform data folder.
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Count the age of evidence from this day instead of today (report, heatmap), for a
    /// report that reads the same tomorrow.
    #[arg(long, global = true, value_name = "YYYY-MM-DD")]
    today: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create the sample map and print its id.
    Demo,
    /// One line per map: id, name, stages, touchpoints (tab-separated).
    List,
    /// Show a map as a text grid, stages × lanes.
    Show {
        /// A map id, or its exact and unique name.
        map: String,
    },
    /// Write a map as JSON to stdout or a file.
    Export {
        map: String,
        /// Write to this file instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Import a map from a JSON file ("-" reads stdin) and print its id.
    Import {
        file: PathBuf,
        /// Replace the map with the same id, in one transaction.
        #[arg(long, conflicts_with = "copy")]
        replace: bool,
        /// Import as a new map with fresh ids, its name marked as a copy.
        #[arg(long)]
        copy: bool,
    },
    /// Check a file without touching any database.
    Validate { file: PathBuf },
    /// Where customers hurt and how sure we are: pain points, pain paths, structure
    /// problems, hand-offs, backstage impact, metrics per stage and lane with evidence.
    Report {
        map: String,
        /// text (default), json (documented by docs/journeymap-report.schema.json), md,
        /// or csv (the ranked pain points with their evidence, a row each).
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// The same as --format json.
        #[arg(long, conflicts_with = "format")]
        json: bool,
        /// Write to this file instead of stdout (written whole or not at all).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Take a verified backup now (into the backups folder beside the database).
    Backup,
    /// The database's backups, newest first: when, why, what each holds.
    Backups,
    /// Replace the database by a backup (checked first). The current database and its
    /// -wal/-shm are moved aside, never deleted.
    Restore {
        /// A backup file, as `backups` lists them.
        backup: PathBuf,
    },
    /// When the database is damaged and no backup will do: keep what SQLite can still
    /// read, in a new database at the same path. The damaged file and its -wal/-shm are
    /// moved aside, never deleted; every salvaged map is named "… (salvaged)".
    Salvage,
    /// The stage × lane heatmap as a text grid.
    Heatmap {
        map: String,
        /// What each cell shows.
        #[arg(long, value_enum, default_value_t = render::HeatMetric::Pain)]
        metric: render::HeatMetric,
    },
    /// Draw the map as SVG: stages as columns, lanes as rows, cards with their pain badge,
    /// emotion and feedback count, the stage figures with n, flow arrows routed between
    /// the cards. The same map always gives the same bytes.
    Render {
        map: String,
        /// svg (the default), png (twice the drawing's size, for slides; smaller for a map
        /// too big for that) or pdf (one page the size of the map, its text selectable).
        /// png and pdf need -o FILE.
        #[arg(long, value_enum, default_value_t = RenderFormat::Svg)]
        format: RenderFormat,
        /// What to draw: the map (default), the heatmap of mean pain or the emotion and
        /// pain curve.
        #[arg(long, value_enum, default_value_t = RenderWhat::Map)]
        what: RenderWhat,
        /// Only this stage (its id or its exact name; the map only).
        #[arg(long)]
        stage: Option<String>,
        /// Leave the flow arrows out.
        #[arg(long)]
        no_arrows: bool,
        /// Write to this file instead of stdout (written whole or not at all).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// The map as a spreadsheet table (CSV, UTF-8, a header row): one row per touchpoint
    /// with its place, scores and figures with n, or one row per piece of feedback. No
    /// cell runs as a formula.
    #[command(name = "export-csv")]
    ExportCsv {
        map: String,
        /// One row per touchpoint.
        #[arg(
            long,
            conflicts_with = "feedback",
            required_unless_present = "feedback"
        )]
        touchpoints: bool,
        /// One row per piece of feedback.
        #[arg(long)]
        feedback: bool,
        /// Write to this file instead of stdout (written whole or not at all).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// The workshop's results: decisions and opportunities, and every voting round
    /// ranked; with --csv, the rounds as CSV (one row per item of each round).
    Votes {
        map: String,
        /// CSV for a spreadsheet instead of text.
        #[arg(long)]
        csv: bool,
        /// Write to this file instead of stdout (written whole or not at all).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

/// What `render` draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum RenderWhat {
    Map,
    Heatmap,
    Curve,
}

/// What `render` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum RenderFormat {
    Svg,
    Png,
    Pdf,
}

/// How `report` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ReportFormat {
    Text,
    Json,
    Md,
    Csv,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(2),
            };
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let mut err = std::io::stderr().lock();
            for line in e.lines() {
                let _ = writeln!(err, "error: {line}{}", hint(&e));
            }
            ExitCode::from(1)
        }
    }
}

/// What the user can do about an error, in this tool's own flags.
fn hint(e: &AppError) -> &'static str {
    match e {
        AppError::MapExists { .. } => {
            "; import with --replace to overwrite it, or with --copy to add this file as a new map"
        }
        _ => "",
    }
}

/// The map's evidence rules, counted from `today` when given.
fn rules(
    app: &App,
    map_id: &str,
    today: Option<&str>,
) -> Result<journey_core::analysis::EvidenceRules, AppError> {
    let mut rules = app.evidence_rules(map_id)?;
    if let Some(t) = today {
        journey_core::fields::check_date(t)
            .map_err(|e| AppError::Invalid(format!("--today: {e}")))?;
        rules.today = Some(t.to_string());
    }
    Ok(rules)
}

fn db_path(db: Option<PathBuf>) -> Result<PathBuf, AppError> {
    db.or_else(paths::default_db_path).ok_or_else(|| {
        AppError::Invalid(
            "no data folder is known on this system; pass --db PATH or set JOURNEYMAP_DB".into(),
        )
    })
}

fn open(db: Option<PathBuf>) -> Result<App, AppError> {
    let app = App::open(&db_path(db)?)?;
    if let Some(aside) = app.wal_set_aside() {
        eprintln!(
            "note: {}: its -wal file did not belong to it (another database's, or an old \
             copy) and was moved aside to {}, not replayed",
            app.db_path().display(),
            aside.display()
        );
    }
    Ok(app)
}

/// One backup as `backups` lists it: path, when, why, what it holds (tab-separated).
fn backup_line(b: &journey_store::BackupInfo) -> String {
    format!(
        "{}\t{}\t{}\t{} maps, {} touchpoints, {} feedback",
        b.path.display(),
        b.taken_at,
        b.reason,
        b.maps,
        b.touchpoints,
        b.feedback
    )
}

fn run(cli: Cli) -> Result<(), AppError> {
    let mut out = std::io::stdout().lock();
    let mut print = |s: &str| {
        out.write_all(s.as_bytes())
            .map_err(|e| AppError::Io(format!("stdout: {e}")))
    };
    match cli.command {
        Command::Demo => {
            let mut app = open(cli.db)?;
            let id = app.create_sample()?;
            print(&format!("{id}\n"))
        }
        Command::Backup => {
            let mut app = open(cli.db)?;
            let b = app.backup_now("manual")?;
            print(&format!("{}\n", backup_line(&b)))
        }
        Command::Backups => {
            let app = open(cli.db)?;
            let journey_store::Backups { good, failing: bad } = app.list_backups()?;
            let mut s = String::new();
            if good.is_empty() && bad.is_empty() {
                s.push_str("no backups yet\n");
            }
            for b in &good {
                s.push_str(&backup_line(b));
                s.push('\n');
            }
            for (path, why) in &bad {
                s.push_str(&format!("{}\tFAILS ITS CHECK: {why}\n", path.display()));
            }
            print(&s)
        }
        Command::Restore { backup } => {
            let db = db_path(cli.db)?;
            let moved = journey_store::restore(&db, &backup)?;
            // Opening checks the restored file as every open does.
            let app = App::open(&db)?;
            let mut s = format!(
                "restored {} into {} ({} maps)\n",
                backup.display(),
                db.display(),
                app.list_maps()?.len()
            );
            for m in moved {
                s.push_str(&format!("moved aside: {}\n", m.display()));
            }
            print(&s)
        }
        Command::Salvage => {
            let db = db_path(cli.db)?;
            let done = journey_store::salvage(&db)?;
            let mut s = format!(
                "salvaged {} into a new database at {}\n",
                done.maps.len(),
                db.display()
            );
            for m in &done.maps {
                s.push_str(&format!(
                    "{}\t{} stages, {} lanes, {} touchpoints, {} links, {} feedback items\n",
                    m.name.replace(['\t', '\n'], " "),
                    m.stages,
                    m.lanes,
                    m.touchpoints,
                    m.links,
                    m.feedback
                ));
            }
            s.push_str(&format!(
                "rows that could not be read or no longer fit: {}\n",
                done.rows_left_out
            ));
            for lost in &done.maps_lost {
                s.push_str(&format!("not salvaged: {lost}\n"));
            }
            for m in &done.moved_aside {
                s.push_str(&format!("moved aside: {}\n", m.display()));
            }
            print(&s)
        }
        Command::List => {
            let app = open(cli.db)?;
            let mut s = String::new();
            for m in app.list_maps()? {
                let name = m.name.replace(['\t', '\n'], " ");
                s.push_str(&format!(
                    "{}\t{}\t{}\t{}\n",
                    m.id, name, m.stage_count, m.touchpoint_count
                ));
            }
            print(&s)
        }
        Command::Show { map } => {
            let app = open(cli.db)?;
            let id = app.resolve_map(&map)?;
            print(&render::grid(&app.load_map(&id)?))
        }
        Command::Export { map, output } => {
            let app = open(cli.db)?;
            let id = app.resolve_map(&map)?;
            let json = app.export_map(&id)?;
            match output {
                Some(path) => write_atomically(&path, &json),
                None => print(&json),
            }
        }
        Command::Import {
            file,
            replace,
            copy,
        } => {
            let bytes = read_input(&file)?;
            let mode = if replace {
                ImportMode::Replace
            } else if copy {
                ImportMode::Copy
            } else {
                ImportMode::Refuse
            };
            let mut app = open(cli.db)?;
            let id = app.import_map(&bytes, mode)?;
            print(&format!("{id}\n"))
        }
        Command::Validate { file } => {
            let bytes = read_input(&file)?;
            let map = interchange::parse_map_file(&bytes, &Limits::default())?;
            print(&format!(
                "ok: {:?} ({}): {} stages, {} lanes, {} touchpoints, {} links, {} feedback\n",
                map.meta.name,
                map.meta.id,
                map.stages.len(),
                map.lanes.len(),
                map.touchpoints.len(),
                map.links.len(),
                map.feedback.len()
            ))
        }
        Command::Report {
            map,
            format,
            json,
            output,
        } => {
            let app = open(cli.db)?;
            let id = app.resolve_map(&map)?;
            let map = app.load_map(&id)?;
            let analysis = analysis_of(&map, &rules(&app, &id, cli.today.as_deref())?)?;
            let format = if json { ReportFormat::Json } else { format };
            let text = match format {
                ReportFormat::Json => {
                    let mut s = serde_json::to_string_pretty(&analysis)
                        .map_err(|e| AppError::Io(format!("cannot write the report: {e}")))?;
                    s.push('\n');
                    s
                }
                ReportFormat::Md => format!(
                    "{}{}",
                    render::report_md(&analysis, &map),
                    render::workshop_md(&map)
                ),
                ReportFormat::Text => format!(
                    "{}\n{}",
                    render::report(&analysis, &map),
                    render::workshop(&map)
                ),
                ReportFormat::Csv => journey_core::tables::ranking_csv(&analysis),
            };
            match output {
                Some(path) => write_atomically(&path, &text),
                None => print(&text),
            }
        }
        Command::Render {
            map,
            format,
            what,
            stage,
            no_arrows,
            output,
        } => {
            let app = open(cli.db)?;
            let id = app.resolve_map(&map)?;
            let map = app.load_map(&id)?;
            let stage = match stage {
                None => None,
                Some(s) => Some(
                    map.stages
                        .iter()
                        .find(|x| x.id == s || x.name == s)
                        .map(|x| x.id.clone())
                        .ok_or_else(|| {
                            AppError::Invalid(format!(
                                "--stage {s:?}: no stage of {:?} has that id or name",
                                map.meta.name
                            ))
                        })?,
                ),
            };
            let svg = match what {
                RenderWhat::Map => journey_core::svg::map_svg(
                    &map,
                    &journey_core::svg::MapOptions { stage, no_arrows },
                ),
                RenderWhat::Heatmap | RenderWhat::Curve => {
                    let analysis = analysis_of(&map, &rules(&app, &id, cli.today.as_deref())?)?;
                    if what == RenderWhat::Heatmap {
                        journey_core::svg::heatmap_svg(&map, &analysis.heatmap)
                    } else {
                        journey_core::svg::curve_svg(&map, &analysis.curve)
                    }
                }
            };
            let bytes = match format {
                RenderFormat::Svg => svg.into_bytes(),
                RenderFormat::Png => journey_render::fitting_scale(&svg, 2.0)
                    .and_then(|scale| journey_render::png(&svg, scale))
                    .map_err(|e| AppError::Invalid(e.to_string()))?,
                RenderFormat::Pdf => {
                    journey_render::pdf(&svg).map_err(|e| AppError::Invalid(e.to_string()))?
                }
            };
            match (output, format) {
                (Some(path), _) => journey_app::files::write_bytes_atomically(&path, &bytes),
                (None, RenderFormat::Svg) => print(&String::from_utf8_lossy(&bytes)),
                (None, _) => Err(AppError::Invalid(
                    "png and pdf are written to a file: give -o FILE".into(),
                )),
            }
        }
        Command::ExportCsv {
            map,
            touchpoints,
            feedback: _,
            output,
        } => {
            let app = open(cli.db)?;
            let id = app.resolve_map(&map)?;
            let map = app.load_map(&id)?;
            let text = if touchpoints {
                journey_core::tables::touchpoints_csv(&map)
            } else {
                journey_core::tables::feedback_csv(&map)
            };
            match output {
                Some(path) => write_atomically(&path, &text),
                None => print(&text),
            }
        }
        Command::Votes { map, csv, output } => {
            let app = open(cli.db)?;
            let id = app.resolve_map(&map)?;
            let text = if csv {
                app.rounds_csv(&id)?
            } else {
                render::workshop(&app.load_map(&id)?)
            };
            match output {
                Some(path) => write_atomically(&path, &text),
                None => print(&text),
            }
        }
        Command::Heatmap { map, metric } => {
            let app = open(cli.db)?;
            let id = app.resolve_map(&map)?;
            let map = app.load_map(&id)?;
            let analysis = analysis_of(&map, &rules(&app, &id, cli.today.as_deref())?)?;
            print(&render::heatmap(&analysis, &map, metric))
        }
    }
}
