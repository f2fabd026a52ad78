//! A scan of a JSON file's structure, for what `serde_json` cannot tell the importer:
//! the JSON pointer of the value at a syntax error (`1e400`, `NaN`), and keys given twice
//! in one object (`serde_json` keeps the last one without a word).
//!
//! The scan is tolerant: it follows brackets, commas, colons and strings, and never
//! fails; it is only asked about text `serde_json` has already parsed (duplicates) or
//! parsed up to the error (the pointer).

use std::collections::HashSet;

enum Frame {
    Object {
        keys: HashSet<String>,
        /// The key whose value comes next (or is being read).
        key: Option<String>,
    },
    Array {
        index: usize,
    },
}

/// What a scan stopped for.
enum Stop {
    /// The end of the text (or of the part asked about).
    End,
    /// `key` appears twice in the object at the pointer.
    Duplicate { object: String, key: String },
}

fn pointer(stack: &[Frame]) -> String {
    let mut p = String::new();
    for f in stack {
        match f {
            Frame::Object { key: Some(k), .. } => {
                p.push('/');
                p.push_str(&k.replace('~', "~0").replace('/', "~1"));
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => {
                p.push('/');
                p.push_str(&index.to_string());
            }
        }
    }
    p
}

/// Scans `bytes[..end]`, leaving the open frames in `stack`.
fn scan(bytes: &[u8], end: usize, stack: &mut Vec<Frame>) -> Stop {
    let end = end.min(bytes.len());
    let mut i = 0;
    while i < end {
        match bytes[i] {
            b'{' => stack.push(Frame::Object {
                keys: HashSet::new(),
                key: None,
            }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Object { key, .. }) => *key = None,
                None => {}
            },
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                if let Some(Frame::Object { keys, key }) = stack.last_mut() {
                    if key.is_none() {
                        let raw = &bytes[start..(i + 1).min(bytes.len())];
                        // Escapes decoded, so "a" and "\u0061" are the same key. The short
                        // way needs the closing quote: at a syntax error (a control character
                        // in a key) the string can run to the end of the text, and its last
                        // byte may be inside a character.
                        let closed = raw.len() >= 2 && raw.last() == Some(&b'"');
                        let plain = closed && !raw.contains(&b'\\');
                        let name = match std::str::from_utf8(raw) {
                            Ok(s) if plain => s[1..s.len() - 1].to_string(),
                            _ => serde_json::from_slice::<String>(raw)
                                .unwrap_or_else(|_| String::from_utf8_lossy(raw).into_owned()),
                        };
                        if !keys.insert(name.clone()) {
                            stack.pop();
                            return Stop::Duplicate {
                                object: pointer(stack),
                                key: name,
                            };
                        }
                        *key = Some(name);
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    Stop::End
}

/// The JSON pointer of the value being read at byte `offset` (empty: the file itself).
pub(crate) fn pointer_at(bytes: &[u8], offset: usize) -> String {
    let mut stack = Vec::new();
    scan(bytes, offset, &mut stack);
    pointer(&stack)
}

/// The byte offset of `line` and `column` as `serde_json` counts them (from 1; the
/// column in bytes).
pub(crate) fn offset_of(bytes: &[u8], line: usize, column: usize) -> usize {
    let mut at = 0;
    for _ in 1..line {
        match bytes[at..].iter().position(|&b| b == b'\n') {
            Some(n) => at += n + 1,
            None => return bytes.len(),
        }
    }
    (at + column.saturating_sub(1)).min(bytes.len())
}

/// The first key given twice in one object: the object's pointer and the key.
pub(crate) fn duplicate_key(bytes: &[u8]) -> Option<(String, String)> {
    match scan(bytes, bytes.len(), &mut Vec::new()) {
        Stop::Duplicate { object, key } => Some((object, key)),
        Stop::End => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_follow_keys_and_indices() {
        let text = br#"{"a": [1, {"b/c": 2, "d": [3, 4, 5]}], "e": "x,]}"}"#;
        let at = |needle: &str| {
            let i = text
                .windows(needle.len())
                .position(|w| w == needle.as_bytes())
                .expect("in text");
            pointer_at(text, i)
        };
        assert_eq!(at("1,"), "/a/0");
        assert_eq!(at("2,"), "/a/1/b~1c");
        assert_eq!(at("5]"), "/a/1/d/2");
        assert_eq!(pointer_at(text, text.len() - 2), "/e");
        assert_eq!(pointer_at(text, 0), "");
    }

    #[test]
    fn duplicate_keys_are_found_with_their_object() {
        assert_eq!(duplicate_key(br#"{"a": 1, "b": {"x": 1, "y": 2}}"#), None);
        assert_eq!(
            duplicate_key(br#"{"a": 1, "list": [{"x": 1}, {"x": 2, "\u0078": 3}]}"#),
            Some(("/list/1".to_string(), "x".to_string()))
        );
        assert_eq!(
            duplicate_key(br#"{"a": 1, "a": 2}"#),
            Some((String::new(), "a".to_string()))
        );
        // A key inside a string value is not a key.
        assert_eq!(duplicate_key(br#"{"a": "{\"a\": 1, \"a\": 2}"}"#), None);
    }

    #[test]
    fn a_key_cut_off_inside_a_character_does_not_panic() {
        // serde_json stops at the control character; the key runs to the end of the text,
        // which ends inside "é" (found while writing the `import` fuzz target).
        let text = b"{\"\x01\xc3\xa9";
        assert!(pointer_at(text, 2).starts_with('/'));
        let text = "{\"a\": 1, \"\tcaf\u{e9}".as_bytes();
        assert!(pointer_at(text, 10).starts_with('/'));
    }

    #[test]
    fn offsets_count_lines_and_byte_columns() {
        let text = b"{\n  \"a\": 1,\n  \"b\": x\n}";
        let i = offset_of(text, 3, 8);
        assert_eq!(text[i], b'x');
        assert_eq!(pointer_at(text, i), "/b");
    }
}
