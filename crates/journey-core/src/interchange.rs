//! The JSON file format, version 2: one file holds one map. Version 2 adds the
//! workshop's decisions and voting rounds; version 1 files are still read (they have
//! neither) and every export is version 2.
//!
//! Export is canonical: the same map always gives the same bytes (fields in a fixed order,
//! every key present, arrays in display order, two-space indentation, a trailing newline),
//! so exported maps diff well in git and export → import → export is byte-identical.
//!
//! Import reads the file into a `serde_json::Value` and walks it by hand, so that every
//! problem is reported with the JSON pointer of the bad value (`/touchpoints/3/pain: 11 is
//! outside 0–10`). Nothing is built until the whole file has been checked: the caller gets
//! either a complete, consistent [`JourneyMap`] or the list of problems.
//!
//! The types in this module are the file's shape; a JSON Schema is generated from them
//! (`docs/journeymap-v2.schema.json`; `docs/journeymap-v1.schema.json` stays, frozen, for
//! reading old files).

use std::collections::{HashMap, HashSet};
use std::fmt;

use schemars::JsonSchema;
use serde::Serialize;
use serde_json_borrow::{Map as JsonObject, Value};

use crate::fields::{self, Score, TextField};
use crate::graph::JourneyGraph;
use crate::model::*;

/// The value of the `format` key.
pub const FORMAT: &str = "journeymap";
/// The newest file version this build reads and the one it writes.
pub const VERSION: u32 = 2;
/// The oldest file version this build reads.
pub const OLDEST_VERSION: u32 = 1;

/// The `"format": "journeymap"` tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub enum FormatTag {
    #[serde(rename = "journeymap")]
    Journeymap,
}

/// A Journeymap file: one journey map with everything that belongs to it. Computed
/// metrics are not stored; they are derived from the evidence on load.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(title = "Journeymap map file, version 2")]
pub struct MapFile {
    /// Always `"journeymap"`.
    pub format: FormatTag,
    /// Always 2 for this version of the format (version 1 files have no `decisions` and
    /// no `votingRounds`).
    #[schemars(range(min = 2, max = 2))]
    pub version: u32,
    pub map: MapFileMeta,
    /// Stages (columns), in journey order.
    #[schemars(length(max = 500))]
    pub stages: Vec<StageFile>,
    /// Lanes (rows), top to bottom.
    #[schemars(length(max = 200))]
    pub lanes: Vec<LaneFile>,
    /// Touchpoints, ordered by stage, then lane, then their order within the cell.
    #[schemars(length(max = 100000))]
    pub touchpoints: Vec<TouchpointFile>,
    /// Links between touchpoints, oldest first.
    #[schemars(length(max = 200000))]
    pub links: Vec<LinkFile>,
    /// Feedback on touchpoints and stages, oldest first.
    #[schemars(length(max = 1000000))]
    pub feedback: Vec<FeedbackFile>,
    /// Decisions and opportunities captured on touchpoints, oldest first.
    #[schemars(length(max = 100000))]
    pub decisions: Vec<DecisionFile>,
    /// Dot-voting rounds, in the order they were held.
    #[schemars(length(max = 1000))]
    pub voting_rounds: Vec<RoundFile>,
}

/// The map's own fields.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MapFileMeta {
    #[schemars(regex(pattern = r"^[A-Za-z0-9_-]{1,64}$"))]
    pub id: String,
    #[schemars(length(min = 1, max = 200))]
    pub name: String,
    #[schemars(length(max = 5000))]
    pub description: String,
    pub persona: PersonaFile,
    /// RFC 3339 timestamp in UTC, e.g. `2026-03-14T09:30:00Z`.
    pub created_at: String,
    pub updated_at: String,
}

/// Who the journey is about.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonaFile {
    #[schemars(length(max = 200))]
    pub name: String,
    #[schemars(length(max = 5000))]
    pub description: String,
}

/// A stage: one column of the map.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StageFile {
    #[schemars(regex(pattern = r"^[A-Za-z0-9_-]{1,64}$"))]
    pub id: String,
    #[schemars(length(min = 1, max = 200))]
    pub name: String,
    #[schemars(length(max = 5000))]
    pub description: String,
    /// The stage's own pain score, 0–10, or null when not scored.
    #[schemars(range(min = 0, max = 10))]
    pub pain: Option<u8>,
    /// −2 (angry) to +2 (delighted), or null.
    #[schemars(range(min = -2, max = 2))]
    pub emotion: Option<i8>,
}

/// A lane: one row of the map.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LaneFile {
    #[schemars(regex(pattern = r"^[A-Za-z0-9_-]{1,64}$"))]
    pub id: String,
    #[schemars(length(min = 1, max = 200))]
    pub name: String,
    /// A Complete Product Experience category, or `custom`. Each built-in kind appears
    /// at most once.
    pub kind: LaneKind,
    pub hidden: bool,
}

/// A touchpoint: one card in one cell.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TouchpointFile {
    #[schemars(regex(pattern = r"^[A-Za-z0-9_-]{1,64}$"))]
    pub id: String,
    /// Id of a stage in this file.
    pub stage: String,
    /// Id of a lane in this file.
    pub lane: String,
    #[schemars(length(min = 1, max = 200))]
    pub title: String,
    #[schemars(length(max = 5000))]
    pub description: String,
    #[schemars(length(max = 200))]
    pub channel: String,
    #[schemars(length(max = 200))]
    pub owner: String,
    /// 0–10, or null when not scored.
    #[schemars(range(min = 0, max = 10))]
    pub pain: Option<u8>,
    /// −2..+2, or null.
    #[schemars(range(min = -2, max = 2))]
    pub emotion: Option<i8>,
}

/// A directed link between two different touchpoints of this file.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkFile {
    #[schemars(regex(pattern = r"^[A-Za-z0-9_-]{1,64}$"))]
    pub id: String,
    pub from: String,
    pub to: String,
    pub kind: LinkKind,
    #[schemars(length(max = 200))]
    pub label: Option<String>,
}

/// A piece of evidence about exactly one touchpoint or one stage.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FeedbackFile {
    #[schemars(regex(pattern = r"^[A-Za-z0-9_-]{1,64}$"))]
    pub id: String,
    /// Id of the touchpoint it is about; null when it is about a stage.
    pub touchpoint: Option<String>,
    /// Id of the stage it is about; null when it is about a touchpoint.
    pub stage: Option<String>,
    pub kind: FeedbackKind,
    #[schemars(length(min = 1, max = 10000))]
    pub text: String,
    #[schemars(length(max = 500))]
    pub source: String,
    /// `YYYY-MM-DD`, or null.
    pub date: Option<String>,
    #[schemars(length(max = 200))]
    pub segment: String,
    /// Answer to "how likely are you to recommend…", 0–10.
    #[schemars(range(min = 0, max = 10))]
    pub nps: Option<u8>,
    /// Satisfaction, 1–5.
    #[schemars(range(min = 1, max = 5))]
    pub csat: Option<u8>,
    /// Effort ("it was easy to…"), 1–7.
    #[schemars(range(min = 1, max = 7))]
    pub ces: Option<u8>,
}

