//! Recognising a published report's structure and figures from its text.

use std::ops::Range;

use crate::model::diagnostic::Diagnostic;
use crate::model::spans::SpanMap;
use crate::model::*;
use crate::rules::{gr1003_label_altered, gr1004_label_punctuation};

/// What was read from a published text.
#[derive(Debug, Clone, Default)]
pub struct Recognised {
    pub report: Report,
    pub spans: SpanMap,
    /// Findings of the recognition itself (GR10xx).
    pub findings: Vec<Diagnostic>,
    /// Which tables had figures.
    pub tables_found: [bool; 3],
    /// What could not be read, for `import` to mention.
    pub unread: Vec<String>,
}

const SECTIONS: [(&str, &str); 6] = [
    ("一、总体情况", "总体情况"),
    ("二、主动公开政府信息情况", "主动公开政府信息情况"),
    (
        "三、收到和处理政府信息公开申请情况",
        "收到和处理政府信息公开",
    ),
    ("四、政府信息公开行政复议、行政诉讼情况", "行政复议"),
    ("五、存在的主要问题及改进情况", "存在的主要问题"),
    ("六、其他需要报告的事项", "其他需要报告的事项"),
];
const NUMERALS: [&str; 6] = ["一", "二", "三", "四", "五", "六"];

/// Full-width parentheses, no white space: the form labels are compared in.
pub fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            ',' => '，',
            ':' => '：',
            ';' => '；',
            '．' => '.',
            c => c,
        })
        .collect()
}

/// Like `norm`, but also folds the remaining punctuation differences.
fn fold(s: &str) -> String {
    norm(s)
        .chars()
        .filter(|c| !matches!(c, '、' | '，' | '。' | '.' | '“' | '”' | '"' | '\'' | '：'))
        .collect()
}

/// How much of `label` appears, in order, in `text` (longest common
/// subsequence / label length): robust to labels split around figures and
/// to stray characters of neighbouring cells.
fn coverage(text: &str, label: &str) -> f64 {
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

fn similarity(a: &str, b: &str) -> f64 {
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la.max(lb) == 0 {
        return 1.0;
    }
    1.0 - strsim::levenshtein(a, b) as f64 / la.max(lb) as f64
}

#[derive(Debug, Clone)]
struct Token {
    text: String,
    range: Range<usize>,
    number: Option<String>,
    /// `/`, `—`: a blank where a figure belongs.
    blank: bool,
}

/// Splits a region into tokens with byte ranges. Word's `[bookmark: _GoBack]`
/// artefacts and page numbers (`-3-`) are skipped.
fn tokens(text: &str, region: Range<usize>) -> Vec<Token> {
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
    out
}

/// A heading line: which of the six sections, where, as written.
#[derive(Debug, Clone)]
struct Heading {
    section: usize,
    range: Range<usize>,
    text: String,
}

fn find_headings(text: &str) -> Vec<Heading> {
    let mut out: Vec<Heading> = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let range = offset..offset + line.trim_end().len();
        offset += line.len();
        let n = norm(line);
        if n.chars().count() > 40 {
            continue;
        }
        for (i, (canon, key)) in SECTIONS.iter().enumerate() {
            let numbered = n.starts_with(&format!("{}、", NUMERALS[i]))
                || n.starts_with(&format!("{}、", i + 1))
                || n.starts_with(&format!("{}.", i + 1));
            let key_ok = n.contains(key) || (i == 2 && n.contains("收到和处理政府信息公开"));
            // 四's rows (四、结转下年度继续办理) and 三's (三、本年度办理结果) are not headings.
            if numbered && key_ok && !n.contains("结转下年度") && !n.contains("本年度办理结果")
            {
                if out.iter().any(|h| h.section == i) {
                    continue;
                }
                let _ = canon;
                out.push(Heading {
                    section: i,
                    range: range.clone(),
                    text: line.trim().to_string(),
                });
            }
        }
    }
    out
}

