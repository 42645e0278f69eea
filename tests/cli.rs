//! The command line as users and scripts meet it (docs/cli-reference.md).

mod common;

use common::*;

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn clean_file_passes() {
    let out = govreport()
        .arg("check")
        .arg(fixture("rules/base.toml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("检查通过"));
}

#[test]
fn human_diagnostic_is_exactly_the_cli_md_form() {
    let dir = tempfile::tempdir().unwrap();
    // Put `received` on line 41 like the example in docs/cli-reference.md and the README.
    // The narrative agrees with the table (1 application), so only the
    // column balance is wrong.
    let text = base_text()
        .replace(
            "received = [2, 0, 0, 0, 0, 0]",
            "received = [1, 0, 0, 0, 0, 0]",
        )
        .replace("申请2件", "申请1件");
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("received"))
        .unwrap();
    let padded = format!("{}{}", "\n".repeat(40 - at), text);
    let p = write(dir.path(), "agency.toml", padded);
    let out = govreport()
        .current_dir(dir.path())
        .args(["check", "agency.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let expected = "错误[GR0301]: 第一项加第二项之和（1）不等于第三项加第四项之和（2）：自然人列
  --> agency.toml:41:12
   |
41 | received = [1, 0, 0, 0, 0, 0]
   |            ^^^^^^^^^^^^^^^^^^
   = 帮助: 核对“本年新收”“上年结转”“办理结果”“结转下年度”四项在自然人一列的数字
";
    assert!(stderr_of(&out).starts_with(expected), "{}", stderr_of(&out));
    drop(p);
}

#[test]
fn json_diagnostic_has_the_cli_md_shape() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "a.toml",
        base_text()
            .replace(
                "received = [2, 0, 0, 0, 0, 0]",
                "received = [1, 0, 0, 0, 0, 0]",
            )
            .replace("申请2件", "申请1件"),
    );
    let out = govreport()
        .args(["check", "--message-format", "json"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    let d = &lines[0];
    assert_eq!(d["code"], "GR0301");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["line"], 26);
    assert_eq!(d["column"], 12);
    assert_eq!(d["end_line"], 26);
    assert_eq!(d["end_column"], 30);
    assert_eq!(d["cell"]["table"], 3);
    assert_eq!(d["cell"]["row"], "一、本年新收政府信息公开申请数量");
    assert_eq!(d["cell"]["column"], "自然人");
    assert_eq!(d["expected"], "2");
    assert_eq!(d["found"], "1");
    assert!(d["help"].as_str().unwrap().contains("自然人"));
}

/// What a user gets wrong, and where `check` must point.
#[test]
fn bad_input_is_located_and_never_panics() {
    let dir = tempfile::tempdir().unwrap();
    let base = base_text();
    let cases: Vec<(&str, Vec<u8>, i32, &str)> = vec![
        (
            "gbk",
            encoding_rs::GBK.encode(&base).0.into_owned(),
            1,
            "GR0001",
        ),
        (
            "typo",
            base.replace("licensing = 15", "licencing = 15")
                .into_bytes(),
            1,
            "GR0003",
        ),
        (
            "five",
            base.replace(
                "received = [2, 0, 0, 0, 0, 0]",
                "received = [2, 0, 0, 0, 0]",
            )
            .into_bytes(),
            1,
            "GR0005",
        ),
        (
            "negative",
            base.replace("penalties = 3", "penalties = -3").into_bytes(),
            1,
            "GR0006",
        ),
        (
            "fraction",
            base.replace("received = [2, 0", "received = [1.5, 0")
                .into_bytes(),
            1,
            "GR0006",
        ),
        (
            "unbalanced",
            base.replace("carried_forward = [0, 0", "carried_forward = [1, 0")
                .into_bytes(),
            1,
            "GR0301",
        ),
        (
            "stated",
            base.replace(
                "received = [2, 0, 0, 0, 0, 0]",
                "received = [2, 0, 0, 0, 0, 0, 5]",
            )
            .into_bytes(),
            1,
            "GR0302",
        ),
        (
            "y2019",
            base.replace("year = 2024", "year = 2019")
                .replace("published_on = 2025-01-20\n", "")
                .into_bytes(),
            1,
            "GR0009",
        ),
        (
            "level",
            base.replace("\"department\"", "\"county\"").into_bytes(),
            1,
            "GR0010",
        ),
        ("empty", Vec::new(), 1, "GR0007"),
        (
            "garbage",
            (0..4000u32)
                .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
                .collect(),
            1,
            "GR0001",
        ),
        (
            "nested",
            format!(
                "schema = 1\nx = {}{}",
                "[".repeat(200_000),
                "]".repeat(200_000)
            )
            .into_bytes(),
            1,
            "GR0002",
        ),
        (
            "inline",
            format!(
                "schema = 1\nx = {}1{}",
                "{a=".repeat(50_000),
                "}".repeat(50_000)
            )
            .into_bytes(),
            1,
            "GR0002",
        ),
        (
            "string-number",
            base.replace("licensing = 15", "licensing = \"15\"")
                .into_bytes(),
            1,
            "GR0004",
        ),
        (
            "placeholder",
            base.replace("120条", "XX条").into_bytes(),
            0,
            "GR0011",
        ),
    ];
    for (name, bytes, code, rule) in cases {
        let p = write(dir.path(), &format!("{name}.toml"), &bytes);
        let out = govreport()
            .args(["check", "--message-format", "json"])
            .arg(&p)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(code), "{name}: {}", stderr_of(&out));
        let stdout = String::from_utf8(out.stdout).unwrap();
        let d: Vec<serde_json::Value> = stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let hit = d
            .iter()
            .find(|d| d["code"] == rule)
            .unwrap_or_else(|| panic!("{name}: no {rule} in {stdout}"));
        assert!(hit["line"].as_u64().unwrap() >= 1, "{name}: {hit}");
        assert!(hit["column"].as_u64().unwrap() >= 1, "{name}: {hit}");
        // render writes nothing for a file with errors
        let outdir = dir.path().join(format!("out-{name}"));
        let r = govreport()
            .args(["render", "-f", "txt", "-o"])
            .arg(&outdir)
            .arg(&p)
            .output()
            .unwrap();
        assert_ne!(r.status.code(), Some(101), "{name} panicked");
        if code == 1 {
            assert_eq!(r.status.code(), Some(1), "{name}");
            assert!(
                !outdir.exists() || std::fs::read_dir(&outdir).unwrap().next().is_none(),
                "{name} rendered"
            );
        }
    }
}

#[test]
fn bom_and_crlf_are_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("\u{feff}{}", base_text().replace('\n', "\r\n"));
    let p = write(dir.path(), "bom.toml", text);
    let out = govreport().arg("check").arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
}