/// A decision taken or an opportunity seen, on one touchpoint of this file.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DecisionFile {
    #[schemars(regex(pattern = r"^[A-Za-z0-9_-]{1,64}$"))]
    pub id: String,
    /// Id of a touchpoint in this file.
    pub touchpoint: String,
    pub kind: DecisionKind,
    #[schemars(length(min = 1, max = 2000))]
    pub text: String,
    /// Who acts on it; may be empty.
    #[schemars(length(max = 200))]
    pub owner: String,
    /// `YYYY-MM-DD`, or null.
    pub due: Option<String>,
    /// RFC 3339 timestamp in UTC.
    pub created_at: String,
}

/// A dot-voting round: `voters` people with `budget` dots each. Anonymous: only the
/// counts are kept.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RoundFile {
    #[schemars(regex(pattern = r"^[A-Za-z0-9_-]{1,64}$"))]
    pub id: String,
    #[schemars(length(min = 1, max = 200))]
    pub name: String,
    /// RFC 3339 timestamp in UTC.
    pub held_at: String,
    /// Dots per voter.
    #[schemars(range(min = 1, max = 100))]
    pub budget: u32,
    #[schemars(range(min = 1, max = 10000))]
    pub voters: u32,
    /// At most one dot per item per voter.
    pub one_per_item: bool,
    /// How the items were chosen ("All pain points", "Stage: Onboarding"…).
    #[schemars(length(max = 200))]
    pub scope: String,
    /// Every item in scope, in the order shown, with its dots (0 included). The dots add
    /// up to at most `voters × budget`.
    #[schemars(length(max = 100000))]
    pub votes: Vec<VoteFile>,
}

/// One touchpoint's dots in a round.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VoteFile {
    /// Id of a touchpoint in this file, at most once per round.
    pub touchpoint: String,
    #[schemars(range(min = 0, max = 1000000))]
    pub dots: u32,
}

/// The JSON Schema of the file format, pretty-printed with a trailing newline.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(MapFile);
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}

