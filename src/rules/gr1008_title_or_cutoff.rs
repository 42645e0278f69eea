//! GR1008 `title-or-cutoff`: its documentation; raised where the problem is found.

use super::Rule;
use crate::model::diagnostic::Severity;

pub const RULE: Rule = Rule {
    code: "GR1008",
    name: "title-or-cutoff",
    severity: Severity::Error,
    title: "标题不完整或正文中断",
    doc: r#"
## 检查什么
（审核已发布的报告：govreport audit）标题应含年度和“政府信息公开工作年度报告”；正文不应在句子中间结束。

## 为什么
不完整的报告不符合公开要求，常因复制粘贴或上传截断造成。

## 错误示例
……所列数据的统计时限为2024年1月1日起至2024年12月31

## 修正后
……所列数据的统计时限为2024年1月1日起至2024年12月31日止。
"#,
    check: None,
};
