//! GR0001 `not-utf8`: its documentation; raised where the problem is found.

use super::{Applies, Rule};
use crate::model::diagnostic::Severity;

pub const RULE: Rule = Rule {
    code: "GR0001",
    name: "not-utf8",
    severity: Severity::Error,
    title: "文件不是 UTF-8 编码",
    doc: r#"
## 检查什么
agency.toml 必须以 UTF-8 编码保存。文件开头的 UTF-8 BOM 和 Windows 换行（CRLF）都可以。

## 为什么
旧版“记事本”等编辑器默认以 GBK（ANSI）保存中文，程序无法可靠地区分编码，汉字会变成乱码，报告中的机关名称和正文随之出错。

## 错误示例
用记事本“另存为”时编码选择了“ANSI”，文件中的“綦江区”以 GBK 字节保存。

## 修正后
用记事本打开文件，选择“文件 → 另存为”，在“编码”中选择“UTF-8”后保存；WPS 或 VS Code 中同样选择 UTF-8 编码保存。
"#,
    check: None,
    audit: None,
    applies: Applies::AgencyFile,
    reads_prose: false,
    on_published: None,
};
