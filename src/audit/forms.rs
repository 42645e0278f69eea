//! The text forms a site gives a report in, read as its plain text:
//! Markdown (`## 一、总体情况`, `| … |` tables, `**bold**`, as converters and
//! some CMS exports give it) becomes the plain text it stands for. Every
//! change keeps the byte length, so spans into the result are spans into
//! the text as given (findings point at the right line and column).
//!
//! Tab-separated tables need no rewriting: `text::tokens` reads an empty
//! cell between two tabs as an empty cell.

/// The text with its Markdown markup blanked out (same length): heading
/// marks, table pipes (made cell separators, `\t`), table rules, `**`/`__`
/// emphasis and backslash escapes.
pub(super) fn plain(text: &str) -> std::borrow::Cow<'_, str> {
    if !markdown(text) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let eol = &line[body.len()..];
        let lead = body.len() - body.trim_start_matches([' ', '\t']).len();
        let rest = &body[lead..];
        if table_rule(rest) {
            out.push_str(&" ".repeat(body.len()));
        } else if rest.starts_with('|') {
            out.push_str(&body[..lead]);
            out.push_str(&inline(rest).replace('|', "\t"));
        } else if let Some(n) = heading_marks(rest) {
            out.push_str(&body[..lead]);
            out.push_str(&" ".repeat(n));
            out.push_str(&inline(&rest[n..]));
        } else {
            out.push_str(&body[..lead]);
            out.push_str(&inline(rest));
        }
        out.push_str(eol);
    }
    debug_assert_eq!(out.len(), text.len());
    std::borrow::Cow::Owned(out)
}

/// Whether the text looks like Markdown: a `#` heading of a numbered part,
/// or a table with its rule line (`|---|---|`). Plain reports are left as
/// they are, so nothing else in them is touched.
fn markdown(text: &str) -> bool {
    text.lines().any(|l| {
        let t = l.trim_start();
        table_rule(t)
            || heading_marks(t).is_some_and(|n| {
                t[n..]
                    .trim_start()
                    .starts_with(['一', '二', '三', '四', '五', '六', '（', '('])
            })
    })
}

/// `#`…`######` and a space at the start of a line: their length in bytes.
fn heading_marks(line: &str) -> Option<usize> {
    let hashes = line.len() - line.trim_start_matches('#').len();
    ((1..=6).contains(&hashes) && line[hashes..].starts_with([' ', '\t'])).then_some(hashes)
}

/// A table's rule line: `|---|:---:|`, `---|---` (pipes, dashes, colons).
fn table_rule(line: &str) -> bool {
    let t = line.trim();
    t.contains('|')
        && t.contains("---")
        && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// Emphasis marks (`**`, `__`) blanked; a backslash escape (`1\.`) gives its
/// character, the space after it.
fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '*' | '_' if chars.peek() == Some(&c) => {
                chars.next();
                out.push_str("  ");
            }
            '\\' if chars.peek().is_some_and(|n| n.is_ascii_punctuation()) => {
                if let Some(n) = chars.next() {
                    out.push(n);
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_reads_as_plain_text_of_the_same_length() {
        let md = "# 某局2024年政府信息公开工作年度报告\n\n## 一、总体情况\n\n**（一）主动公开**\n\n| 信息内容 | 本年制发件数 |\n|---|---:|\n| 规章 | 0 |\n| 1\\.属于国家秘密 |  |\n";
        let p = plain(md);
        assert_eq!(p.len(), md.len());
        let lines: Vec<&str> = p.lines().map(str::trim).collect();
        assert!(lines.contains(&"一、总体情况"), "{p}");
        assert!(lines.contains(&"（一）主动公开"), "{p}");
        assert!(p.contains("\t 规章 \t 0 \t"), "{p}");
        assert!(p.contains("1. 属于国家秘密"), "{p}");
        assert!(!p.contains("---"), "{p}");
    }

    #[test]
    fn plain_text_is_left_alone() {
        for t in [
            "一、总体情况\n（一）主动公开。共公开信息20条。\n",
            "#1 不是标题\n文件〔2021〕30号 *注\n",
            "+------+----+\n| 规章 | 0  |\n+------+----+\n",
        ] {
            assert!(matches!(plain(t), std::borrow::Cow::Borrowed(_)), "{t}");
        }
    }

    proptest::proptest! {
        /// Any text: no panic and the same length.
        #[test]
        fn same_length(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "## ", "# ", "一、总体情况", "|", "---", ":", "**", "__", "\\", ".", "\n", " ", "\t", "规章", "0", "（", "*",
            ]),
            0..40,
        )) {
            let text: String = parts.concat();
            proptest::prop_assert_eq!(plain(&text).len(), text.len());
        }
    }
}
