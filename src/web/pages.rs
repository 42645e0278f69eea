//! The pages: signing in by link, the unit's page (the report as the
//! official tables and the six parts, checked as it is typed), the office's
//! list of units, and the embedded script and style sheet. Server-rendered
//! HTML; everything a unit typed is escaped.

use std::net::SocketAddr;

use axum::Router;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;

use super::auth::{self, Who};
use super::form::{self, Field, Kind, Values};

/// A field's description, borrowed (a profile's fields are not static).
struct FieldRef<'a> {
    path: &'a str,
    label: &'a str,
    hint: &'a str,
    kind: Kind,
}
use super::html::{esc, message, page, status_zh};
use super::{AppState, Shared, api, unit};
use crate::model::tables::{T3_COLUMNS, T3_ROWS, T4_ROWS};
use crate::store::{Role, Unit};

const SCRIPT: &str = include_str!("assets/unit.js");
const STYLE: &str = include_str!("assets/style.css");
const OFFICE: &str = include_str!("assets/office.js");

pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/", get(home))
        .route("/login/{token}", get(login))
        .route("/unit/{id}", get(unit_page))
        .route("/office", get(super::board::board))
        .route(
            "/assets/unit.js",
            get(|| async { asset(SCRIPT, "text/javascript; charset=utf-8") }),
        )
        .route(
            "/assets/style.css",
            get(|| async { asset(STYLE, "text/css; charset=utf-8") }),
        )
        .route(
            "/assets/office.js",
            get(|| async { asset(OFFICE, "text/javascript; charset=utf-8") }),
        )
}

fn asset(body: &'static str, ctype: &'static str) -> Response {
    let mut r = body.into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(ctype));
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    r
}

async fn home(State(s): State<Shared>, headers: HeaderMap) -> Response {
    match auth::page_csrf(&s.store, &headers) {
        Some((Who::Unit(id), _)) => Redirect::to(&format!("/unit/{id}")).into_response(),
        Some((Who::Office, _)) => Redirect::to("/office").into_response(),
        None => message(
            StatusCode::OK,
            "政府信息公开工作年度报告填报",
            "请打开政务公开办公室发给本单位的链接登录。",
        ),
    }
}

/// `/login/TOKEN`: a session for the token's holder, then its page. The
/// token leaves the address bar at once (redirect).
async fn login(
    State(s): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Response {
    let who = match auth::resolve_token(&s.store, &s.limiter, peer.ip(), &token) {
        Ok(w) => w,
        Err(e) if e.status == StatusCode::TOO_MANY_REQUESTS => {
            return message(e.status, "请稍后再试", "错误的链接太多，请一分钟后再试。");
        }
        Err(_) => {
            return message(
                StatusCode::UNAUTHORIZED,
                "链接无效",
                "这个链接无效或已被收回，请向政务公开办公室索取新的链接。",
            );
        }
    };
    let sid = auth::new_token();
    let csrf = auth::new_token();
    let (role, to) = match &who {
        Who::Office => (Role::Office, "/office".to_string()),
        Who::Unit(id) => (Role::Unit(id.clone()), format!("/unit/{id}")),
    };
    if let Err(e) = s.store.create_session(&auth::hash(&sid), &role, &csrf) {
        return message(StatusCode::INTERNAL_SERVER_ERROR, "无法登录", &e);
    }
    let secure = headers
        .get("x-forwarded-proto")
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"https"));
    let cookie = format!(
        "{}={sid}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000{}",
        auth::COOKIE,
        if secure { "; Secure" } else { "" }
    );
    let mut r = Redirect::to(&to).into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        r.headers_mut().insert(header::SET_COOKIE, v);
    }
    r
}

