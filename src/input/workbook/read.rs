//! Workbook → the agency file it stands for. The reader writes the TOML
//! text a careful user would have typed, value by value from the cells,
//! and records which cell each value came from; `input::parse` and the
//! rules then see exactly what they see for agency.toml, so every rule
//! works on workbooks and findings point back at cells.
//!
//! Only what people type is read: a formula's cached result never is (a
//! file filled in by a script has none); totals are recomputed, and a
//! number typed over a 总计 formula is a stated total, checked as such.

use std::io::{Cursor, Read as _};

use calamine::{Reader, open_workbook_auto_from_rs};

use super::cfb;
use super::emit::Emitter;
use super::extent;
use super::layout::*;
use super::sheet::Sheet;
use crate::model::cells::{CellMap, a1};
use crate::model::tables::{T3_COLUMNS, T3_OUTCOME_TOTAL_LABEL, T3_ROWS, T4_ROWS};

/// A workbook read into agency-file text.
#[derive(Debug)]
pub struct Read {
    pub text: String,
    pub cells: CellMap,
}

/// Rows a sheet may have (see also `extent`, which bounds far cells).
const MAX_ROWS: u32 = 2_000;

/// Reads a workbook (.xlsx, .xls, .ods). The error is one sentence for the
/// user: what is wrong with the file, or which sheets or labels are missing.
pub fn read(bytes: &[u8]) -> Result<Read, String> {
    extent::check_zip(bytes)?;
    if cfb::is_compound(bytes) && !cfb::is_sound(bytes) {
        return Err(DAMAGED.to_string());
    }
    // calamine's .xls reader can panic on damaged files (a slice out of
    // range in its CFB reader, found by fuzzing): a damaged file is the
    // user's finding, not our internal error.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_checked(bytes)))
        .unwrap_or_else(|_| Err(DAMAGED.to_string()))
}

/// The cells of a workbook's first sheet as text, row by row (a list the
/// office keeps in WPS or Excel), with the same guards as `read`.
pub fn rows_of_first_sheet(bytes: &[u8]) -> Result<Vec<Vec<String>>, String> {
    extent::check_zip(bytes)?;
    if cfb::is_compound(bytes) && !cfb::is_sound(bytes) {
        return Err(DAMAGED.to_string());
    }
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
            format!("无法读取工作簿（文件损坏，或不是 .xlsx/.xls/.ods 工作簿）：{e}")
        })?;
        let first = book
            .sheet_names()
            .first()
            .cloned()
            .ok_or_else(|| "工作簿中没有工作表".to_string())?;
        let values = book
            .worksheet_range(&first)
            .map_err(|e| sheet_error(&first, &e))?;
        // A province's list runs to a few thousand units.
        if values.height() > 20_000 {
            return Err(format!(
                "工作表“{first}”有 {} 行，超过 20000 行",
                values.height()
            ));
        }
        Ok(values
            .rows()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect())
    }))
    .unwrap_or_else(|_| Err(DAMAGED.to_string()))
}

/// A sheet that does not read (bad XML inside the file): said in Chinese
/// with what to do; the reader's English words kept as a note.
fn sheet_error(name: &str, e: &dyn std::fmt::Display) -> String {
    format!(
        "无法读取工作表“{name}”：文件内部已损坏，请用 WPS 或 Excel 打开后另存一份，或重新生成（读取器原文：{e}）"
    )
}

const DAMAGED: &str =
    "无法读取工作簿：文件已损坏（读取时出错），请用 WPS 或 Excel 打开后重新保存，或重新生成";

