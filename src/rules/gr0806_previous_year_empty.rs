//! GR0806 `previous-year-empty`: its documentation and its check over the model.

use super::{Applies, Ctx, Rule};
use crate::model::diagnostic::{Diagnostic, Severity};

pub const RULE: Rule = Rule {
    code: "GR0806",
    name: "previous-year-empty",
    severity: Severity::Warning,
    title: "没有写上年度问题的改进情况",
    doc: r#"
## 检查什么
“五、存在的主要问题及改进情况”中，`previous_year`（上年度报告所列问题的改进情况）没有填写。

## 为什么
国办公开办函〔2021〕30号的格式要求第五部分既写本年问题和改进措施，也写上年度问题的整改情况；评估中常因缺少这部分扣分。

## 错误示例
```toml
[problems]
current_year = "政策解读形式较为单一。"
measures = "丰富图解、视频等解读形式。"
```

## 修正后
```toml
[problems]
previous_year = "上年度指出的栏目更新不及时问题，已建立周巡查制度完成整改。"
current_year = "政策解读形式较为单一。"
measures = "丰富图解、视频等解读形式。"
```
"#,
    check: Some(check),
    audit: None,
    applies: Applies::AgencyFile,
    reads_prose: true,
    on_published: None,
};

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    if cx.spans.key("problems").is_none() {
        return; // the whole section is missing: GR0008 says so
    }
    if cx.report.problems.previous_year.trim().is_empty() {
        out.push(
            Diagnostic::new(&RULE, "没有写上年度报告所列问题的改进情况")
                .at(Some(cx.spans.key_or_best("problems.previous_year")))
                .help("在 [problems] 下填写 previous_year = \"……\"，说明上年度问题的整改情况"),
        );
    }
}
