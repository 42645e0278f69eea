//! Templates: report wording lives here, not in code. Built-ins are embedded
//! in the binary; a profile directory may override any of them by name.

use std::cell::Cell;

use tera::{Context, Kwargs, State, Tera, TeraResult};

use crate::doc::ir::Document;
use crate::model::Report;

/// The built-in templates, by file name.
pub const BUILTIN: &[(&str, &str)] = &[
    ("report.html", include_str!("../../templates/report.html")),
    ("preface.html", include_str!("../../templates/preface.html")),
    ("table2.html", include_str!("../../templates/table2.html")),
    ("table3.html", include_str!("../../templates/table3.html")),
    ("table4.html", include_str!("../../templates/table4.html")),
    ("fees.html", include_str!("../../templates/fees.html")),
];

/// The commented agency.toml that `govreport init` prints.
pub const INIT_TOML: &str = include_str!("../../templates/init.toml");

/// A template problem, located in the template file.
#[derive(Debug, Clone)]
pub struct TemplateError {
    /// Template file name (`report.html`), or empty for errors without one.
    pub template: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// The full report Tera produced (source line and caret).
    pub detail: String,
}

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.template.is_empty() {
            write!(f, "模板错误：{}", self.message)
        } else {
            write!(
                f,
                "模板 {}:{}:{} 有错误：{}",
                self.template, self.line, self.column, self.message
            )
        }
    }
}

impl From<tera::Error> for TemplateError {
    fn from(e: tera::Error) -> Self {
        use tera::ErrorKind;
        match e.kind() {
            ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => TemplateError {
                template: r.filename().to_string(),
                line: r.span().start_line,
                column: r.span().start_col + 1,
                message: r.message().to_string(),
                detail: e.to_string(),
            },
            _ => TemplateError {
                template: String::new(),
                line: 0,
                column: 0,
                message: e.to_string(),
                detail: e.to_string(),
            },
        }
    }
}

/// Markup one report may make: a real report's is far below 1 MB. Nested
/// loops in a profile's template ran until memory was gone.
const MARKUP_LIMIT: usize = 16 * 1024 * 1024;

/// Numbers `range` may produce over one report's render (Tera bounds one
/// call at 100 000, not a loop of calls: two nested ranges of 100 000 ran
/// for ever with no output to bound).
const RANGE_PER_RENDER: u64 = 200_000;

thread_local! {
    static RANGE_LEFT: Cell<u64> = const { Cell::new(RANGE_PER_RENDER) };
}

/// The markup as it is written, refusing past `MARKUP_LIMIT`.
struct Bounded {
    bytes: Vec<u8>,
    over: bool,
}

impl std::io::Write for Bounded {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > MARKUP_LIMIT {
            self.over = true;
            return Err(std::io::Error::other("markup limit"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Tera's `range` (start, end, step_by), drawing on the render's budget.
fn budgeted_range(kwargs: Kwargs, _: &State) -> TeraResult<Vec<i128>> {
    let start = kwargs.get::<i128>("start")?.unwrap_or_default();
    let end = kwargs.must_get::<i128>("end")?;
    let step = kwargs.get::<i128>("step_by")?.unwrap_or(1);
    if step == 0 {
        return Err(tera::Error::message("range 的 step_by 不能为 0"));
    }
    let (span, by) = if step > 0 {
        (end.saturating_sub(start), step)
    } else {
        (start.saturating_sub(end), step.saturating_neg())
    };
    let len = if span <= 0 {
        0
    } else {
        span.saturating_add(by - 1) / by
    };
    let left = RANGE_LEFT.with(Cell::get);
    if len > i128::from(left) {
        return Err(tera::Error::message(format!(
            "range 在一份报告中一共只能生成 {RANGE_PER_RENDER} 个数，这里还要 {len} 个：像是无尽的循环"
        )));
    }
    RANGE_LEFT.with(|l| l.set(left - len as u64));
    Ok((0..len)
        .map(|i| start.saturating_add(i.saturating_mul(step)))
        .collect())
}

/// Compiled templates: built once per run, used for every report.
pub struct Templates {
    tera: Tera,
}

impl Templates {
    /// The built-in templates.
    pub fn builtin() -> Result<Templates, TemplateError> {
        Self::with_overrides(&[])
    }

    /// Built-ins, with `overrides` (name, source) replacing those of the same name.
    pub fn with_overrides(overrides: &[(String, String)]) -> Result<Templates, TemplateError> {
        let mut tera = Tera::default();
        // Escape for XML: the markup is parsed as XHTML, and narrative must never
        // create elements (`<script>`, `&`) whatever the user typed.
        tera.autoescape_on(vec![".html"]);
        let mut all: Vec<(String, String)> = BUILTIN
            .iter()
            .filter(|(n, _)| !overrides.iter().any(|(o, _)| o == n))
            .map(|(n, s)| (n.to_string(), s.to_string()))
            .collect();
        all.extend(overrides.iter().cloned());
        tera.register_function("range", budgeted_range);
        tera.add_raw_templates(all)?;
        Ok(Templates { tera })
    }

    /// Renders a report to markup.
    pub fn markup(&self, report: &Report) -> Result<String, TemplateError> {
        self.markup_with(report, &crate::report::options::ReportOptions::default())
    }

    /// Renders a report to markup with a profile's report options (`style.*`).
    pub fn markup_with(
        &self,
        report: &Report,
        options: &crate::report::options::ReportOptions,
    ) -> Result<String, TemplateError> {
        let mut view = crate::report::view::context(report);
        view["style"] = serde_json::to_value(options).unwrap_or_default();
        let ctx = Context::from_serialize(&view)?;
        RANGE_LEFT.with(|left| left.set(RANGE_PER_RENDER));
        let mut out = Bounded {
            bytes: Vec::new(),
            over: false,
        };
        match self.tera.render_to("report.html", &ctx, &mut out) {
            Ok(()) => String::from_utf8(out.bytes).map_err(|e| TemplateError {
                template: String::new(),
                line: 0,
                column: 0,
                message: e.to_string(),
                detail: e.to_string(),
            }),
            Err(_) if out.over => {
                let message = format!(
                    "模板生成的内容超过 {} MB，像是无尽的循环（一份报告的内容远小于此）",
                    MARKUP_LIMIT / 1024 / 1024
                );
                Err(TemplateError {
                    template: String::new(),
                    line: 0,
                    column: 0,
                    detail: message.clone(),
                    message,
                })
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Report → markup → IR.
    pub fn build_with(
        &self,
        report: &Report,
        options: &crate::report::options::ReportOptions,
    ) -> Result<Document, BuildError> {
        let markup = self
            .markup_with(report, options)
            .map_err(BuildError::Template)?;
        crate::report::markup::parse(&markup).map_err(BuildError::Markup)
    }
}

/// Why a report could not be turned into a document.
#[derive(Debug, Clone)]
pub enum BuildError {
    Template(TemplateError),
    Markup(crate::report::markup::MarkupError),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Template(e) => write!(f, "{e}"),
            BuildError::Markup(e) => write!(f, "{e}"),
        }
    }
}

/// Report → markup → IR, with the built-in report options.
pub fn build(templates: &Templates, report: &Report) -> Result<Document, BuildError> {
    templates.build_with(report, &crate::report::options::ReportOptions::default())
}
