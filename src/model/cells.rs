//! Where the values of a workbook came from: the agency file a workbook
//! is read into is TOML text made by the reader, so a finding's byte range
//! in that text is turned back into the sheet and cell the user typed in.

use std::ops::Range;

/// One cell of a workbook, as the user knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellPlace {
    pub sheet: String,
    /// A1 reference, e.g. `D7`.
    pub cell: String,
    /// The cell's content as typed (for the message), empty when blank.
    pub shown: String,
    /// Its row (and column) label as the sheet shows it, for help texts.
    pub label: String,
}

/// Byte ranges of the generated text → cells, and table cells by labels.
#[derive(Debug, Clone, Default)]
pub struct CellMap {
    spans: Vec<(Range<usize>, CellPlace)>,
    /// (table, row label, column label) → index into `spans`' places.
    labelled: Vec<((u8, String, String), CellPlace)>,
    /// Where a finding with no place of its own points (the first sheet).
    pub fallback: Option<CellPlace>,
}

impl CellMap {
    pub fn insert(&mut self, span: Range<usize>, place: CellPlace) {
        self.spans.push((span, place));
    }

    pub fn insert_labelled(&mut self, table: u8, row: &str, column: &str, place: CellPlace) {
        self.labelled
            .push(((table, row.to_string(), column.to_string()), place));
    }

    /// The cell a finding is about: by its table labels when it names a
    /// cell (a rule on a whole row still knows its column), else the
    /// narrowest recorded range holding the start of its span.
    pub fn locate(
        &self,
        span: Option<&Range<usize>>,
        cell: Option<(u8, &str, &str)>,
    ) -> Option<&CellPlace> {
        if let Some((t, row, col)) = cell {
            let hit = self.labelled.iter().find(|((lt, lr, lc), _)| {
                *lt == t && lc == col && (lr == row || row.ends_with(lr.as_str()))
            });
            if let Some((_, p)) = hit {
                return Some(p);
            }
        }
        let span = span?;
        self.spans
            .iter()
            .filter(|(r, _)| r.start <= span.start && span.start < r.end.max(r.start + 1))
            .min_by_key(|(r, _)| r.end - r.start)
            .map(|(_, p)| p)
            .or(self.fallback.as_ref())
    }
}

/// `(row, col)` 0-based → `D7`.
pub fn a1(row: u32, col: u16) -> String {
    let mut letters = Vec::new();
    let mut c = u32::from(col) + 1;
    while c > 0 {
        let rem = (c - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", letters.into_iter().collect::<String>(), row + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a1_references() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(6, 3), "D7");
        assert_eq!(a1(9, 25), "Z10");
        assert_eq!(a1(0, 26), "AA1");
        assert_eq!(a1(0, 701), "ZZ1");
        assert_eq!(a1(0, 702), "AAA1");
    }

    #[test]
    fn narrowest_range_wins() {
        let p = |c: &str| CellPlace {
            sheet: "表三".into(),
            cell: c.into(),
            shown: String::new(),
            label: String::new(),
        };
        let mut m = CellMap::default();
        m.insert(0..20, p("D5"));
        m.insert(3..5, p("E5"));
        assert_eq!(m.locate(Some(&(4..6)), None).unwrap().cell, "E5");
        assert_eq!(m.locate(Some(&(10..12)), None).unwrap().cell, "D5");
        m.insert_labelled(3, "一、本年新收政府信息公开申请数量", "自然人", p("D5"));
        let hit = m.locate(
            Some(&(4..6)),
            Some((3, "一、本年新收政府信息公开申请数量", "自然人")),
        );
        assert_eq!(hit.unwrap().cell, "D5");
    }
}
