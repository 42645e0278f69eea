//! GR0811 `breakdown-over-total`: its documentation and its check over the model.

use super::{Applies, Ctx, Rule};
use crate::model::diagnostic::{Diagnostic, Severity};

pub const RULE: Rule = Rule {
    code: "GR0811",
    name: "breakdown-over-total",
    severity: Severity::Warning,
    title: "“其中”所列各项之和超过总数",
    doc: r#"
## 检查什么
正文说出总数后紧接“其中”，用顿号列出各项件数（“共主动公开政府信息235条，其中政务信息80条、政务公开160条、政策问答1条”）时，各项之和不应超过总数；超过时报出两个数字。只核对紧跟总数的“其中”、用顿号分隔、单位与总数相同的两项以上；各项之和小于总数的（只列了一部分）不报。

## 为什么
国办公开办函〔2021〕30号把“不准确”列为年报的主要问题；分项之和大于总数，说明总数或某一项写错了。

## 错误示例
```toml
[overview]
proactive = "全年共主动公开政府信息235条，其中政务信息80条、政务公开160条、政策问答1条。"
```

## 修正后
```toml
[overview]
proactive = "全年共主动公开政府信息235条，其中政务信息80条、政务公开154条、政策问答1条。"
```
"#,
    check: Some(check),
    audit: None,
    applies: Applies::Both,
    reads_prose: true,
    on_published: None,
};

/// An Arabic count and its unit at the start of `s` (`80条`): value, unit,
/// length in bytes.
fn count_at(s: &str) -> Option<(u64, char, usize)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > 9 {
        return None;
    }
    let unit = s[n..].chars().next()?;
    if !"条件篇项个".contains(unit) {
        return None;
    }
    Some((s[..n].parse().ok()?, unit, n + unit.len_utf8()))
}

/// The items of a `、` list right after `其中` (each a few words and a
/// count): their counts and the list's end, when it has two items or more.
fn list_after(s: &str) -> Option<(Vec<(u64, char)>, usize)> {
    let mut items = Vec::new();
    let mut at = 0;
    loop {
        // The item's name: up to its count, within one clause.
        let name_end = s[at..]
            .char_indices()
            .take(16)
            .find(|(_, c)| c.is_ascii_digit() || "，。；：,;:、（(".contains(*c))
            .map(|(i, _)| at + i)?;
        let (value, unit, len) = count_at(&s[name_end..])?;
        // A count with a word after it (`80条政务信息`) or a share is not an
        // item of this list.
        if name_end == at {
            return None;
        }
        items.push((value, unit));
        at = name_end + len;
        match s[at..].chars().next() {
            Some('、') => at += '、'.len_utf8(),
            _ => break,
        }
    }
    (items.len() >= 2).then_some((items, at))
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    for (path, part, text) in cx.report.narrative() {
        for (i, _) in text.match_indices("其中") {
            // The total right before 其中: `共…235条，其中` / `…235条。其中`.
            let before = text[..i].trim_end_matches(['，', ',', '。', '：', ':']);
            if text[..i].len() - before.len() > '，'.len_utf8() {
                continue;
            }
            let digits_at = before
                .char_indices()
                .rev()
                .take(12)
                .find(|(_, c)| !(c.is_ascii_digit() || "条件篇项个".contains(*c)))
                .map_or(0, |(k, c)| k + c.len_utf8());
            let Some((total, unit, len)) = count_at(&before[digits_at..]) else {
                continue;
            };
            if digits_at + len != before.len() {
                continue;
            }
            // A total is said as one: 共/累计/全年/总计/合计 in its clause.
            let clause_start = before[..digits_at]
                .rfind(['，', '。', '；', ',', ';'])
                .unwrap_or(0);
            if !["共", "累计", "总计", "合计"]
                .iter()
                .any(|w| before[clause_start..digits_at].contains(w))
            {
                continue;
            }
            let from = i + "其中".len();
            let Some((items, end)) = list_after(&text[from..]) else {
                continue;
            };
            if items.iter().any(|(_, u)| *u != unit) {
                continue;
            }
            let sum = crate::model::report::saturating_sum(items.iter().map(|(v, _)| *v));
            if sum <= total {
                continue;
            }
            let at = digits_at..from + end;
            out.push(
                Diagnostic::new(
                    &RULE,
                    format!(
                        "“{part}”中总数为{total}{unit}，“其中”所列{}项之和为{sum}{unit}，超过了总数",
                        items.len()
                    ),
                )
                .at(Some(super::locate(cx, &path, text, &at)))
                .help("核对总数和各项件数，改正其中错误的一处"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_after_qizhong() {
        let (items, _) = list_after("政务信息80条、政务公开154条、政策问答1条；").unwrap();
        assert_eq!(items, vec![(80, '条'), (154, '条'), (1, '条')]);
        assert!(list_after("政务信息80条，占34%").is_none());
        assert!(list_after("80条政务信息、1条问答").is_none());
        assert!(list_after("政务信息80条").is_none());
        assert!(list_after("").is_none());
    }
}