async fn unit_page(
    State(s): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let Some((who, csrf)) = auth::page_csrf(&s.store, &headers) else {
        return message(
            StatusCode::UNAUTHORIZED,
            "请先登录",
            "请打开政务公开办公室发给本单位的链接。",
        );
    };
    let u = match s.store.unit(&id) {
        Ok(Some(u)) => u,
        Ok(None) => return message(StatusCode::NOT_FOUND, "没有这个单位", ""),
        Err(e) => return message(StatusCode::INTERNAL_SERVER_ERROR, "数据库错误", &e),
    };
    if let Who::Unit(mine) = &who
        && *mine != u.id
    {
        return message(
            StatusCode::FORBIDDEN,
            "无权访问",
            "本单位的链接只能查看和填写本单位的报告。",
        );
    }
    let s2 = s.clone();
    let built = tokio::task::spawn_blocking(move || unit_html(&s2, &u, &who, &csrf)).await;
    match built {
        Ok(Ok(h)) => h.into_response(),
        Ok(Err(e)) => message(StatusCode::INTERNAL_SERVER_ERROR, "出错了", &e),
        Err(e) => message(StatusCode::INTERNAL_SERVER_ERROR, "出错了", &e.to_string()),
    }
}

fn unit_html(s: &AppState, u: &Unit, who: &Who, csrf: &str) -> Result<Html<String>, String> {
    let (version, text) = api::current_text(s, u).map_err(|e| e.body.to_string())?;
    let checked = unit::check(s, text.clone().into_bytes(), false, Some(u));
    let diagnostics = serde_json::to_string(&unit::diagnostics_json(&checked)).unwrap_or_default();
    let (values, extra, parse_note) = match form::from_toml(&text) {
        Some((v, e)) => (v, e, ""),
        None => (
            Values::new(),
            None,
            "<p class=\"alert\">当前保存的文件有格式错误，下面的表格无法显示它的内容。请按下方的问题改正后重新上传；在表格中填写会另存为新的一版（旧版仍保留在历史中）。</p>",
        ),
    };
    let readonly = u.status == "approved" || *who == Who::Office;
    let last = unit::last_year(s, &u.name, u.year);
    let prev_hint = last
        .as_ref()
        .map(crate::app::prefill::previous_problems)
        .unwrap_or_default();
    let mut b = String::with_capacity(64 * 1024);
    let title = format!("{}{}年政府信息公开工作年度报告", u.name, u.year);
    b += "<header class=\"bar\"><div class=\"who\">";
    b += &format!(
        "<h1>{}<br><small>{}年政府信息公开工作年度报告</small></h1>",
        esc(&u.name),
        u.year
    );
    b += &format!(
        "<p id=\"status\" data-status=\"{}\">状态：<b>{}</b> <span id=\"saved\">{}</span></p></div>",
        esc(&u.status),
        status_zh(&u.status),
        version
            .map(|v| format!("已保存第 {v} 版"))
            .unwrap_or_else(|| "尚未保存".into())
    );
    b += "<div class=\"counts\" id=\"counts\" aria-live=\"polite\"></div><nav class=\"actions\">";
    let base = format!("/api/v1/units/{}", esc(&u.id));
    b += &format!(
        "<a href=\"{base}/report.html\" target=\"_blank\" rel=\"noopener\" id=\"preview\">预览</a>"
    );
    for (ext, label) in [
        ("pdf", "PDF"),
        ("docx", "Word"),
        ("html", "网页"),
        ("txt", "文本"),
        ("xlsx", "填报工作簿"),
    ] {
        b += &format!(
            "<a href=\"{base}/report.{ext}\" download class=\"dl\" id=\"dl-{ext}\">下载{label}</a>"
        );
    }
    if !readonly {
        b += "<label class=\"upload\">上传工作簿或 agency.toml<input type=\"file\" id=\"upload\" accept=\".xlsx,.xls,.ods,.toml\"></label>";
        b += "<button type=\"button\" id=\"submit\">提交审核</button>";
    }
    b += "</nav></header>";
    if !u.comment.is_empty() && u.status == "returned" {
        b += &format!(
            "<p class=\"alert returned\" id=\"comment\">退回意见：{}</p>",
            esc(&u.comment)
        );
    }
    if u.status == "approved" {
        b += "<p class=\"alert ok\">报告已审定，不能再修改。</p>";
    }
    b += parse_note;
    if *who == Who::Office {
        b += &super::board::review_panel(s, u);
    }
    b += "<div id=\"banner\" class=\"alert\" hidden></div><section id=\"general\" class=\"msgs\" aria-live=\"polite\"></section>";
    b += "<form id=\"report\" autocomplete=\"off\">";
    let v = |p: &str| values.get(p).map(String::as_str).unwrap_or("");
    b += "<section><h2>报告信息</h2>";
    b += &format!(
        "<p class=\"fixed\">机关名称：<b>{}</b>　报告年度：<b>{}</b>　类别：<b>{}</b></p>",
        esc(&u.name),
        u.year,
        if u.level == "government" {
            "人民政府"
        } else {
            "政府部门"
        }
    );
    for fd in &form::AGENCY {
        b += &field(fd, v(fd.path), "");
    }
    b += "</section><section><h2>一、总体情况</h2>";
    for fd in &form::OVERVIEW {
        b += &field(fd, v(fd.path), "");
    }
    b += "</section><section><h2>二、主动公开政府信息情况</h2>";
    b += &field(&form::PROACTIVE_NOTE, v(form::PROACTIVE_NOTE.path), "");
    b += &table2(&v);
    b += "</section><section><h2>三、收到和处理政府信息公开申请情况</h2>";
    b += &field(&form::REQUESTS_NOTE, v(form::REQUESTS_NOTE.path), "");
    b += &table3(&v);
    b += "</section><section><h2>四、政府信息公开行政复议、行政诉讼情况</h2>";
    b += &table4(&v);
    b += "</section><section><h2>五、存在的主要问题及改进情况</h2>";
    for fd in &form::PROBLEMS {
        let hint = if fd.path == "problems.previous_year" {
            prev_hint.as_str()
        } else {
            ""
        };
        b += &field(fd, v(fd.path), hint);
    }
    b += "</section><section><h2>六、其他需要报告的事项</h2>";
    for fd in &form::OTHER {
        b += &field(fd, v(fd.path), "");
    }
    b += "</section>";
    let required = s.run.required_extra();
    if !required.is_empty() {
        b += "<section><h2>附加内容（省级配置要求）</h2>";
        for (key, what) in required {
            let value = extra
                .as_ref()
                .and_then(|e| e.get(key))
                .map(|v| {
                    v.as_str()
                        .map(str::to_string)
                        .unwrap_or_else(|| v.to_string())
                })
                .unwrap_or_default();
            b += &field_with(&format!("extra.{key}"), what, "", Kind::Para, &value, "");
        }
        b += "</section>";
    }
    b += "</form>";
    if *who == Who::Office {
        b += "<script src=\"/assets/office.js\"></script>";
    }
    b += &format!(
        "<script type=\"application/json\" id=\"initial\">{}</script><script src=\"/assets/unit.js\"></script>",
        // `</` cannot end the script element early.
        diagnostics.replace("</", "<\\/")
    );
    let attrs = format!(
        " data-unit=\"{}\" data-version=\"{}\" data-csrf=\"{}\" data-readonly=\"{}\"",
        esc(&u.id),
        version.map(|v| v.to_string()).unwrap_or_default(),
        esc(csrf),
        readonly
    );
    Ok(page(&title, &attrs, &b))
}

