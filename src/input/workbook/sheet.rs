//! One sheet of a workbook as the reader sees it: values and formulas by
//! position, labels compared as a person reads them, and the place of a
//! cell (sheet, A1 reference, content, row and column labels) for findings.

use calamine::{Data, Range};

use super::cell::shown;
use super::layout::{T2, T3, T4};
use crate::model::cells::{CellPlace, a1};
use crate::model::tables::T4_ROWS;

/// One sheet's values and formulas.
pub(super) struct Sheet {
    pub(super) name: String,
    pub(super) values: Range<Data>,
    pub(super) formulas: Option<Range<String>>,
}

impl Sheet {
    pub(super) fn get(&self, row: u32, col: u16) -> &Data {
        self.values
            .get_value((row, u32::from(col)))
            .unwrap_or(&Data::Empty)
    }

    pub(super) fn has_formula(&self, row: u32, col: u16) -> bool {
        self.formulas
            .as_ref()
            .and_then(|f| f.get_value((row, u32::from(col))))
            .is_some_and(|f| !f.trim().is_empty())
    }

    /// A number typed where the workbook has a formula (a stated total),
    /// or typed into a cell whose formula was deleted.
    pub(super) fn typed_over(&self, row: u32, col: u16) -> bool {
        !self.has_formula(row, col) && !matches!(self.get(row, col), Data::Empty)
    }

    pub(super) fn text_at(&self, row: u32, col: u16) -> String {
        match self.get(row, col) {
            Data::String(s) => normalise_label(s),
            _ => String::new(),
        }
    }

    pub(super) fn has_label(&self, row: u32, col: u16, label: &str) -> bool {
        self.text_at(row, col) == normalise_label(label)
    }

    /// The first row at or below `from` whose cell in `col` is `label`
    /// (rows may have been inserted above it).
    pub(super) fn find_label(&self, col: u16, label: &str, from: u32) -> Option<u32> {
        let end = self.values.end().map_or(0, |(r, _)| r);
        let want = normalise_label(label);
        (from..=end).find(|&r| self.text_at(r, col) == want)
    }

    pub(super) fn place(&self, row: u32, col: u16) -> CellPlace {
        CellPlace {
            sheet: self.name.clone(),
            cell: a1(row, col),
            shown: shown(self.get(row, col)),
            label: self.label_of(row, col),
        }
    }

    /// What a person reads beside and above a cell: its row label, and in
    /// a table its column label (merged labels stand in their first cell).
    fn label_of(&self, row: u32, col: u16) -> String {
        let first = |cells: &[(u32, u16)]| {
            cells
                .iter()
                .map(|&(r, c)| self.text_at(r, c))
                .find(|t| !t.is_empty())
                .unwrap_or_default()
        };
        let (row_label, col_label) = match self.name.as_str() {
            T3 => (
                first(&[(row, 2), (row, 1), (row, 0)]),
                first(&[(3, col), (2, col)]),
            ),
            T2 => {
                // The column heads are the nearest 信息内容 row above; a merged
                // head stands in its first cell (column B).
                let head = (1..row)
                    .rev()
                    .find(|&r| self.text_at(r, 0) == "信息内容")
                    .unwrap_or(0);
                (first(&[(row, 0)]), first(&[(head, col), (head, 1)]))
            }
            T4 => (
                T4_ROWS
                    .get(usize::from(col) / 5)
                    .map_or(String::new(), |(_, l)| (*l).to_string()),
                first(&[(3, col), (2, col)]),
            ),
            _ => (first(&[(row, 0)]), String::new()),
        };
        match (row_label.is_empty(), col_label.is_empty()) {
            (false, false) => format!("{row_label}／{col_label}"),
            (false, true) => row_label,
            (true, _) => col_label,
        }
    }
}

/// Labels compare without the spaces and line breaks a person may add.
pub(super) fn normalise_label(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}
