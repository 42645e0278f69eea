//! The fill-in workbook, judged from outside: filled the way a person does
//! (openpyxl finds each label and types beside or below it), re-saved by
//! LibreOffice, validated by openxml-audit, and driven through the binary.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use govreport::input::workbook::layout::{INFO_FIELDS, Kind, TEXT_FIELDS, item_label};
use govreport::model::tables::{T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_ROWS};
use govreport::model::{Level, Report};
use serde_json::{Value, json};

fn python() -> Option<&'static str> {
    let ok = std::process::Command::new("python3")
        .args(["-c", "import openpyxl"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        if std::env::var_os("CI").is_some() {
            panic!("python3 with openpyxl is not installed; .ci/run should install it");
        }
        eprintln!("skipped: python3 with openpyxl is not installed");
        return None;
    }
    Some("python3")
}

fn report_of(example: &Path) -> Report {
    let text = std::fs::read_to_string(example).unwrap();
    govreport::input::parse(&text).report
}

/// Paragraphs as a person types them in one cell: one Alt+Enter between.
fn typed(s: &str) -> String {
    s.split("\n\n").collect::<Vec<_>>().join("\n")
}

fn money(text: &str) -> Value {
    let v: f64 = text.parse().unwrap();
    json!(v)
}

/// What a person types for `report`, addressed by the labels they read.
fn spec_of(r: &Report) -> Vec<Value> {
    let mut v = Vec::new();
    let a = &r.agency;
    v.push(json!({"sheet": "基本信息", "row": "机关名称", "value": a.name}));
    v.push(json!({"sheet": "基本信息", "row": "报告年度", "value": a.year}));
    let level = if a.level == Level::Government {
        "人民政府"
    } else {
        "部门"
    };
    v.push(json!({"sheet": "基本信息", "row": "机关类型", "value": level}));
    if let Some(d) = a.published_on {
        v.push(json!({"sheet": "基本信息", "row": "发布日期", "value": {"date": d.to_string()}}));
    }
    if !a.contact.is_empty() {
        v.push(json!({"sheet": "基本信息", "row": "联系方式", "value": a.contact}));
    }
    assert_eq!(INFO_FIELDS.len(), 5);
    for f in &TEXT_FIELDS {
        let value = match f.path {
            "preface.text" => json!(typed(&r.preface)),
            "overview.summary" => json!(typed(&r.overview.summary)),
            "overview.proactive" => json!(typed(&r.overview.proactive)),
            "overview.on_request" => json!(typed(&r.overview.on_request)),
            "overview.management" => json!(typed(&r.overview.management)),
            "overview.platforms" => json!(typed(&r.overview.platforms)),
            "overview.oversight" => json!(typed(&r.overview.oversight)),
            "proactive.note" => json!(typed(&r.proactive.note)),
            "requests.note" => json!(typed(&r.requests.note)),
            "problems.previous_year" => json!(typed(&r.problems.previous_year)),
            "problems.current_year" => json!(typed(&r.problems.current_year)),
            "problems.measures" => json!(typed(&r.problems.measures)),
            "other.fee_notices" => json!(r.other.fee_notices),
            "other.fee_notice_amount" => money(&r.other.fee_notice_amount.text),
            "other.fees_collected" => money(&r.other.fees_collected.text),
            other => panic!("unknown field {other}"),
        };
        if f.kind == Kind::Text && value.as_str() == Some("") {
            continue;
        }
        v.push(json!({"sheet": "正文", "row": f.label, "value": value}));
    }
    for (i, item) in r.other.items.iter().enumerate() {
        v.push(json!({"sheet": "正文", "row": item_label(i), "value": typed(item)}));
    }
    let p = &r.proactive;
    for (label, d) in [
        ("规章", p.regulations),
        ("行政规范性文件", p.normative_documents),
    ] {
        for (col, n) in [
            ("本年制发件数", d.issued),
            ("本年废止件数", d.repealed),
            ("现行有效件数", d.in_force),
        ] {
            v.push(json!({"sheet": "表二", "row": label, "column": col, "value": n}));
        }
    }
    for (label, n) in [
        ("行政许可", p.licensing),
        ("行政处罚", p.penalties),
        ("行政强制", p.coercive_measures),
    ] {
        v.push(json!({"sheet": "表二", "row": label, "column": "本年处理决定数量", "value": n}));
    }
    v.push(json!({"sheet": "表二", "row": "行政事业性收费", "column": "本年收费金额（单位：万元）", "value": money(&p.fees.text)}));
    for (i, def) in T3_ROWS.iter().enumerate() {
        let row = &r.requests.rows[i];
        // Rows of zeros are left blank, as people do; blank counts as 0.
        if row.cells.iter().all(|&n| n == 0) {
            continue;
        }
        for (c, n) in row.cells.iter().enumerate() {
            v.push(json!({"sheet": "表三", "row": def.label, "column": T3_COLUMNS[c], "value": n}));
        }
    }
    for (k, (_, group)) in T4_ROWS.iter().enumerate() {
        for (c, n) in r.reviews.rows[k].cells.iter().enumerate() {
            v.push(json!({"sheet": "表四", "group": group, "column": T4_COLUMNS[c], "value": n}));
        }
    }
    v
}

