//! GR0601 `processing-fee`: its documentation and its check over the model.

use super::{Applies, Ctx, Rule};
use crate::model::diagnostic::{Diagnostic, Severity};

pub const RULE: Rule = Rule {
    code: "GR0601",
    name: "processing-fee",
    severity: Severity::Error,
    title: "收取了信息处理费却没有发出收费通知",
    doc: r#"
## 检查什么
“六、其他需要报告的事项”必须说明信息处理费情况，本工具根据 `[other]` 的三个数字自动生成这句话。实际收取了费用（`fees_collected` 大于 0），收费通知件数（`fee_notices`）却为 0，是不可能的。

## 为什么
《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）规定，收费须先向申请人发出收费通知；国办公开办函〔2021〕30号要求在年报第六部分报告收费情况。

## 错误示例
```toml
[other]
fee_notices = 0
fee_notice_amount = 0
fees_collected = 100
```

## 修正后
```toml
[other]
fee_notices = 1
fee_notice_amount = 100
fees_collected = 100
```
"#,
    check: Some(check),
    audit: None,
    applies: Applies::Both,
    reads_prose: false,
    on_published: None,
};

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let o = &cx.report.other;
    if o.fee_notices == 0
        && !o.fees_collected.is_zero()
        && !o.fees_collected.value.is_sign_negative()
    {
        out.push(
            Diagnostic::new(&RULE,
                format!("实际收取信息处理费 {} 元，但发出收费通知 0 件", o.fees_collected.text),
            )
            .at(Some(cx.spans.best("other.fees_collected")))
            .help("收费前须发出收费通知：填写 fee_notices（件数）和 fee_notice_amount（通知金额，元）；未收费则 fees_collected = 0"),
        );
    }
}
