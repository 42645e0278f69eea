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
