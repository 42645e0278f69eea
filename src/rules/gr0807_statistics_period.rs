//! GR0807 `statistics-period`: its documentation and its check over the model.

use std::ops::Range;

use super::{Applies, Ctx, OnPublished, Rule};
use crate::model::diagnostic::{Diagnostic, Severity};

pub const RULE: Rule = Rule {
    code: "GR0807",
    name: "statistics-period",
    severity: Severity::Warning,
    title: "统计期限不是本报告年度的全年，或写法有误",
    doc: r#"
## 检查什么
说明统计期限的句子（“统计期限”“统计时限”“统计数据时间范围”……）：
- 写成了别的年份（2024 年度报告写“统计期限自2023年1月1日至2024年12月31日”）；
- 不是全年（起止不是 1月1日 和 12月31日）；
- 日期缺字，看不出年月日（“自20241月1日”“自202311日至20231231日”）。

PDF 提取的空格（`自 2024 年 1 月 1 日`）和“起”“止”不影响判断；“自2024年1月1日至12月31日”也是对的。审核已发布的报告时是错误：年报的统计期限是固定的。

## 为什么
《政府信息公开条例》第五十条：年度报告报告的是上一年度的工作；统计期限写错或缺字，整份报告的数据就失去了所指的时段。沿用上年报告时最容易漏改这一句。

## 错误示例
```toml
[agency]
year = 2024

[preface]
text = "本报告所列数据的统计期限自2023年1月1日至2024年12月31日。"
```

## 修正后
```toml
[agency]
year = 2024

[preface]
text = "本报告所列数据的统计期限自2024年1月1日至2024年12月31日。"
```
"#,
    check: Some(check),
    audit: None,
    applies: Applies::Both,
    reads_prose: true,
    on_published: Some(OnPublished {
        severity: Severity::Error,
        note: "年报的统计期限固定为报告年度的1月1日至12月31日",
        needs_whole_text: false,
    }),
};

/// Words after 统计 that make the sentence the statistics period.
const PERIOD_WORDS: [&str; 6] = ["期限", "时限", "时间", "周期", "范围", "区间"];

/// A date of the period as written: year (if any), month, day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateAt {
    Full(i32, u32, u32),
    MonthDay(u32, u32),
    /// `2024年` alone.
    Year(i32),
    /// Digits that lost 年 or 月 (`20241月1日`, `202311日`).
    Malformed,
}

/// What is wrong with the period stated in `window` (white space removed,
/// starting after 统计, up to the sentence's end), for report `year`.
#[derive(Debug, PartialEq, Eq)]
enum Defect {
    OtherYear(i32),
    NotTheYear,
    Malformed,
}

/// The dates of a period sentence: runs of digits and 年月日, each read.
fn dates(window: &str) -> Vec<(DateAt, Range<usize>)> {
    let mut out = Vec::new();
    let mut start = None;
    let flush = |from: usize, to: usize, out: &mut Vec<(DateAt, Range<usize>)>| {
        let run = &window[from..to];
        if run.bytes().any(|b| b.is_ascii_digit())
            && let Some(d) = read_date(run)
        {
            out.push((d, from..to));
        }
    };
    for (i, c) in window.char_indices() {
        let part = c.is_ascii_digit() || matches!(c, '年' | '月' | '日');
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                flush(s, i, &mut out);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        flush(s, window.len(), &mut out);
    }
    out
}

