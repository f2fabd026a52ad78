//! Salvage: when a database is damaged and there is no backup, keep what SQLite can still
//! read. Every table is read by rowid in small batches; a batch that hits a damaged page
//! is skipped past with growing jumps, and a row whose values cannot be read is left out
//! and counted. What was read is put back together map by map (a touchpoint needs its
//! stage and lane, a link both ends, feedback its touchpoint or stage), with values the
//! schema would refuse cleared, and written into a new database at the same path. The
//! damaged file and its `-wal`/`-shm` are moved aside first, never deleted.
//!
//! Each salvaged map is renamed "… (salvaged)" and the new database records where the
//! damaged file went (`salvaged_from`), so nobody takes a salvaged map for a whole one.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use journey_core::model::*;
use rusqlite::{Connection, OpenFlags, Row};

use crate::error::{Result, StoreError};
use crate::table;
use crate::Store;

/// The setting a salvaged database records the damaged file's new name under.
pub const SALVAGED_FROM_KEY: &str = "salvaged_from";

/// What one map kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SalvagedMap {
    pub name: String,
    pub stages: usize,
    pub lanes: usize,
    pub touchpoints: usize,
    pub links: usize,
    pub feedback: usize,
}

/// What a salvage kept and left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Salvaged {
    pub maps: Vec<SalvagedMap>,
    /// Rows that could not be read or no longer fit (their map, stage or touchpoint lost).
    pub rows_left_out: usize,
    /// Maps read but refused by the new database, with why.
    pub maps_lost: Vec<String>,
    /// Where the damaged database and its `-wal`/`-shm` were moved.
    pub moved_aside: Vec<PathBuf>,
}

/// Rows read from one table, with the map each belongs to.
struct Read<T> {
    rows: Vec<(Id, T)>,
    left_out: usize,
}

impl<T> Default for Read<T> {
    fn default() -> Self {
        Read {
            rows: Vec::new(),
            left_out: 0,
        }
    }
}

fn has_table(conn: &Connection, name: &str) -> bool {
    conn.query_row(
        "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1",
        [name],
        |_| Ok(()),
    )
    .is_ok()
}

/// The rounds' dots as far as they can be read, in each round's order, and whether all
/// of them were: `round_votes` has no rowid to resume from, so a damaged page ends the
/// read there.
fn read_votes(conn: &Connection) -> (Vec<(Id, Vote)>, bool) {
    let mut out = Vec::new();
    let Ok(mut stmt) = conn.prepare(
        "SELECT round_id, touchpoint_id, dots FROM round_votes ORDER BY round_id, position",
    ) else {
        return (out, false);
    };
    let Ok(mut rows) = stmt.query([]) else {
        return (out, false);
    };
    let mut whole = true;
    loop {
        match rows.next() {
            Ok(Some(r)) => match (r.get(0), r.get(1), r.get(2)) {
                (Ok(round), Ok(touchpoint_id), Ok(dots)) => out.push((
                    round,
                    Vote {
                        touchpoint_id,
                        dots,
                    },
                )),
                _ => whole = false,
            },
            Ok(None) => break,
            Err(_) => {
                whole = false;
                break;
            }
        }
    }
    (out, whole)
}

