//! Files that must not import. Each case names the message it expects (with its JSON
//! path), and every case checks that the database is exactly as it was.

use journey_app::{AppError, ImportMode};
use serde_json::{json, Value};

use crate::support::TestApp;

/// A small valid file: 2 stages, 2 lanes, 4 touchpoints, 1 link, 2 feedback, 1 decision
/// and 1 voting round.
fn base() -> Value {
    json!({
        "format": "journeymap",
        "version": 2,
        "map": {
            "id": "jm_base", "name": "Checkout", "description": "",
            "persona": {"name": "Sam", "description": ""},
            "createdAt": "2026-01-01T00:00:00Z", "updatedAt": "2026-01-02T00:00:00Z"
        },
        "stages": [
            {"id": "st_a", "name": "Browse", "description": "", "pain": null, "emotion": null},
            {"id": "st_b", "name": "Pay", "description": "", "pain": 4, "emotion": -1}
        ],
        "lanes": [
            {"id": "ln_m", "name": "Marketing", "kind": "marketing", "hidden": false},
            {"id": "ln_c", "name": "Customer actions", "kind": "custom", "hidden": false}
        ],
        "touchpoints": [
            {"id": "tp_1", "stage": "st_a", "lane": "ln_m", "title": "Ad", "description": "", "channel": "", "owner": "", "pain": 1, "emotion": 1},
            {"id": "tp_2", "stage": "st_a", "lane": "ln_c", "title": "Search", "description": "", "channel": "", "owner": "", "pain": null, "emotion": null},
            {"id": "tp_3", "stage": "st_b", "lane": "ln_c", "title": "Card form", "description": "", "channel": "", "owner": "", "pain": 6, "emotion": -1},
            {"id": "tp_4", "stage": "st_b", "lane": "ln_m", "title": "Receipt", "description": "", "channel": "", "owner": "", "pain": 2, "emotion": 0}
        ],
        "links": [
            {"id": "lk_1", "from": "tp_1", "to": "tp_2", "kind": "flow", "label": null}
        ],
        "feedback": [
            {"id": "fb_1", "touchpoint": "tp_3", "stage": null, "kind": "quote", "text": "Too many fields", "source": "Interview 2", "date": "2026-03-01", "segment": "", "nps": 3, "csat": 2, "ces": 2},
            {"id": "fb_2", "touchpoint": null, "stage": "st_b", "kind": "observation", "text": "Hesitates", "source": "", "date": null, "segment": "", "nps": null, "csat": null, "ces": null}
        ],
        "decisions": [
            {"id": "dc_1", "touchpoint": "tp_3", "kind": "decision", "text": "Cut the form to 4 fields", "owner": "Payments", "due": "2027-01-15", "createdAt": "2026-12-03T10:00:00Z"}
        ],
        "votingRounds": [
            {"id": "vr_1", "name": "Round 1", "heldAt": "2026-12-03T10:30:00Z", "budget": 3, "voters": 2, "onePerItem": true,
             "scope": "All pain points", "votes": [{"touchpoint": "tp_3", "dots": 2}, {"touchpoint": "tp_1", "dots": 1}]}
        ]
    })
}

enum Input {
    /// The base file, changed by the function.
    Json(fn(&mut Value)),
    /// Raw bytes.
    Raw(Vec<u8>),
}

fn bytes(input: &Input) -> Vec<u8> {
    match input {
        Input::Json(f) => {
            let mut v = base();
            f(&mut v);
            serde_json::to_vec_pretty(&v).expect("serializes")
        }
        Input::Raw(b) => b.clone(),
    }
}

/// The base file's text with one substring replaced (for values `json!` cannot hold).
fn base_with(from: &str, to: &str) -> Vec<u8> {
    let text = serde_json::to_string_pretty(&base()).expect("serializes");
    assert!(text.contains(from), "base lacks {from}");
    text.replacen(from, to, 1).into_bytes()
}

