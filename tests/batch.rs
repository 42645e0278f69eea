//! Deadline-scale batches: many files in parallel, one bad file among them,
//! byte-identical output whatever --jobs, and the 汇总表.

mod common;

use std::path::Path;

use common::*;

fn generate(dir: &Path, n: usize) {
    for i in 0..n {
        write(
            dir,
            &format!("agency-{i:04}.toml"),
            govreport::testgen::agency_file(i),
        );
    }
}

#[test]
fn generated_files_check_clean() {
    for i in 0..200 {
        let text = govreport::testgen::agency_file(i);
        let parsed = govreport::input::parse(&text);
        let d = govreport::rules::check(
            &parsed,
            &text,
            govreport::model::date::Date::new(2026, 11, 23).unwrap(),
        );
        assert!(d.is_empty(), "file {i}: {d:?}\n{text}");
    }
}

#[test]
fn one_bad_file_never_stops_the_others_and_jobs_do_not_change_output() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    generate(&inputs, 40);
    write(
        &inputs,
        "agency-0007.toml",
        govreport::testgen::agency_file(7).replace("licensing = ", "licensing = -"),
    );
    let mut stderrs = Vec::new();
    for jobs in ["1", "2", "4"] {
        let out = dir.path().join(format!("out-{jobs}"));
        let o = govreport()
            .args(["render", "-f", "txt", "--jobs", jobs, "-o"])
            .arg(&out)
            .arg(&inputs)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "jobs {jobs}");
        let err = String::from_utf8(o.stderr).unwrap();
        assert!(err.contains("共 40 份：39 份通过，1 份有错误"), "{err}");
        assert!(err.contains("agency-0007.toml"), "{err}");
        // No progress bar on a pipe.
        assert!(
            !err.contains('\r') && !err.contains("\u{1b}["),
            "progress bar on a pipe"
        );
        stderrs.push(err.replace(&format!("out-{jobs}"), "out"));
        let n = std::fs::read_dir(&out).unwrap().count();
        assert_eq!(
            n, 39,
            "jobs {jobs}: no report for the bad file, no temporary left"
        );
    }
    assert_eq!(stderrs[0], stderrs[1]);
    assert_eq!(stderrs[0], stderrs[2]);
    for e in std::fs::read_dir(dir.path().join("out-1")).unwrap() {
        let name = e.unwrap().file_name();
        let a = std::fs::read(dir.path().join("out-1").join(&name)).unwrap();
        for jobs in ["2", "4"] {
            let b = std::fs::read(dir.path().join(format!("out-{jobs}")).join(&name)).unwrap();
            assert_eq!(a, b, "{name:?} differs with --jobs {jobs}");
        }
    }
}

#[test]
fn summary_csv_and_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    generate(&inputs, 12);
    write(
        &inputs,
        "broken.toml",
        "schema = 1\n[agency]\nname = \"坏文件\"\n",
    );
    let csv = dir.path().join("汇总表.csv");
    let o = govreport()
        .args(["summary", "-o"])
        .arg(&csv)
        .arg(&inputs)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(1),
        "a failing file makes the run fail"
    );
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains("12 个机关") && err.contains("1 份有错误，未计入"),
        "{err}"
    );
    let text = String::from_utf8(std::fs::read(&csv).unwrap()).unwrap();
    assert!(text.starts_with('\u{feff}'), "BOM for Excel/WPS");
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 1 + 12 + 1);
    let header: Vec<&str> = lines[0].trim_start_matches('\u{feff}').split(',').collect();
    assert_eq!(header.len(), 4 + 200);
    assert_eq!(header[..4], ["机关名称", "年度", "类别", "逾期发布"]);
    assert!(header.contains(&"一、本年新收政府信息公开申请数量-自然人"));
    assert!(header.contains(&"（七）总计-总计"));
    assert!(header.contains(&"复议后起诉-总计"));
    // 合计 = the column sums.
    let col = header
        .iter()
        .position(|h| *h == "一、本年新收政府信息公开申请数量-总计")
        .unwrap();
    let sum: u64 = lines[1..13]
        .iter()
        .map(|l| l.split(',').nth(col).unwrap().parse::<u64>().unwrap())
        .sum();
    assert!(lines[13].starts_with("合计,"));
    assert_eq!(lines[13].split(',').nth(col).unwrap(), sum.to_string());

    let xlsx = dir.path().join("汇总表.xlsx");
    let o = govreport()
        .args(["summary", "-o"])
        .arg(&xlsx)
        .arg(&inputs)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&xlsx).unwrap()).unwrap();
    let mut shared = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/sharedStrings.xml").unwrap(),
        &mut shared,
    )
    .unwrap();
    assert!(
        shared.contains("合计") && shared.contains("机关名称"),
        "{shared}"
    );
    let mut sheet = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut sheet,
    )
    .unwrap();
    let doc = roxmltree::Document::parse(&sheet).unwrap();
    let rows = doc.descendants().filter(|n| n.has_tag_name("row")).count();
    assert_eq!(rows, 14);

    let o = govreport()
        .args(["summary", "-o", "x.pdf"])
        .arg(&inputs)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}

