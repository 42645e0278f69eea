//! GR0401 `review-total`: its documentation and its check over the model.

use super::{Applies, Ctx, Rule};
use crate::model::diagnostic::{Diagnostic, Severity};
use crate::model::*;

pub const RULE: Rule = Rule {
    code: "GR0401",
    name: "review-total",
    severity: Severity::Error,
    title: "表四所填总计不等于四项之和",
    doc: r#"
## 检查什么
表四中行政复议、未经复议直接起诉、复议后起诉三组，写了第 5 个数字（总计）时，它必须等于 结果维持 + 结果纠正 + 其他结果 + 尚未审结。

## 为什么
总计是这四种结果的合计。已发布的报告中常见总计填 0 而各项不为 0 的错误。

## 错误示例
```toml
[reviews]
reconsideration = [10, 1, 0, 0, 0]
```

## 修正后
```toml
[reviews]
reconsideration = [10, 1, 0, 0, 11]
```
"#,
    check: Some(check),
    audit: None,
    applies: Applies::Both,
    reads_prose: false,
    on_published: None,
};

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    if cx.broken.contains("reviews") {
        return;
    }
    for ((path, label), row) in T4_ROWS.iter().zip(cx.report.reviews.rows.iter()) {
        if let Some(stated) = row.stated_total
            && stated != row.sum()
        {
            let sum = row.sum();
            out.push(
                Diagnostic::disagree(&RULE,
                    format!("{label}的总计（{stated}）不等于结果维持、结果纠正、其他结果、尚未审结之和（{sum}）"), Some(cx.spans.best(path)), (4, label, "总计"), sum, stated)
                .help(format!("核对这四个数字；总计也可以不写（只写 4 个数字），由程序计算为 {sum}")),
            );
        }
    }
}
