//! GR0703 `local-deadline`: its documentation and its check over the model.

use super::{Applies, Ctx, Rule};
use crate::model::diagnostic::{Diagnostic, Severity};

pub const RULE: Rule = Rule {
    code: "GR0703",
    name: "local-deadline",
    severity: Severity::Warning,
    title: "发布日期晚于地方规定的期限",
    doc: r#"
## 检查什么
省级配置（`--profile`）在 `style.toml` 的 `[deadline]` 中规定了早于法定期限的地方期限时，发布日期晚于地方期限、但未超过法定期限。

## 为什么
不少省市要求部门年报早于 1 月 31 日报送或发布，以便汇总；这不违反条例，但不符合地方要求。

## 错误示例
```toml
# style.toml 中：[deadline] department = "01-25"
[agency]
year = 2024
published_on = 2025-01-28
```

## 修正后
```toml
[agency]
year = 2024
published_on = 2025-01-24
```
"#,
    check: Some(check),
    audit: None,
    applies: Applies::Both,
    reads_prose: false,
    on_published: None,
};

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let a = &cx.report.agency;
    let (Some(published), Some(local), Some(statutory)) = (
        a.published_on,
        cx.config.local_deadline,
        super::deadline(cx.report),
    ) else {
        return;
    };
    if published > local && published <= statutory {
        let mut d = Diagnostic::new(
            &RULE,
            format!(
                "发布日期 {} 晚于地方规定的 {}（法定期限 {} 之内）",
                published.zh(),
                local.zh(),
                statutory.zh()
            ),
        )
        .at(Some(cx.spans.best("agency.published_on")))
        .help(format!("按地方要求在 {} 前发布", local.zh()));
        d.note = Some(format!(
            "地方期限由省级配置 {} 规定",
            cx.config.profile_name
        ));
        out.push(d);
    }
}
