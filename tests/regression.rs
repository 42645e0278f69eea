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

/// The agency file `name` with the agency's name replaced by `agency`.
fn agency_named(agency: &str) -> String {
    common::base_text().replace("示例县司法局", agency)
}

/// The names of the files in `dir`, sorted, as raw bytes.
#[cfg(unix)]
fn names_in(dir: &std::path::Path) -> Vec<Vec<u8>> {
    use std::os::unix::ffi::OsStrExt;
    let mut v: Vec<Vec<u8>> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().as_bytes().to_vec())
        .collect();
    v.sort();
    v
}

/// Two GBK file names from a Windows zip (not UTF-8) shared one temporary
/// file when rendered with `-j 2`: the temporary name was built from the
/// lossy UTF-8 form of the name, so one agency's report was saved under
/// the other's file name.
#[cfg(unix)]
#[test]
fn reports_of_non_utf8_names_are_not_saved_under_each_others_name() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let mut inputs = Vec::new();
    for (i, first) in [0x80u8, 0xff].into_iter().enumerate() {
        let mut name = vec![first];
        name.extend_from_slice(b"001.toml");
        let p = dir.path().join(OsStr::from_bytes(&name));
        std::fs::write(&p, agency_named(&format!("第{i}号机关"))).unwrap();
        inputs.push(p);
    }
    for _ in 0..5 {
        let o = govreport()
            .args(["render", "-q", "-f", "txt", "-j", "2", "-o"])
            .arg(&out)
            .args(&inputs)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        for (i, first) in [0x80u8, 0xff].into_iter().enumerate() {
            let mut name = vec![first];
            name.extend_from_slice(b"001.txt");
            let txt = std::fs::read_to_string(out.join(OsStr::from_bytes(&name))).unwrap();
            assert!(txt.contains(&format!("第{i}号机关")), "file {i}: {txt}");
        }
        assert_eq!(names_in(&out).len(), 2, "{:?}", names_in(&out));
    }
}

/// An input named with 250 bytes failed with "File name too long" only
/// because the temporary file's name added the target's name to itself.
#[test]
fn render_of_a_long_file_name_is_not_refused_for_its_temporary_name() {
    let dir = tempfile::tempdir().unwrap();
    let name = format!("{}.toml", "司".repeat(82)); // 246 + 5 bytes
    let file = common::write(dir.path(), &name, common::base_text());
    let o = govreport()
        .args(["render", "-q", "-f", "txt"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(file.with_extension("txt").is_file());
}

/// A run killed with SIGKILL left its temporary files in the output
/// directory, and every later run left them there.
#[cfg(unix)]
#[test]
fn a_killed_runs_temporary_files_are_swept_by_the_next_render() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    let stale = out.join(format!(".govreport-{dead}-Ab12Cd.tmp"));
    std::fs::write(&stale, "half a report").unwrap();
    let file = common::write(dir.path(), "a.toml", common::base_text());
    govreport()
        .args(["render", "-q", "-f", "txt", "-o"])
        .arg(&out)
        .arg(&file)
        .assert()
        .success();
    assert_eq!(names_in(&out), vec![b"a.txt".to_vec()]);
}

/// The temporary file had a predictable name (`.a.txt.<pid>.tmp`) and was
/// opened with `File::create`, which follows a link planted under that
/// name. It is now created exclusively; an output that is itself a link is
/// replaced, and the file it pointed to is left as it was.
#[cfg(unix)]
#[test]
fn render_never_writes_through_a_planted_link() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let victim = common::write(dir.path(), "victim.txt", "keep me");
    std::os::unix::fs::symlink(&victim, out.join("a.txt")).unwrap();
    let file = common::write(dir.path(), "a.toml", common::base_text());
    govreport()
        .args(["render", "-q", "-f", "txt", "-o"])
        .arg(&out)
        .arg(&file)
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    assert!(
        std::fs::read_to_string(out.join("a.txt"))
            .unwrap()
            .contains("示例县司法局")
    );
}

/// `govreport` as a user file permissions apply to. Root reads any file
/// whatever its permissions, so as root (CI's containers) the binary runs
/// as `nobody` through util-linux's setpriv; `None` (the test says so and
/// skips) only where neither is possible.
#[cfg(unix)]
fn unprivileged(test: &str, dir: &std::path::Path) -> Option<std::process::Command> {
    use std::os::unix::fs::PermissionsExt;
    let bin = env!("CARGO_BIN_EXE_govreport");
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return Some(std::process::Command::new(bin));
    }
    if !std::path::Path::new("/usr/bin/setpriv").exists() {
        eprintln!("skipped {test}: running as root without setpriv");
        return None;
    }
    // nobody must reach the test's files (tempdir makes its folder 0700).
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut c = std::process::Command::new("/usr/bin/setpriv");
    c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(bin);
    Some(c)
}

