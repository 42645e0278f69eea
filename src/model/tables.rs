//! The fixed structure of the three official tables: row keys in
//! agency.toml ↔ the canonical labels printed in every report, defined
//! once here for the writers' templates, the rules and the auditor.

// ---- Table 三 (收到和处理政府信息公开申请情况) ----

/// One input row of table 三: where it lives in agency.toml and its labels.
#[derive(Debug, Clone, Copy)]
pub struct T3Row {
    /// Dotted path in agency.toml, e.g. `requests.outcomes.withheld.state_secret`.
    pub path: &'static str,
    /// The canonical label of the row's own cell (as printed in the report).
    pub label: &'static str,
    /// The group label for rows under （三）…（六）, empty otherwise.
    pub group: &'static str,
}

const fn r(path: &'static str, label: &'static str, group: &'static str) -> T3Row {
    T3Row { path, label, group }
}

pub const T3_ROWS: [T3Row; 24] = [
    r("requests.received", "一、本年新收政府信息公开申请数量", ""),
    r(
        "requests.carried_over",
        "二、上年结转政府信息公开申请数量",
        "",
    ),
    r("requests.outcomes.disclosed", "（一）予以公开", ""),
    r(
        "requests.outcomes.partially_disclosed",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "",
    ),
    r(
        "requests.outcomes.withheld.state_secret",
        "1.属于国家秘密",
        "（三）不予公开",
    ),
    r(
        "requests.outcomes.withheld.prohibited_by_law",
        "2.其他法律行政法规禁止公开",
        "（三）不予公开",
    ),
    r(
        "requests.outcomes.withheld.security_stability",
        "3.危及“三安全一稳定”",
        "（三）不予公开",
    ),
    r(
        "requests.outcomes.withheld.third_party_rights",
        "4.保护第三方合法权益",
        "（三）不予公开",
    ),
    r(
        "requests.outcomes.withheld.internal_affairs",
        "5.属于三类内部事务信息",
        "（三）不予公开",
    ),
    r(
        "requests.outcomes.withheld.process_information",
        "6.属于四类过程性信息",
        "（三）不予公开",
    ),
    r(
        "requests.outcomes.withheld.enforcement_files",
        "7.属于行政执法案卷",
        "（三）不予公开",
    ),
    r(
        "requests.outcomes.withheld.query_matters",
        "8.属于行政查询事项",
        "（三）不予公开",
    ),
    r(
        "requests.outcomes.unavailable.not_held",
        "1.本机关不掌握相关政府信息",
        "（四）无法提供",
    ),
    r(
        "requests.outcomes.unavailable.needs_creation",
        "2.没有现成信息需要另行制作",
        "（四）无法提供",
    ),
    r(
        "requests.outcomes.unavailable.unclear_after_correction",
        "3.补正后申请内容仍不明确",
        "（四）无法提供",
    ),
    r(
        "requests.outcomes.not_processed.petitions",
        "1.信访举报投诉类申请",
        "（五）不予处理",
    ),
    r(
        "requests.outcomes.not_processed.duplicate",
        "2.重复申请",
        "（五）不予处理",
    ),
    r(
        "requests.outcomes.not_processed.publications",
        "3.要求提供公开出版物",
        "（五）不予处理",
    ),
    r(
        "requests.outcomes.not_processed.excessive",
        "4.无正当理由大量反复申请",
        "（五）不予处理",
    ),
    r(
        "requests.outcomes.not_processed.confirmation",
        "5.要求行政机关确认或重新出具已获取信息",
        "（五）不予处理",
    ),
    r(
        "requests.outcomes.other.no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "（六）其他处理",
    ),
    r(
        "requests.outcomes.other.fee_unpaid",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "（六）其他处理",
    ),
    r("requests.outcomes.other.other", "3.其他", "（六）其他处理"),
    r("requests.carried_forward", "四、结转下年度继续办理", ""),
];

/// Indices of the 21 outcome rows (（一）…（六）) in `T3_ROWS`.
pub const T3_OUTCOMES: std::ops::Range<usize> = 2..23;
pub const T3_RECEIVED: usize = 0;
pub const T3_CARRIED_OVER: usize = 1;
pub const T3_CARRIED_FORWARD: usize = 23;
pub const T3_OUTCOME_TOTAL_PATH: &str = "requests.outcomes.total";
pub const T3_OUTCOME_TOTAL_LABEL: &str = "（七）总计";

