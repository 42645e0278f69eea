//! GR1006 `blank-cell`: its documentation; raised where the problem is found.

use super::Rule;
use crate::model::diagnostic::Severity;

pub const RULE: Rule = Rule {
    code: "GR1006",
    name: "blank-cell",
    severity: Severity::Warning,
    title: "表格中有空白或“/”",
    doc: r#"
## 检查什么
（审核已发布的报告：govreport audit）应填数字的格子是空白、“/”或“—”。

## 为什么
空白使读者无法判断是 0 还是漏填；没有就填 0。

## 错误示例
行政事业性收费  /

## 修正后
行政事业性收费  0
"#,
    check: None,
};
