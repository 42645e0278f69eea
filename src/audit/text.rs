//! Text helpers of the recogniser: labels compared in one normal form,
//! how much of a label a stretch of text covers, tokens with byte ranges
//! (artefacts and page numbers skipped), and prose joined into paragraphs
//! and split at sub-headings.

use std::ops::Range;

/// The largest char boundary of `s` at or before byte `i`: byte offsets
/// from arithmetic (`len - 600`) must never cut a 汉字 in two.
pub(super) fn char_floor(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

pub use crate::model::published::norm;

/// Like `norm`, but also folds the remaining punctuation differences.
pub(super) fn fold(s: &str) -> String {
    norm(s)
        .chars()
        .filter(|c| !matches!(c, '、' | '，' | '。' | '.' | '“' | '”' | '"' | '\'' | '：'))
        .collect()
}

/// How much of `label` appears, in order, in `text` (longest common
/// subsequence / label length): robust to labels split around figures and
/// to stray characters of neighbouring cells.
pub(super) fn coverage(text: &str, label: &str) -> f64 {
    let a: Vec<char> = text.chars().collect();
    let b: Vec<char> = label.chars().collect();
    if b.is_empty() {
        return 0.0;
    }
    let mut prev = vec![0usize; b.len() + 1];
    for x in &a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                prev[j + 1].max(cur[j])
            };
        }
        prev = cur;
    }
    prev[b.len()] as f64 / b.len() as f64
}

pub(super) fn similarity(a: &str, b: &str) -> f64 {
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la.max(lb) == 0 {
        return 1.0;
    }
    1.0 - strsim::levenshtein(a, b) as f64 / la.max(lb) as f64
}