/// Canonical labels of each table (checked for alterations).
fn table_labels(t: usize) -> Vec<String> {
    let mut v: Vec<String> = match t {
        0 => T2_LABELS.iter().map(|s| s.to_string()).collect(),
        1 => {
            let mut v: Vec<String> = vec![
                "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）".into(),
                "申请人情况".into(),
                "三、本年度办理结果".into(),
                "（三）不予公开".into(),
                "（四）无法提供".into(),
                "（五）不予处理".into(),
                "（六）其他处理".into(),
                T3_OUTCOME_TOTAL_LABEL.into(),
            ];
            v.extend(T3_ROWS.iter().map(|r| r.label.to_string()));
            v
        }
        _ => vec!["未经复议直接起诉".into(), "复议后起诉".into()],
    };
    v.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    v
}

struct Reader {
    rec: Recognised,
}

impl Reader {
    fn push(&mut self, d: Diagnostic) {
        self.rec.findings.push(d);
    }

    /// Labels altered from the format, found anywhere in a table's text.
    fn check_labels(&mut self, text: &str, t: usize, toks: &[Token]) {
        // The region's text without white space, with a byte offset per char.
        let mut chars: Vec<(char, usize)> = Vec::new();
        for tok in toks.iter().filter(|t| t.number.is_none()) {
            for (i, c) in tok.text.char_indices() {
                let c = norm(&c.to_string()).chars().next().unwrap_or(c);
                chars.push((c, tok.range.start + i));
            }
        }
        // A near match must lie on one line: across lines, pdftotext -layout
        // interleaves neighbouring cells (vertical 三、本年度办理结果, …).
        let line_of = |off: usize| text[..off].matches('\n').count();
        let s: String = chars.iter().map(|c| c.0).collect();
        let mut taken = vec![false; chars.len()];
        for label in table_labels(t) {
            let l: Vec<char> = label.chars().collect();
            if let Some(pos) = s.find(&label) {
                let start = s[..pos].chars().count();
                for k in start..start + l.len() {
                    taken[k] = true;
                }
                continue;
            }
            // Best near match among windows of similar length not already taken.
            // Short labels (3.其他) are only checked exactly: any near match
            // of two or three characters is noise.
            if l.len() <= 4 {
                continue;
            }
            let mut best: Option<(f64, usize, usize)> = None;
            let shortest = ((l.len() as f64) * 0.7).floor().max(2.0) as usize;
            for len in shortest..=l.len() + 2 {
                for start in 0..chars.len().saturating_sub(len - 1) {
                    if taken[start..start + len].iter().any(|t| *t) {
                        continue;
                    }
                    if line_of(chars[start].1) != line_of(chars[start + len - 1].1) {
                        continue;
                    }
                    let w: String = chars[start..start + len].iter().map(|c| c.0).collect();
                    let sim =
                        similarity(&w, &label) + if chars[start].0 == l[0] { 0.01 } else { 0.0 };
                    if best.is_none_or(|b| sim > b.0) {
                        best = Some((sim, start, len));
                    }
                }
            }
            let Some((sim, start, len)) = best else {
                continue;
            };
            if sim < 0.71 {
                continue; // not there, or interleaved beyond recognition: say nothing
            }
            // A label wrapped inside its cell, its last characters on a later
            // line, is whole when read on a little further: not altered.
            let ahead: String = chars[start..(start + len + 12).min(chars.len())]
                .iter()
                .map(|c| c.0)
                .collect();
            if coverage(&ahead, &label) >= 1.0 {
                continue;
            }
            for k in start..start + len {
                taken[k] = true;
            }
            let found: String = chars[start..start + len].iter().map(|c| c.0).collect();
            let span =
                chars[start].1..chars[start + len - 1].1 + chars[start + len - 1].0.len_utf8();
            let (rule, what) = if fold(&found) == fold(&label) {
                (&gr1004_label_punctuation::RULE, "标点或全半角")
            } else {
                (&gr1003_label_altered::RULE, "文字")
            };
            let mut d = Diagnostic::new(
                rule,
                format!("表格标签“{found}”与规定格式“{label}”{what}不同"),
            )
            .at(Some(span))
            .help(format!("按国办公开办函〔2021〕30号的格式改为“{label}”"));
            d.expected = Some(label.clone());
            d.found = Some(found);
            d.cell = Some(crate::model::diagnostic::Cell {
                table: (t + 2) as u8,
                row: label.clone(),
                column: String::new(),
            });
            self.push(d);
        }
    }

