//! GR1003 `label-altered`: its documentation and its check over a published report as read.

use super::{Applies, Rule};
use crate::model::diagnostic::Diagnostic;
use crate::model::diagnostic::Severity;
use crate::model::published::*;

pub const RULE: Rule = Rule {
    code: "GR1003",
    name: "label-altered",
    severity: Severity::Error,
    title: "表格标签与规定格式不同",
    doc: r#"
## 检查什么
（审核已发布的报告：govreport audit）三张表格中的栏目名称（去掉空白后）应与国办公开办函〔2021〕30号的格式一字不差。栏目名称中间加了空格（`行 政 许 可`）、后面加了单位（`本年制发件数（件）`）或括号说明（`现行有效件数（历史累计）`）的，也是改动了栏目名称。

## 为什么
栏目名称是统计口径的定义；改动或错字会改变含义，也使各地报告无法汇总比较。

## 错误示例
“本年度止件数”“2.其他法律行政止公开”“规范性文件”

## 修正后
“本年废止件数”“2.其他法律行政法规禁止公开”“行政规范性文件”
"#,
    check: None,
    audit: Some(audit),
    applies: Applies::Published,
    reads_prose: false,
    on_published: None,
};

/// Table labels in other words, or whole with spaces or a unit added.
fn audit(p: &Published, out: &mut Vec<Diagnostic>) {
    super::label_findings(p, &RULE, out, |defect, label, found| match defect {
        LabelDefect::Words => Some((
            format!("表格标签“{found}”与规定格式“{label}”文字不同"),
            format!("按国办公开办函〔2021〕30号的格式改为“{label}”"),
        )),
        LabelDefect::Added(how) => Some((
            format!("表格标签“{found}”{how}，与规定格式“{label}”不同"),
            format!("按国办公开办函〔2021〕30号的格式改为“{label}”；栏目名称不加空格、不加单位"),
        )),
        LabelDefect::Punctuation => None,
    });
}