/// One run of digits and 年月日 (None: not a date, e.g. `1日` or `年`).
fn read_date(run: &str) -> Option<DateAt> {
    // Digits that run into 年/月/日 without the marks between: a date that
    // lost characters.
    let mut digits = 0;
    for c in run.chars() {
        if c.is_ascii_digit() {
            digits += 1;
        } else {
            if digits >= 5 {
                return Some(DateAt::Malformed);
            }
            digits = 0;
        }
    }
    let num = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (y, rest) = match run.split_once('年') {
        Some((y, rest)) if y.len() == 4 => (Some(num(y)? as i32), rest),
        Some(_) => return None,
        None => (None, run),
    };
    if rest.is_empty() {
        return y.map(DateAt::Year);
    }
    let (m, d) = rest.split_once('月')?;
    let d = d.strip_suffix('日')?;
    let (m, d) = (num(m)?, num(d)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some(match y {
        Some(y) => DateAt::Full(y, m, d),
        None => DateAt::MonthDay(m, d),
    })
}

/// The period's defect, if any; the byte range of the dates it stands in.
fn defect(window: &str, year: i32) -> Option<(Defect, Range<usize>)> {
    let ds = dates(window);
    let (first, span) = ds.first().cloned()?;
    let whole = ds.get(1).map_or(span.clone(), |d| span.start..d.1.end);
    if ds.iter().take(2).any(|d| d.0 == DateAt::Malformed) {
        return Some((Defect::Malformed, whole));
    }
    let year_of = |d: DateAt| match d {
        DateAt::Full(y, ..) | DateAt::Year(y) => Some(y),
        _ => None,
    };
    if let Some(y) = ds
        .iter()
        .take(2)
        .filter_map(|d| year_of(d.0))
        .find(|y| *y != year)
    {
        return Some((Defect::OtherYear(y), whole));
    }
    // A range (自…至…): the whole year, from 1月1日 to 12月31日.
    let between = ds.get(1).map(|d| &window[span.end..d.1.start]);
    if let (Some(second), Some(between)) = (ds.get(1), between)
        && (between.contains('至') || between.contains('到'))
    {
        let from = matches!(first, DateAt::Full(_, 1, 1));
        let to = matches!(second.0, DateAt::Full(_, 12, 31) | DateAt::MonthDay(12, 31));
        if !(from && to) {
            return Some((Defect::NotTheYear, whole));
        }
    }
    None
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let year = cx.report.agency.year;
    if year == 0 {
        return;
    }
    for (path, part, text) in cx.report.narrative() {
        for (i, _) in text.match_indices("统计") {
            let after = &text[i + "统计".len()..];
            // The sentence, without the spaces of a PDF extraction.
            let window: String = after
                .chars()
                .take_while(|c| !matches!(c, '。' | '；' | ';'))
                .filter(|c| !c.is_whitespace())
                .take(48)
                .collect();
            let head: String = window.chars().take(8).collect();
            if !PERIOD_WORDS.iter().any(|w| head.contains(w)) {
                continue;
            }
            let Some((defect, dates)) = defect(&window, year) else {
                continue;
            };
            let quoted = &window[dates];
            let message = match defect {
                Defect::OtherYear(y) => {
                    format!("“{part}”的统计期限写的是 {y} 年，本报告是 {year} 年度")
                }
                Defect::NotTheYear => {
                    format!("“{part}”的统计期限“{quoted}”不是 {year} 年全年")
                }
                Defect::Malformed => {
                    format!("“{part}”的统计期限“{quoted}”日期缺字，看不出年、月、日")
                }
            };
            let at = i..i + "统计".len();
            out.push(
                Diagnostic::new(&RULE, message)
                    .at(Some(super::locate(cx, &path, text, &at)))
                    .help(format!("统计期限应为 {year}年1月1日至{year}年12月31日")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(s: &str) -> Option<Defect> {
        let w: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        defect(&w, 2024).map(|d| d.0)
    }

    #[test]
    fn periods_as_reports_write_them() {
        for ok in [
            "期限自2024年1月1日至2024年12月31日",
            "期限自2024年1月1日起至2024年12月31日止",
            "期限为2024年1月1日至12月31日",
            "数据时间范围为2024年1月1日至2024年12月31日",
            "期限自 2024 年 1 月 1 日至 2024 年 12 月 31 日",
            "时限为2024年1月1日起至2024年12月31",
            "期限自 2024 年 1 月 1 日",
        ] {
            assert_eq!(of(ok), None, "{ok}");
        }
        assert_eq!(
            of("期限自2023年1月1日至2024年12月31日"),
            Some(Defect::OtherYear(2023))
        );
        assert_eq!(
            of("期限自2024年1月1日至2025年12月31日"),
            Some(Defect::OtherYear(2025))
        );
        assert_eq!(
            of("期限自2024年1月1日至2024年6月30日"),
            Some(Defect::NotTheYear)
        );
        for bad in [
            "期限自20241月1日至2024年12月31日",
            "周期为202411日至20241231日",
            "期限自202111日起至20211231日止",
        ] {
            assert_eq!(of(bad), Some(Defect::Malformed), "{bad}");
        }
    }

    proptest::proptest! {
        /// Any text: no panic.
        #[test]
        fn any_window(parts in proptest::collection::vec(
            proptest::sample::select(vec!["2024", "年", "月", "日", "1", "12", "31", "至", "起", "止", "自", "99999", "0"]),
            0..20,
        )) {
            let w: String = parts.concat();
            let _ = defect(&w, 2024);
        }
    }
}
