//! The three tables of the fill-in workbook, laid out as the report prints
//! them: the official labels, the same merged cells, input cells unlocked,
//! 总计 as formulas (with their results written) and a 勾稽关系 row.

use rust_xlsxwriter::{Formula, Worksheet, XlsxError};

use super::format::{Styles, count_rule, money_rule, protect, title, write_money};
use super::layout::*;
use crate::model::tables::{T3_COLUMNS, T3_OUTCOME_TOTAL_LABEL, T3_ROWS, T4_ROWS};
use crate::model::{Report, Row};

pub(super) fn t2_sheet(ws: &mut Worksheet, st: &Styles, r: &Report) -> Result<(), XlsxError> {
    ws.set_name(T2)?;
    title(ws, st, 3, "二、主动公开政府信息情况")?;
    ws.set_column_width(0, 22)?;
    for c in 1..4 {
        ws.set_column_width(c, 16)?;
    }
    for &(row, col, text) in T2_LABELS {
        let block = text.starts_with("第二十条");
        let wide_head = col == 1 && row != 2;
        if block {
            ws.merge_range(row, 0, row, 3, text, &st.head)?;
        } else if wide_head {
            ws.merge_range(row, 1, row, 3, text, &st.head)?;
        } else if row == 2 || text == "信息内容" {
            ws.write_string_with_format(row, col, text, &st.head)?;
        } else {
            ws.write_string_with_format(row, col, text, &st.label)?;
        }
        ws.set_row_height(row, 24)?;
    }
    let p = &r.proactive;
    for cell in &T2_CELLS {
        let value = match cell.path {
            "proactive.regulations.issued" => p.regulations.issued,
            "proactive.regulations.repealed" => p.regulations.repealed,
            "proactive.regulations.in_force" => p.regulations.in_force,
            "proactive.normative_documents.issued" => p.normative_documents.issued,
            "proactive.normative_documents.repealed" => p.normative_documents.repealed,
            "proactive.normative_documents.in_force" => p.normative_documents.in_force,
            "proactive.licensing" => p.licensing,
            "proactive.penalties" => p.penalties,
            "proactive.coercive_measures" => p.coercive_measures,
            _ => 0,
        };
        let single = cell.row >= 7;
        if cell.kind == Kind::Money {
            ws.merge_range(cell.row, 1, cell.row, 3, "", &st.input)?;
            write_money(ws, cell.row, 1, &p.fees, &st.input)?;
            ws.add_data_validation(cell.row, 1, cell.row, 1, &money_rule("万元")?)?;
        } else {
            if single {
                ws.merge_range(cell.row, 1, cell.row, 3, "", &st.input)?;
            }
            ws.write_number_with_format(cell.row, cell.col, value as f64, &st.input)?;
            ws.add_data_validation(cell.row, cell.col, cell.row, cell.col, &count_rule()?)?;
        }
    }
    protect(ws);
    Ok(())
}

