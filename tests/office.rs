//! The office's side of the report server, over real HTTP: units in bulk,
//! the board's statuses and counts, return and approve, the 汇总表 against
//! `govreport summary`, the bundle, the published-version check, backup,
//! and what a unit token may not do.

mod server;

use server::{Answer, Server, TODAY, agency};

const NAME: &str = "重庆市綦江区司法局";

/// The generated agency files: (name, year, level, text).
fn generated(n: usize) -> Vec<(String, i32, String, String)> {
    (0..n)
        .map(|i| {
            let text = govreport::testgen::agency_file(i);
            let r = govreport::input::parse(&text).report;
            (
                r.agency.name.clone(),
                r.agency.year,
                r.agency.level.key().to_string(),
                text,
            )
        })
        .collect()
}

fn post_json(s: &Server, path: &str, token: &str, body: &str) -> Answer {
    s.call(
        "POST",
        path,
        Some(token),
        &[("content-type", "application/json")],
        Some(body.as_bytes()),
    )
}

/// Table 三's first column off balance.
fn broken(text: &str) -> String {
    let mut out = String::new();
    let mut done = false;
    for line in text.lines() {
        if !done && line.starts_with("received = [") {
            let inner = &line["received = [".len()..line.find(']').unwrap()];
            let mut v: Vec<u64> = inner
                .split(',')
                .map(|x| x.trim().parse().unwrap())
                .collect();
            v[0] += 1;
            let v: Vec<String> = v.iter().map(u64::to_string).collect();
            out += &format!("received = [{}]", v.join(", "));
            done = true;
        } else {
            out += line;
        }
        out.push('\n');
    }
    assert!(done);
    out
}

