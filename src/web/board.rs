//! The office's pages: the board (every unit's state, counts that filter,
//! sorting, search; the 汇总表, bundle and backup downloads; units one by
//! one or from a list) and, on a unit's page, the review panel (return with
//! a comment, approve, the published-version check, the history by figure,
//! the audit log).

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use super::auth::{self, Who};
use super::html::{esc, message, page, status_zh};
use super::{AppState, Shared, api};
use crate::app::drift;
use crate::store::{Unit, time};

/// A stored time as Beijing time, to the minute.
fn local(stamp: Option<&str>) -> String {
    let Some(secs) = stamp.and_then(time::seconds) else {
        return String::new();
    };
    let t = time::format(secs + 8 * 3600);
    format!("{} {}", &t[..10], &t[11..16])
}

pub async fn board(State(s): State<Shared>, headers: HeaderMap) -> Response {
    let csrf = match auth::page_csrf(&s.store, &headers) {
        Some((Who::Office, csrf)) => csrf,
        Some(_) => {
            return message(
                StatusCode::FORBIDDEN,
                "无权访问",
                "这是政务公开办公室的页面。",
            );
        }
        None => {
            return message(
                StatusCode::UNAUTHORIZED,
                "请先登录",
                "请打开办公室的登录链接。",
            );
        }
    };
    let units = match s.store.units() {
        Ok(u) => u,
        Err(e) => return message(StatusCode::INTERNAL_SERVER_ERROR, "数据库错误", &e),
    };
    board_html(&s, &units, &csrf).into_response()
}

fn board_html(s: &AppState, units: &[Unit], csrf: &str) -> axum::response::Html<String> {
    let late: Vec<bool> = units.iter().map(|u| api::late(s, u)).collect();
    let count = |f: &dyn Fn(usize, &Unit) -> bool| {
        units.iter().enumerate().filter(|(i, u)| f(*i, u)).count()
    };
    let mut b = String::with_capacity(400 * units.len() + 8192);
    b += "<header class=\"bar\"><div class=\"who\"><h1>各单位年报填报情况</h1></div><nav class=\"actions\">";
    for (href, label) in [
        ("/api/v1/summary.xlsx", "汇总表（xlsx）"),
        ("/api/v1/summary.csv", "汇总表（csv）"),
        ("/api/v1/bundle.zip?format=pdf,docx", "已审定报告打包"),
        ("/api/v1/backup.db", "备份数据库"),
    ] {
        b += &format!("<a href=\"{href}\" download>{label}</a>");
    }
    b += "</nav></header><main class=\"office\">";
    b += "<p class=\"tally\" id=\"tally\">";
    b += &format!("共 <b>{}</b> 个单位：", units.len());
    for (key, label) in [
        ("status:empty", "未填写"),
        ("status:draft", "草稿"),
        ("status:submitted", "已提交"),
        ("status:returned", "已退回"),
        ("status:approved", "已审定"),
    ] {
        let st = &key[7..];
        b += &format!(
            "<button type=\"button\" data-filter=\"{key}\">{label} <b>{}</b></button>",
            count(&|_, u| u.status == st)
        );
    }
    b += &format!(
        "<button type=\"button\" data-filter=\"errors\">有错误 <b>{}</b></button><button type=\"button\" data-filter=\"late\">逾期 <b>{}</b></button><button type=\"button\" data-filter=\"\">全部</button></p>",
        count(&|_, u| u.errors > 0),
        count(&|i, _| late[i])
    );
    b += "<div class=\"tools\"><label>查找 <input id=\"q\" type=\"search\" placeholder=\"单位名称\"></label>\
<label>状态 <select id=\"st\"><option value=\"\">全部</option><option value=\"empty\">未填写</option><option value=\"draft\">草稿</option><option value=\"submitted\">已提交</option><option value=\"returned\">已退回</option><option value=\"approved\">已审定</option></select></label>\
<label><input type=\"checkbox\" id=\"only-errors\"> 只看有错误的</label><label><input type=\"checkbox\" id=\"only-late\"> 只看逾期的</label> <span id=\"shown\"></span></div>";
    b += "<div class=\"scroll\"><table class=\"board\" id=\"board\"><thead><tr>";
    for (key, label) in [
        ("name", "单位"),
        ("year", "年度"),
        ("status", "状态"),
        ("errors", "错误"),
        ("warnings", "警告"),
        ("late", "逾期"),
        ("updated", "最后修改"),
        ("submitted", "提交时间"),
    ] {
        b += &format!("<th><button type=\"button\" data-sort=\"{key}\">{label}</button></th>");
    }
    b += "</tr></thead><tbody>";
    for (u, late) in units.iter().zip(&late) {
        b += &format!(
            "<tr data-name=\"{name}\" data-year=\"{year}\" data-status=\"{st}\" data-errors=\"{e}\" data-warnings=\"{w}\" data-late=\"{l}\" data-updated=\"{up}\" data-submitted=\"{sub}\">\
<td><a href=\"/unit/{id}\">{name}</a></td><td>{year}</td><td class=\"st-{st}\">{stz}</td><td class=\"num\">{e}</td><td class=\"num\">{w}</td><td>{lz}</td><td>{upz}</td><td>{subz}</td></tr>",
            id = esc(&u.id),
            name = esc(&u.name),
            year = u.year,
            st = esc(&u.status),
            stz = status_zh(&u.status),
            e = u.errors,
            w = u.warnings,
            l = u8::from(*late),
            lz = if *late { "逾期" } else { "" },
            up = esc(u.updated_at.as_deref().unwrap_or("")),
            sub = esc(u.submitted_at.as_deref().unwrap_or("")),
            upz = local(u.updated_at.as_deref()),
            subz = local(u.submitted_at.as_deref()),
        );
    }
    b += "</tbody></table></div>";
    b += "<section class=\"add\"><h2>新建单位</h2><div class=\"tools\"><label>单位名称 <input id=\"new-name\"></label>\
<label>类别 <select id=\"new-level\"><option value=\"department\">部门</option><option value=\"government\">人民政府</option></select></label>";
    b += &format!(
        "<label>年度 <input id=\"new-year\" class=\"num\" inputmode=\"numeric\" value=\"{}\"></label>",
        s.year
    );
    b += "<button type=\"button\" id=\"new-unit\">新建</button></div>\
<h2>按名单批量新建</h2><p class=\"hint\">CSV 或 .xlsx：每行一个单位，依次为 单位名称、类别（部门/人民政府）、联系人；建好后下载各单位的登录链接表。</p>\
<label class=\"upload\">选择名单<input type=\"file\" id=\"bulk\" accept=\".csv,.xlsx,.xls,.ods\"></label>\
<p id=\"office-msg\" class=\"alert\" hidden></p></section></main>";
    b += "<script src=\"/assets/office.js\"></script>";
    page(
        "各单位年报填报情况",
        &format!(" data-csrf=\"{}\" data-role=\"board\"", esc(csrf)),
        &b,
    )
}

