//! Reading from the library: a whole map in one snapshot, the list of maps, a map's
//! revision.

use std::collections::HashMap;

use journey_core::model::{
    Decision, DecisionKind, Feedback, FeedbackKind, FeedbackTarget, Id, JourneyMap, Lane, LaneKind,
    Link, LinkKind, MapMeta, Persona, Stage, SurveyAnswers, Touchpoint, Vote, VotingRound,
};
use postgres::types::FromSql;
use postgres::{IsolationLevel, Row};

use crate::error::{LibraryError, Result};
use crate::{AtUrl, Library};

/// One line of the library's list of maps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibraryMapSummary {
    pub id: Id,
    pub name: String,
    pub persona_name: String,
    pub stage_count: u32,
    pub touchpoint_count: u32,
    /// The map's revision: 1 when first published, one more with every write.
    pub rev: i64,
    /// Who wrote to the map last (the name given to the write).
    pub updated_by: String,
    /// The map's own `updatedAt` (RFC 3339), as in its file and the local list.
    pub updated_at: String,
    /// When the library last wrote the map, by the server's clock (RFC 3339 UTC, seconds).
    pub written_at: String,
}

impl Library {
    /// A whole map, every vector in display order, read in one `REPEATABLE READ`
    /// read-only transaction: every table as of the same moment, whatever others commit
    /// meanwhile. Equal to what the SQLite store loads for the same rows.
    pub fn load_map(&mut self, id: &str) -> Result<JourneyMap> {
        Ok(self.load_map_at(id)?.0)
    }

