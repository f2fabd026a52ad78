//! Editing a library map row by row, with no conflict ever silent.
//!
//! [`Library::begin_edit`] starts one transaction on a map and takes the map's row lock
//! by moving its `rev` on by one (and naming who writes, and when), so the writes to one
//! map happen one after another. The edit then reads from `base`: the map as the editor
//! last saw it (its view), never from the server, because the "before" of every row it
//! changes must be what the person saw. Every write carries that before:
//!
//! - an `UPDATE` or `DELETE` only applies when the stored row still equals it, column by
//!   column (`IS NOT DISTINCT FROM`); when no row matches, the row was changed or deleted
//!   by someone else and the edit fails with [`LibraryError::Conflict`] naming it;
//! - a `DELETE` also fails when the row has children the editor did not see (a card
//!   someone else added to the stage being deleted), which the cascade would otherwise
//!   take along unseen;
//! - an `INSERT` whose id exists, or whose parent is gone, is a conflict too.
//!
//! The map row's own `updated_at` (the "touch" of every edit) is written but never
//! compared, so two people editing different cards never conflict. Every row written
//! gets the map's new `rev`. [`Write::finish`] sets `updated_at`, calls
//! `pg_notify('journeymap', map_id || ':' || rev)` and commits; dropping a [`Write`]
//! instead rolls everything back.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;

use journey_core::model::*;
use postgres::error::SqlState;
use postgres::types::ToSql;
use postgres::{Statement, Transaction};

use crate::error::{from_pg, LibraryError, Result};
use crate::position::{self, Scope};
use crate::{check_author, AtUrl, Library};
use journey_core::position::{after, neighbours_from, place, Place};

/// The channel every library write notifies, with `map_id:rev` as the payload.
pub const CHANNEL: &str = "journeymap";

/// A parameter of a statement.
type Param<'a> = Box<dyn ToSql + Sync + 'a>;

/// One edit of one library map: a transaction holding the map's row lock. Reads come
/// from the map as the editor saw it; writes are checked against the server (see the
/// module docs). Commit with [`Write::finish`]; drop to roll back.
pub struct Write<'a> {
    tx: RefCell<Transaction<'a>>,
    statements: RefCell<&'a mut HashMap<String, Statement>>,
    base: &'a JourneyMap,
    url: &'a str,
    rev: i64,
    /// The map's `updated_at` to write at the end, when the edit touched it.
    now: RefCell<Option<String>>,
    /// Positions this write renumbered, by row id: a before-check of those rows compares
    /// the new position (the server's), not the one the editor saw.
    renumbered: RefCell<HashMap<String, f64>>,
}

impl fmt::Debug for Write<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Write")
            .field("map", &self.base.meta.id)
            .field("rev", &self.rev)
            .finish_non_exhaustive()
    }
}

/// What a committed edit did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// The map's revision after the edit.
    pub rev: i64,
    /// Whether the edit renumbered a list (positions of rows it did not list changed, so
    /// a copy of the map in memory should be read again).
    pub renumbered: bool,
}

impl Library {
    /// Starts an edit of map `base.meta.id` by `by` (who is named as its last writer).
    /// `base` is the map as the editor sees it: the edit reads from it and checks every
    /// row it writes against the server. Fails with [`LibraryError::Conflict`] when the
    /// map is no longer in the library.
    pub fn begin_edit<'a>(&'a mut self, base: &'a JourneyMap, by: &str) -> Result<Write<'a>> {
        let by = check_author(by)?;
        let Library {
            client,
            url,
            statements,
            ..
        } = self;
        let url = url.as_str();
        let tx = client.transaction().at(url)?;
        let w = Write {
            tx: RefCell::new(tx),
            statements: RefCell::new(statements),
            base,
            url,
            rev: 0,
            now: RefCell::new(None),
            renumbered: RefCell::new(HashMap::new()),
        };
        let row = w
            .query_opt(
                "UPDATE maps SET rev = rev + 1, updated_by = $2, written_at = now()
                 WHERE id = $1 RETURNING rev",
                &[&base.meta.id, &by],
            )
            .at(url)?;
        let Some(row) = row else {
            return Err(LibraryError::Conflict {
                what: format!(
                    "Map {} is no longer in the team library (someone removed it); your edit \
                     was not saved",
                    quoted(&base.meta.name)
                ),
            });
        };
        let rev: i64 = row.try_get(0).at(url)?;
        Ok(Write { rev, ..w })
    }
}

/// A table's checked columns (besides `id`, `map_id`, `rev` and `seq`), with their SQL
/// types, in the order of the values functions below.
struct Table {
    name: &'static str,
    cols: &'static [(&'static str, &'static str)],
}

const STAGES: Table = Table {
    name: "stages",
    cols: &[
        ("name", "text"),
        ("description", "text"),
        ("pain", "int2"),
        ("emotion", "int2"),
        ("position", "float8"),
    ],
};

const LANES: Table = Table {
    name: "lanes",
    cols: &[
        ("name", "text"),
        ("kind", "text"),
        ("hidden", "bool"),
        ("position", "float8"),
    ],
};

const TOUCHPOINTS: Table = Table {
    name: "touchpoints",
    cols: &[
        ("stage_id", "text"),
        ("lane_id", "text"),
        ("title", "text"),
        ("description", "text"),
        ("channel", "text"),
        ("owner", "text"),
        ("pain", "int2"),
        ("emotion", "int2"),
        ("position", "float8"),
    ],
};

const LINKS: Table = Table {
    name: "links",
    cols: &[
        ("from_id", "text"),
        ("to_id", "text"),
        ("kind", "text"),
        ("label", "text"),
    ],
};

