//! GR0702 `published-too-early`: its documentation and its check over the model.

use super::{Applies, Ctx, Rule};
use crate::model::diagnostic::{Diagnostic, Severity};

pub const RULE: Rule = Rule {
    code: "GR0702",
    name: "published-too-early",
    severity: Severity::Error,
    title: "发布日期早于报告年度结束",
    doc: r#"
## 检查什么
发布日期应在报告年度结束（12 月 31 日）之后。

## 为什么
年报统计的是全年 1 月 1 日至 12 月 31 日的数据，年度结束前发布的报告不可能完整；这通常是把年度或日期写错了一年。

## 错误示例
```toml
[agency]
year = 2024
published_on = 2024-01-20
```

## 修正后
```toml
[agency]
year = 2024
published_on = 2025-01-20
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
    let Some(published) = a.published_on else {
        return;
    };
    if a.year == 0 {
        return;
    }
    if published.year <= a.year {
        out.push(
            Diagnostic::new(
                &RULE,
                format!("发布日期 {} 早于 {} 年度结束", published.zh(), a.year),
            )
            .at(Some(cx.spans.best("agency.published_on")))
            .help(format!(
                "{} 年度报告应在 {} 年发布；核对 year 和 published_on",
                a.year,
                a.year + 1
            )),
        );
    }
}
