//! `audit`'s work: published reports through the recogniser and the rules,
//! in a batch, with an optional CSV of one line per report.

use std::path::{Path, PathBuf};

use super::batch::{self, Outcome, Show, Status};
use super::output::write_atomic;
use super::previous::PreviousFinder;
use super::{Options, exit, files, say};
use crate::audit;
use crate::model::date::Date;
use crate::model::diagnostic as diag;
use crate::model::quote::csv_field;
use crate::model::source::io_reason;
use crate::rules;

/// One line of `--summary`: file, agency, year, errors, warnings, codes.
struct Row {
    file: String,
    name: String,
    year: i32,
    errors: usize,
    warnings: usize,
    codes: String,
    /// 是/否, or empty when the published text gives no date.
    late: String,
}

/// `audit` over the files and directories named; the exit code.
pub fn run(args: &[PathBuf], summary: Option<&Path>, opts: &Options) -> i32 {
    let listed = match files::report_files(args) {
        Ok(f) => f,
        Err(e) => {
            say::err(&format!("错误：{e}"));
            return exit::TROUBLE;
        }
    };
    if let Some(path) = summary
        && let Some(input) = files::overwritten_input(path, &listed.files)
    {
        say::err(&files::refuse_overwriting_input(path, input));
        return exit::TROUBLE;
    }
    let today = Date::today();
    // Last year's agency file, when given (published reports have no sibling lookup).
    let previous = match PreviousFinder::new(opts.previous.as_deref()) {
        Ok(p) => p,
        Err(e) => {
            say::err(&format!("错误：{e}"));
            return exit::TROUBLE;
        }
    };
    listed.report_unreadable();
    let (outcomes, rows) = batch::run(&listed.files, opts, Show::Everything, |path| {
        let mut o = Outcome::new(path);
        let source = match audit::read(path) {
            Ok(s) => s,
            Err(e) => {
                o.stderr.push(format!("错误：{e}"));
                o.status = Status::Io;
                return (o, None);
            }
        };
        let prev = previous
            .explicit
            .as_ref()
            .map(|(name, report)| rules::Previous { report, name });
        let (rec, diags) = audit::audit_with(&source, today, prev);
        for d in &diags {
            if opts.json {
                o.stdout.push(diag::render_json(&source, d));
            } else {
                o.stderr
                    .push(format!("{}\n", diag::render_human(&source, d)));
            }
        }
        let errors = diags.iter().filter(|d| d.is_error()).count();
        if errors > 0 {
            o.status = Status::Failed;
        }
        if !opts.json && (!opts.quiet || o.status != Status::Passed) {
            o.stderr.push(if diags.is_empty() {
                format!("{}：审核未发现问题", source.name)
            } else {
                format!("{}：{}", source.name, diag::count_line(&diags))
            });
        }
        let row = Row {
            file: source.name.clone(),
            name: rec.report.agency.name.clone(),
            year: rec.report.agency.year,
            errors,
            warnings: diags.len() - errors,
            codes: diags.iter().map(|d| d.code).collect::<Vec<_>>().join(" "),
            late: match crate::app::summary::late(&rec.report) {
                Some(true) => "是".into(),
                Some(false) => "否".into(),
                None => String::new(),
            },
        };
        (o, Some(row))
    });
    if let Some(path) = summary {
        let mut csv = String::from("\u{feff}文件,机关名称,年度,逾期发布,错误,警告,规则\r\n");
        for r in rows.iter().flatten() {
            csv.push_str(&format!(
                "{},{},{},{},{},{},{}\r\n",
                csv_field(&r.file),
                csv_field(&r.name),
                r.year,
                r.late,
                r.errors,
                r.warnings,
                r.codes
            ));
        }
        let late = rows.iter().flatten().filter(|r| r.late == "是").count();
        csv.push_str(&format!(
            "合计,{} 份,,{late} 份,,,\r\n",
            rows.iter().flatten().count()
        ));
        if let Err(e) = write_atomic(path, csv.as_bytes()) {
            say::err(&format!(
                "错误：无法写入 {}：{}",
                path.display(),
                io_reason(&e)
            ));
            return exit::TROUBLE;
        }
    }
    listed.exit_code(batch::finish(&outcomes, opts))
}
