//! GR0801 `narrative-figure`: its documentation and its check over the model.

use super::narrative::{Quantity, statements};
use super::{Applies, Ctx, Rule};
use crate::model::diagnostic::{Diagnostic, Severity};
use crate::model::*;

pub const RULE: Rule = Rule {
    code: "GR0801",
    name: "narrative-figure",
    severity: Severity::Warning,
    title: "正文中的数字与表格不一致",
    doc: r#"
## 检查什么
正文中明确陈述的数字——新收申请、上年结转、办结（答复）、结转下年度、行政复议、行政诉讼的件数——与表三、表四的合计不一致。只读取意思明确的说法（如“受理政府信息公开申请17件”“行政复议3件”），“20余件”、其他年度、同比增减等一概不读。汉字数字（二十一件）同样识别。读不全的表格不比较；已发布的报告在表三中途中断时，中断前读全的“本年新收”“上年结转”两行仍与正文比较。

## 为什么
国办公开办函〔2021〕30号把“不准确”列为年报的主要问题；评估中最常见的就是正文和表格说法不一。

## 错误示例
```toml
[overview]
on_request = "全年受理政府信息公开申请17件，均已按期答复。"

[requests]
received = [95, 0, 0, 0, 0, 0]
```

## 修正后
```toml
[overview]
on_request = "全年受理政府信息公开申请95件，均已按期答复。"

[requests]
received = [95, 0, 0, 0, 0, 0]
```
"#,
    check: Some(check),
    audit: None,
    applies: Applies::Both,
    reads_prose: true,
    on_published: None,
};

/// The table's figure for a quantity, with the cell to name; `None` for a
/// quantity no table holds (the 主动公开 total).
pub fn table_value(r: &Report, q: Quantity) -> Option<(u64, u8, &'static str, &'static str)> {
    let rows = &r.requests.rows;
    let rev = &r.reviews.rows;
    Some(match q {
        Quantity::Received => (
            rows[T3_RECEIVED].sum(),
            3,
            T3_ROWS[T3_RECEIVED].label,
            "总计",
        ),
        Quantity::CarriedOver => (
            rows[T3_CARRIED_OVER].sum(),
            3,
            T3_ROWS[T3_CARRIED_OVER].label,
            "总计",
        ),
        Quantity::CarriedForward => (
            rows[T3_CARRIED_FORWARD].sum(),
            3,
            T3_ROWS[T3_CARRIED_FORWARD].label,
            "总计",
        ),
        Quantity::Answered => (
            crate::model::report::saturating_sum(rows[T3_OUTCOMES].iter().map(|r| r.sum())),
            3,
            T3_OUTCOME_TOTAL_LABEL,
            "总计",
        ),
        Quantity::Reconsideration => (rev[0].sum(), 4, "行政复议", "总计"),
        Quantity::Litigation => (
            rev[1].sum().saturating_add(rev[2].sum()),
            4,
            "行政诉讼",
            "总计",
        ),
        Quantity::ProactiveTotal => return None,
    })
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    // Each statement against its table: a table cut off or unreadable is not
    // compared, except its rows read whole before a cut (新收, 上年结转).
    let readable = |q: Quantity| {
        let whole =
            |i: usize| !cx.broken.contains("requests") || cx.read_whole.contains(T3_ROWS[i].path);
        match q {
            Quantity::Received => whole(T3_RECEIVED),
            Quantity::CarriedOver => whole(T3_CARRIED_OVER),
            Quantity::Answered | Quantity::CarriedForward => !cx.broken.contains("requests"),
            Quantity::Reconsideration | Quantity::Litigation => !cx.broken.contains("reviews"),
            Quantity::ProactiveTotal => false,
        }
    };
    let r = cx.report;
    for (path, part, text) in r.narrative() {
        for st in statements(text, r.agency.year) {
            if !readable(st.quantity) {
                continue;
            }
            let Some((value, table, row, col)) = table_value(r, st.quantity) else {
                continue;
            };
            if st.value != value {
                let quote = super::quote_around(text, &st.number);
                out.push(
                    Diagnostic::disagree(
                        &RULE,
                        format!(
                            "“{part}”中说“{quote}”，但表{}中{}为 {value}",
                            if table == 3 { "三" } else { "四" },
                            st.quantity.zh()
                        ),
                        Some(super::locate(cx, &path, text, &st.number)),
                        (table, row, col),
                        value,
                        st.value,
                    )
                    .help("核对正文和表格，改正其中错误的一处"),
                );
            }
        }
    }
}
