//! How far a workbook's cells reach, read before calamine reads it:
//! calamine turns each sheet into a dense grid as large as its farthest
//! cell, so one cell at XFD1048576 in a 500-byte sheet (or a damaged .xls
//! record, found by fuzzing) asks for tens of gigabytes. A fill-in
//! workbook has a few dozen rows and at most 15 columns; anything reaching
//! past the bounds below is refused as "too large".

use std::io::{Cursor, Read};

/// Rows and columns a fill-in workbook may reach (far more than it has).
pub const MAX_ROW: u64 = 2_000;
pub const MAX_COL: u64 = 256;

const TOO_BIG: &str = "文件过大或结构异常，已停止读取（工作表的范围远超填报工作簿）";

/// Bounds for a file from the open web: a workbook of ours is ~30 KB.
const MAX_UNPACKED: u64 = 50 * 1024 * 1024;
const MAX_ENTRIES: usize = 5_000;

/// One pass over a zip workbook before calamine unpacks it: the bytes that
/// actually come out of every entry are counted (a declared size can lie;
/// a zip bomb would fill memory), and the sheets (.xlsx
/// `xl/worksheets/*.xml`, .ods `content.xml`) are measured as they come.
/// Other files pass (they are judged elsewhere).
pub fn check_zip(bytes: &[u8]) -> Result<(), String> {
    if !bytes.starts_with(b"PK") {
        return Ok(());
    }
    let damaged = |e: &dyn std::fmt::Display| format!("无法读取工作簿（文件损坏或不完整）：{e}");
    let too_big = || "文件过大或结构异常，已停止读取（解压后超过 50 MB）".to_string();
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(&e))?;
    if zip.len() > MAX_ENTRIES {
        return Err(too_big());
    }
    let mut total = 0u64;
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).map_err(|e| damaged(&e))?;
        let name = f.name().to_string();
        let sheet = name.starts_with("xl/worksheets/") && name.ends_with(".xml");
        let ods = name == "content.xml";
        let mut part = Vec::new();
        let limit = MAX_UNPACKED - total + 1;
        let n = if sheet || ods {
            (&mut f).take(limit).read_to_end(&mut part)
        } else {
            std::io::copy(&mut (&mut f).take(limit), &mut std::io::sink())
                .map(|n| usize::try_from(n).unwrap_or(usize::MAX))
        }
        .map_err(|e| damaged(&e))?;
        total += n as u64;
        if total > MAX_UNPACKED {
            return Err(too_big());
        }
        if !(sheet || ods) {
            continue;
        }
        let Ok(xml) = std::str::from_utf8(&part) else {
            continue;
        };
        let Ok(doc) = roxmltree::Document::parse(xml) else {
            continue;
        };
        let (rows, cols) = if sheet {
            xlsx_extent(&doc)
        } else {
            ods_extent(&doc)
        };
        if rows > MAX_ROW || cols > MAX_COL {
            return Err(TOO_BIG.to_string());
        }
    }
    Ok(())
}

/// 1-based row and column of an A1 reference (`D7` → (7, 4)).
fn parse_ref(r: &str) -> Option<(u64, u64)> {
    let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
    let col = r[..letters].bytes().try_fold(0u64, |acc, b| {
        acc.checked_mul(26)?
            .checked_add(u64::from(b.to_ascii_uppercase() - b'A' + 1))
    })?;
    let row = r[letters..].parse::<u64>().ok()?;
    Some((row, col))
}

/// The farthest row and column an .xlsx sheet's cells reach, counting
/// cells without an `r` the way readers do (one after the previous).
fn xlsx_extent(doc: &roxmltree::Document) -> (u64, u64) {
    let (mut max_row, mut max_col) = (0u64, 0u64);
    let mut row = 0u64;
    for r in doc.descendants().filter(|n| n.tag_name().name() == "row") {
        row = r
            .attribute("r")
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(row + 1);
        let mut col = 0u64;
        for c in r.children().filter(|n| n.tag_name().name() == "c") {
            let (cr, cc) = c
                .attribute("r")
                .and_then(parse_ref)
                .unwrap_or((row, col + 1));
            col = cc;
            max_row = max_row.max(cr);
            max_col = max_col.max(cc);
        }
    }
    (max_row, max_col)
}

/// The farthest row and column an .ods `content.xml` reaches with a cell
/// that holds something; repeated empty rows and cells (LibreOffice writes
/// a million of them) do not count.
fn ods_extent(doc: &roxmltree::Document) -> (u64, u64) {
    const TABLE: &str = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
    const OFFICE: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
    let repeat = |n: &roxmltree::Node, attr: &str| {
        n.attribute((TABLE, attr))
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(1)
            .max(1)
    };
    let (mut max_row, mut max_col) = (0u64, 0u64);
    for table in doc
        .descendants()
        .filter(|n| n.has_tag_name((TABLE, "table")))
    {
        let mut row = 0u64;
        for r in table
            .descendants()
            .filter(|n| n.has_tag_name((TABLE, "table-row")))
        {
            let rows = repeat(&r, "number-rows-repeated");
            let mut col = 0u64;
            for c in r.children().filter(|n| {
                n.has_tag_name((TABLE, "table-cell"))
                    || n.has_tag_name((TABLE, "covered-table-cell"))
            }) {
                let cols = repeat(&c, "number-columns-repeated");
                let filled = c.attribute((OFFICE, "value-type")).is_some()
                    || c.children().any(|k| k.is_element());
                if filled {
                    max_row = max_row.max(row.saturating_add(rows));
                    max_col = max_col.max(col.saturating_add(cols));
                }
                col = col.saturating_add(cols);
            }
            row = row.saturating_add(rows);
        }
    }
    (max_row, max_col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(parse_ref("D7"), Some((7, 4)));
        assert_eq!(parse_ref("XFD1048576"), Some((1_048_576, 16_384)));
        assert_eq!(parse_ref("7"), Some((7, 0)));
    }

    #[test]
    fn one_far_cell_is_too_big() {
        let far = r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"/></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>"#;
        let doc = roxmltree::Document::parse(far).unwrap();
        assert_eq!(xlsx_extent(&doc), (1_048_576, 16_384));
        let near =
            r#"<worksheet><sheetData><row><c/><c/></row><row><c/></row></sheetData></worksheet>"#;
        let doc = roxmltree::Document::parse(near).unwrap();
        assert_eq!(xlsx_extent(&doc), (2, 2));
    }

    #[test]
    fn repeated_empty_ods_cells_do_not_count() {
        let ods = r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table>
            <table:table-row><table:table-cell office:value-type="float" office:value="1"/><table:table-cell table:number-columns-repeated="16383"/></table:table-row>
            <table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>
            </table:table></office:spreadsheet></office:body></office:document-content>"#;
        let doc = roxmltree::Document::parse(ods).unwrap();
        assert_eq!(ods_extent(&doc), (1, 1));
        let bomb = ods.replace(
            r#"<table:table-cell table:number-columns-repeated="16384"/>"#,
            r#"<table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"/>"#,
        );
        let doc = roxmltree::Document::parse(&bomb).unwrap();
        assert_eq!(ods_extent(&doc), (1_048_576, 16_384));
    }
}