    /// Reads the figures of table 三 row by row.
    fn table3(&mut self, toks: &[Token]) {
        let labels: Vec<(String, Option<usize>)> = T3_ROWS[..23]
            .iter()
            .enumerate()
            .map(|(i, r)| (r.label.to_string(), Some(i)))
            .chain([(T3_OUTCOME_TOTAL_LABEL.to_string(), None)])
            .chain([(T3_ROWS[23].label.to_string(), Some(23))])
            .collect();
        let groups = [
            "三、本年度办理结果",
            "（三）不予公开",
            "（四）无法提供",
            "（五）不予处理",
        ];
        let mut next = 0; // index into labels expected next
        let mut pending = String::new();
        let mut i = 0;
        while i < toks.len() {
            let t = &toks[i];
            if t.number.is_none() && !t.blank {
                pending.push_str(&norm(&t.text));
                i += 1;
                continue;
            }
            if pending.is_empty() || next >= labels.len() {
                i += 1;
                continue;
            }
            let mut p = pending.clone();
            for g in groups {
                p = p.replace(g, "");
            }
            // Which row do these figures belong to? The next expected one, or
            // one a little further on when rows were skipped.
            let mut matched: Option<usize> = None;
            // (score, where the label ends in the pending text): a label found
            // whole beats a partial one; among whole ones the one nearest the
            // figures wins (the text before may end the previous row's label).
            let mut best = (0.0f64, 0usize);
            let fp = fold(&p);
            for k in next..(next + 4).min(labels.len()) {
                let l = fold(&labels[k].0);
                let (score, end) = if let Some(pos) = fp.rfind(&l) {
                    (1.0, pos + l.len())
                } else if l.chars().count() < 8 {
                    // Short labels (3.其他, （七）总计) only whole: their characters
                    // turn up scattered in any header text.
                    (0.0, 0)
                } else {
                    (coverage(&fp, &l), 0)
                };
                // A long label wrapped around its figures may show half of itself first.
                let threshold = if l.chars().count() >= 12 { 0.5 } else { 0.6 };
                if score >= threshold && (score, end) > best {
                    best = (score, end);
                    matched = Some(k);
                }
            }
            // The old single-row （六）其他处理.
            let old_six = matched.is_none() && p.contains("（六）其他处理");
            let k = match (matched, old_six) {
                (Some(k), _) => k,
                (None, true) => {
                    let mut d = Diagnostic::new(&crate::rules::gr1005_old_format::RULE, "“（六）其他处理”只有一行：这是 2019 年的旧格式")
                        .at(Some(t.range.clone()))
                        .help("2021 年起的格式把（六）分为三行：1.申请人无正当理由逾期不补正…、2.申请人逾期未按收费通知要求缴纳费用…、3.其他");
                    d.cell = Some(crate::model::diagnostic::Cell {
                        table: 3,
                        row: "（六）其他处理".into(),
                        column: String::new(),
                    });
                    self.push(d);
                    // Its figures count as 3.其他 so totals still add up.
                    labels.iter().position(|l| l.0 == "3.其他").unwrap_or(next)
                }
                (None, false) => {
                    i += 1;
                    continue;
                }
            };
            // Take the row's 7 figures.
            let mut vals: Vec<(u64, Range<usize>)> = Vec::new();
            let mut j = i;
            while j < toks.len() && vals.len() < 7 {
                let tk = &toks[j];
                if let Some(n) = &tk.number {
                    vals.push((
                        n.parse::<f64>().map(|v| v as u64).unwrap_or(0),
                        tk.range.clone(),
                    ));
                } else if tk.blank {
                    let mut d = Diagnostic::new(
                        &crate::rules::gr1006_blank_cell::RULE,
                        format!("“{}”一行有空白或“{}”，应填数字", labels[k].0, tk.text),
                    )
                    .at(Some(tk.range.clone()))
                    .help("没有就填 0");
                    d.cell = Some(crate::model::diagnostic::Cell {
                        table: 3,
                        row: labels[k].0.clone(),
                        column: T3_COLUMNS[vals.len()].into(),
                    });
                    self.push(d);
                    vals.push((0, tk.range.clone()));
                } else {
                    break;
                }
                j += 1;
            }
            if vals.len() < 7 {
                let at = vals.last().map(|v| v.1.clone()).unwrap_or(t.range.clone());
                let mut d = Diagnostic::new(
                    &crate::rules::gr1006_blank_cell::RULE,
                    format!(
                        "“{}”一行只读到 {} 个数字，应为 7 个",
                        labels[k].0,
                        vals.len()
                    ),
                )
                .at(Some(at))
                .help("补全空白的格子，没有就填 0");
                d.cell = Some(crate::model::diagnostic::Cell {
                    table: 3,
                    row: labels[k].0.clone(),
                    column: String::new(),
                });
                self.push(d);
                while vals.len() < 7 {
                    let r = vals.last().map(|v| v.1.clone()).unwrap_or(t.range.clone());
                    vals.push((0, r));
                }
            }
            let path = match labels[k].1 {
                Some(row) => T3_ROWS[row].path.to_string(),
                None => T3_OUTCOME_TOTAL_PATH.to_string(),
            };
            self.rec
                .spans
                .insert_value(&path, vals[0].1.start..vals[6].1.end);
            for (c, (_, r)) in vals.iter().enumerate() {
                self.rec
                    .spans
                    .insert_value(&format!("{path}[{c}]"), r.clone());
            }
            let mut cells = [0u64; 6];
            for c in 0..6 {
                cells[c] = vals[c].0;
            }
            match labels[k].1 {
                Some(row) => {
                    let r = &mut self.rec.report.requests.rows[row];
                    // An old single （六） row lands on 3.其他: add, do not overwrite.
                    for c in 0..6 {
                        r.cells[c] += cells[c];
                    }
                    r.stated_total = Some(r.stated_total.unwrap_or(0) + vals[6].0);
                }
                None => {
                    let mut t7 = [0u64; 7];
                    for c in 0..7 {
                        t7[c] = vals[c].0;
                    }
                    self.rec.report.requests.stated_outcome_total = Some(t7);
                }
            }
            self.rec.tables_found[1] = true;
            pending.clear();
            next = k + 1;
            i = j;
        }
    }

