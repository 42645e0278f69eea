//! GR0602 `fee-consistency`: its documentation and its check over the model.

use super::{Applies, Ctx, Rule};
use crate::model::diagnostic::{Diagnostic, Severity};

pub const RULE: Rule = Rule {
    code: "GR0602",
    name: "fee-consistency",
    severity: Severity::Warning,
    title: "信息处理费的三个数字互相矛盾",
    doc: r#"
## 检查什么
收费通知件数、通知金额、实收金额应当相互一致：有通知金额就应有通知件数，有通知件数就应有通知金额，实收金额不应超过通知金额。

## 为什么
第六部分的信息处理费句子由这三个数字生成；矛盾的数字会使发布的句子自相矛盾。

## 错误示例
```toml
[other]
fee_notices = 1
fee_notice_amount = 100
fees_collected = 300
```

## 修正后
```toml
[other]
fee_notices = 1
fee_notice_amount = 300
fees_collected = 300
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
    let amount = &o.fee_notice_amount;
    let collected = &o.fees_collected;
    let problem = if o.fee_notices == 0 && !amount.is_zero() {
        Some((
            "other.fee_notice_amount",
            format!("收费通知金额为 {} 元，但收费通知件数为 0", amount.text),
        ))
    } else if o.fee_notices > 0 && amount.is_zero() {
        Some((
            "other.fee_notices",
            format!("发出收费通知 {} 件，但通知金额为 0", o.fee_notices),
        ))
    } else if o.fee_notices > 0 && collected.value > amount.value {
        Some((
            "other.fees_collected",
            format!(
                "实收 {} 元，多于收费通知金额 {} 元",
                collected.text, amount.text
            ),
        ))
    } else {
        None
    };
    if let Some((path, msg)) = problem {
        out.push(
            Diagnostic::new(&RULE, msg)
                .at(Some(cx.spans.best(path)))
                .help("核对 [other] 的 fee_notices、fee_notice_amount、fees_collected 三个数字"),
        );
    }
}
