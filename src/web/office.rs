//! The office's side of the API: the 汇总表 of the units' current versions
//! (as `govreport summary` writes it), the bundle of approved reports, the
//! published-version check, units in bulk, the audit log, and a consistent
//! copy of the database while the server runs.

use std::io::Write;

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{get, post};
use serde_json::{Value, json};

use super::api::{Caller, base_url, blocking, file_response, office, unit_for};
use super::auth::Who;
use super::unit;
use super::{ApiError, AppState, Shared, auth};
use crate::app::drift;
use crate::model::Report;
use crate::store::Unit;
use crate::writers::Format;

pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/api/v1/summary.xlsx", get(summary_xlsx))
        .route("/api/v1/summary.csv", get(summary_csv))
        .route("/api/v1/bundle.zip", get(bundle))
        .route("/api/v1/backup.db", get(backup))
        .route("/api/v1/units/bulk", post(bulk))
        .route("/api/v1/units/{id}/published", post(published))
        .route("/api/v1/units/{id}/log", get(log))
}

/// A unit's current version, checked; `None` before its first save.
fn checked(s: &AppState, u: &Unit) -> Result<Option<crate::app::run::Checked>, ApiError> {
    Ok(s.store
        .text(&u.id, None)?
        .map(|(_, text)| unit::check(s, text.into_bytes(), false, Some(u))))
}

/// The reports of the units' current versions that have no errors, in the
/// units' order.
fn clean_reports(s: &AppState, year: i32) -> Result<Vec<Report>, ApiError> {
    let mut out = Vec::new();
    for u in s.store.units()?.into_iter().filter(|u| u.year == year) {
        if let Some(c) = checked(s, &u)?
            && !c.has_errors()
        {
            out.push(c.parsed.report);
        }
    }
    Ok(out)
}

async fn summary_xlsx(
    State(s): State<Shared>,
    Caller(w): Caller,
    Query(q): Query<YearQuery>,
) -> Result<Response, ApiError> {
    summary(s, w, q, true).await
}

async fn summary_csv(
    State(s): State<Shared>,
    Caller(w): Caller,
    Query(q): Query<YearQuery>,
) -> Result<Response, ApiError> {
    summary(s, w, q, false).await
}

/// The 汇总表 of a year, as `govreport summary` writes it.
async fn summary(s: Shared, w: Who, q: YearQuery, xlsx: bool) -> Result<Response, ApiError> {
    office(&w)?;
    let year = q.year.unwrap_or(s.year);
    blocking(move || {
        let reports = clean_reports(&s, year)?;
        let refs: Vec<&Report> = reports.iter().collect();
        Ok(if xlsx {
            let bytes = crate::app::summary::xlsx(&refs).map_err(|e| ApiError::new(500, e))?;
            file_response(
                bytes,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                &format!("汇总表{year}.xlsx"),
            )
        } else {
            file_response(
                crate::app::summary::csv(&refs),
                "text/csv; charset=utf-8",
                &format!("汇总表{year}.csv"),
            )
        })
    })
    .await?
}

#[derive(serde::Deserialize)]
struct BundleQuery {
    format: Option<String>,
    year: Option<i32>,
}