/// `summary w.xlsx -o w.xlsx` replaced the filled-in workbook with the
/// 汇总表 and exited 0.
#[test]
fn summary_refuses_to_write_over_its_input() {
    let dir = tempfile::tempdir().unwrap();
    let wb = dir.path().join("w.xlsx");
    govreport().args(["init", "-o"]).arg(&wb).assert().success();
    let before = std::fs::read(&wb).unwrap();
    let o = govreport()
        .arg("summary")
        .arg(&wb)
        .arg("-o")
        .arg(&wb)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("就是输入文件"));
    assert_eq!(
        std::fs::read(&wb).unwrap(),
        before,
        "the workbook was replaced"
    );
}

/// `render` wrote a report over an input named with the report's extension
/// (an agency file saved as a.txt).
#[test]
fn render_refuses_to_write_over_its_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = common::write(dir.path(), "a.txt", common::base_text());
    let o = govreport()
        .args(["render", "-f", "txt"])
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("就是输入文件"));
    assert_eq!(
        std::fs::read_to_string(&input).unwrap(),
        common::base_text()
    );
}

/// `init -o agency.toml` silently replaced a filled-in agency file with the
/// empty template; now it refuses unless `--force` (and `import -o` alike).
#[test]
fn init_and_import_refuse_an_existing_output_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let filled = common::write(dir.path(), "agency.toml", common::base_text());
    let o = govreport()
        .args(["init", "-o"])
        .arg(&filled)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--force"));
    assert_eq!(
        std::fs::read_to_string(&filled).unwrap(),
        common::base_text()
    );
    let report = common::write(
        dir.path(),
        "r.txt",
        std::fs::read_to_string(fixture("rules/GR1003/pass.txt")).unwrap(),
    );
    let o = govreport()
        .arg("import")
        .arg(&report)
        .arg("-o")
        .arg(&filled)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(&filled).unwrap(),
        common::base_text()
    );
    govreport()
        .args(["init", "--force", "-o"])
        .arg(&filled)
        .assert()
        .success();
    assert_ne!(
        std::fs::read_to_string(&filled).unwrap(),
        common::base_text()
    );
}

/// `summary` counted one agency 41 times through a link to a parent
/// directory, and twice when the file was named twice.
#[cfg(unix)]
#[test]
fn summary_counts_a_file_once_through_links_and_repeats() {
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("各单位");
    std::fs::create_dir_all(tree.join("sub")).unwrap();
    let file = common::write(&tree, "a.toml", common::base_text());
    std::os::unix::fs::symlink("..", tree.join("sub/up")).unwrap();
    std::os::unix::fs::symlink(&file, tree.join("sub/same.toml")).unwrap();
    let csv = dir.path().join("s.csv");
    for args in [
        vec![tree.clone()],
        vec![file.clone(), file.clone(), tree.clone()],
    ] {
        let o = govreport()
            .arg("summary")
            .args(&args)
            .arg("-o")
            .arg(&csv)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(o.status.success(), "{err}");
        assert!(err.contains("（1 个机关）"), "{err}");
    }
}

/// Runs the binary with stdout and stderr on a pipe nobody reads.
fn with_closed_pipe(args: &[&std::ffi::OsStr]) -> std::process::Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("govreport"));
    cmd.env("GOVREPORT_TODAY", "2026-11-23")
        .args(args)
        .stdout(writer.try_clone().unwrap())
        .stderr(writer);
    cmd.output().unwrap()
}