/// Applicant columns of table 三, then 总计.
pub const T3_COLUMNS: [&str; 7] = [
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
];

pub fn t3_index(path: &str) -> Option<usize> {
    T3_ROWS.iter().position(|r| r.path == path)
}

// ---- Where the fixed labels may break ----

/// The labels of the three tables that a narrow cell may wrap, with `|`
/// between their words: a writer breaks a label only there (`三、本/年度办/
/// 理结果`, `第一项加第/二项之和`, `不再处/理其` were broken inside words).
/// A label not listed here fits its cell or breaks as ordinary text.
pub const LABEL_WORDS: &[&str] = &[
    // Table 二.
    "第二十条|第（一）项",
    "第二十条|第（五）项",
    "第二十条|第（六）项",
    "第二十条|第（八）项",
    "信息|内容",
    "本年|制发|件数",
    "本年|废止|件数",
    "现行|有效|件数",
    "行政|规范性|文件",
    "本年|处理|决定|数量",
    "行政|许可",
    "行政|处罚",
    "行政|强制",
    "本年|收费|金额|（单位：|万元）",
    "行政|事业性|收费",
    // Table 三.
    "（本列数据的|勾稽关系为：|第一项加|第二项|之和，|等于|第三项加|第四项|之和）",
    "申请人|情况",
    "法人或|其他组织",
    "商业|企业",
    "科研|机构",
    "社会|公益|组织",
    "法律|服务|机构",
    "一、本年新收|政府信息|公开申请|数量",
    "二、上年结转|政府信息|公开申请|数量",
    "三|、|本|年|度|办|理|结|果",
    "（一）|予以公开",
    "（二）|部分公开|（区分|处理的，|只计|这一情形，|不计|其他情形）",
    "（三）|不予公开",
    "1.属于|国家秘密",
    "2.其他|法律|行政法规|禁止公开",
    "3.危及|“三安全|一稳定”",
    "4.保护|第三方|合法权益",
    "5.属于|三类|内部事务|信息",
    "6.属于|四类|过程性|信息",
    "7.属于|行政执法|案卷",
    "8.属于|行政查询|事项",
    "（四）|无法提供",
    "1.本机关|不掌握|相关|政府信息",
    "2.没有|现成信息|需要|另行制作",
    "3.补正后|申请内容|仍不明确",
    "（五）|不予处理",
    "1.信访|举报|投诉类|申请",
    "2.重复|申请",
    "3.要求|提供|公开|出版物",
    "4.无正当|理由|大量|反复|申请",
    "5.要求|行政机关|确认或|重新出具|已获取|信息",
    "（六）|其他处理",
    "1.申请人|无正当|理由|逾期|不补正、|行政机关|不再|处理其|政府信息|公开申请",
    "2.申请人|逾期|未按|收费通知|要求|缴纳|费用、|行政机关|不再|处理其|政府信息|公开申请",
    "3.其他",
    "（七）|总计",
    "四、结转|下年度|继续办理",
    // Table 四.
    "行政|复议",
    "行政|诉讼",
    "未经复议|直接起诉",
    "复议后|起诉",
    "结果|维持",
    "结果|纠正",
    "其他|结果",
    "尚未|审结",
];

/// The words of a fixed label (`LABEL_WORDS`), or `None` for other text.
pub fn label_words(text: &str) -> Option<Vec<&'static str>> {
    LABEL_WORDS
        .iter()
        .find(|l| l.len() == text.len() + l.matches('|').count() && l.replace('|', "") == text)
        .map(|l| l.split('|').collect())
}

/// The group label of table 三's outcome rows, set vertically, one
/// character a line, as the published reports set it.
pub const T3_OUTCOME_GROUP: &str = "三、本年度办理结果";

/// A label set vertically, one character a line, as the published reports
/// set 三、本年度办理结果: a closing mark stays on its character's line
/// (`三、`, never a line that starts with `、`).
pub fn vertical_lines(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for c in text.chars() {
        match lines.last_mut() {
            Some(last) if "、，。；：）”’".contains(c) => last.push(c),
            _ => lines.push(c.to_string()),
        }
    }
    lines
}

