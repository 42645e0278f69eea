//! GR1004 `label-punctuation`: its documentation; raised where the problem is found.

use super::Rule;
use crate::model::diagnostic::Severity;

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
};
