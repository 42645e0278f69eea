//! A report as read from a file, ready for the rules: the model, where each
//! key and value stands in the file, what reading it found, and which
//! sections could not be read whole. Both readers (agency.toml and published
//! reports) produce it; the rules consume it.

use std::collections::HashSet;

use super::diagnostic::Diagnostic;
use super::report::Report;
use super::spans::SpanMap;

/// The result of reading one file.
#[derive(Debug, Default)]
pub struct Parsed {
    pub report: Report,
    pub spans: SpanMap,
    pub diagnostics: Vec<Diagnostic>,
    /// Sections whose figures could not all be read: arithmetic rules skip
    /// them so one typo does not cascade into a page of follow-up errors.
    pub broken: HashSet<&'static str>,
    /// Rows of a broken section read whole nonetheless, by model path
    /// (`requests.received`): the rows of a cut text's table before the cut,
    /// which the prose may still be compared with.
    pub read_whole: HashSet<&'static str>,
    /// The file did not even parse.
    pub syntax_error: bool,
}
