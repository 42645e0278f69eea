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