    /// Table 二: 规章 and 行政规范性文件 (3 figures), then four single figures.
    fn table2(&mut self, toks: &[Token]) {
        let rows: [(&str, &str, usize); 6] = [
            ("规章", "proactive.regulations", 3),
            ("行政规范性文件", "proactive.normative_documents", 3),
            ("行政许可", "proactive.licensing", 1),
            ("行政处罚", "proactive.penalties", 1),
            ("行政强制", "proactive.coercive_measures", 1),
            ("行政事业性收费", "proactive.fees", 1),
        ];
        let mut pending = String::new();
        let mut next = 0;
        let mut i = 0;
        while i < toks.len() && next < rows.len() {
            let t = &toks[i];
            if t.number.is_none() && !t.blank {
                pending.push_str(&norm(&t.text));
                i += 1;
                continue;
            }
            let (label, path, n) = rows[next];
            // 规章 is also inside 行政规范性文件's neighbours' words; match the end.
            let hit = pending.ends_with(label)
                || (label == "行政规范性文件" && pending.ends_with("规范性文件"));
            if !hit {
                i += 1;
                continue;
            }
            let mut vals: Vec<(String, Range<usize>)> = Vec::new();
            let mut j = i;
            while j < toks.len() && vals.len() < n {
                let tk = &toks[j];
                if let Some(v) = &tk.number {
                    vals.push((v.clone(), tk.range.clone()));
                } else if tk.blank {
                    let mut d = Diagnostic::new(
                        &crate::rules::gr1006_blank_cell::RULE,
                        format!("“{label}”一栏是“{}”，应填数字", tk.text),
                    )
                    .at(Some(tk.range.clone()))
                    .help("没有就填 0");
                    d.cell = Some(crate::model::diagnostic::Cell {
                        table: 2,
                        row: label.into(),
                        column: String::new(),
                    });
                    self.push(d);
                    vals.push(("0".into(), tk.range.clone()));
                } else {
                    break;
                }
                j += 1;
            }
            while vals.len() < n {
                let r = vals.last().map(|v| v.1.clone()).unwrap_or(t.range.clone());
                let mut d = Diagnostic::new(
                    &crate::rules::gr1006_blank_cell::RULE,
                    format!("“{label}”一栏是空白，应填数字"),
                )
                .at(Some(r.clone()))
                .help("没有就填 0");
                d.cell = Some(crate::model::diagnostic::Cell {
                    table: 2,
                    row: label.into(),
                    column: String::new(),
                });
                self.push(d);
                vals.push(("0".into(), r));
            }
            let count = |k: usize| vals[k].0.parse::<f64>().map(|v| v as u64).unwrap_or(0);
            let p = &mut self.rec.report.proactive;
            match next {
                0 | 1 => {
                    let d = Documents {
                        issued: count(0),
                        repealed: count(1),
                        in_force: count(2),
                    };
                    if next == 0 {
                        p.regulations = d
                    } else {
                        p.normative_documents = d
                    }
                    for (k, key) in ["issued", "repealed", "in_force"].iter().enumerate() {
                        self.rec
                            .spans
                            .insert_value(&format!("{path}.{key}"), vals[k].1.clone());
                    }
                }
                2 => p.licensing = count(0),
                3 => p.penalties = count(0),
                4 => p.coercive_measures = count(0),
                _ => {
                    let text = vals[0].0.clone();
                    p.fees = Money {
                        value: text.parse().unwrap_or_default(),
                        text,
                    };
                }
            }
            self.rec
                .spans
                .insert_value(path, vals[0].1.start..vals[n - 1].1.end);
            self.rec.tables_found[0] = true;
            pending.clear();
            next += 1;
            i = j;
        }
    }

