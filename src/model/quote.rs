//! Quoting text for the plain formats we write ourselves: TOML strings (the
//! agency file from `init` and `import`) and CSV fields (summaries). One
//! escaper per format, so a value that is safe in one place is safe in all.

/// A TOML string for `s`: a multi-line basic string when `s` has line
/// breaks (readable narrative), else a basic string. Control characters a
/// TOML parser refuses are written as `\uXXXX` escapes, never dropped.
pub fn toml_string(s: &str) -> String {
    let multiline = s.contains('\n');
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str(if multiline { "\"\"\"\n" } else { "\"" });
    let mut quotes = 0;
    for c in s.chars() {
        // In a multi-line string only a run of three quotes ends it.
        if c == '"' && multiline {
            quotes += 1;
            if quotes == 3 {
                out.push_str("\\\"");
                quotes = 0;
            } else {
                out.push('"');
            }
            continue;
        }
        quotes = 0;
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' if multiline => out.push('\n'),
            '\t' => out.push('\t'),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    if multiline && s.ends_with('"') {
        // `""""` would close early: end the value before the delimiter.
        out.push_str("\\\n");
    }
    out.push_str(if multiline { "\"\"\"" } else { "\"" });
    out
}

/// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(s: &str) -> String {
        let doc = format!("v = {}\n", toml_string(s));
        let t: toml::Table = toml::from_str(&doc).unwrap_or_else(|e| panic!("{doc}: {e}"));
        t["v"].as_str().unwrap().to_string()
    }

    #[test]
    fn toml_strings_read_back_exactly() {
        for s in [
            "",
            "某区司法局",
            "a\"b\\c",
            "第一段\n第二段",
            "line\n\"\"\"three\"\"\"",
            "ends with quote\n\"",
            "ends with two\n\"\"",
            "bell\u{7} and tab\t",
            "multi\nbell\u{7}\r",
        ] {
            assert_eq!(roundtrip(s), s, "{s:?}");
        }
    }

    #[test]
    fn csv_fields_quote_separators_and_line_breaks() {
        assert_eq!(csv_field("abc"), "abc");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("a\"b"), "\"a\"\"b\"");
        assert_eq!(csv_field("a\nb"), "\"a\nb\"");
        assert_eq!(csv_field("a\rb"), "\"a\rb\"");
    }
}
