//! GR1006 `blank-cell`: its documentation and its check over a published report as read.

use super::{Applies, Rule};
use crate::model::diagnostic::Severity;
use crate::model::diagnostic::{Cell, Diagnostic};
use crate::model::published::*;

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
    audit: Some(audit),
    applies: Applies::Published,
    reads_prose: false,
    on_published: None,
};

/// Cells with a dash, a word or nothing where a figure belongs.
fn audit(p: &Published, out: &mut Vec<Diagnostic>) {
    for n in &p.cells {
        let (d, span) = match n {
            CellNote::Blank {
                table,
                row,
                column,
                found,
                span,
            } => {
                let message = match (table, found) {
                    (3, Some(f)) => format!("“{row}”一行有空白或“{f}”，应填数字"),
                    (4, Some(f)) => format!("{row}的{column}一格是“{f}”，应填数字"),
                    (_, Some(f)) => format!("“{row}”一栏是“{f}”，应填数字"),
                    (_, None) => format!("“{row}”一栏是空白，应填数字"),
                };
                let mut d = Diagnostic::new(&RULE, message).help("没有就填 0");
                d.cell = Some(Cell {
                    table: *table,
                    row: row.clone(),
                    column: column.clone(),
                });
                (d, span)
            }
            CellNote::Short {
                table,
                row,
                read,
                want,
                span,
            } => {
                let mut d = match row {
                    Some(row) => {
                        let mut d = Diagnostic::new(
                            &RULE,
                            format!("“{row}”一行只读到 {read} 个数字，应为 {want} 个"),
                        );
                        d.cell = Some(Cell {
                            table: *table,
                            row: row.clone(),
                            column: String::new(),
                        });
                        d
                    }
                    None => Diagnostic::new(
                        &RULE,
                        format!(
                            "表{}只读到 {read} 个数字，应为 {want} 个",
                            table_name(*table)
                        ),
                    ),
                };
                d = d.help("补全空白的格子，没有就填 0");
                (d, span)
            }
            _ => continue,
        };
        // The row the cut runs through is short of figures because of the
        // cut: that is the incompleteness finding's, not a blank cell's.
        if p.cut.as_ref().is_some_and(|c| span.end + 200 >= c.at) {
            continue;
        }
        out.push(d.at(Some(span.clone())));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blank_cell_by_the_cut_is_the_cut_finding() {
        let blank = |at: usize| CellNote::Blank {
            table: 4,
            row: "行政复议".into(),
            column: "结果维持".into(),
            found: Some("—".into()),
            span: at..at + 3,
        };
        let mut p = Published {
            cells: vec![blank(100), blank(1900)],
            ..Default::default()
        };
        let mut out = Vec::new();
        audit(&p, &mut out);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].message, "行政复议的结果维持一格是“—”，应填数字");
        p.cut = Some(Cut {
            at: 2000,
            tail: "—".into(),
            tail_span: 1900..1903,
            last_part: Some(3),
        });
        out.clear();
        audit(&p, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].span, Some(100..103));
    }
}
