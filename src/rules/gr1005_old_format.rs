//! GR1005 `old-format`: its documentation; raised where the problem is found.

use super::Rule;
use crate::model::diagnostic::Severity;

pub const RULE: Rule = Rule {
    code: "GR1005",
    name: "old-format",
    severity: Severity::Error,
    title: "使用了旧格式的表格",
    doc: r#"
## 检查什么
（审核已发布的报告：govreport audit）2021 年度起的报告出现旧格式的栏目：2019 年格式的“本年新制作数量”“上一年项目数量”“第二十条第（九）项”、只有一行的“（六）其他处理”，或更早的“收费及减免”。

## 为什么
国办公开办函〔2021〕30号自 2021 年度报告起施行，旧格式的栏目与新口径不一致。

## 错误示例
（六）其他处理  0 0 0 0 0 0 0（只有一行）

## 修正后
（六）其他处理分为 1.申请人无正当理由逾期不补正… 2.申请人逾期未按收费通知要求缴纳费用… 3.其他 三行
"#,
    check: None,
};
