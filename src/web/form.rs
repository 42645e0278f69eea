//! The unit's page as a form: every field of agency.toml by its key path
//! (`requests.received[0]`), the agency.toml text made from the form's
//! values, and the values read back from a saved text to fill the form.
//!
//! What the page cannot change — the unit's name, year and level — comes
//! from the unit, never from the browser: a report is never saved under
//! another agency's name.

use std::collections::HashMap;

use crate::model::quote::toml_string;
use crate::model::tables::{T3_ROWS, T4_ROWS};

/// What kind of input a field is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One line of text.
    Line,
    /// Paragraphs (a text area).
    Para,
    /// A count.
    Int,
    /// An amount that may have decimals (万元, 元).
    Money,
    /// A date (YYYY-MM-DD), optional.
    Date,
    /// Paragraphs, each one item of an array.
    Items,
}

/// A text field of the page: its key path, its label and the guidance
/// `init` writes beside it.
pub struct Field {
    pub path: &'static str,
    pub label: &'static str,
    pub hint: &'static str,
    pub kind: Kind,
}

const fn f(path: &'static str, label: &'static str, hint: &'static str, kind: Kind) -> Field {
    Field {
        path,
        label,
        hint,
        kind,
    }
}

/// The fields outside the three tables, in the report's order, by part.
pub const AGENCY: [Field; 3] = [
    f(
        "agency.published_on",
        "发布日期（可选）",
        "印在落款下方，须在截止日期前，如 2026-01-20",
        Kind::Date,
    ),
    f(
        "agency.contact",
        "联系方式（可选）",
        "印在开头段落，如“办公室，电话：000-00000000”",
        Kind::Line,
    ),
    f(
        "preface.text",
        "开头段落（可选）",
        "不填则使用标准开头段落",
        Kind::Para,
    ),
];

pub const OVERVIEW: [Field; 6] = [
    f(
        "overview.summary",
        "导语（可选）",
        "总体情况的开头一段",
        Kind::Para,
    ),
    f(
        "overview.proactive",
        "（一）主动公开",
        "全年主动公开信息条数、重点领域、公开渠道",
        Kind::Para,
    ),
    f(
        "overview.on_request",
        "（二）依申请公开",
        "收到申请件数、办理情况（件数须与表格三一致）",
        Kind::Para,
    ),
    f(
        "overview.management",
        "（三）政府信息管理",
        "发布审查、动态更新、规范性文件管理",
        Kind::Para,
    ),
    f(
        "overview.platforms",
        "（四）政府信息公开平台建设",
        "网站、政务新媒体、公开专栏",
        Kind::Para,
    ),
    f(
        "overview.oversight",
        "（五）监督保障",
        "考核、培训、社会评议、责任追究；人民政府须写明工作考核、社会评议和责任追究结果",
        Kind::Para,
    ),
];

pub const PROACTIVE_NOTE: Field = f("proactive.note", "表前说明（可选）", "", Kind::Para);
pub const REQUESTS_NOTE: Field = f("requests.note", "表前说明（可选）", "", Kind::Para);

pub const PROBLEMS: [Field; 3] = [
    f(
        "problems.previous_year",
        "上年度报告所列问题的改进情况",
        "逐条写明上年度报告所列问题改进得怎样",
        Kind::Para,
    ),
    f(
        "problems.current_year",
        "本年度存在的主要问题（必填）",
        "实事求是，具体到事",
        Kind::Para,
    ),
    f(
        "problems.measures",
        "改进措施（必填）",
        "针对上面的问题逐条写",
        Kind::Para,
    ),
];

pub const OTHER: [Field; 4] = [
    f(
        "other.fee_notices",
        "发出收费通知的件数",
        "依据《政府信息公开信息处理费管理办法》；程序据此写出收费说明",
        Kind::Int,
    ),
    f(
        "other.fee_notice_amount",
        "收费通知的总金额（元）",
        "",
        Kind::Money,
    ),
    f(
        "other.fees_collected",
        "实际收取的总金额（元）",
        "",
        Kind::Money,
    ),
    f(
        "other.items",
        "其他需要报告的事项",
        "每项一段，段与段之间空一行：工作要点落实、建议提案办理、创新做法等",
        Kind::Items,
    ),
];

