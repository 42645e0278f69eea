use super::{Ctx, Rule};
use crate::diag::{Diagnostic, Severity};
use crate::model::*;

pub const RULE: Rule = Rule {
    code: "GR0301",
    name: "column-balance",
    severity: Severity::Error,
    title: "表三各列勾稽关系不成立",
    doc: r#"
## 检查什么
表三每一列（六类申请人和总计）都要满足表中注明的勾稽关系：第一项加第二项之和，等于第三项加第四项之和，即
本年新收 + 上年结转 = 本年度办理结果（七）总计 + 结转下年度继续办理。

## 为什么
这是国办公开办函〔2021〕30号表格中印明的关系：每一件申请要么在本年办结，要么结转下年。不成立说明有申请被漏记或重记，是年报评估中扣分最多的错误。

## 错误示例
```toml
[requests]
received = [1, 0, 0, 0, 0, 0]
carried_over = [0, 0, 0, 0, 0, 0]
carried_forward = [0, 0, 0, 0, 0, 0]

[requests.outcomes]
disclosed = [2, 0, 0, 0, 0, 0]
```

## 修正后
```toml
[requests]
received = [2, 0, 0, 0, 0, 0]
carried_over = [0, 0, 0, 0, 0, 0]
carried_forward = [0, 0, 0, 0, 0, 0]

[requests.outcomes]
disclosed = [2, 0, 0, 0, 0, 0]
```
"#,
    check: Some(check),
};

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    if cx.broken.contains("requests") {
        return;
    }
    let q = &cx.report.requests;
    let rows = &q.rows;
    let outcome = q.stated_outcome_total.unwrap_or_else(|| q.outcome_total());
    // The 总计 column follows from the six others unless the file states totals of
    // its own; checking it then would only repeat the same finding.
    let any_stated =
        q.stated_outcome_total.is_some() || rows.iter().any(|r| r.stated_total.is_some());
    let columns = if any_stated { 7 } else { 6 };
    let at = Some(cx.spans.best(T3_ROWS[T3_RECEIVED].path));
    for (c, col) in T3_COLUMNS.iter().enumerate().take(columns) {
        let v = |i: usize| rows[i].with_total()[c];
        let lhs = v(T3_RECEIVED) + v(T3_CARRIED_OVER);
        let rhs = outcome[c] + v(T3_CARRIED_FORWARD);
        if lhs != rhs {
            out.push(
                Diagnostic::new(
                    "GR0301",
                    format!(
                        "第一项加第二项之和（{lhs}）不等于第三项加第四项之和（{rhs}）：{col}列"
                    ),
                )
                .at(at.clone())
                .cell(3, T3_ROWS[T3_RECEIVED].label, col)
                .numbers(rhs, lhs)
                .help(format!(
                    "核对“本年新收”“上年结转”“办理结果”“结转下年度”四项在{col}一列的数字"
                )),
            );
        }
    }
}