/// One field outside the tables: label, input, guidance, its messages.
fn field(fd: &Field, value: &str, prompt: &str) -> String {
    field_with(fd.path, fd.label, fd.hint, fd.kind, value, prompt)
}

fn field_with(
    path: &str,
    label: &str,
    hint: &str,
    kind: Kind,
    value: &str,
    prompt: &str,
) -> String {
    let fd = FieldRef {
        path,
        label,
        hint,
        kind,
    };
    let id = esc(&fd.path.replace('.', "-"));
    let input = match fd.kind {
        Kind::Para | Kind::Items => format!(
            "<textarea id=\"{id}\" name=\"{p}\" data-path=\"{p}\" rows=\"{rows}\" placeholder=\"{ph}\">{val}</textarea>",
            p = esc(fd.path),
            rows = if value.len() > 300 { 8 } else { 4 },
            ph = esc(if prompt.is_empty() { fd.hint } else { prompt }),
            val = esc(value)
        ),
        Kind::Int | Kind::Money => format!(
            "<input id=\"{id}\" name=\"{p}\" data-path=\"{p}\" class=\"num\" inputmode=\"{mode}\" value=\"{val}\">",
            p = esc(fd.path),
            mode = if fd.kind == Kind::Int {
                "numeric"
            } else {
                "decimal"
            },
            val = esc(value)
        ),
        Kind::Line | Kind::Date => format!(
            "<input id=\"{id}\" name=\"{p}\" data-path=\"{p}\" value=\"{val}\"{extra}>",
            p = esc(fd.path),
            val = esc(value),
            extra = if fd.kind == Kind::Date {
                " placeholder=\"YYYY-MM-DD\""
            } else {
                ""
            }
        ),
    };
    let hint = if prompt.is_empty() {
        fd.hint.to_string()
    } else {
        format!("{}（下面是上年度报告所列问题，供对照）", fd.hint)
    };
    let prompt_html = if prompt.is_empty() {
        String::new()
    } else {
        format!("<pre class=\"prompt\">{}</pre>", esc(prompt))
    };
    format!(
        "<div class=\"field\" data-field=\"{p}\"><label for=\"{id}\">{label}</label>{hint}{prompt_html}{input}<div class=\"msgs\" data-for=\"{p}\"></div></div>",
        p = esc(fd.path),
        label = esc(fd.label),
        hint = if hint.is_empty() {
            String::new()
        } else {
            format!("<p class=\"hint\">{}</p>", esc(&hint))
        },
    )
}