fn fill(py: &str, workbook: &Path, spec: &[Value]) {
    let spec_path = workbook.with_extension("json");
    std::fs::write(&spec_path, serde_json::to_vec(spec).unwrap()).unwrap();
    let out = std::process::Command::new(py)
        .arg(root().join("tests/workbook/fill.py"))
        .arg(workbook)
        .arg(&spec_path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "fill.py: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn init(dir: &Path, stem: &str) -> PathBuf {
    let path = dir.join(format!("{stem}.xlsx"));
    // A fresh workbook each time, over the one filled before.
    govreport()
        .args(["init", "--force", "-o"])
        .arg(&path)
        .assert()
        .success();
    path
}

fn txt(file: &Path, dir: &Path) -> String {
    let (out, _) = render_example(file, "txt", dir, &[]);
    std::fs::read_to_string(out).unwrap()
}

/// The findings of `check --message-format json` on `file`, and its exit code.
fn findings(file: &Path) -> (Vec<Value>, Option<i32>) {
    let out = govreport()
        .args(["check", "--message-format", "json"])
        .arg(file)
        .output()
        .unwrap();
    let lines = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|v| v.get("code").is_some())
        .collect();
    (lines, out.status.code())
}

/// Every example typed into an empty workbook by a person: `check` passes
/// and the report is the one its agency.toml makes, word for word.
#[test]
fn a_filled_workbook_renders_the_same_report_as_its_toml() {
    let Some(py) = python() else { return };
    for example in examples() {
        let stem = example.file_stem().unwrap().to_string_lossy().into_owned();
        let dir = tempfile::tempdir().unwrap();
        let wb = init(dir.path(), &stem);
        fill(py, &wb, &spec_of(&report_of(&example)));
        let (toml_findings, toml_code) = findings(&example);
        let (wb_findings, wb_code) = findings(&wb);
        assert_eq!(wb_code, toml_code, "{stem}: {wb_findings:?}");
        let codes = |f: &[Value]| f.iter().map(|d| d["code"].to_string()).collect::<Vec<_>>();
        assert_eq!(codes(&wb_findings), codes(&toml_findings), "{stem}");
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        assert_eq!(txt(&wb, b.path()), txt(&example, a.path()), "{stem}");
    }
}

/// A filled workbook with one careless mistake of each kind.
fn careless(dir: &Path, py: &str, mistake: Value) -> Vec<Value> {
    let example = root().join("examples/qijiang-sifaju-2024.toml");
    let wb = init(dir, "careless");
    let mut spec = spec_of(&report_of(&example));
    spec.push(mistake);
    fill(py, &wb, &spec);
    let (f, code) = findings(&wb);
    assert_eq!(code, Some(1), "{f:?}");
    f
}

fn has(f: &[Value], code: &str, sheet: &str, cell: &str) -> bool {
    f.iter().any(|d| {
        d["code"] == code && d["sheet"] == sheet && d["ref"] == cell && d.get("line").is_none()
    })
}

