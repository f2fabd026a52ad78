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
    /// Pain points ranked (pain, then evidence) and metrics per stage and per lane.
    Report {
        map: String,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
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

fn open(db: Option<PathBuf>) -> Result<App, AppError> {
    let path = db.or_else(paths::default_db_path).ok_or_else(|| {
        AppError::Invalid(
            "no data folder is known on this system; pass --db PATH or set JOURNEYMAP_DB".into(),
        )
    })?;
    App::open(&path)
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
        Command::Report { map, json } => {
            let app = open(cli.db)?;
            let map = app.load_map(&app.resolve_map(&map)?)?;
            let report = journey_app::report_of(&map)?;
            if json {
                let mut s = serde_json::to_string_pretty(&report)
                    .map_err(|e| AppError::Io(format!("cannot write the report: {e}")))?;
                s.push('\n');
                print(&s)
            } else {
                print(&render::report(&report, &map))
            }
        }
    }
}
