//! GR1002 `heading-wording`: its documentation and its check over a published report as read.

use super::{Applies, Rule};
use crate::model::diagnostic::Diagnostic;
use crate::model::diagnostic::Severity;
use crate::model::published::*;

pub const RULE: Rule = Rule {
    code: "GR1002",
    name: "heading-wording",
    severity: Severity::Warning,
    title: "部分标题的文字与规定不同",
    doc: r#"
## 检查什么
（审核已发布的报告：govreport audit）六个部分的标题应与格式一致，如“五、存在的主要问题及改进情况”；编号应为一、二、三……
开头段落说报告由几部分组成时，所说的部分数应与列出的部分一致（说“六部分”却只列出五个）。开头段落列出的部分名称与格式不同（“存在的主要问题及改进措施”“其他报告的事项”）也提示。旧格式的部分名称（如“因政府信息公开申请行政复议、提起行政诉讼的情况”“存在的主要问题及改进措施”）单独指出；同一部分的标题出现两次也报告（多数部分都出现两次的，是目录，不报）。

## 为什么
统一的标题便于公众查阅和上级汇总评估；改动的标题常是套用旧模板的痕迹。

## 错误示例
“1、 总体情况”“五、当前存在的主要问题及下步改进措施”

## 修正后
“一、总体情况”“五、存在的主要问题及改进情况”
"#,
    check: None,
    audit: Some(audit),
    applies: Applies::Published,
    reads_prose: false,
    on_published: None,
};

/// Part names of the format before 2019 (the 2008 format's), as headings
/// of reports that kept an old template.
const OLD_NAMES: [&str; 4] = [
    "因政府信息公开申请行政复议、提起行政诉讼的情况",
    "因政府信息公开申请提起行政复议、行政诉讼的情况",
    "存在的主要问题及改进措施",
    "政府信息公开的收费及减免情况",
];

/// Without the punctuation a page may drop or widen.
fn fold_marks(s: &str) -> String {
    norm(s)
        .chars()
        .filter(|c| !matches!(c, '、' | '，' | '。' | '：' | ' '))
        .collect()
}

/// Headings worded as the format; a part written twice; a preface's count
/// of parts matching its list.
fn audit(p: &Published, out: &mut Vec<Diagnostic>) {
    for (i, (canon, _)) in SECTIONS.iter().enumerate() {
        let Some(h) = p.heading(i) else { continue };
        let written = norm(&h.text);
        // A heading the cut runs through is cut, not reworded
        // (`四、政府信息公开行政复议、行` at the end of an excerpt).
        let cut_through = p.cut.as_ref().is_some_and(|c| c.at <= h.range.end + 1)
            && canon.starts_with(written.as_str());
        if written != *canon && !cut_through {
            // A part name of the format before 2019, kept from an old template.
            let words = written
                .get(NUMERALS[i].len() + '、'.len_utf8()..)
                .unwrap_or("");
            let message = if OLD_NAMES.iter().any(|o| fold_marks(words) == fold_marks(o)) {
                format!(
                    "标题“{}”是旧格式的部分名称，现行格式为“{canon}”",
                    h.text.trim()
                )
            } else {
                format!("标题“{}”与规定的“{canon}”不同", h.text.trim())
            };
            let mut d = Diagnostic::new(&RULE, message)
                .at(Some(h.range.clone()))
                .help(format!("改为“{canon}”"));
            d.expected = Some((*canon).into());
            d.found = Some(h.text.trim().into());
            out.push(d);
        }
    }
    // A part written twice; many parts twice is a table of contents.
    if p.repeated.len() <= 2 {
        for h in &p.repeated {
            let first = p.heading(h.section).map_or("", |f| f.text.trim());
            out.push(
                Diagnostic::new(
                    &RULE,
                    format!(
                        "第{}部分的标题“{}”出现了两次（前面已有“{first}”）",
                        NUMERALS[h.section],
                        h.text.trim()
                    ),
                )
                .at(Some(h.range.clone()))
                .help("每个部分只写一个标题；核对是否重复粘贴了内容"),
            );
        }
    }
    for n in &p.preface_names {
        let mut d = Diagnostic::new(
            &RULE,
            format!("开头段落列出的部分“{}”与规定的“{}”不同", n.found, n.canon),
        )
        .at(Some(n.span.clone()))
        .help(format!("改为“{}”", n.canon));
        d.expected = Some(n.canon.into());
        d.found = Some(n.found.clone());
        out.push(d);
    }
    if let Some(c) = &p.preface_count {
        let message = if c.extra.is_empty() {
            format!("开头段落说报告共{}，但列出的是 {} 个部分", c.said, c.listed)
        } else {
            format!(
                "开头段落说报告共{}，其中“{}”不是规定的六个部分之一",
                c.said,
                c.extra.join("”“")
            )
        };
        out.push(
            Diagnostic::new(&RULE, message)
            .at(Some(c.span.clone()))
            .help("核对开头段落：六个部分依次为总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项"),
        );
    }
}