/// A file name without the characters Windows refuses.
fn safe_name(s: &str) -> String {
    s.chars()
        .map(|c| {
            if "\\/:*?\"<>|".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect()
}

async fn bundle(
    State(s): State<Shared>,
    Caller(w): Caller,
    Query(q): Query<BundleQuery>,
) -> Result<Response, ApiError> {
    office(&w)?;
    let year = q.year.unwrap_or(s.year);
    let mut formats = Vec::new();
    for part in q.format.as_deref().unwrap_or("pdf,docx").split(',') {
        let f = Format::parse(part.trim()).ok_or_else(|| {
            ApiError::new(
                400,
                format!("未知的格式“{part}”：可选 pdf、docx、html、txt"),
            )
        })?;
        if !formats.contains(&f) {
            formats.push(f);
        }
    }
    blocking(move || {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let mut names = std::collections::HashSet::new();
        for u in s
            .store
            .units()?
            .iter()
            .filter(|u| u.status == "approved" && u.year == year)
        {
            let Some(c) = checked(&s, u)? else { continue };
            let mut stem = safe_name(&format!("{}{}年政府信息公开工作年度报告", u.name, u.year));
            if !names.insert(stem.clone()) {
                stem = format!("{stem}-{}", u.id);
            }
            for f in &formats {
                let bytes = match s.cache.get(&u.id, u.version, f.ext()) {
                    Some(b) => b,
                    None => {
                        let b = std::sync::Arc::new(
                            s.run.render(&c, *f).map_err(|e| ApiError::new(500, e))?,
                        );
                        s.cache.put(&u.id, u.version, f.ext(), b.clone());
                        b
                    }
                };
                let fail = |e: &dyn std::fmt::Display| ApiError::new(500, format!("无法打包：{e}"));
                zip.start_file(format!("{stem}.{}", f.ext()), opts)
                    .map_err(|e| fail(&e))?;
                zip.write_all(&bytes).map_err(|e| fail(&e))?;
            }
        }
        let bytes = zip
            .finish()
            .map_err(|e| ApiError::new(500, format!("无法打包：{e}")))?
            .into_inner();
        Ok(file_response(
            bytes,
            "application/zip",
            &format!("已审定的年报{year}.zip"),
        ))
    })
    .await?
}

async fn backup(State(s): State<Shared>, Caller(w): Caller) -> Result<Response, ApiError> {
    office(&w)?;
    blocking(move || {
        let dir = tempfile::tempdir().map_err(|e| ApiError::new(500, e.to_string()))?;
        let path = dir.path().join("backup.db");
        s.store.backup(&path)?;
        let bytes = std::fs::read(&path).map_err(|e| ApiError::new(500, e.to_string()))?;
        Ok(file_response(
            bytes,
            "application/vnd.sqlite3",
            &format!(
                "govreport-{}.db",
                crate::store::time::now().replace(':', "")
            ),
        ))
    })
    .await?
}

/// What kind of published report a body is, by its Content-Type.
fn published_kind(headers: &HeaderMap) -> Result<&'static str, ApiError> {
    let ct = unit::media_type(headers);
    Ok(match ct.as_str() {
        "text/plain" | "text/markdown" => "txt",
        "text/html" | "application/xhtml+xml" => "html",
        "application/pdf" => "pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "docx",
        other => {
            return Err(ApiError::new(
                415,
                format!(
                    "不认识的内容类型“{other}”：可用 text/plain、text/html、application/pdf 或 DOCX 的类型"
                ),
            ));
        }
    })
}

async fn published(
    State(s): State<Shared>,
    Caller(w): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    office(&w)?;
    let u = unit_for(&s, &w, &id)?;
    let kind = published_kind(&headers)?;
    blocking(move || {
        let c = checked(&s, &u)?.ok_or_else(|| ApiError::new(409, "该单位还没有保存过报告"))?;
        if u.status != "approved" {
            return Err(ApiError::new(
                409,
                format!(
                    "该单位的报告还没有审定（当前：{}），无从比较",
                    super::html::status_zh(&u.status)
                ),
            ));
        }
        let text = crate::audit::text_of(kind, body.to_vec())
            .map_err(|e| ApiError::new(422, format!("无法读取发布的报告：{e}")))?;
        let source = crate::model::source::SourceFile::new("published", "published", text);
        let previous = unit::last_year(&s, &u.name, u.year);
        let (rec, diags) = crate::audit::audit_with(
            &source,
            crate::model::date::Date::today(),
            previous.as_ref().map(|r| crate::rules::Previous {
                report: r,
                name: "上年度已审定的报告",
            }),
        );
        // The approved version as our own text, read back the same way.
        let approved_txt = s
            .run
            .render(&c, Format::Txt)
            .map_err(|e| ApiError::new(500, e))?;
        let approved_txt = String::from_utf8_lossy(&approved_txt).into_owned();
        let approved_rec = crate::audit::recognise(&approved_txt);
        let differs = drift::differences(
            &c.parsed.report,
            &drift::Read {
                text: &approved_txt,
                rec: &approved_rec,
            },
            &drift::Read {
                text: &source.text,
                rec: &rec,
            },
        );
        let diagnostics: Vec<Value> = diags
            .iter()
            .map(|d| {
                serde_json::from_str(&crate::model::diagnostic::render_json(&source, d))
                    .unwrap_or(Value::Null)
            })
            .collect();
        s.store.note(
            &u.id,
            "office",
            "published",
            &format!("{} 处不同", differs.len()),
        )?;
        Ok(json!({ "diagnostics": diagnostics, "differs": differs }))
    })
    .await?
    .map(Json)
}

async fn log(
    State(s): State<Shared>,
    Caller(w): Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let u = unit_for(&s, &w, &id)?;
    let rows: Vec<Value> = s
        .store
        .log(&u.id)?
        .into_iter()
        .map(|(at, who, action, detail)| json!({ "at": at, "by": who, "action": action, "detail": detail }))
        .collect();
    Ok(Json(Value::Array(rows)))
}

/// One row of an office's list of units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub name: String,
    pub level: String,
    pub contact: String,
}