/// A number cell of a table.
fn cell<'v>(v: &impl Fn(&str) -> &'v str, path: &str, label: &str, extra: &str) -> String {
    format!(
        "<td{extra}><input class=\"num\" name=\"{path}\" data-path=\"{path}\" inputmode=\"numeric\" aria-label=\"{}\" value=\"{}\"></td>",
        esc(label),
        esc(v(path))
    )
}

fn table2<'v>(v: &impl Fn(&str) -> &'v str) -> String {
    let mut t = String::from("<div class=\"scroll\"><table class=\"official\" id=\"t2\"><tbody>");
    t += "<tr><th colspan=\"4\">第二十条第（一）项</th></tr><tr><th>信息内容</th><th>本年制发件数</th><th>本年废止件数</th><th>现行有效件数</th></tr>";
    for (key, label) in [
        ("regulations", "规章"),
        ("normative_documents", "行政规范性文件"),
    ] {
        t += &format!("<tr><th>{label}</th>");
        for (col, cl) in [
            ("issued", "本年制发件数"),
            ("repealed", "本年废止件数"),
            ("in_force", "现行有效件数"),
        ] {
            t += &cell(
                v,
                &format!("proactive.{key}.{col}"),
                &format!("{label}：{cl}"),
                "",
            );
        }
        t += "</tr>";
    }
    let one = |t: &mut String, head: &str, rows: &[(&str, &str)], col: &str| {
        *t += &format!(
            "<tr><th colspan=\"4\">{head}</th></tr><tr><th>信息内容</th><th colspan=\"3\">{col}</th></tr>"
        );
        for (key, label) in rows {
            *t += &format!("<tr><th>{label}</th>");
            *t += &cell(
                v,
                &format!("proactive.{key}"),
                &format!("{label}：{col}"),
                " colspan=\"3\"",
            );
            *t += "</tr>";
        }
    };
    one(
        &mut t,
        "第二十条第（五）项",
        &[("licensing", "行政许可")],
        "本年处理决定数量",
    );
    one(
        &mut t,
        "第二十条第（六）项",
        &[("penalties", "行政处罚"), ("coercive_measures", "行政强制")],
        "本年处理决定数量",
    );
    one(
        &mut t,
        "第二十条第（八）项",
        &[("fees", "行政事业性收费")],
        "本年收费金额（单位：万元）",
    );
    t += "</tbody></table></div><div class=\"msgs\" data-for=\"proactive\"></div>";
    t
}

