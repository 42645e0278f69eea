//! GR1001 `section-missing`: its documentation and its check over a published report as read.

use super::{Applies, Rule};
use crate::model::diagnostic::Diagnostic;
use crate::model::diagnostic::Severity;
use crate::model::published::*;

pub const RULE: Rule = Rule {
    code: "GR1001",
    name: "section-missing",
    severity: Severity::Error,
    title: "缺少规定的部分或顺序不对",
    doc: r#"
## 检查什么
（审核已发布的报告：govreport audit）年度报告须有六个部分：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项，并按此顺序排列。

## 为什么
国办公开办函〔2021〕30号规定了年报的内容和格式，要求“不能遗漏”。

## 错误示例
报告中没有“六、其他需要报告的事项”。

## 修正后
补上“六、其他需要报告的事项”，说明信息处理费收取情况等。
"#,
    check: None,
    audit: Some(audit),
    applies: Applies::Published,
    reads_prose: false,
    on_published: None,
};

/// Every assessed part present, the parts in order.
fn audit(p: &Published, out: &mut Vec<Diagnostic>) {
    let mut last = None;
    for (i, (canon, _)) in SECTIONS.iter().enumerate() {
        match p.heading(i) {
            // Past the cut of an incomplete text: not assessed.
            None if !p.assessed(i) => {}
            None => {
                // Where it belongs: at the next part's heading.
                let at = p
                    .headings
                    .iter()
                    .filter(|h| h.section > i)
                    .map(|h| h.range.start)
                    .min()
                    .unwrap_or(p.end);
                out.push(
                    Diagnostic::new(&RULE, format!("缺少第{}部分“{canon}”", NUMERALS[i]))
                        .at(Some(at..at))
                        .help("年度报告须包括规定的六个部分，不能遗漏"),
                );
            }
            Some(h) => {
                if last.is_some_and(|l| h.range.start < l) {
                    out.push(
                        Diagnostic::new(
                            &RULE,
                            format!("第{}部分“{}”的位置不对", NUMERALS[i], h.text),
                        )
                        .at(Some(h.range.clone()))
                        .help("六个部分应按一、二、三、四、五、六的顺序排列"),
                    );
                }
                last = Some(h.range.start);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(section: usize, at: usize) -> Heading {
        Heading {
            section,
            range: at..at + 6,
            text: SECTIONS[section].0.into(),
        }
    }

    #[test]
    fn parts_past_the_cut_are_not_missing() {
        let mut p = Published {
            end: 1000,
            headings: vec![heading(0, 10), heading(1, 100)],
            ..Default::default()
        };
        let mut out = Vec::new();
        audit(&p, &mut out);
        assert_eq!(out.len(), 4, "三 to 六 missing in a complete text");
        p.cut = Some(Cut {
            at: 1000,
            tail: "本年度".into(),
            tail_span: 991..1000,
            last_part: Some(1),
        });
        out.clear();
        audit(&p, &mut out);
        assert!(out.is_empty(), "{out:?}");
    }

    #[test]
    fn parts_out_of_order() {
        let p = Published {
            end: 1000,
            headings: vec![
                heading(0, 10),
                heading(2, 100),
                heading(1, 200),
                heading(3, 300),
                heading(4, 400),
                heading(5, 500),
            ],
            ..Default::default()
        };
        let mut out = Vec::new();
        audit(&p, &mut out);
        assert_eq!(out.len(), 1);
        // Read in the format's order, 三 stands before 二, which came first.
        assert!(out[0].message.contains("第三部分"), "{}", out[0].message);
    }
}