// ---- Table 四 (行政复议、行政诉讼) ----

pub const T4_ROWS: [(&str, &str); 3] = [
    ("reviews.reconsideration", "行政复议"),
    ("reviews.litigation_direct", "未经复议直接起诉"),
    ("reviews.litigation_after_reconsideration", "复议后起诉"),
];

pub const T4_COLUMNS: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

// ---- Table 二 (主动公开) ----

/// Every label of table 二 (as printed in the report), for recognising published tables.
pub const T2_LABELS: [&str; 16] = [
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
];

pub const T2_DOC_COLUMNS: [(&str, &str); 3] = [
    ("issued", "本年制发件数"),
    ("repealed", "本年废止件数"),
    ("in_force", "现行有效件数"),
];

/// A key path as the user knows it: table 三/四 cells by their labels
/// (`“一、本年新收政府信息公开申请数量”的自然人一格`), other keys as written.
pub fn describe_path(path: &str) -> String {
    let (base, index) = match path.rsplit_once('[') {
        Some((b, rest)) => (b, rest.trim_end_matches(']').parse::<usize>().ok()),
        None => (path, None),
    };
    let label_col = if let Some(def) = T3_ROWS.iter().find(|r| r.path == base) {
        Some((format!("{}{}", def.group, def.label), T3_COLUMNS.as_slice()))
    } else if base == T3_OUTCOME_TOTAL_PATH {
        Some((T3_OUTCOME_TOTAL_LABEL.to_string(), T3_COLUMNS.as_slice()))
    } else {
        T4_ROWS
            .iter()
            .find(|(p, _)| *p == base)
            .map(|(_, l)| (l.to_string(), T4_COLUMNS.as_slice()))
    };
    if let Some(d) = t2_describe(path) {
        return d;
    }
    match (label_col, index) {
        (Some((label, cols)), Some(i)) => {
            let col = cols.get(i).copied().unwrap_or("多出的");
            format!("“{label}”的{col}一格（{path}）")
        }
        (Some((label, _)), None) => format!("“{label}”（{path}）"),
        _ => path.to_string(),
    }
}

/// Table 二's cells by their labels: `“规章”的本年制发件数一格（proactive.regulations.issued）`.
fn t2_describe(path: &str) -> Option<String> {
    let rest = path.strip_prefix("proactive.")?;
    let (row, col) = match rest.split_once('.') {
        Some((doc, col)) => {
            let row = match doc {
                "regulations" => "规章",
                "normative_documents" => "行政规范性文件",
                _ => return None,
            };
            let col = T2_DOC_COLUMNS.iter().find(|(k, _)| *k == col)?.1;
            (row, col)
        }
        None => match rest {
            "licensing" => ("行政许可", "本年处理决定数量"),
            "penalties" => ("行政处罚", "本年处理决定数量"),
            "coercive_measures" => ("行政强制", "本年处理决定数量"),
            "fees" => ("行政事业性收费", "本年收费金额（单位：万元）"),
            _ => return None,
        },
    };
    Some(format!("“{row}”的{col}一格（{path}）"))
}

#[cfg(test)]
mod label_tests {
    use super::*;

    /// Every row label of table 三 and every column label of 三 and 四
    /// longer than three characters (three stay whole) is listed.
    #[test]
    fn every_long_label_has_its_breaks() {
        for r in T3_ROWS {
            assert!(label_words(r.label).is_some(), "{}", r.label);
        }
        for l in T3_COLUMNS
            .iter()
            .chain(&T4_COLUMNS)
            .filter(|l| l.chars().count() > 3)
        {
            assert!(label_words(l).is_some(), "{l}");
        }
        assert_eq!(label_words(T3_OUTCOME_GROUP).map(|w| w.len()), Some(9));
        assert_eq!(
            vertical_lines(T3_OUTCOME_GROUP),
            ["三、", "本", "年", "度", "办", "理", "结", "果"]
        );
        assert_eq!(label_words("第一项加第二项之和"), None, "only whole labels");
    }
}
