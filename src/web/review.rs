//! A report's way through the office: the unit submits (only without
//! errors), the office returns it with a comment or approves it; the
//! history of every saved version; a unit's link reissued.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use serde_json::{Value, json};

use super::api::{Caller, base_url, blocking, current_text, office, own_unit, unit_for};
use super::auth;
use super::unit;
use super::{ApiError, Shared};

pub async fn submit(
    State(s): State<Shared>,
    Caller(w): Caller,
    Path(id): Path<String>,
    // Read whatever body came, so the connection stays usable.
    _body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let u = own_unit(&s, &w, &id)?;
    match u.status.as_str() {
        "approved" => return Err(ApiError::new(409, "报告已审定")),
        "submitted" => return Ok(Json(json!({ "status": "submitted" }))),
        "empty" => return Err(ApiError::new(422, "还没有保存过报告，填写后再提交")),
        _ => {}
    }
    let (_, text) = current_text(&s, &u)?;
    let s2 = s.clone();
    let u2 = u.clone();
    let c = blocking(move || unit::check(&s2, text.into_bytes(), false, Some(&u2))).await?;
    if c.has_errors() {
        let (e, _) = unit::counts(&c);
        return Err(unit::refused(
            format!("报告还有 {e} 个错误，改正后才能提交"),
            &c,
        ));
    }
    match s
        .store
        .transition(&u.id, &["draft", "returned"], "submitted", "unit", None)?
    {
        Ok(()) => Ok(Json(json!({ "status": "submitted" }))),
        Err(now) => Err(ApiError::new(
            409,
            format!("报告的状态已变为“{now}”，请刷新"),
        )),
    }
}

#[derive(serde::Deserialize, Default)]
struct Comment {
    comment: Option<String>,
}

pub async fn return_unit(
    State(s): State<Shared>,
    Caller(w): Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    office(&w)?;
    let u = unit_for(&s, &w, &id)?;
    let c: Comment = if body.is_empty() {
        Comment::default()
    } else {
        serde_json::from_slice(&body)
            .map_err(|e| ApiError::new(422, format!("请求体应为 {{\"comment\":\"…\"}}：{e}")))?
    };
    let comment = c.comment.unwrap_or_default();
    match s.store.transition(
        &u.id,
        &["draft", "submitted", "approved"],
        "returned",
        "office",
        Some(comment.trim()),
    )? {
        Ok(()) => Ok(Json(json!({ "status": "returned" }))),
        Err(now) => Err(ApiError::new(
            409,
            format!("只能退回已保存的报告（当前状态：{now}）"),
        )),
    }
}

pub async fn approve(
    State(s): State<Shared>,
    Caller(w): Caller,
    Path(id): Path<String>,
    // Read whatever body came, so the connection stays usable.
    _body: Bytes,
) -> Result<Json<Value>, ApiError> {
    office(&w)?;
    let u = unit_for(&s, &w, &id)?;
    match s
        .store
        .transition(&u.id, &["submitted"], "approved", "office", None)?
    {
        Ok(()) => Ok(Json(json!({ "status": "approved" }))),
        Err(now) => Err(ApiError::new(
            409,
            format!("只能审定已提交的报告（当前状态：{now}）"),
        )),
    }
}

pub async fn history(
    State(s): State<Shared>,
    Caller(w): Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let u = unit_for(&s, &w, &id)?;
    Ok(Json(
        serde_json::to_value(s.store.history(&u.id)?).unwrap_or_default(),
    ))
}

pub async fn reissue(
    State(s): State<Shared>,
    Caller(w): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    // Read whatever body came, so the connection stays usable.
    _body: Bytes,
) -> Result<Json<Value>, ApiError> {
    office(&w)?;
    let u = unit_for(&s, &w, &id)?;
    let token = auth::new_token();
    s.store.reissue_token(&u.id, &auth::hash(&token))?;
    let link = format!("{}/login/{token}", base_url(&s, &headers));
    Ok(Json(json!({ "id": u.id, "token": token, "link": link })))
}
