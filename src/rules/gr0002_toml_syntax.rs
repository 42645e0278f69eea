//! GR0002 `toml-syntax`: its documentation; raised where the problem is found.

use super::{Applies, Rule};
use crate::model::diagnostic::Severity;

pub const RULE: Rule = Rule {
    code: "GR0002",
    name: "toml-syntax",
    severity: Severity::Error,
    title: "TOML 格式错误",
    doc: r#"
## 检查什么
文件必须是有效的 TOML：每行 `键 = 值`，文字用英文双引号括起，数组用英文方括号和逗号，同一个键不能写两次。

## 为什么
格式错误时程序无法读出任何数字，只能先指出出错的行和列。

## 错误示例
```toml
[agency]
name = 重庆市綦江区司法局
received = [0，1，0，0，0，0]
```

## 修正后
```toml
[agency]
name = "重庆市綦江区司法局"
received = [0, 1, 0, 0, 0, 0]
```
"#,
    check: None,
    audit: None,
    applies: Applies::AgencyFile,
    reads_prose: false,
    on_published: None,
};