fn nested(depth: usize) -> Value {
    (0..depth).fold(json!("deep"), |v, _| json!([v]))
}

fn cases() -> Vec<(&'static str, Input, &'static str)> {
    use Input::*;
    vec![
        ("empty file", Raw(b"".to_vec()), "the file is empty"),
        (
            "not JSON",
            Raw(b"hello".to_vec()),
            "line 1 column 1: not valid JSON",
        ),
        (
            "truncated",
            Raw(b"{\"format\": \"journeymap\", \"version\": 1, \"map\": {".to_vec()),
            "truncated JSON",
        ),
        (
            "a number out of range",
            Raw(base_with("\"pain\": 6", "\"pain\": 1e400")),
            "/touchpoints/2/pain: line ",
        ),
        (
            "NaN",
            Raw(base_with("\"pain\": 6", "\"pain\": NaN")),
            "/touchpoints/2/pain: line ",
        ),
        (
            "Infinity in an array",
            Raw(base_with("\"pain\": 4", "\"pain\": [Infinity]")),
            "/stages/1/pain/0: line ",
        ),
        (
            "a key given twice",
            Raw(base_with(
                "\"title\": \"Card form\"",
                "\"title\": \"Card form\", \"title\": \"Cart\"",
            )),
            "/touchpoints/2/title: \"title\" is given twice in the same object",
        ),
        (
            "a top-level key given twice",
            Raw(base_with(
                "\"version\": 2",
                "\"version\": 2, \"version\": 2",
            )),
            "/version: \"version\" is given twice",
        ),
        (
            "invalid UTF-8",
            Raw(b"{\"format\": \"journ\xff\xfeymap\"}".to_vec()),
            "not valid JSON",
        ),
        (
            "top level is an array",
            Raw(b"[1, 2]".to_vec()),
            "expected a Journeymap file (a JSON object), found an array",
        ),
        (
            "format missing",
            Json(|v| {
                v.as_object_mut().map(|o| o.remove("format"));
            }),
            "/format: missing; this is not a Journeymap file",
        ),
        (
            "format wrong",
            Json(|v| v["format"] = json!("trello-board")),
            "/format: expected \"journeymap\", found the string \"trello-board\"",
        ),
        (
            "version newer",
            Json(|v| v["version"] = json!(3)),
            "/version: version 3 is newer than this Journeymap reads",
        ),
        (
            "decision on a missing touchpoint",
            Json(|v| v["decisions"][0]["touchpoint"] = json!("tp_9")),
            "/decisions/0/touchpoint: no touchpoint with id \"tp_9\"",
        ),
        (
            "decision of an unknown kind",
            Json(|v| v["decisions"][0]["kind"] = json!("todo")),
            "/decisions/0/kind: \"todo\" is not one of \"decision\", \"opportunity\"",
        ),
        (
            "decision due date not a date",
            Json(|v| v["decisions"][0]["due"] = json!("next week")),
            "/decisions/0/due: ",
        ),
        (
            "round with more dots than its voters had",
            Json(|v| v["votingRounds"][0]["votes"][0]["dots"] = json!(6)),
            "/votingRounds/0: 7 dots placed, more than 2 voters × 3 dots = 6",
        ),
        (
            "round with one dot per item and more dots than voters on one",
            Json(|v| {
                v["votingRounds"][0]["votes"][0]["dots"] = json!(3);
                v["votingRounds"][0]["votes"][1]["dots"] = json!(0);
            }),
            "/votingRounds/0: 3 dots on tp_3, but with one dot per item 2 voters place at most 2",
        ),
        (
            "vote on a missing touchpoint",
            Json(|v| v["votingRounds"][0]["votes"][1]["touchpoint"] = json!("tp_9")),
            "/votingRounds/0/votes/1/touchpoint: no touchpoint with id \"tp_9\"",
        ),
        (
            "round budget of zero",
            Json(|v| v["votingRounds"][0]["budget"] = json!(0)),
            "/votingRounds/0/budget: 0 is not a whole number 1–100",
        ),
        (
            "decisions in a version 1 file",
            Json(|v| v["version"] = json!(1)),
            "/decisions: unknown field \"decisions\" (a version 1 file has none",
        ),
        (
            "voting rounds missing from a version 2 file",
            Json(|v| {
                v.as_object_mut().map(|o| o.remove("votingRounds"));
            }),
            "/votingRounds: missing",
        ),
        (
            "version a string",
            Json(|v| v["version"] = json!("1")),
            "/version: unsupported version the string \"1\"",
        ),
        (
            "version missing",
            Json(|v| {
                v.as_object_mut().map(|o| o.remove("version"));
            }),
            "/version: missing",
        ),
        (
            "pain out of range",
            Json(|v| v["touchpoints"][3]["pain"] = json!(11)),
            "/touchpoints/3/pain: 11 is outside 0–10",
        ),
        (
            "pain negative",
            Json(|v| v["stages"][1]["pain"] = json!(-1)),
            "/stages/1/pain: -1 is outside 0–10",
        ),
        (
            "pain a word",
            Json(|v| v["touchpoints"][0]["pain"] = json!("high")),
            "/touchpoints/0/pain: expected a whole number 0–10 or null, found the string \"high\"",
        ),
        (
            "pain a fraction",
            Json(|v| v["touchpoints"][0]["pain"] = json!(7.5)),
            "/touchpoints/0/pain: 7.5 is not a whole number",
        ),
        (
            "pain huge",
            Json(|v| v["touchpoints"][2]["pain"] = json!(1e300)),
            "/touchpoints/2/pain: 1e+300 is outside 0–10",
        ),
        (
            "number beyond f64",
            Raw(base_with("\"pain\": 6", "\"pain\": 1e400")),
            "number out of range",
        ),
        (
            "emotion out of range",
            Json(|v| v["touchpoints"][1]["emotion"] = json!(3)),
            "/touchpoints/1/emotion: 3 is outside -2–2",
        ),
        (
            "NPS out of range",
            Json(|v| v["feedback"][0]["nps"] = json!(11)),
            "/feedback/0/nps: 11 is outside 0–10",
        ),
        (
            "CSAT zero",
            Json(|v| v["feedback"][0]["csat"] = json!(0)),
            "/feedback/0/csat: 0 is outside 1–5",
        ),
        (
            "CES eight",
            Json(|v| v["feedback"][0]["ces"] = json!(8)),
            "/feedback/0/ces: 8 is outside 1–7",
        ),
        (
            "duplicate touchpoint id",
            Json(|v| v["touchpoints"][1]["id"] = json!("tp_1")),
            "/touchpoints/1/id: duplicate id \"tp_1\" (first used at /touchpoints/0/id)",
        ),
        (
            "id shared across kinds",
            Json(|v| v["feedback"][1]["id"] = json!("st_a")),
            "/feedback/1/id: duplicate id \"st_a\" (first used at /stages/0/id)",
        ),
        (
            "touchpoint in a missing stage",
            Json(|v| v["touchpoints"][0]["stage"] = json!("st_gone")),
            "/touchpoints/0/stage: no stage with id \"st_gone\"",
        ),
        (
            "touchpoint in a missing lane",
            Json(|v| v["touchpoints"][2]["lane"] = json!("ln_gone")),
            "/touchpoints/2/lane: no lane with id \"ln_gone\"",
        ),
        (
            "link to a missing touchpoint",
            Json(|v| v["links"][0]["to"] = json!("tp_9")),
            "/links/0/to: no touchpoint with id \"tp_9\"",
        ),
        (
            "self-link",
            Json(|v| v["links"][0]["to"] = json!("tp_1")),
            "/links/0: links touchpoint \"tp_1\" to itself",
        ),
        (
            "repeated link",
            Json(|v| {
                let l = v["links"][0].clone();
                let mut l2 = l;
                l2["id"] = json!("lk_2");
                if let Some(a) = v["links"].as_array_mut() {
                    a.push(l2);
                }
            }),
            "/links/1: repeats the flow link from \"tp_1\" to \"tp_2\" at /links/0",
        ),
        (
            "link kind unknown",
            Json(|v| v["links"][0]["kind"] = json!("next")),
            "/links/0/kind: \"next\" is not one of \"flow\", \"handoff\", \"depends_on\"",
        ),
        (
            "feedback on both",
            Json(|v| v["feedback"][0]["stage"] = json!("st_a")),
            "/feedback/0: names both a touchpoint and a stage",
        ),
        (
            "feedback on neither",
            Json(|v| v["feedback"][1]["stage"] = Value::Null),
            "/feedback/1: names neither a touchpoint nor a stage",
        ),
        (
            "feedback on a missing stage",
            Json(|v| v["feedback"][1]["stage"] = json!("st_x")),
            "/feedback/1/stage: no stage with id \"st_x\"",
        ),
        (
            "feedback kind unknown",
            Json(|v| v["feedback"][0]["kind"] = json!("rumour")),
            "/feedback/0/kind: \"rumour\" is not one of",
        ),
        (
            "bad date",
            Json(|v| v["feedback"][0]["date"] = json!("2026-02-30")),
            "/feedback/0/date: \"2026-02-30\" is not a date in YYYY-MM-DD form",
        ),
        (
            "bad timestamp",
            Json(|v| v["map"]["createdAt"] = json!("last Tuesday")),
            "/map/createdAt: \"last Tuesday\" is not an RFC 3339 timestamp",
        ),
        (
            "unknown field",
            Json(|v| v["touchpoints"][0]["colour"] = json!("red")),
            "/touchpoints/0/colour: unknown field \"colour\"",
        ),
        (
            "empty title",
            Json(|v| v["touchpoints"][0]["title"] = json!("  ")),
            "/touchpoints/0/title: must not be empty",
        ),
        (
            "title too long",
            Json(|v| v["touchpoints"][0]["title"] = json!("x".repeat(201))),
            "/touchpoints/0/title: is 201 characters long; at most 200 are allowed",
        ),
        (
            "control character",
            Json(|v| v["stages"][0]["name"] = json!("Bro\u{1b}[31mwse")),
            "/stages/0/name: contains a control character",
        ),
        (
            "bad id",
            Json(|v| v["touchpoints"][0]["id"] = json!("tp 1")),
            "/touchpoints/0/id: \"tp 1\" is not a valid id",
        ),
        (
            "missing id",
            Json(|v| {
                v["stages"][0].as_object_mut().map(|o| o.remove("id"));
            }),
            "/stages/0/id: missing",
        ),
        (
            "lane kind unknown",
            Json(|v| v["lanes"][0]["kind"] = json!("finance")),
            "/lanes/0/kind: \"finance\" is not one of",
        ),
        (
            "second built-in lane",
            Json(|v| v["lanes"][1]["kind"] = json!("marketing")),
            "/lanes/1/kind: a second \"marketing\" lane",
        ),
        (
            "hidden not a bool",
            Json(|v| v["lanes"][0]["hidden"] = json!("no")),
            "/lanes/0/hidden: expected true or false, found the string \"no\"",
        ),
        (
            "stages not an array",
            Json(|v| v["stages"] = json!({"st_a": {}})),
            "/stages: expected an array, found an object",
        ),
        (
            "too many stages",
            Json(|v| {
                v["stages"] = Value::Array(
                    (0..501)
                        .map(|i| json!({"id": format!("st_{i}"), "name": "S"}))
                        .collect(),
                )
            }),
            "/stages: 501 items; at most 500 are allowed",
        ),
        (
            "nesting too deep",
            Json(|v| v["map"]["persona"]["name"] = nested(12)),
            "nesting is deeper than 8 levels",
        ),
        (
            "nesting beyond the parser",
            Raw(format!("{}{}", "[".repeat(5000), "]".repeat(5000)).into_bytes()),
            "nesting is deeper than",
        ),
        (
            "file over the size limit",
            Raw({
                let mut b = base_with(
                    "\"description\": \"\"",
                    &format!("\"description\": \"{}\"", "a".repeat(64 * 1024 * 1024)),
                );
                b.push(b'\n');
                b
            }),
            "at most 67108864 bytes (64 MiB) are read",
        ),
    ]
}

