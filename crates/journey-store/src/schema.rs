//! Schema migrations. Append-only: a migration that has shipped is never edited; a change
//! is a new entry at the end of [`MIGRATIONS`].

use rusqlite_migration::{Migrations, M};

/// `PRAGMA application_id` of a Journeymap database ("JMAP").
pub const APPLICATION_ID: i32 = 0x4A4D_4150;

/// Migration 1: the whole schema. Constraints live in the schema itself: foreign keys with
/// cascades where a child cannot outlive its parent, composite keys so that a touchpoint,
/// link or piece of feedback can only refer to things of its own map, and range checks on
/// every score.
const V1: &str = r#"
PRAGMA application_id = 1246576976;

CREATE TABLE maps (
    id                  TEXT PRIMARY KEY NOT NULL,
    name                TEXT NOT NULL CHECK (length(trim(name)) >= 1 AND length(name) <= 200),
    description         TEXT NOT NULL DEFAULT '',
    persona_name        TEXT NOT NULL DEFAULT '',
    persona_description TEXT NOT NULL DEFAULT '',
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
) STRICT;

CREATE TABLE stages (
    id          TEXT PRIMARY KEY NOT NULL,
    map_id      TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    name        TEXT NOT NULL CHECK (length(trim(name)) >= 1 AND length(name) <= 200),
    description TEXT NOT NULL DEFAULT '',
    pain        INTEGER CHECK (pain BETWEEN 0 AND 10),
    emotion     INTEGER CHECK (emotion BETWEEN -2 AND 2),
    position    REAL NOT NULL,
    UNIQUE (map_id, id)
) STRICT;
CREATE INDEX stages_by_position ON stages(map_id, position);

CREATE TABLE lanes (
    id       TEXT PRIMARY KEY NOT NULL,
    map_id   TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    name     TEXT NOT NULL CHECK (length(trim(name)) >= 1 AND length(name) <= 200),
    kind     TEXT NOT NULL CHECK (kind IN ('marketing', 'sales', 'technology',
                 'supporting_systems', 'third_party', 'support', 'policies', 'custom')),
    hidden   INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
    position REAL NOT NULL,
    UNIQUE (map_id, id)
) STRICT;
CREATE INDEX lanes_by_position ON lanes(map_id, position);
CREATE UNIQUE INDEX one_lane_per_built_in_kind ON lanes(map_id, kind) WHERE kind <> 'custom';

CREATE TABLE touchpoints (
    id          TEXT PRIMARY KEY NOT NULL,
    map_id      TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    stage_id    TEXT NOT NULL,
    lane_id     TEXT NOT NULL,
    title       TEXT NOT NULL CHECK (length(trim(title)) >= 1 AND length(title) <= 200),
    description TEXT NOT NULL DEFAULT '',
    channel     TEXT NOT NULL DEFAULT '',
    owner       TEXT NOT NULL DEFAULT '',
    pain        INTEGER CHECK (pain BETWEEN 0 AND 10),
    emotion     INTEGER CHECK (emotion BETWEEN -2 AND 2),
    position    REAL NOT NULL,
    UNIQUE (map_id, id),
    FOREIGN KEY (map_id, stage_id) REFERENCES stages(map_id, id) ON DELETE CASCADE,
    FOREIGN KEY (map_id, lane_id) REFERENCES lanes(map_id, id) ON DELETE CASCADE
) STRICT;
CREATE INDEX touchpoints_by_cell ON touchpoints(stage_id, lane_id, position);
CREATE INDEX touchpoints_by_lane ON touchpoints(lane_id);

CREATE TABLE links (
    seq     INTEGER PRIMARY KEY,
    id      TEXT NOT NULL UNIQUE,
    map_id  TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    from_id TEXT NOT NULL,
    to_id   TEXT NOT NULL,
    kind    TEXT NOT NULL CHECK (kind IN ('flow', 'handoff', 'depends_on')),
    label   TEXT CHECK (label IS NULL OR length(label) <= 200),
    CHECK (from_id <> to_id),
    UNIQUE (from_id, to_id, kind),
    FOREIGN KEY (map_id, from_id) REFERENCES touchpoints(map_id, id) ON DELETE CASCADE,
    FOREIGN KEY (map_id, to_id) REFERENCES touchpoints(map_id, id) ON DELETE CASCADE
) STRICT;
CREATE INDEX links_by_map ON links(map_id, seq);
CREATE INDEX links_by_to ON links(to_id);

