//! agency.toml → `Report`, reporting every structural problem of the file at
//! once, each located at the key or the exact number concerned.
//!
//! We walk toml's spanned document tree by hand instead of deriving
//! `Deserialize`: serde stops at the first error and loses the place of
//! every other one, while users fix a whole file per round.

mod keys;
pub mod schema;
mod sections;
mod syntax;
mod values;
pub mod workbook;

use std::ops::Range;
use std::path::Path;
use std::str::FromStr;

use rust_decimal::Decimal;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::model::diagnostic::Diagnostic;
use crate::model::parsed::Parsed;
use crate::model::source::{ReadError, SourceFile};
use crate::model::*;
use syntax::{nesting_too_deep, syntax_diagnostic};

pub use keys::{KNOWN_PATHS, suggest_key};

/// Counts above this are typing mistakes, not statistics.
pub const MAX_COUNT: u64 = 1_000_000_000;
/// `[extra]` is free-form; bound its depth so templates stay sane.
const MAX_EXTRA_DEPTH: usize = 16;

/// Parses the text of an agency file.
pub fn parse(text: &str) -> Parsed {
    let mut p = Parsed::default();
    if let Some(d) = nesting_too_deep(text) {
        p.diagnostics.push(d);
        p.syntax_error = true;
        return p;
    }
    let (doc, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        for e in errors {
            p.diagnostics.push(syntax_diagnostic(text, &e));
        }
        p.syntax_error = true;
        return p;
    }
    let mut w = Walker { p };
    let root = Tbl::root(doc.get_ref());
    w.read_root(root, doc.span());
    w.p
}

/// The agency's name and year of an agency file, read without checking
/// anything else: what the previous-year finder needs of every file beside
/// the input (a full parse of each would double a directory batch's work).
pub fn agency_identity(text: &str) -> Option<(String, i32)> {
    if nesting_too_deep(text).is_some() {
        return None;
    }
    let (doc, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        return None;
    }
    let root = Tbl::root(doc.get_ref());
    let DeValue::Table(agency) = root.get("agency")?.get_ref() else {
        return None;
    };
    let agency = Tbl::root(agency);
    let name = match agency.get("name")?.get_ref() {
        DeValue::String(s) => s.trim().to_string(),
        _ => return None,
    };
    let year = match agency.get("year")?.get_ref() {
        DeValue::Integer(i) => i.as_str().parse::<i32>().ok()?,
        _ => return None,
    };
    (!name.is_empty()).then_some((name, year))
}

/// Reads an agency file of either kind: agency.toml as it is, a workbook
/// as the agency-file text it stands for, with the cell of every value.
/// `-` is an agency.toml on standard input.
pub fn read_file(path: &Path) -> Result<SourceFile, ReadError> {
    if path == Path::new("-") {
        use std::io::Read;
        let limit = crate::model::source::MAX_INPUT;
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(ReadError::Io)?;
        if bytes.len() as u64 > limit {
            return Err(ReadError::Io(std::io::Error::new(
                std::io::ErrorKind::FileTooLarge,
                "超过 64 MB，不像是一份年度报告的文件",
            )));
        }
        return SourceFile::from_bytes("标准输入".into(), path, bytes);
    }
    if !workbook::is_workbook(path) {
        return SourceFile::read(path);
    }
    let bytes = crate::model::source::read_bounded(path, crate::model::source::MAX_INPUT)
        .map_err(ReadError::Io)?;
    let name = path.display().to_string();
    match workbook::read(&bytes) {
        Ok(read) => {
            let mut source = SourceFile::new(name, path, read.text);
            source.cells = Some(read.cells);
            Ok(source)
        }
        Err(message) => Err(ReadError::Workbook { name, message }),
    }
}

type Val<'i> = Spanned<DeValue<'i>>;

/// A path for a message: table cells by their labels, other keys in quotes.
fn quoted(path: &str) -> String {
    let d = describe_path(path);
    if d == path {
        format!("“{path}”")
    } else {
        d
    }
}

/// A table being read, with the keys consumed so far.
struct Tbl<'t, 'i> {
    path: String,
    table: &'t DeTable<'i>,
}

impl<'t, 'i> Tbl<'t, 'i> {
    fn root(table: &'t DeTable<'i>) -> Self {
        Tbl {
            path: String::new(),
            table,
        }
    }
    fn get(&self, key: &str) -> Option<&'t Val<'i>> {
        self.table
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == key)
            .map(|(_, v)| v)
    }
    fn child_path(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{}", self.path, key)
        }
    }
}

struct Walker {
    p: Parsed,
}

impl Walker {
    fn push(&mut self, d: Diagnostic) {
        self.p.diagnostics.push(d);
    }

    fn mark_broken(&mut self, path: &str) {
        for section in ["proactive", "requests", "reviews", "other", "agency"] {
            if path == section || path.starts_with(&format!("{section}.")) {
                self.p.broken.insert(section);
            }
        }
    }

    /// Records spans of every key and value of a table (for rules and unknown keys).
    fn record(&mut self, t: &Tbl) {
        for (k, v) in t.table.iter() {
            let path = t.child_path(k.get_ref());
            self.p.spans.insert_key(&path, k.span());
            self.p.spans.insert_value(&path, v.span());
        }
    }
}

#[cfg(test)]
mod tests;
