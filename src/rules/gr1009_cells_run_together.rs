//! GR1009 `cells-run-together`: its documentation and its check over a published report as read.

use super::{Applies, Rule};
use crate::model::diagnostic::Severity;
use crate::model::diagnostic::{Cell, Diagnostic};
use crate::model::published::*;

pub const RULE: Rule = Rule {
    code: "GR1009",
    name: "cells-run-together",
    severity: Severity::Warning,
    title: "表格数字连在一起",
    doc: r#"
## 检查什么
（审核已发布的报告：govreport audit）表三一行的数字之间丢了分隔，连成一串（如“801000081”）。本行总计等于六类申请人之和，只有一种拆法满足时按这种拆法读取并提示；拆法不唯一时本表不作勾稽核对，只给出这一条警告。

## 为什么
网页或文档的表格丢失单元格时，读者看到的是一串数字，无法知道每一格是多少；按一种猜测的拆法去核对勾稽关系只会报出并不存在的错误。

## 错误示例
一、本年新收政府信息公开申请数量801000081

## 修正后
一、本年新收政府信息公开申请数量  80  1  0  0  0  0  81
"#,
    check: None,
    audit: Some(audit),
    applies: Applies::Published,
    reads_prose: false,
    on_published: None,
};

/// Rows whose figures ran together, read by the row's total when one split fits.
fn audit(p: &Published, out: &mut Vec<Diagnostic>) {
    for n in &p.cells {
        let CellNote::RunTogether {
            table,
            row,
            shown,
            read,
            span,
        } = n
        else {
            continue;
        };
        let name = table_name(*table);
        let message = match read {
            Some(read) => {
                let read: Vec<String> = read.iter().map(u64::to_string).collect();
                format!(
                    "表{name}“{row}”一行的数字连在了一起（{shown}），按“总计等于各列之和”只能读作 {}",
                    read.join("、")
                )
            }
            None => format!(
                "表{name}“{row}”一行的数字连在了一起（{shown}），无法确定各格的数字，本表未作勾稽核对"
            ),
        };
        let mut d = Diagnostic::new(&RULE, message)
            .at(Some(span.clone()))
            .help("发布的表格丢失了单元格分隔：检查网页或文档中的表格，每个数字各占一格");
        d.cell = Some(Cell {
            table: *table,
            row: row.clone(),
            column: String::new(),
        });
        out.push(d);
    }
}