/// The office's panel on a unit's page.
pub fn review_panel(s: &AppState, u: &Unit) -> String {
    let mut b = String::from(
        "<section class=\"review\" id=\"review\"><p><a href=\"/office\">← 返回各单位列表</a></p><h2>审核</h2>",
    );
    b += &format!(
        "<p>状态：<b>{}</b>{}</p>",
        status_zh(&u.status),
        if api::late(s, u) {
            "　<b class=\"late\">逾期</b>"
        } else {
            ""
        }
    );
    b += "<div class=\"tools\"><label class=\"grow\">退回意见<textarea id=\"comment\" rows=\"2\" placeholder=\"写明需要修改的地方\"></textarea></label></div>";
    b += "<div class=\"tools\"><button type=\"button\" id=\"return\">退回修改</button>";
    b += &format!(
        "<button type=\"button\" id=\"approve\"{}>审定</button>",
        if u.status == "submitted" {
            ""
        } else {
            " disabled title=\"只能审定已提交的报告\""
        }
    );
    if u.status == "approved" {
        b += "<label class=\"upload\">核对网站上发布的版本（txt、html、docx、pdf）<input type=\"file\" id=\"published\" accept=\".txt,.html,.htm,.docx,.pdf\"></label>";
    }
    b += "</div><div id=\"office-msg\" class=\"alert\" hidden></div><div id=\"differs\"></div>";
    b += &history(s, u);
    if let Ok(log) = s.store.log(&u.id) {
        b += "<details><summary>操作记录</summary><ul class=\"log\">";
        for (at, who, action, detail) in log.iter().take(200) {
            b += &format!(
                "<li>{} {} {} {}</li>",
                local(Some(at)),
                if who == "office" {
                    "办公室"
                } else {
                    "本单位"
                },
                esc(action_zh(action)),
                esc(detail)
            );
        }
        b += "</ul></details>";
    }
    b += "</section>";
    b
}

fn action_zh(a: &str) -> &str {
    match a {
        "create" => "新建",
        "save" => "保存",
        "submitted" => "提交",
        "returned" => "退回",
        "approved" => "审定",
        "token" => "重新签发链接",
        "published" => "核对发布版本",
        other => other,
    }
}

/// The saved versions, newest first, each with the figures it changed.
fn history(s: &AppState, u: &Unit) -> String {
    let Ok(versions) = s.store.history(&u.id) else {
        return String::new();
    };
    let mut b = String::from(
        "<details open><summary>历史版本（每一版与前一版相比改动的数字）</summary><div class=\"scroll\"><table class=\"board\"><thead><tr><th>版本</th><th>时间</th><th>保存者</th><th>状态</th><th>错误</th><th>改动</th></tr></thead><tbody>",
    );
    let parse = |v: &str| {
        let n: i64 = v.parse().ok()?;
        let (_, text) = s.store.text(&u.id, Some(n)).ok()??;
        let p = crate::input::parse(&text);
        (!p.syntax_error).then_some(p.report)
    };
    let shown: Vec<_> = versions.iter().rev().take(50).collect();
    for (i, v) in shown.iter().enumerate() {
        let before = versions
            .iter()
            .position(|x| x.version == v.version)
            .and_then(|k| k.checked_sub(1))
            .map(|k| &versions[k]);
        let changes = match (before.and_then(|b| parse(&b.version)), parse(&v.version)) {
            (Some(a), Some(b)) => {
                let d = drift::figure_changes(&a, &b);
                if d.is_empty() {
                    "数字未变（文字修改）".to_string()
                } else {
                    d.iter()
                        .map(|x| format!("{}：{} → {}", x.place, x.approved, x.published))
                        .collect::<Vec<_>>()
                        .join("；")
                }
            }
            (None, Some(_)) if before.is_none() => "第一版".into(),
            _ => "（格式有误，无法比较）".into(),
        };
        let _ = i;
        b += &format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            esc(&v.version),
            local(Some(&v.at)),
            if v.by == "office" {
                "办公室"
            } else {
                "本单位"
            },
            status_zh(&v.status),
            v.errors,
            esc(&changes)
        );
    }
    b += "</tbody></table></div></details>";
    b
}
