//! `import`: a published report → agency.toml (or the fill-in workbook),
//! next year's starting point.

use std::path::Path;

use crate::app::batch;
use crate::app::output::write_atomic;
use crate::app::{self, Options, exit, files, say};
use crate::audit;
use crate::input::workbook;
use crate::model::source::io_reason;

pub fn run(file: &Path, output: Option<&Path>, force: bool) -> i32 {
    if let Some(path) = output {
        if files::same_file(path, file) {
            say::err(&files::refuse_overwriting_input(path, file));
            return exit::TROUBLE;
        }
        if let Err(e) = app::refuse_existing(path, force) {
            say::err(&e);
            return exit::TROUBLE;
        }
    }
    let source = match audit::read(file) {
        Ok(s) => s,
        Err(e) => {
            say::err(&format!("错误：{e}"));
            return exit::TROUBLE;
        }
    };
    let made = batch::one(file, &Options::default(), || {
        let rec = audit::recognise(&source.text);
        // Neither a year, a table nor a part of the report: writing a file
        // of placeholders would only hide that this is not a 年报.
        let is_report = rec.report.agency.year != 0 || rec.published.tables.iter().any(|t| t.found);
        is_report.then(|| audit::export::to_toml(&rec, &source.name))
    });
    let (text, todo) = match made {
        Ok(Some(t)) => t,
        Ok(None) => {
            say::err(&format!(
                "错误：{} 不像是一份政府信息公开工作年度报告：没有找到标题中的年度，也没有找到三张表格；未生成文件",
                source.name
            ));
            return exit::ERRORS;
        }
        Err(outcome) => {
            for l in outcome.stderr {
                say::err(&l);
            }
            return exit::TROUBLE;
        }
    };
    let bytes = match output {
        Some(path) if workbook::is_workbook(path) => {
            // The workbook is filled from the agency file the import made, so
            // both forms carry the same figures (stated totals included).
            let parsed = crate::input::parse(&text);
            match workbook::write(&parsed.report, &[]) {
                Ok(b) => b,
                Err(e) => {
                    say::err(&format!("错误：{e}"));
                    return exit::TROUBLE;
                }
            }
        }
        _ => text.clone().into_bytes(),
    };
    match output {
        Some(path) => {
            if let Err(e) = write_atomic(path, &bytes) {
                say::err(&format!(
                    "错误：无法写入 {}：{}",
                    path.display(),
                    io_reason(&e)
                ));
                return exit::TROUBLE;
            }
            say::err(&format!("已生成：{}", path.display()));
        }
        None => say::out(&text),
    }
    for t in &todo {
        say::err(&format!("提示：{t}"));
    }
    if !todo.is_empty() {
        say::err("补全上述内容后运行 govreport check 检查");
    }
    exit::OK
}