/// Reads every row of `table` it can: `SELECT rowid, map_id, <cols>` in batches by rowid;
/// a batch that fails is retried from further on (1, 2, 4… rows past the last good one),
/// so one damaged page costs only the rows on it.
fn read_table<T>(
    conn: &Connection,
    table: &str,
    cols: &str,
    f: impl Fn(&Row<'_>) -> rusqlite::Result<T>,
) -> Read<T> {
    let key = if table == "maps" { "id" } else { "map_id" };
    let sql = format!(
        "SELECT rowid, {key}, {cols} FROM {table} WHERE rowid > ?1 ORDER BY rowid LIMIT 100"
    );
    let mut out = Read {
        rows: Vec::new(),
        left_out: 0,
    };
    // The rowid of the last row read (or skipped): a failed batch resumes past it.
    // Rowids start at 1: a damaged first page is jumped from 0, not from the far end
    // of the negative numbers.
    let mut after: i64 = 0;
    let mut jump: i64 = 1;
    let mut failures = 0;
    while failures < 64 {
        let batch = (|| -> rusqlite::Result<usize> {
            let mut stmt = conn.prepare_cached(&sql)?;
            let mut rows = stmt.query([after])?;
            let mut n = 0;
            while let Some(r) = rows.next()? {
                n += 1;
                after = r.get(0)?;
                match (r.get::<_, String>(1), f(r)) {
                    (Ok(map), Ok(v)) => out.rows.push((map, v)),
                    _ => out.left_out += 1,
                }
            }
            Ok(n)
        })();
        match batch {
            Ok(0) => break,
            Ok(_) => {
                jump = 1;
                failures = 0;
            }
            Err(_) => {
                // The rows between here and the jump are lost with the damaged page.
                after = after.saturating_add(jump);
                jump = jump.saturating_mul(2);
                failures += 1;
                out.left_out += 1;
            }
        }
    }
    out
}

fn score(v: Option<u8>, lo: u8, hi: u8) -> Option<u8> {
    v.filter(|v| (lo..=hi).contains(v))
}

fn emotion(v: Option<i8>) -> Option<i8> {
    v.filter(|v| (-2..=2).contains(v))
}

/// A name the schema accepts: 1–200 characters, not blank.
fn name(s: &str, fallback: &str) -> String {
    let t: String = s.chars().take(200).collect();
    if t.trim().is_empty() {
        fallback.to_string()
    } else {
        t
    }
}

/// Reads what it can of the damaged database at `db`, moves it aside and writes what was
/// read into a new database at `db`. No connection to `db` may be open.
pub fn salvage(db: &Path) -> Result<Salvaged> {
    let shown = db.display().to_string();
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn =
        Connection::open_with_flags(crate::open::uri(db, "immutable=1"), flags).map_err(|e| {
            StoreError::CannotOpen {
                path: shown.clone(),
                detail: format!("nothing can be salvaged from it: {e}"),
            }
        })?;
    let maps = read_table(&conn, "maps", table::maps::COLS, |r| {
        table::maps::meta_row(r, 2)
    });
    let stages = read_table(&conn, "stages", table::stages::COLS, |r| {
        table::stages::row(r, 2)
    });
    let lanes = read_table(&conn, "lanes", table::lanes::COLS, |r| {
        table::lanes::row(r, 2)
    });
    let touchpoints = read_table(&conn, "touchpoints", table::touchpoints::COLS, |r| {
        table::touchpoints::row(r, 2)
    });
    let links = read_table(&conn, "links", table::links::COLS, |r| {
        table::links::row(r, 2)
    });
    let feedback = read_table(&conn, "feedback", table::feedback::COLS, |r| {
        table::feedback::row(r, 2)
    });
    // The workshop's tables (schema 4 on): absent from an older database.
    let (decisions, rounds, votes) = if has_table(&conn, "decisions") {
        (
            read_table(&conn, "decisions", table::workshop::DECISION_COLS, |r| {
                table::workshop::decision_row(r, 2)
            }),
            read_table(&conn, "voting_rounds", table::workshop::ROUND_COLS, |r| {
                table::workshop::round_row(r, 2)
            }),
            read_votes(&conn),
        )
    } else {
        (Read::default(), Read::default(), (Vec::new(), true))
    };
    let (votes, votes_whole) = votes;
    drop(conn);
    if maps.rows.is_empty() {
        return Err(StoreError::CannotOpen {
            path: shown,
            detail: "no map could be read from it, so there is nothing to salvage".into(),
        });
    }
    let mut left_out = maps.left_out
        + stages.left_out
        + lanes.left_out
        + touchpoints.left_out
        + links.left_out
        + feedback.left_out;

    let mut by_map: BTreeMap<Id, JourneyMap> = BTreeMap::new();
    for (_, mut meta) in maps.rows {
        // Room for the suffix, so a 200-character name keeps it.
        let base: String = name(&meta.name, "Untitled map").chars().take(188).collect();
        meta.name = format!("{base} (salvaged)");
        by_map.insert(
            meta.id.clone(),
            JourneyMap {
                meta,
                stages: Vec::new(),
                lanes: Vec::new(),
                touchpoints: Vec::new(),
                links: Vec::new(),
                feedback: Vec::new(),
                decisions: Vec::new(),
                rounds: Vec::new(),
            },
        );
    }
    for (map, mut s) in stages.rows {
        s.name = name(&s.name, "Untitled stage");
        s.pain = score(s.pain, 0, 10);
        s.emotion = emotion(s.emotion);
        match by_map.get_mut(&map) {
            Some(m) => m.stages.push(s),
            None => left_out += 1,
        }
    }
    for (map, mut l) in lanes.rows {
        l.name = name(&l.name, "Untitled lane");
        match by_map.get_mut(&map) {
            Some(m) if !(l.kind.is_built_in() && m.lanes.iter().any(|k| k.kind == l.kind)) => {
                m.lanes.push(l)
            }
            _ => left_out += 1,
        }
    }
    for (map, mut t) in touchpoints.rows {
        t.title = name(&t.title, "Untitled touchpoint");
        t.pain = score(t.pain, 0, 10);
        t.emotion = emotion(t.emotion);
        match by_map.get_mut(&map) {
            Some(m) if m.stage(&t.stage_id).is_some() && m.lane(&t.lane_id).is_some() => {
                m.touchpoints.push(t)
            }
            _ => left_out += 1,
        }
    }
    for (map, mut l) in links.rows {
        l.label = l.label.map(|s| s.chars().take(200).collect());
        match by_map.get_mut(&map) {
            Some(m)
                if l.from != l.to
                    && m.touchpoints.iter().any(|t| t.id == l.from)
                    && m.touchpoints.iter().any(|t| t.id == l.to) =>
            {
                m.links.push(l)
            }
            _ => left_out += 1,
        }
    }
    let mut link_keys: HashSet<(Id, Id, LinkKind)> = HashSet::new();
    for m in by_map.values_mut() {
        let before = m.links.len();
        m.links
            .retain(|l| link_keys.insert((l.from.clone(), l.to.clone(), l.kind)));
        left_out += before - m.links.len();
    }
    for (map, mut f) in feedback.rows {
        f.answers.nps = score(f.answers.nps, 0, 10);
        f.answers.csat = score(f.answers.csat, 1, 5);
        f.answers.ces = score(f.answers.ces, 1, 7);
        f.text = f.text.chars().take(10_000).collect();
        f.date = f
            .date
            .filter(|d| journey_core::fields::check_date(d).is_ok());
        let fits = |m: &JourneyMap| match &f.target {
            FeedbackTarget::Touchpoint(t) => m.touchpoints.iter().any(|x| &x.id == t),
            FeedbackTarget::Stage(s) => m.stage(s).is_some(),
        };
        match by_map.get_mut(&map) {
            Some(m) if fits(m) && !f.text.trim().is_empty() => m.feedback.push(f),
            _ => left_out += 1,
        }
    }
    for (map, mut d) in decisions.rows {
        d.text = d.text.chars().take(2_000).collect();
        d.owner = d.owner.chars().take(200).collect();
        d.due = d
            .due
            .filter(|x| journey_core::fields::check_date(x).is_ok());
        match by_map.get_mut(&map) {
            Some(m)
                if !d.text.trim().is_empty()
                    && m.touchpoints.iter().any(|t| t.id == d.touchpoint_id) =>
            {
                m.decisions.push(d)
            }
            _ => left_out += 1,
        }
    }
    let mut round_votes: BTreeMap<Id, Vec<Vote>> = BTreeMap::new();
    for (round, vote) in votes {
        round_votes.entry(round).or_default().push(vote);
    }
    for (map, mut r) in rounds.rows {
        r.name = name(&r.name, "Untitled round");
        r.scope = r.scope.chars().take(200).collect();
        let Some(m) = by_map.get_mut(&map) else {
            left_out += 1;
            continue;
        };
        r.votes = round_votes
            .remove(&r.id)
            .unwrap_or_default()
            .into_iter()
            .filter(|v| m.touchpoints.iter().any(|t| t.id == v.touchpoint_id))
            .collect();
        // Counts that break the round's rules were damaged, and with the dots not read
        // whole a round cannot be told apart from one that lost some: both are left out
        // (and counted) rather than kept short.
        if votes_whole && r.check().is_ok() {
            m.rounds.push(r);
        } else {
            left_out += 1;
        }
    }

    let stamp = jiff::Timestamp::now()
        .strftime("%Y%m%dT%H%M%S%3fZ")
        .to_string();
    let mut moved = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        let from = PathBuf::from(format!("{shown}{suffix}"));
        if from.exists() {
            let to = PathBuf::from(format!("{shown}.before-salvage-{stamp}{suffix}"));
            std::fs::rename(&from, &to).map_err(|e| StoreError::CannotOpen {
                path: from.display().to_string(),
                detail: format!("cannot move it aside before salvaging: {e}"),
            })?;
            moved.push(to);
        }
    }
    let mut store = Store::open(db)?;
    let mut kept = Vec::new();
    let mut lost = Vec::new();
    for map in by_map.values() {
        match store.write(|w| w.insert_map(map)) {
            Ok(()) => kept.push(SalvagedMap {
                name: map.meta.name.clone(),
                stages: map.stages.len(),
                lanes: map.lanes.len(),
                touchpoints: map.touchpoints.len(),
                links: map.links.len(),
                feedback: map.feedback.len(),
            }),
            Err(e) => lost.push(format!("{:?}: {e}", map.meta.name)),
        }
    }
    if let Some(first) = moved.first() {
        store.set_setting(SALVAGED_FROM_KEY, &first.display().to_string())?;
    }
    Ok(Salvaged {
        maps: kept,
        rows_left_out: left_out,
        maps_lost: lost,
        moved_aside: moved,
    })
}
