//! Column widths of a table within a given width, shared by the writers
//! that place tables themselves (docx, pdf): labels get room to stay
//! readable, figures stay narrow, merged row labels read like vertical text.
//! `fit_columns` measures real text: what must never break (figures, short
//! head labels, group labels) gets its full width, or the table does not fit.

use crate::doc::ir::{Cell, Table};

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

/// A row of labels only (column headings, table 二's block headings): kept
/// with the row after it and centred.
pub fn is_heading_row(t: &Table, r: usize) -> bool {
    heading_rows(t).get(r).copied().unwrap_or(false)
}

/// `is_heading_row` of every row, from one expansion of the grid.
pub fn heading_rows(t: &Table) -> Vec<bool> {
    let Ok(grid) = t.grid() else {
        return vec![false; t.rows.len()];
    };
    grid.iter()
        .map(|row| row.iter().all(|s| t.cell(*s).header && !t.cell(*s).numeric))
        .collect()
}

/// Whether a cell's text must stay on one line: figures, head labels of up
/// to three characters (`自然人`, `总计`), group labels of up to seven
/// (`（三）不予公开`). Four-character head labels break only in halves.
/// `heading`: the cell's row is a head row or a row of labels only.
pub fn unbreakable(t: &Table, r: usize, heading: bool, cell: &Cell) -> bool {
    let chars = cell.text.chars().count();
    cell.numeric
        || (heading && chars <= 3)
        || (cell.rowspan > 1 && r >= t.header_rows && chars <= 7)
}

/// Column widths from the measured text. Every unbreakable cell fits on
/// one line; breakable labels get at least two characters (head labels),
/// three (group labels) or four (row labels). What is left goes first to
/// row labels (up to fourteen characters: fewer lines, a shorter table),
/// then to head labels (up to their whole width), then in proportion.
/// `None` when the unbreakable text alone is wider than `total` (shrink the
/// type and retry).
/// `own_labels`: the writer sets table 三's group label `三、本年度办理结果`
/// one character a line and breaks the fixed labels only between their
/// words (the PDF): that column is one character wide, and a group label
/// may break between its words to leave the row labels room.
pub fn fit_columns(
    t: &Table,
    total: f32,
    pad: f32,
    em: f32,
    own_labels: bool,
    measure: impl Fn(&str) -> f32 + Copy,
) -> Option<Vec<f32>> {
    let whole = fit(t, total, pad, em, own_labels, false, measure);
    if !own_labels {
        return whole.map(|(w, _)| w);
    }
    // Group labels (（三）不予公开) stay whole unless that leaves the row
    // labels beside them under eight characters (4号 table type: four).
    let enough = 8.0 * em + pad;
    match whole {
        Some((w, narrowest)) if narrowest >= enough => Some(w),
        whole => {
            let broken = fit(t, total, pad, em, own_labels, true, measure);
            match (whole, broken) {
                (Some((w, a)), Some((_, b))) if a >= b => Some(w),
                (_, Some((w, _))) => Some(w),
                (whole, None) => whole.map(|(w, _)| w),
            }
        }
    }
}

/// `fit_columns`, with group labels breakable or not; also the width of
/// the narrowest column that holds a breakable row label.
fn fit(
    t: &Table,
    total: f32,
    pad: f32,
    em: f32,
    own_labels: bool,
    break_groups: bool,
    measure: impl Fn(&str) -> f32,
) -> Option<(Vec<f32>, f32)> {
    let grid = t.grid().ok()?;
    let mut row_label_cols: Vec<usize> = Vec::new();
    let n = t.columns;
    let floor = vec![em + pad; n];
    // Three tiers of wishes per column: must, row labels, head labels.
    let mut tiers = [floor.clone(), floor.clone(), floor];
    let width = |text: &str| text.split('\n').map(&measure).fold(0.0f32, f32::max);
    let mut spanning = Vec::new();
    let labels_only = heading_rows(t);
    for (r, row) in grid.iter().enumerate() {
        let heading = r < t.header_rows || labels_only[r];
        for (c, slot) in row.iter().enumerate() {
            let origin = slot.row == r && (c == 0 || row[c - 1] != *slot);
            if !origin {
                continue;
            }
            let cell = t.cell(*slot);
            let w = width(&cell.text);
            let wish = if own_labels && cell.text == crate::model::tables::T3_OUTCOME_GROUP {
                // Set vertically: one character wide.
                let one = cell
                    .text
                    .chars()
                    .map(|c| measure(c.encode_utf8(&mut [0; 4])))
                    .fold(0.0f32, f32::max);
                [one, one, one]
            } else if break_groups
                && cell.rowspan > 1
                && r >= t.header_rows
                && let Some(words) = crate::model::tables::label_words(&cell.text)
            {
                // A group label (（三）不予公开) whole when there is room; in
                // type too large for that (a 4号 profile), broken between its
                // words: the row labels beside it grow first (they were
                // squeezed to four characters, `4.保护第/三方合/法权益`).
                let word = words.iter().map(|x| measure(x)).fold(0.0f32, f32::max);
                [word, word, w]
            } else if unbreakable(t, r, heading, cell) {
                [w, w, w]
            } else if heading {
                let lo = (2.0 * em).min(w);
                [lo, lo, w]
            } else if cell.rowspan > 1 {
                let lo = (3.0 * em).min(w);
                [lo, lo, w.min(4.0 * em)]
            } else {
                if cell.colspan == 1 {
                    row_label_cols.push(c);
                }
                let (lo, hi) = ((4.0 * em).min(w), w.min(14.0 * em));
                [lo, hi, hi]
            };
            if cell.colspan == 1 {
                for (tier, want) in tiers.iter_mut().zip(wish) {
                    tier[c] = tier[c].max(want + pad);
                }
            } else {
                spanning.push((c, cell.colspan, wish));
            }
        }
    }
    // A spanning cell shares its need among the columns it covers.
    for (c, span, wish) in spanning {
        for (tier, want) in tiers.iter_mut().zip(wish) {
            let need = want + pad * span as f32;
            let have: f32 = tier[c..c + span].iter().sum();
            if need > have {
                for x in &mut tier[c..c + span] {
                    *x += (need - have) / span as f32;
                }
            }
        }
    }
    // Each tier at least the one before it.
    for k in 1..3 {
        for c in 0..n {
            tiers[k][c] = tiers[k][c].max(tiers[k - 1][c]);
        }
    }
    let mut widths = tiers[0].clone();
    let mut left = total - widths.iter().sum::<f32>();
    if left < -0.01 {
        return None;
    }
    for tier in &tiers[1..] {
        let want: f32 = tier.iter().zip(&widths).map(|(t, w)| t - w).sum();
        if want <= 0.0 {
            continue;
        }
        let k = (left / want).min(1.0);
        for c in 0..n {
            widths[c] += (tier[c] - widths[c]) * k;
        }
        left -= want * k;
        if left <= 0.0 {
            break;
        }
    }
    if left > 0.0 {
        let sum: f32 = widths.iter().sum();
        for w in &mut widths {
            *w += left * *w / sum;
        }
    }
    let narrowest = row_label_cols
        .iter()
        .map(|&c| widths[c])
        .fold(f32::INFINITY, f32::min);
    Some((widths, narrowest))
}

