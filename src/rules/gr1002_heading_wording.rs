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
开头段落说报告由几部分组成时，所说的部分数应与列出的部分一致（说“六部分”却只列出五个）。

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

/// Headings worded as the format; a preface's count of parts matching its list.
fn audit(p: &Published, out: &mut Vec<Diagnostic>) {
    for (i, (canon, _)) in SECTIONS.iter().enumerate() {
        let Some(h) = p.heading(i) else { continue };
        let written = norm(&h.text);
        // A heading the cut runs through is cut, not reworded
        // (`四、政府信息公开行政复议、行` at the end of an excerpt).
        let cut_through = p.cut.as_ref().is_some_and(|c| c.at <= h.range.end + 1)
            && canon.starts_with(written.as_str());
        if written != *canon && !cut_through {
            let mut d = Diagnostic::new(
                &RULE,
                format!("标题“{}”与规定的“{canon}”不同", h.text.trim()),
            )
            .at(Some(h.range.clone()))
            .help(format!("改为“{canon}”"));
            d.expected = Some((*canon).into());
            d.found = Some(h.text.trim().into());
            out.push(d);
        }
    }
    if let Some(c) = &p.preface_count {
        out.push(
            Diagnostic::new(
                &RULE,
                format!("开头段落说报告共{}，但列出的是 {} 个部分", c.said, c.listed),
            )
            .at(Some(c.span.clone()))
            .help("核对开头段落：六个部分依次为总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项"),
        );
    }
}
