//! GR1007 `table-missing`: its documentation; raised where the problem is found.

use super::Rule;
use crate::model::diagnostic::Severity;

pub const RULE: Rule = Rule {
    code: "GR1007",
    name: "table-missing",
    severity: Severity::Warning,
    title: "没有读到表格",
    doc: r#"
## 检查什么
（审核已发布的报告：govreport audit）某一部分有标题但读不到表格中的数字，如表格以图片发布或被删去。

## 为什么
图片表格无法检索、无法被读屏软件朗读，也无法汇总。

## 错误示例
“三、收到和处理政府信息公开申请情况”下只有一张截图。

## 修正后
以文字表格发布。
"#,
    check: None,
};
