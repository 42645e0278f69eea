//! GR0802 `narrative-conflict`: its documentation and its check over the model.

use std::collections::BTreeMap;

use super::narrative::statements;
use super::{Applies, Ctx, Rule};
use crate::model::diagnostic::{Diagnostic, Severity};

pub const RULE: Rule = Rule {
    code: "GR0802",
    name: "narrative-conflict",
    severity: Severity::Warning,
    title: "正文对同一数字前后说法不一",
    doc: r#"
## 检查什么
正文两处说到同一个数（如本年受理的申请件数、行政复议件数、全年主动公开政府信息的总条数），数字却不同，例如“（一）主动公开”说“主动公开政府信息20条”，“（四）政府信息公开平台建设”又说“主动公开政府信息16条”。只读取意思明确的说法：某个渠道（网站、政务微博、微信公众号、公开栏、新闻发布会等）、某类信息（如财政预决算）、某个月份的条数，“其中”所列的部分，“20余条”“约”“近”，以及其他年度的数字，都不算全年总数，不作比较。

## 为什么
同一报告前后矛盾，读者无从判断哪个数字正确，属于“不准确”。

## 错误示例
```toml
[overview]
on_request = "全年受理政府信息公开申请12件。"
oversight = "全年受理政府信息公开申请15件，均按时答复。"
```

## 修正后
```toml
[overview]
on_request = "全年受理政府信息公开申请12件。"
oversight = "全年受理的政府信息公开申请均按时答复。"
```
"#,
    check: Some(check),
    audit: None,
    applies: Applies::Both,
    reads_prose: true,
    on_published: None,
};

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let r = cx.report;
    let mut first = BTreeMap::new();
    for (path, part, text) in r.narrative() {
        for st in statements(text, r.agency.year) {
            let quote = super::quote_around(text, &st.number);
            match first.get(&st.quantity) {
                None => {
                    first.insert(st.quantity, (st.value, part, quote));
                }
                Some((v, p, q)) if *v != st.value => {
                    out.push(
                        Diagnostic::new(&RULE, format!("“{part}”中说“{quote}”，而“{p}”中说“{q}”"))
                            .at(Some(super::locate(cx, &path, text, &st.number)))
                            .numbers(v, st.value)
                            .help(format!("{}前后应一致", st.quantity.zh())),
                    );
                }
                Some(_) => {}
            }
        }
    }
}