#[test]
fn huge_narrative_is_handled() {
    // A field far past any real report part (GR0014): one clear error at
    // its key, nothing rendered; a long but real part still renders.
    let dir = tempfile::tempdir().unwrap();
    let long = "全年主动公开政府信息。".repeat(300_000);
    let p = write(
        dir.path(),
        "big.toml",
        base_text().replace("全年主动公开政府信息120条。", &long),
    );
    let out = govreport()
        .args(["render", "-f", "txt", "-o"])
        .arg(dir.path().join("o"))
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("GR0014"));
    assert!(!dir.path().join("o/big.txt").exists());
    let real = "全年主动公开政府信息。".repeat(4_000);
    let p = write(
        dir.path(),
        "long.toml",
        base_text().replace("全年主动公开政府信息120条。", &real),
    );
    let out = govreport()
        .args(["render", "-f", "txt", "-o"])
        .arg(dir.path().join("o"))
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let txt = std::fs::read_to_string(dir.path().join("o/long.txt")).unwrap();
    assert!(txt.len() > real.len());
}

#[test]
fn render_refuses_unknown_formats_and_all_means_every_format() {
    let p = fixture("rules/base.toml");
    for f in ["odt", "txt,odt", ""] {
        let dir = tempfile::tempdir().unwrap();
        let out = govreport()
            .args(["render", "-f", f, "-o"])
            .arg(dir.path())
            .arg(&p)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{f}");
        assert!(stderr_of(&out).contains("格式"), "{f}: {}", stderr_of(&out));
        assert!(
            std::fs::read_dir(dir.path()).unwrap().next().is_none(),
            "{f} wrote something"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let out = govreport()
        .args(["render", "-o"])
        .arg(dir.path())
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["base.docx", "base.html", "base.pdf", "base.txt"]);
}

#[test]
fn render_writes_stem_txt_atomically_and_reproducibly() {
    let dir = tempfile::tempdir().unwrap();
    let p = fixture("rules/base.toml");
    for _ in 0..2 {
        let out = govreport()
            .args(["render", "-f", "txt", "-o"])
            .arg(dir.path())
            .arg(&p)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    }
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["base.txt"]);
    let a = std::fs::read(dir.path().join("base.txt")).unwrap();
    let out = govreport()
        .args(["render", "-f", "all", "-o"])
        .arg(dir.path())
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(a, std::fs::read(dir.path().join("base.txt")).unwrap());
}

