//! GR0011 `placeholder`: its documentation and its check over the model.

use super::{Applies, Ctx, Rule};
use crate::model::diagnostic::{Diagnostic, Severity};

pub const RULE: Rule = Rule {
    code: "GR0011",
    name: "placeholder",
    severity: Severity::Warning,
    title: "正文中留有占位文字",
    doc: r#"
## 检查什么
正文中出现 `XX`、`××`、`某某`、`（此处填写）`、`TODO`、`待填写` 等占位文字，或整段只有 `…`。

## 为什么
照模板填写时漏改的占位文字会原样发布，是年报评估中常见的“不准确”问题。

## 错误示例
```toml
[overview]
proactive = "全年主动公开政府信息XX条。"
```

## 修正后
```toml
[overview]
proactive = "全年主动公开政府信息235条。"
```
"#,
    check: Some(check),
    audit: None,
    applies: Applies::Both,
    reads_prose: false,
    on_published: None,
};

const PATTERNS: &[&str] = &[
    "XX",
    "ＸＸ",
    "××",
    "某某",
    "（此处填写）",
    "(此处填写)",
    "此处填写",
    "TODO",
    "待填写",
    "待补充",
];
const WHOLE: &[&str] = &["…", "……", "...", "......", "略", "无内容"];

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    for (path, part, text) in cx.report.narrative() {
        let value = cx.spans.value(&path);
        let trimmed = text.trim();
        if !trimmed.is_empty() && WHOLE.contains(&trimmed) {
            out.push(
                Diagnostic::new(&RULE, format!("“{part}”只写了“{trimmed}”"))
                    .at(value)
                    .help("请写出实际内容"),
            );
            continue;
        }
        if let Some(p) = PATTERNS.iter().find(|p| text.contains(**p)) {
            // Point at the placeholder itself when it stands verbatim in the file.
            let span = value.map(|v| {
                cx.source
                    .get(v.clone())
                    .and_then(|s| s.find(*p))
                    .map(|i| v.start + i..v.start + i + p.len())
                    .unwrap_or(v)
            });
            out.push(
                Diagnostic::new(&RULE, format!("“{part}”中留有占位文字“{p}”"))
                    .at(span)
                    .help("把占位文字换成实际内容后再发布"),
            );
        }
    }
}