#[derive(Debug, Clone)]
pub(super) struct Token {
    pub(super) text: String,
    pub(super) range: Range<usize>,
    pub(super) number: Option<String>,
    /// `/`, `—`: a blank where a figure belongs.
    pub(super) blank: bool,
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Splits a region into tokens with byte ranges. Word's `[bookmark: _GoBack]`
/// artefacts and page numbers (`-3-`) are skipped. `width` is how many
/// figures a row of the table holds when all its rows hold as many (table
/// 三: 7), else 0: it tells a blank first column of a tab-separated row from
/// the empty cell a merged label leaves (see `tab_empty_cells`).
pub(super) fn tokens(text: &str, region: Range<usize>, width: usize) -> Vec<Token> {
    let mut out = Vec::new();
    let s = &text[region.clone()];
    let mut i = 0;
    let b = s.as_bytes();
    while i < s.len() {
        if s[i..].starts_with("[bookmark:") {
            i += s[i..].find(']').map_or(s.len() - i, |j| j + 1);
            continue;
        }
        let c = s[i..].chars().next().unwrap_or(' ');
        if c.is_whitespace() || c == '\u{c}' {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        while i < s.len() {
            let c = s[i..].chars().next().unwrap_or(' ');
            if c.is_whitespace() || s[i..].starts_with("[bookmark:") {
                break;
            }
            i += c.len_utf8();
        }
        let _ = b;
        // A label whose figures lost their cell separator in the page's text
        // (`一、本年新收政府信息公开申请数量801000081`): the digits after the
        // last 汉字 are a token of their own.
        let whole = &s[start..i];
        let digits = whole.len() - whole.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let head = &whole[..whole.len() - digits];
        if digits > 0
            && head.chars().filter(|c| is_cjk(*c)).count() >= 2
            && head
                .chars()
                .last()
                .is_some_and(|c| is_cjk(c) || "”’）」』".contains(c))
        {
            out.push(Token {
                text: head.to_string(),
                range: region.start + start..region.start + start + head.len(),
                number: None,
                blank: false,
            });
            let from = start + head.len();
            out.push(Token {
                text: s[from..i].to_string(),
                range: region.start + from..region.start + i,
                number: Some(s[from..i].to_string()),
                blank: false,
            });
            continue;
        }
        let t = &s[start..i];
        let number = (t.bytes().all(|x| x.is_ascii_digit() || x == b'.')
            && t.bytes().next().is_some_and(|x| x.is_ascii_digit())
            && t.matches('.').count() <= 1
            && !t.ends_with('.'))
        .then(|| t.to_string());
        let blank = matches!(t, "/" | "／" | "—" | "-" | "——" | "－");
        let page_no = t.len() > 2
            && t.starts_with('-')
            && t.ends_with('-')
            && t[1..t.len() - 1].bytes().all(|x| x.is_ascii_digit());
        // Table rules of plain-text tables (ours: `|`, `+----+`) separate cells.
        let rule = t.contains(['|', '+']) && t.chars().all(|c| matches!(c, '|' | '+' | '-' | '='));
        if page_no || rule {
            continue;
        }
        out.push(Token {
            text: t.to_string(),
            range: region.start + start..region.start + i,
            number,
            blank,
        });
    }
    // Empty cells of a tab-separated row (a table copied from a page):
    // blank tokens in their places, so the next figure keeps its column.
    let empties = tab_empty_cells(text, region, width);
    if !empties.is_empty() {
        out.extend(empties);
        out.sort_by_key(|t| t.range.start);
    }
    // A row label's number spaced off its text (`1 . 属于国家秘密`, as some
    // PDF extractions space every character) is the label's, not a figure.
    let mut merged: Vec<Token> = Vec::with_capacity(out.len());
    for tok in out {
        if let Some(prev) = merged.last_mut()
            && prev.number.is_some()
            && tok.number.is_none()
            && tok.text.starts_with(['.', '．'])
            && !text[prev.range.end..tok.range.start].contains('\n')
        {
            prev.text = format!("{}{}", prev.text, tok.text);
            prev.range = prev.range.start..tok.range.end;
            prev.number = None;
            continue;
        }
        merged.push(tok);
    }
    merged
}

/// What a cell of a tab-separated line holds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CellKind {
    Empty,
    /// Figures or dashes only.
    Figure,
    Text,
}

fn cell_kind(cell: &str) -> CellKind {
    let mut words = cell.split_whitespace().peekable();
    if words.peek().is_none() {
        return CellKind::Empty;
    }
    let figure = |w: &str| {
        matches!(w, "/" | "／" | "—" | "-" | "——" | "－")
            || (w.bytes().all(|x| x.is_ascii_digit() || x == b'.')
                && w.bytes().next().is_some_and(|x| x.is_ascii_digit()))
    };
    if words.all(figure) {
        CellKind::Figure
    } else {
        CellKind::Text
    }
}

/// The empty cells of tab-separated rows in `region`: in a line with tabs,
/// an empty cell between two figures is a blank where a figure belongs
/// (`26\t\t\t\t\t\t26`: 自然人 26, five empty 法人 columns, 总计 26).
/// Empty cells between the label and the first figure are blanks only as
/// far as the row is short of `width` figures without them: a label merged
/// across two columns is copied as the label and an empty cell. Empty cells
/// before the first and after the last are layout (indents, trailing tabs).
fn tab_empty_cells(text: &str, region: Range<usize>, width: usize) -> Vec<Token> {
    let mut out = Vec::new();
    let mut offset = region.start;
    for line in text[region].split_inclusive('\n') {
        let at = offset;
        offset += line.len();
        if line.matches('\t').count() < 2 {
            continue;
        }
        // Cells with where each starts; a cell holding figures and then
        // words (`0  四、……` on a page printed as one line) is split into
        // its figures and its text.
        let mut cells: Vec<(usize, CellKind)> = Vec::new();
        let mut start = at;
        for cell in line.trim_end_matches(['\n', '\r']).split('\t') {
            match cell_kind(cell) {
                CellKind::Text => {
                    let mut text_open = false;
                    for w in cell.split_whitespace() {
                        if cell_kind(w) == CellKind::Figure {
                            cells.push((start, CellKind::Figure));
                            text_open = false;
                        } else if !text_open {
                            cells.push((start, CellKind::Text));
                            text_open = true;
                        }
                    }
                }
                kind => cells.push((start, kind)),
            }
            start += cell.len() + 1;
        }
        // Row by row: a row is its label (text) and the cells up to the
        // next text; figures before any text are a row without a label.
        let mut row_start = 0;
        while row_start < cells.len() {
            let label = (cells[row_start].1 == CellKind::Text).then_some(row_start);
            let body = label.map_or(row_start, |l| l + 1);
            let end = (body..cells.len())
                .find(|&i| cells[i].1 == CellKind::Text)
                .unwrap_or(cells.len());
            row_blanks(&cells[..end], label, body, width, &mut out);
            row_start = end.max(row_start + 1);
        }
    }
    out
}

/// The blank tokens of one row: `cells[body..]` after its `label`.
fn row_blanks(
    cells: &[(usize, CellKind)],
    label: Option<usize>,
    body: usize,
    width: usize,
    out: &mut Vec<Token>,
) {
    let figure = |i: &usize| cells[*i].1 == CellKind::Figure;
    let (Some(first), Some(last)) = (
        (body..cells.len()).find(figure),
        (body..cells.len()).rev().find(figure),
    ) else {
        return;
    };
    let mut blanks: Vec<usize> = (first..last)
        .filter(|&i| cells[i].1 == CellKind::Empty)
        .collect();
    let read = last + 1 - first;
    if label.is_some() && width > read {
        // The empties right before the first figure, as many as the row
        // lacks.
        blanks.extend(
            (body..first)
                .rev()
                .take_while(|&i| cells[i].1 == CellKind::Empty)
                .take(width - read),
        );
    }
    blanks.sort_unstable();
    for i in blanks {
        // At the tab that opens the cell: an empty cell has no text.
        let cell_at = cells[i].0;
        out.push(Token {
            text: String::new(),
            range: cell_at.saturating_sub(1)..cell_at,
            number: None,
            blank: true,
        });
    }
}

/// Joins a section's lines into paragraphs: a line that ends a sentence or
/// starts indented begins a new paragraph; page numbers are dropped.
pub(super) fn prose(text: &str) -> String {
    let mut out = String::new();
    let mut prev_heading = false;
    for line in text.lines() {
        let cleaned = line.trim().replace("[bookmark: _GoBack]", "");
        let l = cleaned.trim().to_string();
        if l.is_empty() || (l.starts_with('-') && l.ends_with('-') && l.len() <= 6) {
            continue;
        }
        let indented =
            line.starts_with(['\u{3000}', ' ', '\t']) && line.trim_start().chars().count() > 0;
        let sub = is_subheading(&l);
        if !out.is_empty() {
            let prev_end = out.trim_end().chars().last().unwrap_or('。');
            if indented
                || sub
                || prev_heading
                || matches!(prev_end, '。' | '！' | '？' | '：' | '；')
            {
                out.push_str("\n\n");
            }
        }
        prev_heading = sub && l.chars().count() <= 30 && !l.ends_with(['。', '；']);
        out.push_str(&l);
    }
    out
}

/// `（一）…`, `(1)…`: a sub-heading inside a section.
pub(super) fn is_subheading(line: &str) -> bool {
    let n = norm(line);
    [
        "（一）",
        "（二）",
        "（三）",
        "（四）",
        "（五）",
        "（1）",
        "（2）",
        "（3）",
        "（4）",
        "（5）",
    ]
    .iter()
    .any(|p| n.starts_with(p))
}

/// Splits a section's prose at sub-headings (（一）…, (1)…, 1.…): heading → text.
pub(super) fn subsections(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let text = split_run_in(text);
    for para in text.split("\n\n") {
        if is_subheading(para) {
            // "（一）主动公开情况。2024年……" — heading up to the first 。 or ：, if short;
            // run in on a flattened page, up to the space after it.
            let mark = para
                .find(['。', '：', ':'])
                .filter(|&i| para[..i].chars().count() <= 24);
            let cut = match (mark, run_in_heading_end(para)) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            match cut {
                Some(i) => {
                    let rest = para[i..]
                        .trim_start_matches(['。', '：', ':'])
                        .trim()
                        .to_string();
                    out.push((para[..i].to_string(), rest));
                }
                None if para.chars().count() <= 24 => out.push((para.to_string(), String::new())),
                None => out.push((String::new(), para.to_string())),
            }
        } else if let Some(last) = out.last_mut() {
            if !last.1.is_empty() {
                last.1.push_str("\n\n");
            }
            last.1.push_str(para);
        } else {
            out.push((String::new(), para.to_string()));
        }
    }
    out
}

/// Subheadings run in after a space, as a page that prints its body as one
/// paragraph has them (`…工作。 （二）本年度存在的问题 …`): a paragraph break
/// before each of `（一）`…`（五）` found in sequence after white space. A
/// marker inside a sentence (`第（一）项`, `；（二）`) is not a heading.
fn split_run_in(text: &str) -> std::borrow::Cow<'_, str> {
    const MARKS: [&str; 5] = ["（一）", "（二）", "（三）", "（四）", "（五）"];
    // (end of the sentence before, start of the marker)
    let mut breaks: Vec<(usize, usize)> = Vec::new();
    let (mut next, mut from) = (0, 0);
    while next < MARKS.len() {
        let Some(off) = text[from..].find(MARKS[next]) else {
            break;
        };
        let at = from + off;
        let before = text[..at].trim_end_matches([' ', '\u{3000}', '\t', '\u{a0}']);
        let line_start = before.is_empty() || before.ends_with('\n');
        if line_start {
            next += 1;
        } else if before.len() < at && run_in_heading_end(&text[at..]).is_some() {
            breaks.push((before.len(), at));
            next += 1;
        }
        from = at + MARKS[0].len();
    }
    if breaks.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + breaks.len() * 2);
    let mut last = 0;
    for (end, mark) in breaks {
        out.push_str(&text[last..end]);
        out.push_str("\n\n");
        last = mark;
    }
    out.push_str(&text[last..]);
    std::borrow::Cow::Owned(out)
}