#[test]
fn two_hundred_units_in_bulk_board_summary_and_bundle() {
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start(dir.path());
    let files = generated(200);
    let year = files[0].1;
    assert!(files.iter().all(|f| f.1 == year));
    // The office's list as Excel saves a CSV: BOM, header, CRLF.
    let mut list = String::from("\u{feff}单位名称,类别,联系人\r\n");
    for (name, _, level, _) in &files {
        list += &format!(
            "{name},{},办公室\r\n",
            if level == "government" {
                "人民政府"
            } else {
                "部门"
            }
        );
    }
    let a = s.call(
        "POST",
        &format!("/api/v1/units/bulk?year={year}"),
        Some(&s.office),
        &[("content-type", "text/csv")],
        Some(list.as_bytes()),
    );
    assert_eq!(a.status, 201, "{}", a.text());
    let links = a.text();
    let rows: Vec<&str> = links
        .trim_start_matches('\u{feff}')
        .lines()
        .skip(1)
        .collect();
    assert_eq!(rows.len(), 200);
    // The same list again creates nothing.
    let again = s.call(
        "POST",
        &format!("/api/v1/units/bulk?year={year}"),
        Some(&s.office),
        &[("content-type", "text/csv")],
        Some(list.as_bytes()),
    );
    assert_eq!(again.status, 409);
    let units: Vec<(String, String)> = rows
        .iter()
        .map(|r| {
            let cols: Vec<&str> = r.split(',').collect();
            let link = cols[5];
            (
                cols[4].to_string(),
                link.rsplit('/').next().unwrap().to_string(),
            )
        })
        .collect();
    // Every unit saves its report; every 7th with an error; the even ones submit.
    let sdir = dir.path().join("summary-in");
    std::fs::create_dir(&sdir).unwrap();
    let mut submitted = Vec::new();
    for (i, ((id, token), (_, _, _, text))) in units.iter().zip(&files).enumerate() {
        let text = if i % 7 == 3 {
            broken(text)
        } else {
            text.clone()
        };
        let a = s.put(id, token, None, &text);
        assert_eq!(a.status, 200, "{}", a.text());
        assert_eq!(
            a.json()["errors"].as_i64().unwrap() > 0,
            i % 7 == 3,
            "unit {i}"
        );
        std::fs::write(sdir.join(format!("{i:04}.toml")), &text).unwrap();
        if i % 2 == 0 {
            let a = s.call(
                "POST",
                &format!("/api/v1/units/{id}/submit"),
                Some(token),
                &[],
                None,
            );
            assert_eq!(
                a.status,
                if i % 7 == 3 { 422 } else { 200 },
                "unit {i}: {}",
                a.text()
            );
            if i % 7 != 3 {
                submitted.push(i);
            }
        }
    }
    let list = s.get("/api/v1/units", Some(&s.office)).json();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 200);
    let count = |st: &str| list.iter().filter(|u| u["status"] == st).count();
    assert_eq!(count("submitted"), submitted.len());
    assert_eq!(count("draft"), 200 - submitted.len());
    let with_errors = list
        .iter()
        .filter(|u| u["errors"].as_i64().unwrap() > 0)
        .count();
    assert_eq!(with_errors, (0..200).filter(|i| i % 7 == 3).count());

    // Return one with a comment: the unit sees it and can save again.
    let (rid, rtoken) = &units[submitted[0]];
    let a = post_json(
        &s,
        &format!("/api/v1/units/{rid}/return"),
        &s.office,
        r#"{"comment":"表三请核对"}"#,
    );
    assert_eq!(a.status, 200);
    let page_list = s.get("/api/v1/units", Some(&s.office)).json();
    let row = page_list
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == rid.as_str())
        .unwrap()
        .clone();
    assert_eq!(row["status"], "returned");
    assert_eq!(row["comment"], "表三请核对");
    let cookie = s.get(&format!("/login/{rtoken}"), None).set_cookie[0]
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let page = s
        .call(
            "GET",
            &format!("/unit/{rid}"),
            None,
            &[("cookie", &cookie)],
            None,
        )
        .text();
    assert!(page.contains("退回意见：表三请核对"));
    assert_eq!(
        s.put(rid, rtoken, Some("1"), &files[submitted[0]].3).status,
        200
    );

    // Approve the others that were submitted (approve only from submitted).
    let approved: Vec<usize> = submitted[1..].iter().copied().take(10).collect();
    for &i in &approved {
        let a = s.call(
            "POST",
            &format!("/api/v1/units/{}/approve", units[i].0),
            Some(&s.office),
            &[],
            None,
        );
        assert_eq!(a.status, 200, "{}", a.text());
    }
    let a = s.call(
        "POST",
        &format!("/api/v1/units/{rid}/approve"),
        Some(&s.office),
        &[],
        None,
    );
    assert_eq!(a.status, 409, "a draft cannot be approved");

    // The 汇总表 equals `govreport summary` over the same files.
    let out = dir.path().join("summary.csv");
    let st = std::process::Command::new(env!("CARGO_BIN_EXE_govreport"))
        .args(["summary", "-q", "-o"])
        .arg(&out)
        .arg(&sdir)
        .env("GOVREPORT_TODAY", TODAY)
        .status()
        .unwrap();
    assert_eq!(
        st.code(),
        Some(1),
        "the files with errors are left out (exit 1)"
    );
    let want = std::fs::read(&out).unwrap();
    let got = s.get(&format!("/api/v1/summary.csv?year={year}"), Some(&s.office));
    assert_eq!(got.status, 200);
    assert!(
        got.body == want,
        "summary.csv differs from govreport summary"
    );
    let x = s.get(
        &format!("/api/v1/summary.xlsx?year={year}"),
        Some(&s.office),
    );
    assert_eq!(x.status, 200);
    assert!(x.body.starts_with(b"PK"));

    // The bundle holds exactly the approved units' files.
    let z = s.get(
        &format!("/api/v1/bundle.zip?format=pdf,docx&year={year}"),
        Some(&s.office),
    );
    assert_eq!(z.status, 200, "{}", z.text());
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(z.body)).unwrap();
    let mut names: Vec<String> = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().to_string())
        .collect();
    names.sort();
    let mut want: Vec<String> = approved
        .iter()
        .flat_map(|&i| {
            let stem = format!("{}{}年政府信息公开工作年度报告", files[i].0, year);
            [format!("{stem}.docx"), format!("{stem}.pdf")]
        })
        .collect();
    want.sort();
    assert_eq!(names, want);
}