fn table3<'v>(v: &impl Fn(&str) -> &'v str) -> String {
    let mut t = String::from("<div class=\"scroll\"><table class=\"official\" id=\"t3\"><thead>");
    t += "<tr><th colspan=\"3\" rowspan=\"3\" class=\"corner\">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th><th colspan=\"7\">申请人情况</th></tr>";
    t += "<tr><th rowspan=\"2\">自然人</th><th colspan=\"5\">法人或其他组织</th><th rowspan=\"2\">总计</th></tr>";
    t += "<tr><th>商业企业</th><th>科研机构</th><th>社会公益组织</th><th>法律服务机构</th><th>其他</th></tr></thead><tbody>";
    let row = |t: &mut String, r: &crate::model::tables::T3Row, head: String| {
        *t += &format!("<tr data-row=\"{}\">{head}", r.path);
        for (i, col) in T3_COLUMNS[..6].iter().enumerate() {
            *t += &cell(
                v,
                &format!("{}[{i}]", r.path),
                &format!("{}{}：{col}", r.group, r.label),
                "",
            );
        }
        *t += &format!("<td class=\"total\" data-total=\"{}\"></td></tr>", r.path);
    };
    let mut group = "";
    let groups = |g: &str| T3_ROWS.iter().filter(|r| r.group == g).count();
    for (i, r) in T3_ROWS.iter().enumerate() {
        let head = if i < 2 || i == 23 {
            format!("<th colspan=\"3\">{}</th>", esc(r.label))
        } else {
            let mut h = String::new();
            if i == 2 {
                // Row 三 spans its 21 outcome rows and （七）总计.
                h += "<th rowspan=\"22\" class=\"vertical\">三、本年度办理结果</th>";
            }
            if r.group.is_empty() {
                h += &format!("<th colspan=\"2\">{}</th>", esc(r.label));
            } else {
                if r.group != group {
                    h += &format!("<th rowspan=\"{}\">{}</th>", groups(r.group), esc(r.group));
                }
                h += &format!("<th>{}</th>", esc(r.label));
            }
            h
        };
        group = r.group;
        row(&mut t, r, head);
        if i == 22 {
            t += "<tr class=\"sum\"><th colspan=\"2\">（七）总计</th>";
            for i in 0..7 {
                t += &format!("<td class=\"total\" data-outcome-total=\"{i}\"></td>");
            }
            t += "</tr>";
        }
    }
    t += "</tbody></table></div><div class=\"msgs\" data-for=\"requests\"></div>";
    t
}

fn table4<'v>(v: &impl Fn(&str) -> &'v str) -> String {
    let mut t = String::from("<div class=\"scroll\"><table class=\"official\" id=\"t4\"><thead>");
    t += "<tr><th colspan=\"5\">行政复议</th><th colspan=\"10\">行政诉讼</th></tr>";
    t += "<tr><th rowspan=\"2\">结果维持</th><th rowspan=\"2\">结果纠正</th><th rowspan=\"2\">其他结果</th><th rowspan=\"2\">尚未审结</th><th rowspan=\"2\">总计</th><th colspan=\"5\">未经复议直接起诉</th><th colspan=\"5\">复议后起诉</th></tr><tr>";
    for _ in 0..2 {
        t += "<th>结果维持</th><th>结果纠正</th><th>其他结果</th><th>尚未审结</th><th>总计</th>";
    }
    t += "</tr></thead><tbody><tr>";
    for (path, label) in T4_ROWS {
        for (i, col) in ["结果维持", "结果纠正", "其他结果", "尚未审结"]
            .iter()
            .enumerate()
        {
            t += &cell(v, &format!("{path}[{i}]"), &format!("{label}：{col}"), "");
        }
        t += &format!("<td class=\"total\" data-total=\"{path}\"></td>");
    }
    t += "</tr></tbody></table></div><div class=\"msgs\" data-for=\"reviews\"></div>";
    t
}