/// `govreport check dir 2>&1 | head -1` exited 101 with a panic, and
/// `schema | true` (any command printing to a closed stdout) panicked with
/// "failed printing to stdout". A closed pipe now ends the run quietly.
#[test]
fn a_closed_pipe_is_a_quiet_exit_not_a_panic() {
    use std::ffi::OsStr;
    let dir = tempfile::tempdir().unwrap();
    for i in 0..3 {
        common::write(dir.path(), &format!("a{i}.toml"), common::base_text());
    }
    let report = common::write(
        dir.path(),
        "r.txt",
        std::fs::read_to_string(fixture("rules/GR1003/pass.txt")).unwrap(),
    );
    let d = dir.path().as_os_str();
    let out = dir.path().join("out");
    let csv = dir.path().join("s.csv");
    let runs: Vec<Vec<&OsStr>> = vec![
        vec!["check".as_ref(), d],
        vec![
            "render".as_ref(),
            "-f".as_ref(),
            "txt".as_ref(),
            "-o".as_ref(),
            out.as_os_str(),
            d,
        ],
        vec!["summary".as_ref(), d, "-o".as_ref(), csv.as_os_str()],
        vec!["audit".as_ref(), report.as_os_str()],
        vec!["schema".as_ref()],
        vec!["explain".as_ref()],
        vec!["explain".as_ref(), "GR0301".as_ref()],
        vec!["init".as_ref()],
        vec!["import".as_ref(), report.as_os_str()],
    ];
    for args in runs {
        let o = with_closed_pipe(&args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
    }
    // With stderr readable, stdout closed: no panic is reported.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let o = std::process::Command::new(assert_cmd::cargo::cargo_bin("govreport"))
        .arg("schema")
        .stdout(writer)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(!String::from_utf8_lossy(&o.stderr).contains("panicked"));
}

/// One unreadable subdirectory stopped the whole batch (exit 2) with a
/// message naming the top directory; the other files now go on.
#[cfg(unix)]
#[test]
fn an_unreadable_subdirectory_is_its_own_finding() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let Some(mut govreport) =
        unprivileged("an_unreadable_subdirectory_is_its_own_finding", dir.path())
    else {
        return;
    };
    common::write(dir.path(), "a.toml", common::base_text());
    common::write(dir.path(), "z.toml", common::base_text());
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let o = govreport.arg("check").arg(dir.path()).output().unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("locked") && err.contains("没有权限"), "{err}");
    assert_eq!(err.matches("检查通过").count(), 2, "{err}");
}

/// `01.司法局.toml` was rendered as `01.txt`: the extension was put in
/// place of the stem's own last dot.
#[test]
fn dotted_names_keep_every_part_of_the_name() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::write(dir.path(), "01.司法局.toml", common::base_text());
    govreport()
        .args(["render", "-q", "-f", "txt"])
        .arg(&file)
        .assert()
        .success();
    assert!(dir.path().join("01.司法局.txt").is_file());
    assert!(!dir.path().join("01.txt").exists());
}

/// A FIFO named x.toml made `check`, `summary`, `audit` and `import` wait
/// forever, and x.toml → /dev/zero read until memory ran out. Only regular
/// files are read now, and only so much of them.
#[cfg(unix)]
#[test]
fn fifos_and_devices_are_refused_not_read() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("x.toml");
    let c = std::ffi::CString::new(fifo.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    if unsafe { libc::mkfifo(c.as_ptr(), 0o644) } != 0 {
        eprintln!("skipped: mkfifo refused here");
        return;
    }
    let fifo_txt = dir.path().join("r.txt");
    std::fs::hard_link(&fifo, &fifo_txt).unwrap();
    let zero = dir.path().join("zero.toml");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    common::write(dir.path(), "a.toml", common::base_text());
    let csv = dir.path().join("s.csv");
    for args in [
        vec!["check".into(), dir.path().as_os_str().to_owned()],
        vec!["check".into(), zero.clone().into_os_string()],
        vec![
            "summary".into(),
            dir.path().as_os_str().to_owned(),
            "-o".into(),
            csv.clone().into_os_string(),
        ],
        vec!["audit".into(), fifo_txt.clone().into_os_string()],
        vec!["import".into(), fifo_txt.clone().into_os_string()],
    ] {
        let o = govreport().args(&args).output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("不是普通文件"), "{args:?}: {err}");
    }
}

/// `A.TOML` in a folder was skipped while `B.XLSX` was read; and system
/// errors were printed in English ("Not a directory (os error 20)").
#[test]
fn upper_case_extensions_are_read_and_system_errors_said_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    common::write(dir.path(), "A.TOML", common::base_text());
    let err = govreport().arg("check").arg(dir.path()).output().unwrap();
    let text = String::from_utf8_lossy(&err.stderr);
    assert!(err.status.success(), "{text}");
    assert!(text.contains("A.TOML：检查通过"), "{text}");
    let blocker = common::write(dir.path(), "out", "a file, not a directory");
    let o = govreport()
        .args(["render", "-f", "txt", "-o"])
        .arg(blocker.join("sub"))
        .arg(dir.path().join("A.TOML"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{text}");
    assert!(
        text.contains("无法写入") && !text.contains("os error"),
        "{text}"
    );
}

/// `check -` looked for a file named "-" instead of reading standard input.
#[test]
fn check_dash_reads_standard_input() {
    let o = govreport()
        .args(["check", "-"])
        .write_stdin(common::base_text())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("标准输入：检查通过"), "{err}");
}

