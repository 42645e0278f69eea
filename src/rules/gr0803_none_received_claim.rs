//! GR0803 `none-received-claim`: its documentation and its check over the model.

use super::narrative::says_none_received;
use super::{Applies, Ctx, Rule};
use crate::model::diagnostic::{Diagnostic, Severity};
use crate::model::*;

pub const RULE: Rule = Rule {
    code: "GR0803",
    name: "none-received-claim",
    severity: Severity::Warning,
    title: "正文说未收到申请，表格却有申请",
    doc: r#"
## 检查什么
正文说“未收到政府信息公开申请”，而表三“本年新收政府信息公开申请数量”的总计大于 0。

## 为什么
这是正文沿用往年文字、忘记按本年表格修改时最常见的矛盾。

## 错误示例
```toml
[overview]
on_request = "本年度未收到政府信息公开申请。"

[requests]
received = [2, 0, 0, 0, 0, 0]
```

## 修正后
```toml
[overview]
on_request = "本年度收到政府信息公开申请2件，均按时答复。"

[requests]
received = [2, 0, 0, 0, 0, 0]
```
"#,
    check: Some(check),
    audit: None,
    applies: Applies::Both,
    reads_prose: true,
    on_published: None,
};

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    if cx.broken.contains("requests") {
        return;
    }
    let received = cx.report.requests.rows[T3_RECEIVED].sum();
    if received == 0 {
        return;
    }
    for (path, part, text) in cx.report.narrative() {
        if let Some(range) = says_none_received(text) {
            let quote = &text[range.clone()];
            out.push(
                Diagnostic::disagree(
                    &RULE,
                    format!("“{part}”中说“{quote}”，但表三本年新收申请为 {received} 件"),
                    Some(super::locate(cx, &path, text, &range)),
                    (3, T3_ROWS[T3_RECEIVED].label, "总计"),
                    received,
                    0,
                )
                .help("按表三改写正文，说明本年收到和办理申请的件数"),
            );
        }
    }
}
