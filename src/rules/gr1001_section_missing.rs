//! GR1001 `section-missing`: its documentation; raised where the problem is found.

use super::Rule;
use crate::model::diagnostic::Severity;

pub const RULE: Rule = Rule {
    code: "GR1001",
    name: "section-missing",
    severity: Severity::Error,
    title: "缺少规定的部分或顺序不对",
    doc: r#"
## 检查什么
（审核已发布的报告：govreport audit）年度报告须有六个部分：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项，并按此顺序排列。

## 为什么
国办公开办函〔2021〕30号规定了年报的内容和格式，要求“不能遗漏”。

## 错误示例
报告中没有“六、其他需要报告的事项”。

## 修正后
补上“六、其他需要报告的事项”，说明信息处理费收取情况等。
"#,
    check: None,
};