#[test]
fn each_mistake_a_person_makes_points_at_its_cell() {
    let Some(py) = python() else { return };
    let dir = tempfile::tempdir().unwrap();
    let r = report_of(&root().join("examples/qijiang-sifaju-2024.toml"));
    // 自然人 of 一、本年新收 one more than the rest of the column balances.
    let received = r.requests.rows[0].cells[0] + 1;
    let f = careless(
        dir.path(),
        py,
        json!({"sheet": "表三", "row": T3_ROWS[0].label, "column": "自然人", "value": received}),
    );
    assert!(has(&f, "GR0301", "表三", "D5"), "{f:?}");

    let f = careless(
        dir.path(),
        py,
        json!({"sheet": "表三", "row": "1.属于国家秘密", "column": "商业企业", "value": "十二"}),
    );
    assert!(has(&f, "GR0004", "表三", "E9"), "{f:?}");
    let d = f.iter().find(|d| d["code"] == "GR0004").unwrap();
    assert!(d["help"].as_str().unwrap().contains("表三!E9"), "{d}");

    let f = careless(
        dir.path(),
        py,
        json!({"sheet": "表二", "row": "规章", "column": "本年制发件数", "value": -1}),
    );
    assert!(
        f.iter().any(|d| d["sheet"] == "表二" && d["ref"] == "B4"),
        "{f:?}"
    );

    let f = careless(
        dir.path(),
        py,
        json!({"sheet": "表四", "group": "行政复议", "column": "结果维持", "value": 1.5}),
    );
    assert!(
        f.iter().any(|d| d["sheet"] == "表四" && d["ref"] == "A5"),
        "{f:?}"
    );

    let f = careless(
        dir.path(),
        py,
        json!({"sheet": "正文", "row": "（一）主动公开", "clear": true}),
    );
    assert!(has(&f, "GR0008", "正文", "B5"), "{f:?}");

    // The human form names the file, sheet and cell, and quotes the cell.
    let wb = dir.path().join("careless.xlsx");
    let out = govreport().arg("check").arg(&wb).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("careless.xlsx:正文!B5"), "{err}");
    assert!(err.contains("（空）"), "{err}");
}

#[test]
fn dates_typed_as_text_and_totals_typed_over_formulas() {
    let Some(py) = python() else { return };
    let dir = tempfile::tempdir().unwrap();
    let example = root().join("examples/qijiang-sifaju-2024.toml");
    let wb = init(dir.path(), "typed");
    let mut spec = spec_of(&report_of(&example));
    spec.retain(|e| e["row"] != "发布日期");
    spec.push(json!({"sheet": "基本信息", "row": "发布日期", "value": "2025年1月20日"}));
    // A 总计 typed over its formula is a stated total: a wrong one is an error at that cell.
    spec.push(json!({"sheet": "表三", "row": T3_ROWS[0].label, "column": "总计", "value": 999}));
    fill(py, &wb, &spec);
    let (f, code) = findings(&wb);
    assert_eq!(code, Some(1));
    assert!(has(&f, "GR0302", "表三", "J5"), "{f:?}");
    assert!(!f.iter().any(|d| d["code"] == "GR0004"), "{f:?}");
}

/// The workbook re-saved by LibreOffice Calc as .xlsx, .ods and .xls
/// reads the same: same findings, same report.
#[test]
fn libreoffice_resaved_workbooks_read_the_same() {
    let Some(py) = python() else { return };
    if !require_tool("soffice") {
        return;
    }
    let example = root().join("examples/government.toml");
    let dir = tempfile::tempdir().unwrap();
    let wb = init(dir.path(), "government");
    fill(py, &wb, &spec_of(&report_of(&example)));
    let want = txt(&example, tempfile::tempdir().unwrap().path());
    for (ext, filter) in [("xlsx", "xlsx"), ("ods", "ods"), ("xls", "xls:MS Excel 97")] {
        let out_dir = tempfile::tempdir().unwrap();
        let status = std::process::Command::new("soffice")
            .args([
                "--headless",
                "--norestore",
                "--convert-to",
                filter,
                "--outdir",
            ])
            .arg(out_dir.path())
            .arg(&wb)
            .env("HOME", dir.path())
            .output()
            .unwrap();
        let resaved = out_dir.path().join(format!("government.{ext}"));
        assert!(
            resaved.exists(),
            "{ext}: {}",
            String::from_utf8_lossy(&status.stderr)
        );
        let (f, code) = findings(&resaved);
        assert_eq!(code, Some(0), "{ext}: {f:?}");
        let got = txt(&resaved, tempfile::tempdir().unwrap().path());
        assert_eq!(got, want, "{ext}");
    }
}

