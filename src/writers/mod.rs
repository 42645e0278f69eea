//! Writers: document IR → bytes of one format. They know the IR and the
//! style only — never the model or the rules.

pub mod docx;
pub mod fonts;
pub mod html;
pub mod layout;
pub mod pdf;
pub mod txt;

use crate::doc::ir::Document;
use crate::doc::style::Style;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Txt,
    Html,
    Docx,
    Pdf,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Txt, Format::Html, Format::Docx, Format::Pdf];

    pub fn parse(s: &str) -> Option<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Format::Txt),
            "html" | "htm" => Some(Format::Html),
            "docx" => Some(Format::Docx),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }

    pub fn ext(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }
}

/// What a writer may be asked besides the document.
#[derive(Debug, Clone, Default)]
pub struct WriteOptions {
    pub style: Style,
    /// HTML: only the article body, with class names and no inline styles.
    pub fragment: bool,
    /// PDF: produce PDF/A-2b (validated by krilla).
    pub pdf_a2b: bool,
    /// Where relative font files of a profile are found.
    pub base_dir: Option<std::path::PathBuf>,
}

/// A written file and what the user should know about it.
pub struct Written {
    pub bytes: Vec<u8>,
    /// E.g. characters no chosen font can show.
    pub warnings: Vec<String>,
}

/// Renders a document in one format.
pub fn write(format: Format, doc: &Document, opts: &WriteOptions) -> Result<Written, String> {
    let plain = |bytes: Vec<u8>| Written {
        bytes,
        warnings: Vec::new(),
    };
    match format {
        Format::Txt => Ok(plain(txt::render(doc).into_bytes())),
        Format::Html => html::render(doc, opts).map(|s| plain(s.into_bytes())),
        Format::Docx => docx::render(doc, &opts.style, opts.base_dir.as_deref())
            .map(|(bytes, warnings)| Written { bytes, warnings }),
        Format::Pdf => pdf::render(doc, opts).map(|r| Written {
            bytes: r.bytes,
            warnings: r.warnings,
        }),
    }
}
