//! `journeymap`: the whole job without a window. Each subcommand is a few lines over
//! [`journey_app::App`].
//!
//! Exit status: 0 on success, 1 on bad input or data (the first line of stderr names the
//! problem), 2 on a usage error.
//!
//! With `--library URL` (or `$JOURNEYMAP_LIBRARY`), the commands that read a map read the
//! team library's map instead of the local one, `list` lists the library, and `publish` and
//! `pull` move maps between the two. The connection string's password is never printed:
//! errors name it masked.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use journey_app::exports::{Drawing, DrawingFormat, DrawingOptions, ReportFormat};
use journey_app::files::{read_input, write_atomically, write_bytes_atomically};
use journey_app::insight::analysis_of;
use journey_app::{paths, App, AppError, ErrorCode, ImportMode, MapLocation};
use journey_core::filter::BoardFilter;
use journey_core::interchange::{self, Limits};
use journey_core::report as render;
use journey_core::svg::PageSize;

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
    /// The team library (a PostgreSQL connection string: postgres://user@host/db or
    /// host=… dbname=…). Default: $JOURNEYMAP_LIBRARY. With it, list, show, export,
    /// report, heatmap, render, export-csv and votes read the library's maps; publish and
    /// pull need it.
    #[arg(long, global = true, value_name = "URL", value_parser = secret)]
    library: Option<Secret>,
    /// The name your writes to the team library are signed with. Default:
    /// $JOURNEYMAP_USER, else $USER.
    #[arg(long, global = true, value_name = "NAME")]
    user: Option<String>,
    #[command(subcommand)]
    command: Command,
}

/// A connection string, which may hold a password: shown only masked.
#[derive(Clone)]
struct Secret(String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&journey_library::mask(&self.0))
    }
}

fn secret(s: &str) -> Result<Secret, String> {
    Ok(Secret(s.to_string()))
}

/// The environment variable that names the team library.
const LIBRARY_ENV: &str = "JOURNEYMAP_LIBRARY";

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
    /// Copy a local map into the team library (needs --library), whole, under the same
    /// ids; print its id.
    Publish {
        /// A local map's id, or its exact and unique name.
        map: String,
        /// Replace the library's map with the same id.
        #[arg(long)]
        replace: bool,
    },
    /// Copy a map of the team library into the local database (needs --library); print
    /// the local map's id.
    Pull {
        /// A library map's id, or its exact and unique name there.
        map: String,
        /// Replace the local map with the same id.
        #[arg(long, conflicts_with = "copy")]
        replace: bool,
        /// Pull as a new local map with fresh ids, its name marked as a copy.
        #[arg(long)]
        copy: bool,
    },
    /// Where customers hurt and how sure we are: pain points, pain paths, structure
    /// problems, hand-offs, backstage impact, metrics per stage and lane with evidence.
    Report {
        map: String,
        /// text (default), json (documented by docs/journeymap-report.schema.json), md,
        /// csv (the ranked pain points with their evidence, a row each), or pdf (a title
        /// page, the map, the heatmap, the curve, the pain points with their quotes, the
        /// paths, decisions and votes, on landscape pages; needs -o FILE).
        #[arg(long, value_enum, default_value_t = ReportArg::Text)]
        format: ReportArg,
        /// The same as --format json.
        #[arg(long, conflicts_with = "format")]
        json: bool,
        /// The PDF's paper, landscape.
        #[arg(long, value_enum, default_value_t = PageArg::A4)]
        page: PageArg,
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
        #[arg(long, value_enum, default_value_t = HeatArg::Pain)]
        metric: HeatArg,
    },
    /// Draw the map as SVG: stages as columns, lanes as rows, cards with their pain badge,
    /// emotion and feedback count, the stage figures with n, flow arrows routed between
    /// the cards. The same map always gives the same bytes.
    Render {
        map: String,
        /// svg (the default), png (twice the drawing's size, for slides; smaller for a map
        /// too big for that) or pdf (one page the size of the drawing, its text
        /// selectable). png and pdf need -o FILE.
        #[arg(long, value_enum, default_value_t = FormatArg::Svg)]
        format: FormatArg,
        /// What to draw: the map (default), the heatmap of mean pain or the emotion and
        /// pain curve.
        #[arg(long, value_enum, default_value_t = WhatArg::Map)]
        what: WhatArg,
        /// Only this stage (its id or its exact name; the map only).
        #[arg(long)]
        stage: Option<String>,
        /// Leave the flow arrows out.
        #[arg(long)]
        no_arrows: bool,
        /// PNG pixels per drawing unit, 0.25 to 4 (default 2).
        #[arg(long)]
        scale: Option<f32>,
        #[command(flatten)]
        filter: FilterArgs,
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

/// A filtered view of the map, as the board's filter bar sets it: only the cards that
/// meet every criterion given are drawn (the map only).
#[derive(Debug, clap::Args)]
struct FilterArgs {
    /// Only cards in this lane (its id or exact name).
    #[arg(long)]
    lane: Option<String>,
    /// Only cards with this owner.
    #[arg(long)]
    owner: Option<String>,
    /// Only cards on this channel.
    #[arg(long)]
    channel: Option<String>,
    /// Only cards with pain at or above this (0–10).
    #[arg(long, value_parser = clap::value_parser!(u8).range(0..=10))]
    min_pain: Option<u8>,
    /// Only cards whose evidence is weak.
    #[arg(long)]
    weak: bool,
    /// Only cards whose title, description, channel, owner or feedback contains this.
    #[arg(long)]
    search: Option<String>,
}

impl FilterArgs {
    /// The board's filter these flags describe; `None` without any.
    fn filter(self, app: &App, map_id: &str) -> Result<Option<BoardFilter>, AppError> {
        let lane_id = match self.lane {
            None => None,
            Some(l) => {
                let map = app.load_map(map_id)?;
                Some(
                    map.lanes
                        .iter()
                        .find(|x| x.id == l || x.name == l)
                        .map(|x| x.id.clone())
                        .ok_or_else(|| {
                            AppError::Invalid(format!(
                                "--lane {l:?}: no lane of {:?} has that id or name",
                                map.meta.name
                            ))
                        })?,
                )
            }
        };
        let f = BoardFilter {
            query: self.search.unwrap_or_default(),
            min_pain: self.min_pain,
            lane_id,
            owner: self.owner,
            channel: self.channel,
            weak_only: self.weak,
            cell: None,
        };
        Ok(f.is_active().then_some(f))
    }
}

/// What `render` draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum WhatArg {
    Map,
    Heatmap,
    Curve,
}

