//! The parallel batch: every file is one pure job on a pool of `--jobs`
//! threads that returns an `Outcome`; the main thread prints the outcomes
//! in input order, so the output is the same whatever `--jobs`, then one
//! closing summary and the exit code.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{Options, exit};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Passed,
    Failed,
    /// Unreadable input or unwritable output.
    Io,
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
/// order; returns the outcomes and what each job kept beside it.
pub fn run<T: Send>(
    files: &[PathBuf],
    opts: &Options,
    show: Show,
    job: impl Fn(&Path) -> (Outcome, T) + Sync,
) -> (Vec<Outcome>, Vec<T>) {
    let results = in_parallel(files, opts, job);
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr().lock();
    for (o, _) in &results {
        for l in &o.stdout {
            let _ = writeln!(stdout, "{l}");
        }
        if show == Show::Everything || o.status != Status::Passed {
            for l in &o.stderr {
                let _ = writeln!(stderr, "{l}");
            }
        }
    }
    results.into_iter().unzip()
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
    let passed = outcomes.len() - failed.len() - io;
    if outcomes.len() > 1 && !opts.json {
        eprintln!(
            "共 {} 份：{passed} 份通过，{} 份有错误{}",
            outcomes.len(),
            failed.len(),
            if io > 0 {
                format!("，{io} 份无法读取或写入")
            } else {
                String::new()
            }
        );
        for o in &failed {
            eprintln!("  有错误：{}", o.name);
        }
    }
    if io > 0 {
        exit::TROUBLE
    } else if !failed.is_empty() {
        exit::ERRORS
    } else {
        exit::OK
    }
}