    /// Table 四: fifteen figures after the header.
    fn table4(&mut self, toks: &[Token]) {
        let nums: Vec<&Token> = toks
            .iter()
            .filter(|t| t.number.is_some() || t.blank)
            .collect();
        if nums.len() < 15 {
            if !nums.is_empty() {
                let d = Diagnostic::new(
                    &crate::rules::gr1006_blank_cell::RULE,
                    format!("表四只读到 {} 个数字，应为 15 个", nums.len()),
                )
                .at(Some(nums[0].range.clone()))
                .help("补全空白的格子，没有就填 0");
                self.push(d);
            }
            return;
        }
        for (g, (path, label)) in T4_ROWS.iter().enumerate() {
            let vals = &nums[g * 5..g * 5 + 5];
            let v = |k: usize| {
                vals[k]
                    .number
                    .as_deref()
                    .and_then(|n| n.parse::<f64>().ok())
                    .map(|x| x as u64)
                    .unwrap_or(0)
            };
            for k in 0..5 {
                if vals[k].blank {
                    let mut d = Diagnostic::new(
                        &crate::rules::gr1006_blank_cell::RULE,
                        format!(
                            "{label}的{}一格是“{}”，应填数字",
                            T4_COLUMNS[k], vals[k].text
                        ),
                    )
                    .at(Some(vals[k].range.clone()))
                    .help("没有就填 0");
                    d.cell = Some(crate::model::diagnostic::Cell {
                        table: 4,
                        row: (*label).into(),
                        column: T4_COLUMNS[k].into(),
                    });
                    self.push(d);
                }
                self.rec
                    .spans
                    .insert_value(&format!("{path}[{k}]"), vals[k].range.clone());
            }
            self.rec
                .spans
                .insert_value(path, vals[0].range.start..vals[4].range.end);
            self.rec.report.reviews.rows[g] = Row {
                cells: [v(0), v(1), v(2), v(3)],
                stated_total: Some(v(4)),
            };
        }
        self.rec.tables_found[2] = true;
    }
}

