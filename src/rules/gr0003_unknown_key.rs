//! GR0003 `unknown-key`: its documentation; raised where the problem is found.

use super::{Applies, Rule};
use crate::model::diagnostic::Severity;

pub const RULE: Rule = Rule {
    code: "GR0003",
    name: "unknown-key",
    severity: Severity::Error,
    title: "未知的键",
    doc: r#"
## 检查什么
每个表（节）只允许规定的键。拼错的键、放错节的键都会报出，并给出最接近的正确写法。

## 为什么
拼错的键会被悄悄忽略，对应的数字在报告中变成 0，这是最难发现的错误。

## 错误示例
```toml
[proactive]
licencing = 90
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
