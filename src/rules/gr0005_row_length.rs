//! GR0005 `row-length`: its documentation; raised where the problem is found.

use super::{Applies, Rule};
use crate::model::diagnostic::Severity;

pub const RULE: Rule = Rule {
    code: "GR0005",
    name: "row-length",
    severity: Severity::Error,
    title: "表格一行的数字个数不对",
    doc: r#"
## 检查什么
表三（收到和处理申请情况）每行 6 个数字：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他；可在最后加上总计，共 7 个。表四（行政复议、行政诉讼）每行 4 个数字：结果维持、结果纠正、其他结果、尚未审结；可加总计，共 5 个。

## 为什么
少一个或多一个数字，后面各列就会整体错位，报告中的数字全部落在错误的格子里。

## 错误示例
```toml
[requests]
received = [0, 1, 0, 0, 0]
```

## 修正后
```toml
[requests]
received = [0, 1, 0, 0, 0, 0]
```
"#,
    check: None,
    audit: None,
    applies: Applies::AgencyFile,
    reads_prose: false,
    on_published: None,
};
