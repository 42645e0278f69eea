#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(rel: &str) -> PathBuf {
    root().join("tests/fixtures").join(rel)
}

/// The binary with a fixed "today", so year and deadline rules are reproducible.
pub fn govreport() -> Command {
    let mut c = Command::cargo_bin("govreport").unwrap();
    c.env("GOVREPORT_TODAY", "2026-11-23");
    c
}

pub fn base_text() -> String {
    std::fs::read_to_string(fixture("rules/base.toml")).unwrap()
}

/// Writes `text` to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// Whether an external program (pdftotext, soffice, chromium…) is installed.
/// Under CI (`CI` set) a missing tool is a failure — `.ci/run` installs them;
/// on a developer machine the test is skipped with a note.
pub fn require_tool(name: &str) -> bool {
    let found = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|p| p.join(name).is_file()))
        .unwrap_or(false);
    if !found {
        if std::env::var_os("CI").is_some() {
            panic!("{name} is not installed; .ci/run should install it");
        }
        eprintln!("skipped: {name} is not installed");
    }
    found
}

/// Whether `python3` can import `modules` (.ci/run installs them in its
/// venv); skipped without them, except under CI.
pub fn require_python(modules: &str) -> bool {
    let ok = std::process::Command::new("python3")
        .args(["-c", &format!("import {modules}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        if std::env::var_os("CI").is_some() {
            panic!("python3 lacks {modules}; .ci/run should install them");
        }
        eprintln!("skipped: python3 lacks {modules}");
    }
    ok
}

/// The rows a reader script of `tests/fixtures` prints for a file, each
/// split at its tabs.
pub fn python_rows(script: &str, file: &Path) -> Vec<Vec<String>> {
    let out = std::process::Command::new("python3")
        .arg(root().join("tests/fixtures").join(script))
        .arg(file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{script}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

/// Every example agency file (`examples/*.toml`), sorted.
pub fn examples() -> Vec<PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    v.sort();
    v
}

/// `label` in `text`, or — for a label wrapped inside a narrow table cell,
/// whose lines pdftotext interleaves with the neighbouring cells' — its
/// characters in order within a short window. Figures and labels of fewer
/// than three characters must match exactly.
pub fn contains_spread(text: &str, label: &str) -> bool {
    if text.contains(label) {
        return true;
    }
    let t: Vec<char> = text.chars().collect();
    let l: Vec<char> = label.chars().collect();
    if l.len() < 3 || l.iter().all(|c| c.is_ascii_digit() || *c == '.') {
        return false;
    }
    let window = l.len() * 12;
    (0..t.len()).filter(|&i| t[i] == l[0]).any(|start| {
        let mut k = 0;
        for &c in &t[start..(start + window).min(t.len())] {
            if c == l[k] {
                k += 1;
                if k == l.len() {
                    return true;
                }
            }
        }
        false
    })
}

/// Renders `example` as `format` into `dir` with `extra` flags, asserting
/// success: the file written and what was printed on stderr.
pub fn render_example(
    example: &Path,
    format: &str,
    dir: &Path,
    extra: &[&str],
) -> (PathBuf, String) {
    let out = govreport()
        .args(["render", "-f", format, "-o"])
        .arg(dir)
        .args(extra)
        .arg(example)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "{}: {err}", example.display());
    let stem = example.file_stem().unwrap().to_string_lossy();
    (dir.join(format!("{stem}.{format}")), err)
}

/// A word of `pdftotext -bbox`: its text and box, in points from the top left.
#[derive(Debug, Clone)]
pub struct Word {
    pub text: String,
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

/// Words per page, as a reader's tool sees them.
pub fn words(pdf: &Path) -> Vec<Vec<Word>> {
    let out = std::process::Command::new("pdftotext")
        .args(["-bbox"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    let html = String::from_utf8_lossy(&out.stdout).into_owned();
    let attr = |tag: &str, name: &str| -> f32 {
        let k = format!("{name}=\"");
        let i = tag.find(&k).unwrap() + k.len();
        tag[i..].split('"').next().unwrap().parse().unwrap()
    };
    let mut pages = Vec::new();
    for page in html.split("<page ").skip(1) {
        let mut v = Vec::new();
        for w in page.split("<word ").skip(1) {
            let (tag, rest) = w.split_once('>').unwrap();
            let text = rest.split("</word>").next().unwrap();
            let text = text
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">");
            v.push(Word {
                text,
                x0: attr(tag, "xMin"),
                y0: attr(tag, "yMin"),
                x1: attr(tag, "xMax"),
                y1: attr(tag, "yMax"),
            });
        }
        pages.push(v);
    }
    pages
}

/// The document IR of an example, built with the built-in templates.
pub fn doc_of(example: &Path) -> govreport::doc::ir::Document {
    let text = std::fs::read_to_string(example).unwrap();
    let report = govreport::input::parse(&text).report;
    govreport::report::template::build(
        &govreport::report::template::Templates::builtin().unwrap(),
        &report,
    )
    .unwrap()
}

/// The tables of an example's document IR.
pub fn tables_of(example: &Path) -> Vec<govreport::doc::ir::Table> {
    doc_of(example)
        .blocks
        .into_iter()
        .filter_map(|b| match b {
            govreport::doc::ir::Block::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}

/// The bottom line of text on a page above `bottom` (the text block's
/// foot), words joined left to right, and whether it holds a figure.
pub fn last_line(page: &[Word], bottom: f32) -> (String, bool) {
    let body: Vec<&Word> = page.iter().filter(|w| w.y1 < bottom + 2.0).collect();
    let last_y = body.iter().map(|w| w.y0).fold(0.0f32, f32::max);
    let mut line: Vec<&Word> = body
        .into_iter()
        .filter(|w| (w.y0 - last_y).abs() < 3.0)
        .collect();
    line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let text = line.iter().map(|w| w.text.as_str()).collect();
    let figures = line
        .iter()
        .any(|w| w.text.chars().all(|c| c.is_ascii_digit()));
    (text, figures)
}

/// A heading line: `一、…` to `六、…`, or `（一）…`.
pub fn is_heading_line(text: &str) -> bool {
    ["一、", "二、", "三、", "四、", "五、", "六、"]
        .iter()
        .any(|h| text.starts_with(h))
        || text.starts_with('（') && text.chars().nth(2) == Some('）')
}

/// openxml-audit (the Open XML SDK validator, ported) finds nothing in
/// `file`: Word or Excel would open it without repair.
pub fn assert_opens_cleanly_in_office(file: &Path) {
    let out = std::process::Command::new("openxml-audit")
        .arg(file)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("expected to open cleanly") && text.contains("Errors: 0"),
        "{}:\n{text}",
        file.display()
    );
}

/// The complete example under an agency name too long for one title line.
pub fn long_name_example(dir: &Path) -> PathBuf {
    let name = "中国（江苏）自由贸易试验区南京片区管理委员会综合行政执法局";
    let text = std::fs::read_to_string(root().join("examples/full.toml"))
        .unwrap()
        .replacen(
            "name = \"示例市示例区交通运输局\"",
            &format!("name = \"{name}\""),
            1,
        );
    assert!(text.contains(name), "full.toml's name changed");
    write(dir, "long.toml", text)
}
