//! HTML writer (issue 6): a standalone HTML5 page or a CMS fragment.

use super::WriteOptions;
use crate::ir::Document;

/// Flipped to `true` when the writer is complete.
pub const AVAILABLE: bool = false;

pub fn render(_doc: &Document, _opts: &WriteOptions) -> Result<String, String> {
    Err("html 格式的输出尚未实现".into())
}