#[test]
fn the_published_check_lists_exactly_what_was_changed() {
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start(dir.path());
    let (id, token) = s.unit(NAME, 2025);
    s.put(&id, &token, None, &agency(NAME, 2025));
    // Not approved yet: nothing to compare with.
    let txt = s
        .get(&format!("/api/v1/units/{id}/report.txt"), Some(&token))
        .text();
    let check = |body: &[u8], ctype: &str| {
        s.call(
            "POST",
            &format!("/api/v1/units/{id}/published"),
            Some(&s.office),
            &[("content-type", ctype)],
            Some(body),
        )
    };
    assert_eq!(check(txt.as_bytes(), "text/plain").status, 409);
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
    // The approved version as published, in every format: no difference.
    for (ext, ctype) in [
        ("txt", "text/plain"),
        ("html", "text/html"),
        (
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("pdf", "application/pdf"),
    ] {
        let body = s
            .get(&format!("/api/v1/units/{id}/report.{ext}"), Some(&token))
            .body;
        let a = check(&body, ctype);
        assert_eq!(a.status, 200, "{ext}: {}", a.text());
        assert_eq!(
            a.json()["differs"],
            serde_json::json!([]),
            "{ext}: {}",
            a.text()
        );
    }
    // Edited after approval: a figure and a heading.
    let edited = txt
        .replacen(
            "| 行政许可       |                     4                      |",
            "| 行政许可       |                     5                      |",
            1,
        )
        .replacen(
            "五、存在的主要问题及改进情况",
            "五、存在的主要问题和改进情况",
            1,
        );
    assert_ne!(edited, txt);
    let a = check(edited.as_bytes(), "text/plain");
    assert_eq!(a.status, 200, "{}", a.text());
    let d = a.json()["differs"].clone();
    let d = d.as_array().unwrap();
    assert_eq!(d.len(), 2, "{d:#?}");
    let figure = d
        .iter()
        .find(|x| x["what"] == "figure")
        .expect("the figure");
    assert_eq!(figure["approved"], "4");
    assert_eq!(figure["published"], "5");
    assert!(figure["where"].as_str().unwrap().contains("行政许可"));
    let heading = d
        .iter()
        .find(|x| x["what"] == "heading")
        .expect("the heading");
    assert_eq!(heading["approved"], "五、存在的主要问题及改进情况");
    assert_eq!(heading["published"], "五、存在的主要问题和改进情况");
    // The check is in the unit's log.
    let log = s
        .get(&format!("/api/v1/units/{id}/log"), Some(&s.office))
        .json();
    assert!(
        log.as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "published")
    );
}