/// Breaks a fixed label into lines of at most `max` between its words,
/// in lines as even as the count allows (`第一项加第二项/之和，…`); a
/// word wider than the cell alone is broken by characters.
pub fn wrap_words(words: &[&str], max: f32, measure: impl Fn(&str) -> f32 + Copy) -> Vec<String> {
    let lines = |w: f32| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut cur = String::new();
        for word in words {
            let joined = format!("{cur}{word}");
            if !cur.is_empty() && measure(&joined) > w + 1e-3 {
                out.push(std::mem::replace(&mut cur, word.to_string()));
            } else {
                cur = joined;
            }
        }
        out.push(cur);
        out.into_iter()
            .flat_map(|l| {
                if measure(&l) > w + 1e-3 {
                    super::linebreak::break_lines_at_urls(&l, w, measure)
                        .into_iter()
                        .map(|r| l[r].to_string())
                        .collect()
                } else {
                    vec![l]
                }
            })
            .collect()
    };
    balanced(max, lines)
}

/// The lines `lines` makes at the narrowest width up to `max` that needs no
/// more of them than `max` does: lines as even as their count allows, so a
/// label never leaves one character alone on its last line (`…禁止公/开`).
pub fn balanced(max: f32, lines: impl Fn(f32) -> Vec<String>) -> Vec<String> {
    let first = lines(max);
    if first.len() < 2 {
        return first;
    }
    let (mut lo, mut hi) = (max / first.len() as f32, max);
    for _ in 0..16 {
        let mid = (lo + hi) / 2.0;
        if lines(mid).len() > first.len() {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    lines(hi)
}

/// Lines of a head label too wide for its cell: equal runs of characters,
/// in pairs where the label has an even length (`社会公益/组织`,
/// `结果/维持`), so words of two characters stay whole.
pub fn head_label_lines(text: &str, max: f32, em: f32) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let len = chars.len();
    let maxc = ((max / em) + 0.01).floor().max(1.0) as usize;
    if len <= maxc {
        return vec![text.to_string()];
    }
    let lines = len.div_ceil(maxc);
    let mut per = len.div_ceil(lines);
    if len.is_multiple_of(2) && per % 2 == 1 && per < maxc {
        per += 1;
    }
    chars.chunks(per).map(|c| c.iter().collect()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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

#[cfg(test)]
mod fit_tests {
    use super::*;

    fn cell(t: &str, numeric: bool) -> Cell {
        Cell {
            text: t.into(),
            rowspan: 1,
            colspan: 1,
            header: !numeric,
            numeric,
        }
    }

    /// One em per character, half an em per ASCII character.
    fn measure(s: &str) -> f32 {
        s.chars()
            .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
            .sum()
    }

    #[test]
    fn short_head_labels_and_figures_get_their_whole_width() {
        let t = Table {
            id: "x".into(),
            caption: String::new(),
            columns: 3,
            header_rows: 1,
            rows: vec![
                vec![
                    cell("标签", false),
                    cell("自然人", false),
                    cell("总计", false),
                ],
                vec![
                    cell("2.其他法律行政法规禁止公开", false),
                    cell("1234567", true),
                    cell("9", true),
                ],
            ],
        };
        let w = fit_columns(&t, 22.0, 0.5, 1.0, false, measure).unwrap();
        assert!((w.iter().sum::<f32>() - 22.0).abs() < 1e-3);
        assert!(w[1] >= 3.5 && w[2] >= 2.5, "{w:?}");
        // Row labels get their room before anything else grows.
        assert!(w[0] >= 14.0, "{w:?}");
        // Too narrow for what must not break: the caller shrinks the type.
        assert!(fit_columns(&t, 8.0, 0.5, 1.0, false, measure).is_none());
    }
}

#[test]
fn head_labels_break_in_pairs() {
    assert_eq!(
        head_label_lines("社会公益组织", 4.0, 1.0),
        ["社会公益", "组织"]
    );
    assert_eq!(
        head_label_lines("社会公益组织", 2.5, 1.0),
        ["社会", "公益", "组织"]
    );
    assert_eq!(head_label_lines("结果维持", 3.0, 1.0), ["结果", "维持"]);
    assert_eq!(head_label_lines("总计", 3.0, 1.0), ["总计"]);
}
