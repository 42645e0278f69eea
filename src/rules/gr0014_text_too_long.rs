//! GR0014 `text-too-long`: its documentation and its check over the model.

use super::{Applies, Ctx, Rule};
use crate::model::diagnostic::{Diagnostic, Severity};

pub const RULE: Rule = Rule {
    code: "GR0014",
    name: "text-too-long",
    severity: Severity::Error,
    title: "文字过长",
    doc: r#"
## 检查什么
一个文字字段超过 50 000 字，或全部文字合计超过 200 000 字。

## 为什么
一份年报的每个部分通常只有几百到几千字，全文一两万字。超过这个量级的文字几乎都是误粘贴
（整份文件、网页源码、重复了上千遍的段落），照样生成会得到几千页的 PDF，耗尽电脑或服务器的内存。

## 错误示例
```toml
[overview]
proactive = """
（误把整本汇编粘贴进来，几十万字）……
"""
```

## 修正后
```toml
[overview]
proactive = "全年主动公开政府信息235条，其中……"
```
"#,
    check: Some(check),
    audit: None,
    applies: Applies::AgencyFile,
    reads_prose: false,
    on_published: None,
};

/// Longest text of one field, in characters.
pub const FIELD_LIMIT: usize = 50_000;
/// Longest text of all fields together.
pub const TOTAL_LIMIT: usize = 200_000;

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let mut total = 0;
    for (path, part, text) in cx.report.narrative() {
        let n = text.chars().count();
        total += n;
        if n > FIELD_LIMIT {
            out.push(
                Diagnostic::new(
                    &RULE,
                    format!("“{part}”有 {n} 字，超过一个字段的上限 {FIELD_LIMIT} 字"),
                )
                .at(Some(cx.spans.key_or_best(&path)))
                .help("检查是否误粘贴了整份文件或重复的内容；年报每一部分通常只有几百到几千字"),
            );
        }
    }
    if total > TOTAL_LIMIT && !out.iter().any(|d| d.code == RULE.code) {
        out.push(
            Diagnostic::new(
                &RULE,
                format!("全部文字合计 {total} 字，超过上限 {TOTAL_LIMIT} 字"),
            )
            .at(Some(cx.spans.best("overview")))
            .help("检查是否误粘贴了大段重复的内容；一份年报全文通常一两万字"),
        );
    }
}
