//! The pieces every page is made of: escaping, the page frame, a page
//! that only says something, the statuses in Chinese.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

/// Text for HTML, in content and in quoted attributes: the report
/// writer's escaping, so a page and the report escape alike.
pub fn esc(s: &str) -> String {
    crate::writers::html::escape(s)
}

pub fn page(title: &str, body_attrs: &str, body: &str) -> Html<String> {
    Html(format!(
        "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{}</title><link rel=\"stylesheet\" href=\"/assets/style.css\"></head>\
<body{body_attrs}>{body}</body></html>",
        esc(title)
    ))
}

pub fn message(status: StatusCode, title: &str, text: &str) -> Response {
    (
        status,
        page(
            title,
            "",
            &format!(
                "<main class=\"message\"><h1>{}</h1><p>{}</p></main>",
                esc(title),
                esc(text)
            ),
        ),
    )
        .into_response()
}

const STATUS_ZH: [(&str, &str); 5] = [
    ("empty", "未填写"),
    ("draft", "草稿"),
    ("submitted", "已提交，等待审核"),
    ("returned", "已退回，请修改后重新提交"),
    ("approved", "已审定"),
];

pub fn status_zh(s: &str) -> &'static str {
    STATUS_ZH
        .iter()
        .find(|(k, _)| *k == s)
        .map_or("未知", |(_, v)| v)
}