/// Excel's own validator (ported) finds nothing in the workbooks we write.
#[test]
fn excel_would_open_every_workbook_without_repair() {
    if !require_tool("openxml-audit") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut files = vec![init(dir.path(), "empty")];
    let imported = dir.path().join("imported.xlsx");
    govreport()
        .arg("import")
        .arg(fixture("seeds/000_2b2a966791f68e4e.txt"))
        .arg("-o")
        .arg(&imported)
        .assert()
        .success();
    files.push(imported);
    let profiled = dir.path().join("profiled.xlsx");
    govreport()
        .args(["init", "-o"])
        .arg(&profiled)
        .arg("--profile")
        .arg(root().join("examples/profiles/demo-province"))
        .assert()
        .success();
    files.push(profiled);
    for f in files {
        assert_opens_cleanly_in_office(&f);
    }
}

/// `import -o x.xlsx` keeps every published figure: the workbook renders
/// the report the TOML import renders, for every seed.
#[test]
fn import_to_a_workbook_keeps_the_published_figures() {
    for seed in std::fs::read_dir(fixture("seeds")).unwrap() {
        let seed = seed.unwrap().path();
        if seed.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        let stem = seed.file_stem().unwrap().to_string_lossy().into_owned();
        let toml = dir.path().join(format!("{stem}.toml"));
        let xlsx = dir.path().join("x").join(format!("{stem}.xlsx"));
        std::fs::create_dir_all(xlsx.parent().unwrap()).unwrap();
        for out in [&toml, &xlsx] {
            govreport()
                .arg("import")
                .arg(&seed)
                .arg("-o")
                .arg(out)
                .assert()
                .success();
        }
        let render = |f: &Path| {
            let d = tempfile::tempdir().unwrap();
            let out = govreport()
                .args(["render", "--force", "-f", "txt", "-o"])
                .arg(d.path())
                .arg(f)
                .output()
                .unwrap();
            assert_ne!(
                out.status.code(),
                Some(2),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            std::fs::read_to_string(d.path().join(format!("{stem}.txt"))).unwrap()
        };
        assert_eq!(render(&xlsx), render(&toml), "{stem}");
        let codes = |f: &Path| {
            let mut c: Vec<String> = findings(f)
                .0
                .iter()
                .map(|d| d["code"].to_string())
                .collect();
            c.sort();
            c
        };
        assert_eq!(codes(&xlsx), codes(&toml), "{stem}");
    }
}

/// A provincial office's round: units' files, TOML and workbooks mixed in
/// one folder, give the 汇总表 the TOML files alone give.
#[test]
fn summary_over_a_folder_of_toml_and_workbooks() {
    let dir = tempfile::tempdir().unwrap();
    let all_toml = tempfile::tempdir().unwrap();
    for (i, example) in examples().iter().enumerate() {
        let stem = example.file_stem().unwrap().to_string_lossy().into_owned();
        std::fs::copy(example, all_toml.path().join(format!("{stem}.toml"))).unwrap();
        if i % 2 == 0 {
            std::fs::copy(example, dir.path().join(format!("{stem}.toml"))).unwrap();
        } else {
            let bytes = govreport::input::workbook::write(&report_of(example), &[]).unwrap();
            std::fs::write(dir.path().join(format!("{stem}.xlsx")), bytes).unwrap();
        }
    }
    // Office's lock file beside an open workbook is not an agency file, nor
    // is last round's 汇总表 left in the folder.
    std::fs::write(dir.path().join("~$government.xlsx"), b"lock").unwrap();
    govreport()
        .arg("summary")
        .arg(dir.path())
        .arg("-o")
        .arg(dir.path().join("上一轮汇总表.xlsx"))
        .assert()
        .success();
    let summary = |d: &Path| {
        let out = govreport()
            .arg("summary")
            .arg(d)
            .arg("-o")
            .arg(d.join("汇总表.csv"))
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = std::fs::read_to_string(d.join("汇总表.csv")).unwrap();
        // Rows in file order; the file column differs in extension only.
        let mut rows: Vec<String> = text
            .lines()
            .map(|l| {
                l.replace(".xlsx", ".toml")
                    .replace(&d.display().to_string(), "")
            })
            .collect();
        rows.sort();
        rows
    };
    assert_eq!(summary(dir.path()), summary(all_toml.path()));
}

#[test]
fn a_workbook_that_is_not_ours_is_one_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    // Our own 汇总表 is a workbook, but not a fill-in one.
    govreport()
        .arg("summary")
        .arg(root().join("examples/government.toml"))
        .arg("-o")
        .arg(dir.path().join("汇总表.xlsx"))
        .assert()
        .success();
    let (f, code) = findings(&dir.path().join("汇总表.xlsx"));
    assert_eq!(code, Some(1));
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0]["code"], "GR0013");
    assert!(f[0]["message"].as_str().unwrap().contains("表三"), "{f:?}");

    // A download cut off half-way.
    let full = init(dir.path(), "whole");
    let bytes = std::fs::read(&full).unwrap();
    let cut = write(dir.path(), "cut.xlsx", &bytes[..bytes.len() / 2]);
    let (f, code) = findings(&cut);
    assert_eq!(code, Some(1));
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0]["code"], "GR0013");

    // A label deleted from a table is named.
    let r = report_of(&root().join("examples/government.toml"));
    let bytes = govreport::input::workbook::write(&r, &[]).unwrap();
    let wb = write(dir.path(), "changed.xlsx", &bytes);
    if let Some(py) = python() {
        fill(
            py,
            &wb,
            &[json!({"sheet": "表三", "row": "（三）不予公开", "column": "自然人", "value": 0})],
        );
        let spec =
            [json!({"sheet": "表三", "row": "8.属于行政查询事项", "column": "其他", "value": 0})];
        fill(py, &wb, &spec);
        let script = "import openpyxl,sys\nwb=openpyxl.load_workbook(sys.argv[1])\nws=wb['表三']\nfor row in ws.iter_rows():\n    for c in row:\n        if c.value=='8.属于行政查询事项': c.value='8.查询'\nwb.save(sys.argv[1])\n";
        let out = std::process::Command::new(py)
            .args(["-c", script])
            .arg(&wb)
            .output()
            .unwrap();
        assert!(out.status.success());
        let (f, code) = findings(&wb);
        assert_eq!(code, Some(1));
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(
            f[0]["message"]
                .as_str()
                .unwrap()
                .contains("8.属于行政查询事项"),
            "{f:?}"
        );
    }
}

