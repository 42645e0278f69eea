//! The rule registry: every check `check` and `audit` perform, with a stable
//! code, a severity, and documentation that `govreport explain` prints.
//!
//! One rule = one file here (a `RULE` const and its check function) + one
//! pair of fixtures in `tests/fixtures/rules/CODE/`. Rules on the model have
//! a `check` over `Report` (check and audit alike); the GR10xx rules on a
//! published report's form have an `audit` over `Published`, what reading
//! the text found (`crate::audit` fills it). Rules about the input file
//! itself (syntax, types, unknown keys) are raised while reading it
//! (`crate::input`, `crate::app`) by the same `RULE` consts and have neither. `narrative` reads the statements in the prose that
//! the GR08xx rules compare with the tables.

use std::collections::HashSet;

use crate::model::Report;
use crate::model::date::Date;
use crate::model::diagnostic::{Diagnostic, RuleRef, Severity};
use crate::model::parsed::Parsed;
use crate::model::published::{CellNote, LabelDefect, Published};
use crate::model::spans::SpanMap;

pub mod narrative;

pub mod gr0000_internal_error;
pub mod gr0001_not_utf8;
pub mod gr0002_toml_syntax;
pub mod gr0003_unknown_key;
pub mod gr0004_wrong_type;
pub mod gr0005_row_length;
pub mod gr0006_invalid_number;
pub mod gr0007_schema_version;
pub mod gr0008_required_field;
pub mod gr0009_year_range;
pub mod gr0010_level_value;
pub mod gr0011_placeholder;
pub mod gr0012_extra_required;
pub mod gr0013_workbook;
pub mod gr0014_text_too_long;
pub mod gr0201_documents_in_force;
pub mod gr0202_fee_unit;
pub mod gr0203_fee_amount;
pub mod gr0204_regulations_body;
pub mod gr0301_column_balance;
pub mod gr0302_row_total;
pub mod gr0303_outcome_total;
pub mod gr0401_review_total;
pub mod gr0601_processing_fee;
pub mod gr0602_fee_consistency;
pub mod gr0701_deadline;
pub mod gr0702_published_too_early;
pub mod gr0703_local_deadline;
pub mod gr0801_narrative_figure;
pub mod gr0802_narrative_conflict;
pub mod gr0803_none_received_claim;
pub mod gr0804_foreign_year;
pub mod gr0805_government_content;
pub mod gr0806_previous_year_empty;
pub mod gr0807_statistics_period;
pub mod gr0808_superseded_basis;
pub mod gr0809_old_outcome_words;
pub mod gr0810_share_mismatch;
pub mod gr0811_breakdown_over_total;
pub mod gr0901_carried_over_continuity;
pub mod gr0902_in_force_continuity;
pub mod gr0903_repeated_text;
pub mod gr1001_section_missing;
pub mod gr1002_heading_wording;
pub mod gr1003_label_altered;
pub mod gr1004_label_punctuation;
pub mod gr1005_old_format;
pub mod gr1006_blank_cell;
pub mod gr1007_table_missing;
pub mod gr1008_title_or_cutoff;
pub mod gr1009_cells_run_together;

pub use gr0701_deadline::deadline;

/// What a rule's check function sees.
pub struct Ctx<'a> {
    pub report: &'a Report,
    pub spans: &'a SpanMap,
    /// Sections with unreadable figures (see `Parsed::broken`).
    pub broken: &'a HashSet<&'static str>,
    /// Rows of a broken section read whole (see `Parsed::read_whole`).
    pub read_whole: &'a HashSet<&'static str>,
    pub today: Date,
    /// The file's text, to point inside a value.
    pub source: &'a str,
    /// Last year's report of the same agency, when known (`--previous`).
    pub previous: Option<Previous<'a>>,
    /// What a provincial profile asks beyond the built-in rules.
    pub config: &'a Config,
}

/// Rule settings a provincial profile provides.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Shown in notes: which profile asked for it.
    pub profile_name: String,
    /// The local deadline for this report, when earlier than the statutory one.
    pub local_deadline: Option<Date>,
    /// `[extra]` keys every agency file must provide, with what they are.
    pub required_extra: Vec<(String, String)>,
}

/// Last year's report and the file it came from (named in findings).
#[derive(Clone, Copy)]
pub struct Previous<'a> {
    pub report: &'a Report,
    pub name: &'a str,
}

