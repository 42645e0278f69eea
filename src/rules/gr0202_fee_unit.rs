//! GR0202 `fee-unit`: its documentation and its check over the model.

use super::{Applies, Ctx, Rule};
use crate::model::diagnostic::{Diagnostic, Severity};
use rust_decimal::Decimal;

pub const RULE: Rule = Rule {
    code: "GR0202",
    name: "fee-unit",
    severity: Severity::Warning,
    title: "行政事业性收费金额疑似按元填写",
    doc: r#"
## 检查什么
表二“行政事业性收费”的单位是万元。金额达到 100000（即 10 亿元）时，多半是按元填写了。

## 为什么
表格栏目写明“本年收费金额（单位：万元）”；按元填写会把金额放大一万倍。

## 错误示例
```toml
[proactive]
fees = 125000
```

## 修正后
```toml
[proactive]
fees = 12.5
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
    if fees.value >= Decimal::from(100_000) {
        let wan = fees.value / Decimal::from(10_000);
        out.push(
            Diagnostic::new(
                &RULE,
                format!("行政事业性收费 {} 万元，疑似按元填写", fees.text),
            )
            .at(Some(cx.spans.best("proactive.fees")))
            .cell(2, "行政事业性收费", "本年收费金额（单位：万元）")
            .help(format!(
                "单位是万元：如果 {} 是元，应填 {}",
                fees.text,
                wan.normalize()
            )),
        );
    }
}
