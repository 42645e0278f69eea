//! The HTTP API v1 (docs/serve.md): health, check and render of any agency
//! file, units, a unit's report with versions (`If-Match`, 409 on a stale
//! one), its downloads, submit, return, approve, history.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use serde_json::{Value, json};

use super::auth::{self, Who};
use super::form;
use super::unit::{self, BodyKind};
use super::{ApiError, AppState, Shared, review};
use crate::store::{NewVersion, SaveError, Unit};
use crate::writers::Format;

pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/api/v1/health", get(health))
        .route("/api/v1/check", post(check))
        .route("/api/v1/render", post(render))
        .route("/api/v1/units", post(create_unit).get(list_units))
        .route("/api/v1/units/{id}/report", get(get_report).put(put_report))
        .route("/api/v1/units/{id}/submit", post(review::submit))
        .route("/api/v1/units/{id}/return", post(review::return_unit))
        .route("/api/v1/units/{id}/approve", post(review::approve))
        .route("/api/v1/units/{id}/history", get(review::history))
        .route("/api/v1/units/{id}/token", delete(review::reissue))
        .route("/api/v1/units/{id}/{file}", get(download))
        .fallback(not_found)
}

async fn not_found() -> ApiError {
    ApiError::new(404, "没有这个地址")
}

/// Who the request speaks for (a bearer token, or the page's session with
/// its CSRF header), checked before the handler runs; a handler that takes
/// it needs no other argument to authenticate.
pub(super) struct Caller(pub Who);

impl FromRequestParts<Shared> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, s: &Shared) -> Result<Self, ApiError> {
        // The server is always started with the peer's address (the limit
        // of wrong tokens counts per address).
        let ip = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip())
            .ok_or_else(|| ApiError::new(500, "内部错误（请报告）：没有对方地址"))?;
        auth::authenticate(&s.store, &s.limiter, ip, &parts.method, &parts.headers).map(Caller)
    }
}

pub(super) fn office(w: &Who) -> Result<(), ApiError> {
    match w {
        Who::Office => Ok(()),
        Who::Unit(_) => Err(ApiError::new(403, "只有政务公开办公室可以这样做")),
    }
}

/// The unit `id` if `w` may see it: 404 for no such unit, 403 for another's.
pub(super) fn unit_for(s: &AppState, w: &Who, id: &str) -> Result<Unit, ApiError> {
    let u = s.store.unit(id)?.ok_or_else(ApiError::not_found)?;
    match w {
        Who::Office => Ok(u),
        Who::Unit(mine) if *mine == u.id => Ok(u),
        Who::Unit(_) => Err(ApiError::forbidden()),
    }
}

/// Like `unit_for`, for what only the unit itself may do.
pub(super) fn own_unit(s: &AppState, w: &Who, id: &str) -> Result<Unit, ApiError> {
    let u = unit_for(s, w, id)?;
    match w {
        Who::Unit(_) => Ok(u),
        Who::Office => Err(ApiError::new(403, "只有本单位可以填写和提交自己的报告")),
    }
}

/// CPU work (check, render) off the async threads.
/// Checks and renders at once: two per core. More only queue on the CPU
/// and hold memory (a PDF in the making is several MB); waiting requests
/// wait here, in order, costing nothing.
static WORKERS: std::sync::LazyLock<tokio::sync::Semaphore> = std::sync::LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    tokio::sync::Semaphore::new(cores * 2)
});

pub(super) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    let _permit = WORKERS
        .acquire()
        .await
        .map_err(|e| ApiError::new(500, format!("内部错误（请报告）：{e}")))?;
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| ApiError::new(500, format!("内部错误（请报告）：{e}")))
}

async fn health() -> Json<Value> {
    Json(json!({ "status": "ok", "version": env!("CARGO_PKG_VERSION") }))
}

async fn check(
    State(s): State<Shared>,
    _: Caller,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let kind = file_kind(&headers, &body)?;
    let c =
        blocking(move || unit::check(&s, body.to_vec(), kind == BodyKind::Workbook, None)).await?;
    Ok(Json(unit::check_json(&c)))
}

/// A body that must be an agency file (not the page's form).
fn file_kind(headers: &HeaderMap, body: &[u8]) -> Result<BodyKind, ApiError> {
    match unit::body_kind(headers, body)? {
        BodyKind::Form => Err(ApiError::new(
            415,
            "这里要的是 agency.toml（application/toml）或填报工作簿，不是 JSON",
        )),
        k => Ok(k),
    }
}

