//! agency.toml → `Report`, reporting every structural problem of the file at
//! once, each located at the key or the exact number concerned.
//!
//! We walk toml's spanned document tree by hand instead of deriving
//! `Deserialize`: serde stops at the first error and loses the place of
//! every other one, while users fix a whole file per round.

mod keys;
mod spans;

use std::collections::HashSet;
use std::ops::Range;
use std::str::FromStr;

use rust_decimal::Decimal;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::date::Date;
use crate::diag::Diagnostic;
use crate::model::*;

pub use keys::{KNOWN_PATHS, suggest_key};
pub use spans::SpanMap;

/// Counts above this are typing mistakes, not statistics.
pub const MAX_COUNT: u64 = 1_000_000_000;
/// `[extra]` is free-form; bound its depth so templates stay sane.
const MAX_EXTRA_DEPTH: usize = 16;

/// The result of reading one agency file.
#[derive(Debug, Default)]
pub struct Parsed {
    pub report: Report,
    pub spans: SpanMap,
    pub diagnostics: Vec<Diagnostic>,
    /// Sections whose figures could not all be read: arithmetic rules skip
    /// them so one typo does not cascade into a page of follow-up errors.
    pub broken: HashSet<&'static str>,
    /// The file did not even parse as TOML.
    pub syntax_error: bool,
}

/// Parses the text of an agency file.
pub fn parse(text: &str) -> Parsed {
    let mut p = Parsed::default();
    if let Some(d) = nesting_too_deep(text) {
        p.diagnostics.push(d);
        p.syntax_error = true;
        return p;
    }
    let (doc, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        for e in errors {
            p.diagnostics.push(syntax_diagnostic(text, &e));
        }
        p.syntax_error = true;
        return p;
    }
    let mut w = Walker { p };
    let root = Tbl::root(doc.get_ref());
    w.read_root(root, doc.span());
    w.p
}