/// What `render` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum FormatArg {
    Svg,
    Png,
    Pdf,
}

/// How `report` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ReportArg {
    Text,
    Json,
    Md,
    Csv,
    Pdf,
}

/// The PDF report's paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum PageArg {
    A4,
    Letter,
}

/// What a heatmap cell shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum HeatArg {
    /// Mean pain of the cell's scored touchpoints.
    Pain,
    /// Highest pain in the cell.
    MaxPain,
    /// NPS of the cell's feedback, with n.
    Nps,
    /// Feedback items.
    Feedback,
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

/// Where the CLI's maps come from: the database, and the team library when one is given.
struct Source {
    db: Option<PathBuf>,
    library: Option<Secret>,
    user: String,
}

impl Source {
    fn of(cli: &Cli) -> Source {
        let library = cli.library.clone().or_else(|| {
            std::env::var(LIBRARY_ENV)
                .ok()
                .filter(|s| !s.trim().is_empty())
                .map(Secret)
        });
        let user = cli
            .user
            .clone()
            .or_else(|| std::env::var("JOURNEYMAP_USER").ok())
            .or_else(|| std::env::var("USER").ok())
            .or_else(|| std::env::var("USERNAME").ok())
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| "journeymap".to_string());
        Source {
            db: cli.db.clone(),
            library,
            user,
        }
    }

    /// The database, connected to the library when one is given. A library that does not
    /// answer is reported on stderr; the commands that need it then fail, and a map read
    /// before comes from the copy kept on this computer.
    fn app(&self) -> Result<App, AppError> {
        let mut app = open(self.db.clone())?;
        if let Some(url) = &self.library {
            match app.connect_library(&url.0, &self.user) {
                Ok(()) => {}
                Err(e) if e.code() == ErrorCode::Unreachable => {}
                Err(e) => return Err(e),
            }
        }
        Ok(app)
    }

    /// The database connected to the library, for `publish` and `pull`.
    fn app_with_library(&self, command: &str) -> Result<App, AppError> {
        if self.library.is_none() {
            return Err(AppError::Invalid(format!(
                "{command} needs the team library: give --library URL or set {LIBRARY_ENV}"
            )));
        }
        self.app()
    }

    /// The app with map `map` ready to read: the local map by id or name, or, with a
    /// library, the library's map opened from there (or from the copy kept on this
    /// computer, with a note on stderr, when the library does not answer).
    fn map(&self, map: &str) -> Result<(App, String), AppError> {
        let mut app = self.app()?;
        if self.library.is_none() {
            let id = app.resolve_map(map)?;
            return Ok((app, id));
        }
        let id = match app.resolve_library_map(map) {
            Ok(id) => id,
            Err(e) if e.code() == ErrorCode::Unreachable => map.to_string(),
            Err(e) => return Err(e),
        };
        let view = app.open_view_at(&id, MapLocation::Library)?;
        if let Some(why) = view.read_only {
            eprintln!("note: {why}");
        }
        Ok((app, id))
    }
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
    let source = Source::of(&cli);
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
        Command::List if source.library.is_some() => {
            let mut app = source.app()?;
            let mut s = String::new();
            for m in app.library_maps()? {
                let clean = |t: &str| t.replace(['\t', '\n'], " ");
                s.push_str(&format!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
                    m.id,
                    clean(&m.name),
                    m.stage_count,
                    m.touchpoint_count,
                    m.rev,
                    clean(&m.updated_by),
                    m.written_at
                ));
            }
            print(&s)
        }
        Command::Publish { map, replace } => {
            let mut app = source.app_with_library("publish")?;
            let id = app.resolve_map(&map)?;
            app.publish_map(&id, replace)?;
            print(&format!("{id}\n"))
        }
        Command::Pull { map, replace, copy } => {
            let mut app = source.app_with_library("pull")?;
            let id = app.resolve_library_map(&map)?;
            let mode = if replace {
                ImportMode::Replace
            } else if copy {
                ImportMode::Copy
            } else {
                ImportMode::Refuse
            };
            let local = app.pull_map(&id, mode)?;
            print(&format!("{local}\n"))
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
            let (app, id) = source.map(&map)?;
            print(&render::grid(&app.load_map(&id)?))
        }
        Command::Export { map, output } => {
            let (app, id) = source.map(&map)?;
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
            page,
            output,
        } => {
            let (app, id) = source.map(&map)?;
            let format = match (json, format) {
                (true, _) | (_, ReportArg::Json) => ReportFormat::Json,
                (_, ReportArg::Text) => ReportFormat::Text,
                (_, ReportArg::Md) => ReportFormat::Md,
                (_, ReportArg::Csv) => ReportFormat::Csv,
                (_, ReportArg::Pdf) => ReportFormat::Pdf,
            };
            let page = match page {
                PageArg::A4 => PageSize::A4,
                PageArg::Letter => PageSize::Letter,
            };
            if format == ReportFormat::Pdf && output.is_none() {
                return Err(AppError::Invalid(
                    "the PDF report is written to a file: give -o FILE".into(),
                ));
            }
            let bytes = app.report(&id, format, page, cli.today.as_deref())?;
            match output {
                Some(path) => write_bytes_atomically(&path, &bytes),
                None => print(&String::from_utf8_lossy(&bytes)),
            }
        }
        Command::Render {
            map,
            format,
            what,
            stage,
            no_arrows,
            scale,
            filter,
            output,
        } => {
            let (app, id) = source.map(&map)?;
            let format = match format {
                FormatArg::Svg => DrawingFormat::Svg,
                FormatArg::Png => DrawingFormat::Png,
                FormatArg::Pdf => DrawingFormat::Pdf,
            };
            if format != DrawingFormat::Svg && output.is_none() {
                return Err(AppError::Invalid(
                    "png and pdf are written to a file: give -o FILE".into(),
                ));
            }
            let options = DrawingOptions {
                what: match what {
                    WhatArg::Map => Drawing::Map,
                    WhatArg::Heatmap => Drawing::Heatmap,
                    WhatArg::Curve => Drawing::Curve,
                },
                format,
                stage,
                no_arrows,
                filter: filter.filter(&app, &id)?,
                scale,
            };
            let bytes = app.drawing(&id, &options, cli.today.as_deref())?;
            match output {
                Some(path) => write_bytes_atomically(&path, &bytes),
                None => print(&String::from_utf8_lossy(&bytes)),
            }
        }
        Command::ExportCsv {
            map,
            touchpoints,
            feedback: _,
            output,
        } => {
            let (app, id) = source.map(&map)?;
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
            let (app, id) = source.map(&map)?;
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
            let (app, id) = source.map(&map)?;
            let map = app.load_map(&id)?;
            let rules = app.evidence_rules_on(&id, cli.today.as_deref())?;
            let analysis = analysis_of(&map, &rules)?;
            let metric = match metric {
                HeatArg::Pain => render::HeatMetric::Pain,
                HeatArg::MaxPain => render::HeatMetric::MaxPain,
                HeatArg::Nps => render::HeatMetric::Nps,
                HeatArg::Feedback => render::HeatMetric::Feedback,
            };
            print(&render::heatmap(&analysis, &map, metric))
        }
    }
}
