//! The parallel batch: every file is one pure job on a pool of `--jobs`
//! threads that returns an `Outcome`; the main thread prints the outcomes
//! in input order, so the output is the same whatever `--jobs`, then one
//! closing summary and the exit code.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{Options, exit, say};
use crate::model::diagnostic::{self as diag, Diagnostic};
use crate::model::source::SourceFile;
use crate::rules;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Passed,
    Failed,
    /// Unreadable input or unwritable output.
    Io,
    /// The program failed on this file (GR0000): a bug, exit 2.
    Internal,
}

/// What one file's job produced, printed by the main thread in input order.
#[derive(Debug)]
pub struct Outcome {
    pub name: String,
    /// Lines for stdout (JSON diagnostics).
    pub stdout: Vec<String>,
    /// Text for stderr (human diagnostics, verdicts, written files).
    pub stderr: Vec<String>,
    pub status: Status,
}

impl Outcome {
    /// A file's outcome before its job has said anything.
    pub fn new(path: &Path) -> Outcome {
        Outcome {
            name: path.display().to_string(),
            stdout: Vec::new(),
            stderr: Vec::new(),
            status: Status::Passed,
        }
    }
}

/// Which stderr lines of each outcome `run` prints.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Show {
    Everything,
    /// Only files with problems: per-file success lines would drown a summary.
    Problems,
}

/// Runs `job` over every file in parallel and prints each outcome in input
/// order; returns the outcomes and what each job kept beside it. A job that
/// fails internally (panics) becomes that file's GR0000 finding; the other
/// files go on.
pub fn run<T: Send + Default>(
    files: &[PathBuf],
    opts: &Options,
    show: Show,
    job: impl Fn(&Path) -> (Outcome, T) + Sync,
) -> (Vec<Outcome>, Vec<T>) {
    let mut results = contained(|| {
        in_parallel(files, opts, |p| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                fault_injection(p);
                job(p)
            }))
            .unwrap_or_else(|_| (internal_error(p, opts), T::default()))
        })
    });
    // Rendered files reach the disk before anything is reported as written.
    if let Err(e) = super::output::sync_deferred() {
        for (o, _) in results.iter_mut() {
            if o.stderr.iter().any(|l| l.starts_with("已生成")) || o.status == Status::Passed {
                o.stderr.push(format!("错误：{e}"));
                o.status = Status::Io;
            }
        }
    }
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr().lock();
    for (o, _) in &results {
        for l in &o.stdout {
            super::say::line_to(&mut stdout, l);
        }
        if show == Show::Everything || o.status != Status::Passed {
            for l in &o.stderr {
                super::say::line_to(&mut stderr, l);
            }
        }
    }
    results.into_iter().unzip()
}

/// One file's work outside a batch (`import`): its result, or the GR0000
/// outcome (already formatted) when the program failed on it.
pub fn one<R>(path: &Path, opts: &Options, f: impl FnOnce() -> R) -> Result<R, Outcome> {
    contained(|| {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            fault_injection(path);
            f()
        }))
        .map_err(|_| internal_error(path, opts))
    })
}

thread_local! {
    /// The message and place of the last panic on this thread.
    static PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Runs `f` with panics recorded for `internal_error` instead of printed:
/// the finding says it once, in the batch's own format.
fn contained<R>(f: impl FnOnce() -> R) -> R {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|info| {
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        PANIC.with(|p| *p.borrow_mut() = Some(format!("{msg}（{at}）")));
    }));
    let r = f();
    std::panic::set_hook(previous);
    r
}

/// The GR0000 outcome of a file the program failed on.
fn internal_error(path: &Path, opts: &Options) -> Outcome {
    let what = PANIC.with(|p| p.borrow_mut().take()).unwrap_or_default();
    let source = SourceFile::new(path.display().to_string(), path, String::new());
    let d = Diagnostic::new(
        &rules::gr0000_internal_error::RULE,
        format!("内部错误：处理此文件时程序出错：{what}"),
    )
    .help("这是 govreport 的缺陷，不是文件的问题：请报告此问题，并附上这个文件；其他文件照常处理");
    let mut o = Outcome::new(path);
    o.status = Status::Internal;
    if opts.json {
        o.stdout.push(diag::render_json(&source, &d));
    } else {
        o.stderr
            .push(format!("{}\n", diag::render_human(&source, &d)));
    }
    o
}

/// Tests make the program fail on purpose on files whose name contains
/// `GOVREPORT_FAIL_ON` (debug builds only), to prove containment.
fn fault_injection(path: &Path) {
    #[cfg(debug_assertions)]
    if let Some(needle) = std::env::var_os("GOVREPORT_FAIL_ON")
        && path.to_string_lossy().contains(&*needle.to_string_lossy())
    {
        panic!("GOVREPORT_FAIL_ON");
    }
    let _ = path;
}

/// Maps `f` over files on a pool of `--jobs` threads, with a progress bar on a terminal.
fn in_parallel<T: Send>(
    files: &[PathBuf],
    opts: &Options,
    f: impl Fn(&Path) -> T + Sync,
) -> Vec<T> {
    let show = files.len() > 1 && !opts.quiet && !opts.json && std::io::stderr().is_terminal();
    let bar = if show {
        let b = indicatif::ProgressBar::new(files.len() as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{bar:40} {pos}/{len} 份 {elapsed_precise} {msg}",
        ) {
            b.set_style(style);
        }
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(n) = opts.jobs {
        builder = builder.num_threads(n.max(1));
    }
    let work = |files: &[PathBuf]| -> Vec<T> {
        files
            .par_iter()
            .map(|p| {
                let r = f(p);
                bar.inc(1);
                r
            })
            .collect()
    };
    let result = match builder.build() {
        Ok(pool) => pool.install(|| work(files)),
        Err(_) => work(files),
    };
    bar.finish_and_clear();
    result
}

/// The closing summary and the exit code.
pub fn finish(outcomes: &[Outcome], opts: &Options) -> i32 {
    let failed: Vec<&Outcome> = outcomes
        .iter()
        .filter(|o| o.status == Status::Failed)
        .collect();
    let io = outcomes.iter().filter(|o| o.status == Status::Io).count();
    let internal = outcomes
        .iter()
        .filter(|o| o.status == Status::Internal)
        .count();
    let passed = outcomes.len() - failed.len() - io - internal;
    if outcomes.len() > 1 && !opts.json {
        say::err(&format!(
            "共 {} 份：{passed} 份通过，{} 份有错误{}",
            outcomes.len(),
            failed.len(),
            if io > 0 {
                format!("，{io} 份无法读取或写入")
            } else {
                String::new()
            }
        ));
        if internal > 0 {
            say::err(&format!(
                "  {internal} 份因程序内部错误未能处理（GR0000），请报告此问题"
            ));
        }
        for o in &failed {
            say::err(&format!("  有错误：{}", o.name));
        }
    }
    if io > 0 || internal > 0 {
        exit::TROUBLE
    } else if !failed.is_empty() {
        exit::ERRORS
    } else {
        exit::OK
    }
}
