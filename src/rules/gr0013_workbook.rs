//! GR0013 `workbook-unreadable`: its documentation; raised where files are read.

use super::{Applies, Rule};
use crate::model::diagnostic::Severity;

pub const RULE: Rule = Rule {
    code: "GR0013",
    name: "workbook-unreadable",
    severity: Severity::Error,
    title: "工作簿无法读取，或不是填报工作簿",
    doc: r#"
## 检查什么
用工作簿（.xlsx，或 WPS、LibreOffice 保存的 .xls、.ods）填报时，文件必须能打开，并且是 `govreport init -o 文件名.xlsx` 生成的填报工作簿：工作表“基本信息”“正文”“表二”“表三”“表四”都在，表格中的标签（行名、列名）没有被删改。

## 为什么
程序按标签找到每一个数字和每一段正文。工作表或标签缺了，就无法确定数字属于哪一格；与其猜测，不如指出缺了什么。损坏或不完整的文件（下载中断、邮件附件截断）也在这里报告。

## 错误示例
把“表三”改名为“申请情况”，或删除了“（三）不予公开”下的“8.属于行政查询事项”一行。

## 修正后
恢复工作表名称和标签；或用 `govreport init -o 新文件.xlsx` 重新生成填报工作簿，把数字和正文复制到对应的黄色格子中。
"#,
    check: None,
    audit: None,
    applies: Applies::AgencyFile,
    reads_prose: false,
    on_published: None,
};