fn read_checked(bytes: &[u8]) -> Result<Read, String> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| format!("无法读取工作簿（文件损坏，或不是 .xlsx/.xls/.ods 工作簿）：{e}"))?;
    let names = book.sheet_names();
    let missing: Vec<&str> = SHEETS
        .iter()
        .copied()
        .filter(|s| !names.iter().any(|n| n.trim() == *s))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "这不是 govreport 的填报工作簿：缺少工作表“{}”",
            missing.join("”“")
        ));
    }
    let mut sheet = |name: &str| -> Result<Sheet, String> {
        let real = names
            .iter()
            .find(|n| n.trim() == name)
            .cloned()
            .unwrap_or_else(|| name.to_string());
        let values = book
            .worksheet_range(&real)
            .map_err(|e| sheet_error(name, &e))?;
        if values.end().is_some_and(|(r, _)| r > MAX_ROWS) {
            return Err(format!(
                "工作表“{name}”有 {} 行，填报工作簿不会这么大：文件过大或结构异常，已停止读取",
                values.height()
            ));
        }
        // A sheet whose formulas cannot be read is read as if it had none:
        // then every 总计 counts as typed, and is checked as stated.
        let formulas = book.worksheet_formula(&real).ok();
        Ok(Sheet {
            name: name.to_string(),
            values,
            formulas,
        })
    };
    let info = sheet(INFO)?;
    let text = sheet(TEXT)?;
    let t2 = sheet(T2)?;
    let t3 = sheet(T3)?;
    let t4 = sheet(T4)?;

    let mut missing = Vec::new();
    let info_rows = find_fields(&info, &INFO_FIELDS, &mut missing);
    let text_rows = find_fields(&text, &TEXT_FIELDS, &mut missing);
    for &(r, c, label) in T2_LABELS {
        if !t2.has_label(r, c, label) {
            missing.push(format!("{T2}!{}“{label}”", a1(r, c)));
        }
    }
    let t3_rows: Vec<Option<u32>> = (0..T3_ROWS.len())
        .map(|i| {
            let found = t3.find_label(t3_label_col(i), T3_ROWS[i].label, 4);
            if found.is_none() {
                missing.push(format!("{T3}“{}”", T3_ROWS[i].label));
            }
            found
        })
        .collect();
    let t3_total_row = t3.find_label(1, T3_OUTCOME_TOTAL_LABEL, 4);
    for c in 0..7u16 {
        let label = T3_COLUMNS[c as usize];
        let head_row = if c == 0 || c == 6 { 2 } else { 3 };
        if !t3.has_label(head_row, T3_FIRST_COL + c, label) {
            missing.push(format!("{T3}!{}“{label}”", a1(head_row, T3_FIRST_COL + c)));
        }
    }
    for k in 0..3 {
        for c in 0..5 {
            let (row, col) = (if k == 0 { 2 } else { 3 }, t4_col(k, c));
            if !t4.has_label(row, col, t4_column(c)) {
                missing.push(format!("{T4}!{}“{}”", a1(row, col), t4_column(c)));
            }
        }
    }
    if !missing.is_empty() {
        let more = if missing.len() > 6 {
            format!(" 等 {} 处", missing.len())
        } else {
            String::new()
        };
        missing.truncate(6);
        return Err(format!(
            "工作簿的格式与填报模板不符，找不到：{}{more}（标签和表格结构不能删改）",
            missing.join("、")
        ));
    }

    let mut e = Emitter::default();
    e.cells.fallback = Some(info.place(0, 0));
    e.line("schema = 1");
    e.line("\n[agency]");
    for (field, row) in INFO_FIELDS.iter().zip(&info_rows) {
        let row = row.expect("checked above");
        e.field(&info, field, row);
    }
    e.line("\n[preface]");
    e.text_fields(&text, &text_rows, "preface.");
    e.line("\n[overview]");
    e.text_fields(&text, &text_rows, "overview.");

    e.line("\n[proactive]");
    e.text_fields(&text, &text_rows, "proactive.");
    for doc in ["regulations", "normative_documents"] {
        let prefix = format!("proactive.{doc}.");
        e.raw(&format!("{doc} = {{ "));
        for (n, cell) in T2_CELLS
            .iter()
            .filter(|c| c.path.starts_with(&prefix))
            .enumerate()
        {
            if n > 0 {
                e.raw(", ");
            }
            e.labelled_value(
                &t2,
                cell.row,
                cell.col,
                &cell.path[prefix.len()..],
                cell.kind,
                (2, cell.row_label, cell.col_label),
            );
        }
        e.raw(" }\n");
    }
    for cell in T2_CELLS.iter().filter(|c| c.path.matches('.').count() == 1) {
        e.labelled_value(
            &t2,
            cell.row,
            cell.col,
            &cell.path["proactive.".len()..],
            cell.kind,
            (2, cell.row_label, cell.col_label),
        );
        e.raw("\n");
    }

    e.line("\n[requests]");
    e.text_fields(&text, &text_rows, "requests.");
    let mut section = "requests";
    let mut order: Vec<usize> = vec![0, 1, 23];
    order.extend(2..23);
    for i in order {
        let def = &T3_ROWS[i];
        let (table, key) = def.path.rsplit_once('.').expect("dotted path");
        if table != section {
            e.line(&format!("\n[{table}]"));
            section = table;
        }
        let row = t3_rows[i].expect("checked above");
        let cells: Vec<(u16, &str)> = (0..7)
            .map(|c| (T3_FIRST_COL + c, T3_COLUMNS[c as usize]))
            .collect();
        e.row(&t3, row, key, &cells, (3, def.label));
        if i == 3 {
            // （七）总计 belongs to [requests.outcomes]: typed over, it is stated.
            if let Some(r) = t3_total_row {
                e.stated_outcome_total(&t3, r);
            }
        }
    }

    e.line("\n[reviews]");
    for (k, (path, label)) in T4_ROWS.iter().enumerate() {
        let key = path.rsplit_once('.').expect("dotted").1;
        let cells: Vec<(u16, &str)> = (0..5).map(|c| (t4_col(k, c), t4_column(c))).collect();
        e.row(&t4, T4_VALUE_ROW, key, &cells, (4, label));
    }

    e.line("\n[problems]");
    e.text_fields(&text, &text_rows, "problems.");
    e.line("\n[other]");
    for (field, row) in TEXT_FIELDS.iter().zip(&text_rows) {
        if field.path.starts_with("other.") {
            e.field(&text, field, row.expect("checked above"));
        }
    }
    e.items(&text);
    e.extra(&info);
    Ok(Read {
        text: e.text,
        cells: e.cells,
    })
}

