//! Templates: report wording lives here, not in code. Built-ins are embedded
//! in the binary; a profile directory may override any of them by name.

use tera::{Context, Tera};

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
        Ok(self.tera.render("report.html", &ctx)?)
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
