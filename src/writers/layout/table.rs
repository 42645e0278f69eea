//! Column widths of a table within a given width, shared by the writers
//! that place tables themselves (docx, pdf): labels get room to stay
//! readable, figures stay narrow, merged row labels read like vertical text.

use crate::doc::ir::Table;

/// Widths (same unit as `total`) summing exactly to `total`. `char_w` is the
/// width of one 汉字 at the table's font size, `pad` a cell's horizontal padding.
pub fn column_widths(t: &Table, total: f32, char_w: f32, pad: f32) -> Vec<f32> {
    let Ok(grid) = t.grid() else {
        return vec![total / t.columns.max(1) as f32; t.columns];
    };
    let mut want = vec![2.0 * char_w + pad; t.columns];
    for (r, row) in grid.iter().enumerate() {
        for (c, slot) in row.iter().enumerate() {
            let cell = t.cell(*slot);
            let origin = slot.row == r && (c == 0 || row[c - 1] != *slot);
            if !origin || cell.colspan != 1 {
                continue;
            }
            let chars = cell
                .text
                .chars()
                .map(|ch| if ch.is_ascii() { 0.55 } else { 1.0 })
                .sum::<f32>();
            // Header labels over figures wrap at 3 characters, merged row labels
            // (三、本年度办理结果) at 4, other labels at 14.
            let cap = if cell.numeric {
                chars.max(2.0)
            } else if r < t.header_rows {
                3.0
            } else if cell.rowspan > 1 {
                4.0
            } else {
                14.0
            };
            want[c] = want[c].max(chars.min(cap) * char_w + pad);
        }
    }
    let sum: f32 = want.iter().sum();
    want.iter().map(|w| w / sum * total).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::ir::Cell;

    #[test]
    fn widths_sum_to_total_and_labels_are_wider() {
        let c = |t: &str, numeric: bool| Cell {
            text: t.into(),
            rowspan: 1,
            colspan: 1,
            header: !numeric,
            numeric,
        };
        let t = Table {
            id: "x".into(),
            caption: String::new(),
            columns: 2,
            header_rows: 0,
            rows: vec![vec![c("行政规范性文件", false), c("12", true)]],
        };
        let w = column_widths(&t, 100.0, 10.0, 2.0);
        assert!((w.iter().sum::<f32>() - 100.0).abs() < 1e-3);
        assert!(w[0] > w[1]);
    }
}
