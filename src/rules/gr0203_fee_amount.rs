//! GR0203 `fee-amount`: its documentation and its check over the model.

use super::{Applies, Ctx, Rule};
use crate::model::diagnostic::{Diagnostic, Severity};

pub const RULE: Rule = Rule {
    code: "GR0203",
    name: "fee-amount",
    severity: Severity::Error,
    title: "行政事业性收费金额无效",
    doc: r#"
## 检查什么
表二“行政事业性收费”金额（万元）不能为负数，小数不超过 6 位（即精确到 0.01 元）。

## 为什么
收费金额不可能为负；超过 6 位小数已小于 1 分钱，说明是计算中间结果被直接复制过来。

## 错误示例
```toml
[proactive]
fees = 1.23456789
```

## 修正后
```toml
[proactive]
fees = 1.234568
```
"#,
    check: Some(check),
    audit: None,
    applies: Applies::Both,
    reads_prose: false,
    on_published: None,
};

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let fees = &cx.report.proactive.fees;
    let at = Some(cx.spans.best("proactive.fees"));
    if fees.value.is_sign_negative() && !fees.value.is_zero() {
        out.push(
            Diagnostic::new(&RULE, format!("行政事业性收费金额是负数（{}）", fees.text))
                .at(at)
                .cell(2, "行政事业性收费", "本年收费金额（单位：万元）")
                .help("没有收费就填 0"),
        );
    } else if fees.value.scale() > 6 {
        out.push(
            Diagnostic::new(
                &RULE,
                format!(
                    "行政事业性收费金额 {} 有 {} 位小数",
                    fees.text,
                    fees.value.scale()
                ),
            )
            .at(at)
            .cell(2, "行政事业性收费", "本年收费金额（单位：万元）")
            .help(format!(
                "单位是万元，最多保留 6 位小数（到分），例如 {}",
                fees.value.round_dp(6).normalize()
            )),
        );
    }
}