/// A run-in subheading's end: the first white space after at least four
/// characters of heading (`（一）上年度存在的问题及改进情况 2023年……`), within
/// 24 characters and before any sentence mark.
fn run_in_heading_end(para: &str) -> Option<usize> {
    let body_at = para.find('）')? + '）'.len_utf8();
    let body = &para[body_at..];
    let lead = body.len() - body.trim_start().len();
    for (n, (i, c)) in body[lead..].char_indices().enumerate() {
        if n > 24 || matches!(c, '。' | '，' | '；' | '：' | ':') {
            return None;
        }
        if c.is_whitespace() || c == '\u{a0}' {
            return (n >= 4).then_some(body_at + lead + i);
        }
    }
    None
}

/// Spaces typed between two characters of a label's words (`行 政 许 可`);
/// a space beside punctuation (`(一) 予以公开`, `的, 只计`) is typography.
pub(super) fn spaced_inside(found: &str) -> bool {
    let c: Vec<char> = found.chars().collect();
    (1..c.len()).any(|i| {
        c[i].is_whitespace()
            && c[..i].last().is_some_and(|p| p.is_alphanumeric())
            && c[i..]
                .iter()
                .find(|n| !n.is_whitespace())
                .is_some_and(|n| n.is_alphanumeric())
    })
}

