//! The report server from outside: the binary on 127.0.0.1:0 with a
//! temporary SQLite file, driven over real HTTP (docs/serve.md).

mod server;

use server::{Server, TODAY, agency};

const NAME: &str = "重庆市綦江区司法局";

/// Table 三 off balance: 本年新收 2 for the 商业企业 column, 1 handled.
fn unbalanced() -> String {
    agency(NAME, 2025).replace(
        "received = [0, 1, 0, 0, 0, 0]",
        "received = [0, 2, 0, 0, 0, 0]",
    )
}

#[test]
fn health_needs_no_token_and_everything_else_does() {
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start(dir.path());
    let a = s.get("/api/v1/health", None);
    assert_eq!(a.status, 200);
    assert_eq!(a.json()["status"], "ok");
    assert_eq!(s.get("/api/v1/units", None).status, 401);
    let a = s.get("/api/v1/units", Some("not-a-token"));
    assert_eq!(a.status, 401);
    assert!(a.json()["error"].as_str().unwrap().contains("令牌"));
    assert_eq!(s.get("/api/v1/units", Some(&s.office)).status, 200);
}

#[test]
fn a_draft_with_table_three_off_balance_saves_but_cannot_be_submitted() {
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start(dir.path());
    let (id, token) = s.unit(NAME, 2025);

    // Before the first save: the prefilled file, no ETag.
    let a = s.get(&format!("/api/v1/units/{id}/report"), Some(&token));
    assert_eq!(a.status, 200);
    assert!(a.etag.is_none());
    assert!(
        a.text().contains("name = \"重庆市綦江区司法局\""),
        "{}",
        a.text()
    );
    assert!(a.text().contains("year = 2025"));

    let a = s.put(&id, &token, None, &unbalanced());
    assert_eq!(a.status, 200, "{}", a.text());
    let j = a.json();
    assert_eq!(j["status"], "draft");
    assert!(j["errors"].as_i64().unwrap() >= 1);
    let d = j["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "GR0301")
        .expect("GR0301 for the column off balance");
    assert_eq!(d["cell"]["column"], "商业企业");
    assert_eq!(d["path"], "requests.received[1]");
    assert!(d["line"].as_i64().is_some());
    let v1 = j["version"].as_str().unwrap().to_string();

    let a = s.call(
        "POST",
        &format!("/api/v1/units/{id}/submit"),
        Some(&token),
        &[],
        None,
    );
    assert_eq!(a.status, 422, "{}", a.text());
    assert!(
        a.json()["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "GR0301")
    );

    // The saved text comes back byte for byte, with its version.
    let a = s.get(&format!("/api/v1/units/{id}/report"), Some(&token));
    assert_eq!(a.text(), unbalanced());
    assert_eq!(a.etag.as_deref(), Some(format!("\"{v1}\"").as_str()));

    // Fixed against the version read: saved and submitted.
    let a = s.put(&id, &token, Some(&format!("\"{v1}\"")), &agency(NAME, 2025));
    assert_eq!(a.status, 200, "{}", a.text());
    assert_eq!(a.json()["errors"], 0);
    let a = s.call(
        "POST",
        &format!("/api/v1/units/{id}/submit"),
        Some(&token),
        &[],
        None,
    );
    assert_eq!(a.status, 200, "{}", a.text());
    assert_eq!(a.json()["status"], "submitted");

    let list = s.get("/api/v1/units", Some(&s.office)).json();
    let row = &list.as_array().unwrap()[0];
    assert_eq!(row["status"], "submitted");
    assert_eq!(row["errors"], 0);
    // Due 2026-01-31, submitted now (after it): late.
    assert_eq!(row["late"], true);
    assert!(row["submitted_at"].is_string());

    let h = s
        .get(&format!("/api/v1/units/{id}/history"), Some(&token))
        .json();
    let h = h.as_array().unwrap();
    assert_eq!(h.len(), 2);
    assert!(h[0]["errors"].as_i64().unwrap() >= 1);
    assert_eq!(h[1]["status"], "submitted");
}

#[test]
fn a_stale_version_is_409_and_overwrites_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start(dir.path());
    let (id, token) = s.unit(NAME, 2025);
    let v1 = s.put(&id, &token, None, &agency(NAME, 2025)).json()["version"]
        .as_str()
        .unwrap()
        .to_string();
    // Two tabs edit version 1; the first saves, the second must not win.
    let a = s.put(&id, &token, Some(&v1), &unbalanced());
    assert_eq!(a.status, 200);
    let a = s.put(
        &id,
        &token,
        Some(&v1),
        &agency(NAME, 2025).replace("licensing = 4", "licensing = 5"),
    );
    assert_eq!(a.status, 409, "{}", a.text());
    assert!(a.json()["error"].as_str().unwrap().contains("没有保存"));
    // A second "first save" is stale too.
    assert_eq!(s.put(&id, &token, None, &agency(NAME, 2025)).status, 409);
    let now = s.get(&format!("/api/v1/units/{id}/report"), Some(&token));
    assert_eq!(now.text(), unbalanced());
}

#[test]
fn a_unit_reaches_only_its_own_report() {
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start(dir.path());
    let (a_id, a_token) = s.unit(NAME, 2025);
    let (b_id, b_token) = s.unit("重庆市綦江区民政局", 2025);
    s.put(&b_id, &b_token, None, &agency("重庆市綦江区民政局", 2025));
    for path in [
        format!("/api/v1/units/{b_id}/report"),
        format!("/api/v1/units/{b_id}/report.pdf"),
        format!("/api/v1/units/{b_id}/history"),
    ] {
        assert_eq!(s.get(&path, Some(&a_token)).status, 403, "{path}");
    }
    assert_eq!(
        s.put(&b_id, &a_token, None, &agency(NAME, 2025)).status,
        403
    );
    let a = s.call(
        "POST",
        &format!("/api/v1/units/{b_id}/submit"),
        Some(&a_token),
        &[],
        None,
    );
    assert_eq!(a.status, 403);
    // Office calls with a unit token.
    assert_eq!(s.get("/api/v1/units", Some(&a_token)).status, 403);
    let a = s.call(
        "POST",
        &format!("/api/v1/units/{a_id}/approve"),
        Some(&a_token),
        &[],
        None,
    );
    assert_eq!(a.status, 403);
    let a = s.call(
        "DELETE",
        &format!("/api/v1/units/{a_id}/token"),
        Some(&a_token),
        &[],
        None,
    );
    assert_eq!(a.status, 403);
    // No such unit.
    assert_eq!(
        s.get("/api/v1/units/nope/report", Some(&a_token)).status,
        404
    );
    // A file under another agency's name is never saved as this unit's.
    let a = s.put(&a_id, &a_token, None, &agency("重庆市綦江区民政局", 2025));
    assert_eq!(a.status, 422, "{}", a.text());
    assert!(a.json()["error"].as_str().unwrap().contains("不一致"));
    let a = s.put(&a_id, &a_token, None, &agency(NAME, 2024));
    assert_eq!(a.status, 422);
    assert!(
        s.get(&format!("/api/v1/units/{a_id}/report"), Some(&a_token))
            .etag
            .is_none()
    );
}

#[test]
fn the_pdf_downloaded_equals_render_of_the_same_file() {
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start(dir.path());
    let (id, token) = s.unit(NAME, 2025);
    let text = agency(NAME, 2025);
    assert_eq!(s.put(&id, &token, None, &text).status, 200);
    let file = dir.path().join("agency.toml");
    std::fs::write(&file, &text).unwrap();
    let out = dir.path().join("out");
    let st = std::process::Command::new(env!("CARGO_BIN_EXE_govreport"))
        .args(["render", "-q", "-f", "pdf,docx,html,txt", "-o"])
        .arg(&out)
        .arg(&file)
        .env("GOVREPORT_TODAY", TODAY)
        .status()
        .unwrap();
    assert!(st.success());
    for ext in ["pdf", "docx", "html", "txt"] {
        let a = s.get(&format!("/api/v1/units/{id}/report.{ext}"), Some(&token));
        assert_eq!(a.status, 200, "{ext}: {}", a.text());
        let want = std::fs::read(out.join(format!("agency.{ext}"))).unwrap();
        assert!(a.body == want, "{ext} differs from render's");
        let disp = a.disposition.unwrap();
        assert!(disp.contains("filename*=UTF-8''"), "{disp}");
        assert!(disp.contains(&format!(".{ext}")), "{disp}");
    }
    assert!(
        s.get(&format!("/api/v1/units/{id}/report.pdf"), Some(&token))
            .content_type
            == "application/pdf"
    );
    // The workbook of the same report.
    let a = s.get(&format!("/api/v1/units/{id}/report.xlsx"), Some(&token));
    assert_eq!(a.status, 200);
    assert!(a.body.starts_with(b"PK"));
    // With errors, no report: 422 with the findings.
    s.put(&id, &token, Some("1"), &unbalanced());
    let a = s.get(&format!("/api/v1/units/{id}/report.pdf"), Some(&token));
    assert_eq!(a.status, 422);
    assert!(a.json()["errors"].as_i64().unwrap() >= 1);
}

#[test]
fn check_and_render_take_any_agency_file() {
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start(dir.path());
    let (_, token) = s.unit(NAME, 2025);
    let toml = [("content-type", "application/toml")];
    let a = s.call(
        "POST",
        "/api/v1/check",
        Some(&token),
        &toml,
        Some(unbalanced().as_bytes()),
    );
    assert_eq!(a.status, 200);
    let j = a.json();
    assert!(j["errors"].as_i64().unwrap() >= 1);
    assert!(j["diagnostics"][0]["code"].is_string());
    let a = s.call(
        "POST",
        "/api/v1/render?format=txt",
        Some(&token),
        &toml,
        Some(agency("某县民政局", 2025).as_bytes()),
    );
    assert_eq!(a.status, 200, "{}", a.text());
    assert!(a.content_type.starts_with("text/plain"));
    assert!(a.text().contains("某县民政局"));
    let a = s.call(
        "POST",
        "/api/v1/render?format=pdf",
        Some(&token),
        &toml,
        Some(unbalanced().as_bytes()),
    );
    assert_eq!(a.status, 422);
    // A workbook by its media type.
    let wb = dir.path().join("a.xlsx");
    let st = std::process::Command::new(env!("CARGO_BIN_EXE_govreport"))
        .args(["init", "--name", "某县民政局", "--year", "2025", "-o"])
        .arg(&wb)
        .status()
        .unwrap();
    assert!(st.success());
    let bytes = std::fs::read(&wb).unwrap();
    let xlsx = [(
        "content-type",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )];
    let a = s.call("POST", "/api/v1/check", Some(&token), &xlsx, Some(&bytes));
    assert_eq!(a.status, 200, "{}", a.text());
    let j = a.json();
    assert!(
        j["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["sheet"].is_string()),
        "{j}"
    );
    // No token.
    assert_eq!(
        s.call("POST", "/api/v1/check", None, &toml, Some(b"x"))
            .status,
        401
    );
}

#[test]
fn a_body_over_16_mb_is_413_before_anything_else() {
    use std::io::{Read, Write};
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start(dir.path());
    // Even without a token the size is looked at first, from the header,
    // before the body is read.
    let host = s.base.trim_start_matches("http://");
    let mut tcp = std::net::TcpStream::connect(host).unwrap();
    let head = format!(
        "POST /api/v1/check HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/toml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        16 * 1024 * 1024 + 1
    );
    tcp.write_all(head.as_bytes()).unwrap();
    let _ = tcp.write_all(&[b'#'; 4096]);
    let mut answer = String::new();
    let _ = tcp.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("16 MB"), "{answer}");
    // A body of exactly the limit is read (and checked: a TOML file of
    // comments only). Who is calling is known before the body is read, so
    // the test needs a token: an unknown caller's body is never read.
    let ok = vec![b'#'; 16 * 1024 * 1024];
    let a = s.call(
        "POST",
        "/api/v1/check",
        Some(&s.office),
        &[("content-type", "application/toml")],
        Some(&ok),
    );
    assert!(a.status == 200 || a.status == 422, "{}", a.status);
}

#[test]
fn twenty_wrong_tokens_a_minute_are_429() {
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start(dir.path());
    for _ in 0..20 {
        assert_eq!(s.get("/api/v1/units", Some("wrong")).status, 401);
    }
    assert_eq!(s.get("/api/v1/units", Some("wrong")).status, 429);
    assert_eq!(s.get("/login/wrong", None).status, 429);
}

#[test]
fn approve_only_from_submitted_and_approved_is_final() {
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start(dir.path());
    let (id, token) = s.unit(NAME, 2025);
    let approve = || {
        s.call(
            "POST",
            &format!("/api/v1/units/{id}/approve"),
            Some(&s.office),
            &[],
            None,
        )
    };
    assert_eq!(approve().status, 409);
    s.put(&id, &token, None, &agency(NAME, 2025));
    assert_eq!(approve().status, 409);
    s.call(
        "POST",
        &format!("/api/v1/units/{id}/submit"),
        Some(&token),
        &[],
        None,
    );
    // Returned with a comment: the unit sees it and may save again.
    let a = s.call(
        "POST",
        &format!("/api/v1/units/{id}/return"),
        Some(&s.office),
        &[("content-type", "application/json")],
        Some(r#"{"comment":"请补充第五部分"}"#.as_bytes()),
    );
    assert_eq!(a.status, 200, "{}", a.text());
    let list = s.get("/api/v1/units", Some(&s.office)).json();
    assert_eq!(list[0]["status"], "returned");
    assert_eq!(list[0]["comment"], "请补充第五部分");
    assert_eq!(
        s.put(&id, &token, Some("1"), &agency(NAME, 2025)).status,
        200
    );
    s.call(
        "POST",
        &format!("/api/v1/units/{id}/submit"),
        Some(&token),
        &[],
        None,
    );
    assert_eq!(approve().status, 200);
    let a = s.put(&id, &token, Some("2"), &agency(NAME, 2025));
    assert_eq!(a.status, 409);
    assert!(a.json()["error"].as_str().unwrap().contains("审定"));
}

#[test]
fn next_year_is_prefilled_from_last_years_approved_report() {
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start(dir.path());
    let (id, token) = s.unit(NAME, 2024);
    let last = agency(NAME, 2024)
        .replace(
            "received = [0, 1, 0, 0, 0, 0]",
            "received = [0, 3, 0, 0, 0, 0]",
        )
        .replace(
            "carried_forward = [0, 0, 0, 0, 0, 0]",
            "carried_forward = [0, 2, 0, 0, 0, 0]",
        )
        .replace("in_force = 0 }\nlicensing", "in_force = 7 }\nlicensing");
    let a = s.put(&id, &token, None, &last);
    assert_eq!(a.json()["errors"], 0, "{}", a.text());
    s.call(
        "POST",
        &format!("/api/v1/units/{id}/submit"),
        Some(&token),
        &[],
        None,
    );
    s.call(
        "POST",
        &format!("/api/v1/units/{id}/approve"),
        Some(&s.office),
        &[],
        None,
    );
    let (id2, token2) = s.unit(NAME, 2025);
    let text = s
        .get(&format!("/api/v1/units/{id2}/report"), Some(&token2))
        .text();
    assert!(text.contains("carried_over = [0, 2, 0, 0, 0, 0]"), "{text}");
    assert!(text.contains("in_force = 7"), "{text}");
}

#[test]
fn a_browser_session_needs_the_csrf_token_for_changes() {
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start(dir.path());
    let (id, token) = s.unit(NAME, 2025);
    let a = s.get(&format!("/login/{token}"), None);
    assert_eq!(a.status, 303);
    assert_eq!(a.location.as_deref(), Some(format!("/unit/{id}").as_str()));
    let cookie = a.set_cookie[0].clone();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let pair = cookie.split(';').next().unwrap().to_string();
    let page = s.call(
        "GET",
        &format!("/unit/{id}"),
        None,
        &[("cookie", &pair)],
        None,
    );
    assert_eq!(page.status, 200);
    let html = page.text();
    let csrf = html
        .split("data-csrf=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let body = agency(NAME, 2025);
    let put = |extra: &[(&str, &str)]| {
        let mut h = vec![
            ("cookie", pair.as_str()),
            ("content-type", "application/toml"),
        ];
        h.extend_from_slice(extra);
        s.call(
            "PUT",
            &format!("/api/v1/units/{id}/report"),
            None,
            &h,
            Some(body.as_bytes()),
        )
    };
    // A cross-site form post carries the cookie but not the token.
    assert_eq!(put(&[]).status, 403);
    assert_eq!(put(&[("x-csrf-token", "guess")]).status, 403);
    assert_eq!(put(&[("x-csrf-token", &csrf)]).status, 200);
    // Reading needs no token.
    let a = s.call(
        "GET",
        &format!("/api/v1/units/{id}/report"),
        None,
        &[("cookie", &pair)],
        None,
    );
    assert_eq!(a.status, 200);
}

#[test]
fn narrative_markup_is_inert_on_the_page_and_in_the_preview() {
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start(dir.path());
    let (id, token) = s.unit(NAME, 2025);
    let evil = agency(NAME, 2025).replace(
        "全年收到政府信息公开申请1件",
        "全年收到<script>alert(1)</script>政府信息公开申请1件\\\"><img src=x onerror=alert(2)>",
    );
    assert_eq!(s.put(&id, &token, None, &evil).status, 200);
    let a = s.get(&format!("/login/{token}"), None);
    let pair = a.set_cookie[0].split(';').next().unwrap().to_string();
    let html = s
        .call(
            "GET",
            &format!("/unit/{id}"),
            None,
            &[("cookie", &pair)],
            None,
        )
        .text();
    assert!(!html.contains("<script>alert"), "raw script on the page");
    assert!(!html.contains("<img src=x"), "raw img on the page");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    let preview = s.get(&format!("/api/v1/units/{id}/report.html"), Some(&token));
    assert!(!preview.text().contains("<script>alert"));
    assert!(!preview.text().contains("<img src=x"));
}

#[test]
fn everything_is_there_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start(dir.path());
    let (id, token) = s.unit(NAME, 2025);
    s.put(&id, &token, None, &agency(NAME, 2025));
    let office = s.office.clone();
    assert_eq!(s.stop(), Some(0));
    let token_file = std::fs::read_to_string(dir.path().join("office.token")).unwrap();
    let s = Server::start(dir.path());
    // The office token is made on the first start only.
    assert_eq!(
        std::fs::read_to_string(dir.path().join("office.token")).unwrap(),
        token_file
    );
    assert_eq!(s.office, office);
    let a = s.get(&format!("/api/v1/units/{id}/report"), Some(&token));
    assert_eq!(a.text(), agency(NAME, 2025));
    assert_eq!(a.etag.as_deref(), Some("\"1\""));
}

/// Every version answered 200 to a unit is in its history.
fn every_answered_version_is_kept(
    s: &Server,
    units: &[(String, String)],
    answered: &[Vec<String>],
) {
    for ((id, token), got) in units.iter().zip(answered) {
        let h = s
            .get(&format!("/api/v1/units/{id}/history"), Some(token))
            .json();
        let have: Vec<&str> = h
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["version"].as_str().unwrap())
            .collect();
        for v in got {
            assert!(
                have.contains(&v.as_str()),
                "answered version {v} of {id} lost"
            );
        }
    }
}

/// Issue 28's load as a test that stops by itself: 200 clients, each its
/// own unit, save ten times as fast as they are answered, all at once.
/// Every answer is 200 (no 5xx, no 409: each client sends the version it
/// was given), and every answered version is in its unit's history.
#[test]
fn two_hundred_clients_saving_at_once_get_only_200s_and_every_version_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start(dir.path());
    let units: Vec<(String, String)> = (0..200)
        .map(|i| s.unit(&format!("测试县第{i}局"), 2025))
        .collect();
    let answered: Vec<Vec<String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = units
            .iter()
            .enumerate()
            .map(|(i, (id, token))| {
                let s = &s;
                scope.spawn(move || {
                    let text = agency(&format!("测试县第{i}局"), 2025);
                    let mut version: Option<String> = None;
                    let mut got = Vec::new();
                    for n in 0..10 {
                        let body = text.replace("licensing = 4", &format!("licensing = {n}"));
                        let a = s.put(id, token, version.as_deref(), &body);
                        assert_eq!(a.status, 200, "unit {i} save {n}: {}", a.text());
                        let v = a.json()["version"].as_str().unwrap().to_string();
                        version = Some(format!("\"{v}\""));
                        got.push(v);
                    }
                    got
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    every_answered_version_is_kept(&s, &units, &answered);
}

/// `kill -9` while 20 clients save: on restart the database is sound and
/// every save that was answered 200 is in the history.
#[test]
fn kill_9_under_concurrent_saves_loses_no_answered_save() {
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start(dir.path());
    let units: Vec<(String, String)> = (0..20)
        .map(|i| s.unit(&format!("测试县第{i}局"), 2025))
        .collect();
    let stop = std::sync::atomic::AtomicBool::new(false);
    let answered: Vec<Vec<String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = units
            .iter()
            .enumerate()
            .map(|(i, (id, token))| {
                let s = &s;
                let stop = &stop;
                scope.spawn(move || {
                    let mut got = Vec::new();
                    let mut version: Option<String> = None;
                    let text = agency(&format!("测试县第{i}局"), 2025);
                    for n in 0..200 {
                        if stop.load(std::sync::atomic::Ordering::Relaxed) {
                            break;
                        }
                        let body = text.replace("licensing = 4", &format!("licensing = {n}"));
                        let url = format!("{}/api/v1/units/{id}/report", s.base);
                        let mut req = ureq::http::Request::builder()
                            .method("PUT")
                            .uri(&url)
                            .header("Authorization", format!("Bearer {token}"))
                            .header("content-type", "application/toml");
                        if let Some(v) = &version {
                            req = req.header("if-match", v.as_str());
                        }
                        match s.agent.run(req.body(body.into_bytes()).unwrap()) {
                            Ok(mut r) if r.status() == 200 => {
                                let j: serde_json::Value = serde_json::from_slice(
                                    &r.body_mut().read_to_vec().unwrap_or_default(),
                                )
                                .unwrap_or_default();
                                if let Some(v) = j["version"].as_str() {
                                    got.push(v.to_string());
                                    version = Some(v.to_string());
                                }
                            }
                            _ => break,
                        }
                    }
                    got
                })
            })
            .collect();
        // Let the clients run, then kill the server mid-stream.
        std::thread::sleep(std::time::Duration::from_millis(1500));
        // SAFETY: kill(2) on our own child.
        unsafe {
            libc::kill(s.child.id() as i32, libc::SIGKILL);
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    s.kill9();
    let total: usize = answered.iter().map(Vec::len).sum();
    assert!(
        total > 20,
        "the clients saved something before the kill ({total})"
    );
    {
        let conn = rusqlite::Connection::open(dir.path().join("govreport.db")).unwrap();
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok");
    }
    let s = Server::start(dir.path());
    every_answered_version_is_kept(&s, &units, &answered);
}

/// The office's profile applies to every unit: its required `[extra]`
/// field is on the page and in the check, its deadline makes units late.
#[test]
fn the_profile_applies_to_every_units_check_and_page() {
    let dir = tempfile::tempdir().unwrap();
    let profile =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/profiles/demo-province");
    let s = Server::start_with(dir.path(), &["--profile", profile.to_str().unwrap()]);
    let (id, token) = s.unit(NAME, 2025);
    let a = s.put(&id, &token, None, &agency(NAME, 2025));
    let j = a.json();
    assert!(
        j["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "GR0012"),
        "the required field is missing: {j}"
    );
    // The page has the field; saving it through the form clears the finding.
    let cookie = s.get(&format!("/login/{token}"), None).set_cookie[0]
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let html = s
        .call(
            "GET",
            &format!("/unit/{id}"),
            None,
            &[("cookie", &cookie)],
            None,
        )
        .text();
    assert!(html.contains("data-path=\"extra.column_url\""));
    let csrf = html
        .split("data-csrf=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let form = serde_json::json!({
        "requests.received[1]": "1", "requests.outcomes.disclosed[1]": "1",
        "proactive.licensing": "4", "proactive.penalties": "1",
        "overview.proactive": "全年主动公开政府信息235条。", "overview.on_request": "全年收到政府信息公开申请1件。",
        "overview.management": "落实审查制度。", "overview.platforms": "规范网站建设。", "overview.oversight": "公布投诉渠道。",
        "problems.current_year": "专栏更新不够及时。", "problems.measures": "建立更新台账。",
        "extra.column_url": "https://example.gov.cn/zwgk/",
    });
    let a = s.call(
        "PUT",
        &format!("/api/v1/units/{id}/report"),
        None,
        &[
            ("cookie", &cookie),
            ("x-csrf-token", &csrf),
            ("content-type", "application/json"),
            ("if-match", "1"),
        ],
        Some(form.to_string().as_bytes()),
    );
    assert_eq!(a.status, 200, "{}", a.text());
    let j = a.json();
    assert!(
        !j["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "GR0012"),
        "{j}"
    );
    let text = s
        .get(&format!("/api/v1/units/{id}/report"), Some(&token))
        .text();
    assert!(
        text.contains("column_url = \"https://example.gov.cn/zwgk/\""),
        "{text}"
    );
    assert!(text.contains("name = \"重庆市綦江区司法局\""));
}

/// A profile's `[docx] embed_fonts = true` reaches the report server's
/// downloads: the unit's DOCX carries its faces (font parts), as `render
/// --embed-fonts` does; without it the download carries none.
#[test]
fn a_profile_that_embeds_fonts_gives_docx_downloads_with_their_faces() {
    let carries = |s: &Server| {
        let (id, token) = s.unit(NAME, 2025);
        assert_eq!(s.put(&id, &token, None, &agency(NAME, 2025)).status, 200);
        let a = s.get(&format!("/api/v1/units/{id}/report.docx"), Some(&token));
        assert_eq!(a.status, 200, "{}", a.text());
        assert!(a.body.starts_with(b"PK"));
        a.body.windows(5).any(|w| w == b"odttf")
    };
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("profile");
    std::fs::create_dir(&profile).unwrap();
    std::fs::write(profile.join("style.toml"), "[docx]\nembed_fonts = true\n").unwrap();
    for d in ["with", "without"] {
        std::fs::create_dir(dir.path().join(d)).unwrap();
    }
    let s = Server::start_with(
        &dir.path().join("with"),
        &["--profile", profile.to_str().unwrap()],
    );
    assert!(carries(&s), "the profile's DOCX has no font parts");
    let plain = Server::start(&dir.path().join("without"));
    assert!(
        !carries(&plain),
        "a DOCX without the profile has font parts"
    );
}
