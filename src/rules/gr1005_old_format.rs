//! GR1005 `old-format`: its documentation and its check over a published report as read.

use super::{Applies, Rule};
use crate::model::diagnostic::Severity;
use crate::model::diagnostic::{Cell, Diagnostic};
use crate::model::published::*;

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
    audit: Some(audit),
    applies: Applies::Published,
    reads_prose: false,
    on_published: None,
};

/// Column names, outcome rows and the single （六） row of the old tables.
fn audit(p: &Published, out: &mut Vec<Diagnostic>) {
    for m in &p.old_labels {
        let mut d = Diagnostic::new(&RULE, format!("出现旧格式的栏目“{}”", m.text))
            .at(Some(m.span.clone()))
            .help("2021 年度起使用国办公开办函〔2021〕30号的新格式表格");
        d.found = Some(m.text.into());
        out.push(d);
    }
    for m in &p.old_outcomes {
        let mut d = Diagnostic::new(
            &RULE,
            format!("表三使用了 2021 年以前的办理结果类别“{}”", m.text),
        )
        .at(Some(m.span.clone()))
        .help("2021 年度起按国办公开办函〔2021〕30号的表三分类：（四）无法提供、（五）不予处理等");
        d.found = Some(m.text.into());
        out.push(d);
    }
    for n in &p.cells {
        if let CellNote::OldOtherRow { span } = n {
            let mut d = Diagnostic::new(&RULE, "“（六）其他处理”只有一行：这是 2019 年的旧格式")
                .at(Some(span.clone()))
                .help("2021 年起的格式把（六）分为三行：1.申请人无正当理由逾期不补正…、2.申请人逾期未按收费通知要求缴纳费用…、3.其他");
            d.cell = Some(Cell {
                table: 3,
                row: "（六）其他处理".into(),
                column: String::new(),
            });
            out.push(d);
        }
    }
}
