//! GR0804 `foreign-year`: its documentation and its check over the model.

use super::narrative::{sentences, years};
use super::{Applies, Ctx, Rule};
use crate::model::diagnostic::{Diagnostic, Severity};

pub const RULE: Rule = Rule {
    code: "GR0804",
    name: "foreign-year",
    severity: Severity::Warning,
    title: "正文中的年份不属于本报告",
    doc: r#"
## 检查什么
（统计期限的年份由 GR0807 检查。）
- “本年度存在的主要问题”中出现本年之前的年份（沿用去年文字的痕迹）；
- “上年度问题改进情况”把本报告年度当作问题发生的年份（如 2024 年度报告写“2024年存在……问题”）。

## 为什么
年份写错是沿用上年报告时的常见疏漏，会使整段内容失实。

## 错误示例
```toml
[agency]
year = 2024

[problems]
current_year = "2023年，政策解读形式较为单一。"
```

## 修正后
```toml
[agency]
year = 2024

[problems]
current_year = "2024年，政策解读形式较为单一。"
```
"#,
    check: Some(check),
    audit: None,
    applies: Applies::Both,
    reads_prose: true,
    on_published: None,
};

/// Words before a year that make it a comparison or a reference, not a claim.
const REFERENCE: [&str; 8] = ["较", "比", "与", "相比", "自", "从", "截至", "对比"];

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let r = cx.report;
    let year = r.agency.year;
    if year == 0 {
        return;
    }
    for (path, part, text) in r.narrative() {
        let field = path.as_str();
        if field == "problems.current_year" {
            for (y, range) in years(text) {
                let before: String = text[..range.start]
                    .chars()
                    .rev()
                    .take(3)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                if y < year && !REFERENCE.iter().any(|w| before.contains(w)) {
                    out.push(
                        Diagnostic::new(
                            &RULE,
                            format!("“本年度存在的主要问题”中出现了 {y} 年，本报告是 {year} 年度"),
                        )
                        .at(Some(super::locate(cx, &path, text, &range)))
                        .help("核对是否沿用了往年的文字；本年度的问题应写本年的情况"),
                    );
                }
            }
        }
        if field == "problems.previous_year" {
            let own = format!("{year}年");
            for s in sentences(text) {
                for clause in text[s.clone()].split(['，', ',']) {
                    let compact: String = clause.chars().filter(|c| *c != ' ').collect();
                    if compact.contains(&own)
                        && compact.contains("存在")
                        && !compact.contains("整改")
                    {
                        let at = text[s.clone()]
                            .find(clause)
                            .map(|i| s.start + i..s.start + i + clause.len())
                            .unwrap_or(s.clone());
                        out.push(
                            Diagnostic::new(
                                &RULE,
                                format!(
                                    "“{part}”应说上年度（{}年）的问题，这里说的是 {year} 年",
                                    year - 1
                                ),
                            )
                            .at(Some(super::locate(cx, &path, text, &at)))
                            .help(format!(
                                "上年度报告所列问题是 {} 年的；本年的问题写在 current_year",
                                year - 1
                            )),
                        );
                        break;
                    }
                }
            }
        }
    }
}