/// `check` passed a control character in the agency's name or contact
/// line (Word's manual line break is U+000B; a workbook may carry NUL), then
/// `render` failed on it pointing into generated XHTML. Whatever `check`
/// passes renders: such characters are dropped on the way to the page.
#[test]
fn control_characters_in_name_and_contact_render() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(common::root().join("examples/qijiang-sifaju-2024.toml"))
        .unwrap()
        .replacen(
            "name = \"重庆市綦江区司法局\"",
            "name = \"重庆市綦江区\\u000B司法局\\u0000\"",
            1,
        )
        .replacen(
            "level = \"department\"",
            "level = \"department\"\ncontact = \"办公室\\u0007，电话：\\u001B023-00000000\"",
            1,
        );
    let file = common::write(dir.path(), "ctl.toml", text);
    govreport().arg("check").arg(&file).assert().success();
    let out = dir.path().join("out");
    govreport()
        .args(["render", "-q", "-f", "all", "-o"])
        .arg(&out)
        .arg(&file)
        .assert()
        .success();
    let txt = std::fs::read_to_string(out.join("ctl.txt")).unwrap();
    assert!(
        txt.contains("重庆市綦江区司法局2024年政府信息公开工作年度报告"),
        "{txt}"
    );
    assert!(txt.contains("办公室，电话：023-00000000"));
}

/// A 10 MB narrative (a whole file pasted into one field) passed `check`
/// and `render` made a 5 732-page PDF at 1.87 GB of memory. Now text past
/// the limit is an error at its key, and nothing is rendered (a million
/// characters here: the same path, a tenth of the time).
#[test]
fn a_huge_narrative_is_an_error_not_a_huge_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let huge = "全年主动公开政府信息。".repeat(100_000);
    let text = std::fs::read_to_string(common::root().join("examples/qijiang-sifaju-2024.toml"))
        .unwrap()
        .replacen(
            "[overview]",
            &format!("[overview]\nsummary = \"\"\"\n{huge}\n\"\"\""),
            1,
        );
    let file = common::write(dir.path(), "huge.toml", text);
    let out = govreport()
        .args(["check", "--message-format", "json"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("\"code\":\"GR0014\""), "{stdout}");
    assert!(stdout.contains("\"line\":10"), "{stdout}");
    let out = govreport()
        .args(["render", "-q", "-f", "pdf", "-o"])
        .arg(dir.path().join("out"))
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!dir.path().join("out/huge.pdf").exists());
}

/// Since temporary files came from `tempfile`, every report was written
/// 0600: a colleague on the shared folder, or the web server publishing
/// it, could not read it. A report is created as a plain create makes a
/// file (0666 less the umask).
#[cfg(unix)]
#[test]
fn rendered_reports_are_readable_by_others_as_a_plain_create_makes_them() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let file = common::write(dir.path(), "a.toml", common::base_text());
    let out = dir.path().join("out");
    let o = std::process::Command::new("sh")
        .arg("-c")
        .arg("umask 022 && exec \"$0\" render -q -f txt,pdf -o \"$1\" \"$2\"")
        .arg(env!("CARGO_BIN_EXE_govreport"))
        .arg(&out)
        .arg(&file)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for name in ["a.txt", "a.pdf"] {
        let mode = std::fs::metadata(out.join(name))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o644, "{name}: {mode:o}");
    }
}

