//! GR0903 `repeated-text`: its documentation and its check over the model.

use std::collections::HashSet;

use super::narrative::sentences;
use super::{Applies, Ctx, Rule};
use crate::model::Report;
use crate::model::diagnostic::{Diagnostic, Severity};

pub const RULE: Rule = Rule {
    code: "GR0903",
    name: "repeated-text",
    severity: Severity::Warning,
    title: "正文与上年度报告雷同",
    doc: r#"
## 检查什么
有上年度文件时，把两年正文按句比较（去掉数字和空白后）：本年超过 80% 的句子与上年度相同，即为“内容雷同”。至少有 5 句时才比较。

## 为什么
国办公开办函〔2021〕30号明确把“内容雷同”列为年报的问题：只改数字、照抄上年文字的报告不能反映本年工作。

## 错误示例
本年度各部分文字与上年度报告逐句相同，只改了年份和数字。

## 修正后
按本年实际工作重写各部分：本年新做了什么、遇到什么问题、采取了哪些措施。
"#,
    check: Some(check),
    audit: None,
    applies: Applies::Both,
    reads_prose: true,
    on_published: None,
};

/// Sentences with digits and white space removed (so changed figures do not hide a copy).
fn normalised(r: &Report) -> Vec<String> {
    let mut out = Vec::new();
    for (path, _, text) in r.narrative() {
        if path.starts_with("agency.") {
            continue;
        }
        for s in sentences(text) {
            let n: String = text[s]
                .chars()
                .filter(|c| {
                    !c.is_ascii_digit()
                        && !c.is_whitespace()
                        && !"零〇一二两三四五六七八九十".contains(*c)
                })
                .collect();
            if n.chars().count() >= 6 {
                out.push(n);
            }
        }
    }
    out
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(prev) = &cx.previous else { return };
    let now = normalised(cx.report);
    if now.len() < 5 {
        return;
    }
    let before: HashSet<String> = normalised(prev.report).into_iter().collect();
    let same = now.iter().filter(|s| before.contains(*s)).count();
    let share = same as f64 / now.len() as f64;
    if share > 0.8 {
        let mut d = Diagnostic::new(
            &RULE,
            format!(
                "正文 {} 句中有 {same} 句与 {} 年度报告相同（{:.0}%）",
                now.len(),
                prev.report.agency.year,
                share * 100.0
            ),
        )
        .at(Some(cx.spans.key_or_best("overview")))
        .help("按本年实际工作重写正文；只改数字的报告属于“内容雷同”");
        d.note = Some(format!("对照的上年度文件：{}", prev.name));
        out.push(d);
    }
}