/// A short quote around a byte range of narrative: the clause it stands in.
pub fn quote_around(text: &str, range: &std::ops::Range<usize>) -> String {
    let start = text[..range.start]
        .rfind(['，', '。', '；', '：', '（', '\n'])
        .map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
    let end = text[range.end..]
        .find(['，', '。', '；', '）', '\n'])
        .map_or(text.len(), |i| range.end + i);
    let q = text[start..end].trim();
    if q.chars().count() > 40 {
        let s: String = q.chars().take(40).collect();
        format!("{s}…")
    } else {
        q.to_string()
    }
}

/// Where a fragment of a narrative field stands in the file: the fragment
/// itself when it appears verbatim inside the field's value, else the value.
pub fn locate(
    cx: &Ctx,
    path: &str,
    text: &str,
    range: &std::ops::Range<usize>,
) -> std::ops::Range<usize> {
    let value = cx.spans.best(path);
    let Some(src) = cx.source.get(value.clone()) else {
        return value;
    };
    // Find the fragment with a little context so that a bare "1" lands on the right "1".
    let ctx_start = text[..range.start]
        .char_indices()
        .rev()
        .nth(5)
        .map_or(0, |(i, _)| i);
    let needle = &text[ctx_start..range.end];
    match src.find(needle) {
        Some(i) => {
            let start = value.start + i + (range.start - ctx_start);
            start..start + (range.end - range.start)
        }
        None => match src.find(&text[range.clone()]) {
            Some(i) if !text[range.clone()].is_empty() => {
                value.start + i..value.start + i + range.len()
            }
            _ => value,
        },
    }
}

pub type CheckFn = fn(&Ctx, &mut Vec<Diagnostic>);

/// A check over what reading a published report found (the GR10xx rules).
pub type AuditFn = fn(&Published, &mut Vec<Diagnostic>);

/// One rule: identity, default severity and documentation.
pub struct Rule {
    /// Stable code, `GRxxxx`; never reused.
    pub code: &'static str,
    /// Stable kebab-case name.
    pub name: &'static str,
    pub severity: Severity,
    /// Chinese one-line title.
    pub title: &'static str,
    /// Markdown documentation in fixed sections: 检查什么 / 为什么 / 错误示例 / 修正后.
    pub doc: &'static str,
    /// The check over the model; `None` for rules raised while reading the
    /// file and for the checks of a published report's form.
    pub check: Option<CheckFn>,
    /// The check over a published report as read (`audit` only).
    pub audit: Option<AuditFn>,
    /// What the rule is about: the agency file, a published report, or both.
    pub applies: Applies,
    /// Whether it reads the narrative sentence by sentence (the comparisons
    /// of prose with tables, years and last year's text): skipped when GR0014
    /// finds the text too long, where it would only take long to say more.
    pub reads_prose: bool,
    /// How `audit` holds it on a published report, when otherwise than at
    /// its severity.
    pub on_published: Option<OnPublished>,
}

/// Where a rule applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applies {
    /// The agency file only: how it was written (syntax, types, keys) or
    /// what only it holds; never raised on a published report.
    AgencyFile,
    /// A published report only (`audit`, the GR10xx rules over `Published`).
    Published,
    /// Both: a check over the model, which `audit` reads from the text.
    Both,
}

impl Applies {
    /// Whether `audit` reports it.
    pub fn to_published(self) -> bool {
        self != Applies::AgencyFile
    }

    /// In Chinese, for the rule reference.
    pub fn zh(self) -> &'static str {
        match self {
            Applies::AgencyFile => "agency.toml",
            Applies::Published => "已发布的报告",
            Applies::Both => "agency.toml 和已发布的报告",
        }
    }
}

/// How a rule is held on a published report when it is read from keywords
/// or needs what a cut text lacks.
#[derive(Debug, Clone, Copy)]
pub struct OnPublished {
    /// Its severity there.
    pub severity: Severity,
    /// Why, shown with each finding.
    pub note: &'static str,
    /// It reports what the text lacks: not assessed on a cut text, whose
    /// end is missing because of the cut.
    pub needs_whole_text: bool,
}

impl RuleRef for Rule {
    fn code(&self) -> &'static str {
        self.code
    }
    fn severity(&self) -> Severity {
        self.severity
    }
}

