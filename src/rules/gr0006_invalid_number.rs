//! GR0006 `invalid-number`: its documentation; raised where the problem is found.

use super::{Applies, Rule};
use crate::model::diagnostic::Severity;

pub const RULE: Rule = Rule {
    code: "GR0006",
    name: "invalid-number",
    severity: Severity::Error,
    title: "数字无效（负数、小数件数或超出范围）",
    doc: r#"
## 检查什么
件数必须是不小于 0 的整数，且不超过 10 亿；金额不能为负数。

## 为什么
件数不可能是负数或小数；过大的数字几乎总是多输了几位。

## 错误示例
```toml
[requests]
received = [1.5, 0, 0, 0, 0, -1]
```

## 修正后
```toml
[requests]
received = [2, 0, 0, 0, 0, 0]
```
"#,
    check: None,
    audit: None,
    applies: Applies::AgencyFile,
    reads_prose: false,
    on_published: None,
};