#[test]
fn a_backup_taken_while_units_save_opens_and_is_consistent() {
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start(dir.path());
    let units: Vec<(String, String)> = (0..5)
        .map(|i| s.unit(&format!("备份县第{i}局"), 2025))
        .collect();
    let backups = std::thread::scope(|scope| {
        for (i, (id, token)) in units.iter().enumerate() {
            let s = &s;
            scope.spawn(move || {
                let text = agency(&format!("备份县第{i}局"), 2025);
                let mut v: Option<String> = None;
                for n in 0..30 {
                    let a = s.put(
                        id,
                        token,
                        v.as_deref(),
                        &text.replace("licensing = 4", &format!("licensing = {n}")),
                    );
                    assert_eq!(a.status, 200);
                    v = a.json()["version"].as_str().map(str::to_string);
                }
            });
        }
        (0..3)
            .map(|_| {
                let a = s.get("/api/v1/backup.db", Some(&s.office));
                assert_eq!(a.status, 200, "{}", a.text());
                a.body
            })
            .collect::<Vec<_>>()
    });
    for (k, bytes) in backups.iter().enumerate() {
        let p = dir.path().join(format!("b{k}.db"));
        std::fs::write(&p, bytes).unwrap();
        let c = rusqlite::Connection::open(&p).unwrap();
        let ok: String = c
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok");
        // Consistent: every unit's current version is a saved version.
        let bad: i64 = c
            .query_row(
                "SELECT count(*) FROM units u WHERE u.version > 0 AND NOT EXISTS (SELECT 1 FROM versions v WHERE v.unit_id = u.id AND v.version = u.version)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(bad, 0);
    }
    // Restore is starting on the copy: the same office token, every unit.
    let office = s.office.clone();
    drop(s);
    let restored = tempfile::tempdir().unwrap();
    std::fs::write(
        restored.path().join("govreport.db"),
        backups.last().unwrap(),
    )
    .unwrap();
    std::fs::write(restored.path().join("office.token"), &office).unwrap();
    let s2 = Server::start(restored.path());
    let list = s2.get("/api/v1/units", Some(&office)).json();
    assert_eq!(list.as_array().unwrap().len(), 5);
}

#[test]
fn a_unit_token_can_do_nothing_of_the_offices() {
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start(dir.path());
    let (id, token) = s.unit(NAME, 2025);
    let (other, _) = s.unit("重庆市綦江区民政局", 2025);
    for (method, path) in [
        ("GET", "/api/v1/units".to_string()),
        ("GET", "/api/v1/summary.csv".into()),
        ("GET", "/api/v1/summary.xlsx".into()),
        ("GET", "/api/v1/bundle.zip".into()),
        ("GET", "/api/v1/backup.db".into()),
        ("POST", "/api/v1/units".into()),
        ("POST", "/api/v1/units/bulk".into()),
        ("POST", format!("/api/v1/units/{id}/approve")),
        ("POST", format!("/api/v1/units/{id}/return")),
        ("POST", format!("/api/v1/units/{id}/published")),
        ("DELETE", format!("/api/v1/units/{id}/token")),
        ("GET", format!("/api/v1/units/{other}/log")),
    ] {
        let a = s.call(
            method,
            &path,
            Some(&token),
            &[("content-type", "text/plain")],
            Some(b"x"),
        );
        assert_eq!(a.status, 403, "{method} {path}: {}", a.text());
    }
    // SQL-looking names stay text.
    let evil = "某局'); DROP TABLE units; --";
    let (eid, _) = s.unit(evil, 2025);
    let list = s.get("/api/v1/units", Some(&s.office)).json();
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .any(|u| u["id"] == eid.as_str() && u["name"] == evil)
    );
    // A reissued token ends the old one.
    let a = s.call(
        "DELETE",
        &format!("/api/v1/units/{id}/token"),
        Some(&s.office),
        &[],
        None,
    );
    assert_eq!(a.status, 200);
    let new = a.json()["token"].as_str().unwrap().to_string();
    assert_eq!(
        s.get(&format!("/api/v1/units/{id}/report"), Some(&token))
            .status,
        401
    );
    assert_eq!(
        s.get(&format!("/api/v1/units/{id}/report"), Some(&new))
            .status,
        200
    );
}

#[test]
fn the_command_line_backs_up_and_makes_units_from_a_list() {
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start(dir.path());
    let list = dir.path().join("名单.csv");
    std::fs::write(
        &list,
        "单位名称,类别,联系人\n甲县司法局,部门,张三\n甲县人民政府,人民政府,\n",
    )
    .unwrap();
    let links = dir.path().join("links.csv");
    let run = |args: &[&std::ffi::OsStr]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_govreport"))
            .arg("serve")
            .arg("--db")
            .arg(&s.db)
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&[
        "--year".as_ref(),
        "2025".as_ref(),
        "units".as_ref(),
        list.as_os_str(),
        "-o".as_ref(),
        links.as_os_str(),
        "--link-base".as_ref(),
        s.base.as_ref(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&links).unwrap();
    // Every unit's secret link: readable by the office's own account only.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&links).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "links file mode {mode:o}");
    }
    let link = text
        .lines()
        .nth(2)
        .unwrap()
        .rsplit(',')
        .next()
        .unwrap()
        .to_string();
    assert!(link.starts_with(&format!("{}/login/", s.base)), "{link}");
    // The running server knows the units made beside it.
    let token = link.rsplit('/').next().unwrap();
    let a = s.get(&format!("/login/{token}"), None);
    assert_eq!(a.status, 303);
    let list = s.get("/api/v1/units", Some(&s.office)).json();
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert_eq!(list[1]["level"], "government");
    // A backup while the server runs; never over an existing file.
    let b = dir.path().join("copy.db");
    let out = run(&["backup".as_ref(), b.as_os_str()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let c = rusqlite::Connection::open(&b).unwrap();
    let n: i64 = c
        .query_row("SELECT count(*) FROM units", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 2);
    let out = run(&["backup".as_ref(), b.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
}
