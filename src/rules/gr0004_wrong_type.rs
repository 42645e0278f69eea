//! GR0004 `wrong-type`: its documentation; raised where the problem is found.

use super::{Applies, Rule};
use crate::model::diagnostic::Severity;

pub const RULE: Rule = Rule {
    code: "GR0004",
    name: "wrong-type",
    severity: Severity::Error,
    title: "值的类型不对",
    doc: r#"
## 检查什么
数字处要写数字（不加引号），文字处要写带引号的文字，表格的一行要写成方括号数组，日期写成 `2025-01-20`。

## 为什么
类型不对的值无法放入报告的表格，程序不会猜测其含义。

## 错误示例
```toml
[proactive]
licensing = "90"
```

## 修正后
```toml
[proactive]
licensing = 90
```
"#,
    check: None,
    audit: None,
    applies: Applies::AgencyFile,
    reads_prose: false,
    on_published: None,
};
