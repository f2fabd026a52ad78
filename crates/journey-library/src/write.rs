//! Writing to the library: a whole map published in one transaction, a map deleted.

use journey_core::model::JourneyMap;
use postgres::Transaction;

use crate::error::{LibraryError, Result};
use crate::{check_author, AtUrl, Library, CHANNEL};

impl Library {
    /// Writes the whole map into the library in one transaction: all of it or nothing. `by`
    /// is who publishes it (a user name, kept as `updated_by`). A map whose id is already
    /// in the library is a [`LibraryError::Conflict`] unless `replace`, which swaps its
    /// rows for these ones and moves its `rev` on by one. A stage, touchpoint or other row
    /// whose id another map of the library uses is a `Conflict` too; a value the schema
    /// refuses is [`LibraryError::Invalid`].
    pub fn publish(&mut self, map: &JourneyMap, by: &str, replace: bool) -> Result<()> {
        let by = check_author(by)?;
        let url = self.url.as_str();
        let mut tx = self.client.transaction().at(url)?;
        let id = &map.meta.id;
        let old: Option<i64> = tx
            .query_opt("SELECT rev FROM maps WHERE id = $1 FOR UPDATE", &[id])
            .at(url)?
            .map(|r| r.try_get(0))
            .transpose()
            .at(url)?;
        let rev = match old {
            Some(_) if !replace => {
                return Err(LibraryError::Conflict {
                    what: format!(
                        "map {:?} ({id}) is already in the library; replace it to publish it \
                         again",
                        map.meta.name
                    ),
                })
            }
            Some(old) => {
                tx.execute("DELETE FROM maps WHERE id = $1", &[id])
                    .at(url)?;
                old + 1
            }
            None => 1,
        };
        insert_map(&mut tx, map, by, rev, url)?;
        // Whoever has the map open reads it again (see `Listener`).
        tx.execute(
            "SELECT pg_notify($1::text, $2::text || ':' || $3::int8::text)",
            &[&CHANNEL, id, &rev],
        )
        .at(url)?;
        tx.commit().at(url)
    }

    /// Deletes a map and, through the cascades, every row of it.
    pub fn delete_map(&mut self, id: &str) -> Result<()> {
        let url = self.url.as_str();
        let n = self
            .client
            .execute("DELETE FROM maps WHERE id = $1", &[&id])
            .at(url)?;
        if n == 0 {
            return Err(LibraryError::NotFound {
                what: format!("map {id}"),
            });
        }
        Ok(())
    }
}

/// The text columns of a list of rows, as one array parameter.
fn texts<T>(rows: &[T], f: impl Fn(&T) -> &str) -> Vec<&str> {
    rows.iter().map(f).collect()
}

/// `n` fresh values of `table`'s `seq` identity, ascending, so rows given them in order
/// keep that order.
fn next_seqs(tx: &mut Transaction<'_>, table: &str, n: usize, url: &str) -> Result<Vec<i64>> {
    if n == 0 {
        return Ok(Vec::new());
    }
    let n = i64::try_from(n).map_err(|_| LibraryError::Invalid(format!("{n} {table}")))?;
    tx.query_one(
        &format!(
            "SELECT array_agg(s ORDER BY s) FROM (
                 SELECT nextval(pg_get_serial_sequence('{table}', 'seq')) AS s
                 FROM generate_series(1, $1::int8)
             ) AS q"
        ),
        &[&n],
    )
    .at(url)?
    .try_get(0)
    .at(url)
}

/// A count the schema keeps in `integer`.
fn int(value: u32, what: impl FnOnce() -> String) -> Result<i32> {
    i32::try_from(value)
        .map_err(|_| LibraryError::Invalid(format!("{}: {value} is too large", what())))
}

