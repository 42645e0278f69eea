//! Table labels as published against the format's: altered (GR1003),
//! only in punctuation or width (GR1004), typed with spaces inside or with
//! a unit appended (GR1003). Read from table cells only, never from prose.

use std::ops::Range;

use super::tables::Reader;
use super::text::*;
use crate::model::published::{CellNote, LabelDefect};
use crate::model::*;

/// Canonical labels of each table (checked for alterations).
pub(super) fn table_labels(t: usize) -> Vec<String> {
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

impl Reader {
    /// Labels altered from the format, found anywhere in a table's text.
    pub(super) fn check_labels(&mut self, text: &str, t: usize, toks: &[Token]) {
        // The region's text without white space, with a byte offset per char.
        let mut chars: Vec<(char, usize)> = Vec::new();
        // Whether each character opens a token: where a cell's text begins.
        let mut cell_start: Vec<bool> = Vec::new();
        for tok in toks.iter().filter(|t| t.number.is_none()) {
            // Each character at its own place in the text: a token may join
            // pieces its range holds apart (`3` and `.补正后…` across a tab
            // or spaces), so its text is not always the range's bytes.
            let Some(src) = text.get(tok.range.clone()) else {
                continue;
            };
            let mut at = src.char_indices().peekable();
            for (k, c) in tok.text.chars().enumerate() {
                while at.peek().is_some_and(|&(_, s)| s != c) {
                    at.next();
                }
                let Some((i, _)) = at.next() else { break };
                let c = norm(&c.to_string()).chars().next().unwrap_or(c);
                chars.push((c, tok.range.start + i));
                cell_start.push(k == 0);
            }
        }
        // A near match must lie on one line: across lines, pdftotext -layout
        // interleaves neighbouring cells (vertical 三、本年度办理结果, …).
        // Line numbers per character, counted once (a count per window made
        // damaged input quadratic: found by fuzzing).
        let mut line_no = Vec::with_capacity(chars.len());
        let (mut line, mut at) = (0usize, 0usize);
        for &(_, off) in &chars {
            line += text.as_bytes()[at.min(off)..off]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            at = at.max(off);
            line_no.push(line);
        }
        let s: String = chars.iter().map(|c| c.0).collect();
        // Where the k-th character ends in the text: its own width there, not
        // the normalised one's (`)` is 1 byte, the `）` it reads as is 3).
        let end_at = |k: usize| {
            let o = chars[k].1;
            o + text[o..].chars().next().map_or(0, char::len_utf8)
        };
        let mut taken = vec![false; chars.len()];
        // Labels found whole but typed with spaces inside (`行 政 许 可`):
        // reported unless most of the table's lines are spaced (then the
        // extraction spaced them).
        let mut spaced: Vec<(String, Range<usize>)> = Vec::new();
        let paged = text.contains('\u{c}');
        // Column heads are checked only where found whole (spaces, units):
        // a near match of a head is noise in interleaved PDF columns.
        let heads: Vec<(String, bool)> = match t {
            1 => T3_COLUMNS
                .iter()
                .chain(&["法人或其他组织"])
                .map(|c| (c.to_string(), false))
                .collect(),
            2 => T4_COLUMNS
                .iter()
                .chain(&["行政复议", "行政诉讼"])
                .map(|c| (c.to_string(), false))
                .collect(),
            _ => Vec::new(),
        };
        let mut all: Vec<(String, bool)> = table_labels(t).into_iter().map(|l| (l, true)).collect();
        all.extend(heads);
        all.sort_by_key(|(l, _)| std::cmp::Reverse(l.chars().count()));
        for (label, near) in all.clone() {
            let l: Vec<char> = label.chars().collect();
            // Every whole occurrence not inside a longer label (信息内容 and
            // 本年处理决定数量 are printed more than once).
            let mut starts: Vec<usize> = Vec::new();
            let mut from = 0;
            while let Some(pos) = s[from..].find(&label) {
                let start = s[..from + pos].chars().count();
                if !taken[start..start + l.len()].iter().any(|t| *t) {
                    starts.push(start);
                }
                from += pos + label.len();
            }
            for &start in &starts {
                for k in start..start + l.len() {
                    taken[k] = true;
                }
            }
            for &start in &starts {
                let end = start + l.len();
                let span = chars[start].1..end_at(end - 1);
                if line_no[start] == line_no[end - 1]
                    && !paged
                    && spaced_inside(&text[span.clone()])
                {
                    spaced.push((label.clone(), span.clone()));
                }
                // A unit, or a note in brackets written onto the label
                // (`现行有效件数（历史累计）`): not when the bracket opens the
                // next label (`三、本年度办理结果（一）予以公开` copied from
                // one row).
                let unit = qualifier(&chars[end..], &line_no[end..], line_no[end - 1]);
                let note = || {
                    let after: String = chars[end..].iter().take(40).map(|c| c.0).collect();
                    let next_label = all.iter().any(|(l, _)| after.starts_with(l.as_str()));
                    // Right after the label, or after spaces (`现行有效件数 (历史累计)`):
                    // a tab or a rule between is another cell.
                    let joined = chars.get(end).is_some_and(|c| {
                        text.get(end_at(end - 1)..c.1)
                            .is_some_and(|g| g.chars().all(|x| x == ' ' || x == '\u{3000}'))
                    });
                    bracket_note(&chars[end..], &line_no[end..], line_no[end - 1])
                        .filter(|_| joined && !next_label)
                };
                let added = unit
                    .map(|q| (q, "后加了单位"))
                    .or_else(|| note().map(|q| (q, "后加了说明")));
                if let Some((q, how)) = added {
                    let span = span.start..end_at(end + q - 1);
                    for k in end..end + q {
                        taken[k] = true;
                    }
                    let found: String = chars[start..end + q].iter().map(|c| c.0).collect();
                    self.altered(t, &label, found, span, how);
                }
            }
            // Table 二 prints 信息内容 four times and 本年处理决定数量 twice: a
            // copy altered (`本年处理决定数`) is looked for while copies are missing.
            let printed = match (t, label.as_str()) {
                (0, "信息内容") => 4,
                (0, "本年处理决定数量") => 2,
                _ => 1,
            };
            if starts.len() >= printed || !near {
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
            // Characters of the label seen so far: a window with too few of
            // them cannot be similar enough, so the edit distance is skipped.
            let mut hits = vec![0usize; chars.len() + 1];
            for (k, c) in chars.iter().enumerate() {
                hits[k + 1] = hits[k] + usize::from(l.contains(&c.0));
            }
            for len in shortest..=l.len() + 2 {
                for start in 0..chars.len().saturating_sub(len - 1) {
                    let common = hits[start + len] - hits[start];
                    if (common as f64) < 0.7 * len.max(l.len()) as f64 {
                        continue;
                    }
                    if taken[start..start + len].iter().any(|t| *t) {
                        continue;
                    }
                    // Labels are cells: a window starting inside a run of
                    // prose (`……申请0件（其他处理）。上年结转……`) is prose.
                    if !(cell_start[start] || start > 0 && taken[start - 1]) {
                        continue;
                    }
                    if line_no[start] != line_no[start + len - 1] {
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
            // A label the end of the text cuts (`2.其他法律行政法规禁`, then
            // figures or the first characters of its wrapped line) is cut
            // off, not altered: a complete report never ends with a table.
            let found_f = fold(
                &chars[start..start + len]
                    .iter()
                    .map(|c| c.0)
                    .collect::<String>(),
            );
            let tail = text[end_at(start + len - 1)..].trim_end();
            if fold(&label).starts_with(&found_f) && tail.len() <= 120 {
                continue;
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
            let span = chars[start].1..end_at(start + len - 1);
            let defect = if fold(&found) == fold(&label) {
                LabelDefect::Punctuation
            } else {
                LabelDefect::Words
            };
            self.label_note(t, defect, &label, found, span);
        }
        // Spaced by the author in a few cells, or by an extraction that
        // spaced every line: judged on the region's lines of text.
        let region =
            toks.first().map_or(0, |t| t.range.start)..toks.last().map_or(0, |t| t.range.end);
        let (mut lines, mut spaced_lines) = (0usize, 0usize);
        for line in text[region].lines() {
            if line
                .chars()
                .filter(|c| !c.is_ascii() && c.is_alphanumeric())
                .count()
                >= 2
            {
                lines += 1;
                // Cells of a line are apart by tabs or runs of spaces; a
                // single space inside a cell is spacing.
                let spaced = line
                    .split(['\t', '\u{3000}'])
                    .flat_map(|c| c.split("  "))
                    .any(|cell| spaced_inside(cell.trim()));
                spaced_lines += usize::from(spaced);
            }
        }
        if spaced_lines * 3 <= lines {
            for (label, span) in spaced {
                let found = text[span.clone()].to_string();
                self.altered(t, &label, found, span, "中间加了空格");
            }
        }
    }

    /// A label found whole with something added to it.
    fn altered(
        &mut self,
        t: usize,
        label: &str,
        found: String,
        span: Range<usize>,
        how: &'static str,
    ) {
        self.label_note(t, LabelDefect::Added(how), label, found, span);
    }

    fn label_note(
        &mut self,
        t: usize,
        defect: LabelDefect,
        label: &str,
        found: String,
        span: Range<usize>,
    ) {
        self.note(CellNote::Label {
            table: (t + 2) as u8,
            defect,
            label: label.to_string(),
            found,
            span,
        });
    }
}