/// The toml parser recurses on nested arrays and inline tables; a hostile
/// file could exhaust the stack before it reports anything, so we refuse
/// absurd nesting ourselves first (no legitimate agency file nests past 4).
fn nesting_too_deep(text: &str) -> Option<Diagnostic> {
    const LIMIT: usize = 64;
    let mut depth = 0usize;
    let mut in_str: Option<char> = None;
    let mut escaped = false;
    let mut in_comment = false;
    for (i, c) in text.char_indices() {
        if in_comment {
            in_comment = c != '\n';
            continue;
        }
        if let Some(q) = in_str {
            if escaped {
                escaped = false;
            } else if c == '\\' && q == '"' {
                escaped = true;
            } else if c == q {
                in_str = None;
            }
            continue;
        }
        match c {
            '"' | '\'' => in_str = Some(c),
            '#' => in_comment = true,
            '[' | '{' => {
                depth += 1;
                if depth > LIMIT {
                    return Some(
                        Diagnostic::new("GR0002", format!("括号嵌套超过 {LIMIT} 层，无法读取"))
                            .at(Some(i..i + 1))
                            .help("agency.toml 中的数组和表最多嵌套几层；请检查是否误粘贴了大量方括号或花括号"),
                    );
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// Rewords the toml parser's English message for people who don't write TOML for a living.
fn syntax_diagnostic(text: &str, e: &toml::de::Error) -> Diagnostic {
    let raw = e.message().trim().replace('\n', "；");
    let span = e.span().map(|s| {
        let start = s.start.min(text.len());
        let end = s.end.min(text.len()).max(start);
        start..end
    });
    let lower = raw.to_lowercase();
    let (msg, help) = if lower.contains("duplicate key") || lower.contains("duplicate") {
        (
            "同一个键写了两次".to_string(),
            "删去重复的一行，或把两处的内容合并",
        )
    } else if lower.contains("invalid basic string")
        || lower.contains("unterminated")
        || lower.contains("missing closing")
    {
        (
            "引号没有成对".to_string(),
            "文字两端都要有英文双引号 \"…\"；多段文字用三个双引号 \"\"\"…\"\"\" 括起",
        )
    } else if lower.contains("string values must be quoted") || lower.contains("invalid string") {
        (
            "文字需要加英文双引号".to_string(),
            "例如 name = \"某某局\" 应写作 name = \"重庆市綦江区司法局\"（用英文双引号）",
        )
    } else if lower.contains("expected `=`")
        || lower.contains("key with no value")
        || lower.contains("expected `.`, `=`")
    {
        (
            "这里应有等号 =".to_string(),
            "每一行写作 键 = 值，例如 licensing = 90",
        )
    } else {
        (
            format!("TOML 格式有误（{raw}）"),
            "检查这一行的英文引号、方括号、逗号和等号是否成对、是否用了中文标点",
        )
    };
    let translated = !msg.contains(&raw);
    let mut d = Diagnostic::new("GR0002", msg).at(span).help(help);
    if translated && !raw.is_empty() {
        d.note = Some(format!("解析器原文：{raw}"));
    }
    d
}

type Val<'i> = Spanned<DeValue<'i>>;

/// A path for a message: table cells by their labels, other keys in quotes.
fn quoted(path: &str) -> String {
    let d = describe_path(path);
    if d == path {
        format!("“{path}”")
    } else {
        d
    }
}

/// A table being read, with the keys consumed so far.
struct Tbl<'t, 'i> {
    path: String,
    table: &'t DeTable<'i>,
}

impl<'t, 'i> Tbl<'t, 'i> {
    fn root(table: &'t DeTable<'i>) -> Self {
        Tbl {
            path: String::new(),
            table,
        }
    }
    fn get(&self, key: &str) -> Option<&'t Val<'i>> {
        self.table
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == key)
            .map(|(_, v)| v)
    }
    fn child_path(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{}", self.path, key)
        }
    }
}

struct Walker {
    p: Parsed,
}

fn type_zh(v: &DeValue) -> &'static str {
    match v {
        DeValue::String(_) => "文字",
        DeValue::Integer(_) => "整数",
        DeValue::Float(_) => "小数",
        DeValue::Boolean(_) => "真假值",
        DeValue::Datetime(_) => "日期",
        DeValue::Array(_) => "数组",
        DeValue::Table(_) => "表",
    }
}

impl Walker {
    fn push(&mut self, d: Diagnostic) {
        self.p.diagnostics.push(d);
    }

    fn mark_broken(&mut self, path: &str) {
        for section in ["proactive", "requests", "reviews", "other", "agency"] {
            if path == section || path.starts_with(&format!("{section}.")) {
                self.p.broken.insert(section);
            }
        }
    }

    /// Records spans of every key and value of a table (for rules and unknown keys).
    fn record(&mut self, t: &Tbl) {
        for (k, v) in t.table.iter() {
            let path = t.child_path(k.get_ref());
            self.p.spans.insert_key(&path, k.span());
            self.p.spans.insert_value(&path, v.span());
        }
    }

    /// Reports keys not in `allowed`, with the nearest valid key as a suggestion.
    fn unknown_keys(&mut self, t: &Tbl, allowed: &[&str]) {
        for (k, _) in t.table.iter() {
            let key = k.get_ref().as_ref();
            if allowed.contains(&key) {
                continue;
            }
            let where_ = if t.path.is_empty() {
                "文件顶层".to_string()
            } else {
                format!("[{}]", t.path)
            };
            let mut d = Diagnostic::new("GR0003", format!("{where_} 中没有“{key}”这一项"))
                .at(Some(k.span()));
            d.help = Some(suggest_key(&t.path, key, allowed));
            self.push(d);
        }
    }

    fn type_error(&mut self, path: &str, v: &Val, want: &str, example: &str) {
        self.mark_broken(path);
        let found = type_zh(v.get_ref());
        let quoted_number =
            matches!(v.get_ref(), DeValue::String(s) if s.trim().parse::<f64>().is_ok());
        let help = if quoted_number {
            format!("数字不要加引号，例如 {example}")
        } else {
            format!("应写作{want}，例如 {example}")
        };
        self.push(
            Diagnostic::new(
                "GR0004",
                format!("{}应为{want}，这里是{found}", quoted(path)),
            )
            .at(Some(v.span()))
            .help(help),
        );
    }

    fn sub<'t, 'i>(&mut self, parent: &Tbl<'t, 'i>, key: &str) -> Option<Tbl<'t, 'i>> {
        let v = parent.get(key)?;
        let path = parent.child_path(key);
        match v.get_ref() {
            DeValue::Table(t) => {
                let t = Tbl { path, table: t };
                self.record(&t);
                Some(t)
            }
            _ => {
                self.type_error(&path, v, "一个表（节）", &format!("[{path}]"));
                None
            }
        }
    }

    fn string(&mut self, t: &Tbl, key: &str) -> String {
        let Some(v) = t.get(key) else {
            return String::new();
        };
        let path = t.child_path(key);
        match v.get_ref() {
            DeValue::String(s) => s.to_string(),
            _ => {
                self.type_error(
                    &path,
                    v,
                    "文字（用英文双引号括起）",
                    &format!("{key} = \"……\""),
                );
                String::new()
            }
        }
    }

    fn strings(&mut self, t: &Tbl, key: &str) -> Vec<String> {
        let Some(v) = t.get(key) else {
            return Vec::new();
        };
        let path = t.child_path(key);
        match v.get_ref() {
            DeValue::String(s) if s.trim().is_empty() => Vec::new(),
            DeValue::String(s) => vec![s.to_string()],
            DeValue::Array(items) => {
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let ipath = format!("{path}[{i}]");
                    self.p.spans.insert_value(&ipath, item.span());
                    match item.get_ref() {
                        DeValue::String(s) => out.push(s.to_string()),
                        _ => self.type_error(&ipath, item, "文字", "\"……\""),
                    }
                }
                out
            }
            _ => {
                self.type_error(
                    &path,
                    v,
                    "文字数组",
                    &format!("{key} = [\"第一段\", \"第二段\"]"),
                );
                Vec::new()
            }
        }
    }

    /// A non-negative whole number (a count of documents, decisions, applications).
    fn count_value(&mut self, path: &str, v: &Val, example: &str) -> Option<u64> {
        match v.get_ref() {
            DeValue::Integer(i) => {
                let text = i.as_str();
                match i128::from_str_radix(text, i.radix()) {
                    Ok(n) if n < 0 => {
                        self.mark_broken(path);
                        self.push(
                            Diagnostic::new("GR0006", format!("{}是负数（{n}）", quoted(path)))
                                .at(Some(v.span()))
                                .help("件数不能为负数；没有就填 0"),
                        );
                        None
                    }
                    Ok(n) if n as u128 > MAX_COUNT as u128 => {
                        self.mark_broken(path);
                        self.push(
                            Diagnostic::new(
                                "GR0006",
                                format!("{}的数值 {n} 超出合理范围", quoted(path)),
                            )
                            .at(Some(v.span()))
                            .help(format!("件数不应超过 {MAX_COUNT}；请核对是否多输了数字")),
                        );
                        None
                    }
                    Ok(n) => Some(n as u64),
                    Err(_) => {
                        self.mark_broken(path);
                        self.push(
                            Diagnostic::new("GR0006", format!("{}的数值超出范围", quoted(path)))
                                .at(Some(v.span()))
                                .help("请核对是否多输了数字"),
                        );
                        None
                    }
                }
            }
            DeValue::Float(f) => {
                self.mark_broken(path);
                let text = f.as_str();
                self.push(
                    Diagnostic::new(
                        "GR0006",
                        format!("{}是件数，应为整数，这里是 {text}", quoted(path)),
                    )
                    .at(Some(v.span()))
                    .help(format!("件数只能是 0、1、2 这样的整数，例如 {example}")),
                );
                None
            }
            _ => {
                self.type_error(path, v, "整数", example);
                None
            }
        }
    }

    fn count(&mut self, t: &Tbl, key: &str) -> u64 {
        let Some(v) = t.get(key) else { return 0 };
        let path = t.child_path(key);
        self.count_value(&path, v, &format!("{key} = 0"))
            .unwrap_or(0)
    }

    /// An exact amount of money, printed as written.
    fn money(&mut self, t: &Tbl, key: &str) -> Money {
        let Some(v) = t.get(key) else {
            return Money::zero();
        };
        let path = t.child_path(key);
        let text = match v.get_ref() {
            DeValue::Integer(i) if i.radix() == 10 => i.as_str().to_string(),
            DeValue::Float(f) => f.as_str().to_string(),
            _ => {
                self.type_error(&path, v, "数字（金额）", &format!("{key} = 12.5"));
                return Money::zero();
            }
        };
        let clean = text.replace('_', "");
        let clean = clean.trim_start_matches('+');
        let value = if clean.contains(['e', 'E']) {
            Decimal::from_scientific(clean).ok()
        } else {
            Decimal::from_str_exact(clean).ok()
        };
        match value {
            Some(value) => Money {
                value,
                text: if clean.contains(['e', 'E']) {
                    value.normalize().to_string()
                } else {
                    clean.to_string()
                },
            },
            None => {
                self.mark_broken(&path);
                self.push(
                    Diagnostic::new("GR0006", format!("“{path}”不是有效的金额（{text}）"))
                        .at(Some(v.span()))
                        .help(format!("金额写成普通小数，例如 {key} = 12.5")),
                );
                Money::zero()
            }
        }
    }

    /// A table row: N figures, optionally followed by the stated 总计.
    fn row<const N: usize>(&mut self, t: &Tbl, key: &str, columns: &[&str]) -> Row<N> {
        let Some(v) = t.get(key) else {
            return Row::default();
        };
        let path = t.child_path(key);
        let zeros = vec!["0"; N].join(", ");
        let DeValue::Array(items) = v.get_ref() else {
            self.type_error(
                &path,
                v,
                &format!("{N} 个数字组成的数组"),
                &format!("{key} = [{zeros}]"),
            );
            return Row::default();
        };
        if items.is_empty() {
            return Row::default();
        }
        if items.len() != N && items.len() != N + 1 {
            self.mark_broken(&path);
            self.push(
                Diagnostic::new(
                    "GR0005",
                    format!(
                        "这一行有 {} 个数字，应为 {N} 个，或 {} 个（最后一个是总计）",
                        items.len(),
                        N + 1
                    ),
                )
                .at(Some(v.span()))
                .help(format!(
                    "依次填写：{}；可在最后再加上总计",
                    columns[..N].join("、")
                )),
            );
            return Row::default();
        }
        let mut row = Row::<N>::default();
        for (i, item) in items.iter().enumerate() {
            let ipath = format!("{path}[{i}]");
            self.p.spans.insert_value(&ipath, item.span());
            let n = self.count_value(&ipath, item, "0").unwrap_or(0);
            if i < N {
                row.cells[i] = n;
            } else {
                row.stated_total = Some(n);
            }
        }
        row
    }

    fn read_root(&mut self, root: Tbl, whole: Range<usize>) {
        self.record(&root);
        self.p.spans.insert_value("", whole);
        self.unknown_keys(&root, keys::ROOT);
        // schema
        match root.get("schema") {
            None => self.push(
                Diagnostic::new("GR0007", "缺少 schema = 1")
                    .at(Some(0..0))
                    .help("在文件第一行写上 schema = 1（本程序读取的格式版本）"),
            ),
            Some(v) => match v.get_ref() {
                DeValue::Integer(i)
                    if i.as_str() == SCHEMA_VERSION.to_string() && i.radix() == 10 =>
                {
                    self.p.report.schema = SCHEMA_VERSION;
                }
                other => {
                    let shown = match other {
                        DeValue::Integer(i) => i.as_str().to_string(),
                        DeValue::String(s) => format!("\"{s}\""),
                        o => type_zh(o).to_string(),
                    };
                    self.push(
                        Diagnostic::new("GR0007", format!("不支持的 schema = {shown}"))
                            .at(Some(v.span()))
                            .help("本版本的 govreport 只读取 schema = 1；如果文件来自更新的版本，请升级 govreport"),
                    );
                }
            },
        }
        if let Some(t) = self.sub(&root, "agency") {
            self.read_agency(&t);
        }
        if let Some(t) = self.sub(&root, "preface") {
            self.unknown_keys(&t, keys::PREFACE);
            self.p.report.preface = self.string(&t, "text");
        }
        if let Some(t) = self.sub(&root, "overview") {
            self.unknown_keys(&t, keys::OVERVIEW);
            let o = Overview {
                summary: self.string(&t, "summary"),
                proactive: self.string(&t, "proactive"),
                on_request: self.string(&t, "on_request"),
                management: self.string(&t, "management"),
                platforms: self.string(&t, "platforms"),
                oversight: self.string(&t, "oversight"),
            };
            self.p.report.overview = o;
        }
        if let Some(t) = self.sub(&root, "proactive") {
            self.read_proactive(&t);
        }
        if let Some(t) = self.sub(&root, "requests") {
            self.read_requests(&t);
        }
        if let Some(t) = self.sub(&root, "reviews") {
            self.unknown_keys(&t, keys::REVIEWS);
            for (i, (path, _)) in T4_ROWS.iter().enumerate() {
                let key = path.rsplit('.').next().unwrap_or(path);
                self.p.report.reviews.rows[i] = self.row::<4>(&t, key, &T4_COLUMNS);
            }
        }
        if let Some(t) = self.sub(&root, "problems") {
            self.unknown_keys(&t, keys::PROBLEMS);
            self.p.report.problems = Problems {
                previous_year: self.string(&t, "previous_year"),
                current_year: self.string(&t, "current_year"),
                measures: self.string(&t, "measures"),
            };
        }
        if let Some(t) = self.sub(&root, "other") {
            self.unknown_keys(&t, keys::OTHER);
            let fee_notices = self.count(&t, "fee_notices");
            let fee_notice_amount = self.money(&t, "fee_notice_amount");
            let fees_collected = self.money(&t, "fees_collected");
            for (key, m) in [
                ("fee_notice_amount", &fee_notice_amount),
                ("fees_collected", &fees_collected),
            ] {
                if m.value.is_sign_negative() && !m.is_zero() {
                    let path = format!("other.{key}");
                    self.push(
                        Diagnostic::new("GR0006", format!("“{path}”是负数（{}）", m.text))
                            .at(self.p.spans.value(&path))
                            .help("金额不能为负数；没有就填 0"),
                    );
                }
            }
            let items = self.strings(&t, "items");
            self.p.report.other = Other {
                fee_notices,
                fee_notice_amount,
                fees_collected,
                items,
            };
        }
        if let Some(v) = root.get("extra") {
            match v.get_ref() {
                DeValue::Table(_) => {
                    if let serde_json::Value::Object(map) = self.to_json("extra", v, 0) {
                        self.p.report.extra = map;
                    }
                }
                _ => self.type_error("extra", v, "一个表（节）", "[extra]"),
            }
        }
    }

    fn read_agency(&mut self, t: &Tbl) {
        self.unknown_keys(t, keys::AGENCY);
        let name = self.string(t, "name");
        let contact = self.string(t, "contact");
        let mut year = 0;
        if let Some(v) = t.get("year") {
            match v.get_ref() {
                DeValue::Integer(i) => match i.as_str().parse::<i32>() {
                    Ok(y) => year = y,
                    Err(_) => {
                        self.p.broken.insert("agency.year");
                        self.push(
                            Diagnostic::new(
                                "GR0009",
                                format!("年度 {} 不是有效的年份", i.as_str()),
                            )
                            .at(Some(v.span()))
                            .help("写四位数字年份，例如 year = 2024"),
                        );
                    }
                },
                _ => {
                    self.p.broken.insert("agency.year");
                    self.type_error("agency.year", v, "四位数字年份", "year = 2024");
                }
            }
        }
        let mut level = Level::Department;
        if let Some(v) = t.get("level") {
            match v.get_ref() {
                DeValue::String(s) => match s.trim() {
                    "department" | "部门" => level = Level::Department,
                    "government" | "人民政府" | "政府" => level = Level::Government,
                    other => {
                        let hint = if other.contains("政府") || other.contains("gov") {
                            "government"
                        } else {
                            "department"
                        };
                        self.push(
                            Diagnostic::new("GR0010", format!("level 只能是 \"department\" 或 \"government\"，这里是 \"{other}\""))
                                .at(Some(v.span()))
                                .help(format!("政府部门写 level = \"department\"（1月31日前发布）；人民政府本级写 level = \"government\"（3月31日前发布）。这里可能应为 \"{hint}\"")),
                        );
                    }
                },
                _ => self.type_error("agency.level", v, "文字", "level = \"department\""),
            }
        }
        let mut published_on = None;
        if let Some(v) = t.get("published_on") {
            match v.get_ref() {
                DeValue::Datetime(dt) => match (dt.date, dt.time) {
                    (Some(d), None) => {
                        published_on = Date::new(i32::from(d.year), d.month, d.day);
                    }
                    _ => self.push(
                        Diagnostic::new("GR0004", "发布日期只写年月日，不写时间")
                            .at(Some(v.span()))
                            .help("例如 published_on = 2025-01-20"),
                    ),
                },
                DeValue::String(s) => match Date::parse(s) {
                    Some(d) => published_on = Some(d),
                    None => self.push(
                        Diagnostic::new("GR0004", format!("“{s}”不是有效的日期"))
                            .at(Some(v.span()))
                            .help("例如 published_on = 2025-01-20（不加引号）"),
                    ),
                },
                _ => self.type_error(
                    "agency.published_on",
                    v,
                    "日期",
                    "published_on = 2025-01-20",
                ),
            }
        }
        let a = &mut self.p.report.agency;
        a.name = name;
        a.contact = contact;
        a.year = year;
        a.level = level;
        a.published_on = published_on;
    }

    fn documents(&mut self, t: &Tbl, key: &str) -> Documents {
        let Some(sub) = self.sub(t, key) else {
            return Documents::default();
        };
        self.unknown_keys(&sub, keys::DOCUMENTS);
        Documents {
            issued: self.count(&sub, "issued"),
            repealed: self.count(&sub, "repealed"),
            in_force: self.count(&sub, "in_force"),
        }
    }

    fn read_proactive(&mut self, t: &Tbl) {
        self.unknown_keys(t, keys::PROACTIVE);
        let p = Proactive {
            note: self.string(t, "note"),
            regulations: self.documents(t, "regulations"),
            normative_documents: self.documents(t, "normative_documents"),
            licensing: self.count(t, "licensing"),
            penalties: self.count(t, "penalties"),
            coercive_measures: self.count(t, "coercive_measures"),
            fees: self.money(t, "fees"),
        };
        self.p.report.proactive = p;
    }

    fn read_requests(&mut self, t: &Tbl) {
        self.unknown_keys(t, keys::REQUESTS);
        self.p.report.requests.note = self.string(t, "note");
        let outcomes = self.sub(t, "outcomes");
        if let Some(o) = &outcomes {
            self.unknown_keys(o, keys::OUTCOMES);
        }
        let mut groups: Vec<(String, Tbl)> = Vec::new();
        if let Some(o) = &outcomes {
            for (g, allowed) in [
                ("withheld", keys::WITHHELD),
                ("unavailable", keys::UNAVAILABLE),
                ("not_processed", keys::NOT_PROCESSED),
                ("other", keys::OTHER_PROCESSING),
            ] {
                if let Some(sub) = self.sub(o, g) {
                    self.unknown_keys(&sub, allowed);
                    groups.push((sub.path.clone(), sub));
                }
            }
        }
        for (i, def) in T3_ROWS.iter().enumerate() {
            let (parent, key) = def.path.rsplit_once('.').unwrap_or(("", def.path));
            let row = if parent == "requests" {
                Some(self.row::<6>(t, key, &T3_COLUMNS))
            } else if parent == "requests.outcomes" {
                outcomes
                    .as_ref()
                    .map(|o| self.row::<6>(o, key, &T3_COLUMNS))
            } else {
                groups
                    .iter()
                    .find(|(p, _)| p == parent)
                    .map(|(_, g)| self.row::<6>(g, key, &T3_COLUMNS))
            };
            if let Some(row) = row {
                self.p.report.requests.rows[i] = row;
            }
        }
        if let Some(o) = &outcomes
            && let Some(v) = o.get("total")
        {
            let path = T3_OUTCOME_TOTAL_PATH;
            match v.get_ref() {
                DeValue::Array(items) if items.is_empty() => {}
                DeValue::Array(items) if items.len() == 7 => {
                    let mut total = [0u64; 7];
                    for (i, item) in items.iter().enumerate() {
                        let ipath = format!("{path}[{i}]");
                        self.p.spans.insert_value(&ipath, item.span());
                        total[i] = self.count_value(&ipath, item, "0").unwrap_or(0);
                    }
                    self.p.report.requests.stated_outcome_total = Some(total);
                }
                DeValue::Array(items) => {
                    self.mark_broken(path);
                    self.push(
                        Diagnostic::new(
                            "GR0005",
                            format!("（七）总计这一行有 {} 个数字，应为 7 个（六类申请人加总计）", items.len()),
                        )
                        .at(Some(v.span()))
                        .help("依次填写：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计；不填则自动计算"),
                    );
                }
                _ => self.type_error(
                    path,
                    v,
                    "7 个数字组成的数组",
                    "total = [0, 0, 0, 0, 0, 0, 0]",
                ),
            }
        }
    }

    /// `[extra]` goes to templates as JSON, bounded in depth.
    fn to_json(&mut self, path: &str, v: &Val, depth: usize) -> serde_json::Value {
        use serde_json::Value as J;
        if depth > MAX_EXTRA_DEPTH {
            self.push(
                Diagnostic::new("GR0004", format!("[extra] 嵌套超过 {MAX_EXTRA_DEPTH} 层"))
                    .at(Some(v.span()))
                    .help("[extra] 中的内容请保持简单：文字、数字或一层表"),
            );
            return J::Null;
        }
        match v.get_ref() {
            DeValue::String(s) => J::String(s.to_string()),
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .map(J::from)
                .unwrap_or(J::Null),
            DeValue::Float(f) => f64::from_str(f.as_str())
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map(J::Number)
                .unwrap_or(J::Null),
            DeValue::Boolean(b) => J::Bool(*b),
            DeValue::Datetime(d) => J::String(d.to_string()),
            DeValue::Array(items) => J::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, it)| self.to_json(&format!("{path}[{i}]"), it, depth + 1))
                    .collect(),
            ),
            DeValue::Table(t) => {
                let mut map = serde_json::Map::new();
                for (k, it) in t.iter() {
                    let p = format!("{path}.{}", k.get_ref());
                    self.p.spans.insert_key(&p, k.span());
                    self.p.spans.insert_value(&p, it.span());
                    map.insert(k.get_ref().to_string(), self.to_json(&p, it, depth + 1));
                }
                J::Object(map)
            }
        }
    }
}

#[cfg(test)]
mod tests;