/// `--previous` takes last year's workbook, and the finder beside the
/// input reads workbooks too.
#[test]
fn last_years_workbook_is_found_and_compared() {
    let dir = tempfile::tempdir().unwrap();
    let mut last = report_of(&root().join("examples/qijiang-sifaju-2024.toml"));
    last.agency.year = 2023;
    // Last year carried forward 5 natural-person requests; this year's
    // file says it carried over none: the continuity rule must see it.
    last.requests.rows[23].cells[0] = 5;
    last.requests.rows[0].cells[0] += 5;
    let bytes = govreport::input::workbook::write(&last, &[]).unwrap();
    let prev = write(dir.path(), "last.xlsx", &bytes);
    let this = dir.path().join("this.toml");
    std::fs::copy(root().join("examples/qijiang-sifaju-2024.toml"), &this).unwrap();
    let out = govreport()
        .args(["check", "--message-format", "json", "--previous"])
        .arg(&prev)
        .arg(&this)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("GR0901"), "{text}");
    // Beside the input, without --previous.
    let out = govreport()
        .args(["check", "--message-format", "json"])
        .arg(&this)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("GR0901"), "{text}");
}

/// The same input writes the same bytes (no "now" inside), like every
/// other output; the year changes what is written.
#[test]
fn the_workbook_is_reproducible() {
    let dir = tempfile::tempdir().unwrap();
    let make = |name: &str, year: &str| {
        let p = dir.path().join(name);
        govreport()
            .args(["init", "--year", year, "-o"])
            .arg(&p)
            .assert()
            .success();
        std::fs::read(p).unwrap()
    };
    let a = make("a.xlsx", "2024");
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_eq!(make("b.xlsx", "2024"), a);
    assert_ne!(make("c.xlsx", "2025"), a);
}

