//! `summary`: the 汇总表 of every file that checks without errors.

use std::path::{Path, PathBuf};

use crate::app::batch::{self, Show, Status};
use crate::app::jobs::{Job, process};
use crate::app::output::write_atomic;
use crate::app::run::{Loaded, Run};
use crate::app::{Options, exit, files, say, summary};
use crate::model::Report;
use crate::model::source::io_reason;

pub fn run(args: &[PathBuf], output: &Path, opts: &Options) -> i32 {
    let xlsx = match output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("csv") => false,
        Some("xlsx") => true,
        _ => {
            say::err(&format!(
                "错误：汇总表的文件名应以 .csv 或 .xlsx 结尾，这里是 {}",
                output.display()
            ));
            return exit::TROUBLE;
        }
    };
    let listed = match files::agency_files(args) {
        Ok(f) => f,
        Err(e) => {
            say::err(&format!("错误：{e}"));
            return exit::TROUBLE;
        }
    };
    if let Some(input) = files::overwritten_input(output, &listed.files) {
        say::err(&files::refuse_overwriting_input(output, input));
        return exit::TROUBLE;
    }
    let run = match Run::new(opts) {
        Ok(r) => r,
        Err((code, msg)) => {
            say::err(&msg);
            return code;
        }
    };
    listed.report_unreadable();
    let (outcomes, kept) = batch::run(&listed.files, opts, Show::Problems, |p| {
        // Read and check each file once; keep the report of files without errors.
        let loaded = run.load(p);
        let report = match &loaded {
            Loaded::Ok(c) if !c.has_errors() => Some(c.parsed.report.clone()),
            _ => None,
        };
        (process(&run, &Job::Check, p, opts, loaded), report)
    });
    let reports: Vec<&Report> = kept.iter().flatten().collect();
    let bytes = if xlsx {
        summary::xlsx(&reports)
    } else {
        Ok(summary::csv(&reports))
    };
    let written = bytes.and_then(|b| write_atomic(output, &b).map_err(|e| io_reason(&e)));
    if let Err(e) = written {
        say::err(&format!("错误：无法写入 {}：{e}", output.display()));
        return exit::TROUBLE;
    }
    let excluded = outcomes
        .iter()
        .filter(|o| o.status != Status::Passed)
        .count();
    if !opts.json {
        say::err(&format!(
            "已生成汇总表：{}（{} 个机关{}）",
            output.display(),
            reports.len(),
            if excluded > 0 {
                format!("；{excluded} 份有错误，未计入")
            } else {
                String::new()
            }
        ));
    }
    listed.exit_code(batch::finish(&outcomes, opts))
}
