//! GR0008 `required-field`: its documentation and its check over the model.

use super::{Applies, Ctx, Rule};
use crate::model::diagnostic::{Diagnostic, Severity};

pub const RULE: Rule = Rule {
    code: "GR0008",
    name: "required-field",
    severity: Severity::Error,
    title: "缺少必填内容",
    doc: r#"
## 检查什么
必填：机关名称、年度、level；“一、总体情况”的五个部分（主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障）；“五、存在的主要问题及改进情况”中的本年度问题和改进措施。空文字等于没填。

## 为什么
国办公开办函〔2021〕30号规定了年报的六部分内容，要求“不能遗漏”；缺少任何一部分都是不合格的报告。

## 错误示例
```toml
[overview]
proactive = "全年主动公开政府信息235条。"
on_request = ""
```

## 修正后
```toml
[overview]
proactive = "全年主动公开政府信息235条。"
on_request = "全年收到政府信息公开申请1件，均按时办结。"
management = "……"
platforms = "……"
oversight = "……"
```
"#,
    check: Some(check),
    audit: None,
    applies: Applies::AgencyFile,
    reads_prose: false,
    on_published: None,
};

/// (table, key, what the user sees, example)
const REQUIRED: &[(&str, &str, &str)] = &[
    ("agency", "name", "机关名称"),
    ("agency", "year", "报告年度"),
    ("agency", "level", "机关类别（department 或 government）"),
    ("overview", "proactive", "（一）主动公开"),
    ("overview", "on_request", "（二）依申请公开"),
    ("overview", "management", "（三）政府信息管理"),
    ("overview", "platforms", "（四）政府信息公开平台建设"),
    ("overview", "oversight", "（五）监督保障"),
    ("problems", "current_year", "本年度存在的主要问题"),
    ("problems", "measures", "改进措施"),
];

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let r = cx.report;
    let mut missing_tables: Vec<&str> = Vec::new();
    for &(table, key, what) in REQUIRED {
        let path = format!("{table}.{key}");
        let table_present = cx.spans.key(table).is_some();
        if !table_present {
            if !missing_tables.contains(&table) {
                missing_tables.push(table);
                let (title, keys) = match table {
                    "agency" => ("机关信息", "name、year、level"),
                    "overview" => (
                        "一、总体情况",
                        "proactive、on_request、management、platforms、oversight",
                    ),
                    _ => (
                        "五、存在的主要问题及改进情况",
                        "previous_year、current_year、measures",
                    ),
                };
                out.push(
                    Diagnostic::new(&RULE, format!("缺少 [{table}]（{title}）"))
                        .at(Some(0..0))
                        .help(format!(
                            "添加 [{table}] 一节并填写 {keys}；可运行 govreport init 生成完整模板"
                        )),
                );
            }
            continue;
        }
        let empty = match path.as_str() {
            "agency.name" => r.agency.name.trim().is_empty(),
            // A year or level that is present but invalid has its own rule.
            "agency.year" | "agency.level" => cx.spans.value(&path).is_none(),
            "overview.proactive" => r.overview.proactive.trim().is_empty(),
            "overview.on_request" => r.overview.on_request.trim().is_empty(),
            "overview.management" => r.overview.management.trim().is_empty(),
            "overview.platforms" => r.overview.platforms.trim().is_empty(),
            "overview.oversight" => r.overview.oversight.trim().is_empty(),
            "problems.current_year" => r.problems.current_year.trim().is_empty(),
            "problems.measures" => r.problems.measures.trim().is_empty(),
            _ => false,
        };
        if empty {
            let example = match key {
                "year" => "year = 2024".to_string(),
                "level" => "level = \"department\"".to_string(),
                _ => format!("{key} = \"……\""),
            };
            out.push(
                Diagnostic::new(&RULE, format!("“{what}”没有填写（{path}）"))
                    .at(Some(cx.spans.key_or_best(&path)))
                    .help(format!("在 [{table}] 下填写 {example}")),
            );
        }
    }
}
