//! The fill-in workbook (.xlsx, and .xls/.ods as WPS and LibreOffice save
//! it): its layout, the reader that turns it into agency-file text with a
//! cell for every value, and the writer of `init`/`import -o x.xlsx`.

mod cell;
mod cfb;
mod emit;
mod extent;
mod format;
pub mod layout;
mod read;
mod sheet;
mod tables;
mod write;

use std::path::Path;

pub use read::{Read, identity, is_fill_in, read, rows_of_first_sheet};
pub use write::write;

/// A workbook by its extension (the reader then checks it is ours).
pub fn is_workbook(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "xlsx" | "xlsm" | "xls" | "ods"
        )
    })
}

/// Office's owner files (`~$a.xlsx`) and LibreOffice's lock files
/// (`.~lock.a.xlsx#`) sit beside an open workbook; they are not agency files.
pub fn is_lock_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("~$") || n.starts_with(".~lock."))
}

use crate::model::cells::CellMap;
use crate::model::diagnostic::Diagnostic;

/// Help written for agency.toml (`在 [overview] 下填写 proactive = …`)
/// means nothing to someone typing in a workbook: say it in cells.
pub fn adapt_help(diagnostics: &mut [Diagnostic], cells: &CellMap) {
    for d in diagnostics {
        let cell = d
            .cell
            .as_ref()
            .map(|c| (c.table, c.row.as_str(), c.column.as_str()));
        let Some(p) = cells.locate(d.span.as_ref(), cell) else {
            continue;
        };
        let at = if p.label.is_empty() {
            format!("{}!{}", p.sheet, p.cell)
        } else {
            format!("{}!{}（{}）", p.sheet, p.cell, p.label)
        };
        let tomlish = d
            .help
            .as_deref()
            .is_some_and(|h| h.contains(" = ") || h.contains('[') || h.contains("toml"));
        let help = match d.code {
            "GR0008" => format!("在 {at} 的黄色格子中填写"),
            "GR0004" | "GR0006" if p.label.starts_with("发布日期") => {
                format!(
                    "在 {at} 中填写日期，如 2025-01-20 或 2025年1月20日；不打算印发布日期就留空"
                )
            }
            "GR0004" | "GR0006" if p.label.starts_with("报告年度") => {
                format!("在 {at} 中填写四位数字的年度，如 2024")
            }
            "GR0004" | "GR0006" if p.label.contains("金额") || p.label.contains("收费") => {
                format!("在 {at} 中只填写金额数字（可有小数），不要填写文字或单位；没有就填 0")
            }
            "GR0004" | "GR0006" => {
                format!(
                    "在 {at} 中只填写不小于 0 的整数（件数），不要填写文字、小数或负数；没有就填 0 或留空"
                )
            }
            "GR0010" => format!("在 {at} 中从下拉列表选择“部门”或“人民政府”"),
            _ if tomlish && p.shown.trim().is_empty() => format!("在 {at} 中填写"),
            _ if tomlish => format!("在 {at} 中改正"),
            _ => continue,
        };
        d.help = Some(help);
    }
}
