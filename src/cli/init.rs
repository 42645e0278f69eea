//! `init`: print a commented agency.toml to fill in.

use crate::app::exit;
use crate::model::date::Date;
use crate::model::quote::toml_string;
use crate::report::template::INIT_TOML;

pub fn run(name: Option<&str>, year: Option<i32>, level: &str) -> i32 {
    let level = match level {
        "department" | "部门" => "department",
        "government" | "政府" | "人民政府" => "government",
        other => {
            eprintln!(
                "错误：--level 只能是 department（政府部门）或 government（人民政府），这里是“{other}”"
            );
            return exit::TROUBLE;
        }
    };
    let year = year.unwrap_or(Date::today().year - 1);
    let deadline = if level == "government" {
        "3月31日"
    } else {
        "1月31日"
    };
    let text = INIT_TOML
        .replace("{{NAME}}", &toml_string(name.unwrap_or("")))
        .replace("{{YEAR}}", &year.to_string())
        .replace("{{NEXT_YEAR}}", &(year + 1).to_string())
        .replace("{{LEVEL}}", level)
        .replace("{{DEADLINE}}", deadline);
    print!("{text}");
    exit::OK
}