/// A file the program fails on internally is that file's GR0000 finding;
/// every other file still gets its result, in every batch command, and the
/// exit code is 2 (never 101).
#[test]
fn an_internal_failure_on_one_file_is_contained() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), 4);
    let run = |args: &[&str], json: bool| {
        let mut c = govreport();
        c.env("GOVREPORT_FAIL_ON", "agency-0002").args(args);
        if json {
            c.args(["--message-format", "json"]);
        }
        c.arg(dir.path()).output().unwrap()
    };
    let out = dir.path().join("out");
    let out_s = out.display().to_string();
    for args in [
        vec!["check"],
        vec!["render", "-f", "txt", "-o", &out_s],
        vec!["summary", "-o", &format!("{out_s}/s.csv")],
    ] {
        let o = run(&args, false);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("错误[GR0000]") && stderr.contains("agency-0002"),
            "{stderr}"
        );
        assert!(stderr.contains("请报告此问题"), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        if args[0] == "check" {
            for i in [0, 1, 3] {
                assert!(
                    stderr.contains(&format!("agency-{i:04}.toml：检查通过")),
                    "{stderr}"
                );
            }
        }
    }
    assert!(out.join("agency-0003.txt").exists() && !out.join("agency-0002.txt").exists());
    let o = run(&["check"], true);
    let stdout = String::from_utf8_lossy(&o.stdout);
    let line = stdout
        .lines()
        .find(|l| l.contains("GR0000"))
        .expect("a JSON finding");
    let v: serde_json::Value = serde_json::from_str(line).unwrap();
    assert_eq!(v["severity"], "error");
    // Published reports too.
    let reports = tempfile::tempdir().unwrap();
    for n in ["a.txt", "b-agency-0002.txt"] {
        std::fs::copy(fixture("rules/GR1003/pass.txt"), reports.path().join(n)).unwrap();
    }
    let o = govreport()
        .env("GOVREPORT_FAIL_ON", "agency-0002")
        .arg("audit")
        .arg(reports.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("GR0000") && stderr.contains("a.txt"),
        "{stderr}"
    );
    let o = govreport()
        .env("GOVREPORT_FAIL_ON", "agency-0002")
        .arg("import")
        .arg(reports.path().join("b-agency-0002.txt"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("GR0000"));
}