#[derive(serde::Deserialize)]
struct FormatQuery {
    format: Option<String>,
}

async fn render(
    State(s): State<Shared>,
    _: Caller,
    headers: HeaderMap,
    Query(q): Query<FormatQuery>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let format = q
        .format
        .as_deref()
        .and_then(Format::parse)
        .ok_or_else(|| ApiError::new(400, "format 须为 pdf、docx、html 或 txt"))?;
    let kind = file_kind(&headers, &body)?;
    blocking(move || {
        let c = unit::check(&s, body.to_vec(), kind == BodyKind::Workbook, None);
        let bytes = rendered(&s, &c, format)?;
        Ok(file_response(
            bytes,
            content_type(format.ext()),
            &report_name(&c, format),
        ))
    })
    .await?
}

/// The report of a checked file in `format`, or 422 with its errors.
fn rendered(
    s: &AppState,
    c: &crate::app::run::Checked,
    format: Format,
) -> Result<Vec<u8>, ApiError> {
    if c.has_errors() {
        let (e, _) = unit::counts(c);
        return Err(unit::refused(
            format!("报告还有 {e} 个错误，改正后才能生成"),
            c,
        ));
    }
    s.run.render(c, format).map_err(|e| ApiError::new(500, e))
}

/// The file name of a checked report in `format`.
fn report_name(c: &crate::app::run::Checked, format: Format) -> String {
    let r = &c.parsed.report.agency;
    format!(
        "{}{}年政府信息公开工作年度报告.{}",
        r.name.trim(),
        r.year,
        format.ext()
    )
}

fn content_type(ext: &str) -> &'static str {
    match ext {
        "pdf" => "application/pdf",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "html" => "text/html; charset=utf-8",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "toml" => "application/toml; charset=utf-8",
        _ => "text/plain; charset=utf-8",
    }
}

/// A download: its type, and its name in UTF-8 (RFC 6266/5987) with an
/// ASCII fallback for old clients.
pub fn file_response(bytes: Vec<u8>, ctype: &'static str, name: &str) -> Response {
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let ext = name.rsplit('.').next().unwrap_or("txt");
    let disposition = format!("attachment; filename=\"report.{ext}\"; filename*=UTF-8''{encoded}");
    let mut res = (StatusCode::OK, bytes).into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(ctype));
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    if ext == "html" {
        // A report is a document, not an application: no scripts at all.
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:",
            ),
        );
    }
    res
}

#[derive(serde::Deserialize)]
struct NewUnit {
    name: String,
    level: Option<String>,
    year: Option<i32>,
    contact: Option<String>,
}

/// The address a link should use: the Host the request came to.
pub fn base_url(s: &AppState, headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_graphic()));
    let https = headers
        .get("x-forwarded-proto")
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"https"));
    match host {
        Some(h) => format!("{}://{h}", if https { "https" } else { "http" }),
        None => s.base.clone(),
    }
}

async fn create_unit(
    State(s): State<Shared>,
    Caller(w): Caller,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    office(&w)?;
    let n: NewUnit = serde_json::from_slice(&body).map_err(|e| {
        ApiError::new(
            422,
            format!("请求体应为 {{\"name\":…,\"level\":…,\"year\":…}}：{e}"),
        )
    })?;
    let name = n.name.trim();
    if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
        return Err(ApiError::new(
            422,
            "单位名称不能为空、不能含控制字符，最多 100 个字",
        ));
    }
    let level = n.level.as_deref().unwrap_or("department");
    let level = unit::level(level).ok_or_else(|| {
        ApiError::new(
            422,
            "level 只能是 department（部门）或 government（人民政府）",
        )
    })?;
    let year = n.year.unwrap_or(s.year);
    if !(2021..=2100).contains(&year) {
        return Err(ApiError::new(
            422,
            "year 须是 2021 年或以后的报告年度（2021 年格式）",
        ));
    }
    if s.store
        .units()?
        .iter()
        .any(|u| u.name == name && u.year == year)
    {
        return Err(ApiError::new(
            409,
            format!("已有单位“{name}”的 {year} 年度报告"),
        ));
    }
    let id = auth::new_id();
    let token = auth::new_token();
    let contact = n.contact.unwrap_or_default();
    s.store.create_unit(
        &id,
        name,
        level.key(),
        year,
        contact.trim(),
        &auth::hash(&token),
    )?;
    let link = format!("{}/login/{token}", base_url(&s, &headers));
    Ok((
        StatusCode::CREATED,
        Json(json!({ "id": id, "token": token, "link": link })),
    ))
}