pub(super) fn t3_sheet(ws: &mut Worksheet, st: &Styles, r: &Report) -> Result<(), XlsxError> {
    ws.set_name(T3)?;
    title(ws, st, T3_TOTAL_COL, "三、收到和处理政府信息公开申请情况")?;
    ws.set_column_width(0, 8)?;
    ws.set_column_width(1, 12)?;
    ws.set_column_width(2, 34)?;
    for c in T3_FIRST_COL..=T3_TOTAL_COL {
        ws.set_column_width(c, 10)?;
    }
    // Head, as in the report.
    ws.merge_range(1, 0, 3, 2, T3_CORNER, &st.head)?;
    ws.merge_range(1, T3_FIRST_COL, 1, T3_TOTAL_COL, "申请人情况", &st.head)?;
    ws.merge_range(2, T3_FIRST_COL, 3, T3_FIRST_COL, T3_COLUMNS[0], &st.head)?;
    ws.merge_range(
        2,
        T3_FIRST_COL + 1,
        2,
        T3_FIRST_COL + 5,
        "法人或其他组织",
        &st.head,
    )?;
    ws.merge_range(2, T3_TOTAL_COL, 3, T3_TOTAL_COL, T3_COLUMNS[6], &st.head)?;
    for c in 1..6 {
        ws.write_string_with_format(3, T3_FIRST_COL + c, T3_COLUMNS[c as usize], &st.head)?;
    }
    for row in 1..4 {
        ws.set_row_height(row, 30)?;
    }
    // Row labels with the report's merged cells.
    ws.merge_range(6, 0, T3_OUTCOME_TOTAL_ROW, 0, T3_OUTCOMES_LABEL, &st.label)?;
    let mut group_start: Option<(usize, u32)> = None;
    for (i, def) in T3_ROWS.iter().enumerate() {
        let row = t3_row(i);
        match t3_label_col(i) {
            0 => {
                ws.merge_range(row, 0, row, 2, def.label, &st.label)?;
            }
            1 => {
                ws.merge_range(row, 1, row, 2, def.label, &st.label)?;
            }
            _ => {
                ws.write_string_with_format(row, 2, def.label, &st.label)?;
                let starts = group_start.is_none_or(|(g, _)| T3_ROWS[g].group != def.group);
                if starts {
                    group_start = Some((i, row));
                }
                let ends = T3_ROWS.get(i + 1).is_none_or(|n| n.group != def.group);
                if ends {
                    let (_, first) = group_start.expect("set above");
                    if first == row {
                        ws.write_string_with_format(row, 1, def.group, &st.label)?;
                    } else {
                        ws.merge_range(first, 1, row, 1, def.group, &st.label)?;
                    }
                }
            }
        }
        let long = def.label.chars().count() > 16;
        ws.set_row_height(row, if long { 44 } else { 24 })?;
        write_row(ws, st, row, T3_FIRST_COL, &r.requests.rows[i])?;
    }
    ws.merge_range(
        T3_OUTCOME_TOTAL_ROW,
        1,
        T3_OUTCOME_TOTAL_ROW,
        2,
        T3_OUTCOME_TOTAL_LABEL,
        &st.label,
    )?;
    ws.set_row_height(T3_OUTCOME_TOTAL_ROW, 24)?;
    let computed = r.requests.outcome_total();
    let first = t3_row(2) + 1;
    let last = t3_row(22) + 1;
    for c in 0..7u16 {
        let col = T3_FIRST_COL + c;
        let letter = col_letter(col);
        let stated = r.requests.stated_outcome_total.map(|t| t[c as usize]);
        match stated {
            Some(v) if v != computed[c as usize] => {
                ws.write_number_with_format(T3_OUTCOME_TOTAL_ROW, col, v as f64, &st.total)?;
            }
            _ => {
                let f = Formula::new(format!("=SUM({letter}{first}:{letter}{last})"))
                    .set_result(computed[c as usize].to_string());
                ws.write_formula_with_format(T3_OUTCOME_TOTAL_ROW, col, f, &st.total)?;
            }
        }
    }
    // 勾稽关系 row: 一 + 二 = （七）总计 + 四, per column.
    ws.merge_range(
        T3_CHECK_ROW,
        0,
        T3_CHECK_ROW,
        2,
        "勾稽关系（第一项加第二项之和，等于第三项加第四项之和）",
        &st.head,
    )?;
    ws.set_row_height(T3_CHECK_ROW, 30)?;
    let stated_total = r.requests.stated_outcome_total.unwrap_or(computed);
    for c in 0..7u16 {
        let col = T3_FIRST_COL + c;
        let l = col_letter(col);
        let (a, b, t, d) = (
            t3_row(0) + 1,
            t3_row(1) + 1,
            T3_OUTCOME_TOTAL_ROW + 1,
            t3_row(23) + 1,
        );
        let rows = &r.requests.rows;
        let holds = rows[0].with_total()[c as usize] + rows[1].with_total()[c as usize]
            == stated_total[c as usize] + rows[23].with_total()[c as usize];
        let f = Formula::new(format!(
            "=IF({l}{a}+{l}{b}={l}{t}+{l}{d},\"成立\",\"不成立\")"
        ))
        .set_result(if holds { "成立" } else { "不成立" });
        ws.write_formula_with_format(T3_CHECK_ROW, col, f, &st.check)?;
    }
    let last_input = t3_row(23);
    ws.add_data_validation(
        t3_row(0),
        T3_FIRST_COL,
        last_input,
        T3_TOTAL_COL - 1,
        &count_rule()?,
    )?;
    ws.set_freeze_panes(4, T3_FIRST_COL)?;
    // The head on every printed page (the second page had no column names).
    ws.set_repeat_rows(1, 3)?;
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    protect(ws);
    Ok(())
}

