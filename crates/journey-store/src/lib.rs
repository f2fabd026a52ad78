//! # journey-store
//!
//! Journeymap's SQLite storage. The rows are the source of truth: a map is read whole
//! with [`Store::load_map`], and every change goes through [`Store::write`], which runs one
//! `BEGIN IMMEDIATE` transaction and commits only if the closure succeeds.
//!
//! Every connection is opened by [`Store::open`], which first checks that the file is
//! ours and not from a newer build, *before* it writes anything; then it sets WAL,
//! `synchronous=FULL`, foreign keys, a busy timeout and `trusted_schema=OFF`, and applies
//! pending migrations in one transaction.
//!
//! Edits touch a handful of rows, found through indexes: their cost does not grow with
//! the size of the map. Reorderable things carry a real-valued `position`, so a move
//! rewrites one row.

use std::path::{Path, PathBuf};
use std::time::Duration;

use journey_core::model::*;
use rusqlite::{named_params, params, Connection, OpenFlags, OptionalExtension, Row, Transaction};

pub mod schema;

pub use schema::APPLICATION_ID;

/// Why a storage operation failed. Messages name the file or the thing concerned.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: not a Journeymap database (it holds other data); it was left unchanged")]
    NotJourneymap { path: String },
    #[error("{path}: not a database file ({detail}); it was left unchanged")]
    NotADatabase { path: String, detail: String },
    #[error(
        "{path}: made by a newer Journeymap (schema version {found}; this build reads up to \
         {supported}); it was left unchanged"
    )]
    TooNew {
        path: String,
        found: i64,
        supported: i64,
    },
    #[error("{path}: the database is read-only")]
    ReadOnly { path: String },
    #[error("{path}: cannot open the database ({detail})")]
    CannotOpen { path: String, detail: String },
    #[error("the database is damaged ({0})")]
    Corrupt(String),
    #[error("the database is busy: another program is writing to it")]
    Busy,
    #[error("no {what} with id {id}")]
    NotFound { what: &'static str, id: String },
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    #[error("migration failed: {0}")]
    Migration(String),
    /// Inserting a whole map failed because an id is taken. `list` is the map's list
    /// (`stages`, `touchpoints`…) and `index` the element's place in it.
    #[error("id {id} of /{list}/{index} is already in use")]
    IdInUse {
        list: &'static str,
        index: usize,
        id: String,
    },
}

/// Turns a uniqueness failure on element `index` of `list` into [`StoreError::IdInUse`].
fn in_use<'a>(
    list: &'static str,
    index: usize,
    id: &'a str,
) -> impl FnOnce(StoreError) -> StoreError + 'a {
    move |e| match &e {
        StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _))
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
                || f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE =>
        {
            StoreError::IdInUse {
                list,
                index,
                id: id.to_string(),
            }
        }
        _ => e,
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseCorrupt) | Some(ErrorCode::NotADatabase) => {
                StoreError::Corrupt(e.to_string())
            }
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => StoreError::Busy,
            _ => StoreError::Sqlite(e),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// One line of the map library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapSummary {
    pub id: Id,
    pub name: String,
    pub persona_name: String,
    pub stage_count: u32,
    pub touchpoint_count: u32,
    pub updated_at: String,
}

/// The reorderable lists a position key is relative to.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'a> {
    /// The stages of a map.
    Stages { map_id: &'a str },
    /// The lanes of a map.
    Lanes { map_id: &'a str },
    /// The touchpoints of one cell.
    Cell { stage_id: &'a str, lane_id: &'a str },
}

impl Scope<'_> {
    fn table_and_filter(&self) -> (&'static str, &'static str) {
        match self {
            Scope::Stages { .. } => ("stages", "map_id = ?1"),
            Scope::Lanes { .. } => ("lanes", "map_id = ?1"),
            Scope::Cell { .. } => ("touchpoints", "stage_id = ?1 AND lane_id = ?2"),
        }
    }

    fn keys(&self) -> (&str, &str) {
        match *self {
            Scope::Stages { map_id } | Scope::Lanes { map_id } => (map_id, ""),
            Scope::Cell { stage_id, lane_id } => (stage_id, lane_id),
        }
    }
}

