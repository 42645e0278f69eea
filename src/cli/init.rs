//! `init`: a commented agency.toml to fill in, or with `-o x.xlsx` the
//! fill-in workbook.

use std::path::Path;

use crate::app::output::write_atomic;
use crate::app::{self, exit, say};
use crate::input::workbook;
use crate::model::date::Date;
use crate::model::source::io_reason;
use crate::model::{Level, Report};
use crate::report::profile::Profile;

pub fn run(
    name: Option<&str>,
    year: Option<i32>,
    level: &str,
    output: Option<&Path>,
    profile: Option<&Path>,
    force: bool,
) -> i32 {
    let level = match level {
        "department" | "部门" => Level::Department,
        "government" | "政府" | "人民政府" => Level::Government,
        other => {
            say::err(&format!(
                "错误：--level 只能是 department（政府部门）或 government（人民政府），这里是“{other}”"
            ));
            return exit::TROUBLE;
        }
    };
    if let Some(path) = output
        && let Err(e) = app::refuse_existing(path, force)
    {
        say::err(&e);
        return exit::TROUBLE;
    }
    let year = year.unwrap_or(Date::today().year - 1);
    let bytes = match output {
        Some(path) if workbook::is_workbook(path) => {
            if !path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
            {
                say::err(&format!(
                    "错误：填报工作簿以 .xlsx 格式生成（WPS、Excel、LibreOffice 都能打开，也可另存为 .xls/.ods），请把 {} 改为 .xlsx 文件名",
                    path.display()
                ));
                return exit::TROUBLE;
            }
            let extra = match profile.map(Profile::load) {
                None => Vec::new(),
                Some(Ok(p)) => p.required_extra.iter().map(|(k, _)| k.clone()).collect(),
                Some(Err(e)) => {
                    say::err(&e.to_string());
                    return exit::ERRORS;
                }
            };
            let mut report = Report::default();
            report.agency.name = name.unwrap_or("").to_string();
            report.agency.year = year;
            report.agency.level = level;
            match workbook::write(&report, &extra) {
                Ok(b) => b,
                Err(e) => {
                    say::err(&format!("错误：{e}"));
                    return exit::TROUBLE;
                }
            }
        }
        _ => crate::app::prefill::init_text(name.unwrap_or(""), year, level).into_bytes(),
    };
    match output {
        None => say::out(&String::from_utf8_lossy(&bytes)),
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
    }
    exit::OK
}
