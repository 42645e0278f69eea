//! What the recogniser read from a published report: the model with spans
//! into the published text, what the reading found (`Published`), and what
//! it could not read.

use std::collections::HashSet;

use crate::model::Report;
use crate::model::published::Published;
use crate::model::spans::SpanMap;

/// What was read from a published text.
#[derive(Debug, Clone, Default)]
pub struct Recognised {
    pub report: Report,
    pub spans: SpanMap,
    /// What the reading found, for the GR10xx rules.
    pub published: Published,
    /// What could not be read, for `import` to mention.
    pub unread: Vec<String>,
    /// Model sections not to be checked: tables absent, cut off or past
    /// the end of an incomplete text (no rule sums or compares them).
    pub broken: HashSet<&'static str>,
    /// Rows of a broken table read whole before the cut (`Parsed::read_whole`).
    pub read_whole: HashSet<&'static str>,
    /// Where an incomplete text stops (byte offset), when it does.
    pub cut: Option<usize>,
}
