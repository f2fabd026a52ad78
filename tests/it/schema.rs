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
    expect_test::expect_file!["../../docs/journeymap-v1.schema.json"]
        .assert_eq(&journey_core::interchange::json_schema());
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
    ] {
        assert_eq!(
            defs[def]["properties"]["id"]["pattern"].as_str(),
            Some(id_pattern.as_str()),
            "{def}.id: pattern"
        );
    }
}
