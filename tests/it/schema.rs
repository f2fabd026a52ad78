//! The JSON Schema in docs/ is generated from the file-format types; it must not go stale.
//! Run with `UPDATE_SCHEMA=1` to rewrite it after changing the types.

use std::path::PathBuf;

#[test]
fn committed_schema_is_fresh() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/journeymap-v1.schema.json");
    let fresh = journey_core::interchange::json_schema();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &fresh).expect("write schema");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "docs/journeymap-v1.schema.json is stale; run `UPDATE_SCHEMA=1 cargo test -p journeymap-tests schema`"
    );
}

#[test]
fn schema_describes_the_format() {
    let schema: serde_json::Value =
        serde_json::from_str(&journey_core::interchange::json_schema()).expect("schema is JSON");
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
