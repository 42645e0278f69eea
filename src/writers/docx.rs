//! DOCX writer (issue 4): the report in the GB/T 9704 公文 layout.

use crate::ir::Document;
use crate::style::Style;

/// Flipped to `true` when the writer is complete.
pub const AVAILABLE: bool = false;

pub fn render(_doc: &Document, _style: &Style) -> Result<Vec<u8>, String> {
    Err("docx 格式的输出尚未实现".into())
}
