//! GR0301 `column-balance`: its documentation and its check over the model.

use super::{Applies, Ctx, Rule};
use crate::model::diagnostic::{Diagnostic, Severity};
use crate::model::report::saturating_sum;
use crate::model::*;

pub const RULE: Rule = Rule {
    code: "GR0301",
    name: "column-balance",
    severity: Severity::Error,
    title: "表三各列勾稽关系不成立",
    doc: r#"
## 检查什么
表三每一列都要满足表中注明的勾稽关系：第一项加第二项之和，等于第三项加第四项之和，即
本年新收 + 上年结转 = 本年度办理结果（七）总计 + 结转下年度继续办理。
六类申请人各列逐一核对；“总计”列在各行总计无误时（见 GR0302、GR0303）随之成立。

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
    audit: None,
    applies: Applies::Both,
    reads_prose: false,
    on_published: None,
};

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    if cx.broken.contains("requests") {
        return;
    }
    let q = &cx.report.requests;
    let rows = &q.rows;
    // Balance is checked on the figures themselves. Stated totals (the 总计
    // column, a stated （七）总计) are checked against the figures by GR0302 and
    // GR0303; once those hold, the 总计 column balances exactly when the six
    // applicant columns do, so checking it here would only repeat a finding.
    let at = Some(cx.spans.best(T3_ROWS[T3_RECEIVED].path));
    for (c, col) in T3_COLUMNS.iter().enumerate().take(6) {
        let v = |i: usize| rows[i].cells[c];
        let outcome = saturating_sum(rows[T3_OUTCOMES].iter().map(|r| r.cells[c]));
        let lhs = v(T3_RECEIVED).saturating_add(v(T3_CARRIED_OVER));
        let rhs = outcome.saturating_add(v(T3_CARRIED_FORWARD));
        if lhs != rhs {
            out.push(
                Diagnostic::disagree(
                    &RULE,
                    format!(
                        "第一项加第二项之和（{lhs}）不等于第三项加第四项之和（{rhs}）：{col}列"
                    ),
                    at.clone(),
                    (3, T3_ROWS[T3_RECEIVED].label, col),
                    rhs,
                    lhs,
                )
                .help(format!(
                    "核对“本年新收”“上年结转”“办理结果”“结转下年度”四项在{col}一列的数字"
                )),
            );
        }
    }
}
