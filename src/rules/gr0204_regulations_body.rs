//! GR0204 `regulations-body`: 规章 reported by a body that cannot make them.

use super::{Applies, Ctx, Rule};
use crate::model::diagnostic::{Diagnostic, Severity};

pub const RULE: Rule = Rule {
    code: "GR0204",
    name: "regulations-body",
    severity: Severity::Warning,
    title: "县（区）级、乡镇、街道机关填报了规章",
    doc: r#"
## 检查什么
机关名称表明是县、区、旗一级的机关，或乡、镇、街道、开发区等，而表二“规章”一行的本年制发件数或现行有效件数大于 0。

## 为什么
《立法法》规定，只有国务院各部门和省、自治区、直辖市、设区的市、自治州的人民政府可以制定规章。县（区）级机关和乡镇、街道制发的文件是行政规范性文件，常被误填在“规章”一行。按机关名称判断，作为警告提示。

## 错误示例
```toml
[agency]
name = "示例县司法局"

[proactive]
regulations = { issued = 2, repealed = 0, in_force = 2 }
```

## 修正后
```toml
[agency]
name = "示例县司法局"

[proactive]
regulations = { issued = 0, repealed = 0, in_force = 0 }
normative_documents = { issued = 2, repealed = 0, in_force = 2 }
```
"#,
    check: Some(check),
    audit: None,
    applies: Applies::Both,
    reads_prose: false,
    on_published: None,
};

/// The level an agency's name shows when it is below the bodies that make
/// 规章: the lowest division named (a 县/区/旗, or a 乡/镇/街道). A division
/// word counts only after a place name (`镇江市` is a city, `市乡村振兴局` a
/// city bureau); 自治区 is a province and is taken out first.
fn lower_body(name: &str) -> Option<&'static str> {
    let name = name.replace("自治区", "省").replace("特别行政区", "省");
    let chars: Vec<char> = name.chars().collect();
    let (mut since, mut lowest, mut i) = (0usize, None, 0usize);
    let at = |i: usize, w: &str| {
        w.chars()
            .enumerate()
            .all(|(k, c)| chars.get(i + k) == Some(&c))
    };
    while i < chars.len() {
        if at(i, "乡镇") {
            // 乡镇企业局, 乡镇工作办公室: a word, not a division.
            since += 2;
            i += 2;
            continue;
        }
        if since >= 1 && (at(i, "街道") || at(i, "苏木")) {
            lowest = Some("乡镇、街道");
            since = 0;
            i += 2;
            continue;
        }
        // 州 before 区/县/市 is part of a place name: 陕州区, 通州区, 郑州市.
        let place_zhou =
            chars[i] == '州' && chars.get(i + 1).is_some_and(|c| "区县市".contains(*c));
        if place_zhou && since >= 1 {
            since += 1;
            i += 1;
            continue;
        }
        match chars[i] {
            '省' | '市' | '州' | '盟' if since >= 1 => since = 0,
            '县' | '旗' | '区' if since >= 1 => {
                lowest = Some("县（区）级");
                since = 0;
            }
            '乡' | '镇' if since >= 1 => {
                lowest = Some("乡镇、街道");
                since = 0;
            }
            _ => since += 1,
        }
        i += 1;
    }
    lowest
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    if cx.broken.contains("proactive") {
        return;
    }
    let r = &cx.report.proactive.regulations;
    if r.issued == 0 && r.in_force == 0 {
        return;
    }
    let Some(what) = lower_body(&cx.report.agency.name) else {
        return;
    };
    let (column, found) = if r.issued > 0 {
        ("本年制发件数", r.issued)
    } else {
        ("现行有效件数", r.in_force)
    };
    let path = if r.issued > 0 {
        "proactive.regulations.issued"
    } else {
        "proactive.regulations.in_force"
    };
    out.push(
        Diagnostic::disagree(
            &RULE,
            format!(
                "“{}”是{what}机关，表二“规章”一行却填了本年制发 {} 件、现行有效 {} 件；\
                 依《立法法》，只有国务院部门和省、自治区、直辖市、设区的市、自治州人民政府可以制定规章",
                cx.report.agency.name, r.issued, r.in_force
            ),
            Some(cx.spans.best(path)),
            (2, "规章", column),
            "0".to_string(),
            found,
        )
        .help("本机关制发的文件应填在“行政规范性文件”一行，“规章”一行填 0；如转发上级规章，不计入本表"),
    );
}

#[cfg(test)]
mod tests {
    use super::lower_body;

    #[test]
    fn names_below_the_rule_making_bodies() {
        assert_eq!(lower_body("示例县司法局"), Some("县（区）级"));
        assert_eq!(lower_body("重庆市綦江区民政局"), Some("县（区）级"));
        assert_eq!(
            lower_body("国家税务总局淮安市清江浦区税务局"),
            Some("县（区）级")
        );
        assert_eq!(lower_body("某某镇人民政府"), Some("乡镇、街道"));
        assert_eq!(
            lower_body("淮安市清江浦区某某街道办事处"),
            Some("乡镇、街道")
        );
        assert_eq!(lower_body("某某自治县民族宗教事务局"), Some("县（区）级"));
        assert_eq!(lower_body("三门峡市陕州区司法局"), Some("县（区）级"));
        assert_eq!(lower_body("北京市通州区民政局"), Some("县（区）级"));
        assert_eq!(lower_body("郑州市民政局"), None);
        // Cities and city bureaux whose names hold a division word.
        assert_eq!(lower_body("镇江市司法局"), None);
        assert_eq!(lower_body("淮安市乡村振兴局"), None);
        assert_eq!(lower_body("某某市乡镇企业局"), None);
        assert_eq!(lower_body("某某自治州人民政府"), None);
        assert_eq!(lower_body("广西壮族自治区司法厅"), None);
        assert_eq!(lower_body("淮安市人民政府"), None);
        assert_eq!(lower_body("司法部"), None);
    }
}
