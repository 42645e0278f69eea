//! GR0805 `government-content`: its documentation and its check over the model.

use super::{Applies, Ctx, OnPublished, Rule};
use crate::model::Level;
use crate::model::diagnostic::{Diagnostic, Severity};

pub const RULE: Rule = Rule {
    code: "GR0805",
    name: "government-content",
    severity: Severity::Error,
    title: "人民政府年报缺少工作考核、社会评议和责任追究结果情况",
    doc: r#"
## 检查什么
`level = "government"`（县级以上人民政府本级）的年报必须说明政府信息公开工作考核、社会评议和责任追究结果情况；正文中没有“考核”“评议”“责任追究”的说明时报错，并列出缺少的项。

## 为什么
《政府信息公开条例》第五十条规定，政府信息公开工作年度报告应当包括“政府信息公开工作考核、社会评议和责任追究结果情况”。

## 错误示例
```toml
[agency]
level = "government"

[overview]
oversight = "加强对政务公开工作的监督检查。"
```

## 修正后
```toml
[agency]
level = "government"

[overview]
oversight = "将政务公开纳入年度综合考核，各部门考核结果均为合格以上；开展社会评议1次；本年度未发生责任追究情况。"
```
"#,
    check: Some(check),
    audit: None,
    applies: Applies::Both,
    reads_prose: true,
    // Read from keywords: on a published report a strong hint, not proof;
    // and a cut text lacks its end, where the content may stand.
    on_published: Some(OnPublished {
        severity: Severity::Warning,
        note: "已发布的报告按关键词判断，作为警告提示；请人工核对原文",
        needs_whole_text: true,
    }),
};

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let r = cx.report;
    if r.agency.level != Level::Government {
        return;
    }
    let all: String = r
        .narrative()
        .into_iter()
        .map(|(_, _, t)| t.replace(' ', ""))
        .collect();
    let missing: Vec<&str> = [
        ("考核", "工作考核"),
        ("评议", "社会评议"),
        ("责任追究", "责任追究结果"),
    ]
    .into_iter()
    .filter(|(k, _)| !all.contains(k))
    .map(|(_, name)| name)
    .collect();
    if !missing.is_empty() {
        out.push(
            Diagnostic::new(&RULE, format!("人民政府年报没有说明{}情况", missing.join("、")))
                .at(Some(cx.spans.key_or_best("overview.oversight")))
                .help("在“（五）监督保障”中写明政府信息公开工作考核、社会评议和责任追究结果情况（没有责任追究也要写明）"),
        );
    }
}