const FEEDBACK: Table = Table {
    name: "feedback",
    cols: &[
        ("touchpoint_id", "text"),
        ("stage_id", "text"),
        ("kind", "text"),
        ("text", "text"),
        ("source", "text"),
        ("date", "text"),
        ("segment", "text"),
        ("nps", "int2"),
        ("csat", "int2"),
        ("ces", "int2"),
    ],
};

const DECISIONS: Table = Table {
    name: "decisions",
    cols: &[
        ("touchpoint_id", "text"),
        ("kind", "text"),
        ("text", "text"),
        ("owner", "text"),
        ("due", "text"),
        ("created_at", "text"),
    ],
};

const ROUNDS: Table = Table {
    name: "voting_rounds",
    cols: &[
        ("name", "text"),
        ("held_at", "text"),
        ("budget", "int4"),
        ("voters", "int4"),
        ("one_per_item", "bool"),
        ("scope", "text"),
    ],
};

fn small<T: Into<i16>>(v: Option<T>) -> Param<'static> {
    Box::new(v.map(Into::into))
}

fn stage_values(s: &Stage) -> Vec<Param<'_>> {
    vec![
        Box::new(s.name.as_str()),
        Box::new(s.description.as_str()),
        small(s.pain),
        small(s.emotion),
        Box::new(s.position),
    ]
}

fn lane_values(l: &Lane) -> Vec<Param<'_>> {
    vec![
        Box::new(l.name.as_str()),
        Box::new(l.kind.as_str()),
        Box::new(l.hidden),
        Box::new(l.position),
    ]
}

fn touchpoint_values(t: &Touchpoint) -> Vec<Param<'_>> {
    vec![
        Box::new(t.stage_id.as_str()),
        Box::new(t.lane_id.as_str()),
        Box::new(t.title.as_str()),
        Box::new(t.description.as_str()),
        Box::new(t.channel.as_str()),
        Box::new(t.owner.as_str()),
        small(t.pain),
        small(t.emotion),
        Box::new(t.position),
    ]
}

fn link_values(l: &Link) -> Vec<Param<'_>> {
    vec![
        Box::new(l.from.as_str()),
        Box::new(l.to.as_str()),
        Box::new(l.kind.as_str()),
        Box::new(l.label.as_deref()),
    ]
}

fn feedback_values(f: &Feedback) -> Vec<Param<'_>> {
    let (tp, st) = f.target.ids();
    vec![
        Box::new(tp),
        Box::new(st),
        Box::new(f.kind.as_str()),
        Box::new(f.text.as_str()),
        Box::new(f.source.as_str()),
        Box::new(f.date.as_deref()),
        Box::new(f.segment.as_str()),
        small(f.answers.nps),
        small(f.answers.csat),
        small(f.answers.ces),
    ]
}

fn decision_values(d: &Decision) -> Vec<Param<'_>> {
    vec![
        Box::new(d.touchpoint_id.as_str()),
        Box::new(d.kind.as_str()),
        Box::new(d.text.as_str()),
        Box::new(d.owner.as_str()),
        Box::new(d.due.as_deref()),
        Box::new(d.created_at.as_str()),
    ]
}

fn round_values(r: &VotingRound) -> Result<Vec<Param<'_>>> {
    Ok(vec![
        Box::new(r.name.as_str()),
        Box::new(r.held_at.as_str()),
        Box::new(int(r.budget, "budget")?),
        Box::new(int(r.voters, "voters")?),
        Box::new(r.one_per_item),
        Box::new(r.scope.as_str()),
    ])
}

fn int(v: u32, what: &str) -> Result<i32> {
    i32::try_from(v).map_err(|_| LibraryError::Invalid(format!("{what}: {v} is too large")))
}

