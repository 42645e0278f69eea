//! GR0303 `outcome-total`: its documentation and its check over the model.

use super::{Applies, Ctx, Rule};
use crate::model::diagnostic::{Diagnostic, Severity};
use crate::model::*;

pub const RULE: Rule = Rule {
    code: "GR0303",
    name: "outcome-total",
    severity: Severity::Error,
    title: "表三所填（七）总计不等于各项办理结果之和",
    doc: r#"
## 检查什么
`[requests.outcomes]` 中写了 `total`（（七）总计，7 个数字）时，每一列都必须等于（一）至（六）共 21 行办理结果在该列的合计。不写时由程序计算。

## 为什么
（七）总计是本年度办理结果的合计，也是勾稽关系中的“第三项”；写错会使整张表自相矛盾。

## 错误示例
```toml
[requests.outcomes]
disclosed = [1, 0, 0, 0, 0, 0]
partially_disclosed = [1, 0, 0, 0, 0, 0]
total = [3, 0, 0, 0, 0, 0, 3]
```

## 修正后
```toml
[requests.outcomes]
disclosed = [1, 0, 0, 0, 0, 0]
partially_disclosed = [1, 0, 0, 0, 0, 0]
total = [2, 0, 0, 0, 0, 0, 2]
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
    let Some(stated) = q.stated_outcome_total else {
        return;
    };
    let computed = q.outcome_total();
    for (c, col) in T3_COLUMNS.iter().enumerate() {
        if stated[c] != computed[c] {
            out.push(
                Diagnostic::disagree(
                    &RULE,
                    format!(
                        "（七）总计的{col}列（{}）不等于（一）至（六）各项之和（{}）",
                        stated[c], computed[c]
                    ),
                    Some(cx.spans.best(&format!("{T3_OUTCOME_TOTAL_PATH}[{c}]"))),
                    (3, T3_OUTCOME_TOTAL_LABEL, col),
                    computed[c],
                    stated[c],
                )
                .help(format!(
                    "核对{col}一列各项办理结果；total 也可以删去，由程序计算"
                )),
            );
        }
    }
}
