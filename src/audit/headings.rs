//! The six parts' headings of a published report: on lines of their own,
//! or run in after a sentence when a page prints its body as one paragraph.

use super::text::norm;

pub use crate::model::published::{Heading, NUMERALS, SECTIONS};

/// The headings of the six parts in text order, and the heading lines of a
/// part already found (a part written twice).
pub(super) fn find_headings(text: &str) -> (Vec<Heading>, Vec<Heading>) {
    let mut out: Vec<Heading> = Vec::new();
    let mut repeated: Vec<Heading> = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let range = offset..offset + line.trim_end().len();
        offset += line.len();
        let n = norm(line);
        if n.chars().count() > 40 {
            // A page whose body is one paragraph (`……联系电话：…。 一、总体情况
            // 2023年，……`): headings run in, after a sentence and a space.
            run_in_headings(line, range.start, &mut out);
            continue;
        }
        for (i, (canon, key)) in SECTIONS.iter().enumerate() {
            let numbered = n.starts_with(&format!("{}、", NUMERALS[i]))
                || n.starts_with(&format!("{}、", i + 1))
                || n.starts_with(&format!("{}.", i + 1));
            if numbered && names_part(&n, i, key) {
                if out.iter().any(|h| h.section == i) {
                    // Only a heading numbered as a part (`三、`): `3.` lines
                    // are items inside a part.
                    if !n.starts_with(&format!("{}、", NUMERALS[i])) {
                        continue;
                    }
                    repeated.push(Heading {
                        section: i,
                        range: range.clone(),
                        text: line.trim().to_string(),
                    });
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
    (out, repeated)
}

/// Whether a heading's words (normalised) name part `i`, whose key word is
/// `key`. 四's rows (四、结转下年度继续办理) and 三's (三、本年度办理结果)
/// are not headings.
fn names_part(n: &str, i: usize, key: &str) -> bool {
    (n.contains(key) || (i == 2 && n.contains("收到和处理政府信息公开")))
        && !n.contains("结转下年度")
        && !n.contains("本年度办理结果")
}

/// Headings inside a long line: a section numeral right after white space
/// or a sentence's end, its words up to the next space or sentence mark.
fn run_in_headings(line: &str, at: usize, out: &mut Vec<Heading>) {
    for (i, (_, key)) in SECTIONS.iter().enumerate() {
        if out.iter().any(|h| h.section == i) {
            continue;
        }
        for mark in [format!("{}、", NUMERALS[i]), format!("{}、", i + 1)] {
            let mut from = 0;
            while let Some(k) = line[from..].find(&mark) {
                let start = from + k;
                from = start + mark.len();
                let before = line[..start].chars().next_back();
                if !before.is_some_and(|c| c.is_whitespace() || "。！？".contains(c)) {
                    continue;
                }
                // The words after the numeral (`1、 总体情况`: a space may come first).
                let words = from + (line[from..].len() - line[from..].trim_start().len());
                let end = line[words..]
                    .find(|c: char| c.is_whitespace() || "。，,；;".contains(c))
                    .map_or(line.len(), |e| words + e);
                let h = &line[start..end];
                let n = norm(h);
                if n.chars().count() <= 40 && names_part(&n, i, key) {
                    out.push(Heading {
                        section: i,
                        range: at + start..at + end,
                        text: h.trim().to_string(),
                    });
                    break;
                }
            }
            if out.iter().any(|h| h.section == i) {
                break;
            }
        }
    }
}