/// Table 二's cells: (key path, kind).
pub const T2_CELLS: [(&str, Kind); 10] = [
    ("proactive.regulations.issued", Kind::Int),
    ("proactive.regulations.repealed", Kind::Int),
    ("proactive.regulations.in_force", Kind::Int),
    ("proactive.normative_documents.issued", Kind::Int),
    ("proactive.normative_documents.repealed", Kind::Int),
    ("proactive.normative_documents.in_force", Kind::Int),
    ("proactive.licensing", Kind::Int),
    ("proactive.penalties", Kind::Int),
    ("proactive.coercive_measures", Kind::Int),
    ("proactive.fees", Kind::Money),
];

/// The unit a page belongs to: what the form may not change.
pub struct Identity<'a> {
    pub name: &'a str,
    pub year: i32,
    pub level: &'a str,
}

/// Field values as the page sends them (key path → text typed).
pub type Values = HashMap<String, String>;

/// The agency.toml text for the form's values; `extra` (the `[extra]`
/// table of the version edited, which the page does not show) is kept.
pub fn to_toml(id: &Identity, v: &Values, extra: Option<&toml::Value>) -> String {
    let get = |p: &str| v.get(p).map(|s| s.as_str()).unwrap_or("");
    let mut out = String::from("# 由 govreport 报告服务器的填报页面保存\nschema = 1\n\n[agency]\n");
    out += &format!("name = {}\n", toml_string(id.name));
    out += &format!("year = {}\n", id.year);
    out += &format!("level = {}\n", toml_string(id.level));
    for fd in &AGENCY[..2] {
        line(&mut out, fd, get(fd.path));
    }
    section(&mut out, "preface", &AGENCY[2..], &get);
    section(&mut out, "overview", &OVERVIEW, &get);
    out += "\n[proactive]\n";
    line(&mut out, &PROACTIVE_NOTE, get(PROACTIVE_NOTE.path));
    for doc in ["regulations", "normative_documents"] {
        let cell = |c: &str| number(get(&format!("proactive.{doc}.{c}")), false);
        out += &format!(
            "{doc} = {{ issued = {}, repealed = {}, in_force = {} }}\n",
            cell("issued"),
            cell("repealed"),
            cell("in_force")
        );
    }
    for (p, kind) in &T2_CELLS[6..] {
        let key = p.rsplit('.').next().unwrap_or(p);
        out += &format!("{key} = {}\n", number(get(p), *kind == Kind::Money));
    }
    let mut table = "";
    out += "\n[requests]\n";
    line(&mut out, &REQUESTS_NOTE, get(REQUESTS_NOTE.path));
    // Rows in the order of their TOML tables: requests.*, then outcomes.*.
    let mut rows: Vec<&str> = T3_ROWS.iter().map(|r| r.path).collect();
    rows.sort_by_key(|p| p.matches('.').count());
    for p in rows {
        let (parent, key) = p.rsplit_once('.').unwrap_or(("", p));
        if parent != table && parent != "requests" {
            out += &format!("\n[{parent}]\n");
            table = parent;
        }
        out += &format!("{key} = {}\n", row(&get, p, 6));
    }
    out += "\n[reviews]\n";
    for (p, _) in T4_ROWS {
        let key = p.rsplit('.').next().unwrap_or(p);
        out += &format!("{key} = {}\n", row(&get, p, 4));
    }
    section(&mut out, "problems", &PROBLEMS, &get);
    out += "\n[other]\n";
    for fd in &OTHER[..3] {
        let key = fd.path.rsplit('.').next().unwrap_or(fd.path);
        out += &format!("{key} = {}\n", number(get(fd.path), fd.kind == Kind::Money));
    }
    let items: Vec<String> = paragraphs(get("other.items"))
        .map(|p| format!("  {},\n", toml_string(p)))
        .collect();
    out += &format!("items = [\n{}]\n", items.concat());
    // The profile's fields the page shows (`extra.KEY`) over the `[extra]`
    // table of the version edited.
    let mut extra = extra
        .cloned()
        .unwrap_or(toml::Value::Table(Default::default()));
    if let toml::Value::Table(t) = &mut extra {
        for (k, val) in v {
            let Some(key) = k.strip_prefix("extra.") else {
                continue;
            };
            if key.is_empty() || key.contains(['.', '[']) {
                continue;
            }
            let val = val.trim();
            if val.is_empty() {
                t.remove(key);
            } else {
                t.insert(
                    key.to_string(),
                    toml::Value::String(val.replace("\r\n", "\n")),
                );
            }
        }
    }
    if extra.as_table().is_some_and(|t| !t.is_empty()) {
        let mut t = toml::Table::new();
        t.insert("extra".into(), extra);
        if let Ok(s) = toml::to_string(&t) {
            out += "\n";
            out += &s;
        }
    }
    out
}