impl MapFile {
    /// The file form of a map. The map's vectors must be in display order.
    pub fn from_map(map: &JourneyMap) -> MapFile {
        let m = &map.meta;
        MapFile {
            format: FormatTag::Journeymap,
            version: VERSION,
            map: MapFileMeta {
                id: m.id.clone(),
                name: m.name.clone(),
                description: m.description.clone(),
                persona: PersonaFile {
                    name: m.persona.name.clone(),
                    description: m.persona.description.clone(),
                },
                created_at: m.created_at.clone(),
                updated_at: m.updated_at.clone(),
            },
            stages: map
                .stages
                .iter()
                .map(|s| StageFile {
                    id: s.id.clone(),
                    name: s.name.clone(),
                    description: s.description.clone(),
                    pain: s.pain,
                    emotion: s.emotion,
                })
                .collect(),
            lanes: map
                .lanes
                .iter()
                .map(|l| LaneFile {
                    id: l.id.clone(),
                    name: l.name.clone(),
                    kind: l.kind,
                    hidden: l.hidden,
                })
                .collect(),
            touchpoints: map
                .touchpoints
                .iter()
                .map(|t| TouchpointFile {
                    id: t.id.clone(),
                    stage: t.stage_id.clone(),
                    lane: t.lane_id.clone(),
                    title: t.title.clone(),
                    description: t.description.clone(),
                    channel: t.channel.clone(),
                    owner: t.owner.clone(),
                    pain: t.pain,
                    emotion: t.emotion,
                })
                .collect(),
            links: map
                .links
                .iter()
                .map(|l| LinkFile {
                    id: l.id.clone(),
                    from: l.from.clone(),
                    to: l.to.clone(),
                    kind: l.kind,
                    label: l.label.clone(),
                })
                .collect(),
            feedback: map
                .feedback
                .iter()
                .map(|f| {
                    let (touchpoint, stage) = f.target.ids();
                    FeedbackFile {
                        id: f.id.clone(),
                        touchpoint: touchpoint.map(str::to_string),
                        stage: stage.map(str::to_string),
                        kind: f.kind,
                        text: f.text.clone(),
                        source: f.source.clone(),
                        date: f.date.clone(),
                        segment: f.segment.clone(),
                        nps: f.answers.nps,
                        csat: f.answers.csat,
                        ces: f.answers.ces,
                    }
                })
                .collect(),
            decisions: map
                .decisions
                .iter()
                .map(|d| DecisionFile {
                    id: d.id.clone(),
                    touchpoint: d.touchpoint_id.clone(),
                    kind: d.kind,
                    text: d.text.clone(),
                    owner: d.owner.clone(),
                    due: d.due.clone(),
                    created_at: d.created_at.clone(),
                })
                .collect(),
            voting_rounds: map
                .rounds
                .iter()
                .map(|r| RoundFile {
                    id: r.id.clone(),
                    name: r.name.clone(),
                    held_at: r.held_at.clone(),
                    budget: r.budget,
                    voters: r.voters,
                    one_per_item: r.one_per_item,
                    scope: r.scope.clone(),
                    votes: r
                        .votes
                        .iter()
                        .map(|v| VoteFile {
                            touchpoint: v.touchpoint_id.clone(),
                            dots: v.dots,
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// The canonical file text of a map.
pub fn export_json(map: &JourneyMap) -> String {
    let file = MapFile::from_map(map);
    // Serializing plain structs of strings and integers cannot fail.
    let mut s = serde_json::to_string_pretty(&file).unwrap_or_default();
    s.push('\n');
    s
}

/// Bounds on what an import will read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_bytes: usize,
    pub max_depth: usize,
    pub max_stages: usize,
    pub max_lanes: usize,
    pub max_touchpoints: usize,
    pub max_links: usize,
    pub max_feedback: usize,
    pub max_decisions: usize,
    pub max_rounds: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 64 * 1024 * 1024,
            max_depth: 8,
            max_stages: 500,
            max_lanes: 200,
            max_touchpoints: 100_000,
            max_links: 200_000,
            max_feedback: 1_000_000,
            max_decisions: 100_000,
            max_rounds: 1_000,
        }
    }
}

/// One thing wrong with a file, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// JSON pointer (RFC 6901) to the bad value; empty for the file as a whole.
    pub path: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Why a file was not imported: every problem found, in file order (at most
/// [`MAX_PROBLEMS`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ImportError {
    pub problems: Vec<Problem>,
}

/// How many problems are collected before reading stops.
pub const MAX_PROBLEMS: usize = 50;

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.problems.as_slice() {
            [] => f.write_str("the file could not be read"),
            [one] => write!(f, "{one}"),
            [first, rest @ ..] => write!(f, "{first} (and {} more problems)", rest.len()),
        }
    }
}

impl ImportError {
    fn one(path: &str, message: impl Into<String>) -> ImportError {
        ImportError {
            problems: vec![Problem {
                path: path.to_string(),
                message: message.into(),
            }],
        }
    }
}

/// Reads and checks a whole file. On success the map is complete and consistent: every
/// reference resolves, every value is in range, the vectors are in display order with
/// fresh position keys.
pub fn parse_map_file(bytes: &[u8], limits: &Limits) -> Result<JourneyMap, ImportError> {
    if bytes.len() > limits.max_bytes {
        return Err(ImportError::one(
            "",
            format!(
                "the file is {} bytes; at most {} bytes ({} MiB) are read",
                bytes.len(),
                limits.max_bytes,
                limits.max_bytes / (1024 * 1024)
            ),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ImportError::one("", "the file is empty"));
    }
    // A file is an object: its five lists are read item by item while it is parsed, so
    // the parsed JSON of a list is never whole in memory beside the map it becomes.
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if first != Some(&b'{') {
        let value: Value =
            serde_json::from_slice(bytes).map_err(|e| json_error(&e, bytes, limits))?;
        return Err(ImportError::one(
            "",
            format!(
                "expected a Journeymap file (a JSON object), found {}",
                describe(&value)
            ),
        ));
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let streamed = serde::de::DeserializeSeed::deserialize(RootSeed { limits }, &mut de)
        .and_then(|s| de.end().map(|()| s))
        .map_err(|e| json_error(&e, bytes, limits))?;
    // serde_json keeps the last of two equal keys without a word: refuse them instead.
    if let Some((object, key)) = crate::json_scan::duplicate_key(bytes) {
        let path = format!("{object}/{}", key.replace('~', "~0").replace('/', "~1"));
        return Err(ImportError::one(
            &path,
            format!("{key:?} is given twice in the same object; a file names each field once"),
        ));
    }
    if let Some(path) = streamed.too_deep(limits.max_depth) {
        return Err(ImportError::one(
            &path,
            format!("nesting is deeper than {} levels", limits.max_depth),
        ));
    }
    let mut r = Reader::default();
    let map = r.file(streamed, limits);
    match map {
        Some(map) if r.problems.is_empty() => {
            // Every reference was checked above; building the graph is the last proof.
            JourneyGraph::build(&map).map_err(|e| ImportError::one("", e.to_string()))?;
            Ok(map)
        }
        _ => {
            if r.problems.is_empty() {
                r.fail("", "the file could not be read");
            }
            Err(ImportError {
                problems: r.problems,
            })
        }
    }
}

/// A file `serde_json` could not parse, as one problem: the place, what is wrong, and
/// the JSON pointer of the value it stopped at (a number out of range, `NaN`…).
fn json_error(e: &serde_json::Error, bytes: &[u8], limits: &Limits) -> ImportError {
    let what = match e.classify() {
        serde_json::error::Category::Eof => "the file ends too early (truncated JSON)".to_string(),
        _ if e.to_string().starts_with("recursion limit") => {
            format!("nesting is deeper than {} levels", limits.max_depth)
        }
        _ => {
            let msg = e.to_string();
            // serde_json appends " at line L column C"; put the place first.
            let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
            format!("not valid JSON: {msg}")
        }
    };
    // The pointer of the value serde_json stopped at (a number out of range, NaN…).
    let path = match e.classify() {
        serde_json::error::Category::Syntax => crate::json_scan::pointer_at(
            bytes,
            crate::json_scan::offset_of(bytes, e.line(), e.column()),
        ),
        _ => String::new(),
    };
    ImportError::one(
        &path,
        format!("line {} column {}: {what}", e.line(), e.column()),
    )
}

/// What the items of each list are called in messages, and the field that names one.
fn item_kind(list: &str) -> Option<(&'static str, &'static str)> {
    Some(match list {
        "stages" => ("stage", "name"),
        "lanes" => ("lane", "name"),
        "touchpoints" => ("touchpoint", "title"),
        "links" => ("link", "id"),
        "feedback" => ("feedback", "text"),
        "decisions" => ("decision", "text"),
        "votingRounds" => ("voting round", "name"),
        _ => return None,
    })
}

/// Names the item the problems lie in (a touchpoint's title, a stage's or lane's name, a
/// link's id, the start of a feedback text) after each message, so a person finds it
/// without counting array items: `/touchpoints/2/pain: … (touchpoint "Card form")`.
fn name_item(problems: &mut [Problem], what: &str, name: &str) {
    if name.trim().is_empty() {
        return;
    }
    let mut shown: String = name.chars().take(40).collect();
    if name.chars().count() > 40 {
        shown.push('…');
    }
    for p in problems {
        // Debug quoting escapes control and bidi characters, so the name cannot spoof
        // the message around it.
        p.message = format!("{} ({what} {shown:?})", p.message);
    }
}

/// The list and index a problem's path points into (`/touchpoints/2/…` → 2).
fn item_of(path: &str) -> Option<(&str, usize)> {
    let mut parts = path.split('/').skip(1);
    let list = parts.next()?;
    let index = parts.next()?.parse().ok()?;
    Some((list, index))
}

/// The path of the first value nested deeper than `max`, if any.
fn too_deep(v: &Value, max: usize, path: &mut String, depth: usize) -> Option<String> {
    if depth > max {
        return Some(if path.is_empty() {
            "/".to_string()
        } else {
            path.clone()
        });
    }
    let child = |key: &str, v: &Value, path: &mut String| {
        let len = path.len();
        path.push('/');
        path.push_str(&escape(key));
        let r = too_deep(v, max, path, depth + 1);
        path.truncate(len);
        r
    };
    match v {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| child(&i.to_string(), item, path)),
        Value::Object(o) => o.iter().find_map(|(k, item)| child(k, item, path)),
        _ => None,
    }
}

/// Escapes one reference token of a JSON pointer.
fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// A number as the file's reader shows it: whole numbers as written, others as
/// `serde_json` prints them (`1e+300`, not three hundred digits).
fn number(n: &serde_json_borrow::Number) -> String {
    match (n.as_i64(), n.as_u64(), n.as_f64()) {
        (Some(i), _, _) => i.to_string(),
        (None, Some(u), _) => u.to_string(),
        (None, None, Some(f)) => serde_json::Number::from_f64(f)
            .map(|n| n.to_string())
            .unwrap_or_else(|| f.to_string()),
        _ => n.to_string(),
    }
}

fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => format!("the number {}", number(n)),
        Value::Str(s) if s.chars().count() > 40 => {
            format!("a string ({:?}…)", s.chars().take(40).collect::<String>())
        }
        Value::Str(s) => format!("the string {s:?}"),
        Value::Array(_) => "an array".to_string(),
        Value::Object(_) => "an object".to_string(),
    }
}

#[derive(Default)]
struct Reader {
    problems: Vec<Problem>,
}

/// Field lists, in file order, for the unknown-key check.
const FILE_KEYS: &[&str] = &[
    "format",
    "version",
    "map",
    "stages",
    "lanes",
    "touchpoints",
    "links",
    "feedback",
    "decisions",
    "votingRounds",
];
const MAP_KEYS: &[&str] = &[
    "id",
    "name",
    "description",
    "persona",
    "createdAt",
    "updatedAt",
];
const PERSONA_KEYS: &[&str] = &["name", "description"];
const STAGE_KEYS: &[&str] = &["id", "name", "description", "pain", "emotion"];
const LANE_KEYS: &[&str] = &["id", "name", "kind", "hidden"];
const TOUCHPOINT_KEYS: &[&str] = &[
    "id",
    "stage",
    "lane",
    "title",
    "description",
    "channel",
    "owner",
    "pain",
    "emotion",
];
const LINK_KEYS: &[&str] = &["id", "from", "to", "kind", "label"];
const DECISION_KEYS: &[&str] = &[
    "id",
    "touchpoint",
    "kind",
    "text",
    "owner",
    "due",
    "createdAt",
];
const ROUND_KEYS: &[&str] = &[
    "id",
    "name",
    "heldAt",
    "budget",
    "voters",
    "onePerItem",
    "scope",
    "votes",
];
const VOTE_KEYS: &[&str] = &["touchpoint", "dots"];
const FEEDBACK_KEYS: &[&str] = &[
    "id",
    "touchpoint",
    "stage",
    "kind",
    "text",
    "source",
    "date",
    "segment",
    "nps",
    "csat",
    "ces",
];

impl Reader {
    fn fail(&mut self, path: &str, message: impl Into<String>) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(Problem {
                path: path.to_string(),
                message: message.into(),
            });
        }
    }

    fn full(&self) -> bool {
        self.problems.len() >= MAX_PROBLEMS
    }

    fn object<'v, 'c>(
        &mut self,
        v: &'v Value<'c>,
        path: &str,
        keys: &[&str],
    ) -> Option<&'v JsonObject<'c>> {
        let Value::Object(o) = v else {
            self.fail(path, format!("expected an object, found {}", describe(v)));
            return None;
        };
        for k in o.keys() {
            if !keys.contains(&k) {
                self.fail(
                    &format!("{path}/{}", escape(k)),
                    format!("unknown field {k:?}"),
                );
            }
        }
        Some(o)
    }

    /// A required key.
    fn get<'v, 'c>(
        &mut self,
        o: &'v JsonObject<'c>,
        path: &str,
        key: &str,
    ) -> Option<&'v Value<'c>> {
        let v = o.get(key);
        if v.is_none() {
            self.fail(&format!("{path}/{key}"), "missing");
        }
        v
    }

    /// A text field. Optional text fields may be missing or null and read as "".
    fn text(&mut self, o: &JsonObject<'_>, path: &str, key: &str, field: TextField) -> String {
        let p = format!("{path}/{key}");
        match o.get(key) {
            None | Some(Value::Null) if !field.required() => String::new(),
            None => {
                self.fail(&p, "missing");
                String::new()
            }
            Some(Value::Str(s)) => {
                if let Err(e) = fields::check_text(field, s) {
                    self.fail(&p, e);
                }
                s.to_string()
            }
            Some(v) => {
                self.fail(&p, format!("expected a string, found {}", describe(v)));
                String::new()
            }
        }
    }

    /// An optional text field that keeps the difference between null and "".
    fn opt_text(
        &mut self,
        o: &JsonObject<'_>,
        path: &str,
        key: &str,
        field: TextField,
    ) -> Option<String> {
        match o.get(key) {
            None | Some(Value::Null) => None,
            Some(_) => Some(self.text(o, path, key, field)),
        }
    }

    fn id(&mut self, o: &JsonObject<'_>, path: &str, key: &str) -> String {
        let p = format!("{path}/{key}");
        match self.get(o, path, key) {
            Some(Value::Str(s)) => {
                if let Err(e) = fields::check_id(s) {
                    self.fail(&p, e);
                }
                s.to_string()
            }
            Some(v) => {
                self.fail(&p, format!("expected an id string, found {}", describe(v)));
                String::new()
            }
            None => String::new(),
        }
    }

    fn opt_id(&mut self, o: &JsonObject<'_>, path: &str, key: &str) -> Option<String> {
        match o.get(key) {
            None | Some(Value::Null) => None,
            Some(_) => Some(self.id(o, path, key)),
        }
    }

    fn score(&mut self, o: &JsonObject<'_>, path: &str, key: &str, score: Score) -> Option<i64> {
        let p = format!("{path}/{key}");
        let v = o.get(key)?;
        let (lo, hi) = score.range();
        let whole = match v {
            Value::Null => return None,
            Value::Number(n) => {
                if let Some(i) = n.as_i64() {
                    Some(i)
                } else {
                    match n.as_f64() {
                        Some(f) if f.is_finite() && f.fract() != 0.0 => {
                            self.fail(
                                &p,
                                format!(
                                    "{} is not a whole number ({score} is {lo}–{hi})",
                                    number(n)
                                ),
                            );
                            return None;
                        }
                        Some(f) if f.is_finite() && f.abs() < 1e15 => Some(f as i64),
                        _ => None,
                    }
                }
            }
            other => {
                self.fail(
                    &p,
                    format!(
                        "expected a whole number {lo}–{hi} or null, found {}",
                        describe(other)
                    ),
                );
                return None;
            }
        };
        let Some(i) = whole else {
            let Value::Number(n) = v else { return None };
            self.fail(&p, format!("{} is outside {lo}–{hi}", number(n)));
            return None;
        };
        match fields::check_score(score, i) {
            Ok(()) => Some(i),
            Err(e) => {
                self.fail(&p, e);
                None
            }
        }
    }

    fn enum_str<T>(
        &mut self,
        o: &JsonObject<'_>,
        path: &str,
        key: &str,
        all: &[T],
        name: fn(&T) -> &'static str,
    ) -> Option<T>
    where
        T: Copy,
    {
        let p = format!("{path}/{key}");
        let choices = || {
            all.iter()
                .map(|t| format!("{:?}", name(t)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self.get(o, path, key)? {
            Value::Str(s) => {
                let found = all.iter().copied().find(|t| name(t) == s);
                if found.is_none() {
                    self.fail(&p, format!("{s:?} is not one of {}", choices()));
                }
                found
            }
            v => {
                self.fail(
                    &p,
                    format!("expected one of {}, found {}", choices(), describe(v)),
                );
                None
            }
        }
    }

    /// A list of the file as it was read while parsing: its problems joined to the
    /// others, or why it could not be read (missing, not an array, too long).
    fn list<T>(&mut self, listed: Option<Listed<T>>, key: &str, max: usize) -> Vec<(String, T)> {
        let p = format!("/{key}");
        let Some(listed) = listed else {
            self.fail(&p, "missing");
            return Vec::new();
        };
        if let Some(found) = listed.not_array {
            self.fail(&p, format!("expected an array, found {found}"));
            return Vec::new();
        }
        if listed.count > max {
            self.fail(
                &p,
                format!("{} items; at most {max} are allowed", listed.count),
            );
            return Vec::new();
        }
        for problem in listed.problems {
            if self.full() {
                break;
            }
            self.problems.push(problem);
        }
        listed.items
    }

    fn file(&mut self, file: Streamed<'_>, limits: &Limits) -> Option<JourneyMap> {
        let Streamed {
            keys,
            values,
            stages,
            lanes,
            touchpoints,
            links,
            feedback,
            decisions,
            rounds,
        } = file;
        let root: JsonObject<'_> = keys.iter().map(String::as_str).zip(values).collect();
        // Format and version first: with either wrong, nothing else is worth reading.
        match root.get("format") {
            Some(Value::Str(s)) if s == FORMAT => {}
            Some(other) => {
                self.fail(
                    "/format",
                    format!(
                        "expected \"journeymap\", found {}; this is not a Journeymap file",
                        describe(other)
                    ),
                );
                return None;
            }
            None => {
                self.fail("/format", "missing; this is not a Journeymap file");
                return None;
            }
        }
        let version = match root.get("version") {
            Some(Value::Number(n))
                if n.as_u64().is_some_and(|v| {
                    (u64::from(OLDEST_VERSION)..=u64::from(VERSION)).contains(&v)
                }) =>
            {
                n.as_u64().unwrap_or(u64::from(VERSION)) as u32
            }
            Some(Value::Number(n)) if n.as_u64().is_some_and(|v| v > u64::from(VERSION)) => {
                self.fail("/version", format!("version {} is newer than this Journeymap reads (up to {VERSION}); update Journeymap", number(n)));
                return None;
            }
            Some(other) => {
                self.fail(
                    "/version",
                    format!(
                        "unsupported version {}; this Journeymap reads versions {OLDEST_VERSION} to {VERSION}",
                        describe(other)
                    ),
                );
                return None;
            }
            None => {
                self.fail("/version", "missing");
                return None;
            }
        };
        for k in root.keys() {
            if !FILE_KEYS.contains(&k) {
                self.fail(&format!("/{}", escape(k)), format!("unknown field {k:?}"));
            }
        }
        if version < 2 {
            for (key, listed) in [
                ("decisions", decisions.is_some()),
                ("votingRounds", rounds.is_some()),
            ] {
                if listed {
                    self.fail(
                        &format!("/{key}"),
                        format!(
                            "unknown field {key:?} (a version 1 file has none; version 2 added it)"
                        ),
                    );
                }
            }
        }

        let meta = self.meta(&root);
        drop(root);
        let stages = self.list(stages, "stages", limits.max_stages);
        let lanes = self.list(lanes, "lanes", limits.max_lanes);
        let touchpoints = self.list(touchpoints, "touchpoints", limits.max_touchpoints);
        let links = self.list(links, "links", limits.max_links);
        let feedback = self.list(feedback, "feedback", limits.max_feedback);
        // A version 1 file has neither list; in version 2 both are required.
        let (decisions, rounds) = if version < 2 {
            (Vec::new(), Vec::new())
        } else {
            (
                self.list(decisions, "decisions", limits.max_decisions),
                self.list(rounds, "votingRounds", limits.max_rounds),
            )
        };
        let stages: Vec<Stage> = stages
            .into_iter()
            .enumerate()
            .map(|(i, (_, s))| Stage {
                position: i as f64 + 1.0,
                ..s
            })
            .collect();
        let lanes: Vec<Lane> = lanes
            .into_iter()
            .enumerate()
            .map(|(i, (_, l))| Lane {
                position: i as f64 + 1.0,
                ..l
            })
            .collect();
        let meta = meta?;
        if !self.problems.is_empty() {
            return None;
        }
        self.check_references(&meta, &stages, &lanes, &touchpoints, &links, &feedback);
        self.check_workshop(&touchpoints, &decisions, &rounds);
        if !self.problems.is_empty() {
            // Every item was read, so a problem's index is its place in its list.
            let mut problems = std::mem::take(&mut self.problems);
            for p in &mut problems {
                let Some((list, i)) = item_of(&p.path) else {
                    continue;
                };
                let name = match list {
                    "stages" => stages.get(i).map(|s| s.name.as_str()),
                    "lanes" => lanes.get(i).map(|l| l.name.as_str()),
                    "touchpoints" => touchpoints.get(i).map(|(_, t)| t.title.as_str()),
                    "links" => links.get(i).map(|(_, l)| l.id.as_str()),
                    "feedback" => feedback.get(i).map(|(_, f)| f.text.as_str()),
                    "decisions" => decisions.get(i).map(|(_, d)| d.text.as_str()),
                    "votingRounds" => rounds.get(i).map(|(_, r)| r.name.as_str()),
                    _ => None,
                };
                if let (Some(name), Some((what, _))) = (name, item_kind(list)) {
                    name_item(std::slice::from_mut(p), what, name);
                }
            }
            self.problems = problems;
            return None;
        }
        let mut map = JourneyMap {
            meta,
            stages,
            lanes,
            touchpoints: number_cells(touchpoints.into_iter().map(|(_, t)| t).collect()),
            links: links.into_iter().map(|(_, l)| l).collect(),
            feedback: feedback.into_iter().map(|(_, f)| f).collect(),
            decisions: decisions.into_iter().map(|(_, d)| d).collect(),
            rounds: rounds.into_iter().map(|(_, r)| r).collect(),
        };
        map.sort_for_display();
        Some(map)
    }

    fn meta(&mut self, root: &JsonObject<'_>) -> Option<MapMeta> {
        let v = self.get(root, "", "map")?;
        let o = self.object(v, "/map", MAP_KEYS)?;
        let id = self.id(o, "/map", "id");
        let name = self.text(o, "/map", "name", TextField::MapName);
        let description = self.text(o, "/map", "description", TextField::Description);
        let persona = match o.get("persona") {
            None | Some(Value::Null) => Persona::default(),
            Some(p) => match self.object(p, "/map/persona", PERSONA_KEYS) {
                Some(po) => Persona {
                    name: self.text(po, "/map/persona", "name", TextField::PersonaName),
                    description: self.text(
                        po,
                        "/map/persona",
                        "description",
                        TextField::Description,
                    ),
                },
                None => Persona::default(),
            },
        };
        let created_at = self.stamp(o, "/map", "createdAt");
        let updated_at = self.stamp(o, "/map", "updatedAt");
        Some(MapMeta {
            id,
            name,
            description,
            persona,
            created_at,
            updated_at,
        })
    }

    fn stage(&mut self, v: &Value, path: &str) -> Option<Stage> {
        let o = self.object(v, path, STAGE_KEYS)?;
        Some(Stage {
            id: self.id(o, path, "id"),
            name: self.text(o, path, "name", TextField::StageName),
            description: self.text(o, path, "description", TextField::Description),
            pain: self.score(o, path, "pain", Score::Pain).map(|p| p as u8),
            emotion: self
                .score(o, path, "emotion", Score::Emotion)
                .map(|e| e as i8),
            position: 0.0,
        })
    }

    fn lane(&mut self, v: &Value, path: &str) -> Option<Lane> {
        let o = self.object(v, path, LANE_KEYS)?;
        let id = self.id(o, path, "id");
        let name = self.text(o, path, "name", TextField::LaneName);
        let kind = self.enum_str(o, path, "kind", &LaneKind::ALL, |k| k.as_str());
        let hidden = match o.get("hidden") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(v) => {
                self.fail(
                    &format!("{path}/hidden"),
                    format!("expected true or false, found {}", describe(v)),
                );
                false
            }
        };
        Some(Lane {
            id,
            name,
            kind: kind?,
            hidden,
            position: 0.0,
        })
    }

    fn touchpoint(&mut self, v: &Value, path: &str) -> Option<Touchpoint> {
        let o = self.object(v, path, TOUCHPOINT_KEYS)?;
        Some(Touchpoint {
            id: self.id(o, path, "id"),
            stage_id: self.id(o, path, "stage"),
            lane_id: self.id(o, path, "lane"),
            title: self.text(o, path, "title", TextField::TouchpointTitle),
            description: self.text(o, path, "description", TextField::Description),
            channel: self.text(o, path, "channel", TextField::Channel),
            owner: self.text(o, path, "owner", TextField::Owner),
            pain: self.score(o, path, "pain", Score::Pain).map(|p| p as u8),
            emotion: self
                .score(o, path, "emotion", Score::Emotion)
                .map(|e| e as i8),
            position: 0.0,
        })
    }

    fn link(&mut self, v: &Value, path: &str) -> Option<Link> {
        let o = self.object(v, path, LINK_KEYS)?;
        let id = self.id(o, path, "id");
        let from = self.id(o, path, "from");
        let to = self.id(o, path, "to");
        let kind = self.enum_str(o, path, "kind", &LinkKind::ALL, |k| k.as_str());
        let label = self.opt_text(o, path, "label", TextField::LinkLabel);
        Some(Link {
            id,
            from,
            to,
            kind: kind?,
            label,
        })
    }

    fn feedback(&mut self, v: &Value, path: &str) -> Option<Feedback> {
        let o = self.object(v, path, FEEDBACK_KEYS)?;
        let id = self.id(o, path, "id");
        let touchpoint = self.opt_id(o, path, "touchpoint");
        let stage = self.opt_id(o, path, "stage");
        let kind = self.enum_str(o, path, "kind", &FeedbackKind::ALL, |k| k.as_str());
        let text = self.text(o, path, "text", TextField::FeedbackText);
        let source = self.text(o, path, "source", TextField::Source);
        let date = self.date(o, path, "date");
        let segment = self.text(o, path, "segment", TextField::Segment);
        let answers = SurveyAnswers {
            nps: self.score(o, path, "nps", Score::Nps).map(|v| v as u8),
            csat: self.score(o, path, "csat", Score::Csat).map(|v| v as u8),
            ces: self.score(o, path, "ces", Score::Ces).map(|v| v as u8),
        };
        let target = match (touchpoint, stage) {
            (Some(t), None) => FeedbackTarget::Touchpoint(t),
            (None, Some(s)) => FeedbackTarget::Stage(s),
            (Some(_), Some(_)) => {
                self.fail(
                    path,
                    "names both a touchpoint and a stage; feedback is about exactly one of them",
                );
                return None;
            }
            (None, None) => {
                self.fail(
                    path,
                    "names neither a touchpoint nor a stage; feedback is about exactly one of them",
                );
                return None;
            }
        };
        Some(Feedback {
            id,
            target,
            kind: kind?,
            text,
            source,
            date,
            segment,
            answers,
        })
    }

    /// A whole number `lo..=hi` (budgets, voters, dots).
    fn count(
        &mut self,
        o: &JsonObject<'_>,
        path: &str,
        key: &str,
        lo: u32,
        hi: u32,
    ) -> Option<u32> {
        let p = format!("{path}/{key}");
        match self.get(o, path, key)? {
            Value::Number(n) => match n.as_u64() {
                Some(v) if (u64::from(lo)..=u64::from(hi)).contains(&v) => Some(v as u32),
                _ => {
                    self.fail(&p, format!("{} is not a whole number {lo}–{hi}", number(n)));
                    None
                }
            },
            v => {
                self.fail(
                    &p,
                    format!("expected a whole number {lo}–{hi}, found {}", describe(v)),
                );
                None
            }
        }
    }

    /// A required RFC 3339 timestamp, normalised to UTC.
    fn stamp(&mut self, o: &JsonObject<'_>, path: &str, key: &str) -> String {
        let p = format!("{path}/{key}");
        match self.get(o, path, key) {
            Some(Value::Str(s)) => fields::normalize_timestamp(s).unwrap_or_else(|e| {
                self.fail(&p, e);
                String::new()
            }),
            Some(v) => {
                self.fail(
                    &p,
                    format!(
                        "expected an RFC 3339 timestamp string, found {}",
                        describe(v)
                    ),
                );
                String::new()
            }
            None => String::new(),
        }
    }

    /// An optional `YYYY-MM-DD` date.
    fn date(&mut self, o: &JsonObject<'_>, path: &str, key: &str) -> Option<String> {
        match o.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::Str(s)) => {
                if let Err(e) = fields::check_date(s) {
                    self.fail(&format!("{path}/{key}"), e);
                }
                Some(s.to_string())
            }
            Some(v) => {
                self.fail(
                    &format!("{path}/{key}"),
                    format!("expected a date string or null, found {}", describe(v)),
                );
                None
            }
        }
    }

    fn decision(&mut self, v: &Value, path: &str) -> Option<Decision> {
        let o = self.object(v, path, DECISION_KEYS)?;
        let id = self.id(o, path, "id");
        let touchpoint_id = self.id(o, path, "touchpoint");
        let kind = self.enum_str(o, path, "kind", &DecisionKind::ALL, |k| k.as_str());
        let text = self.text(o, path, "text", TextField::DecisionText);
        let owner = self.text(o, path, "owner", TextField::Owner);
        let due = self.date(o, path, "due");
        let created_at = self.stamp(o, path, "createdAt");
        Some(Decision {
            id,
            touchpoint_id,
            kind: kind?,
            text,
            owner,
            due,
            created_at,
        })
    }

    fn round(&mut self, v: &Value, path: &str) -> Option<VotingRound> {
        let o = self.object(v, path, ROUND_KEYS)?;
        let id = self.id(o, path, "id");
        let name = self.text(o, path, "name", TextField::RoundName);
        let held_at = self.stamp(o, path, "heldAt");
        let budget = self.count(o, path, "budget", 1, fields::MAX_BUDGET);
        let voters = self.count(o, path, "voters", 1, fields::MAX_VOTERS);
        let one_per_item = match self.get(o, path, "onePerItem") {
            Some(Value::Bool(b)) => *b,
            Some(v) => {
                self.fail(
                    &format!("{path}/onePerItem"),
                    format!("expected true or false, found {}", describe(v)),
                );
                false
            }
            None => false,
        };
        let scope = self.text(o, path, "scope", TextField::RoundScope);
        let mut votes = Vec::new();
        let vp = format!("{path}/votes");
        match self.get(o, path, "votes") {
            Some(Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    let ip = format!("{vp}/{i}");
                    if let Some(vo) = self.object(item, &ip, VOTE_KEYS) {
                        let touchpoint_id = self.id(vo, &ip, "touchpoint");
                        if let Some(dots) = self.count(vo, &ip, "dots", 0, 1_000_000) {
                            votes.push(Vote {
                                touchpoint_id,
                                dots,
                            });
                        }
                    }
                }
            }
            Some(v) => self.fail(&vp, format!("expected an array, found {}", describe(v))),
            None => {}
        }
        let round = VotingRound {
            id,
            name,
            held_at,
            budget: budget?,
            voters: voters?,
            one_per_item,
            scope,
            votes,
        };
        if let Err(e) = round.check() {
            self.fail(path, e);
        }
        Some(round)
    }

    /// Decisions and votes name touchpoints of this file; their ids are the file's own.
    fn check_workshop(
        &mut self,
        touchpoints: &[(String, Touchpoint)],
        decisions: &[(String, Decision)],
        rounds: &[(String, VotingRound)],
    ) {
        let tp_ids: HashSet<&str> = touchpoints.iter().map(|(_, t)| t.id.as_str()).collect();
        let mut seen: HashMap<&str, &str> = HashMap::new();
        for (p, id) in decisions
            .iter()
            .map(|(p, d)| (p, d.id.as_str()))
            .chain(rounds.iter().map(|(p, r)| (p, r.id.as_str())))
        {
            if tp_ids.contains(id) {
                self.fail(
                    &format!("{p}/id"),
                    format!("duplicate id {id:?} (a touchpoint has it)"),
                );
            } else if let Some(first) = seen.insert(id, p) {
                self.fail(
                    &format!("{p}/id"),
                    format!("duplicate id {id:?} (first used at {first}/id)"),
                );
            }
        }
        for (p, d) in decisions {
            if !tp_ids.contains(d.touchpoint_id.as_str()) {
                self.fail(
                    &format!("{p}/touchpoint"),
                    format!("no touchpoint with id {:?}", d.touchpoint_id),
                );
            }
        }
        for (p, r) in rounds {
            for (i, v) in r.votes.iter().enumerate() {
                if !tp_ids.contains(v.touchpoint_id.as_str()) {
                    self.fail(
                        &format!("{p}/votes/{i}/touchpoint"),
                        format!("no touchpoint with id {:?}", v.touchpoint_id),
                    );
                }
            }
        }
    }

    fn check_references(
        &mut self,
        meta: &MapMeta,
        stages: &[Stage],
        lanes: &[Lane],
        touchpoints: &[(String, Touchpoint)],
        links: &[(String, Link)],
        feedback: &[(String, Feedback)],
    ) {
        // Ids are unique across the whole file.
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut claim = |r: &mut Reader, id: &str, path: String| {
            if let Some(first) = seen.get(id) {
                r.fail(
                    &path,
                    format!("duplicate id {id:?} (first used at {first})"),
                );
            } else {
                seen.insert(id.to_string(), path);
            }
        };
        claim(self, &meta.id, "/map/id".into());
        for (i, s) in stages.iter().enumerate() {
            claim(self, &s.id, format!("/stages/{i}/id"));
        }
        for (i, l) in lanes.iter().enumerate() {
            claim(self, &l.id, format!("/lanes/{i}/id"));
        }
        for (p, t) in touchpoints {
            claim(self, &t.id, format!("{p}/id"));
        }
        for (p, l) in links {
            claim(self, &l.id, format!("{p}/id"));
        }
        for (p, f) in feedback {
            claim(self, &f.id, format!("{p}/id"));
        }

        let mut kinds: HashMap<LaneKind, usize> = HashMap::new();
        for (i, l) in lanes.iter().enumerate() {
            if l.kind.is_built_in() {
                if let Some(first) = kinds.insert(l.kind, i) {
                    self.fail(
                        &format!("/lanes/{i}/kind"),
                        format!("a second {:?} lane (the first is /lanes/{first}); each built-in kind appears once", l.kind.as_str()),
                    );
                }
            }
        }

        let stage_ids: HashSet<&str> = stages.iter().map(|s| s.id.as_str()).collect();
        let lane_ids: HashSet<&str> = lanes.iter().map(|l| l.id.as_str()).collect();
        let tp_ids: HashSet<&str> = touchpoints.iter().map(|(_, t)| t.id.as_str()).collect();
        for (p, t) in touchpoints {
            if !stage_ids.contains(t.stage_id.as_str()) {
                self.fail(
                    &format!("{p}/stage"),
                    format!("no stage with id {:?}", t.stage_id),
                );
            }
            if !lane_ids.contains(t.lane_id.as_str()) {
                self.fail(
                    &format!("{p}/lane"),
                    format!("no lane with id {:?}", t.lane_id),
                );
            }
        }
        let mut pairs: HashMap<(&str, &str, LinkKind), &str> = HashMap::new();
        for (p, l) in links {
            for (key, id) in [("from", &l.from), ("to", &l.to)] {
                if !tp_ids.contains(id.as_str()) {
                    self.fail(
                        &format!("{p}/{key}"),
                        format!("no touchpoint with id {id:?}"),
                    );
                }
            }
            if l.from == l.to {
                self.fail(p, format!("links touchpoint {:?} to itself", l.from));
            } else if let Some(first) = pairs.insert((&l.from, &l.to, l.kind), p) {
                self.fail(
                    p,
                    format!(
                        "repeats the {} link from {:?} to {:?} at {first}",
                        l.kind.as_str(),
                        l.from,
                        l.to
                    ),
                );
            }
        }
        for (p, f) in feedback {
            match &f.target {
                FeedbackTarget::Touchpoint(id) if !tp_ids.contains(id.as_str()) => {
                    self.fail(
                        &format!("{p}/touchpoint"),
                        format!("no touchpoint with id {id:?}"),
                    );
                }
                FeedbackTarget::Stage(id) if !stage_ids.contains(id.as_str()) => {
                    self.fail(&format!("{p}/stage"), format!("no stage with id {id:?}"));
                }
                _ => {}
            }
        }
    }
}