/// A profile's required `[extra]` field gets its row in 基本信息; left
/// blank, its finding points at that row's cell.
#[test]
fn a_required_extra_field_left_blank_points_at_its_row() {
    let dir = tempfile::tempdir().unwrap();
    let profile = root().join("examples/profiles/demo-province");
    let wb = dir.path().join("p.xlsx");
    govreport()
        .args(["init", "-o"])
        .arg(&wb)
        .arg("--profile")
        .arg(&profile)
        .assert()
        .success();
    let out = govreport()
        .args(["check", "--message-format", "json", "--profile"])
        .arg(&profile)
        .arg(&wb)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let d: Value = text
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .find(|d| d["code"] == "GR0012")
        .unwrap_or_else(|| panic!("{text}"));
    assert_eq!(d["sheet"], "基本信息", "{d}");
    assert_eq!(d["ref"], "B8", "{d}");
}

/// Issue 26, item 12, printed from LibreOffice: the 说明 sheet ran off the
/// page's right edge, 正文's longest label (实际收取的信息处理费总金额（元）)
/// was cut at one line's height, table 三's second page had no column
/// heads, and the fee cells started blank though their note says to enter
/// 0. Now every word is inside the page, the label is whole, each of table
/// 三's pages has its heads, and the fee cells hold 0.
#[test]
fn the_printed_workbook_fits_its_pages_and_repeats_table_three_heads() {
    if !require_tool("soffice") || !require_tool("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let wb = init(dir.path(), "blank");
    let out = std::process::Command::new("soffice")
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir.path())
        .arg(&wb)
        .env("HOME", dir.path())
        .output()
        .unwrap();
    let pdf = dir.path().join("blank.pdf");
    assert!(pdf.exists(), "{}", String::from_utf8_lossy(&out.stderr));
    let pages = words(&pdf);
    // Each page's width (portrait or landscape), from pdfinfo.
    let info = std::process::Command::new("pdfinfo")
        .args(["-f", "1", "-l", &pages.len().to_string()])
        .arg(&pdf)
        .output()
        .unwrap();
    let widths: Vec<f32> = String::from_utf8_lossy(&info.stdout)
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains(" size: "))
        .map(|l| {
            let size = l.split(" size: ").nth(1).unwrap();
            size.split_whitespace().next().unwrap().parse().unwrap()
        })
        .collect();
    assert_eq!(widths.len(), pages.len());
    for (i, page) in pages.iter().enumerate() {
        for w in page {
            assert!(
                w.x1 < widths[i] - 10.0,
                "page {}: “{}” runs to {:.0} pt of {}",
                i + 1,
                w.text,
                w.x1,
                widths[i]
            );
        }
    }
    let texts: Vec<String> = pages
        .iter()
        .map(|p| p.iter().map(|w| w.text.as_str()).collect())
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains("实际收取的信息处理费总金额（元）")),
        "the fee label is cut"
    );
    // Table 三's pages: from its title to the last page with its last row.
    let first = texts
        .iter()
        .position(|t| t.contains("本列数据的勾稽关系为"))
        .unwrap();
    let last = texts
        .iter()
        .rposition(|t| t.contains("结转下年度继续办理"))
        .unwrap();
    assert!(last > first, "table 三 on one page: nothing to repeat");
    for (i, t) in texts.iter().enumerate().take(last + 1).skip(first) {
        assert!(
            t.contains("申请人情况"),
            "page {}: table 三 without its heads",
            i + 1
        );
    }
    // The fee cells hold 0 from the start.
    let py = match python() {
        Some(py) => py,
        None => return,
    };
    let check = std::process::Command::new(py)
        .arg("-c")
        .arg(
            "import openpyxl,sys\n\
             ws=openpyxl.load_workbook(sys.argv[1])['正文']\n\
             v=[ws.cell(row=c.row,column=2).value for c in ws['A'] if c.value and '金额' in str(c.value)]\n\
             print(v)\n\
             sys.exit(0 if v and all(x==0 for x in v) else 1)",
        )
        .arg(&wb)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "fee cells: {}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
}
