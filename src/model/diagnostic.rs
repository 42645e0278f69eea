//! Diagnostics: one finding of one rule, located in its file, printed for
//! people (rustc style, in Chinese) or machines (one JSON object a line).

use std::fmt::Write as _;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use super::cells::CellPlace;
use super::source::SourceFile;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn zh(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        }
    }
}

/// A table cell named by its canonical row and column labels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cell {
    pub table: u8,
    pub row: String,
    pub column: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    /// Byte range in the source file; `None` when the finding has no place.
    pub span: Option<Range<usize>>,
    pub cell: Option<Cell>,
    pub expected: Option<String>,
    pub found: Option<String>,
    /// For findings read from a PDF.
    pub page: Option<u32>,
    /// Extra explanation, e.g. that a profile changed the severity.
    pub note: Option<String>,
}

/// What a finding needs of the rule that raises it. The registry's `Rule`
/// implements it; taking the rule itself (not its code as a string) means a
/// misspelt code cannot compile, and this file needs nothing of the registry.
pub trait RuleRef {
    fn code(&self) -> &'static str;
    fn severity(&self) -> Severity;
}

impl Diagnostic {
    /// A finding of `rule`, at the rule's own severity.
    pub fn new(rule: &impl RuleRef, message: impl Into<String>) -> Self {
        Diagnostic {
            code: rule.code(),
            severity: rule.severity(),
            message: message.into(),
            help: None,
            span: None,
            cell: None,
            expected: None,
            found: None,
            page: None,
            note: None,
        }
    }

    pub fn at(mut self, span: Option<Range<usize>>) -> Self {
        self.span = span;
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn cell(mut self, table: u8, row: &str, column: &str) -> Self {
        self.cell = Some(Cell {
            table,
            row: row.to_string(),
            column: column.to_string(),
        });
        self
    }

    pub fn numbers(mut self, expected: impl ToString, found: impl ToString) -> Self {
        self.expected = Some(expected.to_string());
        self.found = Some(found.to_string());
        self
    }

    /// A finding that two figures disagree at a table cell: the figures the
    /// rule expected and found, the cell by its labels, the place in the file.
    pub fn disagree(
        rule: &impl RuleRef,
        message: impl Into<String>,
        span: Option<Range<usize>>,
        (table, row, column): (u8, &str, &str),
        expected: impl ToString,
        found: impl ToString,
    ) -> Self {
        Diagnostic::new(rule, message)
            .at(span)
            .cell(table, row, column)
            .numbers(expected, found)
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Sorts findings by position so the output reads top to bottom.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        let pa = a.span.as_ref().map(|s| s.start).unwrap_or(usize::MAX);
        let pb = b.span.as_ref().map(|s| s.start).unwrap_or(usize::MAX);
        pa.cmp(&pb).then(a.code.cmp(b.code))
    });
}

/// The human form (rustc style, Chinese level names; docs/cli-reference.md).
pub fn render_human(file: &SourceFile, d: &Diagnostic) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR.with_name("错误"),
        Severity::Warning => Level::WARNING.with_name("警告"),
    };
    let mut group = Group::with_title(level.primary_title(&d.message).id(d.code));
    let place = workbook_place(file, d);
    match &d.span {
        _ if file.cells.is_some() => {
            // A workbook: point at the sheet and cell, never at the text the
            // reader made of it (the user has never seen that text).
            let at = match place {
                Some(p) => format!("{}:{}!{}", file.name, p.sheet, p.cell),
                None => file.name.clone(),
            };
            group = group.element(annotate_snippets::Origin::path(at));
            if let Some(p) = place {
                let shown = if p.shown.trim().is_empty() {
                    "（空）".to_string()
                } else {
                    format!("“{}”", clip(&p.shown, 40))
                };
                group = group.element(Level::NOTE.with_name("单元格").message(
                    match p.label.is_empty() {
                        true => format!("{}!{} 中填写的是 {shown}", p.sheet, p.cell),
                        false => {
                            format!("{}!{}（{}）中填写的是 {shown}", p.sheet, p.cell, p.label)
                        }
                    },
                ));
            }
        }
        Some(span) if !file.text.is_empty() => {
            // A span that runs over several lines is shown on its first line only:
            // a whole table would bury the point.
            let (line, _) = file.line_col(span.start);
            let line_range = file.line_range(line);
            let end = span.end.min(line_range.end).max(span.start);
            let snippet = Snippet::source(&file.text)
                .path(&file.name)
                .fold(true)
                .annotation(AnnotationKind::Primary.span(span.start..end));
            group = group.element(snippet);
        }
        _ => {
            // An empty file still gets a place (1:1), so the user knows where to start.
            group = group.element(
                annotate_snippets::Origin::path(&file.name)
                    .line(1)
                    .char_column(1),
            );
        }
    }
    if let Some(note) = &d.note {
        group = group.element(Level::NOTE.with_name("说明").message(note));
    }
    if let Some(help) = &d.help {
        group = group.element(Level::HELP.with_name("帮助").message(help));
    }
    tighten(&Renderer::plain().render(&[group]))
}