/// The agency's name and year of a workbook, for the previous-year finder.
pub fn identity(bytes: &[u8]) -> Option<(String, i32)> {
    let read = read(bytes).ok()?;
    crate::input::agency_identity(&read.text)
}

/// Whether a workbook found in a directory is meant as an agency file: not
/// an .xlsx whose `xl/workbook.xml` names none of our sheets (a 汇总表 or
/// any other table left in the folder). Anything else counts, so that
/// `read` judges it (and reports a damaged one).
pub fn is_fill_in(path: &std::path::Path) -> bool {
    let Ok(bytes) = crate::model::source::read_bounded(path, crate::model::source::MAX_INPUT)
    else {
        return true;
    };
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(&bytes)) else {
        return true;
    };
    let Ok(part) = zip.by_name("xl/workbook.xml") else {
        return true;
    };
    let mut xml = String::new();
    if part.take(1 << 20).read_to_string(&mut xml).is_err() {
        return true;
    }
    SHEETS
        .iter()
        .any(|s| xml.contains(&format!("name=\"{s}\"")))
}

fn find_fields(sheet: &Sheet, fields: &[Field], missing: &mut Vec<String>) -> Vec<Option<u32>> {
    fields
        .iter()
        .map(|f| {
            let r = sheet.find_label(0, f.label, 1);
            if r.is_none() {
                missing.push(format!("{}“{}”", sheet.name, f.label));
            }
            r
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damaged_bytes_are_one_sentence_not_a_panic() {
        assert!(read(b"PK\x03\x04garbage").is_err());
        assert!(read(b"").is_err());
        assert!(read("名称,年度\n".as_bytes()).is_err());
    }
}