/// A table of text fields; the section header is written even when empty
/// so the text keeps the format's layout.
fn section<'v>(out: &mut String, name: &str, fields: &[Field], get: &impl Fn(&str) -> &'v str) {
    *out += &format!("\n[{name}]\n");
    for fd in fields {
        line(out, fd, get(fd.path));
    }
}

fn line(out: &mut String, fd: &Field, value: &str) {
    let key = fd.path.rsplit('.').next().unwrap_or(fd.path);
    let value = value.trim_end();
    if value.trim().is_empty() {
        return;
    }
    let v = match fd.kind {
        // A date as TOML writes one; anything else as typed, for the
        // checker to point at.
        Kind::Date => match crate::model::date::Date::parse(value) {
            Some(d) => format!("{:04}-{:02}-{:02}", d.year, d.month, d.day),
            None => toml_string(value),
        },
        Kind::Line => toml_string(value.trim()),
        _ => toml_string(&value.replace("\r\n", "\n")),
    };
    *out += &format!("{key} = {v}\n");
}

fn row<'v>(get: &impl Fn(&str) -> &'v str, path: &str, n: usize) -> String {
    let cells: Vec<String> = (0..n)
        .map(|i| number(get(&format!("{path}[{i}]")), false))
        .collect();
    format!("[{}]", cells.join(", "))
}

/// A number as typed: full-width digits (a Chinese input method's) read as
/// digits, a blank cell is 0, anything else is written as a string so the
/// checker reports it at its cell.
pub fn number(typed: &str, decimals: bool) -> String {
    let s: String = typed
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' | '。' if decimals => '.',
            c => c,
        })
        .filter(|c| *c != ',' && *c != '，')
        .collect();
    if s.is_empty() {
        return "0".into();
    }
    let digits = |t: &str| !t.is_empty() && t.len() <= 15 && t.bytes().all(|b| b.is_ascii_digit());
    let ok = match s.split_once('.') {
        None => digits(&s),
        Some((a, b)) => decimals && digits(a) && digits(b),
    };
    if ok {
        // No leading zeros: TOML refuses `007`.
        let (a, b) = s
            .split_once('.')
            .map_or((s.as_str(), None), |(a, b)| (a, Some(b)));
        let a = a.trim_start_matches('0');
        let a = if a.is_empty() { "0" } else { a };
        match b {
            Some(b) => format!("{a}.{b}"),
            None => a.to_string(),
        }
    } else {
        toml_string(typed.trim())
    }
}

fn paragraphs(s: &str) -> impl Iterator<Item = &str> {
    s.split("\n\n")
        .flat_map(|p| p.split("\r\n\r\n"))
        .map(str::trim)
        .filter(|p| !p.is_empty())
}

/// Every key path the page has a field for.
pub fn paths() -> Vec<String> {
    let mut v: Vec<String> = AGENCY
        .iter()
        .chain(&OVERVIEW)
        .chain([&PROACTIVE_NOTE, &REQUESTS_NOTE])
        .chain(&PROBLEMS)
        .chain(&OTHER)
        .map(|f| f.path.to_string())
        .collect();
    v.extend(T2_CELLS.iter().map(|(p, _)| p.to_string()));
    for r in &T3_ROWS {
        v.extend((0..6).map(|i| format!("{}[{i}]", r.path)));
    }
    for (p, _) in &T4_ROWS {
        v.extend((0..4).map(|i| format!("{p}[{i}]")));
    }
    v
}