/// Whether a unit missed its deadline: 1月31日 (departments) or 3月31日
/// (governments) of the next year, or the profile's.
pub(super) fn late(s: &AppState, u: &Unit) -> bool {
    let level = unit::level(&u.level).unwrap_or(crate::model::Level::Department);
    let deadline = s.run.deadline(level, u.year);
    match (&u.submitted_at, u.status.as_str()) {
        (Some(at), "submitted" | "approved") => {
            crate::store::time::local_date(at).is_some_and(|d| d > deadline)
        }
        _ => crate::model::date::Date::today() > deadline,
    }
}

pub fn unit_json(s: &AppState, u: &Unit) -> Value {
    json!({
        "id": u.id, "name": u.name, "level": u.level, "year": u.year,
        "status": u.status, "errors": u.errors, "warnings": u.warnings,
        "late": late(s, u), "updated_at": u.updated_at, "submitted_at": u.submitted_at,
        "comment": u.comment, "version": (u.version > 0).then(|| u.version.to_string()),
    })
}

async fn list_units(State(s): State<Shared>, Caller(w): Caller) -> Result<Json<Value>, ApiError> {
    office(&w)?;
    let list: Vec<Value> = s.store.units()?.iter().map(|u| unit_json(&s, u)).collect();
    Ok(Json(Value::Array(list)))
}

/// The unit's current text, or the prefilled one before its first save.
pub fn current_text(s: &AppState, u: &Unit) -> Result<(Option<i64>, String), ApiError> {
    Ok(match s.store.text(&u.id, None)? {
        Some((v, t)) => (Some(v), t),
        None => {
            let level = unit::level(&u.level).unwrap_or(crate::model::Level::Department);
            let last = unit::last_year(s, &u.name, u.year);
            (
                None,
                crate::app::prefill::prefilled(&u.name, u.year, level, last.as_ref()),
            )
        }
    })
}

async fn get_report(
    State(s): State<Shared>,
    Caller(w): Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let u = unit_for(&s, &w, &id)?;
    let (version, text) = current_text(&s, &u)?;
    let mut res = (StatusCode::OK, text).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/toml; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Some(v) = version
        && let Ok(e) = HeaderValue::from_str(&format!("\"{v}\""))
    {
        h.insert(header::ETAG, e);
    }
    Ok(res)
}

/// The version an `If-Match` names (quoted or not); `None` when absent.
fn if_match(headers: &HeaderMap) -> Result<Option<i64>, ApiError> {
    let Some(v) = headers.get(header::IF_MATCH) else {
        return Ok(None);
    };
    let v = v.to_str().unwrap_or("").trim();
    let v = v.strip_prefix("W/").unwrap_or(v).trim_matches('"');
    v.parse::<i64>().map(Some).map_err(|_| {
        ApiError::new(
            409,
            format!("If-Match 中的版本“{v}”不是本报告的版本：请重新读取报告"),
        )
    })
}