pub(super) fn t4_sheet(ws: &mut Worksheet, st: &Styles, r: &Report) -> Result<(), XlsxError> {
    ws.set_name(T4)?;
    title(ws, st, 14, "四、政府信息公开行政复议、行政诉讼情况")?;
    for c in 0..15 {
        ws.set_column_width(c, 9)?;
    }
    ws.merge_range(1, 0, 1, 4, "行政复议", &st.head)?;
    ws.merge_range(1, 5, 1, 14, "行政诉讼", &st.head)?;
    for c in 0..5 {
        ws.merge_range(2, t4_col(0, c), 3, t4_col(0, c), t4_column(c), &st.head)?;
    }
    ws.merge_range(2, 5, 2, 9, t4_row_label(1), &st.head)?;
    ws.merge_range(2, 10, 2, 14, t4_row_label(2), &st.head)?;
    for k in 1..3 {
        for c in 0..5 {
            ws.write_string_with_format(3, t4_col(k, c), t4_column(c), &st.head)?;
        }
    }
    for row in 1..4 {
        ws.set_row_height(row, 28)?;
    }
    ws.set_row_height(T4_VALUE_ROW, 28)?;
    ws.set_row_height(T4_CHECK_ROW, 40)?;
    for k in 0..T4_ROWS.len() {
        write_row(ws, st, T4_VALUE_ROW, t4_col(k, 0), &r.reviews.rows[k])?;
        ws.add_data_validation(
            T4_VALUE_ROW,
            t4_col(k, 0),
            T4_VALUE_ROW,
            t4_col(k, 3),
            &count_rule()?,
        )?;
        ws.merge_range(
            T4_CHECK_ROW,
            t4_col(k, 0),
            T4_CHECK_ROW,
            t4_col(k, 3),
            "勾稽关系：总计等于前四项之和",
            &st.head,
        )?;
        let (first, total) = (col_letter(t4_col(k, 0)), col_letter(t4_col(k, 3)));
        let tc = col_letter(t4_col(k, 4));
        let v = T4_VALUE_ROW + 1;
        let row = &r.reviews.rows[k];
        let f = Formula::new(format!(
            "=IF({tc}{v}=SUM({first}{v}:{total}{v}),\"成立\",\"不成立\")"
        ))
        .set_result(if row.total() == row.sum() {
            "成立"
        } else {
            "不成立"
        });
        ws.write_formula_with_format(T4_CHECK_ROW, t4_col(k, 4), f, &st.check)?;
    }
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    protect(ws);
    Ok(())
}

/// N figures from `col` on, then the 总计: a formula, or the stated total
/// when it is not the sum (an imported report keeps what it printed).
fn write_row<const N: usize>(
    ws: &mut Worksheet,
    st: &Styles,
    row: u32,
    col: u16,
    r: &Row<N>,
) -> Result<(), XlsxError> {
    for (c, v) in r.cells.iter().enumerate() {
        ws.write_number_with_format(row, col + c as u16, *v as f64, &st.input)?;
    }
    let total_col = col + N as u16;
    match r.stated_total {
        Some(t) if t != r.sum() => {
            ws.write_number_with_format(row, total_col, t as f64, &st.total)?;
        }
        _ => {
            let f = Formula::new(format!(
                "=SUM({}{}:{}{})",
                col_letter(col),
                row + 1,
                col_letter(total_col - 1),
                row + 1
            ))
            .set_result(r.sum().to_string());
            ws.write_formula_with_format(row, total_col, f, &st.total)?;
        }
    }
    Ok(())
}

fn col_letter(col: u16) -> String {
    let a = crate::model::cells::a1(0, col);
    a.trim_end_matches('1').to_string()
}
