//! `import`: a published report → agency.toml (or the fill-in workbook),
//! next year's starting point.

use std::path::Path;

use crate::app::batch;
use crate::app::output::write_atomic;
use crate::app::{Options, exit};
use crate::audit;
use crate::input::workbook;

pub fn run(file: &Path, output: Option<&Path>) -> i32 {
    let source = match audit::read(file) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("错误：{e}");
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
            eprintln!(
                "错误：{} 不像是一份政府信息公开工作年度报告：没有找到标题中的年度，也没有找到三张表格；未生成文件",
                source.name
            );
            return exit::ERRORS;
        }
        Err(outcome) => {
            for l in outcome.stderr {
                eprintln!("{l}");
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
                    eprintln!("错误：{e}");
                    return exit::TROUBLE;
                }
            }
        }
        _ => text.clone().into_bytes(),
    };
    match output {
        Some(path) => {
            if let Err(e) = write_atomic(path, &bytes) {
                eprintln!("错误：无法写入 {}：{e}", path.display());
                return exit::TROUBLE;
            }
            eprintln!("已生成：{}", path.display());
        }
        None => print!("{text}"),
    }
    for t in &todo {
        eprintln!("提示：{t}");
    }
    if !todo.is_empty() {
        eprintln!("补全上述内容后运行 govreport check 检查");
    }
    exit::OK
}
