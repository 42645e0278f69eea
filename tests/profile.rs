//! Provincial profiles: overrides, style, local deadline, severities, [extra],
//! and mistakes in the profile reported with file, line and column.

mod common;

use std::path::PathBuf;

use common::*;

fn demo() -> PathBuf {
    root().join("examples/profiles/demo-province")
}

fn json_lines(out: &std::process::Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn demo_profile_renders_its_wording_and_style() {
    let dir = tempfile::tempdir().unwrap();
    let out = govreport()
        .args(["render", "-f", "txt", "--profile"])
        .arg(demo())
        .arg("-o")
        .arg(dir.path())
        .arg(root().join("examples/full.toml"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let txt = std::fs::read_to_string(dir.path().join("full.txt")).unwrap();
    let lines: Vec<&str> = txt.lines().collect();
    // Two-line title, and the local 公开专栏 sentence from [extra].
    assert_eq!(lines[0].trim(), "示例市示例区交通运输局");
    assert_eq!(lines[1].trim(), "2024年政府信息公开工作年度报告");
    assert!(txt.contains("本机关政府信息公开专栏（https://www.example.gov.cn/zfxxgk/）"));
    // Templates it does not override come from the built-ins.
    assert!(txt.contains("三、收到和处理政府信息公开申请情况"));
    let profile = govreport::report::profile::Profile::load(&demo()).unwrap();
    assert_eq!(
        profile.style.sizes.table_pt, 14.0,
        "4号 table text reaches the writers"
    );
    assert_eq!(profile.overridden, vec!["preface.html"]);
}

#[test]
fn demo_profile_requires_extra_raises_severity_and_sets_a_local_deadline() {
    let dir = tempfile::tempdir().unwrap();
    let base = base_text();
    let p = write(
        dir.path(),
        "a.toml",
        base.replace(
            "previous_year = \"上年度指出的栏目更新不及时问题已整改。\"\n",
            "",
        )
        .replace("2025-01-20", "2025-01-28"),
    );
    let out = govreport()
        .args(["check", "--message-format", "json", "--profile"])
        .arg(demo())
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let d = json_lines(&out);
    let by = |code: &str| {
        d.iter()
            .find(|x| x["code"] == code)
            .unwrap_or_else(|| panic!("no {code}: {d:?}"))
            .clone()
    };
    assert_eq!(by("GR0012")["severity"], "error");
    let raised = by("GR0806");
    assert_eq!(raised["severity"], "error");
    assert!(
        raised["note"].as_str().unwrap().contains("style.toml"),
        "{raised}"
    );
    assert_eq!(by("GR0703")["severity"], "warning");
    // Without the profile: only the built-in warning.
    let out = govreport()
        .args(["check", "--message-format", "json"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let d = json_lines(&out);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0]["code"], "GR0806");
    assert_eq!(d[0]["severity"], "warning");
}

/// A fresh profile with one file edited.
fn broken_profile(file: &str, edit: impl Fn(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("p");
    let out = govreport()
        .args(["profile", "new"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let path = p.join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    std::fs::write(&path, edit(text)).unwrap();
    dir
}

#[test]
fn profile_mistakes_are_located_and_nothing_is_rendered() {
    // (what, how the style changes, the key reported, words of the message)
    type Case = (
        &'static str,
        Box<dyn Fn(String) -> String>,
        &'static str,
        &'static str,
    );
    let cases: Vec<Case> = vec![
        (
            "report.html",
            Box::new(|t: String| t.replacen("{{ p }}</p>", "{{ p }</p>", 1)),
            "report.html:",
            "成对",
        ),
        (
            "report.html",
            Box::new(|t: String| t.replacen("{{ agency.name }}{%", "{{ agency.nmae }}{%", 1)),
            "report.html:5:",
            "agency.name",
        ),
        (
            "tabel3.html",
            Box::new(|_| "<p>x</p>".into()),
            "tabel3.html",
            "table3.html",
        ),
        (
            "style.toml",
            Box::new(|t: String| t.replacen("table_pt", "tabel_pt", 1)),
            "style.toml:",
            "table_pt",
        ),
        (
            "style.toml",
            Box::new(|t: String| t.replacen("[rules]\n", "[rules]\nGR9999 = \"error\"\n", 1)),
            "style.toml",
            "GR9999",
        ),
        // Values no page can have are refused at their key, not laid out.
        (
            "style.toml",
            Box::new(|t: String| t.replacen("width_mm = 210.0", "width_mm = 21.0", 1)),
            "style.toml:14:12",
            "100～1000 毫米",
        ),
        (
            "style.toml",
            Box::new(|t: String| t.replacen("body_pt = 16.0", "body_pt = nan", 1)),
            "style.toml:",
            "正文字号",
        ),
        (
            "style.toml",
            Box::new(|t: String| t.replacen("chars_per_line = 28", "chars_per_line = 45", 1)),
            "style.toml:9:18",
            "放不进",
        ),
        (
            "style.toml",
            Box::new(|t: String| {
                t.replacen(
                    "# body = \"fonts/仿宋_GB2312.ttf\"",
                    "body = \"/dev/zero\"",
                    1,
                )
            }),
            "style.toml:",
            "不是普通文件",
        ),
        (
            "style.toml",
            Box::new(|t: String| {
                t.replacen(
                    "# body = \"fonts/仿宋_GB2312.ttf\"",
                    "body = \"fonts/没有.ttf\"",
                    1,
                )
            }),
            "style.toml:",
            "不存在",
        ),
        // A text file named as a font passed check and failed render.
        (
            "style.toml",
            Box::new(|t: String| {
                t.replacen(
                    "# body = \"fonts/仿宋_GB2312.ttf\"",
                    "body = \"style.toml\"",
                    1,
                )
            }),
            "style.toml:",
            "不是可用的字体文件",
        ),
        // Issue 24, item 9: nested loops hung the profile's load for ever.
        (
            "preface.html",
            Box::new(|_| {
                "{% for i in range(end=100000) %}{% for j in range(end=100000) %}x{% endfor %}{% endfor %}".into()
            }),
            "preface.html:1:45",
            "无尽的循环",
        ),
        (
            "preface.html",
            Box::new(|_| {
                format!(
                    "{{% for i in range(end=1000) %}}{{% for j in range(end=150) %}}{}{{% endfor %}}{{% endfor %}}",
                    "很长的一句话".repeat(40)
                )
            }),
            "模板",
            "超过 16 MB",
        ),
    ];
    for (file, edit, place, hint) in cases {
        let dir = broken_profile(file, edit);
        let out_dir = dir.path().join("out");
        let out = govreport()
            .args(["render", "-f", "txt", "--profile"])
            .arg(dir.path().join("p"))
            .arg("-o")
            .arg(&out_dir)
            .arg(root().join("examples/full.toml"))
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{file}: {err}");
        assert!(err.contains(place), "{file}: {err}");
        assert!(err.contains(hint), "{file}: {err}");
        assert!(
            !out_dir.exists(),
            "{file}: rendered despite a broken profile"
        );
    }
}

#[test]
fn profile_new_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "keep.txt", "x");
    let out = govreport()
        .args(["profile", "new"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("keep.txt")).unwrap(),
        "x"
    );
}

#[test]
fn every_example_passes_with_the_builtin_profile_copy() {
    // `profile new` writes exactly the built-ins: rendering with it changes nothing.
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("p");
    govreport()
        .args(["profile", "new"])
        .arg(&p)
        .output()
        .unwrap();
    for (sub, extra) in [
        ("a", vec![]),
        ("b", vec!["--profile".to_string(), p.display().to_string()]),
    ] {
        let out = govreport()
            .args(["render", "-q", "-f", "txt", "-o"])
            .arg(dir.path().join(sub))
            .args(&extra)
            .arg(root().join("examples"))
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    for e in std::fs::read_dir(dir.path().join("a")).unwrap() {
        let name = e.unwrap().file_name();
        assert_eq!(
            std::fs::read(dir.path().join("a").join(&name)).unwrap(),
            std::fs::read(dir.path().join("b").join(&name)).unwrap(),
            "{name:?}"
        );
    }
}
