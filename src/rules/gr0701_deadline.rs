//! GR0701 `deadline`: its documentation and its check over the model.

use super::{Applies, Ctx, Rule};
use crate::model::date::Date;
use crate::model::diagnostic::{Diagnostic, Severity};
use crate::model::{Level, Report};

pub const RULE: Rule = Rule {
    code: "GR0701",
    name: "deadline",
    severity: Severity::Warning,
    title: "发布日期晚于法定期限",
    doc: r#"
## 检查什么
政府部门（`level = "department"`）的年报应在次年 1 月 31 日前发布；县级以上人民政府本级（`level = "government"`）应在次年 3 月 31 日前发布。

## 为什么
《政府信息公开条例》第四十九条、第五十条规定了发布期限；国办公开办函〔2021〕30号把“不按时发布”列为年报的主要问题之一。
逾期是警告而不是错误：逾期的报告仍须发布，拒绝生成对谁都没有帮助；`summary` 和 `audit --summary` 统计逾期发布的份数。

## 错误示例
```toml
[agency]
year = 2024
level = "department"
published_on = 2025-02-10
```

## 修正后
```toml
[agency]
year = 2024
level = "department"
published_on = 2025-01-20
```
"#,
    check: Some(check),
    audit: None,
    applies: Applies::Both,
    reads_prose: false,
    on_published: None,
};

/// The statutory deadline for a report year and level.
pub fn deadline(report: &Report) -> Option<Date> {
    let y = report.agency.year.checked_add(1)?;
    match report.agency.level {
        Level::Department => Date::new(y, 1, 31),
        Level::Government => Date::new(y, 3, 31),
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let r = cx.report;
    let (Some(published), Some(due)) = (r.agency.published_on, deadline(r)) else {
        return;
    };
    if r.agency.year == 0 {
        return;
    }
    if published > due {
        out.push(
            Diagnostic::new(
                &RULE,
                format!(
                    "发布日期 {} 晚于{}年报的法定期限 {}（《政府信息公开条例》第四十九条）",
                    published.zh(),
                    r.agency.level.zh(),
                    due.zh()
                ),
            )
            .at(Some(cx.spans.best("agency.published_on")))
            .help(format!(
                "报告仍须尽快发布；如实际在 {} 前已发布，把 published_on 改为实际发布日期",
                due.zh()
            )),
        );
    }
}
