//! GR0302 `row-total`: its documentation and its check over the model.

use super::{Applies, Ctx, Rule};
use crate::model::diagnostic::{Diagnostic, Severity};
use crate::model::*;

pub const RULE: Rule = Rule {
    code: "GR0302",
    name: "row-total",
    severity: Severity::Error,
    title: "表三某行所填总计不等于六类申请人之和",
    doc: r#"
## 检查什么
表三一行写了第 7 个数字（总计）时，它必须等于前 6 个数字（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他）之和。不写总计时由程序计算，不会出错。

## 为什么
“总计”一列是各类申请人的合计；导入已发布的报告时会保留原表的总计以便核对，手工填写时最好不写，由程序计算。

## 错误示例
```toml
[requests]
received = [1, 2, 0, 0, 0, 0, 4]
```

## 修正后
```toml
[requests]
received = [1, 2, 0, 0, 0, 0, 3]
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
    for (def, row) in T3_ROWS.iter().zip(q.rows.iter()) {
        if let Some(stated) = row.stated_total
            && stated != row.sum()
        {
            out.push(mismatch(cx, def.path, def.label, stated, row.sum()));
        }
    }
    if let Some(t) = q.stated_outcome_total {
        let sum = crate::model::report::saturating_sum(t[..6].iter().copied());
        if t[6] != sum {
            out.push(mismatch(
                cx,
                T3_OUTCOME_TOTAL_PATH,
                T3_OUTCOME_TOTAL_LABEL,
                t[6],
                sum,
            ));
        }
    }
}

fn mismatch(cx: &Ctx, path: &str, label: &str, stated: u64, sum: u64) -> Diagnostic {
    Diagnostic::disagree(
        &RULE,
        format!("“{label}”一行所填总计（{stated}）不等于六类申请人之和（{sum}）"),
        Some(cx.spans.best(path)),
        (3, label, "总计"),
        sum,
        stated,
    )
    .help(format!(
        "核对这一行的六个数字；总计也可以不写（只写 6 个数字），由程序计算为 {sum}"
    ))
}