/// The form's values in a saved agency.toml text; `None` when the text does
/// not parse (the page then says so and shows the findings).
pub fn from_toml(text: &str) -> Option<(Values, Option<toml::Value>)> {
    let table: toml::Table = toml::from_str(text).ok()?;
    let root = toml::Value::Table(table);
    let mut out = Values::new();
    for p in paths() {
        if let Some(v) = lookup(&root, &p) {
            out.insert(p, show(v));
        }
    }
    let extra = root.get("extra").cloned();
    Some((out, extra))
}

/// The `[extra]` table of a saved text, which the form keeps as it was
/// (read on every save of the page, so only that table is looked up).
pub fn extra_of(text: &str) -> Option<toml::Value> {
    let mut table: toml::Table = toml::from_str(text).ok()?;
    table.remove("extra")
}

fn lookup<'v>(root: &'v toml::Value, path: &str) -> Option<&'v toml::Value> {
    let (base, index) = match path.strip_suffix(']').and_then(|p| p.rsplit_once('[')) {
        Some((b, i)) => (b, i.parse::<usize>().ok()),
        None => (path, None),
    };
    let mut v = root;
    for k in base.split('.') {
        v = v.get(k)?;
    }
    match index {
        Some(i) => v.as_array()?.get(i),
        None => Some(v),
    }
}

fn show(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => s.clone(),
        toml::Value::Array(a) => a.iter().map(show).collect::<Vec<_>>().join("\n\n"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id() -> Identity<'static> {
        Identity {
            name: "某区司法局",
            year: 2025,
            level: "department",
        }
    }

    #[test]
    fn the_form_round_trips_through_its_text() {
        let mut v = Values::new();
        v.insert("requests.received[0]".into(), "３".into());
        v.insert("requests.outcomes.disclosed[0]".into(), "3".into());
        v.insert("proactive.fees".into(), "1.50".into());
        v.insert(
            "overview.proactive".into(),
            "第一段“引号”\n\n第二段\\".into(),
        );
        v.insert("other.items".into(), "甲\n\n乙".into());
        v.insert("agency.published_on".into(), "2026/1/20".into());
        let text = to_toml(&id(), &v, None);
        let parsed = crate::input::parse(&text);
        assert!(!parsed.syntax_error, "{text}");
        let r = &parsed.report;
        assert_eq!(r.agency.name, "某区司法局");
        assert_eq!(r.requests.rows[0].cells[0], 3);
        assert_eq!(r.other.items, vec!["甲", "乙"]);
        let (back, _) = from_toml(&text).unwrap();
        assert_eq!(back["requests.received[0]"], "3");
        assert_eq!(back["overview.proactive"], "第一段“引号”\n\n第二段\\");
        assert_eq!(back["agency.published_on"], "2026-01-20");
        assert_eq!(back["other.items"], "甲\n\n乙");
    }

    #[test]
    fn a_name_typed_into_the_form_cannot_change_the_agency() {
        let mut v = Values::new();
        v.insert("agency.name".into(), "别的机关".into());
        let text = to_toml(&id(), &v, None);
        assert!(text.contains("name = \"某区司法局\""));
        assert!(!text.contains("别的机关"));
    }

    #[test]
    fn numbers_as_typed() {
        assert_eq!(number("", false), "0");
        assert_eq!(number(" 007 ", false), "7");
        assert_eq!(number("1,234", false), "1234");
        assert_eq!(number("2.5", false), "\"2.5\"");
        assert_eq!(number("2.5", true), "2.5");
        assert_eq!(number("abc", false), "\"abc\"");
        assert_eq!(number("-1", false), "\"-1\"");
        assert_eq!(
            number("99999999999999999999", false),
            "\"99999999999999999999\""
        );
    }

    #[test]
    fn a_bad_cell_is_reported_at_its_place() {
        let mut v = Values::new();
        v.insert("requests.received[2]".into(), "x".into());
        let text = to_toml(&id(), &v, None);
        let parsed = crate::input::parse(&text);
        let d = parsed
            .diagnostics
            .iter()
            .find(|d| d.code == "GR0004")
            .expect("a wrong type finding");
        let span = d.span.clone().unwrap();
        assert_eq!(
            parsed.spans.path_at(span.start),
            Some("requests.received[2]")
        );
    }
}