/// Every rule, in code order.
pub static RULES: &[&Rule] = &[
    &gr0000_internal_error::RULE,
    &gr0001_not_utf8::RULE,
    &gr0002_toml_syntax::RULE,
    &gr0003_unknown_key::RULE,
    &gr0004_wrong_type::RULE,
    &gr0005_row_length::RULE,
    &gr0006_invalid_number::RULE,
    &gr0007_schema_version::RULE,
    &gr0008_required_field::RULE,
    &gr0009_year_range::RULE,
    &gr0010_level_value::RULE,
    &gr0011_placeholder::RULE,
    &gr0012_extra_required::RULE,
    &gr0013_workbook::RULE,
    &gr0014_text_too_long::RULE,
    &gr0201_documents_in_force::RULE,
    &gr0202_fee_unit::RULE,
    &gr0203_fee_amount::RULE,
    &gr0204_regulations_body::RULE,
    &gr0301_column_balance::RULE,
    &gr0302_row_total::RULE,
    &gr0303_outcome_total::RULE,
    &gr0401_review_total::RULE,
    &gr0601_processing_fee::RULE,
    &gr0602_fee_consistency::RULE,
    &gr0701_deadline::RULE,
    &gr0702_published_too_early::RULE,
    &gr0703_local_deadline::RULE,
    &gr0801_narrative_figure::RULE,
    &gr0802_narrative_conflict::RULE,
    &gr0803_none_received_claim::RULE,
    &gr0804_foreign_year::RULE,
    &gr0805_government_content::RULE,
    &gr0806_previous_year_empty::RULE,
    &gr0807_statistics_period::RULE,
    &gr0808_superseded_basis::RULE,
    &gr0809_old_outcome_words::RULE,
    &gr0810_share_mismatch::RULE,
    &gr0811_breakdown_over_total::RULE,
    &gr0901_carried_over_continuity::RULE,
    &gr0902_in_force_continuity::RULE,
    &gr0903_repeated_text::RULE,
    &gr1001_section_missing::RULE,
    &gr1002_heading_wording::RULE,
    &gr1003_label_altered::RULE,
    &gr1004_label_punctuation::RULE,
    &gr1005_old_format::RULE,
    &gr1006_blank_cell::RULE,
    &gr1007_table_missing::RULE,
    &gr1008_title_or_cutoff::RULE,
    &gr1009_cells_run_together::RULE,
];

/// Finds a rule by code (case-insensitive) or by name.
pub fn lookup(code: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(code) || r.name == code)
}

/// Runs every model rule over a parsed file and returns all its findings
/// (reading problems first, then rule findings), sorted by position.
pub fn check(parsed: &Parsed, source: &str, today: Date) -> Vec<Diagnostic> {
    check_with(parsed, source, today, None, &Config::default())
}

/// `check` with last year's report for the across-years rules.
pub fn check_with(
    parsed: &Parsed,
    source: &str,
    today: Date,
    previous: Option<Previous>,
    config: &Config,
) -> Vec<Diagnostic> {
    let mut out = parsed.diagnostics.clone();
    if !parsed.syntax_error {
        let cx = Ctx {
            report: &parsed.report,
            spans: &parsed.spans,
            broken: &parsed.broken,
            read_whole: &parsed.read_whole,
            today,
            source,
            previous,
            config,
        };
        gr0014_text_too_long::RULE
            .check
            .expect("GR0014 has a check")(&cx, &mut out);
        // Text that is too long is one error; the rules that read the
        // prose would only take long to say more.
        let too_long = out
            .iter()
            .any(|d| d.code == gr0014_text_too_long::RULE.code);
        for rule in RULES {
            if rule.code == gr0014_text_too_long::RULE.code || (too_long && rule.reads_prose) {
                continue;
            }
            if let Some(f) = rule.check {
                f(&cx, &mut out);
            }
        }
    }
    crate::model::diagnostic::sort(&mut out);
    out
}

/// Runs every rule with an audit check over a published report as read.
pub fn audit_published(p: &Published) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in RULES {
        if let Some(f) = rule.audit {
            f(p, &mut out);
        }
    }
    out
}

