//! What a workshop adds to a map. `decisions`: decisions and opportunities on
//! touchpoints, in the order they were made (`seq`). `voting_rounds` and `round_votes`:
//! dot-voting rounds in the order they were held, each with its dots per touchpoint in
//! the order the items were shown (`position`).

use std::collections::HashMap;

use journey_core::model::{Decision, DecisionKind, Id, Vote, VotingRound};
use rusqlite::{named_params, Connection, Row};

use crate::error::{one_row, Result};
use crate::Write;

pub(crate) const DECISION_COLS: &str = "id, touchpoint_id, kind, text, owner, due, created_at";
pub(crate) const ROUND_COLS: &str = "id, name, held_at, budget, voters, one_per_item, scope";

pub(crate) fn decision_row(r: &Row<'_>, o: usize) -> rusqlite::Result<Decision> {
    let kind: String = r.get(o + 2)?;
    Ok(Decision {
        id: r.get(o)?,
        touchpoint_id: r.get(o + 1)?,
        kind: DecisionKind::parse(&kind)
            .ok_or_else(|| super::bad_value(o + 2, "decision kind", &kind))?,
        text: r.get(o + 3)?,
        owner: r.get(o + 4)?,
        due: r.get(o + 5)?,
        created_at: r.get(o + 6)?,
    })
}

/// A round without its votes.
pub(crate) fn round_row(r: &Row<'_>, o: usize) -> rusqlite::Result<VotingRound> {
    Ok(VotingRound {
        id: r.get(o)?,
        name: r.get(o + 1)?,
        held_at: r.get(o + 2)?,
        budget: r.get(o + 3)?,
        voters: r.get(o + 4)?,
        one_per_item: r.get(o + 5)?,
        scope: r.get(o + 6)?,
        votes: Vec::new(),
    })
}

/// (round id, vote), from `round_id, touchpoint_id, dots`.
fn vote_row(r: &Row<'_>, o: usize) -> rusqlite::Result<(String, Vote)> {
    Ok((
        r.get(o)?,
        Vote {
            touchpoint_id: r.get(o + 1)?,
            dots: r.get(o + 2)?,
        },
    ))
}

/// The map's decisions, in their order.
pub(crate) fn decisions_of_map(
    conn: &Connection,
    map_id: &str,
    sum: &mut i64,
) -> Result<Vec<Decision>> {
    super::digested(
        conn,
        "decisions",
        &format!(
            "SELECT {}, {DECISION_COLS} FROM decisions WHERE map_id = ?1 ORDER BY seq",
            crate::digest::columns("decisions")
        ),
        map_id,
        decision_row,
        sum,
    )
}

/// The map's voting rounds with their votes, in their order.
pub(crate) fn rounds_of_map(
    conn: &Connection,
    map_id: &str,
    sum: &mut i64,
) -> Result<Vec<VotingRound>> {
    let mut rounds = super::digested(
        conn,
        "voting_rounds",
        &format!(
            "SELECT {}, {ROUND_COLS} FROM voting_rounds WHERE map_id = ?1 ORDER BY seq",
            crate::digest::columns("voting_rounds")
        ),
        map_id,
        round_row,
        sum,
    )?;
    let votes = super::digested(
        conn,
        "round_votes",
        &format!(
            "SELECT {}, round_id, touchpoint_id, dots FROM round_votes WHERE map_id = ?1
             ORDER BY round_id, position",
            crate::digest::columns("round_votes")
        ),
        map_id,
        vote_row,
        sum,
    )?;
    attach(&mut rounds, votes);
    Ok(rounds)
}

/// Gives each round its votes (already in order); votes of no listed round are dropped
/// (the foreign keys keep there from being any).
fn attach(rounds: &mut [VotingRound], votes: Vec<(String, Vote)>) {
    let at: HashMap<String, usize> = rounds
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.clone(), i))
        .collect();
    for (round, vote) in votes {
        if let Some(&i) = at.get(&round) {
            rounds[i].votes.push(vote);
        }
    }
}