/// Inserts every row of `map` at revision `rev`: the map row, then each table with one
/// statement over arrays (one round trip per table, whatever the map's size).
fn insert_map(
    tx: &mut Transaction<'_>,
    map: &JourneyMap,
    by: &str,
    rev: i64,
    url: &str,
) -> Result<()> {
    let m = &map.meta;
    let id = m.id.as_str();
    tx.execute(
        "INSERT INTO maps (id, name, description, persona_name, persona_description, created_at,
                           updated_at, rev, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        &[
            &id,
            &m.name,
            &m.description,
            &m.persona.name,
            &m.persona.description,
            &m.created_at,
            &m.updated_at,
            &rev,
            &by,
        ],
    )
    .at(url)?;

    let s = &map.stages;
    tx.execute(
        "INSERT INTO stages (map_id, rev, id, name, description, pain, emotion, position)
         SELECT $1::text, $2::int8, * FROM unnest($3::text[], $4::text[], $5::text[],
                                                  $6::int2[], $7::int2[], $8::float8[])",
        &[
            &id,
            &rev,
            &texts(s, |s| &s.id),
            &texts(s, |s| &s.name),
            &texts(s, |s| &s.description),
            &s.iter().map(|s| s.pain.map(i16::from)).collect::<Vec<_>>(),
            &s.iter()
                .map(|s| s.emotion.map(i16::from))
                .collect::<Vec<_>>(),
            &s.iter().map(|s| s.position).collect::<Vec<_>>(),
        ],
    )
    .at(url)?;

    let l = &map.lanes;
    tx.execute(
        "INSERT INTO lanes (map_id, rev, id, name, kind, hidden, position)
         SELECT $1::text, $2::int8, * FROM unnest($3::text[], $4::text[], $5::text[],
                                                  $6::bool[], $7::float8[])",
        &[
            &id,
            &rev,
            &texts(l, |l| &l.id),
            &texts(l, |l| &l.name),
            &texts(l, |l| l.kind.as_str()),
            &l.iter().map(|l| l.hidden).collect::<Vec<_>>(),
            &l.iter().map(|l| l.position).collect::<Vec<_>>(),
        ],
    )
    .at(url)?;

    let t = &map.touchpoints;
    tx.execute(
        "INSERT INTO touchpoints (map_id, rev, id, stage_id, lane_id, title, description, channel,
                                  owner, pain, emotion, position)
         SELECT $1::text, $2::int8, * FROM unnest($3::text[], $4::text[], $5::text[], $6::text[],
                                                  $7::text[], $8::text[], $9::text[], $10::int2[],
                                                  $11::int2[], $12::float8[])",
        &[
            &id,
            &rev,
            &texts(t, |t| &t.id),
            &texts(t, |t| &t.stage_id),
            &texts(t, |t| &t.lane_id),
            &texts(t, |t| &t.title),
            &texts(t, |t| &t.description),
            &texts(t, |t| &t.channel),
            &texts(t, |t| &t.owner),
            &t.iter().map(|t| t.pain.map(i16::from)).collect::<Vec<_>>(),
            &t.iter()
                .map(|t| t.emotion.map(i16::from))
                .collect::<Vec<_>>(),
            &t.iter().map(|t| t.position).collect::<Vec<_>>(),
        ],
    )
    .at(url)?;

    let k = &map.links;
    let seqs = next_seqs(tx, "links", k.len(), url)?;
    tx.execute(
        "INSERT INTO links (map_id, rev, seq, id, from_id, to_id, kind, label)
         SELECT $1::text, $2::int8, * FROM unnest($3::int8[], $4::text[], $5::text[], $6::text[],
                                                  $7::text[], $8::text[])",
        &[
            &id,
            &rev,
            &seqs,
            &texts(k, |l| &l.id),
            &texts(k, |l| &l.from),
            &texts(k, |l| &l.to),
            &texts(k, |l| l.kind.as_str()),
            &k.iter().map(|l| l.label.as_deref()).collect::<Vec<_>>(),
        ],
    )
    .at(url)?;

    let f = &map.feedback;
    let seqs = next_seqs(tx, "feedback", f.len(), url)?;
    tx.execute(
        "INSERT INTO feedback (map_id, rev, seq, id, touchpoint_id, stage_id, kind, text, source,
                               date, segment, nps, csat, ces)
         SELECT $1::text, $2::int8, * FROM unnest($3::int8[], $4::text[], $5::text[], $6::text[],
                                                  $7::text[], $8::text[], $9::text[], $10::text[],
                                                  $11::text[], $12::int2[], $13::int2[],
                                                  $14::int2[])",
        &[
            &id,
            &rev,
            &seqs,
            &texts(f, |f| &f.id),
            &f.iter().map(|f| f.target.ids().0).collect::<Vec<_>>(),
            &f.iter().map(|f| f.target.ids().1).collect::<Vec<_>>(),
            &texts(f, |f| f.kind.as_str()),
            &texts(f, |f| &f.text),
            &texts(f, |f| &f.source),
            &f.iter().map(|f| f.date.as_deref()).collect::<Vec<_>>(),
            &texts(f, |f| &f.segment),
            &f.iter()
                .map(|f| f.answers.nps.map(i16::from))
                .collect::<Vec<_>>(),
            &f.iter()
                .map(|f| f.answers.csat.map(i16::from))
                .collect::<Vec<_>>(),
            &f.iter()
                .map(|f| f.answers.ces.map(i16::from))
                .collect::<Vec<_>>(),
        ],
    )
    .at(url)?;

    let d = &map.decisions;
    let seqs = next_seqs(tx, "decisions", d.len(), url)?;
    tx.execute(
        "INSERT INTO decisions (map_id, rev, seq, id, touchpoint_id, kind, text, owner, due,
                                created_at)
         SELECT $1::text, $2::int8, * FROM unnest($3::int8[], $4::text[], $5::text[], $6::text[],
                                                  $7::text[], $8::text[], $9::text[], $10::text[])",
        &[
            &id,
            &rev,
            &seqs,
            &texts(d, |d| &d.id),
            &texts(d, |d| &d.touchpoint_id),
            &texts(d, |d| d.kind.as_str()),
            &texts(d, |d| &d.text),
            &texts(d, |d| &d.owner),
            &d.iter().map(|d| d.due.as_deref()).collect::<Vec<_>>(),
            &texts(d, |d| &d.created_at),
        ],
    )
    .at(url)?;

    let r = &map.rounds;
    let seqs = next_seqs(tx, "voting_rounds", r.len(), url)?;
    let budgets = r
        .iter()
        .map(|r| int(r.budget, || format!("the budget of voting round {}", r.id)))
        .collect::<Result<Vec<_>>>()?;
    let voters = r
        .iter()
        .map(|r| int(r.voters, || format!("the voters of voting round {}", r.id)))
        .collect::<Result<Vec<_>>>()?;
    tx.execute(
        "INSERT INTO voting_rounds (map_id, rev, seq, id, name, held_at, budget, voters,
                                    one_per_item, scope)
         SELECT $1::text, $2::int8, * FROM unnest($3::int8[], $4::text[], $5::text[], $6::text[],
                                                  $7::int4[], $8::int4[], $9::bool[], $10::text[])",
        &[
            &id,
            &rev,
            &seqs,
            &texts(r, |r| &r.id),
            &texts(r, |r| &r.name),
            &texts(r, |r| &r.held_at),
            &budgets,
            &voters,
            &r.iter().map(|r| r.one_per_item).collect::<Vec<_>>(),
            &texts(r, |r| &r.scope),
        ],
    )
    .at(url)?;

    // Each round's votes in the order its items were shown (`position`).
    let mut round_ids = Vec::new();
    let mut touchpoint_ids = Vec::new();
    let mut positions = Vec::new();
    let mut dots = Vec::new();
    for round in r {
        for (i, v) in round.votes.iter().enumerate() {
            round_ids.push(round.id.as_str());
            touchpoint_ids.push(v.touchpoint_id.as_str());
            positions.push(int(u32::try_from(i).unwrap_or(u32::MAX), || {
                format!("the items of voting round {}", round.id)
            })?);
            dots.push(int(v.dots, || {
                format!(
                    "the dots on {} in voting round {}",
                    v.touchpoint_id, round.id
                )
            })?);
        }
    }
    tx.execute(
        "INSERT INTO round_votes (map_id, round_id, touchpoint_id, position, dots)
         SELECT $1::text, * FROM unnest($2::text[], $3::text[], $4::int4[], $5::int4[])",
        &[&id, &round_ids, &touchpoint_ids, &positions, &dots],
    )
    .at(url)?;
    Ok(())
}
