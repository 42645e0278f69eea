//! The work behind the commands, free of the command line: what a run is
//! asked (`Options`), the files it takes (`files`), last year's reports
//! (`previous`), reading and checking one agency file (`run`), the jobs and
//! the parallel batch that prints outcomes in input order (`jobs`, `batch`),
//! the 汇总表 (`summary`), atomic output files (`output`) and printing
//! that ends quietly when the reader has gone (`say`).

pub mod audit;
pub mod batch;
pub mod drift;
pub mod files;
pub mod jobs;
pub mod output;
pub mod prefill;
pub mod previous;
pub mod run;
pub mod say;
pub mod summary;

use std::path::{Path, PathBuf};

/// What every batch command is asked besides its files.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Diagnostics as JSON lines on stdout instead of text on stderr.
    pub json: bool,
    /// No progress bar, no per-file success lines.
    pub quiet: bool,
    /// Last year's agency file; `None` looks beside each input.
    pub previous: Option<PathBuf>,
    /// A provincial profile directory.
    pub profile: Option<PathBuf>,
    /// Files processed at once; `None` for every core.
    pub jobs: Option<usize>,
}

/// Exit codes, the same for every command (docs/cli-reference.md).
pub mod exit {
    /// Done; no errors (warnings allowed).
    pub const OK: i32 = 0;
    /// An input has errors (or a profile is wrong).
    pub const ERRORS: i32 = 1;
    /// The command line is wrong, or a file can't be read or written.
    pub const TROUBLE: i32 = 2;
}

/// Refuses to replace an existing file a person may have filled in
/// (`init -o`, `import -o`) unless `--force` is given.
pub fn refuse_existing(output: &Path, force: bool) -> Result<(), String> {
    if force || std::fs::symlink_metadata(output).is_err() {
        return Ok(());
    }
    Err(format!(
        "错误：{} 已经存在，可能已经填好；为免覆盖，未写出。换一个文件名，或加 --force 覆盖它",
        output.display()
    ))
}

/// Writes the built-in templates and a commented style.toml into `dir`
/// (`profile new`); refuses a directory that has files, so edits survive.
pub fn new_profile(dir: &Path) -> Result<Vec<PathBuf>, String> {
    use crate::report::profile::STYLE_TOML;
    use crate::report::template::BUILTIN;
    if dir.exists()
        && std::fs::read_dir(dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(false)
    {
        return Err(format!(
            "目录 {} 已存在且不是空目录；请换一个新目录，以免覆盖已修改的配置",
            dir.display()
        ));
    }
    std::fs::create_dir_all(dir).map_err(|e| {
        format!(
            "无法创建目录 {}：{}",
            dir.display(),
            crate::model::source::io_reason(&e)
        )
    })?;
    let mut written = Vec::new();
    for (name, text) in BUILTIN
        .iter()
        .chain(std::iter::once(&("style.toml", STYLE_TOML)))
    {
        let p = dir.join(name);
        output::write_atomic(&p, text.as_bytes()).map_err(|e| {
            format!(
                "无法写入 {}：{}",
                p.display(),
                crate::model::source::io_reason(&e)
            )
        })?;
        written.push(p);
    }
    Ok(written)
}
