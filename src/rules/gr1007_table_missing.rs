//! GR1007 `table-missing`: its documentation and its check over a published report as read.

use super::{Applies, Rule};
use crate::model::diagnostic::Diagnostic;
use crate::model::diagnostic::Severity;
use crate::model::published::*;

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
    audit: Some(audit),
    applies: Applies::Published,
    reads_prose: false,
    on_published: None,
};

/// A table whose part is there, before any cut, with no figures read.
fn audit(p: &Published, out: &mut Vec<Diagnostic>) {
    for (t, table) in p.tables.iter().enumerate() {
        let Some(region) = &table.region else {
            continue;
        };
        if !table.found && !table.cut {
            out.push(
                Diagnostic::new(
                    &RULE,
                    format!("没有读到表{}的数字", table_name(t as u8 + 2)),
                )
                .at(Some(region.start..region.start))
                .help("表格可能是图片，或被删去；年报的三张表须以文字表格发布"),
            );
        }
    }
}
