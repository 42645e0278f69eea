//! GR0902 `in-force-continuity`: its documentation and its check over the model.

use super::{Applies, Ctx, Rule};
use crate::model::diagnostic::{Diagnostic, Severity};

pub const RULE: Rule = Rule {
    code: "GR0902",
    name: "in-force-continuity",
    severity: Severity::Warning,
    title: "现行有效件数与上年度不衔接",
    doc: r#"
## 检查什么
有上年度文件时，规章、行政规范性文件的现行有效件数应等于：上年度现行有效件数 + 本年制发件数 − 本年废止件数。

## 为什么
现行有效件数是逐年累计的；不衔接说明某年的制发、废止或现行有效数字有误（文件到期自然失效的，宜在表前说明）。

## 错误示例
```toml
# 上年度：normative_documents = { issued = 3, repealed = 0, in_force = 20 }
[proactive]
normative_documents = { issued = 2, repealed = 1, in_force = 25 }
```

## 修正后
```toml
# 上年度：normative_documents = { issued = 3, repealed = 0, in_force = 20 }
[proactive]
normative_documents = { issued = 2, repealed = 1, in_force = 21 }
```
"#,
    check: Some(check),
    audit: None,
    applies: Applies::Both,
    reads_prose: false,
    on_published: None,
};

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(prev) = &cx.previous else { return };
    if cx.broken.contains("proactive") {
        return;
    }
    let now = &cx.report.proactive;
    let before = &prev.report.proactive;
    for (key, label, d, p) in [
        ("regulations", "规章", &now.regulations, &before.regulations),
        (
            "normative_documents",
            "行政规范性文件",
            &now.normative_documents,
            &before.normative_documents,
        ),
    ] {
        let expected = p.in_force.saturating_add(d.issued).checked_sub(d.repealed);
        if expected.is_some_and(|e| e != d.in_force) {
            let e = expected.unwrap_or(0);
            let mut diag = Diagnostic::disagree(&RULE,
                format!(
                    "{label}现行有效 {} 件，按上年度 {} 件 + 本年制发 {} 件 − 本年废止 {} 件应为 {e} 件",
                    d.in_force, p.in_force, d.issued, d.repealed
                ), Some(cx.spans.best(&format!("proactive.{key}.in_force"))), (2, label, "现行有效件数"), e, d.in_force)
            .help("核对本年和上年度的制发、废止、现行有效件数；如有文件到期失效，在表前说明中写明");
            diag.note = Some(format!("对照的上年度文件：{}", prev.name));
            out.push(diag);
        }
    }
}
