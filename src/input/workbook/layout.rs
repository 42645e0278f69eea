//! Where everything stands in the fill-in workbook, defined once for the
//! writer (`init -o x.xlsx`, `import -o x.xlsx`) and the reader. Tables are
//! laid out as the report prints them, with the official labels, so a
//! person or a script finds a cell by its row and column labels.

use crate::model::tables::{T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_ROWS};

pub const INFO: &str = "基本信息";
pub const TEXT: &str = "正文";
pub const T2: &str = "表二";
pub const T3: &str = "表三";
pub const T4: &str = "表四";
pub const HELP: &str = "说明";

/// The sheets every fill-in workbook has (说明 is for people only).
pub const SHEETS: [&str; 5] = [INFO, TEXT, T2, T3, T4];

/// What a value cell holds, for reading and for data validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// A whole number ≥ 0.
    Count,
    /// An amount, decimals allowed.
    Money,
    Year,
    Level,
    Date,
}

/// A labelled row of 基本信息 or 正文: label in column A, value in B, hint in C.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// Dotted path in agency.toml.
    pub path: &'static str,
    pub label: &'static str,
    pub kind: Kind,
    pub hint: &'static str,
}

const fn f(path: &'static str, label: &'static str, kind: Kind, hint: &'static str) -> Field {
    Field {
        path,
        label,
        kind,
        hint,
    }
}

/// Rows of 基本信息 start here (0-based), after the title and column heads.
pub const FIRST_ROW: u32 = 2;

pub const INFO_FIELDS: [Field; 5] = [
    f(
        "agency.name",
        "机关名称",
        Kind::Text,
        "与报告标题中的机关名称一致，如：重庆市綦江区民政局",
    ),
    f(
        "agency.year",
        "报告年度",
        Kind::Year,
        "四位数字，如 2024（2021年起使用新格式）",
    ),
    f(
        "agency.level",
        "机关类型",
        Kind::Level,
        "从下拉列表选择：部门（1月31日前发布）或 人民政府（3月31日前发布）",
    ),
    f(
        "agency.published_on",
        "发布日期",
        Kind::Date,
        "可不填；填写后印在落款处，并核对是否逾期。如 2025-01-20",
    ),
    f(
        "agency.contact",
        "联系方式",
        Kind::Text,
        "可不填；填写后写入开头段落，如：区民政局办公室，电话：023-00000000",
    ),
];

/// A 基本信息 row whose label starts with this holds an `[extra]` field a
/// provincial profile asks for: `附加字段：column_url`.
pub const EXTRA_PREFIX: &str = "附加字段：";

/// 正文: the narrative in the order of the report; section 五 and 六 rows
/// come under a heading row each.
pub const TEXT_FIELDS: [Field; 15] = [
    f(
        "preface.text",
        "开头段落",
        Kind::Text,
        "可不填：不填时使用标准开头段落",
    ),
    f(
        "overview.summary",
        "一、总体情况",
        Kind::Text,
        "可不填：一、总体情况下的导语",
    ),
    f("overview.proactive", "（一）主动公开", Kind::Text, "必填"),
    f(
        "overview.on_request",
        "（二）依申请公开",
        Kind::Text,
        "必填",
    ),
    f(
        "overview.management",
        "（三）政府信息管理",
        Kind::Text,
        "必填",
    ),
    f(
        "overview.platforms",
        "（四）政府信息公开平台建设",
        Kind::Text,
        "必填",
    ),
    f("overview.oversight", "（五）监督保障", Kind::Text, "必填"),
    f(
        "proactive.note",
        "二、主动公开政府信息情况",
        Kind::Text,
        "可不填：表格前的说明；表格在“表二”中填写",
    ),
    f(
        "requests.note",
        "三、收到和处理政府信息公开申请情况",
        Kind::Text,
        "可不填：表格前的说明；表格在“表三”中填写",
    ),
    f(
        "problems.previous_year",
        "（一）上年度存在问题的整改情况",
        Kind::Text,
        "上年度报告所列问题的整改情况；不填时后两项依次编为（一）（二）",
    ),
    f(
        "problems.current_year",
        "（二）本年度存在的主要问题",
        Kind::Text,
        "必填",
    ),
    f("problems.measures", "（三）改进措施", Kind::Text, "必填"),
    f(
        "other.fee_notices",
        "发出信息处理费收费通知的件数",
        Kind::Count,
        "整数；没有填 0。据此生成六、中信息处理费的句子",
    ),
    f(
        "other.fee_notice_amount",
        "收费通知的总金额（元）",
        Kind::Money,
        "单位：元，可有小数；没有填 0",
    ),
    f(
        "other.fees_collected",
        "实际收取的信息处理费总金额（元）",
        Kind::Money,
        "单位：元，可有小数；没有填 0",
    ),
];

/// 正文 heading rows (not read) before the first field of 五 and of 六.
pub const PART5_HEADING: &str = "五、存在的主要问题及改进情况";
pub const PART6_HEADING: &str = "六、其他需要报告的事项";
/// 六's free paragraphs: label `六、其他需要报告的事项（第1段）`…
pub const ITEM_PREFIX: &str = "六、其他需要报告的事项（第";
pub const ITEM_ROWS: usize = 8;

pub fn item_label(i: usize) -> String {
    format!("{ITEM_PREFIX}{}段）", i + 1)
}

