//! GR0010 `level-value`: its documentation; raised where the problem is found.

use super::{Applies, Rule};
use crate::model::diagnostic::Severity;

pub const RULE: Rule = Rule {
    code: "GR0010",
    name: "level-value",
    severity: Severity::Error,
    title: "level 取值无效",
    doc: r#"
## 检查什么
`[agency]` 的 `level` 只能是 `"department"`（政府部门）或 `"government"`（人民政府本级）。

## 为什么
《政府信息公开条例》第四十九、五十条对两者规定了不同的发布期限：部门在次年 1 月 31 日前，人民政府在次年 3 月 31 日前；人民政府的报告还须包括工作考核、社会评议和责任追究结果情况。

## 错误示例
```toml
[agency]
level = "bureau"
```

## 修正后
```toml
[agency]
level = "department"
```
"#,
    check: None,
    audit: None,
    applies: Applies::AgencyFile,
    reads_prose: false,
    on_published: None,
};
