//! Audit of published reports: read the text as published (seeds: one cell
//! per line or tab-separated; `pdftotext -layout`: space-aligned columns with
//! page breaks), recognise title, sections and the three tables — tolerating
//! split labels, stray spaces, artefacts, blank cells and old formats — and
//! check them with the same rules as `check`, plus the audit rules (GR10xx).
//!
//! The recognised figures become a `Report` with spans pointing at the
//! numbers in the published text, so every finding is located.

pub mod export;
mod extract;
mod forms;
mod headings;
mod labels;
pub mod pdf;
pub mod readers;
mod recognise;
mod recognised;
mod runs;
mod tables;
mod text;

use std::path::Path;

pub use recognise::{Recognised, recognise};

use crate::model::date::Date;
use crate::model::diagnostic::Diagnostic;
use crate::model::source::{SourceFile, io_reason, read_bounded};
use crate::rules;

/// Longest published text we read (a real report is under 100 KB).
pub const MAX_TEXT: usize = 8 * 1024 * 1024;

/// Reads a published report as text lines: `.txt` (web or PDF extractions),
/// `.md` (Markdown, as converters and some CMS exports give it: read as its
/// plain text), `.html`/`.htm`, `.docx` and `.pdf`.
pub fn read(path: &Path) -> Result<SourceFile, String> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if !matches!(
        ext.as_str(),
        "txt" | "text" | "md" | "markdown" | "html" | "htm" | "docx" | "pdf"
    ) {
        return Err("只能审核 .txt、.md、.html、.docx、.pdf 格式的报告".into());
    }
    let bytes = read_bounded(path, MAX_TEXT as u64).map_err(|e| {
        if e.kind() == std::io::ErrorKind::FileTooLarge {
            format!(
                "{} 超过 8 MB，不像是一份年度报告（上限 8 MB）",
                path.display()
            )
        } else {
            format!("无法读取 {}：{}", path.display(), io_reason(&e))
        }
    })?;
    let text = text_of(&ext, bytes).map_err(|e| match ext.as_str() {
        // The HTML reader's own words already say what is wrong with the page.
        "html" | "htm" => e,
        _ => format!("{}：{e}", path.display()),
    })?;
    Ok(SourceFile::new(path.display().to_string(), path, text))
}

/// The text of a published report held in memory, by its kind (`txt`,
/// `html`, `docx`, `pdf`): what `read` does after reading the file.
pub fn text_of(ext: &str, bytes: Vec<u8>) -> Result<String, String> {
    if bytes.len() > MAX_TEXT {
        return Err("超过 8 MB，不像是一份年度报告（上限 8 MB）".into());
    }
    Ok(match ext {
        "html" | "htm" => readers::html(&bytes)?,
        "docx" => readers::docx(&bytes)?,
        "pdf" => pdf::text(&bytes)?,
        _ => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                // Pages saved from Chinese sites are often GBK.
                let (t, _, bad) = encoding_rs::GBK.decode(e.as_bytes());
                if bad {
                    return Err("既不是 UTF-8 也不是 GBK 编码的文本".into());
                }
                t.into_owned()
            }
        },
    })
}

/// Audits one published text: recognition findings, then the rules.
pub fn audit(source: &SourceFile, today: Date) -> (Recognised, Vec<Diagnostic>) {
    audit_with(source, today, None)
}

/// `audit` against last year's report (上年结转, 现行有效件数, 内容雷同).
pub fn audit_with(
    source: &SourceFile,
    today: Date,
    previous: Option<crate::rules::Previous>,
) -> (Recognised, Vec<Diagnostic>) {
    // The rules quote the prose as `recognise` read it: plain, made once.
    let text = forms::plain(&source.text);
    let rec = recognise::recognise_plain(&text);
    let mut diags = crate::rules::audit_published(&rec.published);
    let parsed = crate::model::parsed::Parsed {
        report: rec.report.clone(),
        spans: rec.spans.clone(),
        diagnostics: Vec::new(),
        broken: rec.broken.clone(),
        read_whole: rec.read_whole.clone(),
        syntax_error: false,
    };
    let cx_diags = crate::rules::check_with(
        &parsed,
        &text,
        today,
        previous,
        &crate::rules::Config::default(),
    );
    // Rules about the input file itself do not apply to a published text;
    // some are held otherwise there (`Rule::on_published`).
    let cut = rec.cut.is_some();
    diags.extend(cx_diags.into_iter().filter_map(|mut d| {
        let Some(rule) = rules::lookup(d.code) else {
            return Some(d);
        };
        if !rule.applies.to_published() {
            return None;
        }
        if let Some(o) = rule.on_published {
            if o.needs_whole_text && cut {
                return None;
            }
            d.severity = o.severity;
            d.note = Some(o.note.into());
        }
        Some(d)
    }));
    // Paged input (PDF, pdftotext output): the page of each finding.
    if source.text.contains('\u{c}') {
        for d in diags.iter_mut() {
            if let Some(span) = &d.span {
                let at = span.start.min(source.text.len());
                d.page = Some(source.text[..at].matches('\u{c}').count() as u32 + 1);
            }
        }
    }
    crate::model::diagnostic::sort(&mut diags);
    (rec, diags)
}
