//! GR0012 `extra-required`: its documentation and its check over the model.

use super::{Applies, Ctx, Rule};
use crate::model::diagnostic::{Diagnostic, Severity};

pub const RULE: Rule = Rule {
    code: "GR0012",
    name: "extra-required",
    severity: Severity::Error,
    title: "缺少省级配置要求的附加字段",
    doc: r#"
## 检查什么
使用省级配置（`--profile 目录`）时，配置的 `style.toml` 可在 `[extra]` 中列出各机关必须填写的附加字段（如本机关政府信息公开专栏网址），由地方模板印入报告。缺少或为空时报错。

## 为什么
地方模板要用这些字段；缺少时报告中会出现空白或不完整的句子。

## 错误示例
```toml
# style.toml 中：[extra] column_url = "本机关政府信息公开专栏网址"
[extra]
```

## 修正后
```toml
[extra]
column_url = "https://www.example.gov.cn/zfxxgk/"
```
"#,
    check: Some(check),
    audit: None,
    applies: Applies::AgencyFile,
    reads_prose: false,
    on_published: None,
};

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    for (key, what) in &cx.config.required_extra {
        let present = cx
            .report
            .extra
            .get(key.as_str())
            .is_some_and(|v| !v.is_null() && v.as_str().is_none_or(|s| !s.trim().is_empty()));
        if !present {
            let mut d = Diagnostic::new(&RULE, format!("缺少附加字段 extra.{key}（{what}）"))
                .at(Some(cx.spans.key_or_best(&format!("extra.{key}"))))
                .help(format!(
                    "在文件末尾的 [extra] 下填写 {key} = \"……\"（{what}）"
                ));
            d.note = Some(format!(
                "省级配置 {} 要求填写此字段",
                cx.config.profile_name
            ));
            out.push(d);
        }
    }
}