/// An open Journeymap database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (or creates) the database at `path`. A file that is not ours, is not a
    /// database, or was made by a newer build is refused before anything is written.
    pub fn open(path: &Path) -> Result<Store> {
        let shown = path.display().to_string();
        if path.is_dir() {
            return Err(StoreError::CannotOpen {
                path: shown,
                detail: "it is a folder".into(),
            });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn =
            Connection::open_with_flags(path, flags).map_err(|e| StoreError::CannotOpen {
                path: shown.clone(),
                detail: e.to_string(),
            })?;
        conn.busy_timeout(Duration::from_secs(5))?;

        // Identify the file with reads only.
        let identity = (|| -> rusqlite::Result<(i32, i64, i64)> {
            let app_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
            let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
            let objects: i64 =
                conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
            Ok((app_id, version, objects))
        })();
        let (app_id, version, objects) = identity.map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotADatabase {
                path: shown.clone(),
                detail: e.to_string(),
            },
            Some(rusqlite::ErrorCode::DatabaseCorrupt) => {
                StoreError::Corrupt(format!("{shown}: {e}"))
            }
            _ => StoreError::CannotOpen {
                path: shown.clone(),
                detail: e.to_string(),
            },
        })?;
        let fresh = app_id == 0 && version == 0 && objects == 0;
        if app_id != APPLICATION_ID && !fresh {
            return Err(StoreError::NotJourneymap { path: shown });
        }
        if version > schema::latest_version() {
            return Err(StoreError::TooNew {
                path: shown,
                found: version,
                supported: schema::latest_version(),
            });
        }
        if conn.is_readonly(rusqlite::MAIN_DB)? {
            return Err(StoreError::ReadOnly { path: shown });
        }

        let mode: String =
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::CannotOpen {
                path: shown,
                detail: format!("write-ahead logging is not available (journal mode {mode})"),
            });
        }
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "trusted_schema", "OFF")?;
        let mut conn = conn;
        schema::migrations()
            .to_latest(&mut conn)
            .map_err(|e| StoreError::Migration(e.to_string()))?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction: all of it is committed, or none.
    pub fn write<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&Write<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(StoreError::from)?;
        let w = Write { tx };
        let out = f(&w)?;
        w.tx.commit().map_err(StoreError::from)?;
        Ok(out)
    }

    /// Every map, by name.
    pub fn list_maps(&self) -> Result<Vec<MapSummary>> {
        read::list_maps(&self.conn)
    }

    /// A whole map, in display order.
    pub fn load_map(&self, id: &str) -> Result<JourneyMap> {
        read::load_map(&self.conn, id)
    }

    /// The name of the map with this id, if there is one.
    pub fn map_name(&self, id: &str) -> Result<Option<String>> {
        read::map_name(&self.conn, id)
    }

    /// The map's own fields.
    pub fn load_meta(&self, id: &str) -> Result<MapMeta> {
        read::load_meta(&self.conn, id)
    }

    /// The map's links, in their order.
    pub fn load_links(&self, id: &str) -> Result<Vec<Link>> {
        read::load_links(&self.conn, id)
    }

    /// SQLite's `data_version`: it changes when another connection (another process, such
    /// as the CLI) commits to the database, and not for this connection's own writes. A
    /// cache of what was read stays valid while it is unchanged.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// Feedback on one touchpoint or stage, oldest first.
    pub fn feedback_for(&self, target: &FeedbackTarget) -> Result<Vec<Feedback>> {
        let (col, id) = match target {
            FeedbackTarget::Touchpoint(id) => ("touchpoint_id", id),
            FeedbackTarget::Stage(id) => ("stage_id", id),
        };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {FEEDBACK_COLS} FROM feedback WHERE {col} = ?1 ORDER BY seq"
        ))?;
        let rows = stmt.query_map([id], feedback_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A setting, if it was ever set.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Sets a setting (its own small transaction).
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        Ok(())
    }

    /// Writes a consistent copy of the database to `dest` with `VACUUM INTO`.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        let dest = dest.to_string_lossy().to_string();
        self.conn.execute("VACUUM INTO ?1", [dest])?;
        Ok(())
    }
}

/// A write transaction. Everything done through one `Write` commits together.
#[derive(Debug)]
pub struct Write<'c> {
    tx: Transaction<'c>,
}

/// Reads that work on the connection and inside a write transaction alike.
mod read {
    use super::*;

