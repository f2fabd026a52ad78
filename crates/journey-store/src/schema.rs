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

/// Every migration, oldest first.
pub const MIGRATIONS: &[M<'static>] = &[M::up(V1), M::up(V2)];

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
        let checked = super::migrations().validate();
        assert!(checked.is_ok(), "{checked:?}");
        assert_eq!(super::APPLICATION_ID, 1_246_576_976);
    }
}
