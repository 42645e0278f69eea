//! GR1004 `label-punctuation`: its documentation and its check over a published report as read.

use super::{Applies, Rule};
use crate::model::diagnostic::Diagnostic;
use crate::model::diagnostic::Severity;
use crate::model::published::*;

pub const RULE: Rule = Rule {
    code: "GR1004",
    name: "label-punctuation",
    severity: Severity::Warning,
    title: "表格标签只在标点或全半角上不同",
    doc: r#"
## 检查什么
（审核已发布的报告：govreport audit）栏目名称与格式只差标点符号或全角/半角（如“(一) 予以公开”）。

## 为什么
不影响含义，但统一格式便于检索和汇总。

## 错误示例
“(一) 予以公开”

## 修正后
“（一）予以公开”
"#,
    check: None,
    audit: Some(audit),
    applies: Applies::Published,
    reads_prose: false,
    on_published: None,
};

/// Table labels in the format's words with other punctuation or width.
fn audit(p: &Published, out: &mut Vec<Diagnostic>) {
    super::label_findings(p, &RULE, out, |defect, label, found| match defect {
        LabelDefect::Punctuation => Some((
            format!("表格标签“{found}”与规定格式“{label}”标点或全半角不同"),
            format!("按国办公开办函〔2021〕30号的格式改为“{label}”"),
        )),
        _ => None,
    });
}