/// The rows of a list of units: CSV (UTF-8, with or without BOM, or GBK
/// as Excel saves it on a Chinese Windows) or a workbook; the first row
/// may be a header (单位名称/名称/name, 类别/level, 联系人/contact).
pub fn parse_list(bytes: &[u8]) -> Result<Vec<Listed>, String> {
    let rows: Vec<Vec<String>> =
        if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0]) {
            crate::input::workbook::rows_of_first_sheet(bytes)?
        } else {
            let text = match std::str::from_utf8(bytes) {
                Ok(t) => t.trim_start_matches('\u{feff}').to_string(),
                Err(_) => {
                    let (t, _, bad) = encoding_rs::GBK.decode(bytes);
                    if bad {
                        return Err("名单既不是 UTF-8 也不是 GBK 编码".into());
                    }
                    t.into_owned()
                }
            };
            csv_rows(&text)
        };
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let cell = |k: usize| row.get(k).map(|s| s.trim().to_string()).unwrap_or_default();
        let name = cell(0);
        if name.is_empty() {
            continue;
        }
        if i == 0 && ["单位名称", "名称", "单位", "name", "机关名称"].contains(&name.as_str())
        {
            continue;
        }
        let level = match cell(1).as_str() {
            "" | "department" | "部门" | "政府部门" => "department",
            "government" | "政府" | "人民政府" => "government",
            other => {
                return Err(format!(
                    "第 {} 行：类别“{other}”只能是 部门/department 或 人民政府/government",
                    i + 1
                ));
            }
        };
        if name.chars().count() > 100 || name.chars().any(char::is_control) {
            return Err(format!("第 {} 行：单位名称过长或含控制字符", i + 1));
        }
        out.push(Listed {
            name,
            level: level.into(),
            contact: cell(2),
        });
    }
    Ok(out)
}

