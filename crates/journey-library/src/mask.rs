//! Connection strings as they may be shown: with the password replaced by `***`.
//!
//! Both forms the client reads are masked: the URL form
//! (`postgres://user:secret@host:5432/db?password=secret`) and the key=value form
//! (`host=db.example user=ana password='sec ret'`). The masking errs towards hiding: in
//! the URL form everything between the user name and the last `@` is hidden (a password
//! with an unencoded `@` stays hidden whole), and a key=value string that cannot be read
//! to its end is hidden from where it stops being readable.

/// What a hidden value is shown as.
const HIDDEN: &str = "***";

/// `url` with its password replaced by `***`; the rest as written.
pub fn mask(url: &str) -> String {
    for prefix in ["postgres://", "postgresql://"] {
        if let Some(rest) = url.strip_prefix(prefix) {
            return format!("{prefix}{}", mask_url_rest(rest));
        }
    }
    mask_key_values(url)
}

/// The part of a URL after `scheme://`.
fn mask_url_rest(rest: &str) -> String {
    let mut out = String::with_capacity(rest.len());
    // The client takes the user information up to the first `@`; a password that holds
    // an unencoded `@` would then show its tail as the host. Hiding up to the last `@`
    // covers both readings.
    let after_credentials = match rest.rfind('@') {
        Some(at) => {
            let credentials = &rest[..at];
            match credentials.find(':') {
                Some(colon) => {
                    out.push_str(&credentials[..=colon]);
                    out.push_str(HIDDEN);
                }
                None => out.push_str(credentials),
            }
            out.push('@');
            &rest[at + 1..]
        }
        None => rest,
    };
    match after_credentials.split_once('?') {
        Some((location, query)) => {
            out.push_str(location);
            out.push('?');
            let params: Vec<String> = query
                .split('&')
                .map(|param| match param.split_once('=') {
                    Some((key, _)) if is_password_key(key) => format!("{key}={HIDDEN}"),
                    _ => param.to_string(),
                })
                .collect();
            out.push_str(&params.join("&"));
        }
        None => out.push_str(after_credentials),
    }
    out
}

/// Whether a URL query key may name the password: `password`, or any percent-encoded key
/// (which may spell it).
fn is_password_key(key: &str) -> bool {
    key == "password" || key.contains('%')
}

/// A `key=value key='quoted value'` string, read as the client reads it (values end at
/// whitespace unless quoted; a backslash escapes the next character in both).
fn mask_key_values(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    loop {
        let trimmed = rest.trim_start();
        out.push_str(&rest[..rest.len() - trimmed.len()]);
        rest = trimmed;
        if rest.is_empty() {
            return out;
        }
        let key_len = rest
            .find(|c: char| c.is_whitespace() || c == '=')
            .unwrap_or(rest.len());
        let key = &rest[..key_len];
        let after_key = &rest[key_len..];
        let after_ws = after_key.trim_start();
        let Some(after_eq) = after_ws.strip_prefix('=') else {
            // Not `key = value`: the client refuses it; show nothing more of it.
            out.push_str(HIDDEN);
            return out;
        };
        let value_start = after_eq.trim_start();
        let Some(value_len) = value_length(value_start) else {
            out.push_str(key);
            out.push('=');
            out.push_str(HIDDEN);
            return out;
        };
        if key.is_empty() {
            out.push_str(HIDDEN);
            return out;
        }
        out.push_str(key);
        out.push('=');
        if key == "password" {
            out.push_str(HIDDEN);
        } else {
            out.push_str(&value_start[..value_len]);
        }
        rest = &value_start[value_len..];
    }
}

/// The length in bytes of the value at the start of `s` (quotes included), or `None` when
/// it does not end (an unterminated quote, or nothing).
fn value_length(s: &str) -> Option<usize> {
    let mut chars = s.char_indices();
    if s.starts_with('\'') {
        chars.next();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    chars.next();
                }
                '\'' => return Some(i + 1),
                _ => {}
            }
        }
        return None;
    }
    let mut end = s.len();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            end = i;
            break;
        }
        if c == '\\' {
            chars.next();
        }
    }
    (end > 0).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::mask;

    #[test]
    fn url_passwords_are_hidden() {
        let cases = [
            (
                "postgres://ana:s3cret@db.example:5432/journeys",
                "postgres://ana:***@db.example:5432/journeys",
            ),
            (
                "postgresql://ana:p@ss:w/rd@db.example/journeys?sslmode=require",
                "postgresql://ana:***@db.example/journeys?sslmode=require",
            ),
            (
                "postgres://ana@db.example/journeys?password=s3cret&application_name=jm",
                "postgres://ana@db.example/journeys?password=***&application_name=jm",
            ),
            (
                "postgres://ana@db.example/j?%70assword=s3cret",
                "postgres://ana@db.example/j?%70assword=***",
            ),
            (
                "postgres://%2Ftmp%2Fsock:5432/journeys",
                "postgres://%2Ftmp%2Fsock:5432/journeys",
            ),
            ("postgres://:s3cret@h/d", "postgres://:***@h/d"),
        ];
        for (url, masked) in cases {
            assert_eq!(mask(url), masked, "{url}");
            assert!(!mask(url).contains("s3cret"), "{url}");
        }
    }

    #[test]
    fn key_value_passwords_are_hidden() {
        let cases = [
            (
                "host=db.example user=ana password=s3cret dbname=journeys",
                "host=db.example user=ana password=*** dbname=journeys",
            ),
            (
                "host=/tmp  password = 'a s3cret \\' quote' port=5432",
                "host=/tmp  password=*** port=5432",
            ),
            ("password=s3cret\\ more", "password=***"),
            (
                "user=ana password='s3cret unterminated",
                "user=ana password=***",
            ),
            ("user=ana password", "user=ana ***"),
            ("host=h =s3cret", "host=h ***"),
        ];
        for (url, masked) in cases {
            assert_eq!(mask(url), masked, "{url}");
            assert!(!mask(url).contains("s3cret"), "{url}");
        }
    }
}