    /// [`Library::load_map`] with the map's revision, read in the same snapshot: the map
    /// is exactly what that revision holds.
    pub fn load_map_at(&mut self, id: &str) -> Result<(JourneyMap, i64)> {
        let Library {
            client,
            url,
            statements,
            ..
        } = self;
        let url = url.as_str();
        let mut tx = client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .at(url)?;
        let r = &Reader { url };
        // Each statement is prepared once per connection: one round trip per table.
        let mut query = |sql: &str| -> Result<Vec<Row>> {
            let st = crate::prepared(statements, &mut tx, sql).at(url)?;
            tx.query(&st, &[&id]).at(url)
        };
        let meta = query(
            "SELECT id, name, description, persona_name, persona_description, created_at,
                    updated_at, rev
             FROM maps WHERE id = $1",
        )?
        .into_iter()
        .next()
        .ok_or_else(|| LibraryError::NotFound {
            what: format!("map {id}"),
        })?;
        let rev: i64 = r.get(&meta, 7)?;
        let meta = MapMeta {
            id: r.get(&meta, 0)?,
            name: r.get(&meta, 1)?,
            description: r.get(&meta, 2)?,
            persona: Persona {
                name: r.get(&meta, 3)?,
                description: r.get(&meta, 4)?,
            },
            created_at: r.get(&meta, 5)?,
            updated_at: r.get(&meta, 6)?,
        };

        let stages = query(
            "SELECT id, name, description, pain, emotion, position FROM stages
                 WHERE map_id = $1",
        )?
        .iter()
        .map(|row| {
            Ok(Stage {
                id: r.get(row, 0)?,
                name: r.get(row, 1)?,
                description: r.get(row, 2)?,
                pain: r.small(row, 3)?,
                emotion: r.small(row, 4)?,
                position: r.get(row, 5)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;

        let lanes = query("SELECT id, name, kind, hidden, position FROM lanes WHERE map_id = $1")?
            .iter()
            .map(|row| {
                Ok(Lane {
                    id: r.get(row, 0)?,
                    name: r.get(row, 1)?,
                    kind: r.kind(row, 2, "lane kind", LaneKind::parse)?,
                    hidden: r.get(row, 3)?,
                    position: r.get(row, 4)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;

        let touchpoints = query(
            "SELECT id, stage_id, lane_id, title, description, channel, owner, pain, emotion,
                        position
                 FROM touchpoints WHERE map_id = $1",
        )?
        .iter()
        .map(|row| {
            Ok(Touchpoint {
                id: r.get(row, 0)?,
                stage_id: r.get(row, 1)?,
                lane_id: r.get(row, 2)?,
                title: r.get(row, 3)?,
                description: r.get(row, 4)?,
                channel: r.get(row, 5)?,
                owner: r.get(row, 6)?,
                pain: r.small(row, 7)?,
                emotion: r.small(row, 8)?,
                position: r.get(row, 9)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;

        let links = query(
            "SELECT id, from_id, to_id, kind, label FROM links WHERE map_id = $1 ORDER BY seq",
        )?
        .iter()
        .map(|row| {
            Ok(Link {
                id: r.get(row, 0)?,
                from: r.get(row, 1)?,
                to: r.get(row, 2)?,
                kind: r.kind(row, 3, "link kind", LinkKind::parse)?,
                label: r.get(row, 4)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;

        let feedback = query(
            "SELECT id, touchpoint_id, stage_id, kind, text, source, date, segment, nps, csat,
                        ces
                 FROM feedback WHERE map_id = $1 ORDER BY seq",
        )?
        .iter()
        .map(|row| {
            let target = match (r.get(row, 1)?, r.get(row, 2)?) {
                (Some(t), _) => FeedbackTarget::Touchpoint(t),
                (None, Some(s)) => FeedbackTarget::Stage(s),
                (None, None) => return Err(r.bad("feedback without a target")),
            };
            Ok(Feedback {
                id: r.get(row, 0)?,
                target,
                kind: r.kind(row, 3, "feedback kind", FeedbackKind::parse)?,
                text: r.get(row, 4)?,
                source: r.get(row, 5)?,
                date: r.get(row, 6)?,
                segment: r.get(row, 7)?,
                answers: SurveyAnswers {
                    nps: r.small(row, 8)?,
                    csat: r.small(row, 9)?,
                    ces: r.small(row, 10)?,
                },
            })
        })
        .collect::<Result<Vec<_>>>()?;

        let decisions = query(
            "SELECT id, touchpoint_id, kind, text, owner, due, created_at FROM decisions
                 WHERE map_id = $1 ORDER BY seq",
        )?
        .iter()
        .map(|row| {
            Ok(Decision {
                id: r.get(row, 0)?,
                touchpoint_id: r.get(row, 1)?,
                kind: r.kind(row, 2, "decision kind", DecisionKind::parse)?,
                text: r.get(row, 3)?,
                owner: r.get(row, 4)?,
                due: r.get(row, 5)?,
                created_at: r.get(row, 6)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;

        let mut rounds = query(
            "SELECT id, name, held_at, budget, voters, one_per_item, scope FROM voting_rounds
                 WHERE map_id = $1 ORDER BY seq",
        )?
        .iter()
        .map(|row| {
            Ok(VotingRound {
                id: r.get(row, 0)?,
                name: r.get(row, 1)?,
                held_at: r.get(row, 2)?,
                budget: r.count(row, 3)?,
                voters: r.count(row, 4)?,
                one_per_item: r.get(row, 5)?,
                scope: r.get(row, 6)?,
                votes: Vec::new(),
            })
        })
        .collect::<Result<Vec<_>>>()?;
        let at: HashMap<String, usize> = rounds
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
        let votes = query(
            "SELECT round_id, touchpoint_id, dots FROM round_votes WHERE map_id = $1
                 ORDER BY round_id, position",
        )?;
        for row in &votes {
            let round: String = r.get(row, 0)?;
            // The foreign keys keep every vote's round in the map.
            if let Some(&i) = at.get(&round) {
                rounds[i].votes.push(Vote {
                    touchpoint_id: r.get(row, 1)?,
                    dots: r.count(row, 2)?,
                });
            }
        }
        tx.commit().at(url)?;

        let mut map = JourneyMap {
            meta,
            stages,
            lanes,
            touchpoints,
            links,
            feedback,
            decisions,
            rounds,
        };
        // The same rule as the SQLite store: positions, ties broken by id, in Rust, so
        // the order never depends on the server's collation.
        map.sort_for_display();
        Ok((map, rev))
    }

    /// Every map of the library, by name (ASCII case folded, as the local list sorts
    /// them), then id.
    pub fn list_maps(&mut self) -> Result<Vec<LibraryMapSummary>> {
        let url = self.url.as_str();
        let r = &Reader { url };
        let rows = self
            .client
            .query(
                "SELECT m.id, m.name, m.persona_name,
                        (SELECT count(*) FROM stages s WHERE s.map_id = m.id),
                        (SELECT count(*) FROM touchpoints t WHERE t.map_id = m.id),
                        m.rev, m.updated_by, m.updated_at,
                        to_char(m.written_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')
                 FROM maps m",
                &[],
            )
            .at(url)?;
        let mut maps = rows
            .iter()
            .map(|row| {
                Ok(LibraryMapSummary {
                    id: r.get(row, 0)?,
                    name: r.get(row, 1)?,
                    persona_name: r.get(row, 2)?,
                    stage_count: r.count(row, 3)?,
                    touchpoint_count: r.count(row, 4)?,
                    rev: r.get(row, 5)?,
                    updated_by: r.get(row, 6)?,
                    updated_at: r.get(row, 7)?,
                    written_at: r.get(row, 8)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        // SQLite's `COLLATE NOCASE` folds ASCII letters only; byte order otherwise.
        maps.sort_by(|a, b| {
            a.name
                .to_ascii_lowercase()
                .cmp(&b.name.to_ascii_lowercase())
                .then_with(|| a.id.cmp(&b.id))
        });
        Ok(maps)
    }

    /// The map's revision (see the crate docs).
    pub fn map_rev(&mut self, id: &str) -> Result<i64> {
        let url = self.url.as_str();
        let row = self
            .client
            .query_opt("SELECT rev FROM maps WHERE id = $1", &[&id])
            .at(url)?
            .ok_or_else(|| LibraryError::NotFound {
                what: format!("map {id}"),
            })?;
        row.try_get(0).at(url)
    }
}

/// Reads columns of library rows into the model's types; a value the model cannot hold
/// (never written by us: the schema's checks keep them out) is an error, never a panic.
struct Reader<'a> {
    url: &'a str,
}

impl Reader<'_> {
    fn get<'r, T: FromSql<'r>>(&self, row: &'r Row, i: usize) -> Result<T> {
        row.try_get(i).at(self.url)
    }

    fn bad(&self, what: &str) -> LibraryError {
        LibraryError::Db(format!("the team library holds {what}"))
    }

    /// A `smallint` score into the model's `u8` or `i8`.
    fn small<T: TryFrom<i16>>(&self, row: &Row, i: usize) -> Result<Option<T>> {
        let v: Option<i16> = self.get(row, i)?;
        v.map(|v| T::try_from(v).map_err(|_| self.bad(&format!("the out-of-range score {v}"))))
            .transpose()
    }

    /// A count (`integer` or `bigint`) into `u32`.
    fn count(&self, row: &Row, i: usize) -> Result<u32> {
        let v: i64 = match row.columns()[i].type_() {
            &postgres::types::Type::INT8 => self.get(row, i)?,
            _ => i64::from(self.get::<i32>(row, i)?),
        };
        u32::try_from(v).map_err(|_| self.bad(&format!("the out-of-range count {v}")))
    }

    fn kind<T>(&self, row: &Row, i: usize, what: &str, parse: fn(&str) -> Option<T>) -> Result<T> {
        let s: String = self.get(row, i)?;
        parse(&s).ok_or_else(|| self.bad(&format!("an unknown {what} {s:?}")))
    }
}
