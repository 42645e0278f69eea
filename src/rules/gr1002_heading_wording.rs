//! GR1002 `heading-wording`: its documentation; raised where the problem is found.

use super::Rule;
use crate::model::diagnostic::Severity;

pub const RULE: Rule = Rule {
    code: "GR1002",
    name: "heading-wording",
    severity: Severity::Warning,
    title: "部分标题的文字与规定不同",
    doc: r#"
## 检查什么
（审核已发布的报告：govreport audit）六个部分的标题应与格式一致，如“五、存在的主要问题及改进情况”；编号应为一、二、三……
开头段落说报告由几部分组成时，所说的部分数应与列出的部分一致（说“六部分”却只列出五个）。

## 为什么
统一的标题便于公众查阅和上级汇总评估；改动的标题常是套用旧模板的痕迹。

## 错误示例
“1、 总体情况”“五、当前存在的主要问题及下步改进措施”

## 修正后
“一、总体情况”“五、存在的主要问题及改进情况”
"#,
    check: None,
};