/// Joins a section's lines into paragraphs: a line that ends a sentence or
/// starts indented begins a new paragraph; page numbers are dropped.
fn prose(text: &str) -> String {
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
fn is_subheading(line: &str) -> bool {
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
fn subsections(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for para in text.split("\n\n") {
        if is_subheading(para) {
            // "（一）主动公开情况。2024年……" — heading up to the first 。 or ：, if short.
            let cut = para
                .find(['。', '：', ':'])
                .filter(|&i| para[..i].chars().count() <= 24);
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

pub fn recognise(text: &str) -> Recognised {
    let mut r = Reader {
        rec: Recognised::default(),
    };
    let headings = find_headings(text);
    // Title, year, agency: the first lines, up to 年度报告.
    let head_end = headings
        .first()
        .map_or(text.len().min(600), |h| h.range.start);
    let head = &text[..head_end];
    let compact = norm(head);
    match compact.find("年政府信息公开工作年度报告") {
        Some(i)
            if i >= 4
                && compact[..i]
                    .chars()
                    .rev()
                    .take(4)
                    .all(|c| c.is_ascii_digit()) =>
        {
            let before = &compact[..i];
            let year: String = before
                .chars()
                .rev()
                .take(4)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            r.rec.report.agency.year = year.parse().unwrap_or(0);
            r.rec.report.agency.name = before[..before.len() - 4].to_string();
            let line_end = head.find('\n').unwrap_or(head.len());
            r.rec.spans.insert_value("agency.year", 0..line_end);
        }
        _ => {
            let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            let start = text.find(first).unwrap_or(0);
            r.push(
                Diagnostic::new(&crate::rules::gr1008_title_or_cutoff::RULE, "标题中没有“××××年政府信息公开工作年度报告”")
                    .at(Some(start..start + first.len()))
                    .help("标题应为“机关名称＋年度＋年政府信息公开工作年度报告”，如“重庆市綦江区司法局2024年政府信息公开工作年度报告”"),
            );
        }
    }
    r.rec.report.schema = SCHEMA_VERSION;
    r.rec.spans.insert_value("", 0..text.len());
    // Sections: present, in order, worded as the format.
    let mut last = None;
    for (i, (canon, _)) in SECTIONS.iter().enumerate() {
        match headings.iter().find(|h| h.section == i) {
            None => r.push(
                Diagnostic::new(
                    &crate::rules::gr1001_section_missing::RULE,
                    format!("缺少第{}部分“{canon}”", NUMERALS[i]),
                )
                .at(Some(text.trim_end().len()..text.trim_end().len()))
                .help("年度报告须包括规定的六个部分，不能遗漏"),
            ),
            Some(h) => {
                if last.is_some_and(|l| h.range.start < l) {
                    r.push(
                        Diagnostic::new(
                            &crate::rules::gr1001_section_missing::RULE,
                            format!("第{}部分“{}”的位置不对", NUMERALS[i], h.text),
                        )
                        .at(Some(h.range.clone()))
                        .help("六个部分应按一、二、三、四、五、六的顺序排列"),
                    );
                }
                last = Some(h.range.start);
                if norm(&h.text) != *canon {
                    let mut d = Diagnostic::new(
                        &crate::rules::gr1002_heading_wording::RULE,
                        format!("标题“{}”与规定的“{canon}”不同", h.text.trim()),
                    )
                    .at(Some(h.range.clone()))
                    .help(format!("改为“{canon}”"));
                    d.expected = Some((*canon).into());
                    d.found = Some(h.text.trim().into());
                    r.push(d);
                }
            }
        }
    }
    let pos = |s: usize| {
        headings
            .iter()
            .find(|h| h.section == s)
            .map(|h| h.range.end)
    };
    let start_of = |s: usize| {
        headings
            .iter()
            .find(|h| h.section == s)
            .map(|h| h.range.start)
    };
    let region = |s: usize| -> Option<Range<usize>> {
        let a = pos(s)?;
        let b = ((s + 1)..6)
            .find_map(start_of)
            .filter(|b| *b > a)
            .unwrap_or(text.len());
        Some(a..b)
    };
    // Old-format markers anywhere.
    let all = norm(text);
    for marker in [
        "本年新制作数量",
        "上一年项目数量",
        "第二十条第（九）项",
        "收费及减免",
    ] {
        if let Some(i) = text.find(marker).or_else(|| all.find(marker).map(|_| 0)) {
            let mut d = Diagnostic::new(
                &crate::rules::gr1005_old_format::RULE,
                format!("出现旧格式的栏目“{marker}”"),
            )
            .at(Some(i..i + marker.len()))
            .help("2021 年度起使用国办公开办函〔2021〕30号的新格式表格");
            d.found = Some(marker.into());
            r.push(d);
        }
    }
    // Tables.
    for (t, section) in [(0usize, 1usize), (1, 2), (2, 3)] {
        let Some(reg) = region(section) else { continue };
        let toks = tokens(text, reg.clone());
        match t {
            0 => r.table2(&toks),
            1 => r.table3(&toks),
            _ => r.table4(&toks),
        }
        r.check_labels(text, t, &toks);
        if !r.rec.tables_found[t] {
            r.push(
                Diagnostic::new(
                    &crate::rules::gr1007_table_missing::RULE,
                    format!("没有读到表{}的数字", ["二", "三", "四"][t]),
                )
                .at(Some(reg.start..reg.start))
                .help("表格可能是图片，或被删去；年报的三张表须以文字表格发布"),
            );
            r.rec.unread.push(format!("表{}", ["二", "三", "四"][t]));
        }
    }
    // Narrative into the model fields (for the narrative rules and import).
    if let Some(reg) = region(0) {
        let subs = subsections(&prose(&text[reg.clone()]));
        let o = &mut r.rec.report.overview;
        let mut k = 0;
        for (h, body) in subs {
            if h.is_empty() {
                if !body.is_empty() {
                    o.summary.push_str(&body);
                }
                continue;
            }
            let field = match k {
                0 => &mut o.proactive,
                1 => &mut o.on_request,
                2 => &mut o.management,
                3 => &mut o.platforms,
                4 => &mut o.oversight,
                _ => &mut o.oversight,
            };
            if !field.is_empty() {
                field.push_str("\n\n");
            }
            field.push_str(&body);
            k += 1;
        }
        for f in [
            "overview.summary",
            "overview.proactive",
            "overview.on_request",
            "overview.management",
            "overview.platforms",
            "overview.oversight",
        ] {
            r.rec.spans.insert_value(f, reg.clone());
        }
    }
    if let Some(reg) = region(4) {
        let subs = subsections(&prose(&text[reg.clone()]));
        let p = &mut r.rec.report.problems;
        for (h, body) in subs {
            let target = if h.contains("上年") {
                &mut p.previous_year
            } else if h.contains("措施") || (h.contains("改进") && !h.contains("问题")) {
                &mut p.measures
            } else {
                &mut p.current_year
            };
            if !target.is_empty() {
                target.push_str("\n\n");
            }
            target.push_str(&body);
        }
        for f in [
            "problems.previous_year",
            "problems.current_year",
            "problems.measures",
        ] {
            r.rec.spans.insert_value(f, reg.clone());
        }
    }
    if let Some(reg) = region(5) {
        let body = prose(&text[reg.clone()]);
        r.rec.report.other.items = body
            .split("\n\n")
            .map(str::to_string)
            .filter(|s| !s.trim().is_empty())
            .collect();
    }
    // The signature date (发布日期) on a line of its own near the end, and the
    // level from the name: a 人民政府's deadline is 3月31日.
    if r.rec.report.agency.name.ends_with("人民政府") {
        r.rec.report.agency.level = Level::Government;
    }
    let tail_start = text.len().saturating_sub(600);
    let tail_start = (0..=tail_start)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let mut offset = tail_start;
    for line in text[tail_start..].split_inclusive('\n') {
        let t = norm(line);
        if t.ends_with('日')
            && t.chars().count() <= 12
            && t.contains('年')
            && t.contains('月')
            && let Some(d) = crate::model::date::Date::parse(&t)
        {
            r.rec.report.agency.published_on = Some(d);
            r.rec.spans.insert_value(
                "agency.published_on",
                offset..offset + line.trim_end().len(),
            );
        }
        offset += line.len();
    }
    // Cut off: no 六 or a last line that stops mid-sentence.
    let last_line = text
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| !l.is_empty() && !(l.starts_with('-') && l.ends_with('-') && l.len() <= 6));
    if let Some(l) = last_line {
        let end = l.chars().last().unwrap_or('。');
        let complete = matches!(
            end,
            '。' | '！' | '？' | '”' | '）' | '」' | '日' | '.' | '无' | '章'
        );
        if !complete && l.chars().count() >= 12 {
            let at = text.rfind(l).unwrap_or(0);
            r.push(
                Diagnostic::new(
                    &crate::rules::gr1008_title_or_cutoff::RULE,
                    format!(
                        "正文在“…{}”处中断",
                        l.chars()
                            .rev()
                            .take(12)
                            .collect::<Vec<_>>()
                            .into_iter()
                            .rev()
                            .collect::<String>()
                    ),
                )
                .at(Some(at..at + l.len()))
                .help("发布的报告不完整：核对原文件，重新发布完整的报告"),
            );
        }
    }
    r.rec
}
