//! GR0201 `documents-in-force`: its documentation and its check over the model.

use super::{Applies, Ctx, Rule};
use crate::model::Documents;
use crate::model::diagnostic::{Diagnostic, Severity};

pub const RULE: Rule = Rule {
    code: "GR0201",
    name: "documents-in-force",
    severity: Severity::Warning,
    title: "本年制发减本年废止多于现行有效件数",
    doc: r#"
## 检查什么
表二中规章、行政规范性文件各自的 本年制发件数 − 本年废止件数 不应大于 现行有效件数。

## 为什么
本年制发而未废止的文件，年末应仍在现行有效之列；除非有文件到期自然失效，否则说明三个数字中有一个填错了。

## 错误示例
```toml
[proactive]
normative_documents = { issued = 8, repealed = 1, in_force = 5 }
```

## 修正后
```toml
[proactive]
normative_documents = { issued = 8, repealed = 1, in_force = 26 }
```
"#,
    check: Some(check),
    audit: None,
    applies: Applies::Both,
    reads_prose: false,
    on_published: None,
};

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    if cx.broken.contains("proactive") {
        return;
    }
    let p = &cx.report.proactive;
    for (key, label, d) in [
        ("regulations", "规章", &p.regulations),
        (
            "normative_documents",
            "行政规范性文件",
            &p.normative_documents,
        ),
    ] {
        let Documents {
            issued,
            repealed,
            in_force,
        } = *d;
        if issued > repealed + in_force {
            let path = format!("proactive.{key}.in_force");
            out.push(
                Diagnostic::disagree(&RULE,
                    format!("{label}：本年制发 {issued} 件减本年废止 {repealed} 件，多于现行有效 {in_force} 件"), Some(cx.spans.best(&path)), (2, label, "现行有效件数"), format!("≥{}", issued - repealed), in_force)
                .help("核对三个数字；如确有文件到期失效，可在表前说明中写明"),
            );
        }
    }
}
