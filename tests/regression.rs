//! Regression tests, each named after the bug it pins (ripgrep's habit):
//! the binary is driven the way the user met the bug.

mod common;

use common::{fixture, govreport};

/// `audit --summary` quoted commas and quotes but not line breaks, so a
/// name with a line break split its CSV row in two.
#[test]
fn audit_summary_csv_quotes_line_breaks() {
    let dir = tempfile::tempdir().unwrap();
    let report = std::fs::read_to_string(fixture("rules/GR1003/pass.txt")).unwrap();
    // A file name with a line break stands in for any field with one.
    let path = dir.path().join("某区\n司法局.txt");
    std::fs::write(&path, report).unwrap();
    let csv = dir.path().join("audit.csv");
    govreport()
        .arg("audit")
        .arg("-q")
        .arg("--summary")
        .arg(&csv)
        .arg(&path)
        .output()
        .unwrap();
    let text = std::fs::read_to_string(&csv).unwrap();
    let rows: Vec<&str> = text.split("\r\n").filter(|r| !r.is_empty()).collect();
    assert_eq!(rows.len(), 3, "header, the report, 合计: {text:?}");
    assert!(rows[1].starts_with('"'), "{text:?}");
}

/// `import` wrote control characters of published text verbatim into TOML
/// strings, which made the agency file it wrote unreadable.
#[test]
fn import_escapes_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let report = std::fs::read_to_string(fixture("rules/GR1003/pass.txt"))
        .unwrap()
        .replacen("一、总体情况", "一、总体情况\n\u{7}本年度\u{b}工作", 1);
    let src = common::write(dir.path(), "report.txt", report);
    let out = dir.path().join("agency.toml");
    govreport()
        .arg("import")
        .arg(&src)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        toml::from_str::<toml::Table>(&text).is_ok(),
        "import wrote invalid TOML"
    );
    // The agency file reads without a syntax error (GR0002).
    let assert = govreport().arg("check").arg(&out).assert();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(!stderr.contains("GR0002"), "{stderr}");
}

/// A complete report whose text is one long line (web pages often are)
/// made `audit` panic: the title search cut the text at byte 600, inside a
/// 汉字.
#[test]
fn audit_of_a_report_on_one_line_does_not_panic() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("rules/GR1003/pass.txt")).unwrap();
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join("");
    for (i, t) in [
        one_line.clone(),
        format!("{one_line}\n"),
        one_line.chars().take(700).collect(),
    ]
    .iter()
    .enumerate()
    {
        let p = common::write(dir.path(), &format!("r{i}.txt"), t);
        let out = govreport().arg("audit").arg(&p).output().unwrap();
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "exit {:?}: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// A profile whose template uses an `[extra]` field it requires (here not
/// the example's `column_url`) was refused as "undefined variable": the
/// sample it is tried on lacked the field every agency file must provide.
#[test]
fn profile_using_its_own_required_extra_field_loads() {
    let dir = tempfile::tempdir().unwrap();
    let prof = dir.path().join("p");
    std::fs::create_dir_all(&prof).unwrap();
    std::fs::write(
        prof.join("style.toml"),
        "[extra]\nunit_code = \"统一社会信用代码\"\n",
    )
    .unwrap();
    std::fs::write(
        prof.join("preface.html"),
        "<p>本机关统一社会信用代码：{{ extra.unit_code }}。</p>",
    )
    .unwrap();
    let agency = common::base_text().replace(
        "[agency]",
        "[extra]\nunit_code = \"11500000MB1234567X\"\n\n[agency]",
    );
    let file = common::write(dir.path(), "a.toml", agency);
    let out = govreport()
        .args(["render", "-q", "-f", "txt", "--profile"])
        .arg(&prof)
        .arg("-o")
        .arg(dir.path())
        .arg(&file)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let txt = std::fs::read_to_string(dir.path().join("a.txt")).unwrap();
    assert!(txt.contains("11500000MB1234567X"), "{txt}");
}
