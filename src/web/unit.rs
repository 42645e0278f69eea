//! A unit's report on the server: what kind of file a body is, checking it
//! with the server's run and last year's approved report of the same unit,
//! the findings as the CLI's JSON objects plus the form field each belongs
//! to, and whether a text is the unit's own (name, year, level).

use axum::http::HeaderMap;
use serde_json::Value;

use super::{ApiError, AppState};
use crate::app::run::Checked;
use crate::model::diagnostic::{self as diag, Diagnostic};
use crate::model::tables::{T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_ROWS};
use crate::model::{Level, Report};
use crate::store::Unit;

/// The kinds of body an agency file may come as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    Toml,
    Workbook,
    /// The page's form fields (JSON object of key path → text).
    Form,
}

/// What a body is, by its Content-Type and, for types that say little, by
/// its first bytes (a zip or an OLE file is a workbook).
pub fn body_kind(headers: &HeaderMap, bytes: &[u8]) -> Result<BodyKind, ApiError> {
    let ct = media_type(headers);
    let sniffed =
        if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0]) {
            BodyKind::Workbook
        } else {
            BodyKind::Toml
        };
    Ok(match ct.as_str() {
        "application/json" => BodyKind::Form,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        | "application/vnd.ms-excel"
        | "application/vnd.oasis.opendocument.spreadsheet" => BodyKind::Workbook,
        ""
        | "application/toml"
        | "text/toml"
        | "text/x-toml"
        | "text/plain"
        | "application/octet-stream"
        | "application/x-www-form-urlencoded" => sniffed,
        other => {
            return Err(ApiError::new(
                415,
                format!(
                    "不认识的内容类型“{other}”：agency.toml 用 application/toml，填报工作簿用 .xlsx 的类型"
                ),
            ));
        }
    })
}

/// Last year's approved report of a unit of the same name.
pub fn last_year(state: &AppState, name: &str, year: i32) -> Option<Report> {
    let text = state.store.approved_text(name, year - 1).ok()??;
    let parsed = crate::input::parse(&text);
    (!parsed.syntax_error).then_some(parsed.report)
}

/// Checks an agency file as the unit's (with its last year) or, without a
/// unit, on its own.
pub fn check(state: &AppState, bytes: Vec<u8>, workbook: bool, unit: Option<&Unit>) -> Checked {
    let name = if workbook {
        "agency.xlsx"
    } else {
        "agency.toml"
    };
    let previous = unit.and_then(|u| {
        last_year(state, &u.name, u.year).map(|r| (format!("{}年度已审定的报告", u.year - 1), r))
    });
    state.run.check_bytes(name, bytes, workbook, previous)
}

/// (errors, warnings).
pub fn counts(c: &Checked) -> (i64, i64) {
    let e = c.diagnostics.iter().filter(|d| d.is_error()).count() as i64;
    (e, c.diagnostics.len() as i64 - e)
}

/// The findings as `--message-format json` objects, each with `path`: the
/// key path of the field it stands at, where there is one.
pub fn diagnostics_json(c: &Checked) -> Vec<Value> {
    c.diagnostics
        .iter()
        .map(|d| {
            let mut v: Value =
                serde_json::from_str(&diag::render_json(&c.source, d)).unwrap_or(Value::Null);
            if let (Some(p), Value::Object(m)) = (place(c, d), &mut v) {
                m.insert("path".into(), Value::String(p));
            }
            v
        })
        .collect()
}

/// The form field a finding stands at: a table cell by its labels, else
/// the innermost key whose text holds the finding's start.
fn place(c: &Checked, d: &Diagnostic) -> Option<String> {
    if let Some(cell) = &d.cell {
        let hit = match cell.table {
            3 => T3_ROWS
                .iter()
                .find(|r| r.label == cell.row || format!("{}{}", r.group, r.label) == cell.row)
                .map(|r| {
                    (
                        r.path,
                        T3_COLUMNS[..6].iter().position(|c| *c == cell.column),
                    )
                }),
            4 => T4_ROWS
                .iter()
                .find(|(_, l)| *l == cell.row)
                .map(|(p, _)| (*p, T4_COLUMNS[..4].iter().position(|c| *c == cell.column))),
            _ => None,
        };
        if let Some((path, col)) = hit {
            return Some(match col {
                Some(i) => format!("{path}[{i}]"),
                None => path.to_string(),
            });
        }
    }
    let span = d.span.as_ref()?;
    c.parsed.spans.path_at(span.start).map(str::to_string)
}

/// A 422 with the file's findings: `message`, the error count and the
/// diagnostics, for what a file with errors may not have (a PDF, a submit).
pub fn refused(message: impl Into<String>, c: &Checked) -> super::ApiError {
    super::ApiError {
        status: axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        body: serde_json::json!({
            "error": message.into(),
            "errors": counts(c).0,
            "diagnostics": diagnostics_json(c),
        }),
    }
}

/// The media type of a request body, lower case, without parameters.
pub fn media_type(headers: &HeaderMap) -> String {
    headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// The JSON answer of a check.
pub fn check_json(c: &Checked) -> Value {
    let (e, w) = counts(c);
    serde_json::json!({ "errors": e, "warnings": w, "diagnostics": diagnostics_json(c) })
}

/// Why a file cannot be the unit's report: another agency's name, year or
/// level. A text too broken to say is a draft like any other.
pub fn not_its_own(c: &Checked, unit: &Unit) -> Option<String> {
    // The parsed model when the file parses (every save reads it already);
    // the lenient reader only for a draft too broken to parse.
    let (name, year) = if c.parsed.syntax_error {
        crate::input::agency_identity(&c.source.text)?
    } else {
        let a = &c.parsed.report.agency;
        (a.name.clone(), a.year)
    };
    if name.trim() != unit.name {
        return Some(format!(
            "文件中的机关名称“{}”与本单位“{}”不一致，未保存：请核对是否传错了文件",
            name.trim(),
            unit.name
        ));
    }
    if year != unit.year {
        return Some(format!(
            "文件中的报告年度 {year} 与本单位要填报的 {} 年度不一致，未保存",
            unit.year
        ));
    }
    if !c.parsed.syntax_error && c.parsed.report.agency.level.key() != unit.level {
        return Some(format!(
            "文件中的 level（{}）与本单位的类别（{}）不一致，未保存",
            c.parsed.report.agency.level.key(),
            unit.level
        ));
    }
    None
}

/// A unit's level from the API's word for it.
pub fn level(s: &str) -> Option<Level> {
    match s {
        "department" | "部门" => Some(Level::Department),
        "government" | "政府" | "人民政府" => Some(Level::Government),
        _ => None,
    }
}
