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
