//! GR0007 `schema-version`: its documentation; raised where the problem is found.

use super::{Applies, Rule};
use crate::model::diagnostic::Severity;

pub const RULE: Rule = Rule {
    code: "GR0007",
    name: "schema-version",
    severity: Severity::Error,
    title: "缺少或不支持的 schema 版本",
    doc: r#"
## 检查什么
文件第一行应为 `schema = 1`，表明按哪一版格式填写。

## 为什么
输入格式今后如有调整，版本号让程序能准确提示需要改名的键，而不是误读旧文件。

## 错误示例
```toml
[agency]
name = "重庆市綦江区司法局"
```

## 修正后
```toml
schema = 1

[agency]
name = "重庆市綦江区司法局"
```
"#,
    check: None,
    audit: None,
    applies: Applies::AgencyFile,
    reads_prose: false,
    on_published: None,
};
