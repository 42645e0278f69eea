//! The three tables as published: figures read from the tokens of each
//! table's region (labels split around figures, interleaved vertical
//! text, blank cells, the old single-row （六）; their defects are noted
//! in `Published::cells`).
//! Labels are checked in `labels`.

use std::ops::Range;

use super::recognised::Recognised;
use super::text::*;
use crate::model::published::{CellNote, Figure, GridRow};
use crate::model::*;

pub(crate) struct Reader {
    pub(super) rec: Recognised,
}

impl Reader {
    pub(super) fn note(&mut self, n: CellNote) {
        self.rec.published.cells.push(n);
    }

    /// Reads the figures of table 三 row by row.
    pub(super) fn table3(&mut self, toks: &[Token]) {
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
                    self.note(CellNote::OldOtherRow {
                        span: t.range.clone(),
                    });
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
                    self.note(CellNote::Blank {
                        table: 3,
                        row: labels[k].0.clone(),
                        column: T3_COLUMNS[vals.len()].into(),
                        found: (!tk.text.is_empty()).then(|| tk.text.clone()),
                        span: tk.range.clone(),
                    });
                    vals.push((0, tk.range.clone()));
                } else {
                    break;
                }
                j += 1;
            }
            // Fewer than 7 figures, all of them digit runs holding at least
            // 7 digits: cells run together, read by the row's total.
            let runs: Vec<(&str, Range<usize>)> = toks[i..j]
                .iter()
                .filter_map(|t| t.number.as_deref().map(|n| (n, t.range.clone())))
                .collect();
            if vals.len() < 7
                && runs.len() == j - i
                && runs.iter().all(|r| !r.0.contains('.'))
                && runs.iter().map(|r| r.0.len()).sum::<usize>() >= 7
            {
                match self.run_together((3, "requests"), &labels[k].0, &runs, 7) {
                    Some(read) => vals = read,
                    None => {
                        pending.clear();
                        next = k + 1;
                        i = j;
                        continue;
                    }
                }
            }
            if vals.len() < 7 {
                let at = vals.last().map(|v| v.1.clone()).unwrap_or(t.range.clone());
                self.note(CellNote::Short {
                    table: 3,
                    row: Some(labels[k].0.clone()),
                    read: vals.len(),
                    want: 7,
                    span: at,
                });
                while vals.len() < 7 {
                    let r = vals.last().map(|v| v.1.clone()).unwrap_or(t.range.clone());
                    vals.push((0, r));
                }
            }
            let path = match labels[k].1 {
                Some(row) => T3_ROWS[row].path.to_string(),
                None => T3_OUTCOME_TOTAL_PATH.to_string(),
            };
            let figures = vals
                .iter()
                .map(|(v, r)| Figure {
                    text: v.to_string(),
                    value: *v,
                    span: r.clone(),
                })
                .collect();
            self.rec.published.tables[1]
                .rows
                .push(GridRow { path, figures });
            self.rec.published.tables[1].found = true;
            pending.clear();
            next = k + 1;
            i = j;
        }
    }

    /// Table 二: 规章 and 行政规范性文件 (3 figures), then four single figures.
    pub(super) fn table2(&mut self, toks: &[Token]) {
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
                    self.note(CellNote::Blank {
                        table: 2,
                        row: label.into(),
                        column: String::new(),
                        found: (!tk.text.is_empty()).then(|| tk.text.clone()),
                        span: tk.range.clone(),
                    });
                    vals.push(("0".into(), tk.range.clone()));
                } else {
                    break;
                }
                j += 1;
            }
            while vals.len() < n {
                let r = vals.last().map(|v| v.1.clone()).unwrap_or(t.range.clone());
                self.note(CellNote::Blank {
                    table: 2,
                    row: label.into(),
                    column: String::new(),
                    found: None,
                    span: r.clone(),
                });
                vals.push(("0".into(), r));
            }
            let figures = vals
                .iter()
                .map(|(t, r)| Figure::of_text(t, r.clone()))
                .collect();
            self.rec.published.tables[0].rows.push(GridRow {
                path: path.to_string(),
                figures,
            });
            self.rec.published.tables[0].found = true;
            pending.clear();
            next += 1;
            i = j;
        }
    }

    /// Table 四: fifteen figures after the header.
    pub(super) fn table4(&mut self, toks: &[Token]) {
        let nums: Vec<&Token> = toks
            .iter()
            .filter(|t| t.number.is_some() || t.blank)
            .collect();
        if nums.len() < 15 {
            if !nums.is_empty() {
                self.note(CellNote::Short {
                    table: 4,
                    row: None,
                    read: nums.len(),
                    want: 15,
                    span: nums[0].range.clone(),
                });
            }
            return;
        }
        for (g, (path, label)) in T4_ROWS.iter().enumerate() {
            let vals = &nums[g * 5..g * 5 + 5];
            for k in 0..5 {
                if vals[k].blank {
                    self.note(CellNote::Blank {
                        table: 4,
                        row: (*label).into(),
                        column: T4_COLUMNS[k].into(),
                        found: (!vals[k].text.is_empty()).then(|| vals[k].text.clone()),
                        span: vals[k].range.clone(),
                    });
                }
            }
            let figures = vals
                .iter()
                .map(|t| Figure::of_text(t.number.as_deref().unwrap_or(""), t.range.clone()))
                .collect();
            self.rec.published.tables[2].rows.push(GridRow {
                path: path.to_string(),
                figures,
            });
        }
        self.rec.published.tables[2].found = true;
    }
}
