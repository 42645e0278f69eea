//! GR0009 `year-range`: its documentation and its check over the model.

use super::{Applies, Ctx, Rule};
use crate::model::diagnostic::{Diagnostic, Severity};

pub const RULE: Rule = Rule {
    code: "GR0009",
    name: "year-range",
    severity: Severity::Error,
    title: "报告年度不在适用范围内",
    doc: r#"
## 检查什么
报告年度应在 2021 年及以后（现行格式自 2021 年度报告起适用），且不晚于今年。

## 为什么
国办公开办函〔2021〕30号印发的格式自 2021 年度报告起施行；更早的年度使用旧格式，表格栏目不同。晚于今年的年度多半是把发布年份当成了报告年度。

## 错误示例
```toml
[agency]
year = 2019
```

## 修正后
```toml
[agency]
year = 2024
```
"#,
    check: Some(check),
    audit: None,
    applies: Applies::Both,
    reads_prose: false,
    on_published: None,
};

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let year = cx.report.agency.year;
    let Some(span) = cx.spans.value("agency.year") else {
        return;
    };
    if cx.broken.contains("agency.year") {
        return; // unreadable: reported while reading
    }
    if year < 2021 {
        out.push(
            Diagnostic::new(
                &RULE,
                format!("年度 {year} 早于 2021 年，不适用现行年报格式"),
            )
            .at(Some(span))
            .help("本工具按国办公开办函〔2021〕30号格式生成 2021 年度及以后的报告；请核对年度"),
        );
    } else if year > cx.today.year {
        out.push(
            Diagnostic::new(&RULE, format!("年度 {year} 晚于今年（{}）", cx.today.year))
                .at(Some(span))
                .help(format!(
                    "year 是报告所统计的年度，不是发布的年份：{} 年初发布的是 {} 年度报告",
                    cx.today.year,
                    cx.today.year - 1
                )),
        );
    }
}
