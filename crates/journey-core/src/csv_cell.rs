//! Text for spreadsheet cells. A spreadsheet runs a cell that starts with `=`, `+`, `-`,
//! `@`, a tab or a carriage return as a formula (`=HYPERLINK(...)` in a quote would be a
//! link the user never wrote): such a cell gets a leading apostrophe, which spreadsheets
//! show as text and hide. Numbers the program writes itself are not passed through here.

/// `text` safe to put in a CSV cell that a spreadsheet will open.
pub fn neutralise(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}").into(),
        _ => text.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::neutralise;

    #[test]
    fn cells_that_would_run_as_formulas_are_neutralised() {
        for bad in [
            "=HYPERLINK(\"http://x\",\"y\")",
            "+1",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
        ] {
            assert_eq!(neutralise(bad), format!("'{bad}"));
        }
        for fine in ["Checkout", "", "1+1", " =not first", "'quoted"] {
            assert_eq!(neutralise(fine), fine);
        }
    }
}