impl Write<'_> {
    pub fn get_decision(&self, id: &str) -> Result<(Id, i64, Decision)> {
        self.get_seq(
            &format!("SELECT map_id, seq, {DECISION_COLS} FROM decisions WHERE id = ?1"),
            id,
            "decision",
            decision_row,
        )
    }

    /// Adds a decision at the end of the map's order, or back at `seq` (an undone delete).
    pub fn insert_decision(&self, map_id: &str, d: &Decision, seq: Option<i64>) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO decisions (seq, map_id, id, touchpoint_id, kind, text, owner, due, created_at)
                 VALUES (:seq, :map, :id, :tp, :kind, :text, :owner, :due, :at)",
            )?
            .execute(named_params! {
                ":seq": seq, ":map": map_id, ":id": d.id, ":tp": d.touchpoint_id,
                ":kind": d.kind.as_str(), ":text": d.text, ":owner": d.owner, ":due": d.due,
                ":at": d.created_at,
            })?;
        Ok(())
    }

    pub fn update_decision(&self, d: &Decision) -> Result<()> {
        let n = self
            .tx
            .prepare_cached(
                "UPDATE decisions SET touchpoint_id = :tp, kind = :kind, text = :text, owner = :owner,
                        due = :due, created_at = :at WHERE id = :id",
            )?
            .execute(named_params! {
                ":id": d.id, ":tp": d.touchpoint_id, ":kind": d.kind.as_str(), ":text": d.text,
                ":owner": d.owner, ":due": d.due, ":at": d.created_at,
            })?;
        one_row(n, "decision", &d.id)
    }

    pub fn delete_decision(&self, id: &str) -> Result<()> {
        let n = self
            .tx
            .execute("DELETE FROM decisions WHERE id = ?1", [id])?;
        one_row(n, "decision", id)
    }

    /// The decisions on any of the touchpoints, with sequence numbers, in their order.
    pub fn decisions_on(&self, touchpoints: &[Id]) -> Result<Vec<(i64, Decision)>> {
        let mut out = Vec::new();
        let mut stmt = self.tx.prepare_cached(&format!(
            "SELECT seq, {DECISION_COLS} FROM decisions WHERE touchpoint_id = ?1"
        ))?;
        for id in touchpoints {
            let rows = stmt.query_map([id], |r| Ok((r.get(0)?, decision_row(r, 1)?)))?;
            for found in rows {
                out.push(found?);
            }
        }
        out.sort_by_key(|(s, _)| *s);
        Ok(out)
    }

    pub fn get_round(&self, id: &str) -> Result<(Id, i64, VotingRound)> {
        let (map_id, seq, mut round) = self.get_seq(
            &format!("SELECT map_id, seq, {ROUND_COLS} FROM voting_rounds WHERE id = ?1"),
            id,
            "voting round",
            round_row,
        )?;
        round.votes = self.votes_of(id)?;
        Ok((map_id, seq, round))
    }

    fn votes_of(&self, round_id: &str) -> Result<Vec<Vote>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT round_id, touchpoint_id, dots FROM round_votes WHERE round_id = ?1
             ORDER BY position",
        )?;
        let rows = stmt.query_map([round_id], |r| vote_row(r, 0))?;
        Ok(rows
            .map(|v| v.map(|(_, v)| v))
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Adds a round with its votes at the end of the map's order, or back at `seq`.
    pub fn insert_round(&self, map_id: &str, r: &VotingRound, seq: Option<i64>) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO voting_rounds (seq, map_id, id, name, held_at, budget, voters, one_per_item, scope)
                 VALUES (:seq, :map, :id, :name, :at, :budget, :voters, :one, :scope)",
            )?
            .execute(named_params! {
                ":seq": seq, ":map": map_id, ":id": r.id, ":name": r.name, ":at": r.held_at,
                ":budget": r.budget, ":voters": r.voters, ":one": r.one_per_item, ":scope": r.scope,
            })?;
        self.insert_votes(map_id, r)
    }

    fn insert_votes(&self, map_id: &str, r: &VotingRound) -> Result<()> {
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO round_votes (round_id, map_id, touchpoint_id, position, dots)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (i, v) in r.votes.iter().enumerate() {
            stmt.execute(rusqlite::params![
                r.id,
                map_id,
                v.touchpoint_id,
                i as i64,
                v.dots
            ])?;
        }
        Ok(())
    }

    /// Writes a round's fields and replaces its votes.
    pub fn update_round(&self, r: &VotingRound) -> Result<()> {
        let map_id: String = self
            .tx
            .query_row(
                "SELECT map_id FROM voting_rounds WHERE id = ?1",
                [&r.id],
                |row| row.get(0),
            )
            .map_err(|_| crate::error::not_found("voting round", &r.id))?;
        self.tx.execute(
            "UPDATE voting_rounds SET name = ?2, held_at = ?3, budget = ?4, voters = ?5,
                    one_per_item = ?6, scope = ?7 WHERE id = ?1",
            rusqlite::params![
                r.id,
                r.name,
                r.held_at,
                r.budget,
                r.voters,
                r.one_per_item,
                r.scope
            ],
        )?;
        self.tx
            .execute("DELETE FROM round_votes WHERE round_id = ?1", [&r.id])?;
        self.insert_votes(&map_id, r)
    }

    /// Deletes a round; its votes go with it.
    pub fn delete_round(&self, id: &str) -> Result<()> {
        let n = self
            .tx
            .execute("DELETE FROM voting_rounds WHERE id = ?1", [id])?;
        one_row(n, "voting round", id)
    }

    /// The rounds with dots (or a place) on any of the touchpoints, with sequence numbers,
    /// in their order.
    pub fn rounds_voting_on(&self, touchpoints: &[Id]) -> Result<Vec<(i64, VotingRound)>> {
        let mut ids: Vec<String> = Vec::new();
        {
            let mut stmt = self
                .tx
                .prepare_cached("SELECT round_id FROM round_votes WHERE touchpoint_id = ?1")?;
            for t in touchpoints {
                for r in stmt.query_map([t], |r| r.get::<_, String>(0))? {
                    let r = r?;
                    if !ids.contains(&r) {
                        ids.push(r);
                    }
                }
            }
        }
        let mut out = Vec::new();
        for id in ids {
            let (_, seq, round) = self.get_round(&id)?;
            out.push((seq, round));
        }
        out.sort_by_key(|(s, _)| *s);
        Ok(out)
    }
}
