//! GR0000 `internal-error`: its documentation; raised by the batch runner
//! when the program fails on one file, so the other files go on.

use super::{Applies, Rule};
use crate::model::diagnostic::Severity;

pub const RULE: Rule = Rule {
    code: "GR0000",
    name: "internal-error",
    severity: Severity::Error,
    title: "内部错误：程序处理这个文件时出错",
    doc: r#"
## 检查什么
这不是文件的问题，而是 govreport 自身的缺陷：处理某个文件时程序内部出错。这个文件没有得到检查结果；
同一批中的其他文件照常处理，命令的退出码为 2。

## 为什么
一份损坏或特殊的文件不应让整批几百份报告都没有结果。出错的文件单独列出，便于报告问题、先处理其他文件。

## 错误示例
```text
错误[GR0000]: 内部错误：处理此文件时程序出错（index out of bounds）
```

## 修正后
请把出错信息和这个文件（或能重现问题的一部分内容）报告给 govreport 的维护者；修复之前，可以先检查、生成其他文件。
"#,
    check: None,
    audit: None,
    applies: Applies::Both,
    reads_prose: false,
    on_published: None,
};