    pub(crate) fn list_maps(conn: &Connection) -> Result<Vec<MapSummary>> {
        let mut stmt = conn.prepare_cached(
            "SELECT m.id, m.name, m.persona_name, m.updated_at,
                    (SELECT count(*) FROM stages s WHERE s.map_id = m.id),
                    (SELECT count(*) FROM touchpoints t WHERE t.map_id = m.id)
             FROM maps m ORDER BY m.name COLLATE NOCASE, m.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(MapSummary {
                id: r.get(0)?,
                name: r.get(1)?,
                persona_name: r.get(2)?,
                updated_at: r.get(3)?,
                stage_count: r.get(4)?,
                touchpoint_count: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub(crate) fn map_name(conn: &Connection, id: &str) -> Result<Option<String>> {
        Ok(conn
            .query_row("SELECT name FROM maps WHERE id = ?1", [id], |r| r.get(0))
            .optional()?)
    }

    pub(crate) fn load_meta(conn: &Connection, id: &str) -> Result<MapMeta> {
        conn.query_row(
            "SELECT id, name, description, persona_name, persona_description, created_at, updated_at
             FROM maps WHERE id = ?1",
            [id],
            |r| {
                Ok(MapMeta {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    description: r.get(2)?,
                    persona: Persona { name: r.get(3)?, description: r.get(4)? },
                    created_at: r.get(5)?,
                    updated_at: r.get(6)?,
                })
            },
        )
        .optional()?
        .ok_or_else(|| StoreError::NotFound { what: "map", id: id.to_string() })
    }

    pub(crate) fn load_map(conn: &Connection, id: &str) -> Result<JourneyMap> {
        let meta = load_meta(conn, id)?;
        let stages = collect(
            conn,
            &format!("SELECT {STAGE_COLS} FROM stages WHERE map_id = ?1"),
            id,
            stage_row,
        )?;
        let lanes = collect(
            conn,
            &format!("SELECT {LANE_COLS} FROM lanes WHERE map_id = ?1"),
            id,
            lane_row,
        )?;
        let touchpoints = collect(
            conn,
            &format!("SELECT {TOUCHPOINT_COLS} FROM touchpoints WHERE map_id = ?1"),
            id,
            touchpoint_row,
        )?;
        let links = load_links(conn, id)?;
        let feedback = collect(
            conn,
            &format!("SELECT {FEEDBACK_COLS} FROM feedback WHERE map_id = ?1 ORDER BY seq"),
            id,
            feedback_row,
        )?;
        let mut map = JourneyMap {
            meta,
            stages,
            lanes,
            touchpoints,
            links,
            feedback,
        };
        map.sort_for_display();
        Ok(map)
    }

    pub(crate) fn load_links(conn: &Connection, id: &str) -> Result<Vec<Link>> {
        collect(
            conn,
            &format!("SELECT {LINK_COLS} FROM links WHERE map_id = ?1 ORDER BY seq"),
            id,
            link_row,
        )
    }

    fn collect<T>(
        conn: &Connection,
        sql: &str,
        id: &str,
        f: fn(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut stmt = conn.prepare_cached(sql)?;
        let rows = stmt.query_map([id], f)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

const STAGE_COLS: &str = "id, name, description, pain, emotion, position";
const LANE_COLS: &str = "id, name, kind, hidden, position";
const TOUCHPOINT_COLS: &str =
    "id, stage_id, lane_id, title, description, channel, owner, pain, emotion, position";
const LINK_COLS: &str = "id, from_id, to_id, kind, label";
const FEEDBACK_COLS: &str =
    "id, touchpoint_id, stage_id, kind, text, source, date, segment, nps, csat, ces";

fn bad_value(col: usize, what: &str, value: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        col,
        rusqlite::types::Type::Text,
        format!("unknown {what} {value:?}").into(),
    )
}

fn stage_row(r: &Row<'_>) -> rusqlite::Result<Stage> {
    stage_row_at(r, 0)
}

fn stage_row_at(r: &Row<'_>, o: usize) -> rusqlite::Result<Stage> {
    Ok(Stage {
        id: r.get(o)?,
        name: r.get(o + 1)?,
        description: r.get(o + 2)?,
        pain: r.get(o + 3)?,
        emotion: r.get(o + 4)?,
        position: r.get(o + 5)?,
    })
}

fn lane_row(r: &Row<'_>) -> rusqlite::Result<Lane> {
    lane_row_at(r, 0)
}

fn lane_row_at(r: &Row<'_>, o: usize) -> rusqlite::Result<Lane> {
    let kind: String = r.get(o + 2)?;
    Ok(Lane {
        id: r.get(o)?,
        name: r.get(o + 1)?,
        kind: LaneKind::parse(&kind).ok_or_else(|| bad_value(o + 2, "lane kind", &kind))?,
        hidden: r.get(o + 3)?,
        position: r.get(o + 4)?,
    })
}

fn touchpoint_row(r: &Row<'_>) -> rusqlite::Result<Touchpoint> {
    touchpoint_row_at(r, 0)
}

fn touchpoint_row_at(r: &Row<'_>, o: usize) -> rusqlite::Result<Touchpoint> {
    Ok(Touchpoint {
        id: r.get(o)?,
        stage_id: r.get(o + 1)?,
        lane_id: r.get(o + 2)?,
        title: r.get(o + 3)?,
        description: r.get(o + 4)?,
        channel: r.get(o + 5)?,
        owner: r.get(o + 6)?,
        pain: r.get(o + 7)?,
        emotion: r.get(o + 8)?,
        position: r.get(o + 9)?,
    })
}

fn link_row(r: &Row<'_>) -> rusqlite::Result<Link> {
    link_row_at(r, 0)
}

fn link_row_at(r: &Row<'_>, o: usize) -> rusqlite::Result<Link> {
    let kind: String = r.get(o + 3)?;
    Ok(Link {
        id: r.get(o)?,
        from: r.get(o + 1)?,
        to: r.get(o + 2)?,
        kind: LinkKind::parse(&kind).ok_or_else(|| bad_value(o + 3, "link kind", &kind))?,
        label: r.get(o + 4)?,
    })
}

fn feedback_row(r: &Row<'_>) -> rusqlite::Result<Feedback> {
    feedback_row_at(r, 0)
}

fn feedback_row_at(r: &Row<'_>, o: usize) -> rusqlite::Result<Feedback> {
    let kind: String = r.get(o + 3)?;
    let tp: Option<String> = r.get(o + 1)?;
    let st: Option<String> = r.get(o + 2)?;
    let target = match (tp, st) {
        (Some(t), _) => FeedbackTarget::Touchpoint(t),
        (None, Some(s)) => FeedbackTarget::Stage(s),
        (None, None) => return Err(bad_value(o + 1, "feedback target", "")),
    };
    Ok(Feedback {
        id: r.get(o)?,
        target,
        kind: FeedbackKind::parse(&kind).ok_or_else(|| bad_value(o + 3, "feedback kind", &kind))?,
        text: r.get(o + 4)?,
        source: r.get(o + 5)?,
        date: r.get(o + 6)?,
        segment: r.get(o + 7)?,
        answers: SurveyAnswers {
            nps: r.get(o + 8)?,
            csat: r.get(o + 9)?,
            ces: r.get(o + 10)?,
        },
    })
}

fn not_found(what: &'static str, id: &str) -> StoreError {
    StoreError::NotFound {
        what,
        id: id.to_string(),
    }
}

/// Fails with `NotFound` when an update or delete matched no row.
fn one_row(changed: usize, what: &'static str, id: &str) -> Result<()> {
    if changed == 0 {
        Err(not_found(what, id))
    } else {
        Ok(())
    }
}

impl Write<'_> {
    pub fn load_map(&self, id: &str) -> Result<JourneyMap> {
        read::load_map(&self.tx, id)
    }

    pub fn load_meta(&self, id: &str) -> Result<MapMeta> {
        read::load_meta(&self.tx, id)
    }

    pub fn map_name(&self, id: &str) -> Result<Option<String>> {
        read::map_name(&self.tx, id)
    }

    /// Which map, if any, already uses `id` for a stage, lane, touchpoint, link or
    /// feedback item: `(map id, map name)`.
    pub fn owner_of_id(&self, id: &str) -> Result<Option<(Id, String)>> {
        Ok(self
            .tx
            .query_row(
                "SELECT m.id, m.name FROM maps m WHERE m.id IN (
                    SELECT map_id FROM stages WHERE id = ?1
                    UNION ALL SELECT map_id FROM lanes WHERE id = ?1
                    UNION ALL SELECT map_id FROM touchpoints WHERE id = ?1
                    UNION ALL SELECT map_id FROM links WHERE id = ?1
                    UNION ALL SELECT map_id FROM feedback WHERE id = ?1)",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// Inserts a whole map. The map must be consistent (as `parse_map_file` and
    /// `load_map` give it); the schema's constraints are the last line of defence.
    pub fn insert_map(&self, map: &JourneyMap) -> Result<()> {
        let m = &map.meta;
        self.tx.execute(
            "INSERT INTO maps (id, name, description, persona_name, persona_description, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![m.id, m.name, m.description, m.persona.name, m.persona.description, m.created_at, m.updated_at],
        )
        .map_err(StoreError::from)
        .map_err(in_use("map", 0, &m.id))?;
        for (i, s) in map.stages.iter().enumerate() {
            self.insert_stage(&m.id, s)
                .map_err(in_use("stages", i, &s.id))?;
        }
        for (i, l) in map.lanes.iter().enumerate() {
            self.insert_lane(&m.id, l)
                .map_err(in_use("lanes", i, &l.id))?;
        }
        for (i, t) in map.touchpoints.iter().enumerate() {
            self.insert_touchpoint(&m.id, t)
                .map_err(in_use("touchpoints", i, &t.id))?;
        }
        for (i, l) in map.links.iter().enumerate() {
            self.insert_link(&m.id, l, None)
                .map_err(in_use("links", i, &l.id))?;
        }
        for (i, f) in map.feedback.iter().enumerate() {
            self.insert_feedback(&m.id, f, None)
                .map_err(in_use("feedback", i, &f.id))?;
        }
        Ok(())
    }

    /// Deletes a map and, through the cascades, everything in it.
    pub fn delete_map(&self, id: &str) -> Result<()> {
        let n = self.tx.execute("DELETE FROM maps WHERE id = ?1", [id])?;
        one_row(n, "map", id)
    }

    /// Writes the map's own fields (name, description, persona, times).
    pub fn update_meta(&self, m: &MapMeta) -> Result<()> {
        let n = self.tx.execute(
            "UPDATE maps SET name = ?2, description = ?3, persona_name = ?4,
                    persona_description = ?5, created_at = ?6, updated_at = ?7 WHERE id = ?1",
            params![
                m.id,
                m.name,
                m.description,
                m.persona.name,
                m.persona.description,
                m.created_at,
                m.updated_at
            ],
        )?;
        one_row(n, "map", &m.id)
    }

    /// Records that the map changed at `now`.
    pub fn touch_map(&self, map_id: &str, now: &str) -> Result<()> {
        let n = self
            .tx
            .prepare_cached("UPDATE maps SET updated_at = ?2 WHERE id = ?1")?
            .execute(params![map_id, now])?;
        one_row(n, "map", map_id)
    }

    // Stages.

    pub fn get_stage(&self, id: &str) -> Result<(Id, Stage)> {
        self.get(
            &format!("SELECT map_id, {STAGE_COLS} FROM stages WHERE id = ?1"),
            id,
            "stage",
            stage_row_at,
        )
    }

    pub fn insert_stage(&self, map_id: &str, s: &Stage) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO stages (map_id, id, name, description, pain, emotion, position)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                map_id,
                s.id,
                s.name,
                s.description,
                s.pain,
                s.emotion,
                s.position
            ])?;
        Ok(())
    }

    pub fn update_stage(&self, s: &Stage) -> Result<()> {
        let n = self
            .tx
            .prepare_cached(
                "UPDATE stages SET name = ?2, description = ?3, pain = ?4, emotion = ?5, position = ?6
                 WHERE id = ?1",
            )?
            .execute(params![s.id, s.name, s.description, s.pain, s.emotion, s.position])?;
        one_row(n, "stage", &s.id)
    }

    /// Deletes a stage with its touchpoints, their links and feedback.
    pub fn delete_stage(&self, id: &str) -> Result<()> {
        let n = self.tx.execute("DELETE FROM stages WHERE id = ?1", [id])?;
        one_row(n, "stage", id)
    }

    // Lanes.

    pub fn get_lane(&self, id: &str) -> Result<(Id, Lane)> {
        self.get(
            &format!("SELECT map_id, {LANE_COLS} FROM lanes WHERE id = ?1"),
            id,
            "lane",
            lane_row_at,
        )
    }

    pub fn insert_lane(&self, map_id: &str, l: &Lane) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO lanes (map_id, id, name, kind, hidden, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![map_id, l.id, l.name, l.kind.as_str(), l.hidden, l.position])?;
        Ok(())
    }

    pub fn update_lane(&self, l: &Lane) -> Result<()> {
        let n = self
            .tx
            .prepare_cached(
                "UPDATE lanes SET name = ?2, kind = ?3, hidden = ?4, position = ?5 WHERE id = ?1",
            )?
            .execute(params![l.id, l.name, l.kind.as_str(), l.hidden, l.position])?;
        one_row(n, "lane", &l.id)
    }

    pub fn delete_lane(&self, id: &str) -> Result<()> {
        let n = self.tx.execute("DELETE FROM lanes WHERE id = ?1", [id])?;
        one_row(n, "lane", id)
    }

    // Touchpoints.

    pub fn get_touchpoint(&self, id: &str) -> Result<(Id, Touchpoint)> {
        self.get(
            &format!("SELECT map_id, {TOUCHPOINT_COLS} FROM touchpoints WHERE id = ?1"),
            id,
            "touchpoint",
            touchpoint_row_at,
        )
    }

    pub fn insert_touchpoint(&self, map_id: &str, t: &Touchpoint) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO touchpoints (map_id, id, stage_id, lane_id, title, description, channel,
                                          owner, pain, emotion, position)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?
            .execute(params![
                map_id, t.id, t.stage_id, t.lane_id, t.title, t.description, t.channel, t.owner,
                t.pain, t.emotion, t.position
            ])?;
        Ok(())
    }

    pub fn update_touchpoint(&self, t: &Touchpoint) -> Result<()> {
        let n = self
            .tx
            .prepare_cached(
                "UPDATE touchpoints SET stage_id = ?2, lane_id = ?3, title = ?4, description = ?5,
                        channel = ?6, owner = ?7, pain = ?8, emotion = ?9, position = ?10
                 WHERE id = ?1",
            )?
            .execute(params![
                t.id,
                t.stage_id,
                t.lane_id,
                t.title,
                t.description,
                t.channel,
                t.owner,
                t.pain,
                t.emotion,
                t.position
            ])?;
        one_row(n, "touchpoint", &t.id)
    }

    /// Deletes a touchpoint with its links and feedback.
    pub fn delete_touchpoint(&self, id: &str) -> Result<()> {
        let n = self
            .tx
            .execute("DELETE FROM touchpoints WHERE id = ?1", [id])?;
        one_row(n, "touchpoint", id)
    }

    /// The touchpoints of a stage or a lane (what deleting it takes along).
    pub fn touchpoints_in(
        &self,
        stage_id: Option<&str>,
        lane_id: Option<&str>,
    ) -> Result<Vec<Touchpoint>> {
        let mut stmt = self.tx.prepare_cached(&format!(
            "SELECT {TOUCHPOINT_COLS} FROM touchpoints
             WHERE (?1 IS NULL OR stage_id = ?1) AND (?2 IS NULL OR lane_id = ?2)
             ORDER BY position"
        ))?;
        let rows = stmt.query_map(params![stage_id, lane_id], touchpoint_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    // Links.

    /// A link and its sequence number (which keeps its place in the map's order).
    pub fn get_link(&self, id: &str) -> Result<(Id, i64, Link)> {
        self.get_seq(
            &format!("SELECT map_id, seq, {LINK_COLS} FROM links WHERE id = ?1"),
            id,
            "link",
            link_row_at,
        )
    }

    /// Inserts a link; `seq` restores an old place in the order, `None` appends.
    pub fn insert_link(&self, map_id: &str, l: &Link, seq: Option<i64>) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO links (seq, map_id, id, from_id, to_id, kind, label) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![seq, map_id, l.id, l.from, l.to, l.kind.as_str(), l.label])?;
        Ok(())
    }

    pub fn update_link(&self, l: &Link) -> Result<()> {
        let n = self
            .tx
            .prepare_cached(
                "UPDATE links SET from_id = ?2, to_id = ?3, kind = ?4, label = ?5 WHERE id = ?1",
            )?
            .execute(params![l.id, l.from, l.to, l.kind.as_str(), l.label])?;
        one_row(n, "link", &l.id)
    }

    pub fn delete_link(&self, id: &str) -> Result<()> {
        let n = self.tx.execute("DELETE FROM links WHERE id = ?1", [id])?;
        one_row(n, "link", id)
    }

    /// Whether a link of `kind` from `from` to `to` exists already.
    pub fn link_exists(&self, from: &str, to: &str, kind: LinkKind) -> Result<bool> {
        Ok(self
            .tx
            .query_row(
                "SELECT 1 FROM links WHERE from_id = ?1 AND to_id = ?2 AND kind = ?3",
                params![from, to, kind.as_str()],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// Links touching any of the touchpoints, with their sequence numbers.
    pub fn links_of(&self, touchpoints: &[Id]) -> Result<Vec<(i64, Link)>> {
        let mut out = Vec::new();
        let mut stmt = self.tx.prepare_cached(&format!(
            "SELECT seq, {LINK_COLS} FROM links WHERE from_id = ?1 OR to_id = ?1"
        ))?;
        for t in touchpoints {
            let rows = stmt.query_map([t], |r| {
                let seq: i64 = r.get(0)?;
                let link = link_row_at(r, 1)?;
                Ok((seq, link))
            })?;
            for row in rows {
                let row = row?;
                if !out.iter().any(|(s, _)| *s == row.0) {
                    out.push(row);
                }
            }
        }
        out.sort_by_key(|(s, _)| *s);
        Ok(out)
    }

    // Feedback.

    pub fn get_feedback(&self, id: &str) -> Result<(Id, i64, Feedback)> {
        self.get_seq(
            &format!("SELECT map_id, seq, {FEEDBACK_COLS} FROM feedback WHERE id = ?1"),
            id,
            "feedback",
            feedback_row_at,
        )
    }

    /// Inserts feedback; `seq` restores an old place in the order, `None` appends.
    pub fn insert_feedback(&self, map_id: &str, f: &Feedback, seq: Option<i64>) -> Result<()> {
        let (tp, st) = f.target.ids();
        self.tx
            .prepare_cached(
                "INSERT INTO feedback (seq, map_id, id, touchpoint_id, stage_id, kind, text, source, date,
                                       segment, nps, csat, ces)
                 VALUES (:seq, :map, :id, :tp, :st, :kind, :text, :source, :date, :segment, :nps, :csat, :ces)",
            )?
            .execute(named_params! {
                ":seq": seq, ":map": map_id, ":id": f.id, ":tp": tp, ":st": st,
                ":kind": f.kind.as_str(), ":text": f.text, ":source": f.source, ":date": f.date,
                ":segment": f.segment, ":nps": f.answers.nps, ":csat": f.answers.csat, ":ces": f.answers.ces,
            })?;
        Ok(())
    }

    pub fn update_feedback(&self, f: &Feedback) -> Result<()> {
        let (tp, st) = f.target.ids();
        let n = self
            .tx
            .prepare_cached(
                "UPDATE feedback SET touchpoint_id = :tp, stage_id = :st, kind = :kind, text = :text,
                        source = :source, date = :date, segment = :segment, nps = :nps, csat = :csat, ces = :ces
                 WHERE id = :id",
            )?
            .execute(named_params! {
                ":id": f.id, ":tp": tp, ":st": st, ":kind": f.kind.as_str(), ":text": f.text,
                ":source": f.source, ":date": f.date, ":segment": f.segment,
                ":nps": f.answers.nps, ":csat": f.answers.csat, ":ces": f.answers.ces,
            })?;
        one_row(n, "feedback", &f.id)
    }

    pub fn delete_feedback(&self, id: &str) -> Result<()> {
        let n = self
            .tx
            .execute("DELETE FROM feedback WHERE id = ?1", [id])?;
        one_row(n, "feedback", id)
    }

    /// Feedback on any of the touchpoints or stages, with sequence numbers.
    pub fn feedback_on(&self, targets: &[FeedbackTarget]) -> Result<Vec<(i64, Feedback)>> {
        let mut out = Vec::new();
        for t in targets {
            let (sql, id) = match t {
                FeedbackTarget::Touchpoint(id) => ("touchpoint_id", id),
                FeedbackTarget::Stage(id) => ("stage_id", id),
            };
            let mut stmt = self.tx.prepare_cached(&format!(
                "SELECT seq, {FEEDBACK_COLS} FROM feedback WHERE {sql} = ?1"
            ))?;
            let rows = stmt.query_map([id], |r| Ok((r.get(0)?, feedback_row_at(r, 1)?)))?;
            for row in rows {
                out.push(row?);
            }
        }
        out.sort_by_key(|(s, _)| *s);
        Ok(out)
    }

    // Positions.

    /// The position key that puts an item at `index` (0-based) among the items of
    /// `scope`, not counting `moving` itself. Reads at most two rows through the index; if
    /// the gap between neighbours has worn too thin, the scope is renumbered first.
    pub fn position_at(&self, scope: Scope<'_>, moving: Option<&str>, index: usize) -> Result<f64> {
        let (table, filter) = scope.table_and_filter();
        let (k1, k2) = scope.keys();
        let sql = format!(
            "SELECT position FROM {table} WHERE {filter} AND id IS NOT ?3
             ORDER BY position, id LIMIT 2 OFFSET ?4"
        );
        let neighbours = |offset: usize| -> Result<Vec<f64>> {
            let mut stmt = self.tx.prepare_cached(&sql)?;
            let k2: Option<&str> = if k2.is_empty() { None } else { Some(k2) };
            let rows = stmt.query_map(params![k1, k2, moving, offset as i64], |r| r.get(0))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        let pick = |rows: &[f64]| -> Option<f64> {
            if index == 0 {
                return Some(rows.first().map_or(1.0, |next| next - 1.0));
            }
            match rows {
                [] => None, // index past the end: append
                [prev] => Some(prev + 1.0),
                [prev, next, ..] if next - prev > 1e-6 => Some((prev + next) / 2.0),
                _ => Some(f64::NAN),
            }
        };
        let offset = index.saturating_sub(1);
        let rows = neighbours(offset)?;
        match pick(&rows) {
            Some(p) if p.is_finite() => Ok(p),
            Some(_) => {
                self.renumber(scope)?;
                let rows = neighbours(offset)?;
                Ok(pick(&rows)
                    .filter(|p| p.is_finite())
                    .unwrap_or(index as f64 + 1.0))
            }
            None => self.end_position(scope, moving),
        }
    }

    /// The position key after the last item of `scope`.
    pub fn end_position(&self, scope: Scope<'_>, moving: Option<&str>) -> Result<f64> {
        let (table, filter) = scope.table_and_filter();
        let (k1, k2) = scope.keys();
        let sql = format!("SELECT max(position) FROM {table} WHERE {filter} AND id IS NOT ?3");
        let k2: Option<&str> = if k2.is_empty() { None } else { Some(k2) };
        let max: Option<f64> = self
            .tx
            .query_row(&sql, params![k1, k2, moving], |r| r.get(0))?;
        Ok(max.map_or(1.0, |m| m.floor() + 1.0))
    }

    /// Gives the items of `scope` positions 1, 2, 3… in their current order.
    fn renumber(&self, scope: Scope<'_>) -> Result<()> {
        let (table, filter) = scope.table_and_filter();
        let (k1, k2) = scope.keys();
        let k2: Option<&str> = if k2.is_empty() { None } else { Some(k2) };
        let ids: Vec<String> = {
            let mut stmt = self.tx.prepare(&format!(
                "SELECT id FROM {table} WHERE {filter} AND ?2 IS ?2 ORDER BY position, id"
            ))?;
            let rows = stmt.query_map(params![k1, k2], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut stmt = self
            .tx
            .prepare(&format!("UPDATE {table} SET position = ?2 WHERE id = ?1"))?;
        for (i, id) in ids.iter().enumerate() {
            stmt.execute(params![id, i as f64 + 1.0])?;
        }
        Ok(())
    }

    fn get<T>(
        &self,
        sql: &str,
        id: &str,
        what: &'static str,
        f: fn(&Row<'_>, usize) -> rusqlite::Result<T>,
    ) -> Result<(Id, T)> {
        self.tx
            .query_row(sql, [id], |r| {
                let map_id: String = r.get(0)?;
                Ok((map_id, f(r, 1)?))
            })
            .optional()?
            .ok_or_else(|| not_found(what, id))
    }

    fn get_seq<T>(
        &self,
        sql: &str,
        id: &str,
        what: &'static str,
        f: fn(&Row<'_>, usize) -> rusqlite::Result<T>,
    ) -> Result<(Id, i64, T)> {
        self.tx
            .query_row(sql, [id], |r| {
                let map_id: String = r.get(0)?;
                let seq: i64 = r.get(1)?;
                Ok((map_id, seq, f(r, 2)?))
            })
            .optional()?
            .ok_or_else(|| not_found(what, id))
    }
}