/// Gives touchpoints position keys 1, 2, 3… within each cell, in file order.
fn number_cells(mut touchpoints: Vec<Touchpoint>) -> Vec<Touchpoint> {
    let mut next: HashMap<(String, String), f64> = HashMap::new();
    for t in &mut touchpoints {
        let n = next
            .entry((t.stage_id.clone(), t.lane_id.clone()))
            .or_insert(0.0);
        *n += 1.0;
        t.position = *n;
    }
    touchpoints
}

/// The file as it is parsed: the top-level fields other than the lists, kept as JSON,
/// and the five lists, each read item by item as it is parsed ([`ListSeed`]).
#[derive(Default)]
struct Streamed<'de> {
    keys: Vec<String>,
    values: Vec<Value<'de>>,
    stages: Option<Listed<Stage>>,
    lanes: Option<Listed<Lane>>,
    touchpoints: Option<Listed<Touchpoint>>,
    links: Option<Listed<Link>>,
    feedback: Option<Listed<Feedback>>,
    decisions: Option<Listed<Decision>>,
    rounds: Option<Listed<VotingRound>>,
}

impl Streamed<'_> {
    /// The path of the first value nested deeper than `max`: in the other fields first,
    /// then in the lists, in their order.
    fn too_deep(&self, max: usize) -> Option<String> {
        self.keys
            .iter()
            .zip(&self.values)
            .find_map(|(k, v)| too_deep(v, max, &mut format!("/{}", escape(k)), 1))
            .or_else(|| self.stages.as_ref().and_then(|l| l.too_deep.clone()))
            .or_else(|| self.lanes.as_ref().and_then(|l| l.too_deep.clone()))
            .or_else(|| self.touchpoints.as_ref().and_then(|l| l.too_deep.clone()))
            .or_else(|| self.links.as_ref().and_then(|l| l.too_deep.clone()))
            .or_else(|| self.feedback.as_ref().and_then(|l| l.too_deep.clone()))
            .or_else(|| self.decisions.as_ref().and_then(|l| l.too_deep.clone()))
            .or_else(|| self.rounds.as_ref().and_then(|l| l.too_deep.clone()))
    }
}

