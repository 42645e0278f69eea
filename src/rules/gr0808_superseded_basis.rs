//! GR0808 `superseded-basis`: its documentation and its check over the model.

use super::{Applies, Ctx, Rule};
use crate::model::diagnostic::{Diagnostic, Severity};

pub const RULE: Rule = Rule {
    code: "GR0808",
    name: "superseded-basis",
    severity: Severity::Warning,
    title: "开头段落以已被取代的通知为编制依据",
    doc: r#"
## 检查什么
2022 年度及以后的报告，开头段落把已被取代的通知当作编制依据：《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）或国办函〔2018〕12号，而没有引用现行的年度报告格式通知（国办公开办函〔2021〕30号）。同时引用了〔2021〕30号的不报。

## 为什么
自 2021 年度报告起，年度报告按国办公开办函〔2021〕30号印发的格式编写；〔2019〕60号规定的是旧格式。开头仍写旧通知，往往是沿用 2019、2020 年报告模板的痕迹，表格和部分名称也常随之用旧格式。

## 错误示例
```toml
[agency]
year = 2024

[preface]
text = "根据《中华人民共和国政府信息公开条例》和国办公开办函〔2019〕60号的要求，编制本报告。"
```

## 修正后
```toml
[agency]
year = 2024

[preface]
text = "根据《中华人民共和国政府信息公开条例》和国办公开办函〔2021〕30号的要求，编制本报告。"
```
"#,
    check: Some(check),
    audit: None,
    applies: Applies::Both,
    reads_prose: true,
    on_published: None,
};

/// The superseded notices, by the words that cite them (brackets folded:
/// pages write `〔2019〕`, `[2019]`, `(2019)`).
const SUPERSEDED: [(&str, &str); 2] = [
    ("国办公开办函201960号", "国办公开办函〔2019〕60号"),
    ("国办函201812号", "国办函〔2018〕12号"),
];
const CURRENT: &str = "国办公开办函202130号";

/// The text with white space and the brackets of document numbers removed.
fn folded(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !"〔〕[]［］()（）【】".contains(*c))
        .collect()
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let year = cx.report.agency.year;
    if year < 2022 {
        return;
    }
    // The basis is stated at the start: the preface, or the first part's
    // opening when a report has no preface of its own.
    let r = cx.report;
    let (path, text) = if r.preface.trim().is_empty() {
        ("overview.summary", r.overview.summary.as_str())
    } else {
        ("preface.text", r.preface.as_str())
    };
    let f = folded(text);
    if f.contains(CURRENT) {
        return;
    }
    for (key, cited) in SUPERSEDED {
        if !f.contains(key) {
            continue;
        }
        // Where it stands: the number's year, as written.
        let tail = &key[key.find("20").unwrap_or(0)..];
        let at = text
            .match_indices(&tail[..4])
            .map(|(i, _)| i..i + 4)
            .find(|r| folded(&text[r.start..]).starts_with(tail))
            .unwrap_or(0..0);
        out.push(
            Diagnostic::new(
                &RULE,
                format!("{year} 年度报告以已被取代的{cited}为编制依据"),
            )
            .at(Some(super::locate(cx, path, text, &at)))
            .help("年度报告格式自 2021 年度起依国办公开办函〔2021〕30号；开头段落应引用该通知，并核对表格和各部分名称是否仍是旧格式"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_found_in_any_brackets() {
        assert!(folded("（国办公开办函〔2019〕60号）").contains(SUPERSEDED[0].0));
        assert!(folded("国办公开办函[2019]60号").contains(SUPERSEDED[0].0));
        assert!(folded("国办函 〔2018〕 12 号").contains(SUPERSEDED[1].0));
        assert!(folded("国办公开办函〔2021〕30号").contains(CURRENT));
    }
}
