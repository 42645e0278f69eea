//! GR0901 `carried-over-continuity`: its documentation and its check over the model.

use super::{Applies, Ctx, Rule};
use crate::model::diagnostic::{Diagnostic, Severity};
use crate::model::*;

pub const RULE: Rule = Rule {
    code: "GR0901",
    name: "carried-over-continuity",
    severity: Severity::Error,
    title: "上年结转与上年度报告的结转下年度不一致",
    doc: r#"
## 检查什么
有上年度文件时（`--previous 上年.toml`，或同一目录下同一机关上一年度的文件），表三“二、上年结转政府信息公开申请数量”的每一列，都必须等于上年度报告“四、结转下年度继续办理”的同一列。

## 为什么
上年结转下来的申请就是本年接着办理的申请，两份报告必须对得上；对不上说明其中一份报告数字有误。

## 错误示例
```toml
# 上年度：carried_forward = [2, 0, 0, 0, 0, 0]
[requests]
carried_over = [0, 0, 0, 0, 0, 0]
```

## 修正后
```toml
# 上年度：carried_forward = [2, 0, 0, 0, 0, 0]
[requests]
carried_over = [2, 0, 0, 0, 0, 0]
```
"#,
    check: Some(check),
    audit: None,
    applies: Applies::Both,
    reads_prose: false,
    on_published: None,
};

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(prev) = &cx.previous else { return };
    if cx.broken.contains("requests") {
        return;
    }
    let now = &cx.report.requests.rows[T3_CARRIED_OVER];
    let before = &prev.report.requests.rows[T3_CARRIED_FORWARD];
    for c in 0..6 {
        if now.cells[c] != before.cells[c] {
            let path = format!("{}[{c}]", T3_ROWS[T3_CARRIED_OVER].path);
            let mut d = Diagnostic::disagree(
                &RULE,
                format!(
                    "上年结转（{}列）为 {}，但 {} 年度报告的结转下年度为 {}",
                    T3_COLUMNS[c], now.cells[c], prev.report.agency.year, before.cells[c]
                ),
                Some(cx.spans.best(&path)),
                (3, T3_ROWS[T3_CARRIED_OVER].label, T3_COLUMNS[c]),
                before.cells[c],
                now.cells[c],
            )
            .help("上年结转应照抄上年度报告“四、结转下年度继续办理”；如上年度报告有误，请说明");
            d.note = Some(format!("对照的上年度文件：{}", prev.name));
            out.push(d);
        }
    }
}