/// One list, read while the file was parsed.
struct Listed<T> {
    /// Each item read, with its path.
    items: Vec<(String, T)>,
    /// What was wrong with the items, in their order.
    problems: Vec<Problem>,
    /// What the value was, when it is not an array.
    not_array: Option<String>,
    /// How many items the array holds (past the limit they are counted, not read).
    count: usize,
    /// The path of an item nested deeper than allowed.
    too_deep: Option<String>,
}

impl<T> Listed<T> {
    fn not_array(found: String) -> Self {
        Listed {
            items: Vec::new(),
            problems: Vec::new(),
            not_array: Some(found),
            count: 0,
            too_deep: None,
        }
    }
}

/// Parses the top-level object, handing each list to a [`ListSeed`].
struct RootSeed<'l> {
    limits: &'l Limits,
}

impl<'de> serde::de::DeserializeSeed<'de> for RootSeed<'_> {
    type Value = Streamed<'de>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Streamed<'de>, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for RootSeed<'_> {
    type Value = Streamed<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Journeymap file (a JSON object)")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut m: A) -> Result<Streamed<'de>, A::Error> {
        let l = self.limits;
        let depth = l.max_depth;
        let mut s = Streamed::default();
        while let Some(key) = m.next_key::<String>()? {
            match key.as_str() {
                "stages" => {
                    s.stages = Some(m.next_value_seed(ListSeed::new(
                        "stages",
                        l.max_stages,
                        depth,
                        Reader::stage,
                    ))?)
                }
                "lanes" => {
                    s.lanes = Some(m.next_value_seed(ListSeed::new(
                        "lanes",
                        l.max_lanes,
                        depth,
                        Reader::lane,
                    ))?)
                }
                "touchpoints" => {
                    s.touchpoints = Some(m.next_value_seed(ListSeed::new(
                        "touchpoints",
                        l.max_touchpoints,
                        depth,
                        Reader::touchpoint,
                    ))?)
                }
                "links" => {
                    s.links = Some(m.next_value_seed(ListSeed::new(
                        "links",
                        l.max_links,
                        depth,
                        Reader::link,
                    ))?)
                }
                "feedback" => {
                    s.feedback = Some(m.next_value_seed(ListSeed::new(
                        "feedback",
                        l.max_feedback,
                        depth,
                        Reader::feedback,
                    ))?)
                }
                "decisions" => {
                    s.decisions = Some(m.next_value_seed(ListSeed::new(
                        "decisions",
                        l.max_decisions,
                        depth,
                        Reader::decision,
                    ))?)
                }
                "votingRounds" => {
                    s.rounds = Some(m.next_value_seed(ListSeed::new(
                        "votingRounds",
                        l.max_rounds,
                        depth,
                        Reader::round,
                    ))?)
                }
                _ => {
                    s.values.push(m.next_value::<Value<'de>>()?);
                    s.keys.push(key);
                }
            }
        }
        Ok(s)
    }
}

