//! Which files a command takes: the files named, and for a directory every
//! file below it of the kind the command reads, sorted so runs repeat.

use std::path::{Path, PathBuf};

/// Expands directories into the agency files below them.
pub fn agency_files(args: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for f in args {
        if f.is_dir() {
            let before = out.len();
            walk(f, &mut out, |p| {
                is_agency_file(p)
                    && (!crate::input::workbook::is_workbook(p)
                        || crate::input::workbook::is_fill_in(p))
            })
            .map_err(|e| format!("无法读取目录 {}：{e}", f.display()))?;
            if out.len() == before {
                return Err(format!(
                    "目录 {} 中没有 agency 文件（.toml 或 .xlsx/.xls/.ods 填报工作簿）",
                    f.display()
                ));
            }
        } else {
            out.push(f.clone());
        }
    }
    Ok(out)
}

/// Expands directories into the published reports below them.
pub fn report_files(args: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for f in args {
        if f.is_dir() {
            walk(f, &mut out, is_report_file)
                .map_err(|e| format!("无法读取目录 {}：{e}", f.display()))?;
        } else {
            out.push(f.clone());
        }
    }
    if out.is_empty() {
        return Err("没有找到要审核的报告（.txt、.html、.docx、.pdf 文件）".into());
    }
    Ok(out)
}

/// Files below `dir` that `accept` takes, sorted so runs repeat.
fn walk(dir: &Path, out: &mut Vec<PathBuf>, accept: fn(&Path) -> bool) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out, accept)?;
        } else if accept(&p) {
            out.push(p);
        }
    }
    Ok(())
}

/// An agency file: `*.toml` but not a profile's style.toml, or a
/// workbook (not an office program's lock file beside an open one).
pub fn is_agency_file(p: &Path) -> bool {
    use crate::input::workbook::{is_lock_file, is_workbook};
    let toml = p.extension().is_some_and(|e| e == "toml")
        && p.file_name().is_some_and(|n| n != "style.toml");
    toml || (is_workbook(p) && !is_lock_file(p))
}

/// A published report `audit` can read.
pub fn is_report_file(p: &Path) -> bool {
    p.extension()
        .is_some_and(|e| matches!(e.to_str(), Some("txt" | "html" | "htm" | "docx" | "pdf")))
}