#[test]
fn hostile_files_are_refused_with_their_path_and_change_nothing() {
    let mut t = TestApp::new();
    t.app.create_sample().expect("sample");
    t.app
        .import_map(&bytes(&Input::Json(|_| {})), ImportMode::Refuse)
        .expect("the base file imports");
    let before = t.snapshot();
    let cases = cases();
    assert!(cases.len() >= 25);
    for (name, input, expected) in &cases {
        for mode in [ImportMode::Refuse, ImportMode::Replace, ImportMode::Copy] {
            let err = t.app.import_map(&bytes(input), mode).expect_err(name);
            assert_eq!(err.code(), "import", "{name}: {err}");
            let first = err.lines().into_iter().next().unwrap_or_default();
            assert!(
                first.contains(expected),
                "{name}: expected {expected:?}, got {first:?}"
            );
        }
        assert!(t.snapshot() == before, "{name}: the database changed");
    }
    assert_eq!(t.app.list_maps().expect("list").len(), 2);
}

#[test]
fn taken_ids_are_named_by_path_and_map() {
    let mut t = TestApp::new();
    t.app
        .import_map(&bytes(&Input::Json(|_| {})), ImportMode::Refuse)
        .expect("imports");
    let before = t.snapshot();

    // Same map id: refused unless --replace or --copy.
    let err = t
        .app
        .import_map(&bytes(&Input::Json(|_| {})), ImportMode::Refuse)
        .expect_err("exists");
    assert_eq!(err.code(), "conflict");
    assert!(
        err.to_string()
            .contains("a map with id jm_base already exists: \"Checkout\""),
        "{err}"
    );

    // Another map id, but a touchpoint id another map uses.
    let err = t
        .app
        .import_map(
            &bytes(&Input::Json(|v| v["map"]["id"] = json!("jm_other"))),
            ImportMode::Refuse,
        )
        .expect_err("ids taken");
    assert!(matches!(err, AppError::Import(_)));
    assert_eq!(
        err.to_string(),
        "/stages/0/id: id \"st_a\" is already used by map \"Checkout\" (jm_base); import with --copy to give this map fresh ids"
    );
    assert!(t.snapshot() == before, "nothing was half-imported");
}

/// A problem inside a list item names the item after the message, its controls escaped,
/// so a person finds it without counting, and a bidi override in a title cannot reorder
/// the message.
#[test]
fn problems_name_the_item_they_are_in() {
    let mut t = TestApp::new();
    let mut v = base();
    v["touchpoints"][2]["pain"] = json!(11);
    v["touchpoints"][2]["title"] = json!("Card \u{202e}mrof");
    v["stages"][1]["emotion"] = json!("sad");
    let err = t
        .app
        .import_map(&serde_json::to_vec(&v).expect("json"), ImportMode::Refuse)
        .expect_err("refused");
    let lines = err.lines();
    let pain = lines
        .iter()
        .find(|l| l.starts_with("/touchpoints/2/pain: "))
        .expect("the pain problem");
    assert!(
        pain.ends_with(r#"(touchpoint "Card \u{202e}mrof")"#),
        "{pain}"
    );
    assert!(
        !pain.contains('\u{202e}'),
        "the override is escaped: {pain:?}"
    );
    let emotion = lines
        .iter()
        .find(|l| l.starts_with("/stages/1/emotion: "))
        .expect("the emotion problem");
    assert!(emotion.ends_with(r#"(stage "Pay")"#), "{emotion}");
}