async fn put_report(
    State(s): State<Shared>,
    Caller(w): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let u = own_unit(&s, &w, &id)?;
    let expected = if_match(&headers)?;
    let kind = unit::body_kind(&headers, &body)?;
    let by = w.label();
    // The page's saves as the user types; a run of them is one version.
    let autosave = headers
        .get("x-autosave")
        .is_some_and(|v| v.as_bytes() == b"1");
    blocking(move || {
        let (bytes, workbook) = match kind {
            BodyKind::Form => (form_text(&s, &u, &body)?.into_bytes(), false),
            BodyKind::Workbook => (body.to_vec(), true),
            BodyKind::Toml => (body.to_vec(), false),
        };
        let c = unit::check(&s, bytes.clone(), workbook, Some(&u));
        let unreadable = c
            .diagnostics
            .iter()
            .any(|d| d.code == "GR0001" || d.code == "GR0013");
        if unreadable {
            return Err(unit::refused("文件无法读取为 agency.toml 或填报工作簿，未保存", &c));
        }
        if let Some(why) = unit::not_its_own(&c, &u) {
            return Err(ApiError::new(422, why));
        }
        // A TOML file is kept byte for byte; a workbook as its TOML form.
        let text = if workbook {
            c.source.text.clone()
        } else {
            String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
        };
        let (errors, warnings) = unit::counts(&c);
        let saved = s.store.save(
            &u.id,
            expected,
            &NewVersion {
                text: &text,
                by,
                errors,
                warnings,
                autosave,
            },
        );
        match saved {
            Ok(v) => Ok(json!({
                "version": v.to_string(), "status": "draft",
                "errors": errors, "warnings": warnings,
                "diagnostics": unit::diagnostics_json(&c),
            })),
            Err(SaveError::Stale { current }) => Err(ApiError {
                status: StatusCode::CONFLICT,
                body: json!({
                    "error": format!("报告已有更新的版本（第 {current} 版，可能是在另一个窗口保存的）；为免覆盖，这次没有保存：请重新读取后再改"),
                    "version": current.to_string(),
                }),
            }),
            Err(SaveError::Approved) => Err(ApiError::new(409, "报告已审定，不能再修改")),
            Err(SaveError::NoUnit) => Err(ApiError::not_found()),
            Err(SaveError::Db(e)) => Err(ApiError::new(500, format!("数据库错误：{e}"))),
        }
    })
    .await?
    .map(Json)
}

/// The agency.toml text of the page's form values, keeping the `[extra]`
/// table of the current version.
fn form_text(s: &AppState, u: &Unit, body: &[u8]) -> Result<String, ApiError> {
    let raw: serde_json::Map<String, Value> = serde_json::from_slice(body)
        .map_err(|e| ApiError::new(422, format!("表单内容无法读取：{e}")))?;
    let values: form::Values = raw
        .into_iter()
        .map(|(k, v)| {
            let text = match v {
                Value::String(t) => t,
                Value::Null => String::new(),
                other => other.to_string(),
            };
            (k, text)
        })
        .collect();
    let extra = s
        .store
        .text(&u.id, None)?
        .and_then(|(_, t)| form::extra_of(&t));
    Ok(form::to_toml(
        &form::Identity {
            name: &u.name,
            year: u.year,
            level: &u.level,
        },
        &values,
        extra.as_ref(),
    ))
}

async fn download(
    State(s): State<Shared>,
    Caller(w): Caller,
    Path((id, file)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let ext = file
        .strip_prefix("report.")
        .ok_or_else(|| ApiError::new(404, "没有这个地址"))?
        .to_string();
    let u = unit_for(&s, &w, &id)?;
    let (version, text) = current_text(&s, &u)?;
    let stem = format!("{}{}年政府信息公开工作年度报告", u.name, u.year);
    let name = move |ext: &str| format!("{stem}.{ext}");
    // A version rendered once is the same bytes ever after.
    if let (Some(v), Some(f)) = (version, Format::parse(&ext))
        && let Some(bytes) = s.cache.get(&u.id, v, f.ext())
    {
        return Ok(file_response(
            (*bytes).clone(),
            content_type(f.ext()),
            &name(f.ext()),
        ));
    }
    blocking(move || {
        let c = unit::check(&s, text.into_bytes(), false, Some(&u));
        if ext == "xlsx" {
            if c.parsed.syntax_error {
                return Err(ApiError::new(422, "当前版本有格式错误，无法转为填报工作簿"));
            }
            let extra: Vec<String> = c.parsed.report.extra.keys().cloned().collect();
            let bytes = crate::input::workbook::write(&c.parsed.report, &extra)
                .map_err(|e| ApiError::new(500, e))?;
            return Ok(file_response(
                bytes,
                content_type("xlsx"),
                &format!("{}{}年政府信息公开工作年度报告填报.xlsx", u.name, u.year),
            ));
        }
        let format = Format::parse(&ext)
            .ok_or_else(|| ApiError::new(404, "没有这种格式：可选 pdf、docx、html、txt、xlsx"))?;
        let Some(v) = version else {
            return Err(ApiError::new(422, "还没有保存过报告"));
        };
        let bytes = Arc::new(rendered(&s, &c, format)?);
        s.cache.put(&u.id, v, format.ext(), bytes.clone());
        Ok(file_response(
            (*bytes).clone(),
            content_type(format.ext()),
            &name(format.ext()),
        ))
    })
    .await?
}