/// Reads one list item by item as it is parsed: each item is parsed into JSON, read
/// into the map's type with its problems (named after the item), and dropped. Items
/// past the limit are counted, not kept.
struct ListSeed<T> {
    list: &'static str,
    max: usize,
    max_depth: usize,
    read: fn(&mut Reader, &Value, &str) -> Option<T>,
}

impl<T> ListSeed<T> {
    fn new(
        list: &'static str,
        max: usize,
        max_depth: usize,
        read: fn(&mut Reader, &Value, &str) -> Option<T>,
    ) -> Self {
        ListSeed {
            list,
            max,
            max_depth,
            read,
        }
    }
}

impl<'de, T> serde::de::DeserializeSeed<'de> for ListSeed<T> {
    type Value = Listed<T>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Listed<T>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, T> serde::de::Visitor<'de> for ListSeed<T> {
    type Value = Listed<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Listed<T>, A::Error> {
        use serde::de::IgnoredAny;
        let (what, field) = item_kind(self.list).unwrap_or(("item", "name"));
        let mut r = Reader::default();
        let mut out = Listed {
            items: Vec::new(),
            problems: Vec::new(),
            not_array: None,
            count: 0,
            too_deep: None,
        };
        loop {
            if out.count >= self.max || r.full() || out.too_deep.is_some() {
                match seq.next_element::<IgnoredAny>()? {
                    Some(_) => out.count += 1,
                    None => break,
                }
                continue;
            }
            let Some(v) = seq.next_element::<Value<'de>>()? else {
                break;
            };
            let path = format!("/{}/{}", self.list, out.count);
            out.count += 1;
            if let Some(deep) = too_deep(&v, self.max_depth, &mut path.clone(), 2) {
                out.too_deep = Some(deep);
                continue;
            }
            let before = r.problems.len();
            let read = (self.read)(&mut r, &v, &path);
            if r.problems.len() > before {
                let name = v.get(field).as_str().unwrap_or_default();
                name_item(&mut r.problems[before..], what, name);
            }
            if let Some(t) = read {
                out.items.push((path, t));
            }
        }
        out.problems = r.problems;
        Ok(out)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut m: A) -> Result<Listed<T>, A::Error> {
        while m
            .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
            .is_some()
        {}
        Ok(Listed::not_array("an object".into()))
    }

    fn visit_bool<E>(self, b: bool) -> Result<Listed<T>, E> {
        Ok(Listed::not_array(describe(&Value::Bool(b))))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Listed<T>, E> {
        Ok(Listed::not_array(format!("the number {n}")))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Listed<T>, E> {
        Ok(Listed::not_array(format!("the number {n}")))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Listed<T>, E> {
        Ok(Listed::not_array(describe(&Value::from(n))))
    }

    fn visit_str<E>(self, s: &str) -> Result<Listed<T>, E> {
        Ok(Listed::not_array(describe(&Value::Str(s.into()))))
    }

    fn visit_unit<E>(self) -> Result<Listed<T>, E> {
        Ok(Listed::not_array("null".into()))
    }

    fn visit_none<E>(self) -> Result<Listed<T>, E> {
        Ok(Listed::not_array("null".into()))
    }
}
