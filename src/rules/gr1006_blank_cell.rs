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
（审核已发布的报告：govreport audit）应填数字的格子是空白、“/”或“—”，或一行读到的数字少于应有的个数。每张表至多一条：只有一处时指明那一格，多处时列出有空白的行和列（复制网页表格时整列留空，是一处缺陷，不是每行一条）。制表符分隔的表格中，两个制表符之间的空格子就是空白格，后面的数字不会因此错位。

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

/// One blank or short place of a table, as the finding words it.
struct Place {
    /// Its row (None: table 四 read short as a whole).
    row: Option<String>,
    /// What it says when it is the table's only one; the finding's cell.
    alone: Diagnostic,
    /// Blank columns of its row (table 三, 四) or how many figures were read.
    what: What,
    span: std::ops::Range<usize>,
}

enum What {
    Blank {
        column: String,
        found: Option<String>,
    },
    Short {
        read: usize,
        want: usize,
    },
}

/// Cells with a dash, a word or nothing where a figure belongs: one finding
/// per table, naming its rows and columns (a table copied with its 法人
/// columns left blank is one defect, not one per row).
fn audit(p: &Published, out: &mut Vec<Diagnostic>) {
    let mut by_table: [Vec<Place>; 3] = Default::default();
    for n in &p.cells {
        let (table, place) = match n {
            CellNote::Blank {
                table,
                row,
                column,
                found,
                span,
            } => {
                let message = match (table, found) {
                    (3, Some(f)) => format!("“{row}”一行有空白或“{f}”，应填数字"),
                    (3, None) => format!("“{row}”一行的{column}一格是空白，应填数字"),
                    (4, Some(f)) => format!("{row}的{column}一格是“{f}”，应填数字"),
                    (4, None) => format!("{row}的{column}一格是空白，应填数字"),
                    (_, Some(f)) => format!("“{row}”一栏是“{f}”，应填数字"),
                    (_, None) => format!("“{row}”一栏是空白，应填数字"),
                };
                let mut d = Diagnostic::new(&RULE, message).help("没有就填 0");
                d.cell = Some(Cell {
                    table: *table,
                    row: row.clone(),
                    column: column.clone(),
                });
                let what = What::Blank {
                    column: column.clone(),
                    found: found.clone(),
                };
                (
                    *table,
                    Place {
                        row: Some(row.clone()),
                        alone: d,
                        what,
                        span: span.clone(),
                    },
                )
            }
            CellNote::Short {
                table,
                row,
                read,
                want,
                span,
            } => {
                let d = match row {
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
                let what = What::Short {
                    read: *read,
                    want: *want,
                };
                let d = d.help("补全空白的格子，没有就填 0");
                (
                    *table,
                    Place {
                        row: row.clone(),
                        alone: d,
                        what,
                        span: span.clone(),
                    },
                )
            }
            _ => continue,
        };
        // The row the cut runs through is short of figures because of the
        // cut: that is the incompleteness finding's, not a blank cell's.
        if p.cut.as_ref().is_some_and(|c| place.span.end + 200 >= c.at) {
            continue;
        }
        if let Some(places) = by_table.get_mut(usize::from(table).saturating_sub(2)) {
            places.push(place);
        }
    }
    for (t, places) in by_table.into_iter().enumerate() {
        let table = t as u8 + 2;
        let Some(first) = places.first() else {
            continue;
        };
        let span = first.span.clone();
        if places.len() == 1 {
            if let Some(only) = places.into_iter().next() {
                out.push(only.alone.at(Some(span)));
            }
            continue;
        }
        let mut d = Diagnostic::new(&RULE, grouped(table, &places))
            .at(Some(span))
            .help("补全空白的格子，没有就填 0");
        d.cell = first.alone.cell.clone();
        out.push(d);
    }
}

/// Rows listed in one finding at most; the rest are counted.
const ROWS_NAMED: usize = 5;

/// `表三有 10 处空白或缺少的数字：“一、本年新收政府信息公开申请数量”一行的商业企业、
/// 科研机构…；“（七）总计”一行只读到 6 个数字（应为 7 个）…，应填数字`.
fn grouped(table: u8, places: &[Place]) -> String {
    // Rows in text order, each with what is wrong in it.
    let mut rows: Vec<(Option<&str>, Vec<String>, Option<String>)> = Vec::new();
    for pl in places {
        let key = pl.row.as_deref();
        let at = match rows.iter().position(|r| r.0 == key) {
            Some(i) => i,
            None => {
                rows.push((key, Vec::new(), None));
                rows.len() - 1
            }
        };
        match &pl.what {
            What::Blank { column, found } => {
                let cell = match found {
                    Some(f) => format!("{column}（“{f}”）"),
                    None => column.clone(),
                };
                rows[at].1.push(cell);
            }
            What::Short { read, want } => {
                rows[at].2 = Some(format!("只读到 {read} 个数字（应为 {want} 个）"));
            }
        }
    }
    let mut parts: Vec<String> = rows
        .iter()
        .take(ROWS_NAMED)
        .map(|(row, cells, short)| {
            let name = match row {
                Some(r) if table == 4 => r.to_string(),
                Some(r) => format!("“{r}”"),
                None => "全表".to_string(),
            };
            let cells: Vec<&String> = cells.iter().filter(|c| !c.is_empty()).collect();
            let blank = if cells.is_empty() {
                "有空白".to_string()
            } else {
                format!(
                    "的{}空白",
                    cells
                        .iter()
                        .map(|c| c.as_str())
                        .collect::<Vec<_>>()
                        .join("、")
                )
            };
            match short {
                Some(s) if cells.is_empty() && table != 2 => format!("{name}{s}"),
                Some(s) => format!("{name}{blank}，{s}"),
                None if table == 2 => format!("{name}一栏空白"),
                None => format!("{name}{blank}"),
            }
        })
        .collect();
    if rows.len() > ROWS_NAMED {
        parts.push(format!("等，共 {} 行", rows.len()));
    }
    format!(
        "表{}有 {} 处空白或缺少的数字：{}；应填数字",
        table_name(table),
        places.len(),
        parts.join("；")
    )
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
        // Two blanks of one table: one finding naming both.
        assert_eq!(out.len(), 1);
        assert_eq!(
            out[0].message,
            "表四有 2 处空白或缺少的数字：行政复议的结果维持（“—”）、结果维持（“—”）空白；应填数字"
        );
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
        assert_eq!(out[0].message, "行政复议的结果维持一格是“—”，应填数字");
    }

    #[test]
    fn blanks_of_a_table_are_one_finding_per_table() {
        let blank = |table: u8, row: &str, column: &str, at: usize| CellNote::Blank {
            table,
            row: row.into(),
            column: column.into(),
            found: None,
            span: at..at + 1,
        };
        let mut cells = Vec::new();
        for (i, row) in [
            "一、本年新收政府信息公开申请数量",
            "（一）予以公开",
            "（七）总计",
        ]
        .iter()
        .enumerate()
        {
            for (k, col) in ["商业企业", "科研机构"].iter().enumerate() {
                cells.push(blank(3, row, col, 100 * i + k));
            }
        }
        cells.push(blank(2, "行政事业性收费", "", 5));
        cells.push(CellNote::Short {
            table: 4,
            row: None,
            read: 10,
            want: 15,
            span: 900..901,
        });
        let p = Published {
            cells,
            ..Default::default()
        };
        let mut out = Vec::new();
        audit(&p, &mut out);
        assert_eq!(out.len(), 3, "{out:?}");
        let t3 = out.iter().find(|d| d.message.starts_with("表三")).unwrap();
        assert_eq!(
            t3.message,
            "表三有 6 处空白或缺少的数字：“一、本年新收政府信息公开申请数量”的商业企业、科研机构空白；“（一）予以公开”的商业企业、科研机构空白；“（七）总计”的商业企业、科研机构空白；应填数字"
        );
        assert_eq!(t3.span, Some(0..1));
        assert_eq!(t3.cell.as_ref().unwrap().column, "商业企业");
        assert!(
            out.iter()
                .any(|d| d.message == "“行政事业性收费”一栏是空白，应填数字")
        );
        assert!(
            out.iter()
                .any(|d| d.message == "表四只读到 10 个数字，应为 15 个")
        );
    }
}
