//! The rules every value must meet, wherever it comes from: an edit in the app, a CLI
//! argument or an imported file. Each check returns a sentence that names the problem;
//! the caller adds where the value came from (a JSON path, a field name).

use std::fmt;

/// A text field and its limits, in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    MapName,
    StageName,
    LaneName,
    TouchpointTitle,
    PersonaName,
    /// Descriptions of maps, personas, stages and touchpoints.
    Description,
    Channel,
    Owner,
    LinkLabel,
    FeedbackText,
    Source,
    Segment,
    /// A decision's or opportunity's text.
    DecisionText,
    /// A voting round's name.
    RoundName,
    /// How a round's items were chosen.
    RoundScope,
}

/// Most dots a voter can have in a round.
pub const MAX_BUDGET: u32 = 100;
/// Most voters in a round.
pub const MAX_VOTERS: u32 = 10_000;

impl TextField {
    /// Most characters the field may hold.
    pub fn max_chars(self) -> usize {
        match self {
            TextField::Description => 5_000,
            TextField::FeedbackText => 10_000,
            TextField::DecisionText => 2_000,
            TextField::Source => 500,
            _ => 200,
        }
    }

    /// Whether the field must hold something other than white space.
    pub fn required(self) -> bool {
        matches!(
            self,
            TextField::MapName
                | TextField::StageName
                | TextField::LaneName
                | TextField::TouchpointTitle
                | TextField::FeedbackText
                | TextField::DecisionText
                | TextField::RoundName
        )
    }
}

/// Checks a text value against its field's limits.
pub fn check_text(field: TextField, value: &str) -> Result<(), String> {
    if field.required() && value.trim().is_empty() {
        return Err("must not be empty".to_string());
    }
    let n = value.chars().count();
    if n > field.max_chars() {
        return Err(format!(
            "is {n} characters long; at most {} are allowed",
            field.max_chars()
        ));
    }
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err("contains a control character".to_string());
    }
    Ok(())
}

/// A bounded whole-number score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Score {
    Pain,
    Emotion,
    Nps,
    Csat,
    Ces,
}

impl Score {
    pub fn range(self) -> (i64, i64) {
        match self {
            Score::Pain => (0, 10),
            Score::Emotion => (-2, 2),
            Score::Nps => (0, 10),
            Score::Csat => (1, 5),
            Score::Ces => (1, 7),
        }
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Score::Pain => "pain",
            Score::Emotion => "emotion",
            Score::Nps => "NPS answer",
            Score::Csat => "CSAT answer",
            Score::Ces => "CES answer",
        })
    }
}

/// Checks that `value` lies in the score's range, e.g. `11 is outside 0–10`.
pub fn check_score(score: Score, value: i64) -> Result<(), String> {
    let (lo, hi) = score.range();
    if (lo..=hi).contains(&value) {
        Ok(())
    } else {
        Err(format!("{value} is outside {lo}–{hi}"))
    }
}

/// Longest id accepted.
pub const MAX_ID_CHARS: usize = 64;

/// Ids are 1–64 characters of ASCII letters, digits, `_` and `-`.
pub fn check_id(value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Err("an id must not be empty".to_string());
    }
    if value.len() > MAX_ID_CHARS {
        return Err(format!("an id has at most {MAX_ID_CHARS} characters"));
    }
    if !value
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        return Err(format!(
            "{value:?} is not a valid id (letters, digits, '_' and '-' only)"
        ));
    }
    Ok(())
}

/// Parses an RFC 3339 timestamp and writes it back in one canonical form (UTC, `Z`).
pub fn normalize_timestamp(value: &str) -> Result<String, String> {
    value
        .parse::<jiff::Timestamp>()
        .map(|t| t.to_string())
        .map_err(|_| format!("{value:?} is not an RFC 3339 timestamp such as 2026-03-14T09:30:00Z"))
}

/// Checks a calendar date in `YYYY-MM-DD` form.
pub fn check_date(value: &str) -> Result<(), String> {
    let ok = value.len() == 10 && value.parse::<jiff::civil::Date>().is_ok();
    if ok {
        Ok(())
    } else {
        Err(format!("{value:?} is not a date in YYYY-MM-DD form"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_limits() {
        assert!(check_text(TextField::TouchpointTitle, "Pricing page").is_ok());
        assert_eq!(
            check_text(TextField::TouchpointTitle, "   "),
            Err("must not be empty".to_string())
        );
        assert!(check_text(TextField::Channel, "").is_ok());
        assert!(check_text(TextField::TouchpointTitle, &"é".repeat(200)).is_ok());
        assert!(check_text(TextField::TouchpointTitle, &"é".repeat(201)).is_err());
        assert!(check_text(TextField::FeedbackText, "line one\nline two").is_ok());
        assert!(check_text(TextField::FeedbackText, "bell\u{7}").is_err());
    }

    #[test]
    fn score_ranges() {
        let cases = [
            (Score::Pain, 0, true),
            (Score::Pain, 10, true),
            (Score::Pain, 11, false),
            (Score::Emotion, -2, true),
            (Score::Emotion, -3, false),
            (Score::Nps, 0, true),
            (Score::Csat, 0, false),
            (Score::Csat, 5, true),
            (Score::Ces, 7, true),
            (Score::Ces, 8, false),
        ];
        for (score, value, ok) in cases {
            assert_eq!(check_score(score, value).is_ok(), ok, "{score} {value}");
        }
        assert_eq!(
            check_score(Score::Pain, 11),
            Err("11 is outside 0–10".into())
        );
    }

    #[test]
    fn ids_dates_timestamps() {
        assert!(check_id("tp_3f9c-0A").is_ok());
        assert!(check_id("").is_err());
        assert!(check_id("tp 1").is_err());
        assert!(check_id(&"a".repeat(65)).is_err());
        assert!(check_date("2026-02-28").is_ok());
        assert!(check_date("2026-02-30").is_err());
        assert!(check_date("28/02/2026").is_err());
        assert_eq!(
            normalize_timestamp("2026-03-14T10:30:00+01:00").as_deref(),
            Ok("2026-03-14T09:30:00Z")
        );
        assert!(normalize_timestamp("yesterday").is_err());
    }
}
