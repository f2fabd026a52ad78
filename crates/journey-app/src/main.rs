//! `journeymap`: the whole job without a window. Each subcommand is a few lines over
//! [`journey_app::App`].
//!
//! Exit status: 0 on success, 1 on bad input or data (the first line of stderr names the
//! problem), 2 on a usage error.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use journey_app::{paths, render, App, AppError, ImportMode};
use journey_core::interchange::{self, Limits};

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
                let _ = writeln!(err, "error: {line}");
            }
            ExitCode::from(1)
        }
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

/// Reads a file (or stdin for "-"), refusing one larger than the import limit before
/// reading it.
fn read_input(path: &Path) -> Result<Vec<u8>, AppError> {
    let max = Limits::default().max_bytes;
    let io = |e: std::io::Error| AppError::Io(format!("{}: cannot read ({e})", path.display()));
    let mut bytes = Vec::new();
    if path == Path::new("-") {
        std::io::stdin()
            .take(max as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(io)?;
    } else {
        let file = std::fs::File::open(path).map_err(io)?;
        if file.metadata().map_err(io)?.is_dir() {
            return Err(AppError::Io(format!(
                "{}: is a folder, not a file",
                path.display()
            )));
        }
        file.take(max as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(io)?;
    }
    if bytes.len() > max {
        return Err(AppError::Invalid(format!(
            "{}: the file is larger than {} MiB, the most an import reads",
            path.display(),
            max / (1024 * 1024)
        )));
    }
    Ok(bytes)
}

/// Writes `text` to `path` through a temporary file in the same folder, so a failure never
/// leaves half a file behind.
fn write_atomically(path: &Path, text: &str) -> Result<(), AppError> {
    let io = |e: std::io::Error| AppError::Io(format!("{}: cannot write ({e})", path.display()));
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| AppError::Io(format!("{}: not a file name", path.display())))?;
    let tmp = dir.join(format!(".{}.partial", name.to_string_lossy()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(io)
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
            let id = app.resolve_map(&map)?;
            let report = app.report(&id)?;
            if json {
                let mut s = serde_json::to_string_pretty(&report)
                    .map_err(|e| AppError::Io(format!("cannot write the report: {e}")))?;
                s.push('\n');
                print(&s)
            } else {
                print(&render::report(&report, &app.load_map(&id)?))
            }
        }
    }
}
