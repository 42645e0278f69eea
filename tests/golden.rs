//! Golden text of every example (insta snapshots in tests/snapshots/), and
//! the canonical labels and heading order on the full example.

mod common;

use common::*;

fn render_txt(stem: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let example = root().join("examples").join(format!("{stem}.toml"));
    std::fs::read_to_string(render_example(&example, "txt", dir.path(), &[]).0).unwrap()
}

fn examples() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn every_example_checks_and_matches_its_golden_text() {
    let all = examples();
    assert!(all.len() >= 7, "{all:?}");
    for stem in all {
        let out = govreport()
            .arg("check")
            .arg(root().join("examples").join(format!("{stem}.toml")))
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{stem}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        insta::assert_snapshot!(format!("txt-{stem}"), render_txt(&stem));
    }
}

/// Every canonical label of the official tables, verbatim.
const LABELS: &[&str] = &[
    "第二十条第（一）项",
    "信息内容",
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "规章",
    "行政规范性文件",
    "第二十条第（五）项",
    "本年处理决定数量",
    "行政许可",
    "第二十条第（六）项",
    "行政处罚",
    "行政强制",
    "第二十条第（八）项",
    "本年收费金额（单位：万元）",
    "行政事业性收费",
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    "申请人情况",
    "自然人",
    "法人或其他组织",
    "总计",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "三、本年度办理结果",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "（三）不予公开",
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
    "（四）无法提供",
    "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "（五）不予处理",
    "1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "（六）其他处理",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
    "行政复议",
    "行政诉讼",
    "结果维持",
    "结果纠正",
    "其他结果",
    "尚未审结",
    "未经复议直接起诉",
    "复议后起诉",
];

const HEADINGS: &[&str] = &[
    "一、总体情况",
    "（一）主动公开",
    "（二）依申请公开",
    "（三）政府信息管理",
    "（四）政府信息公开平台建设",
    "（五）监督保障",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
];

#[test]
fn full_example_has_every_label_and_the_headings_in_order() {
    // Labels are checked on the IR (cells are whole there); the text writer
    // wraps long labels inside narrow columns.
    let text = std::fs::read_to_string(root().join("examples/full.toml")).unwrap();
    let parsed = govreport::input::parse(&text);
    let templates = govreport::report::template::Templates::builtin().unwrap();
    let doc = govreport::report::template::build(&templates, &parsed.report).unwrap();
    let mut cells = Vec::new();
    for b in &doc.blocks {
        if let govreport::doc::ir::Block::Table(t) = b {
            for row in &t.rows {
                cells.extend(row.iter().map(|c| c.text.clone()));
            }
        }
    }
    for label in LABELS {
        assert!(cells.iter().any(|c| c == label), "label missing: {label}");
    }
    let txt = render_txt("full");
    let headings: Vec<&str> = txt
        .lines()
        .filter(|l| HEADINGS.contains(&l.trim()))
        .map(str::trim)
        .collect();
    assert_eq!(headings, HEADINGS);
    // Labels short enough not to wrap appear verbatim in the text too.
    for label in LABELS.iter().filter(|l| l.chars().count() <= 8) {
        assert!(txt.contains(label), "{label} not in text");
    }
}