/// A unit appended to a label (`（件）`, `(万元)`): its length in characters
/// of `after`, when the bracket opens right after the label on its line.
pub(super) fn qualifier(after: &[(char, usize)], lines: &[usize], line: usize) -> Option<usize> {
    const UNITS: [&str; 12] = [
        "件",
        "个",
        "项",
        "条",
        "份",
        "宗",
        "次",
        "人",
        "人次",
        "元",
        "万元",
        "单位：件",
    ];
    let (inner, close) = bracketed(after, 8, lines, line)?;
    let inner: String = inner.iter().collect();
    UNITS.contains(&inner.as_str()).then_some(close + 1)
}

/// What a bracket opening `after` holds, and where it closes, when it
/// closes within `limit` characters on `line`.
fn bracketed(
    after: &[(char, usize)],
    limit: usize,
    lines: &[usize],
    line: usize,
) -> Option<(Vec<char>, usize)> {
    if !matches!(after.first()?.0, '（' | '(') {
        return None;
    }
    let close = after
        .iter()
        .take(limit)
        .position(|c| matches!(c.0, '）' | ')'))?;
    (lines[close] == line).then(|| (after[1..close].iter().map(|c| c.0).collect(), close))
}

/// A note in brackets written right after a label on its line (`（历史累计）`,
/// `（含修订）`): its length in characters of `after`. Only words: a numbered
/// bracket (`（一）`) opens the next row's label, and figures are cells.
pub(super) fn bracket_note(after: &[(char, usize)], lines: &[usize], line: usize) -> Option<usize> {
    let (inner, close) = bracketed(after, 10, lines, line)?;
    let numeral = inner.iter().all(|c| "一二三四五六七八九十".contains(*c));
    (inner.len() >= 2 && inner.iter().all(|c| is_cjk(*c)) && !numeral).then_some(close + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subheadings_run_in_after_a_space_are_split() {
        let flat = "（一）上年度存在的问题及改进情况 2023年的问题已改正。 （二）本年度存在的问题 一是不够及时。 （三）改进措施 加强培训。";
        let subs = subsections(flat);
        let heads: Vec<&str> = subs.iter().map(|(h, _)| h.as_str()).collect();
        assert_eq!(
            heads,
            [
                "（一）上年度存在的问题及改进情况",
                "（二）本年度存在的问题",
                "（三）改进措施"
            ],
            "{subs:?}"
        );
        assert_eq!(subs[1].1, "一是不够及时。");
    }

    #[test]
    fn empty_tab_cells_keep_their_columns() {
        let row = "一、本年新收政府信息公开申请数量\t26\t\t\t\t\t\t26\n";
        let toks = tokens(row, 0..row.len(), 7);
        let cells: Vec<String> = toks[1..]
            .iter()
            .map(|t| t.number.clone().unwrap_or_else(|| format!("[{}]", t.text)))
            .collect();
        assert_eq!(cells, ["26", "[]", "[]", "[]", "[]", "[]", "26"]);
        let at = row.find("\t\t").unwrap();
        assert!(toks[2].blank);
        assert_eq!(toks[2].range, at..at + 1);
        // A label merged across two columns leaves an empty cell: not a
        // blank when the row has its seven figures; a blank first column is.
        let merged = "一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0\t\n";
        assert!(tokens(merged, 0..merged.len(), 7).iter().all(|t| !t.blank));
        let first_blank = "一、本年新收政府信息公开申请数量\t\t\t0\t0\t0\t0\t0\t0\n";
        let toks = tokens(first_blank, 0..first_blank.len(), 7);
        assert_eq!(toks.iter().filter(|t| t.blank).count(), 1);
        assert!(toks[1].blank, "{toks:?}");
        // Indents, header rows and trailing tabs are not cells read.
        for layout in [
            "\t\t规章\n",
            "\t自然人\t\t法人或其他组织\t\t总计\n",
            "规章\t0\t0\t0\t\t\n",
            "\t\t\t5\t6\n",
        ] {
            assert!(
                tokens(layout, 0..layout.len(), 7).iter().all(|t| !t.blank),
                "{layout:?}"
            );
        }
    }

    #[test]
    fn markers_inside_sentences_are_not_headings() {
        for text in [
            "依据第二十条第（一）项公开。另有第（二）项的内容。",
            "主要做法：（一）完善制度；（二）加强培训。",
            "主要做法： （一）完善制度，健全机制；（二）加强培训。",
        ] {
            assert_eq!(split_run_in(text), text);
        }
    }

    proptest::proptest! {
        /// Any text: no panic, and splitting run-in subheadings only adds
        /// paragraph breaks (every other character kept, in order).
        #[test]
        fn run_in_split_keeps_the_text(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "（一）", "（二）", "（三）", "（四）", "（五）", " ", "\u{3000}", "\n",
                "。", "；", "：", "第", "项", "上年度存在的问题", "改进措施", "2023年", "）", "（",
            ]),
            0..40,
        )) {
            let text: String = parts.concat();
            let split = split_run_in(&text);
            let keep = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            proptest::prop_assert_eq!(keep(&split), keep(&text));
            let _ = subsections(&text);
        }
    }
}