/// The findings of a table-label rule (GR1003, GR1004): `words` gives the
/// message and help for the defects the rule owns, None for the others.
pub fn label_findings(
    p: &Published,
    rule: &Rule,
    out: &mut Vec<Diagnostic>,
    words: impl Fn(LabelDefect, &str, &str) -> Option<(String, String)>,
) {
    for n in &p.cells {
        let CellNote::Label {
            table,
            defect,
            label,
            found,
            span,
        } = n
        else {
            continue;
        };
        let Some((message, help)) = words(*defect, label, found) else {
            continue;
        };
        let mut d = Diagnostic::new(rule, message)
            .at(Some(span.clone()))
            .help(help);
        d.expected = Some(label.clone());
        d.found = Some(found.clone());
        d.cell = Some(crate::model::diagnostic::Cell {
            table: *table,
            row: label.clone(),
            column: String::new(),
        });
        out.push(d);
    }
}

/// Where a rule applies and how, in one Chinese line (from the registry's
/// fields, for `explain` and the rule reference).
pub fn applicability(rule: &Rule) -> String {
    let mut s = format!("适用于：{}", rule.applies.zh());
    if rule.reads_prose {
        s.push_str("；逐句读正文（正文超长时不检查）");
    }
    if let Some(o) = rule.on_published {
        s.push_str(&format!(
            "；已发布的报告上为{}（{}）",
            o.severity.zh(),
            o.note
        ));
        if o.needs_whole_text {
            s.push_str("，文本不完整时不检查");
        }
    }
    s.push('。');
    s
}

/// The text `govreport explain` prints.
pub fn explain(rule: &Rule) -> String {
    format!(
        "{code} {name}（{sev}）：{title}\n{applies}\n\n{doc}\n",
        code = rule.code,
        name = rule.name,
        sev = rule.severity.zh(),
        title = rule.title,
        applies = applicability(rule),
        doc = rule.doc.trim()
    )
}

/// The rule reference `govreport explain --markdown` prints and
/// `docs/rules.md` holds: an index, then every rule with its documentation.
pub fn reference_markdown() -> String {
    let mut s = String::from(
        "# 规则说明\n\n\
         本文件由 `govreport explain --markdown` 生成，请勿手工修改；规则的说明写在各规则的源文件中。\n\n\
         `check` 检查 agency.toml，`audit` 审核已发布的报告；“错误”必须改正（否则不生成报告），\
         “警告”提醒核对。省级配置（style.toml 的 `[rules]`）可以改变规则的级别。\n\n\
         | 代码 | 名称 | 级别 | 适用于 | 检查什么 |\n| --- | --- | --- | --- | --- |\n",
    );
    for r in RULES {
        s.push_str(&format!(
            "| [{code}](#{anchor}) | `{name}` | {sev} | {applies} | {title} |\n",
            code = r.code,
            anchor = r.code.to_ascii_lowercase(),
            name = r.name,
            sev = r.severity.zh(),
            applies = r.applies.zh(),
            title = r.title
        ));
    }
    for r in RULES {
        s.push_str(&format!(
            "\n## {code}\n\n`{name}`（{sev}）：{title}\n\n{applies}\n\n",
            code = r.code,
            name = r.name,
            sev = r.severity.zh(),
            title = r.title,
            applies = applicability(r)
        ));
        // The rule's own sections become subsections of its entry.
        let mut in_code = false;
        for line in r.doc.trim().lines() {
            if line.starts_with("```") {
                in_code = !in_code;
            }
            if line.starts_with('#') && !in_code {
                s.push('#');
            }
            s.push_str(line);
            s.push('\n');
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_sorted_and_documented() {
        let mut seen = HashSet::new();
        let mut prev = "";
        for r in RULES {
            assert!(seen.insert(r.code), "duplicate {}", r.code);
            assert!(r.code > prev, "{} out of order", r.code);
            prev = r.code;
            // The fields agree with the functions the rule has.
            match r.applies {
                Applies::Published => assert!(r.audit.is_some() && r.check.is_none(), "{}", r.code),
                Applies::AgencyFile => assert!(r.audit.is_none(), "{}", r.code),
                Applies::Both => assert!(r.audit.is_none(), "{}", r.code),
            }
            assert!(!r.reads_prose || r.check.is_some(), "{}", r.code);
            for section in ["## 检查什么", "## 为什么", "## 错误示例", "## 修正后"] {
                assert!(r.doc.contains(section), "{} lacks {section}", r.code);
            }
        }
    }
}
