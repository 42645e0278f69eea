//! Writers: document IR → bytes of one format. They know the IR only.

pub mod txt;

/// An output format and whether this build can write it.
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

    /// Whether this build has a writer for the format yet.
    pub fn available(self) -> bool {
        matches!(self, Format::Txt)
    }
}

/// Renders a document in one format.
pub fn write(format: Format, doc: &crate::ir::Document) -> Result<Vec<u8>, String> {
    match format {
        Format::Txt => Ok(txt::render(doc).into_bytes()),
        other => Err(format!("{} 格式的输出尚未实现", other.ext())),
    }
}