/// Issue 24, item 8: SIGINT or SIGKILL at any moment of a 500-file render
/// leaves only whole reports (each equal to an uninterrupted run's) and
/// temporary files of the killed run only; the next run sweeps those and
/// its output is exactly the uninterrupted run's. Twenty kills at moments
/// drawn over the length of a whole run (the seed is printed).
#[cfg(unix)]
#[test]
fn a_render_killed_at_any_moment_leaves_whole_reports_and_the_next_run_cleans_up() {
    const FILES: usize = 500;
    const KILLS: usize = 20;
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    generate(&inputs, FILES);
    // txt and docx for every file, pdf for one in ten: the run is long
    // enough to be killed in the middle of every kind of write.
    for i in (0..FILES).step_by(10) {
        std::fs::rename(
            inputs.join(format!("agency-{i:04}.toml")),
            inputs.join(format!("pdf-{i:04}.toml")),
        )
        .unwrap();
    }
    let govreport = || std::process::Command::new(env!("CARGO_BIN_EXE_govreport"));
    let render = |out: &Path| {
        let mut c = govreport();
        c.args(["render", "-q", "-j", "2", "-f", "txt,docx", "-o"])
            .arg(out)
            .arg(&inputs);
        c
    };
    let render_pdf = |out: &Path| {
        let mut c = govreport();
        c.args(["render", "-q", "-j", "2", "-f", "pdf", "-o"])
            .arg(out);
        for i in (0..FILES).step_by(10) {
            c.arg(inputs.join(format!("pdf-{i:04}.toml")));
        }
        c
    };
    // The uninterrupted run, timed to spread the kills over its length.
    let reference = dir.path().join("ref");
    let started = std::time::Instant::now();
    for mut c in [render(&reference), render_pdf(&reference)] {
        let o = c.output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let whole = started.elapsed();
    let expected: Vec<_> = sorted_names(&reference);
    assert_eq!(expected.len(), FILES * 2 + FILES / 10);

    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    eprintln!("kill moments from seed {seed} over {whole:?}");
    let mut x = seed;
    let mut uniform = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x >> 11) as f64 / (1u64 << 53) as f64
    };
    let out = dir.path().join("out");
    let mut killed = Vec::new();
    let mut mid_run = 0;
    for k in 0..KILLS {
        // Each run starts without reports (a killed run's temporaries stay,
        // for the next run to sweep), so what is there after it is its own.
        for name in sorted_names(&out) {
            if !name.starts_with('.') {
                std::fs::remove_file(out.join(name)).unwrap();
            }
        }
        // Alternate the two commands and the two signals.
        let mut c = if k % 4 < 2 {
            render(&out)
        } else {
            render_pdf(&out)
        };
        let mut child = c
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let at = whole.mul_f64(uniform() * if k % 4 < 2 { 0.9 } else { 0.1 });
        std::thread::sleep(at);
        let signal = if k % 2 == 0 {
            libc::SIGKILL
        } else {
            libc::SIGINT
        };
        // SAFETY: kill(2) on our own child, still unreaped.
        unsafe { libc::kill(child.id() as i32, signal) };
        child.wait().unwrap();
        killed.push(child.id());
        let present = sorted_names(&out);
        // The kill fell inside the run: some of its files written, not all.
        let written = present.iter().filter(|n| !n.starts_with('.')).count();
        let all = if k % 4 < 2 { FILES * 2 } else { FILES / 10 };
        mid_run += usize::from(written > 0 && written < all);
        for name in present {
            if name.starts_with(".govreport-") {
                // A run killed before its first write has not swept yet.
                assert!(
                    killed
                        .iter()
                        .any(|pid| name.starts_with(&format!(".govreport-{pid}-"))),
                    "kill {k}: {name} is no killed run's temporary"
                );
                continue;
            }
            assert_eq!(
                std::fs::read(out.join(&name)).unwrap(),
                std::fs::read(reference.join(&name)).unwrap(),
                "kill {k} at {at:?} (signal {signal}): {name} is not whole"
            );
        }
    }
    assert!(
        mid_run >= KILLS / 4,
        "only {mid_run} kills fell inside a run"
    );
    // A run to the end: exactly the reference, nothing left behind.
    for mut c in [render(&out), render_pdf(&out)] {
        let o = c.output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    assert_eq!(sorted_names(&out), expected);
    for name in &expected {
        assert_eq!(
            std::fs::read(out.join(name)).unwrap(),
            std::fs::read(reference.join(name)).unwrap(),
            "{name}"
        );
    }
}

fn sorted_names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|r| {
            r.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}
