//! The text forms a site gives a report in, read as its plain text:
//! Markdown (`## 一、总体情况`, `| … |` tables, `**bold**`, as converters and
//! some CMS exports give it) becomes the plain text it stands for. Every
//! change keeps the byte length, so spans into the result are spans into
//! the text as given (findings point at the right line and column).
//!
//! Tab-separated tables need no rewriting: `text::tokens` reads an empty
//! cell between two tabs as an empty cell. So a pipe table's pipes become
//! tabs, in every form a pipe table comes in — `| 26 | | 26 |`,
//! `|26|||26|`, rows without their outer pipes (`26 |  | 26`), with or
//! without the rule line — and an empty cell is the same empty cell as in
//! a tab-separated row. Pages held one cell a line (`26 |`, an empty cell a
//! lone `|`, each row opened by a lone `|`) have their lines joined too, so
//! that a row's cells stand in one line as in a tab-separated row. Our own
//! text tables (`+----+` borders, cells over several lines) are left as
//! they are.

/// The text with its Markdown markup blanked out (same length): heading
/// marks, table pipes (made cell separators, `\t`), table rules, `**`/`__`
/// emphasis and backslash escapes. Outside Markdown only the pipes of pipe
/// tables (see the module's documentation).
pub(super) fn plain(text: &str) -> std::borrow::Cow<'_, str> {
    let md = markdown(text);
    if !md && (!text.contains('|') || grid(text)) {
        return std::borrow::Cow::Borrowed(text);
    }
    let joined = one_cell_lines(text);
    let mut out = String::with_capacity(text.len());
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let body = line.trim_end_matches(['\n', '\r']);
        let eol = &line[body.len()..];
        let lead = body.len() - body.trim_start_matches([' ', '\t']).len();
        let rest = &body[lead..];
        if md && table_rule(rest) {
            out.push_str(&" ".repeat(body.len()));
        } else if rest.contains('|') {
            out.push_str(&body[..lead]);
            let rest = if md { inline(rest) } else { rest.to_string() };
            out.push_str(&rest.replace('|', "\t"));
        } else if let Some(n) = heading_marks(rest).filter(|_| md) {
            out.push_str(&body[..lead]);
            out.push_str(&" ".repeat(n));
            out.push_str(&inline(&rest[n..]));
        } else if md {
            out.push_str(&body[..lead]);
            out.push_str(&inline(rest));
        } else {
            out.push_str(body);
        }
        if joined.contains(&n) {
            // The next line holds the next cell of the same table.
            out.push_str(&" ".repeat(eol.len()));
        } else {
            out.push_str(eol);
        }
    }
    debug_assert_eq!(out.len(), text.len());
    std::borrow::Cow::Owned(out)
}

/// Whether the text holds a text table drawn with borders (`+----+----+`),
/// as ours are: its pipes draw the grid and its cells may run over lines.
fn grid(text: &str) -> bool {
    text.lines().any(|l| {
        let t = l.trim();
        t.starts_with("+-") && t.chars().all(|c| matches!(c, '+' | '-' | '='))
    })
}

/// The lines (by number) of a table held one cell a line whose line break
/// is inside the table: runs of at least three lines each a cell ending in
/// a pipe (`26 |`, `第二十条第(一)项 | |||`) or pipes alone (`|`, `|||`),
/// with at least one lone pipe. The last line of a run keeps its break.
fn one_cell_lines(text: &str) -> std::collections::HashSet<usize> {
    let kind = |l: &str| {
        let t = l.trim();
        if !t.is_empty() && t.chars().all(|c| c == '|') {
            Some(true)
        } else {
            (t.ends_with('|') && !t.starts_with('|')).then_some(false)
        }
    };
    let mut out = std::collections::HashSet::new();
    let lines: Vec<&str> = text.split('\n').collect();
    let mut i = 0;
    while i < lines.len() {
        let start = i;
        let mut lone = false;
        while let Some(k) = lines.get(i).and_then(|l| kind(l)) {
            lone |= k;
            i += 1;
        }
        if i - start >= 3 && lone {
            out.extend(start..i - 1);
        }
        i = i.max(start + 1);
    }
    out
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

    /// Rows without their outer pipes (`26 |  | 26`, as html2text gives
    /// them) lost their empty cells: the pipes were left for `tokens` to
    /// skip. Each empty cell is now an empty cell between two tabs.
    #[test]
    fn rows_without_outer_pipes_keep_their_empty_cells() {
        let md = "## 三、收到和处理政府信息公开申请情况\n\n申请人情况 | 自然人 | 商业企业 | 总计\n---|---|---|---\n一、本年新收 | 26 |  | 26\n二、上年结转|0||0\n";
        let p = plain(md);
        assert_eq!(p.len(), md.len());
        assert!(p.contains("一、本年新收 \t 26 \t  \t 26\n"), "{p:?}");
        assert!(p.contains("二、上年结转\t0\t\t0\n"), "{p:?}");
    }

    /// A pipe table without its rule line in a text without `#` headings
    /// was not Markdown, so `|26||||||26|` was one word and `| 26 | | 26 |`
    /// lost its empty cell. Pipe tables are read in any text but ours
    /// (bordered by `+----+`).
    #[test]
    fn pipe_rows_without_a_rule_line_are_read() {
        let t = "三、收到和处理政府信息公开申请情况\n|一、本年新收|26||||||26|\n| 二、上年结转 | 0 | | 0 |\n";
        let p = plain(t);
        assert_eq!(p.len(), t.len());
        assert!(p.contains("\t一、本年新收\t26\t\t\t\t\t\t26\t\n"), "{p:?}");
        assert!(p.contains("\t 二、上年结转 \t 0 \t \t 0 \t\n"), "{p:?}");
        assert!(
            p.starts_with("三、收到和处理政府信息公开申请情况\n"),
            "{p:?}"
        );
    }

    /// Pages held one cell a line (汉阳区人民政府办公室 2022,
    /// tests/fixtures/forms/README.md: `0 |`, an empty cell a lone `|`, each
    /// row opened by one) lost their empty cells, each on a line of its
    /// own. The lines of such a table are joined, so that its rows read as
    /// tab-separated rows; the heading after it keeps its line.
    #[test]
    fn one_cell_a_line_keeps_its_empty_cells() {
        let t = "二、主动公开政府信息情况\n|\n信息内容 |\n本年制发件数 |\n|\n规章 |\n0 |\n|\n0 |\n|\n行政规范性文件 |\n5 |\n12 |\n8 |\n三、收到和处理政府信息公开申请情况\n";
        let p = plain(t);
        assert_eq!(p.len(), t.len());
        let lines: Vec<&str> = p.lines().collect();
        assert_eq!(lines.len(), 3, "{p:?}");
        assert_eq!(lines[2], "三、收到和处理政府信息公开申请情况");
        assert!(
            lines[1].contains("规章 \t 0 \t \t 0 \t \t 行政规范性文件"),
            "{p:?}"
        );
        // One cell a line with no lone pipe is not such a table.
        let prose = "注：\n数据来源 |\n统计口径 |\n";
        assert_eq!(plain(prose).lines().count(), 3);
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
