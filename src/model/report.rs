//! The checked model of one agency's report: what agency.toml (or a
//! published report) says, with figures exact and narrative as written.

use rust_decimal::Decimal;

use super::date::Date;
use super::tables::{T3_OUTCOMES, T3_ROWS, t3_index};

/// An amount of money kept exactly as written (`12.50` stays `12.50`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Money {
    pub value: Decimal,
    pub text: String,
}

impl Money {
    pub fn zero() -> Self {
        Money {
            value: Decimal::ZERO,
            text: "0".into(),
        }
    }
    pub fn is_zero(&self) -> bool {
        self.value.is_zero()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Level {
    #[default]
    Department,
    Government,
}

impl Level {
    pub fn key(self) -> &'static str {
        match self {
            Level::Department => "department",
            Level::Government => "government",
        }
    }
    pub fn zh(self) -> &'static str {
        match self {
            Level::Department => "部门",
            Level::Government => "人民政府",
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Agency {
    pub name: String,
    pub year: i32,
    pub level: Level,
    pub published_on: Option<Date>,
    pub contact: String,
}

#[derive(Debug, Clone, Default)]
pub struct Overview {
    pub summary: String,
    pub proactive: String,
    pub on_request: String,
    pub management: String,
    pub platforms: String,
    pub oversight: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Documents {
    pub issued: u64,
    pub repealed: u64,
    pub in_force: u64,
}

#[derive(Debug, Clone, Default)]
pub struct Proactive {
    pub note: String,
    pub regulations: Documents,
    pub normative_documents: Documents,
    pub licensing: u64,
    pub penalties: u64,
    pub coercive_measures: u64,
    pub fees: Money,
}

/// A table row of N figures, optionally followed by the 总计 the file states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row<const N: usize> {
    pub cells: [u64; N],
    pub stated_total: Option<u64>,
}

impl<const N: usize> Default for Row<N> {
    fn default() -> Self {
        Row {
            cells: [0; N],
            stated_total: None,
        }
    }
}

/// A sum that stops at `u64::MAX`: figures read from a published text can
/// be any size (`0444444444444444444444` is a figure to the reader), and a
/// wrapped or panicking sum would invent a finding or stop the audit.
pub fn saturating_sum(values: impl IntoIterator<Item = u64>) -> u64 {
    values.into_iter().fold(0, u64::saturating_add)
}

impl<const N: usize> Row<N> {
    pub fn sum(&self) -> u64 {
        saturating_sum(self.cells)
    }
    /// The 总计 as printed: the stated one if any (checked elsewhere), else the sum.
    pub fn total(&self) -> u64 {
        self.stated_total.unwrap_or_else(|| self.sum())
    }
    /// The N figures followed by the total.
    pub fn with_total(&self) -> Vec<u64> {
        let mut v = self.cells.to_vec();
        v.push(self.total());
        v
    }
}

pub type ApplicantRow = Row<6>;
pub type ReviewRow = Row<4>;

#[derive(Debug, Clone, Default)]
pub struct Requests {
    pub note: String,
    /// The 24 input rows of table 三 in the order of `T3_ROWS`.
    pub rows: [ApplicantRow; T3_ROWS.len()],
    /// A stated （七）总计 row (7 numbers), checked against the outcome rows.
    pub stated_outcome_total: Option<[u64; 7]>,
}

impl Requests {
    pub fn row(&self, key: &str) -> &ApplicantRow {
        &self.rows[t3_index(key).expect("known table 三 row key")]
    }
    /// （七）总计 computed from the 21 outcome rows, per column (6 + 总计).
    pub fn outcome_total(&self) -> [u64; 7] {
        let mut t = [0u64; 7];
        for row in &self.rows[T3_OUTCOMES] {
            for (i, v) in row.with_total().iter().enumerate() {
                t[i] += v;
            }
        }
        t
    }
}

#[derive(Debug, Clone, Default)]
pub struct Reviews {
    /// 行政复议, 未经复议直接起诉, 复议后起诉.
    pub rows: [ReviewRow; 3],
}

#[derive(Debug, Clone, Default)]
pub struct Problems {
    pub previous_year: String,
    pub current_year: String,
    pub measures: String,
}

#[derive(Debug, Clone, Default)]
pub struct Other {
    pub fee_notices: u64,
    pub fee_notice_amount: Money,
    pub fees_collected: Money,
    pub items: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    pub schema: i64,
    pub agency: Agency,
    pub preface: String,
    pub overview: Overview,
    pub proactive: Proactive,
    pub requests: Requests,
    pub reviews: Reviews,
    pub problems: Problems,
    pub other: Other,
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// The schema version this build reads.
pub const SCHEMA_VERSION: i64 = 1;

impl Report {
    /// Every free-text field with its path and the report part it belongs to.
    pub fn narrative(&self) -> Vec<(String, &'static str, &str)> {
        let mut v: Vec<(String, &'static str, &str)> = vec![
            ("agency.name".into(), "机关名称", &self.agency.name),
            ("agency.contact".into(), "联系方式", &self.agency.contact),
            ("preface.text".into(), "开头段落", &self.preface),
            (
                "overview.summary".into(),
                "一、总体情况",
                &self.overview.summary,
            ),
            (
                "overview.proactive".into(),
                "（一）主动公开",
                &self.overview.proactive,
            ),
            (
                "overview.on_request".into(),
                "（二）依申请公开",
                &self.overview.on_request,
            ),
            (
                "overview.management".into(),
                "（三）政府信息管理",
                &self.overview.management,
            ),
            (
                "overview.platforms".into(),
                "（四）政府信息公开平台建设",
                &self.overview.platforms,
            ),
            (
                "overview.oversight".into(),
                "（五）监督保障",
                &self.overview.oversight,
            ),
            (
                "proactive.note".into(),
                "二、主动公开政府信息情况",
                &self.proactive.note,
            ),
            (
                "requests.note".into(),
                "三、收到和处理政府信息公开申请情况",
                &self.requests.note,
            ),
            (
                "problems.previous_year".into(),
                "上年度问题改进情况",
                &self.problems.previous_year,
            ),
            (
                "problems.current_year".into(),
                "本年度存在的主要问题",
                &self.problems.current_year,
            ),
            (
                "problems.measures".into(),
                "改进措施",
                &self.problems.measures,
            ),
        ];
        for (i, item) in self.other.items.iter().enumerate() {
            v.push((format!("other.items[{i}]"), "六、其他需要报告的事项", item));
        }
        v
    }
}
