//! GR0810 `share-mismatch`: its documentation and its check over the model.

use std::ops::Range;

use super::{Applies, Ctx, Rule};
use crate::model::diagnostic::{Diagnostic, Severity};

pub const RULE: Rule = Rule {
    code: "GR0810",
    name: "share-mismatch",
    severity: Severity::Warning,
    title: "正文中的占比与所列件数不符",
    doc: r#"
## 检查什么
正文先说总数（“共主动公开政府信息80条”），再列各项及其占比（“其中政策文件1条，占1.1%”）时，占比应等于该项件数除以总数：按所写的位数四舍五入、进一或去尾都算对（1/12 写成 8% 或 8.3% 都对），差得更多的报出，并给出两个数字。只核对紧跟件数的“占……%”，且总数与该项在同一段、单位相同；“约占”不核对。

## 为什么
国办公开办函〔2021〕30号把“不准确”列为年报的主要问题；占比算错多是改了件数忘了改占比。

## 错误示例
```toml
[overview]
proactive = "全年共主动公开政府信息80条，其中政策文件1条，占1.1%。"
```

## 修正后
```toml
[overview]
proactive = "全年共主动公开政府信息80条，其中政策文件1条，占1.25%。"
```
"#,
    check: Some(check),
    audit: None,
    applies: Applies::Both,
    reads_prose: true,
    on_published: None,
};

/// A count in the prose: value, unit, where.
#[derive(Debug, Clone)]
struct Count {
    value: u64,
    unit: char,
    range: Range<usize>,
}

/// Arabic counts with their unit (`80条`), in text order.
fn counts(text: &str) -> Vec<Count> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && (b[i - 1].is_ascii_digit() || b[i - 1] == b'.')) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let Some(unit) = text[i..].chars().next() else {
            break;
        };
        if "条件篇项个".contains(unit)
            && let Ok(value) = text[start..i].parse()
        {
            out.push(Count {
                value,
                unit,
                range: start..i + unit.len_utf8(),
            });
        }
    }
    out
}

/// `，占1.1%` / `（占比8%）` right after a count: the percentage as written
/// and its range. `约占` is an estimate and not read.
fn share_after(s: &str) -> Option<(String, Range<usize>)> {
    let lead = [
        "，占比",
        "，占",
        "（占比",
        "（占",
        ",占比",
        ",占",
        "(占比",
        "(占",
        "占比",
        "占",
    ]
    .iter()
    .find(|w| s.starts_with(**w))?
    .len();
    let rest = &s[lead..];
    let n = rest
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map_or(rest.len(), |(i, _)| i);
    let num = &rest[..n];
    let pct = rest[n..].trim_start();
    if num.is_empty() || !(pct.starts_with('%') || pct.starts_with('％')) {
        return None;
    }
    Some((num.to_string(), lead..lead + n))
}

/// Whether `stated` (percent, as written) is `part/total` rounded, raised or
/// cut to its own number of decimals.
fn agrees(stated: &str, part: u64, total: u64) -> bool {
    let Ok(v) = stated.parse::<f64>() else {
        return true;
    };
    let decimals = stated.split_once('.').map_or(0, |(_, d)| d.len()) as i32;
    let step = 10f64.powi(-decimals);
    let exact = part as f64 * 100.0 / total as f64;
    (exact - v).abs() < step + 1e-9
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    for (path, part, text) in cx.report.narrative() {
        let mut para_start = 0;
        for para in text.split_inclusive('\n') {
            let base = para_start;
            para_start += para.len();
            let cs = counts(para);
            // The total: a count right after 共/累计/总计/合计 (…共主动公开政府信息80条).
            let totals: Vec<&Count> = cs
                .iter()
                .filter(|c| {
                    let before = &para[..c.range.start];
                    let clause_start = before
                        .rfind(['，', '。', '；', ',', ';', '：'])
                        .map_or(0, |i| {
                            i + before[i..].chars().next().map_or(1, char::len_utf8)
                        });
                    let clause = &before[clause_start..];
                    ["共", "累计", "总计", "合计"]
                        .iter()
                        .any(|w| clause.contains(w))
                })
                .collect();
            for c in &cs {
                let Some((stated, at)) = share_after(&para[c.range.end..]) else {
                    continue;
                };
                // The nearest total before it, of the same unit.
                let Some(total) = totals
                    .iter()
                    .rev()
                    .find(|t| t.range.end <= c.range.start && t.unit == c.unit)
                else {
                    continue;
                };
                // `其中微博100条、微信50条，占比50%`: the share may be of the
                // list's sum; not read.
                let clause_start = para[..c.range.start]
                    .rfind(['，', '。', '；', ',', ';', '：'])
                    .unwrap_or(0);
                let listed = cs.iter().any(|o| {
                    o.range.start >= clause_start
                        && o.range.end <= c.range.start
                        && o.unit == c.unit
                        && !std::ptr::eq(o, *total)
                });
                if listed
                    || total.value == 0
                    || c.value > total.value
                    || agrees(&stated, c.value, total.value)
                {
                    continue;
                }
                let exact = c.value as f64 * 100.0 / total.value as f64;
                let span = base + c.range.start..base + c.range.end + at.end;
                out.push(
                    Diagnostic::new(
                        &RULE,
                        format!(
                            "“{part}”中{}{}占{stated}%，但按总数{}{}应占{exact:.2}%",
                            c.value, c.unit, total.value, total.unit
                        ),
                    )
                    .at(Some(super::locate(cx, &path, text, &span)))
                    .help("核对件数、总数和占比，改正其中错误的一处"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_as_reports_round_them() {
        assert!(agrees("8", 1, 12));
        assert!(agrees("8.3", 1, 12));
        assert!(agrees("41", 5, 12));
        assert!(agrees("42", 5, 12));
        assert!(agrees("1.25", 1, 80));
        assert!(!agrees("1.1", 1, 80));
        assert!(!agrees("20", 1, 80));
    }

    #[test]
    fn a_share_of_a_list_is_not_read() {
        let cs = counts("共发布信息300条，其中微博100条、微信50条，占比50%。");
        assert_eq!(cs.len(), 3);
    }

    #[test]
    fn share_right_after_a_count() {
        assert_eq!(share_after("，占1.1%。").map(|s| s.0), Some("1.1".into()));
        assert_eq!(share_after("（占比8％）").map(|s| s.0), Some("8".into()));
        assert_eq!(share_after("，约占8%"), None);
        assert_eq!(share_after("，同比增长8%"), None);
        assert_eq!(share_after("，占"), None);
    }
}
