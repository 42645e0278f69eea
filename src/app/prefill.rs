//! The agency file a unit starts from: `init`'s commented template for its
//! name, year and level, and — when last year's approved report is known —
//! what carries over: 上年结转 from last year's 结转下年度, 现行有效件数 of
//! 规章 and 行政规范性文件, and last year's problems quoted beside
//! 上年度报告所列问题的改进情况 as the prompt for it (a comment, never text
//! that would be printed).

use crate::model::quote::toml_string;
use crate::model::tables::T3_CARRIED_FORWARD;
use crate::model::{Level, Report};
use crate::report::template::INIT_TOML;

/// `init`'s agency.toml for an agency.
pub fn init_text(name: &str, year: i32, level: Level) -> String {
    let deadline = if level == Level::Government {
        "3月31日"
    } else {
        "1月31日"
    };
    INIT_TOML
        .replace("{{NAME}}", &toml_string(name))
        .replace("{{YEAR}}", &year.to_string())
        .replace("{{NEXT_YEAR}}", &(year + 1).to_string())
        .replace("{{LEVEL}}", level.key())
        .replace("{{DEADLINE}}", deadline)
}

/// `init_text`, with what carries over from last year's report.
pub fn prefilled(name: &str, year: i32, level: Level, last: Option<&Report>) -> String {
    let text = init_text(name, year, level);
    let Some(last) = last else {
        return text;
    };
    let join = |cells: &[u64]| {
        cells
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let forward = join(&last.requests.rows[T3_CARRIED_FORWARD].cells);
    let mut out = String::with_capacity(text.len() + 512);
    for line in text.lines() {
        let key = line.split('=').next().unwrap_or("").trim();
        let comment = line.find(" #").map(|i| &line[i..]).unwrap_or("");
        match key {
            "carried_over" => {
                out += &format!(
                    "carried_over = [{forward}]{comment}  （上年结转，取自{}年度报告的结转下年度）",
                    year - 1
                )
            }
            "regulations" => {
                out += &format!(
                    "regulations = {{ issued = 0, repealed = 0, in_force = {} }}  # 现行有效件数取自{}年度报告",
                    last.proactive.regulations.in_force,
                    year - 1
                )
            }
            "normative_documents" => {
                out += &format!(
                    "normative_documents = {{ issued = 0, repealed = 0, in_force = {} }}  # 现行有效件数取自{}年度报告",
                    last.proactive.normative_documents.in_force,
                    year - 1
                )
            }
            "previous_year" => {
                for (label, text) in [
                    ("上年度报告所列问题", &last.problems.current_year),
                    ("上年度报告的改进措施", &last.problems.measures),
                ] {
                    if !text.trim().is_empty() {
                        out += &format!("# {label}：\n");
                        for l in text.lines().filter(|l| !l.trim().is_empty()) {
                            out += &format!("#   {}\n", l.trim());
                        }
                    }
                }
                out += line;
            }
            _ => out += line,
        }
        out.push('\n');
    }
    out
}

/// Last year's problems as one prompt, for the page's hint.
pub fn previous_problems(last: &Report) -> String {
    [
        ("上年度报告所列问题", &last.problems.current_year),
        ("改进措施", &last.problems.measures),
    ]
    .iter()
    .filter(|(_, t)| !t.trim().is_empty())
    .map(|(l, t)| format!("{l}：{}", t.trim()))
    .collect::<Vec<_>>()
    .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carries_last_years_figures_into_a_clean_file() {
        let mut last = Report::default();
        last.requests.rows[T3_CARRIED_FORWARD].cells = [2, 1, 0, 0, 0, 3];
        last.proactive.normative_documents.in_force = 26;
        last.problems.current_year = "公开不及时。\n专栏更新慢。".into();
        let text = prefilled("某区司法局", 2025, Level::Department, Some(&last));
        let parsed = crate::input::parse(&text);
        assert!(!parsed.syntax_error, "{text}");
        let r = &parsed.report;
        assert_eq!(r.requests.rows[1].cells, [2, 1, 0, 0, 0, 3]);
        assert_eq!(r.proactive.normative_documents.in_force, 26);
        assert_eq!(r.agency.year, 2025);
        // The prompt is a comment, never printed text.
        assert!(r.problems.previous_year.is_empty());
        assert!(text.contains("#   专栏更新慢。"));
        // Without last year, exactly init's file.
        assert_eq!(
            prefilled("甲", 2025, Level::Government, None),
            init_text("甲", 2025, Level::Government)
        );
    }
}
