//! GR1008 `title-or-cutoff`: its documentation and its check over a published report as read.

use super::{Applies, Rule};
use crate::model::diagnostic::Diagnostic;
use crate::model::diagnostic::Severity;
use crate::model::published::*;

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
    audit: Some(audit),
    applies: Applies::Published,
    reads_prose: false,
    on_published: None,
};

/// The title's form, and where an incomplete text stops.
fn audit(p: &Published, out: &mut Vec<Diagnostic>) {
    if p.title.is_none() {
        out.push(
            Diagnostic::new(&RULE, "标题中没有“××××年政府信息公开工作年度报告”")
                .at(Some(p.first_line.clone()))
                .help("标题应为“机关名称＋年度＋年政府信息公开工作年度报告”，如“重庆市綦江区司法局2024年政府信息公开工作年度报告”"),
        );
    }
    if let Some(c) = &p.cut {
        let not_assessed = match c.last_part {
            Some(l) if l < 5 => format!(
                "；第{}部分之后的内容{}未能审核",
                NUMERALS[l],
                if l + 1 < 5 {
                    format!("（第{}至六部分）", NUMERALS[l + 1])
                } else {
                    "（第六部分）".to_string()
                }
            ),
            None => "；六个部分均未能审核".to_string(),
            _ => String::new(),
        };
        out.push(
            Diagnostic::new(
                &RULE,
                format!("正文在“…{}”处中断，报告不完整{not_assessed}", c.tail),
            )
            .at(Some(c.tail_span.clone()))
            .help("核对原文件，重新发布完整的报告；中断处之后的部分和表格未作检查"),
        );
    }
}