#[test]
fn force_renders_despite_errors() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "e.toml",
        base_text().replace("received = [2, 0", "received = [3, 0"),
    );
    let out = govreport()
        .args(["render", "--force", "-f", "txt"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(dir.path().join("e.txt").exists());
}

#[test]
fn directories_and_many_files_give_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.toml", base_text());
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    write(
        &dir.path().join("sub"),
        "b.toml",
        base_text().replace("penalties = 3", "penalties = -1"),
    );
    let out = govreport().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_of(&out);
    assert!(err.contains("共 2 份：1 份通过，1 份有错误"), "{err}");
    assert!(err.contains("b.toml"), "{err}");
}

#[test]
fn unreadable_file_is_exit_2() {
    let out = govreport()
        .args(["check", "/nonexistent/agency.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("文件不存在"));
}

#[test]
fn same_stem_twice_into_one_dir_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("x")).unwrap();
    let a = write(dir.path(), "a.toml", base_text());
    let b = write(&dir.path().join("x"), "a.toml", base_text());
    let out = govreport()
        .args(["render", "-f", "txt", "-o"])
        .arg(dir.path().join("o"))
        .arg(&a)
        .arg(&b)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn explain_prints_documentation_sections() {
    let out = govreport().args(["explain", "GR0301"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    for section in ["检查什么", "为什么", "错误示例", "修正后", "勾稽关系"] {
        assert!(s.contains(section), "{s}");
    }
    assert_eq!(
        govreport()
            .args(["explain", "GR9999"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
    let list = govreport().arg("explain").output().unwrap();
    assert!(String::from_utf8(list.stdout).unwrap().contains("GR0701"));
}

#[test]
fn schema_is_json_schema_of_every_key() {
    let out = govreport().arg("schema").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(s["additionalProperties"], false);
    let outcomes = &s["properties"]["requests"]["properties"]["outcomes"]["properties"];
    assert_eq!(
        outcomes["withheld"]["properties"]["state_secret"]["maxItems"],
        7
    );
    assert_eq!(
        s["properties"]["agency"]["properties"]["level"]["enum"][1],
        "government"
    );
}

#[test]
fn init_gives_a_file_that_only_lacks_narrative() {
    let dir = tempfile::tempdir().unwrap();
    let out = govreport()
        .args(["init", "--name", "测试县\"司法\"局", "--year", "2024"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let p = write(dir.path(), "new.toml", &out.stdout);
    let out = govreport()
        .args(["check", "--message-format", "json"])
        .arg(&p)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(!stdout.is_empty());
    for l in stdout.lines() {
        let d: serde_json::Value = serde_json::from_str(l).unwrap();
        // Required narrative (errors) and the empty 上年度改进情况 (a warning).
        assert!(d["code"] == "GR0008" || d["code"] == "GR0806", "{l}");
    }
    // Filling the narrative makes it clean.
    let mut text = std::fs::read_to_string(&p).unwrap();
    for key in [
        "proactive",
        "on_request",
        "management",
        "platforms",
        "oversight",
        "current_year",
        "measures",
    ] {
        text = text.replacen(
            &format!("\n{key} = \"\""),
            &format!("\n{key} = \"已填写。\""),
            1,
        );
    }
    let p = write(dir.path(), "filled.toml", text);
    let out = govreport().arg("check").arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let gov = govreport()
        .args(["init", "--level", "government"])
        .output()
        .unwrap();
    assert!(String::from_utf8(gov.stdout).unwrap().contains("3月31日"));
    assert_eq!(
        govreport()
            .args(["init", "--level", "bureau"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn unknown_flag_is_exit_2() {
    assert_eq!(
        govreport()
            .args(["check", "--frobnicate", "x.toml"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
    assert_eq!(govreport().output().unwrap().status.code(), Some(2));
}

#[test]
fn previous_year_file_explicit_or_found_beside() {
    let dir = tempfile::tempdir().unwrap();
    let base = base_text();
    let last = base
        .replace("year = 2024", "year = 2023")
        .replace("published_on = 2025-01-20", "published_on = 2024-01-20")
        .replace("carried_forward = [0, 0", "carried_forward = [3, 0")
        .replace("disclosed = [1, 0", "disclosed = [4, 0")
        .replace("in_force = 12", "in_force = 11")
        .replace(
            "全年收到政府信息公开申请2件，均已按时办结。",
            "依申请公开工作平稳。",
        );
    let now = write(dir.path(), "now.toml", &base);
    let other = tempfile::tempdir().unwrap();
    let last_path = write(other.path(), "last.toml", &last);
    // Explicit: 上年结转 0 ≠ last year's 结转下年度 3.
    let out = govreport()
        .args(["check", "--message-format", "json", "--previous"])
        .arg(&last_path)
        .arg(&now)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("\"GR0901\""), "{stdout}");
    assert!(stdout.contains("\"expected\":\"3\""), "{stdout}");
    // Found beside: same agency, previous year, same directory.
    write(dir.path(), "last.toml", &last);
    let out = govreport().args(["check"]).arg(&now).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_of(&out);
    assert!(err.contains("GR0901") && err.contains("last.toml"), "{err}");
    // A missing --previous file is a command-line problem.
    let out = govreport()
        .args(["check", "--previous", "/nonexistent.toml"])
        .arg(&now)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn examples_have_no_findings_at_all() {
    // The false-positive budget: no warning of any rule on the examples.
    let out = govreport()
        .args(["check", "--message-format", "json"])
        .arg(root().join("examples"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "");
}

#[test]
fn previous_year_section_speaking_of_this_year_is_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "y.toml",
        base_text().replace(
            "previous_year = \"上年度指出的栏目更新不及时问题已整改。\"",
            "previous_year = \"2024年我局政府信息公开工作中存在规范化程度不高的问题。\"",
        ),
    );
    let out = govreport()
        .args(["check", "--message-format", "json"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("\"GR0804\""), "{stdout}");
}

/// `audit --help` named .txt, .html and .docx but not .pdf, which it reads.
#[test]
fn audit_and_import_help_name_pdf() {
    for cmd in ["audit", "import"] {
        let out = govreport().args([cmd, "--help"]).output().unwrap();
        let help = String::from_utf8_lossy(&out.stdout);
        assert!(help.contains(".pdf"), "{cmd} --help: {help}");
    }
}
