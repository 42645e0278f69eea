//! GR0809 `old-outcome-words`: its documentation and its check over the model.

use super::{Applies, Ctx, Rule};
use crate::model::diagnostic::{Diagnostic, Severity};

pub const RULE: Rule = Rule {
    code: "GR0809",
    name: "old-outcome-words",
    severity: Severity::Warning,
    title: "正文用旧格式的办理结果分类统计申请",
    doc: r#"
## 检查什么
正文说明依申请公开的办理结果时，用 2019 年以前格式的分类计数（“信息不存在1件”“告知通过其他途径办理2件”“不属于政府信息1件”“同意部分公开3件”……），而现行格式（国办公开办函〔2021〕30号）表三没有这些分类。只看后面紧跟件数的说法；“经检索，该信息不存在”这样的叙述不报。

## 为什么
正文和表三应使用同一套办理结果分类，读者才能对照；旧分类是沿用旧模板的痕迹，表三也常因此填错行。

## 错误示例
```toml
[overview]
on_request = "全年收到申请5件，其中同意公开3件，信息不存在1件，告知通过其他途径办理1件。"
```

## 修正后
```toml
[overview]
on_request = "全年收到申请5件，其中予以公开3件，本机关不掌握相关政府信息1件，其他处理1件。"
```
"#,
    check: Some(check),
    audit: None,
    applies: Applies::Both,
    reads_prose: true,
    on_published: None,
};

/// Outcome categories of the formats before 2019, longest first, with the
/// category of the current table 三 that takes their cases.
const OLD: [(&str, &str); 10] = [
    ("告知通过其他途径办理", "（五）不予处理或（六）其他处理"),
    (
        "不属于本行政机关公开",
        "（四）无法提供—1.本机关不掌握相关政府信息",
    ),
    ("属于已主动公开范围", "（一）予以公开"),
    (
        "告知作出更改补充",
        "（四）无法提供—3.补正后申请内容仍不明确",
    ),
    (
        "不属于本机关公开",
        "（四）无法提供—1.本机关不掌握相关政府信息",
    ),
    ("不属于政府信息", "（五）不予处理"),
    ("告知其他途径", "（五）不予处理或（六）其他处理"),
    ("同意部分公开", "（二）部分公开"),
    ("信息不存在", "（四）无法提供—1.本机关不掌握相关政府信息"),
    ("不同意公开", "（三）不予公开"),
];

/// The count right after a category (`1件`, `的2件`, `为三件`): its end.
fn count_after(s: &str) -> Option<usize> {
    let lead = ["的", "为", "共", "类"]
        .iter()
        .find(|w| s.starts_with(**w))
        .map_or(0, |w| w.len());
    let rest = &s[lead..];
    let digits = rest
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || "零一二两三四五六七八九十百".contains(*c)))
        .map_or(rest.len(), |(i, _)| i);
    if digits == 0 {
        return None;
    }
    let unit = rest[digits..].chars().next()?;
    "件条个项次"
        .contains(unit)
        .then(|| lead + digits + unit.len_utf8())
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    for (path, part, text) in cx.report.narrative() {
        let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
        for (word, now) in OLD {
            for (i, _) in text.match_indices(word) {
                let end = i + word.len();
                if taken.iter().any(|r| r.start <= i && i < r.end) {
                    continue;
                }
                let Some(n) = count_after(&text[end..]) else {
                    continue;
                };
                taken.push(i..end + n);
                let at = i..end + n;
                out.push(
                    Diagnostic::new(
                        &RULE,
                        format!(
                            "“{part}”用旧格式的办理结果分类“{}”统计申请",
                            &text[at.clone()]
                        ),
                    )
                    .at(Some(super::locate(cx, &path, text, &at)))
                    .help(format!(
                        "现行格式（国办公开办函〔2021〕30号）表三没有“{word}”一类，这类申请按情况计入{now}；正文与表三用同一套分类"
                    )),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_category_with_its_count() {
        assert_eq!(count_after("1件，"), Some(4));
        assert_eq!(count_after("的2件"), Some(7));
        assert_eq!(count_after("三件"), Some(6));
        assert_eq!(count_after("，已告知申请人"), None);
        assert_eq!(count_after("12"), None);
        assert_eq!(count_after(""), None);
    }
}