/// A full disk was reported as "No space left on device (os error 28) at
/// path \"…/.govreport-…tmp\"": English, and the path of a temporary file
/// the user never asked for. It is said in Chinese at the report's own
/// name; the files that were written are whole and nothing is left behind.
/// Runs on a 600 KB tmpfs in a mount namespace of its own (skipped where
/// the machine does not allow one).
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_said_in_chinese_and_leaves_only_whole_reports() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    for i in 0..30 {
        common::write(&input, &format!("a{i:02}.toml"), common::base_text());
    }
    // What each report is when the disk has room.
    let reference = dir.path().join("ref");
    govreport()
        .args(["render", "-q", "-f", "txt,pdf", "-o"])
        .arg(&reference)
        .arg(input.join("a00.toml"))
        .assert()
        .success();
    let small = dir.path().join("small");
    let kept = dir.path().join("kept");
    std::fs::create_dir_all(&small).unwrap();
    // Mount, render, copy out what is there (the mount vanishes with the
    // namespace).
    let o = std::process::Command::new("unshare")
        .args(["--mount", "--propagation", "private", "sh", "-c"])
        .arg(
            "mount -t tmpfs -o size=600k tmpfs \"$1\" || exit 99; \
             \"$0\" render -f txt,pdf -j 2 -o \"$1\" \"$2\"; rc=$?; \
             cp -a \"$1\" \"$3\"; exit $rc",
        )
        .arg(env!("CARGO_BIN_EXE_govreport"))
        .arg(&small)
        .arg(&input)
        .arg(&kept)
        .output();
    let o = match o {
        Ok(o) if o.status.code() != Some(99) && o.status.code().is_some() => o,
        _ => {
            eprintln!("skipped: this machine does not allow a tmpfs in a mount namespace");
            return;
        }
    };
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("磁盘已满"), "{stderr}");
    assert!(
        !stderr.contains("No space") && !stderr.contains(".govreport-"),
        "{stderr}"
    );
    let names = names_in(&kept);
    assert!(!names.is_empty() && names.len() < 60, "{}", names.len());
    for name in names {
        let name = String::from_utf8(name).unwrap();
        assert!(!name.starts_with(".govreport-"), "left behind: {name}");
        let ext = name.rsplit('.').next().unwrap();
        assert_eq!(
            std::fs::read(kept.join(&name)).unwrap(),
            std::fs::read(reference.join(format!("a00.{ext}"))).unwrap(),
            "{name} is not whole"
        );
    }
}

/// An output folder the user may not write to (a shared folder mounted
/// read-only): each report is its own finding, in Chinese, exit 2, and
/// nothing is left in the folder.
#[cfg(unix)]
#[test]
fn an_output_folder_without_write_permission_is_said_in_chinese() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let Some(mut govreport) = unprivileged(
        "an_output_folder_without_write_permission_is_said_in_chinese",
        dir.path(),
    ) else {
        return;
    };
    let file = common::write(dir.path(), "a.toml", common::base_text());
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o555)).unwrap();
    let o = govreport
        .args(["render", "-f", "txt,pdf", "-o"])
        .arg(&out)
        .arg(&file)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("没有权限"), "{err}");
    assert!(
        !err.contains("Permission denied") && !err.contains(".govreport-"),
        "{err}"
    );
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0);
}

/// A raw NUL inside a quoted value (pasted from a database export) was
/// reported as "引号没有成对"; the quotes were fine. The character is named.
#[test]
fn a_raw_nul_is_named_not_called_an_unpaired_quote() {
    let dir = tempfile::tempdir().unwrap();
    let text = common::base_text().replacen("licensing = ", "note = \"x\u{0}y\"\nlicensing = ", 1);
    let file = common::write(dir.path(), "nul.toml", text);
    let o = govreport().arg("check").arg(&file).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("控制字符（U+0000）"), "{err}");
    assert!(!err.contains("引号没有成对"), "{err}");
}

/// A file saved as Notepad's "Unicode big endian" (UTF-16BE with its
/// byte-order mark) was "not UTF-8" with no word of what it was.
#[test]
fn a_utf16be_file_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = vec![0xfe, 0xff];
    for u in common::base_text().encode_utf16() {
        bytes.extend_from_slice(&u.to_be_bytes());
    }
    let file = common::write(dir.path(), "be.toml", bytes);
    let o = govreport().arg("check").arg(&file).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("UTF-16BE"), "{err}");
}

/// A workbook whose sheet XML is damaged was reported in the reader's
/// English only; it is said in Chinese with what to do.
#[test]
fn a_workbook_with_a_damaged_sheet_is_said_in_chinese() {
    use std::io::{Read, Write};
    let dir = tempfile::tempdir().unwrap();
    let wb = dir.path().join("w.xlsx");
    govreport().args(["init", "-o"]).arg(&wb).assert().success();
    let mut zin = zip::ZipArchive::new(std::fs::File::open(&wb).unwrap()).unwrap();
    let bad = dir.path().join("bad.xlsx");
    let mut zout = zip::ZipWriter::new(std::fs::File::create(&bad).unwrap());
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let name = f.name().to_string();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            bytes = b"<bad".to_vec();
        }
        zout.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zout.write_all(&bytes).unwrap();
    }
    zout.finish().unwrap();
    let o = govreport().arg("check").arg(&bad).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("文件内部已损坏"), "{err}");
    assert!(err.contains("GR0013"), "{err}");
}