/// `c1 IS NOT DISTINCT FROM $n::t AND …` for the table's columns, numbered from `first`.
fn same_as(t: &Table, first: usize) -> String {
    t.cols
        .iter()
        .enumerate()
        .map(|(i, (c, ty))| format!("{c} IS NOT DISTINCT FROM ${}::{ty}", first + i))
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// `UPDATE` of one row, applied only when it still has the before values. Parameters:
/// id, map id, the after values, the rev, the before values.
fn update_sql(t: &Table) -> String {
    let n = t.cols.len();
    let set: Vec<String> = t
        .cols
        .iter()
        .enumerate()
        .map(|(i, (c, ty))| format!("{c} = ${}::{ty}", 3 + i))
        .collect();
    format!(
        "UPDATE {} SET {}, rev = ${} WHERE id = $1 AND map_id = $2 AND {}",
        t.name,
        set.join(", "),
        3 + n,
        same_as(t, 4 + n)
    )
}

/// `DELETE` of one row, applied only when it still has the before values and none of the
/// `children` (a condition over `$1`, the row's id) are left. Parameters: id, map id, the
/// before values, then whatever `children` numbers from `{next}`.
fn delete_sql(t: &Table, children: &str) -> String {
    let n = t.cols.len();
    let mut sql = format!(
        "DELETE FROM {} WHERE id = $1 AND map_id = $2 AND {}",
        t.name,
        same_as(t, 3)
    );
    if !children.is_empty() {
        sql.push_str(&format!(
            " AND NOT ({})",
            children.replace("{next}", &(3 + n).to_string())
        ));
    }
    sql
}

/// `INSERT` of one row at the write's rev. Parameters: map id, id, the values, the rev,
/// and `seq` when `with_seq`.
fn insert_sql(t: &Table, with_seq: bool) -> String {
    let n = t.cols.len();
    let cols: Vec<&str> = t.cols.iter().map(|c| c.0).collect();
    let values: Vec<String> = t
        .cols
        .iter()
        .enumerate()
        .map(|(i, (_, ty))| format!("${}::{ty}", 3 + i))
        .collect();
    let (seq_col, seq_val) = if with_seq {
        (", seq".to_string(), format!(", ${}", 4 + n))
    } else {
        (String::new(), String::new())
    };
    format!(
        "INSERT INTO {} (map_id, id, {}, rev{seq_col}) VALUES ($1, $2, {}, ${}{seq_val})",
        t.name,
        cols.join(", "),
        values.join(", "),
        3 + n
    )
}

/// What a stage leaves behind when it goes: its cards and its own feedback.
const STAGE_CHILDREN: &str = "EXISTS (SELECT 1 FROM touchpoints c WHERE c.stage_id = $1)
     OR EXISTS (SELECT 1 FROM feedback c WHERE c.stage_id = $1)";
/// A lane's cards.
const LANE_CHILDREN: &str = "EXISTS (SELECT 1 FROM touchpoints c WHERE c.lane_id = $1)";
/// A card's links, feedback, decisions and the dots of rounds the editor did not see
/// (`{next}`: the ids of the rounds it saw, whose votes the edit rewrites itself).
const TOUCHPOINT_CHILDREN: &str =
    "EXISTS (SELECT 1 FROM links c WHERE c.from_id = $1 OR c.to_id = $1)
     OR EXISTS (SELECT 1 FROM feedback c WHERE c.touchpoint_id = $1)
     OR EXISTS (SELECT 1 FROM decisions c WHERE c.touchpoint_id = $1)
     OR EXISTS (SELECT 1 FROM round_votes c WHERE c.touchpoint_id = $1
                AND c.round_id <> ALL(${next}::text[]))";

/// A user's text as a message quotes it: in curly quotes, cut at 60 characters.
fn quoted(s: &str) -> String {
    let s = s.trim();
    if s.chars().count() > 60 {
        let short: String = s.chars().take(59).collect();
        format!("“{short}…”")
    } else {
        format!("“{s}”")
    }
}

impl Write<'_> {
    /// The map's revision this edit writes at.
    pub fn rev(&self) -> i64 {
        self.rev
    }

    /// Runs one statement through the connection's cache of prepared statements (one
    /// round trip each after the first use).
    fn statement(&self, sql: &str) -> std::result::Result<Statement, postgres::Error> {
        if let Some(s) = self.statements.borrow().get(sql) {
            return Ok(s.clone());
        }
        let s = self.tx.borrow_mut().prepare(sql)?;
        self.statements
            .borrow_mut()
            .insert(sql.to_string(), s.clone());
        Ok(s)
    }

    fn execute(
        &self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> std::result::Result<u64, postgres::Error> {
        let s = self.statement(sql)?;
        self.tx.borrow_mut().execute(&s, params)
    }

    fn query(
        &self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> std::result::Result<Vec<postgres::Row>, postgres::Error> {
        let s = self.statement(sql)?;
        self.tx.borrow_mut().query(&s, params)
    }

    fn query_opt(
        &self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> std::result::Result<Option<postgres::Row>, postgres::Error> {
        let s = self.statement(sql)?;
        self.tx.borrow_mut().query_opt(&s, params)
    }

    fn map_id(&self) -> &str {
        &self.base.meta.id
    }

    /// Commits: writes the map's `updated_at` when the edit touched it, notifies every
    /// listener (`map_id:rev`, delivered on commit) and commits.
    pub fn finish(self) -> Result<Written> {
        let url = self.url;
        let now = self.now.borrow().clone();
        self.query(
            "WITH touched AS (UPDATE maps SET updated_at = coalesce($3::text, updated_at)
                              WHERE id = $1 RETURNING id)
             SELECT pg_notify($4::text, $1::text || ':' || $2::int8::text) FROM touched",
            &[&self.base.meta.id, &self.rev, &now, &CHANNEL],
        )
        .at(url)?;
        let renumbered = !self.renumbered.borrow().is_empty();
        let rev = self.rev;
        self.tx.into_inner().commit().at(url)?;
        Ok(Written { rev, renumbered })
    }

    // Reads: from the map as the editor saw it.

    fn not_found(what: &str, id: &str) -> LibraryError {
        LibraryError::NotFound {
            what: format!("{what} {id}"),
        }
    }

    /// The map's own fields.
    pub fn load_meta(&self, map_id: &str) -> Result<MapMeta> {
        if map_id != self.map_id() {
            return Err(Self::not_found("map", map_id));
        }
        Ok(self.base.meta.clone())
    }

    /// The whole map as the editor sees it.
    pub fn load_map(&self, map_id: &str) -> Result<JourneyMap> {
        if map_id != self.map_id() {
            return Err(Self::not_found("map", map_id));
        }
        Ok(self.base.clone())
    }

    pub fn get_stage(&self, id: &str) -> Result<(Id, Stage)> {
        let s = self
            .base
            .stage(id)
            .ok_or_else(|| Self::not_found("stage", id))?;
        Ok((self.map_id().to_string(), s.clone()))
    }

    pub fn get_lane(&self, id: &str) -> Result<(Id, Lane)> {
        let l = self
            .base
            .lane(id)
            .ok_or_else(|| Self::not_found("lane", id))?;
        Ok((self.map_id().to_string(), l.clone()))
    }

    pub fn get_touchpoint(&self, id: &str) -> Result<(Id, Touchpoint)> {
        let t = self
            .base
            .touchpoint(id)
            .ok_or_else(|| Self::not_found("touchpoint", id))?;
        Ok((self.map_id().to_string(), t.clone()))
    }

    /// The sequence numbers (which keep a row's place in the map's order) of rows of
    /// `table` the editor saw, from the server. A row no longer there was deleted by
    /// someone else: a conflict naming it.
    fn seqs(&self, table: &str, rows: &[(&str, String)]) -> Result<HashMap<String, i64>> {
        if rows.is_empty() {
            return Ok(HashMap::new());
        }
        let ids: Vec<&str> = rows.iter().map(|r| r.0).collect();
        let found: HashMap<String, i64> = self
            .query(
                &format!("SELECT id, seq FROM {table} WHERE id = ANY($1::text[]) AND map_id = $2"),
                &[&ids, &self.base.meta.id],
            )
            .at(self.url)?
            .iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
            .collect::<std::result::Result<_, postgres::Error>>()
            .at(self.url)?;
        if let Some((_, what)) = rows.iter().find(|r| !found.contains_key(r.0)) {
            return Err(deleted(what));
        }
        Ok(found)
    }

    pub fn get_link(&self, id: &str) -> Result<(Id, i64, Link)> {
        let l = self
            .base
            .links
            .iter()
            .find(|l| l.id == id)
            .ok_or_else(|| Self::not_found("link", id))?;
        let seqs = self.seqs("links", &[(id, self.link_name(l))])?;
        Ok((self.map_id().to_string(), seqs[id], l.clone()))
    }

    pub fn get_feedback(&self, id: &str) -> Result<(Id, i64, Feedback)> {
        let f = self
            .base
            .feedback
            .iter()
            .find(|f| f.id == id)
            .ok_or_else(|| Self::not_found("feedback", id))?;
        let seqs = self.seqs("feedback", &[(id, feedback_name(f))])?;
        Ok((self.map_id().to_string(), seqs[id], f.clone()))
    }

    pub fn get_decision(&self, id: &str) -> Result<(Id, i64, Decision)> {
        let d = self
            .base
            .decisions
            .iter()
            .find(|d| d.id == id)
            .ok_or_else(|| Self::not_found("decision", id))?;
        let seqs = self.seqs("decisions", &[(id, decision_name(d))])?;
        Ok((self.map_id().to_string(), seqs[id], d.clone()))
    }

    pub fn get_round(&self, id: &str) -> Result<(Id, i64, VotingRound)> {
        let r = self
            .base
            .rounds
            .iter()
            .find(|r| r.id == id)
            .ok_or_else(|| Self::not_found("voting round", id))?;
        let seqs = self.seqs("voting_rounds", &[(id, round_name(r))])?;
        Ok((self.map_id().to_string(), seqs[id], r.clone()))
    }

    /// The touchpoints of a stage, in their order.
    pub fn touchpoints_in_stage(&self, stage_id: &str) -> Result<Vec<Touchpoint>> {
        Ok(self.touchpoints_where(|t| t.stage_id == stage_id))
    }

    /// The touchpoints of a lane, in their order.
    pub fn touchpoints_in_lane(&self, lane_id: &str) -> Result<Vec<Touchpoint>> {
        Ok(self.touchpoints_where(|t| t.lane_id == lane_id))
    }

    fn touchpoints_where(&self, f: impl Fn(&Touchpoint) -> bool) -> Vec<Touchpoint> {
        let mut out: Vec<Touchpoint> = self
            .base
            .touchpoints
            .iter()
            .filter(|t| f(t))
            .cloned()
            .collect();
        out.sort_by(|a, b| {
            a.position
                .total_cmp(&b.position)
                .then_with(|| a.id.cmp(&b.id))
        });
        out
    }

    /// Rows the editor saw, with their sequence numbers, in their order.
    fn with_seqs<T: Clone>(
        &self,
        table: &str,
        rows: Vec<&T>,
        id: impl Fn(&T) -> &str,
        name: impl Fn(&T) -> String,
    ) -> Result<Vec<(i64, T)>> {
        let named: Vec<(&str, String)> = rows.iter().map(|r| (id(r), name(r))).collect();
        let seqs = self.seqs(table, &named)?;
        let mut out: Vec<(i64, T)> = rows.into_iter().map(|r| (seqs[id(r)], r.clone())).collect();
        out.sort_by_key(|(s, _)| *s);
        Ok(out)
    }

    /// Links touching any of the touchpoints, with their sequence numbers, in order.
    pub fn links_of(&self, touchpoints: &[Id]) -> Result<Vec<(i64, Link)>> {
        let rows: Vec<&Link> = self
            .base
            .links
            .iter()
            .filter(|l| touchpoints.contains(&l.from) || touchpoints.contains(&l.to))
            .collect();
        self.with_seqs("links", rows, |l| &l.id, |l| self.link_name(l))
    }

    /// Feedback on any of the targets, with sequence numbers, in order.
    pub fn feedback_on(&self, targets: &[FeedbackTarget]) -> Result<Vec<(i64, Feedback)>> {
        let rows: Vec<&Feedback> = self
            .base
            .feedback
            .iter()
            .filter(|f| targets.contains(&f.target))
            .collect();
        self.with_seqs("feedback", rows, |f| &f.id, feedback_name)
    }

    /// Decisions on any of the touchpoints, with sequence numbers, in order.
    pub fn decisions_on(&self, touchpoints: &[Id]) -> Result<Vec<(i64, Decision)>> {
        let rows: Vec<&Decision> = self
            .base
            .decisions
            .iter()
            .filter(|d| touchpoints.contains(&d.touchpoint_id))
            .collect();
        self.with_seqs("decisions", rows, |d| &d.id, decision_name)
    }

    /// Rounds with dots (or a place) on any of the touchpoints, in order.
    pub fn rounds_voting_on(&self, touchpoints: &[Id]) -> Result<Vec<(i64, VotingRound)>> {
        let rows: Vec<&VotingRound> = self
            .base
            .rounds
            .iter()
            .filter(|r| {
                r.votes
                    .iter()
                    .any(|v| touchpoints.contains(&v.touchpoint_id))
            })
            .collect();
        self.with_seqs("voting_rounds", rows, |r| &r.id, round_name)
    }

    /// Whether a link of `kind` from `from` to `to` exists (in the map as seen; the
    /// schema's uniqueness refuses one that someone else has just made).
    pub fn link_exists(&self, from: &str, to: &str, kind: LinkKind) -> Result<bool> {
        Ok(self
            .base
            .links
            .iter()
            .any(|l| l.from == from && l.to == to && l.kind == kind))
    }

    /// The key that puts a new item at `index` among the items of `scope`.
    pub fn position_for_new(&self, scope: Scope<'_>, index: usize) -> Result<f64> {
        self.position_at(scope, None, index)
    }

    /// The key that moves item `id` to `index` among the other items of `scope`.
    pub fn position_for_move(&self, scope: Scope<'_>, id: &str, index: usize) -> Result<f64> {
        self.position_at(scope, Some(id), index)
    }

    /// The key after the last item of `scope`.
    pub fn position_at_end(&self, scope: Scope<'_>) -> Result<f64> {
        Ok(end(&self.scope_items(scope, None)))
    }

    /// The scope's items as this write knows them (renumbered ones at their new place),
    /// ordered, without `moving`.
    fn scope_items(&self, scope: Scope<'_>, moving: Option<&str>) -> Vec<(f64, String)> {
        let renumbered = self.renumbered.borrow();
        let mut items: Vec<(f64, String)> = position::items(scope, self.base)
            .into_iter()
            .filter(|(_, id)| Some(*id) != moving)
            .map(|(p, id)| (renumbered.get(id).copied().unwrap_or(p), id.to_string()))
            .collect();
        items.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
        items
    }

    fn position_at(&self, scope: Scope<'_>, moving: Option<&str>, index: usize) -> Result<f64> {
        let at = |items: &[(f64, String)]| {
            let keys: Vec<f64> = items
                .iter()
                .skip(neighbours_from(index))
                .take(2)
                .map(|x| x.0)
                .collect();
            place(index, &keys)
        };
        let items = self.scope_items(scope, moving);
        match at(&items) {
            Place::At(p) => Ok(p),
            Place::End => Ok(end(&items)),
            Place::Renumber => {
                self.renumber(scope)?;
                let items = self.scope_items(scope, moving);
                Ok(match at(&items) {
                    Place::At(p) => p,
                    Place::End => end(&items),
                    Place::Renumber => index as f64 + 1.0,
                })
            }
        }
    }

    /// Gives the items of `scope` positions 1, 2, 3… in their order (the gap an item was
    /// to go into had worn too thin). Rows someone else added meanwhile keep theirs.
    fn renumber(&self, scope: Scope<'_>) -> Result<()> {
        let items = self.scope_items(scope, None);
        let sql = format!(
            "UPDATE {} SET position = $2, rev = $3 WHERE id = $1 AND map_id = $4",
            scope.table()
        );
        for (i, (_, id)) in items.iter().enumerate() {
            let p = i as f64 + 1.0;
            self.execute(&sql, &[id, &p, &self.rev, &self.base.meta.id])
                .at(self.url)?;
            self.renumbered.borrow_mut().insert(id.clone(), p);
        }
        Ok(())
    }

    // Writes: each checked against the server.

    /// A whole map is published ([`Library::publish`]), never written by an edit.
    pub fn insert_map(&self, _: &JourneyMap) -> Result<()> {
        Err(whole_map())
    }

    /// A whole map is deleted with [`Library::delete_map`], never by an edit.
    pub fn delete_map(&self, _: &str) -> Result<()> {
        Err(whole_map())
    }

    /// Writes the map's own fields (name, description, persona), when they still are
    /// `before` (when given). `updated_at` is the touch's, never compared.
    pub fn update_meta(&self, before: Option<&MapMeta>, after: &MapMeta) -> Result<()> {
        if after.id != self.map_id() {
            return Err(Self::not_found("map", &after.id));
        }
        let mut params: Vec<Param<'_>> = vec![
            Box::new(after.id.as_str()),
            Box::new(after.name.as_str()),
            Box::new(after.description.as_str()),
            Box::new(after.persona.name.as_str()),
            Box::new(after.persona.description.as_str()),
            Box::new(after.created_at.as_str()),
        ];
        let mut sql = String::from(
            "UPDATE maps SET name = $2::text, description = $3::text, persona_name = $4::text,
                    persona_description = $5::text, created_at = $6::text
             WHERE id = $1",
        );
        if let Some(b) = before {
            sql.push_str(
                " AND name IS NOT DISTINCT FROM $7::text
                  AND description IS NOT DISTINCT FROM $8::text
                  AND persona_name IS NOT DISTINCT FROM $9::text
                  AND persona_description IS NOT DISTINCT FROM $10::text
                  AND created_at IS NOT DISTINCT FROM $11::text",
            );
            params.extend([
                Box::new(b.name.as_str()) as Param<'_>,
                Box::new(b.description.as_str()),
                Box::new(b.persona.name.as_str()),
                Box::new(b.persona.description.as_str()),
                Box::new(b.created_at.as_str()),
            ]);
        }
        let n = self.run(&sql, &params, || meta_name(after))?;
        if n == 0 {
            return Err(changed(&meta_name(after)));
        }
        Ok(())
    }

    /// Records that the map changed at `now` (written by [`Write::finish`]).
    pub fn touch_map(&self, map_id: &str, now: &str) -> Result<()> {
        if map_id != self.map_id() {
            return Err(Self::not_found("map", map_id));
        }
        *self.now.borrow_mut() = Some(now.to_string());
        Ok(())
    }

    /// Runs a write. A row that another row's uniqueness or reference refuses is a
    /// conflict: someone else's row is in the way, or the parent was deleted.
    fn run(&self, sql: &str, params: &[Param<'_>], what: impl Fn() -> String) -> Result<u64> {
        let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| &**p as _).collect();
        self.execute(sql, &refs).map_err(|e| self.refused(e, what))
    }

    fn refused(&self, e: postgres::Error, what: impl Fn() -> String) -> LibraryError {
        match e.as_db_error().map(|d| d.code().clone()) {
            Some(SqlState::UNIQUE_VIOLATION) => LibraryError::Conflict {
                what: format!(
                    "{} is already in the team library (someone else wrote it); your edit was \
                     not saved",
                    what()
                ),
            },
            Some(SqlState::FOREIGN_KEY_VIOLATION) => LibraryError::Conflict {
                what: format!(
                    "{} belongs to something someone else deleted; your edit was not saved",
                    what()
                ),
            },
            _ => from_pg(e, self.url),
        }
    }

    fn insert(
        &self,
        t: &Table,
        id: &str,
        values: Vec<Param<'_>>,
        seq: Option<i64>,
        what: impl Fn() -> String,
    ) -> Result<()> {
        let mut params: Vec<Param<'_>> = vec![Box::new(self.base.meta.id.as_str()), Box::new(id)];
        params.extend(values);
        params.push(Box::new(self.rev));
        if let Some(seq) = seq {
            params.push(Box::new(seq));
        }
        self.run(&insert_sql(t, seq.is_some()), &params, what)?;
        Ok(())
    }

    fn update(
        &self,
        t: &Table,
        id: &str,
        before: Vec<Param<'_>>,
        after: Vec<Param<'_>>,
        what: impl Fn() -> String,
    ) -> Result<()> {
        let mut params: Vec<Param<'_>> = vec![Box::new(id), Box::new(self.base.meta.id.as_str())];
        params.extend(after);
        params.push(Box::new(self.rev));
        params.extend(before);
        let n = self.run(&update_sql(t), &params, &what)?;
        if n == 0 {
            return Err(self.why_not(t, id, "", &[], &what()));
        }
        Ok(())
    }

    fn delete(
        &self,
        t: &Table,
        id: &str,
        before: Vec<Param<'_>>,
        children: &str,
        extra: Vec<Param<'_>>,
        what: impl Fn() -> String,
    ) -> Result<()> {
        let mut params: Vec<Param<'_>> = vec![Box::new(id), Box::new(self.base.meta.id.as_str())];
        params.extend(before);
        params.extend(extra);
        let n = self.run(&delete_sql(t, children), &params, &what)?;
        if n == 0 {
            let extra: Vec<Param<'_>> = params.drain(2 + t.cols.len()..).collect();
            return Err(self.why_not(t, id, children, &extra, &what()));
        }
        Ok(())
    }

    /// Why a checked write matched no row: the row is gone, it has children the editor
    /// did not see, or it was changed.
    fn why_not(
        &self,
        t: &Table,
        id: &str,
        children: &str,
        extra: &[Param<'_>],
        what: &str,
    ) -> LibraryError {
        let exists = self.query_opt(
            &format!("SELECT 1 FROM {} WHERE id = $1 AND map_id = $2", t.name),
            &[&id, &self.base.meta.id],
        );
        match exists {
            Err(e) => return from_pg(e, self.url),
            Ok(None) => return deleted(what),
            Ok(Some(_)) => {}
        }
        if !children.is_empty() {
            let mut params: Vec<&(dyn ToSql + Sync)> = vec![&id];
            params.extend(extra.iter().map(|p| &**p as &(dyn ToSql + Sync)));
            let sql = format!("SELECT {}", children.replace("{next}", "2"));
            match self.query_opt(&sql, &params) {
                Err(e) => return from_pg(e, self.url),
                Ok(Some(r)) if r.try_get::<_, bool>(0).unwrap_or(false) => {
                    return LibraryError::Conflict {
                        what: format!(
                            "{what} holds something someone else added since you opened the \
                             map; your edit was not saved"
                        ),
                    }
                }
                Ok(_) => {}
            }
        }
        changed(what)
    }

    /// A row as the before-check compares it: at its renumbered position, when this
    /// write renumbered its list.
    fn at_renumbered(&self, id: &str, position: f64) -> f64 {
        self.renumbered
            .borrow()
            .get(id)
            .copied()
            .unwrap_or(position)
    }

    pub fn insert_stage(&self, map_id: &str, s: &Stage) -> Result<()> {
        self.same_map(map_id)?;
        self.insert(&STAGES, &s.id, stage_values(s), None, || stage_name(s))
    }

    pub fn update_stage(&self, before: &Stage, after: &Stage) -> Result<()> {
        let before = Stage {
            position: self.at_renumbered(&before.id, before.position),
            ..before.clone()
        };
        self.update(
            &STAGES,
            &after.id,
            stage_values(&before),
            stage_values(after),
            || stage_name(&before),
        )
    }

    pub fn delete_stage(&self, before: &Stage) -> Result<()> {
        let before = Stage {
            position: self.at_renumbered(&before.id, before.position),
            ..before.clone()
        };
        self.delete(
            &STAGES,
            &before.id,
            stage_values(&before),
            STAGE_CHILDREN,
            Vec::new(),
            || stage_name(&before),
        )
    }

    pub fn insert_lane(&self, map_id: &str, l: &Lane) -> Result<()> {
        self.same_map(map_id)?;
        self.insert(&LANES, &l.id, lane_values(l), None, || lane_name(l))
    }

    pub fn update_lane(&self, before: &Lane, after: &Lane) -> Result<()> {
        let before = Lane {
            position: self.at_renumbered(&before.id, before.position),
            ..before.clone()
        };
        self.update(
            &LANES,
            &after.id,
            lane_values(&before),
            lane_values(after),
            || lane_name(&before),
        )
    }

    pub fn delete_lane(&self, before: &Lane) -> Result<()> {
        let before = Lane {
            position: self.at_renumbered(&before.id, before.position),
            ..before.clone()
        };
        self.delete(
            &LANES,
            &before.id,
            lane_values(&before),
            LANE_CHILDREN,
            Vec::new(),
            || lane_name(&before),
        )
    }

    pub fn insert_touchpoint(&self, map_id: &str, t: &Touchpoint) -> Result<()> {
        self.same_map(map_id)?;
        self.insert(&TOUCHPOINTS, &t.id, touchpoint_values(t), None, || {
            touchpoint_name(t)
        })
    }

    pub fn update_touchpoint(&self, before: &Touchpoint, after: &Touchpoint) -> Result<()> {
        let before = Touchpoint {
            position: self.at_renumbered(&before.id, before.position),
            ..before.clone()
        };
        self.update(
            &TOUCHPOINTS,
            &after.id,
            touchpoint_values(&before),
            touchpoint_values(after),
            || touchpoint_name(&before),
        )
    }

    pub fn delete_touchpoint(&self, before: &Touchpoint) -> Result<()> {
        let before = Touchpoint {
            position: self.at_renumbered(&before.id, before.position),
            ..before.clone()
        };
        // The rounds the editor saw voting on the card: the edit rewrites their votes
        // itself (a round update after the delete).
        let seen: Vec<&str> = self
            .base
            .rounds
            .iter()
            .filter(|r| r.votes.iter().any(|v| v.touchpoint_id == before.id))
            .map(|r| r.id.as_str())
            .collect();
        self.delete(
            &TOUCHPOINTS,
            &before.id,
            touchpoint_values(&before),
            TOUCHPOINT_CHILDREN,
            vec![Box::new(seen)],
            || touchpoint_name(&before),
        )
    }

    pub fn insert_link(&self, map_id: &str, l: &Link, seq: Option<i64>) -> Result<()> {
        self.same_map(map_id)?;
        self.insert(&LINKS, &l.id, link_values(l), seq, || self.link_name(l))
    }

    pub fn update_link(&self, before: &Link, after: &Link) -> Result<()> {
        self.update(
            &LINKS,
            &after.id,
            link_values(before),
            link_values(after),
            || self.link_name(before),
        )
    }

    pub fn delete_link(&self, before: &Link) -> Result<()> {
        self.delete(
            &LINKS,
            &before.id,
            link_values(before),
            "",
            Vec::new(),
            || self.link_name(before),
        )
    }

    pub fn insert_feedback(&self, map_id: &str, f: &Feedback, seq: Option<i64>) -> Result<()> {
        self.same_map(map_id)?;
        self.insert(&FEEDBACK, &f.id, feedback_values(f), seq, || {
            feedback_name(f)
        })
    }

    pub fn update_feedback(&self, before: &Feedback, after: &Feedback) -> Result<()> {
        self.update(
            &FEEDBACK,
            &after.id,
            feedback_values(before),
            feedback_values(after),
            || feedback_name(before),
        )
    }

    pub fn delete_feedback(&self, before: &Feedback) -> Result<()> {
        self.delete(
            &FEEDBACK,
            &before.id,
            feedback_values(before),
            "",
            Vec::new(),
            || feedback_name(before),
        )
    }

    pub fn insert_decision(&self, map_id: &str, d: &Decision, seq: Option<i64>) -> Result<()> {
        self.same_map(map_id)?;
        self.insert(&DECISIONS, &d.id, decision_values(d), seq, || {
            decision_name(d)
        })
    }

    pub fn update_decision(&self, before: &Decision, after: &Decision) -> Result<()> {
        self.update(
            &DECISIONS,
            &after.id,
            decision_values(before),
            decision_values(after),
            || decision_name(before),
        )
    }

    pub fn delete_decision(&self, before: &Decision) -> Result<()> {
        self.delete(
            &DECISIONS,
            &before.id,
            decision_values(before),
            "",
            Vec::new(),
            || decision_name(before),
        )
    }

    /// Adds a round with its votes (at the end of the map's order, or back at `seq`).
    pub fn insert_round(&self, map_id: &str, r: &VotingRound, seq: Option<i64>) -> Result<()> {
        self.same_map(map_id)?;
        self.insert(&ROUNDS, &r.id, round_values(r)?, seq, || round_name(r))?;
        self.insert_votes(r)
    }

    fn insert_votes(&self, r: &VotingRound) -> Result<()> {
        let tps: Vec<&str> = r.votes.iter().map(|v| v.touchpoint_id.as_str()).collect();
        let positions: Vec<i32> = (0..r.votes.len())
            .map(|i| int(u32::try_from(i).unwrap_or(u32::MAX), "position"))
            .collect::<Result<_>>()?;
        let dots: Vec<i32> = r
            .votes
            .iter()
            .map(|v| int(v.dots, "dots"))
            .collect::<Result<_>>()?;
        let params: Vec<Param<'_>> = vec![
            Box::new(self.base.meta.id.as_str()),
            Box::new(r.id.as_str()),
            Box::new(tps),
            Box::new(positions),
            Box::new(dots),
        ];
        self.run(
            "INSERT INTO round_votes (map_id, round_id, touchpoint_id, position, dots)
             SELECT $1::text, $2::text, * FROM unnest($3::text[], $4::int4[], $5::int4[])",
            &params,
            || round_name(r),
        )?;
        Ok(())
    }

    /// Whether the round's votes on the server are still `before`'s: the same dots in the
    /// same order, less the votes of cards deleted since (their votes go with them, and
    /// the edit that deleted them rewrote the rounds it saw).
    fn votes_unchanged(&self, before: &VotingRound) -> Result<bool> {
        let rows = self
            .query(
                "SELECT touchpoint_id, dots FROM round_votes WHERE round_id = $1
                 ORDER BY position",
                &[&before.id],
            )
            .at(self.url)?;
        let mut expected = before.votes.iter();
        for row in &rows {
            let tp: String = row.try_get(0).at(self.url)?;
            let dots: i32 = row.try_get(1).at(self.url)?;
            let found = expected
                .by_ref()
                .any(|v| v.touchpoint_id == tp && i64::from(v.dots) == i64::from(dots));
            if !found {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Writes a round's fields and replaces its votes.
    pub fn update_round(&self, before: &VotingRound, after: &VotingRound) -> Result<()> {
        if !self.votes_unchanged(before)? {
            return Err(self.why_not(&ROUNDS, &before.id, "", &[], &round_name(before)));
        }
        self.update(
            &ROUNDS,
            &after.id,
            round_values(before)?,
            round_values(after)?,
            || round_name(before),
        )?;
        self.execute("DELETE FROM round_votes WHERE round_id = $1", &[&after.id])
            .at(self.url)?;
        self.insert_votes(after)
    }

    /// Deletes a round; its votes go with it.
    pub fn delete_round(&self, before: &VotingRound) -> Result<()> {
        if !self.votes_unchanged(before)? {
            return Err(self.why_not(&ROUNDS, &before.id, "", &[], &round_name(before)));
        }
        self.delete(
            &ROUNDS,
            &before.id,
            round_values(before)?,
            "",
            Vec::new(),
            || round_name(before),
        )
    }

    fn same_map(&self, map_id: &str) -> Result<()> {
        if map_id != self.map_id() {
            return Err(Self::not_found("map", map_id));
        }
        Ok(())
    }

    /// "The flow link from “A” to “B”", with the cards' titles as the editor saw them.
    fn link_name(&self, l: &Link) -> String {
        let title = |id: &str| {
            self.base
                .touchpoint(id)
                .map_or_else(|| id.to_string(), |t| quoted(&t.title))
        };
        format!(
            "The {} link from {} to {}",
            l.kind.as_str().replace('_', " "),
            title(&l.from),
            title(&l.to)
        )
    }
}

fn whole_map() -> LibraryError {
    LibraryError::Invalid(
        "a whole map is published to the team library or pulled from it, not edited in it".into(),
    )
}

fn changed(what: &str) -> LibraryError {
    LibraryError::Conflict {
        what: format!("{what} was changed by someone else; your edit was not saved"),
    }
}

fn deleted(what: &str) -> LibraryError {
    LibraryError::Conflict {
        what: format!("{what} was deleted by someone else; your edit was not saved"),
    }
}

fn meta_name(m: &MapMeta) -> String {
    format!("The details of map {}", quoted(&m.name))
}

fn stage_name(s: &Stage) -> String {
    format!("Stage {}", quoted(&s.name))
}

fn lane_name(l: &Lane) -> String {
    format!("Lane {}", quoted(&l.name))
}

fn touchpoint_name(t: &Touchpoint) -> String {
    format!("Touchpoint {}", quoted(&t.title))
}

fn feedback_name(f: &Feedback) -> String {
    format!("Feedback {}", quoted(&f.text))
}

fn decision_name(d: &Decision) -> String {
    let kind = match d.kind {
        DecisionKind::Decision => "Decision",
        DecisionKind::Opportunity => "Opportunity",
    };
    format!("{kind} {}", quoted(&d.text))
}

fn round_name(r: &VotingRound) -> String {
    format!("Voting round {}", quoted(&r.name))
}

/// The key after the last of `items`.
fn end(items: &[(f64, String)]) -> f64 {
    after(items.iter().map(|x| x.0).max_by(f64::total_cmp))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checked_statements_compare_every_column_and_number_their_parameters() {
        assert_eq!(
            update_sql(&LINKS),
            "UPDATE links SET from_id = $3::text, to_id = $4::text, kind = $5::text, \
             label = $6::text, rev = $7 WHERE id = $1 AND map_id = $2 AND \
             from_id IS NOT DISTINCT FROM $8::text AND to_id IS NOT DISTINCT FROM $9::text AND \
             kind IS NOT DISTINCT FROM $10::text AND label IS NOT DISTINCT FROM $11::text"
        );
        assert_eq!(
            delete_sql(&LANES, LANE_CHILDREN),
            "DELETE FROM lanes WHERE id = $1 AND map_id = $2 AND \
             name IS NOT DISTINCT FROM $3::text AND kind IS NOT DISTINCT FROM $4::text AND \
             hidden IS NOT DISTINCT FROM $5::bool AND position IS NOT DISTINCT FROM $6::float8 \
             AND NOT (EXISTS (SELECT 1 FROM touchpoints c WHERE c.lane_id = $1))"
        );
        assert!(delete_sql(&TOUCHPOINTS, TOUCHPOINT_CHILDREN).contains("ALL($12::text[])"));
        assert_eq!(
            insert_sql(&LINKS, true),
            "INSERT INTO links (map_id, id, from_id, to_id, kind, label, rev, seq) \
             VALUES ($1, $2, $3::text, $4::text, $5::text, $6::text, $7, $8)"
        );
    }

    #[test]
    fn quotes_are_curly_and_cut() {
        assert_eq!(quoted(" Sign up "), "“Sign up”");
        let long = "x".repeat(70);
        assert_eq!(quoted(&long).chars().count(), 62);
    }
}
