//! Writes the agency-file text a workbook stands for, value by value,
//! recording the cell each value came from (the map findings are located
//! with). Totals typed over their formulas become stated totals.

use super::cell::{literal, number, paragraphs, shown};
use super::layout::*;
use super::sheet::{Sheet, normalise_label};
use crate::model::cells::{CellMap, CellPlace};
use crate::model::quote::toml_string;
use crate::model::tables::{T3_COLUMNS, T3_OUTCOME_TOTAL_LABEL};

/// Builds the agency-file text and the cell of each value in it.
#[derive(Default)]
pub(super) struct Emitter {
    pub(super) text: String,
    pub(super) cells: CellMap,
}

impl Emitter {
    pub(super) fn line(&mut self, s: &str) {
        self.text.push_str(s);
        self.text.push('\n');
    }

    pub(super) fn raw(&mut self, s: &str) {
        self.text.push_str(s);
    }

    /// `key = literal`, the whole of it pointing at the cell.
    pub(super) fn value(
        &mut self,
        sheet: &Sheet,
        row: u32,
        col: u16,
        key: &str,
        kind: Kind,
    ) -> Option<CellPlace> {
        let lit = literal(sheet.get(row, col), kind)?;
        let start = self.text.len();
        self.text.push_str(key);
        self.text.push_str(" = ");
        self.text.push_str(&lit);
        let place = sheet.place(row, col);
        self.cells.insert(start..self.text.len(), place.clone());
        Some(place)
    }

    pub(super) fn labelled_value(
        &mut self,
        sheet: &Sheet,
        row: u32,
        col: u16,
        key: &str,
        kind: Kind,
        (t, r, c): (u8, &str, &str),
    ) {
        if let Some(place) = self.value(sheet, row, col, key, kind) {
            self.cells.insert_labelled(t, r, c, place);
        }
    }

    pub(super) fn field(&mut self, sheet: &Sheet, field: &Field, row: u32) {
        let key = field.path.rsplit_once('.').map_or(field.path, |(_, k)| k);
        if self.value(sheet, row, 1, key, field.kind).is_some() {
            self.text.push('\n');
        } else {
            // Left out (a blank date): a finding about it points at its cell.
            let start = self.text.len();
            self.text.push_str(&format!("# {key}\n"));
            self.cells
                .insert(start..self.text.len(), sheet.place(row, 1));
        }
    }

    pub(super) fn text_fields(&mut self, sheet: &Sheet, rows: &[Option<u32>], prefix: &str) {
        for (field, row) in TEXT_FIELDS.iter().zip(rows) {
            if field.path.starts_with(prefix) && field.kind == Kind::Text {
                self.field(sheet, field, row.expect("checked by the caller"));
            }
        }
    }

    /// `key = [a, b, …]`, each element pointing at its cell and the array
    /// as a whole (a wrong count, a whole-row rule) at `whole`.
    fn array(&mut self, key: &str, elements: Vec<(String, CellPlace)>, whole: Option<CellPlace>) {
        let start = self.text.len();
        self.text.push_str(key);
        self.text.push_str(" = [");
        for (n, (literal, place)) in elements.into_iter().enumerate() {
            if n > 0 {
                self.text.push_str(", ");
            }
            let s = self.text.len();
            self.text.push_str(&literal);
            self.cells.insert(s..self.text.len(), place);
        }
        self.text.push_str("]\n");
        if let Some(whole) = whole {
            self.cells.insert(start..self.text.len(), whole);
        }
    }

    /// A table row: its figures, and the 总计 when typed over its formula.
    pub(super) fn row(
        &mut self,
        sheet: &Sheet,
        row: u32,
        key: &str,
        cells: &[(u16, &str)],
        (t, label): (u8, &str),
    ) {
        let (total_col, total_label) = cells[cells.len() - 1];
        let stated = sheet.typed_over(row, total_col);
        let used = if stated {
            cells
        } else {
            &cells[..cells.len() - 1]
        };
        let mut elements = Vec::new();
        for &(col, col_label) in used {
            let place = sheet.place(row, col);
            self.cells
                .insert_labelled(t, label, col_label, place.clone());
            elements.push((number(sheet.get(row, col), false), place));
        }
        if !stated {
            self.cells
                .insert_labelled(t, label, total_label, sheet.place(row, total_col));
        }
        self.array(key, elements, Some(sheet.place(row, cells[0].0)));
    }

    /// （七）总计 typed over any of its formulas: the row as stated, with the
    /// computed sum where a formula still stands.
    pub(super) fn stated_outcome_total(&mut self, sheet: &Sheet, row: u32) {
        let cols: Vec<u16> = (0..7).map(|c| T3_FIRST_COL + c).collect();
        for (c, &col) in cols.iter().enumerate() {
            self.cells.insert_labelled(
                3,
                T3_OUTCOME_TOTAL_LABEL,
                T3_COLUMNS[c],
                sheet.place(row, col),
            );
        }
        if !cols.iter().any(|&c| sheet.typed_over(row, c)) {
            return;
        }
        let elements = cols
            .iter()
            .map(|&col| {
                let literal = if sheet.typed_over(row, col) {
                    number(sheet.get(row, col), false)
                } else {
                    // What the formula would show: the outcome rows' sum in this column.
                    (2..23)
                        .map(|i| {
                            number(sheet.get(t3_row(i), col), false)
                                .parse::<u64>()
                                .unwrap_or(0)
                        })
                        .fold(0u64, u64::saturating_add)
                        .to_string()
                };
                (literal, sheet.place(row, col))
            })
            .collect();
        self.array("total", elements, Some(sheet.place(row, cols[0])));
    }

    /// 六's paragraphs: every row labelled `六、其他需要报告的事项（第N段）`.
    pub(super) fn items(&mut self, sheet: &Sheet) {
        let end = sheet.values.end().map_or(0, |(r, _)| r);
        let elements: Vec<(String, CellPlace)> = (1..=end)
            .filter(|&r| sheet.text_at(r, 0).starts_with(ITEM_PREFIX))
            .filter(|&r| !shown(sheet.get(r, 1)).trim().is_empty())
            .map(|r| {
                (
                    toml_string(&paragraphs(&shown(sheet.get(r, 1)))),
                    sheet.place(r, 1),
                )
            })
            .collect();
        let whole = elements.first().map(|(_, p)| p.clone());
        self.array("items", elements, whole);
    }

    /// `[extra]` fields: 基本信息 rows labelled `附加字段：key`.
    pub(super) fn extra(&mut self, sheet: &Sheet) {
        let end = sheet.values.end().map_or(0, |(r, _)| r);
        let header = self.text.len();
        self.text.push_str("\n[extra]\n");
        let mut first_blank = None;
        for r in 1..=end {
            let label = sheet.text_at(r, 0);
            let Some(key) = label.strip_prefix(&normalise_label(EXTRA_PREFIX)) else {
                continue;
            };
            let key = key.trim();
            if key.is_empty() {
                continue;
            }
            let key = if key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            {
                key.to_string()
            } else {
                toml_string(key)
            };
            if shown(sheet.get(r, 1)).trim().is_empty() {
                first_blank.get_or_insert(r);
                continue;
            }
            if self.value(sheet, r, 1, &key, Kind::Text).is_some() {
                self.text.push('\n');
            }
        }
        // A required field left blank is missing from the text: its finding
        // points at `[extra]`, which stands for the first blank 附加字段 cell.
        if let Some(r) = first_blank {
            self.cells
                .insert(header..header + "\n[extra]\n".len(), sheet.place(r, 1));
        }
    }
}
