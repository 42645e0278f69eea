//! Which files a command takes: the files named, and for a directory every
//! file below it of the kind the command reads, sorted so runs repeat.
//! A file is taken once however often it is reached (named twice, or by a
//! link); links to directories met inside a directory are not followed, so
//! a link to a parent can't count the tree again or loop. A directory that
//! can't be read is its own finding; the other files go on.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The files a command takes, and the directories below the named ones
/// that could not be read (one message each; the run ends with exit 2).
#[derive(Debug, Default)]
pub struct Listed {
    pub files: Vec<PathBuf>,
    pub unreadable: Vec<String>,
    /// Files accepted below the named directories, repeats included.
    found: usize,
}

impl Listed {
    /// Prints each unreadable directory's message; the exit code `code`
    /// raised to 2 when there was one.
    pub fn exit_code(&self, code: i32) -> i32 {
        if self.unreadable.is_empty() {
            code
        } else {
            code.max(super::exit::TROUBLE)
        }
    }

    /// Prints the message of each directory that could not be read.
    pub fn report_unreadable(&self) {
        for m in &self.unreadable {
            super::say::err(&format!("错误：{m}"));
        }
    }
}

/// Expands directories into the agency files below them.
pub fn agency_files(args: &[PathBuf]) -> Result<Listed, String> {
    let mut out = Listed::default();
    let mut seen = HashSet::new();
    for f in args {
        if f.is_dir() {
            let before = (out.found, out.unreadable.len());
            walk(f, &mut out, &mut seen, |p| {
                is_agency_file(p)
                    && (!crate::input::workbook::is_workbook(p)
                        || crate::input::workbook::is_fill_in(p))
            });
            if (out.found, out.unreadable.len()) == before {
                return Err(format!(
                    "目录 {} 中没有 agency 文件（.toml 或 .xlsx/.xls/.ods 填报工作簿）",
                    f.display()
                ));
            }
        } else {
            push_once(f.clone(), &mut out.files, &mut seen);
        }
    }
    Ok(out)
}

/// Expands directories into the published reports below them.
pub fn report_files(args: &[PathBuf]) -> Result<Listed, String> {
    let mut out = Listed::default();
    let mut seen = HashSet::new();
    for f in args {
        if f.is_dir() {
            walk(f, &mut out, &mut seen, is_report_file);
        } else {
            push_once(f.clone(), &mut out.files, &mut seen);
        }
    }
    if out.files.is_empty() && out.unreadable.is_empty() {
        return Err("没有找到要审核的报告（.txt、.html、.docx、.pdf 文件）".into());
    }
    Ok(out)
}

/// The device and inode of the file `p` names (through links), if it exists.
pub fn identity(p: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(p).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        std::fs::canonicalize(p).ok().map(|c| {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            c.hash(&mut h);
            (0, h.finish())
        })
    }
}

/// Whether `a` and `b` name the same existing file.
pub fn same_file(a: &Path, b: &Path) -> bool {
    identity(a).is_some_and(|x| identity(b) == Some(x))
}

/// The input that `output` would overwrite, if it is one of `inputs`.
pub fn overwritten_input<'a>(output: &Path, inputs: &'a [PathBuf]) -> Option<&'a PathBuf> {
    Inputs::new(inputs).overwritten(output)
}

/// A command's input files by device and inode, to find an output that
/// would overwrite one (looked up once per output, not once per pair).
pub struct Inputs<'a>(std::collections::HashMap<(u64, u64), &'a PathBuf>);

impl<'a> Inputs<'a> {
    pub fn new(inputs: &'a [PathBuf]) -> Self {
        Inputs(
            inputs
                .iter()
                .filter_map(|p| identity(p).map(|id| (id, p)))
                .collect(),
        )
    }

    /// The input that `output` would overwrite.
    pub fn overwritten(&self, output: &Path) -> Option<&'a PathBuf> {
        self.0.get(&identity(output)?).copied()
    }
}

/// The message when a command's output is one of its inputs (exit 2).
pub fn refuse_overwriting_input(output: &Path, input: &Path) -> String {
    format!(
        "错误：输出文件 {} 就是输入文件 {}，写出会覆盖已填好的内容；请换一个输出文件名或目录",
        output.display(),
        input.display()
    )
}

/// Adds `p` unless the same file is already taken.
fn push_once(p: PathBuf, out: &mut Vec<PathBuf>, seen: &mut HashSet<(u64, u64)>) {
    if identity(&p).is_none_or(|id| seen.insert(id)) {
        out.push(p);
    }
}

/// Files below `dir` that `accept` takes, sorted so runs repeat.
fn walk(dir: &Path, out: &mut Listed, seen: &mut HashSet<(u64, u64)>, accept: fn(&Path) -> bool) {
    let entries = match std::fs::read_dir(dir) {
        Ok(d) => d,
        Err(e) => {
            out.unreadable.push(format!(
                "无法读取目录 {}：{}",
                dir.display(),
                crate::model::source::io_reason(&e)
            ));
            return;
        }
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.path());
    for e in entries {
        let p = e.path();
        // The entry itself, not what a link points to: a linked directory
        // is not entered.
        let Ok(kind) = e.file_type() else { continue };
        if kind.is_dir() {
            walk(&p, out, seen, accept);
        } else if !p.is_dir() && accept(&p) {
            out.found += 1;
            push_once(p, &mut out.files, seen);
        }
    }
}

/// Whether the file name's extension is `ext`, in any case (`A.TOML`).
fn has_extension(p: &Path, ext: &str) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

/// An agency file: `*.toml` but not a profile's style.toml, or a
/// workbook (not an office program's lock file beside an open one).
pub fn is_agency_file(p: &Path) -> bool {
    use crate::input::workbook::{is_lock_file, is_workbook};
    let toml = has_extension(p, "toml")
        && p.file_name()
            .and_then(|n| n.to_str())
            .is_none_or(|n| !n.eq_ignore_ascii_case("style.toml"));
    toml || (is_workbook(p) && !is_lock_file(p))
}

/// A published report `audit` can read.
pub fn is_report_file(p: &Path) -> bool {
    ["txt", "md", "html", "htm", "docx", "pdf"]
        .iter()
        .any(|e| has_extension(p, e))
}
