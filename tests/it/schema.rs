//! The JSON Schema in docs/ is generated from the file-format types; it must not go stale
//! (`UPDATE_EXPECT=1` rewrites it), and its limits must be the ones the checked import
//! enforces, so a file the schema accepts is not refused by the app for a limit the
//! schema does not state (and the other way round).

use journey_core::fields::{Score, TextField, MAX_ID_CHARS};
use journey_core::interchange::Limits;
use serde_json::Value;

fn schema() -> Value {
    serde_json::from_str(&journey_core::interchange::json_schema()).expect("schema is JSON")
}

#[test]
fn committed_schema_is_fresh() {
    expect_test::expect_file!["../../docs/journeymap-v2.schema.json"]
        .assert_eq(&journey_core::interchange::json_schema());
}

/// Version 1 files are still read: the frozen v1 schema accepts a v1 file (what an older
/// Journeymap exported), which imports with no decisions and no rounds and exports as
/// version 2 with everything else the same; the v2 schema refuses the v1 file.
#[test]
fn a_version_1_file_still_validates_and_imports() {
    let v1_text = include_str!("fixtures/sample-v1.json");
    let v1: Value = serde_json::from_str(v1_text).expect("json");
    assert_eq!(v1["version"], 1);
    let v1_schema = validator(include_str!("../../docs/journeymap-v1.schema.json"));
    let errors: Vec<String> = v1_schema.iter_errors(&v1).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert!(!validator(&journey_core::interchange::json_schema()).is_valid(&v1));

    let map = journey_core::interchange::parse_map_file(v1_text.as_bytes(), &Limits::default())
        .expect("a v1 file imports");
    assert!(map.decisions.is_empty() && map.rounds.is_empty());
    let mut v2: Value =
        serde_json::from_str(&journey_core::interchange::export_json(&map)).expect("json");
    assert_eq!(v2["version"], 2);
    assert_eq!(v2["decisions"], serde_json::json!([]));
    assert_eq!(v2["votingRounds"], serde_json::json!([]));
    let o = v2.as_object_mut().expect("object");
    o.remove("decisions");
    o.remove("votingRounds");
    o.insert("version".into(), 1.into());
    assert_eq!(v2, v1, "nothing else changes");
}

#[test]
fn schema_describes_the_format() {
    let schema = schema();
    let props = &schema["properties"];
    for key in [
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
    ] {
        assert!(props.get(key).is_some(), "schema lacks {key}");
    }
    let text = schema.to_string();
    assert!(text.contains("\"journeymap\""));
    assert!(
        text.contains("third_party")
            && text.contains("depends_on")
            && text.contains("survey_response")
    );
}

#[test]
fn schema_limits_are_the_import_limits() {
    let schema = schema();
    let limits = Limits::default();
    for (list, max) in [
        ("stages", limits.max_stages),
        ("lanes", limits.max_lanes),
        ("touchpoints", limits.max_touchpoints),
        ("links", limits.max_links),
        ("feedback", limits.max_feedback),
        ("decisions", limits.max_decisions),
        ("votingRounds", limits.max_rounds),
    ] {
        assert_eq!(
            schema["properties"][list]["maxItems"].as_u64(),
            Some(max as u64),
            "/{list}: maxItems"
        );
    }

    let defs = &schema["$defs"];
    let texts = [
        ("MapFileMeta", "name", TextField::MapName),
        ("MapFileMeta", "description", TextField::Description),
        ("PersonaFile", "name", TextField::PersonaName),
        ("PersonaFile", "description", TextField::Description),
        ("StageFile", "name", TextField::StageName),
        ("StageFile", "description", TextField::Description),
        ("LaneFile", "name", TextField::LaneName),
        ("TouchpointFile", "title", TextField::TouchpointTitle),
        ("TouchpointFile", "description", TextField::Description),
        ("TouchpointFile", "channel", TextField::Channel),
        ("TouchpointFile", "owner", TextField::Owner),
        ("LinkFile", "label", TextField::LinkLabel),
        ("FeedbackFile", "text", TextField::FeedbackText),
        ("FeedbackFile", "source", TextField::Source),
        ("FeedbackFile", "segment", TextField::Segment),
        ("DecisionFile", "text", TextField::DecisionText),
        ("DecisionFile", "owner", TextField::Owner),
        ("RoundFile", "name", TextField::RoundName),
        ("RoundFile", "scope", TextField::RoundScope),
    ];
    for (def, key, field) in texts {
        let p = &defs[def]["properties"][key];
        assert_eq!(
            p["maxLength"].as_u64(),
            Some(field.max_chars() as u64),
            "{def}.{key}: maxLength"
        );
        let min = p["minLength"].as_u64().unwrap_or(0);
        assert_eq!(min == 1, field.required(), "{def}.{key}: minLength");
    }

    let scores = [
        ("StageFile", "pain", Score::Pain),
        ("StageFile", "emotion", Score::Emotion),
        ("TouchpointFile", "pain", Score::Pain),
        ("TouchpointFile", "emotion", Score::Emotion),
        ("FeedbackFile", "nps", Score::Nps),
        ("FeedbackFile", "csat", Score::Csat),
        ("FeedbackFile", "ces", Score::Ces),
    ];
    for (def, key, score) in scores {
        let p = &defs[def]["properties"][key];
        let (lo, hi) = score.range();
        assert_eq!(
            (p["minimum"].as_i64(), p["maximum"].as_i64()),
            (Some(lo), Some(hi)),
            "{def}.{key}: range"
        );
    }

    let id_pattern = format!("^[A-Za-z0-9_-]{{1,{MAX_ID_CHARS}}}$");
    for def in [
        "MapFileMeta",
        "StageFile",
        "LaneFile",
        "TouchpointFile",
        "LinkFile",
        "FeedbackFile",
        "DecisionFile",
        "RoundFile",
    ] {
        assert_eq!(
            defs[def]["properties"]["id"]["pattern"].as_str(),
            Some(id_pattern.as_str()),
            "{def}.id: pattern"
        );
    }
}

/// The CLI's JSON report (`journeymap report --format json`) has a generated JSON Schema
/// in docs/, kept fresh like the file format's.
#[test]
fn committed_report_schema_is_fresh() {
    expect_test::expect_file!["../../docs/journeymap-report.schema.json"]
        .assert_eq(&journey_core::analysis::json_schema());
}

fn validator(schema: &str) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(schema).expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("a valid JSON Schema")
}

/// What we write is read by a JSON Schema validator we did not write: an exported map
/// against the file format's schema, the JSON report against the report's schema; and a
/// file the import refuses for a limit is refused by the schema too.
#[test]
fn exports_and_reports_validate_against_their_schemas() {
    let map = journey_core::sample::sample_map().expect("sample");
    let file: Value =
        serde_json::from_str(&journey_core::interchange::export_json(&map)).expect("json");
    let format = validator(&journey_core::interchange::json_schema());
    let errors: Vec<String> = format.iter_errors(&file).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");

    let mut bad = file.clone();
    bad["touchpoints"][0]["pain"] = serde_json::json!(11);
    assert!(!format.is_valid(&bad), "pain 11 is outside the schema");

    let analysis = journey_core::analysis::Analysis::of(
        &map,
        &journey_core::analysis::EvidenceRules {
            today: Some("2026-12-01".into()),
            ..Default::default()
        },
    )
    .expect("analysis");
    let report = serde_json::to_value(&analysis).expect("json");
    let errors: Vec<String> = validator(&journey_core::analysis::json_schema())
        .iter_errors(&report)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}