/// The documented form puts the `= 帮助:` line right under the caret line; annotate-snippets
/// adds an empty gutter line between them, which we drop.
fn tighten(rendered: &str) -> String {
    let lines: Vec<&str> = rendered.lines().collect();
    let mut out = String::with_capacity(rendered.len());
    for (i, line) in lines.iter().enumerate() {
        let gutter_only = !line.is_empty() && line.trim_start() == "|";
        let next_is_footer = lines
            .get(i + 1)
            .is_some_and(|n| n.trim_start().starts_with("= "));
        if gutter_only
            && next_is_footer
            && i > 0
            && lines[i - 1].trim_start().starts_with('|')
            && i > 2
        {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out
}

/// The workbook cell a finding is about, when the file is a workbook.
fn workbook_place<'f>(file: &'f SourceFile, d: &Diagnostic) -> Option<&'f CellPlace> {
    let cells = file.cells.as_ref()?;
    let cell = d
        .cell
        .as_ref()
        .map(|c| (c.table, c.row.as_str(), c.column.as_str()));
    cells.locate(d.span.as_ref(), cell)
}

/// At most `n` characters of a long cell, for a one-line message.
fn clip(s: &str, n: usize) -> String {
    let one_line = s.replace(['\r', '\n'], " ");
    if one_line.chars().count() <= n {
        one_line
    } else {
        format!("{}…", one_line.chars().take(n).collect::<String>())
    }
}

#[derive(Serialize)]
struct JsonDiag<'a> {
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    sheet: Option<&'a str>,
    #[serde(rename = "ref", skip_serializing_if = "Option::is_none")]
    cell_ref: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
    severity: Severity,
    code: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cell: Option<&'a Cell>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expected: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    found: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<u32>,
}

/// One JSON object (one line), in the documented shape (docs/cli-reference.md).
pub fn render_json(file: &SourceFile, d: &Diagnostic) -> String {
    let place = workbook_place(file, d);
    let (start, end) = match &d.span {
        _ if file.cells.is_some() => (None, None),
        Some(s) => (Some(file.line_col(s.start)), Some(file.line_col(s.end))),
        None => (None, None),
    };
    let j = JsonDiag {
        file: &file.name,
        sheet: place.map(|p| p.sheet.as_str()),
        cell_ref: place.map(|p| p.cell.as_str()),
        line: start.map(|p| p.0),
        column: start.map(|p| p.1),
        end_line: end.map(|p| p.0),
        end_column: end.map(|p| p.1),
        severity: d.severity,
        code: d.code,
        message: &d.message,
        help: d.help.as_deref(),
        note: d.note.as_deref(),
        cell: d.cell.as_ref(),
        expected: d.expected.as_deref(),
        found: d.found.as_deref(),
        page: d.page,
    };
    serde_json::to_string(&j).unwrap_or_default()
}

/// "2 个错误，1 个警告" style count.
pub fn count_line(diags: &[Diagnostic]) -> String {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    let mut s = String::new();
    let _ = write!(s, "{errors} 个错误，{warnings} 个警告");
    s
}