CREATE TABLE feedback (
    seq           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    map_id        TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    touchpoint_id TEXT,
    stage_id      TEXT,
    kind          TEXT NOT NULL CHECK (kind IN ('quote', 'observation', 'survey_response',
                      'support_ticket', 'review')),
    text          TEXT NOT NULL CHECK (length(trim(text)) >= 1 AND length(text) <= 10000),
    source        TEXT NOT NULL DEFAULT '',
    date          TEXT CHECK (date IS NULL OR date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    segment       TEXT NOT NULL DEFAULT '',
    nps           INTEGER CHECK (nps BETWEEN 0 AND 10),
    csat          INTEGER CHECK (csat BETWEEN 1 AND 5),
    ces           INTEGER CHECK (ces BETWEEN 1 AND 7),
    CHECK ((touchpoint_id IS NULL) <> (stage_id IS NULL)),
    FOREIGN KEY (map_id, touchpoint_id) REFERENCES touchpoints(map_id, id) ON DELETE CASCADE,
    FOREIGN KEY (map_id, stage_id) REFERENCES stages(map_id, id) ON DELETE CASCADE
) STRICT;
CREATE INDEX feedback_by_map ON feedback(map_id, seq);
CREATE INDEX feedback_by_touchpoint ON feedback(touchpoint_id);
CREATE INDEX feedback_by_stage ON feedback(stage_id);
"#;

/// Migration 2: small key-value settings kept with the maps (the map the user had open).
const V2: &str = r#"
CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;
"#;

/// Migration 3: a digest per map, kept by triggers, so that rows changed or lost behind
/// SQLite's back are found when the map is read (see `digest.rs`). `jm_crc` is a Rust
/// function every connection registers; the columns passed are `digest::COVERED`.
/// `jm_bulk()` is 1 while the store inserts a whole map, which then sums its digest once
/// at the end instead of one update per row.
const V3: &str = r#"
CREATE TABLE map_digests (
    map_id TEXT PRIMARY KEY NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    digest INTEGER NOT NULL
) STRICT;

INSERT INTO map_digests (map_id, digest)
SELECT m.id,
       jm_crc('maps', m.id, m.name, m.description, m.persona_name, m.persona_description, m.created_at, m.updated_at)
     + (SELECT coalesce(sum(jm_crc('stages', id, map_id, name, description, pain, emotion, position)), 0) FROM stages WHERE map_id = m.id)
     + (SELECT coalesce(sum(jm_crc('lanes', id, map_id, name, kind, hidden, position)), 0) FROM lanes WHERE map_id = m.id)
     + (SELECT coalesce(sum(jm_crc('touchpoints', id, map_id, stage_id, lane_id, title, description, channel, owner, pain, emotion, position)), 0) FROM touchpoints WHERE map_id = m.id)
     + (SELECT coalesce(sum(jm_crc('links', seq, id, map_id, from_id, to_id, kind, label)), 0) FROM links WHERE map_id = m.id)
     + (SELECT coalesce(sum(jm_crc('feedback', seq, id, map_id, touchpoint_id, stage_id, kind, text, source, date, segment, nps, csat, ces)), 0) FROM feedback WHERE map_id = m.id)
FROM maps m;

CREATE TRIGGER maps_digest_insert AFTER INSERT ON maps BEGIN
    INSERT INTO map_digests (map_id, digest) VALUES (NEW.id, jm_crc('maps', NEW.id, NEW.name, NEW.description, NEW.persona_name, NEW.persona_description, NEW.created_at, NEW.updated_at));
END;
CREATE TRIGGER maps_digest_update AFTER UPDATE ON maps BEGIN
    UPDATE map_digests SET digest = digest - jm_crc('maps', OLD.id, OLD.name, OLD.description, OLD.persona_name, OLD.persona_description, OLD.created_at, OLD.updated_at)
        + jm_crc('maps', NEW.id, NEW.name, NEW.description, NEW.persona_name, NEW.persona_description, NEW.created_at, NEW.updated_at) WHERE map_id = NEW.id;
END;

CREATE TRIGGER stages_digest_insert AFTER INSERT ON stages WHEN jm_bulk() = 0 BEGIN
    UPDATE map_digests SET digest = digest + jm_crc('stages', NEW.id, NEW.map_id, NEW.name, NEW.description, NEW.pain, NEW.emotion, NEW.position) WHERE map_id = NEW.map_id;
END;
CREATE TRIGGER stages_digest_delete AFTER DELETE ON stages BEGIN
    UPDATE map_digests SET digest = digest - jm_crc('stages', OLD.id, OLD.map_id, OLD.name, OLD.description, OLD.pain, OLD.emotion, OLD.position) WHERE map_id = OLD.map_id;
END;
CREATE TRIGGER stages_digest_update AFTER UPDATE ON stages BEGIN
    UPDATE map_digests SET digest = digest - jm_crc('stages', OLD.id, OLD.map_id, OLD.name, OLD.description, OLD.pain, OLD.emotion, OLD.position) WHERE map_id = OLD.map_id;
    UPDATE map_digests SET digest = digest + jm_crc('stages', NEW.id, NEW.map_id, NEW.name, NEW.description, NEW.pain, NEW.emotion, NEW.position) WHERE map_id = NEW.map_id;
END;

CREATE TRIGGER lanes_digest_insert AFTER INSERT ON lanes WHEN jm_bulk() = 0 BEGIN
    UPDATE map_digests SET digest = digest + jm_crc('lanes', NEW.id, NEW.map_id, NEW.name, NEW.kind, NEW.hidden, NEW.position) WHERE map_id = NEW.map_id;
END;
CREATE TRIGGER lanes_digest_delete AFTER DELETE ON lanes BEGIN
    UPDATE map_digests SET digest = digest - jm_crc('lanes', OLD.id, OLD.map_id, OLD.name, OLD.kind, OLD.hidden, OLD.position) WHERE map_id = OLD.map_id;
END;
CREATE TRIGGER lanes_digest_update AFTER UPDATE ON lanes BEGIN
    UPDATE map_digests SET digest = digest - jm_crc('lanes', OLD.id, OLD.map_id, OLD.name, OLD.kind, OLD.hidden, OLD.position) WHERE map_id = OLD.map_id;
    UPDATE map_digests SET digest = digest + jm_crc('lanes', NEW.id, NEW.map_id, NEW.name, NEW.kind, NEW.hidden, NEW.position) WHERE map_id = NEW.map_id;
END;

CREATE TRIGGER touchpoints_digest_insert AFTER INSERT ON touchpoints WHEN jm_bulk() = 0 BEGIN
    UPDATE map_digests SET digest = digest + jm_crc('touchpoints', NEW.id, NEW.map_id, NEW.stage_id, NEW.lane_id, NEW.title, NEW.description, NEW.channel, NEW.owner, NEW.pain, NEW.emotion, NEW.position) WHERE map_id = NEW.map_id;
END;
CREATE TRIGGER touchpoints_digest_delete AFTER DELETE ON touchpoints BEGIN
    UPDATE map_digests SET digest = digest - jm_crc('touchpoints', OLD.id, OLD.map_id, OLD.stage_id, OLD.lane_id, OLD.title, OLD.description, OLD.channel, OLD.owner, OLD.pain, OLD.emotion, OLD.position) WHERE map_id = OLD.map_id;
END;
CREATE TRIGGER touchpoints_digest_update AFTER UPDATE ON touchpoints BEGIN
    UPDATE map_digests SET digest = digest - jm_crc('touchpoints', OLD.id, OLD.map_id, OLD.stage_id, OLD.lane_id, OLD.title, OLD.description, OLD.channel, OLD.owner, OLD.pain, OLD.emotion, OLD.position) WHERE map_id = OLD.map_id;
    UPDATE map_digests SET digest = digest + jm_crc('touchpoints', NEW.id, NEW.map_id, NEW.stage_id, NEW.lane_id, NEW.title, NEW.description, NEW.channel, NEW.owner, NEW.pain, NEW.emotion, NEW.position) WHERE map_id = NEW.map_id;
END;

CREATE TRIGGER links_digest_insert AFTER INSERT ON links WHEN jm_bulk() = 0 BEGIN
    UPDATE map_digests SET digest = digest + jm_crc('links', NEW.seq, NEW.id, NEW.map_id, NEW.from_id, NEW.to_id, NEW.kind, NEW.label) WHERE map_id = NEW.map_id;
END;
CREATE TRIGGER links_digest_delete AFTER DELETE ON links BEGIN
    UPDATE map_digests SET digest = digest - jm_crc('links', OLD.seq, OLD.id, OLD.map_id, OLD.from_id, OLD.to_id, OLD.kind, OLD.label) WHERE map_id = OLD.map_id;
END;
CREATE TRIGGER links_digest_update AFTER UPDATE ON links BEGIN
    UPDATE map_digests SET digest = digest - jm_crc('links', OLD.seq, OLD.id, OLD.map_id, OLD.from_id, OLD.to_id, OLD.kind, OLD.label) WHERE map_id = OLD.map_id;
    UPDATE map_digests SET digest = digest + jm_crc('links', NEW.seq, NEW.id, NEW.map_id, NEW.from_id, NEW.to_id, NEW.kind, NEW.label) WHERE map_id = NEW.map_id;
END;

CREATE TRIGGER feedback_digest_insert AFTER INSERT ON feedback WHEN jm_bulk() = 0 BEGIN
    UPDATE map_digests SET digest = digest + jm_crc('feedback', NEW.seq, NEW.id, NEW.map_id, NEW.touchpoint_id, NEW.stage_id, NEW.kind, NEW.text, NEW.source, NEW.date, NEW.segment, NEW.nps, NEW.csat, NEW.ces) WHERE map_id = NEW.map_id;
END;
CREATE TRIGGER feedback_digest_delete AFTER DELETE ON feedback BEGIN
    UPDATE map_digests SET digest = digest - jm_crc('feedback', OLD.seq, OLD.id, OLD.map_id, OLD.touchpoint_id, OLD.stage_id, OLD.kind, OLD.text, OLD.source, OLD.date, OLD.segment, OLD.nps, OLD.csat, OLD.ces) WHERE map_id = OLD.map_id;
END;
CREATE TRIGGER feedback_digest_update AFTER UPDATE ON feedback BEGIN
    UPDATE map_digests SET digest = digest - jm_crc('feedback', OLD.seq, OLD.id, OLD.map_id, OLD.touchpoint_id, OLD.stage_id, OLD.kind, OLD.text, OLD.source, OLD.date, OLD.segment, OLD.nps, OLD.csat, OLD.ces) WHERE map_id = OLD.map_id;
    UPDATE map_digests SET digest = digest + jm_crc('feedback', NEW.seq, NEW.id, NEW.map_id, NEW.touchpoint_id, NEW.stage_id, NEW.kind, NEW.text, NEW.source, NEW.date, NEW.segment, NEW.nps, NEW.csat, NEW.ces) WHERE map_id = NEW.map_id;
END;
"#;

/// Migration 4: what a workshop adds to a map: decisions and opportunities on touchpoints,
/// and dot-voting rounds with their counts per touchpoint. Each table is covered by the
/// map's digest like the others (the columns are `digest::COVERED`). `seq` is
/// `AUTOINCREMENT`: an undone delete puts a row back at its old `seq`, which no other
/// row may have taken in the meantime (SQLite reuses the largest rowid otherwise).
const V4: &str = r#"
CREATE TABLE decisions (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    id            TEXT NOT NULL UNIQUE,
    map_id        TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    touchpoint_id TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('decision', 'opportunity')),
    text          TEXT NOT NULL CHECK (length(trim(text)) >= 1 AND length(text) <= 2000),
    owner         TEXT NOT NULL DEFAULT '' CHECK (length(owner) <= 200),
    due           TEXT CHECK (due IS NULL OR due GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    created_at    TEXT NOT NULL,
    FOREIGN KEY (map_id, touchpoint_id) REFERENCES touchpoints(map_id, id) ON DELETE CASCADE
) STRICT;
CREATE INDEX decisions_by_map ON decisions(map_id, seq);
CREATE INDEX decisions_by_touchpoint ON decisions(touchpoint_id);

CREATE TABLE voting_rounds (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT NOT NULL UNIQUE,
    map_id       TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    name         TEXT NOT NULL CHECK (length(trim(name)) >= 1 AND length(name) <= 200),
    held_at      TEXT NOT NULL,
    budget       INTEGER NOT NULL CHECK (budget BETWEEN 1 AND 100),
    voters       INTEGER NOT NULL CHECK (voters BETWEEN 1 AND 10000),
    one_per_item INTEGER NOT NULL CHECK (one_per_item IN (0, 1)),
    scope        TEXT NOT NULL DEFAULT '' CHECK (length(scope) <= 200),
    UNIQUE (map_id, id)
) STRICT;
CREATE INDEX voting_rounds_by_map ON voting_rounds(map_id, seq);

CREATE TABLE round_votes (
    round_id      TEXT NOT NULL,
    map_id        TEXT NOT NULL,
    touchpoint_id TEXT NOT NULL,
    position      INTEGER NOT NULL,
    dots          INTEGER NOT NULL CHECK (dots BETWEEN 0 AND 1000000),
    PRIMARY KEY (round_id, touchpoint_id),
    FOREIGN KEY (map_id, round_id) REFERENCES voting_rounds(map_id, id) ON DELETE CASCADE,
    FOREIGN KEY (map_id, touchpoint_id) REFERENCES touchpoints(map_id, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
CREATE INDEX round_votes_by_map ON round_votes(map_id);
CREATE INDEX round_votes_by_touchpoint ON round_votes(touchpoint_id);

CREATE TRIGGER decisions_digest_insert AFTER INSERT ON decisions WHEN jm_bulk() = 0 BEGIN
    UPDATE map_digests SET digest = digest + jm_crc('decisions', NEW.seq, NEW.id, NEW.map_id, NEW.touchpoint_id, NEW.kind, NEW.text, NEW.owner, NEW.due, NEW.created_at) WHERE map_id = NEW.map_id;
END;
CREATE TRIGGER decisions_digest_delete AFTER DELETE ON decisions BEGIN
    UPDATE map_digests SET digest = digest - jm_crc('decisions', OLD.seq, OLD.id, OLD.map_id, OLD.touchpoint_id, OLD.kind, OLD.text, OLD.owner, OLD.due, OLD.created_at) WHERE map_id = OLD.map_id;
END;
CREATE TRIGGER decisions_digest_update AFTER UPDATE ON decisions BEGIN
    UPDATE map_digests SET digest = digest - jm_crc('decisions', OLD.seq, OLD.id, OLD.map_id, OLD.touchpoint_id, OLD.kind, OLD.text, OLD.owner, OLD.due, OLD.created_at) WHERE map_id = OLD.map_id;
    UPDATE map_digests SET digest = digest + jm_crc('decisions', NEW.seq, NEW.id, NEW.map_id, NEW.touchpoint_id, NEW.kind, NEW.text, NEW.owner, NEW.due, NEW.created_at) WHERE map_id = NEW.map_id;
END;

CREATE TRIGGER voting_rounds_digest_insert AFTER INSERT ON voting_rounds WHEN jm_bulk() = 0 BEGIN
    UPDATE map_digests SET digest = digest + jm_crc('voting_rounds', NEW.seq, NEW.id, NEW.map_id, NEW.name, NEW.held_at, NEW.budget, NEW.voters, NEW.one_per_item, NEW.scope) WHERE map_id = NEW.map_id;
END;
CREATE TRIGGER voting_rounds_digest_delete AFTER DELETE ON voting_rounds BEGIN
    UPDATE map_digests SET digest = digest - jm_crc('voting_rounds', OLD.seq, OLD.id, OLD.map_id, OLD.name, OLD.held_at, OLD.budget, OLD.voters, OLD.one_per_item, OLD.scope) WHERE map_id = OLD.map_id;
END;
CREATE TRIGGER voting_rounds_digest_update AFTER UPDATE ON voting_rounds BEGIN
    UPDATE map_digests SET digest = digest - jm_crc('voting_rounds', OLD.seq, OLD.id, OLD.map_id, OLD.name, OLD.held_at, OLD.budget, OLD.voters, OLD.one_per_item, OLD.scope) WHERE map_id = OLD.map_id;
    UPDATE map_digests SET digest = digest + jm_crc('voting_rounds', NEW.seq, NEW.id, NEW.map_id, NEW.name, NEW.held_at, NEW.budget, NEW.voters, NEW.one_per_item, NEW.scope) WHERE map_id = NEW.map_id;
END;

CREATE TRIGGER round_votes_digest_insert AFTER INSERT ON round_votes WHEN jm_bulk() = 0 BEGIN
    UPDATE map_digests SET digest = digest + jm_crc('round_votes', NEW.round_id, NEW.map_id, NEW.touchpoint_id, NEW.position, NEW.dots) WHERE map_id = NEW.map_id;
END;
CREATE TRIGGER round_votes_digest_delete AFTER DELETE ON round_votes BEGIN
    UPDATE map_digests SET digest = digest - jm_crc('round_votes', OLD.round_id, OLD.map_id, OLD.touchpoint_id, OLD.position, OLD.dots) WHERE map_id = OLD.map_id;
END;
CREATE TRIGGER round_votes_digest_update AFTER UPDATE ON round_votes BEGIN
    UPDATE map_digests SET digest = digest - jm_crc('round_votes', OLD.round_id, OLD.map_id, OLD.touchpoint_id, OLD.position, OLD.dots) WHERE map_id = OLD.map_id;
    UPDATE map_digests SET digest = digest + jm_crc('round_votes', NEW.round_id, NEW.map_id, NEW.touchpoint_id, NEW.position, NEW.dots) WHERE map_id = NEW.map_id;
END;
"#;

/// Migration 5: `links` and `feedback` rebuilt with `seq INTEGER PRIMARY KEY
/// AUTOINCREMENT`, as migration 4 made its tables. Without it SQLite gives a new row the
/// `seq` of the last row deleted (the largest one), so deleting a map's newest link or
/// feedback, adding one to another map and then undoing the delete failed on the taken
/// `seq`, and kept failing. The rows are copied as they are (same `seq`, so the digests
/// stay as they were); nothing refers to either table, so dropping the old ones breaks no
/// foreign key. Their indexes and digest triggers are made again as migrations 1 and 3
/// made them.
const V5: &str = r#"
CREATE TABLE links_v5 (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    id      TEXT NOT NULL UNIQUE,
    map_id  TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    from_id TEXT NOT NULL,
    to_id   TEXT NOT NULL,
    kind    TEXT NOT NULL CHECK (kind IN ('flow', 'handoff', 'depends_on')),
    label   TEXT CHECK (label IS NULL OR length(label) <= 200),
    CHECK (from_id <> to_id),
    UNIQUE (from_id, to_id, kind),
    FOREIGN KEY (map_id, from_id) REFERENCES touchpoints(map_id, id) ON DELETE CASCADE,
    FOREIGN KEY (map_id, to_id) REFERENCES touchpoints(map_id, id) ON DELETE CASCADE
) STRICT;
INSERT INTO links_v5 (seq, id, map_id, from_id, to_id, kind, label) SELECT seq, id, map_id, from_id, to_id, kind, label FROM links;
DROP TABLE links;
ALTER TABLE links_v5 RENAME TO links;
CREATE INDEX links_by_map ON links(map_id, seq);
CREATE INDEX links_by_to ON links(to_id);
CREATE TRIGGER links_digest_insert AFTER INSERT ON links WHEN jm_bulk() = 0 BEGIN
    UPDATE map_digests SET digest = digest + jm_crc('links', NEW.seq, NEW.id, NEW.map_id, NEW.from_id, NEW.to_id, NEW.kind, NEW.label) WHERE map_id = NEW.map_id;
END;
CREATE TRIGGER links_digest_delete AFTER DELETE ON links BEGIN
    UPDATE map_digests SET digest = digest - jm_crc('links', OLD.seq, OLD.id, OLD.map_id, OLD.from_id, OLD.to_id, OLD.kind, OLD.label) WHERE map_id = OLD.map_id;
END;
CREATE TRIGGER links_digest_update AFTER UPDATE ON links BEGIN
    UPDATE map_digests SET digest = digest - jm_crc('links', OLD.seq, OLD.id, OLD.map_id, OLD.from_id, OLD.to_id, OLD.kind, OLD.label) WHERE map_id = OLD.map_id;
    UPDATE map_digests SET digest = digest + jm_crc('links', NEW.seq, NEW.id, NEW.map_id, NEW.from_id, NEW.to_id, NEW.kind, NEW.label) WHERE map_id = NEW.map_id;
END;

CREATE TABLE feedback_v5 (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    id            TEXT NOT NULL UNIQUE,
    map_id        TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    touchpoint_id TEXT,
    stage_id      TEXT,
    kind          TEXT NOT NULL CHECK (kind IN ('quote', 'observation', 'survey_response',
                      'support_ticket', 'review')),
    text          TEXT NOT NULL CHECK (length(trim(text)) >= 1 AND length(text) <= 10000),
    source        TEXT NOT NULL DEFAULT '',
    date          TEXT CHECK (date IS NULL OR date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    segment       TEXT NOT NULL DEFAULT '',
    nps           INTEGER CHECK (nps BETWEEN 0 AND 10),
    csat          INTEGER CHECK (csat BETWEEN 1 AND 5),
    ces           INTEGER CHECK (ces BETWEEN 1 AND 7),
    CHECK ((touchpoint_id IS NULL) <> (stage_id IS NULL)),
    FOREIGN KEY (map_id, touchpoint_id) REFERENCES touchpoints(map_id, id) ON DELETE CASCADE,
    FOREIGN KEY (map_id, stage_id) REFERENCES stages(map_id, id) ON DELETE CASCADE
) STRICT;
INSERT INTO feedback_v5 (seq, id, map_id, touchpoint_id, stage_id, kind, text, source, date, segment, nps, csat, ces) SELECT seq, id, map_id, touchpoint_id, stage_id, kind, text, source, date, segment, nps, csat, ces FROM feedback;
DROP TABLE feedback;
ALTER TABLE feedback_v5 RENAME TO feedback;
CREATE INDEX feedback_by_map ON feedback(map_id, seq);
CREATE INDEX feedback_by_touchpoint ON feedback(touchpoint_id);
CREATE INDEX feedback_by_stage ON feedback(stage_id);
CREATE TRIGGER feedback_digest_insert AFTER INSERT ON feedback WHEN jm_bulk() = 0 BEGIN
    UPDATE map_digests SET digest = digest + jm_crc('feedback', NEW.seq, NEW.id, NEW.map_id, NEW.touchpoint_id, NEW.stage_id, NEW.kind, NEW.text, NEW.source, NEW.date, NEW.segment, NEW.nps, NEW.csat, NEW.ces) WHERE map_id = NEW.map_id;
END;
CREATE TRIGGER feedback_digest_delete AFTER DELETE ON feedback BEGIN
    UPDATE map_digests SET digest = digest - jm_crc('feedback', OLD.seq, OLD.id, OLD.map_id, OLD.touchpoint_id, OLD.stage_id, OLD.kind, OLD.text, OLD.source, OLD.date, OLD.segment, OLD.nps, OLD.csat, OLD.ces) WHERE map_id = OLD.map_id;
END;
CREATE TRIGGER feedback_digest_update AFTER UPDATE ON feedback BEGIN
    UPDATE map_digests SET digest = digest - jm_crc('feedback', OLD.seq, OLD.id, OLD.map_id, OLD.touchpoint_id, OLD.stage_id, OLD.kind, OLD.text, OLD.source, OLD.date, OLD.segment, OLD.nps, OLD.csat, OLD.ces) WHERE map_id = OLD.map_id;
    UPDATE map_digests SET digest = digest + jm_crc('feedback', NEW.seq, NEW.id, NEW.map_id, NEW.touchpoint_id, NEW.stage_id, NEW.kind, NEW.text, NEW.source, NEW.date, NEW.segment, NEW.nps, NEW.csat, NEW.ces) WHERE map_id = NEW.map_id;
END;

"#;

/// Every migration, oldest first.
pub const MIGRATIONS: &[M<'static>] = &[M::up(V1), M::up(V2), M::up(V3), M::up(V4), M::up(V5)];

pub fn migrations() -> Migrations<'static> {
    Migrations::from_slice(MIGRATIONS)
}

/// The schema version this build creates and reads.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        crate::digest::register(&conn).unwrap();
        let done = super::migrations().to_latest(&mut conn);
        assert!(done.is_ok(), "{done:?}");
        assert_eq!(super::APPLICATION_ID, 1_246_576_976);
    }

    /// Each digest trigger (migrations 3 and 4) passes `jm_crc` exactly the columns a load sums, for
    /// the new row and the old one: a difference would report every edited map damaged.
    #[test]
    fn digest_triggers_cover_the_columns_a_load_reads() {
        for (table, cols) in crate::digest::COVERED {
            for side in ["NEW.", "OLD."] {
                let args: Vec<String> = cols.split(", ").map(|c| format!("{side}{c}")).collect();
                let call = format!("jm_crc('{table}', {})", args.join(", "));
                assert!(
                    super::V3.contains(&call) || super::V4.contains(&call),
                    "{call}"
                );
                // Migration 5 made the links' and feedback's triggers again: the same.
                assert!(
                    !matches!(table, "links" | "feedback") || super::V5.contains(&call),
                    "{call}"
                );
            }
        }
    }
}