/// RFC 4180 rows (quoted fields with commas, quotes and line breaks).
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// Creates the listed units; the CSV of their links to mail-merge.
pub fn create_listed(
    store: &crate::store::Store,
    list: &[Listed],
    year: i32,
    base: &str,
) -> Result<Vec<u8>, String> {
    let existing: std::collections::HashSet<(String, i32)> = store
        .units()?
        .into_iter()
        .map(|u| (u.name, u.year))
        .collect();
    let mut seen = std::collections::HashSet::new();
    for l in list {
        if existing.contains(&(l.name.clone(), year)) || !seen.insert(l.name.clone()) {
            return Err(format!(
                "单位“{}”的 {year} 年度报告已存在或在名单中重复，未新建任何单位",
                l.name
            ));
        }
    }
    let made: Vec<(String, String, String)> = list
        .iter()
        .map(|l| (auth::new_id(), auth::new_token(), l.name.clone()))
        .collect();
    let rows: Vec<crate::store::NewUnit> = list
        .iter()
        .zip(&made)
        .map(|(l, (id, token, _))| crate::store::NewUnit {
            id: id.clone(),
            name: l.name.clone(),
            level: l.level.clone(),
            year,
            contact: l.contact.clone(),
            token_hash: auth::hash(token),
        })
        .collect();
    store.create_units(&rows)?;
    let q = crate::model::quote::csv_field;
    let mut csv = String::from("\u{feff}单位名称,类别,联系人,年度,编号,登录链接\r\n");
    for (l, (id, token, _)) in list.iter().zip(&made) {
        csv += &format!(
            "{},{},{},{year},{id},{base}/login/{token}\r\n",
            q(&l.name),
            if l.level == "government" {
                "人民政府"
            } else {
                "部门"
            },
            q(&l.contact)
        );
    }
    Ok(csv.into_bytes())
}

#[derive(serde::Deserialize)]
struct YearQuery {
    year: Option<i32>,
}

async fn bulk(
    State(s): State<Shared>,
    Caller(w): Caller,
    headers: HeaderMap,
    Query(q): Query<YearQuery>,
    body: Bytes,
) -> Result<(StatusCode, Response), ApiError> {
    office(&w)?;
    let base = base_url(&s, &headers);
    let year = q.year.unwrap_or(s.year);
    blocking(move || {
        let list = parse_list(&body).map_err(|e| ApiError::new(422, e))?;
        if list.is_empty() {
            return Err(ApiError::new(
                422,
                "名单中没有单位：每行一个单位，第一列为单位名称",
            ));
        }
        let csv = create_listed(&s.store, &list, year, &base).map_err(|e| ApiError::new(409, e))?;
        Ok((
            StatusCode::CREATED,
            file_response(
                csv,
                "text/csv; charset=utf-8",
                &format!("各单位登录链接{year}.csv"),
            ),
        ))
    })
    .await?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_list_as_excel_saves_it() {
        let csv = "\u{feff}单位名称,类别,联系人\r\n某区司法局,部门,张三\r\n\"某区人民政府, 办公室\",人民政府,\"李\"\"四\"\r\n\r\n";
        let l = parse_list(csv.as_bytes()).unwrap();
        assert_eq!(l.len(), 2);
        assert_eq!(l[0].name, "某区司法局");
        assert_eq!(l[1].name, "某区人民政府, 办公室");
        assert_eq!(l[1].level, "government");
        assert_eq!(l[1].contact, "李\"四");
        let (gbk, _, _) = encoding_rs::GBK.encode("某区民政局\n");
        assert_eq!(parse_list(&gbk).unwrap()[0].name, "某区民政局");
        assert!(
            parse_list("某局,科室\n".as_bytes())
                .unwrap_err()
                .contains("类别")
        );
    }

    #[test]
    fn a_list_is_created_whole_or_not_at_all() {
        let store = crate::store::Store::memory().unwrap();
        let list = parse_list("甲局\n乙局\n".as_bytes()).unwrap();
        let csv =
            String::from_utf8(create_listed(&store, &list, 2025, "http://h").unwrap()).unwrap();
        assert_eq!(csv.lines().count(), 3);
        assert!(csv.contains("http://h/login/"));
        let again = parse_list("丙局\n甲局\n".as_bytes()).unwrap();
        assert!(create_listed(&store, &again, 2025, "http://h").is_err());
        assert_eq!(store.units().unwrap().len(), 2);
    }
}