// ---- 表二 (4 columns A–D) ----

/// A value cell of 表二: its agency.toml path, its row and column labels,
/// and its place (0-based row, column).
#[derive(Debug, Clone, Copy)]
pub struct T2Cell {
    pub path: &'static str,
    pub row_label: &'static str,
    pub col_label: &'static str,
    pub row: u32,
    pub col: u16,
    pub kind: Kind,
}

const fn t2(
    path: &'static str,
    row_label: &'static str,
    col_label: &'static str,
    row: u32,
    col: u16,
    kind: Kind,
) -> T2Cell {
    T2Cell {
        path,
        row_label,
        col_label,
        row,
        col,
        kind,
    }
}

pub const T2_CELLS: [T2Cell; 10] = [
    t2(
        "proactive.regulations.issued",
        "规章",
        "本年制发件数",
        3,
        1,
        Kind::Count,
    ),
    t2(
        "proactive.regulations.repealed",
        "规章",
        "本年废止件数",
        3,
        2,
        Kind::Count,
    ),
    t2(
        "proactive.regulations.in_force",
        "规章",
        "现行有效件数",
        3,
        3,
        Kind::Count,
    ),
    t2(
        "proactive.normative_documents.issued",
        "行政规范性文件",
        "本年制发件数",
        4,
        1,
        Kind::Count,
    ),
    t2(
        "proactive.normative_documents.repealed",
        "行政规范性文件",
        "本年废止件数",
        4,
        2,
        Kind::Count,
    ),
    t2(
        "proactive.normative_documents.in_force",
        "行政规范性文件",
        "现行有效件数",
        4,
        3,
        Kind::Count,
    ),
    t2(
        "proactive.licensing",
        "行政许可",
        "本年处理决定数量",
        7,
        1,
        Kind::Count,
    ),
    t2(
        "proactive.penalties",
        "行政处罚",
        "本年处理决定数量",
        10,
        1,
        Kind::Count,
    ),
    t2(
        "proactive.coercive_measures",
        "行政强制",
        "本年处理决定数量",
        11,
        1,
        Kind::Count,
    ),
    t2(
        "proactive.fees",
        "行政事业性收费",
        "本年收费金额（单位：万元）",
        14,
        1,
        Kind::Money,
    ),
];

/// 表二's label cells, (row, col, text): the block headings and heads.
pub const T2_LABELS: &[(u32, u16, &str)] = &[
    (1, 0, "第二十条第（一）项"),
    (2, 0, "信息内容"),
    (2, 1, "本年制发件数"),
    (2, 2, "本年废止件数"),
    (2, 3, "现行有效件数"),
    (3, 0, "规章"),
    (4, 0, "行政规范性文件"),
    (5, 0, "第二十条第（五）项"),
    (6, 0, "信息内容"),
    (6, 1, "本年处理决定数量"),
    (7, 0, "行政许可"),
    (8, 0, "第二十条第（六）项"),
    (9, 0, "信息内容"),
    (9, 1, "本年处理决定数量"),
    (10, 0, "行政处罚"),
    (11, 0, "行政强制"),
    (12, 0, "第二十条第（八）项"),
    (13, 0, "信息内容"),
    (13, 1, "本年收费金额（单位：万元）"),
    (14, 0, "行政事业性收费"),
];

// ---- 表三 (10 columns A–J) ----

/// First value column of 表三 (D); the six applicant columns, then 总计 (J).
pub const T3_FIRST_COL: u16 = 3;
pub const T3_TOTAL_COL: u16 = T3_FIRST_COL + 6;
/// Rows of 表三's head (0-based 1–3; row 0 is the title).
pub const T3_HEAD_ROWS: std::ops::Range<u32> = 1..4;
pub const T3_OUTCOME_TOTAL_ROW: u32 = 27;
pub const T3_CHECK_ROW: u32 = 29;

/// The sheet row of `T3_ROWS[i]`: 一 and 二 first, the 21 outcome rows,
/// （七）总计, then 四.
pub const fn t3_row(i: usize) -> u32 {
    if i < 23 { i as u32 + 4 } else { 28 }
}

/// Column of the label that names `T3_ROWS[i]` on its row (A for 一、二、四,
/// B for （一）（二）, C for the numbered sub-rows).
pub fn t3_label_col(i: usize) -> u16 {
    let r = &T3_ROWS[i];
    if !r.group.is_empty() {
        2
    } else if r.label.starts_with('（') {
        1
    } else {
        0
    }
}

pub const T3_CORNER: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
pub const T3_OUTCOMES_LABEL: &str = "三、本年度办理结果";

/// The column label of 表三 column `c` (0 = 自然人 … 6 = 总计).
pub fn t3_column(c: usize) -> &'static str {
    T3_COLUMNS[c]
}

// ---- 表四 (15 columns A–O) ----

pub const T4_VALUE_ROW: u32 = 4;
pub const T4_CHECK_ROW: u32 = 5;

/// Column of figure `c` (0–4, 4 = 总计) of 表四 row `k` (复议, 直接起诉, 复议后起诉).
pub const fn t4_col(k: usize, c: usize) -> u16 {
    (k * 5 + c) as u16
}

pub fn t4_row_label(k: usize) -> &'static str {
    T4_ROWS[k].1
}

pub fn t4_column(c: usize) -> &'static str {
    T4_COLUMNS[c]
}
