//! Plain text: to paste into a CMS or read in a terminal. Tables are drawn
//! with ASCII rules (`+-|`) because box-drawing characters are "ambiguous
//! width" and turn double-width on Chinese terminals, breaking alignment;
//! 汉字 count as two columns. Cell text is never wrapped: every official
//! label stays verbatim and searchable in the text (at the cost of wide
//! tables — table 三 is about 190 columns).

use unicode_width::UnicodeWidthStr;

use crate::doc::ir::*;
use crate::writers::layout::linebreak::break_lines;

/// Width the signature is right-aligned to (display columns).
const PAGE_WIDTH: usize = 72;
/// Widest a cell grows before wrapping (display columns): wide enough that
/// no official label wraps; only explicit line breaks (`<br/>`) do.
const LABEL_CAP: usize = 400;
const NUMBER_CAP: usize = 400;

pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        match block {
            Block::Title(t) => {
                for line in t.lines() {
                    let pad = PAGE_WIDTH.saturating_sub(line.width()) / 2;
                    out.push_str(&" ".repeat(pad));
                    out.push_str(line);
                    out.push('\n');
                }
                out.push('\n');
            }
            Block::Heading { level, text } => {
                if *level == 1 && i > 0 {
                    out.push('\n');
                }
                out.push_str(text);
                out.push('\n');
            }
            Block::Paragraph(p) => match p.style {
                ParaStyle::Body => {
                    out.push_str("　　");
                    out.push_str(&p.text);
                    out.push('\n');
                }
                ParaStyle::Signature => {
                    if !matches!(doc.blocks.get(i.wrapping_sub(1)), Some(Block::Paragraph(q)) if q.style == ParaStyle::Signature)
                    {
                        out.push('\n');
                    }
                    out.push_str(&" ".repeat(PAGE_WIDTH.saturating_sub(p.text.width())));
                    out.push_str(&p.text);
                    out.push('\n');
                }
            },
            Block::Table(t) => {
                out.push_str(&table(t));
            }
        }
    }
    out
}

fn wrap(text: &str, width: usize) -> Vec<String> {
    text.split('\n')
        .flat_map(|para| {
            break_lines(para, width as f32, |s| s.width() as f32)
                .into_iter()
                .map(|r| para[r].trim_end().to_string())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Draws a table with merged cells.
pub fn table(t: &Table) -> String {
    let Ok(grid) = t.grid() else {
        return String::new();
    };
    let nrows = grid.len();
    let ncols = t.columns;
    if nrows == 0 || ncols == 0 {
        return String::new();
    }
    // Columns holding figures in the body are narrow; others hold labels.
    let numeric_col: Vec<bool> = (0..ncols)
        .map(|c| (t.header_rows..nrows).any(|r| t.cell(grid[r][c]).numeric))
        .collect();
    let cap = |c: usize| {
        if numeric_col[c] {
            NUMBER_CAP
        } else {
            LABEL_CAP
        }
    };

    // Origins of each cell: (row, col, cell).
    let mut origins = Vec::new();
    for r in 0..nrows {
        for c in 0..ncols {
            let s = grid[r][c];
            if (r == 0 || grid[r - 1][c] != s) && (c == 0 || grid[r][c - 1] != s) {
                origins.push((r, c, t.cell(s)));
            }
        }
    }

    // Column content widths: single-column cells first, then spanning cells widen.
    let mut width = vec![1usize; ncols];
    let natural = |cell: &Cell, limit: usize| -> usize {
        if cell.numeric {
            cell.text.width()
        } else {
            wrap(&cell.text, limit)
                .iter()
                .map(|l| l.width())
                .max()
                .unwrap_or(0)
        }
    };
    for &(_, c, cell) in origins.iter().filter(|o| o.2.colspan == 1) {
        width[c] = width[c].max(natural(cell, cap(c)));
    }
    let mut spanning: Vec<_> = origins.iter().filter(|o| o.2.colspan > 1).collect();
    spanning.sort_by_key(|o| o.2.colspan);
    for &&(_, c, cell) in &spanning {
        let cols = c..c + cell.colspan;
        let limit: usize = cols.clone().map(cap).sum::<usize>() + 3 * (cell.colspan - 1);
        let need = natural(cell, limit);
        let have: usize = cols.clone().map(|k| width[k]).sum::<usize>() + 3 * (cell.colspan - 1);
        if need > have {
            let extra = need - have;
            for (i, k) in cols.clone().enumerate() {
                width[k] += extra / cell.colspan + usize::from(i < extra % cell.colspan);
            }
        }
    }
    let inner = |c: usize, span: usize| -> usize {
        (c..c + span).map(|k| width[k]).sum::<usize>() + 3 * (span - 1)
    };

    // Wrapped text per origin, then row heights.
    let texts: Vec<Vec<String>> = origins
        .iter()
        .map(|&(_, c, cell)| {
            if cell.numeric {
                vec![cell.text.clone()]
            } else {
                wrap(&cell.text, inner(c, cell.colspan))
            }
        })
        .collect();
    let mut height = vec![1usize; nrows];
    for (o, lines) in origins.iter().zip(&texts) {
        if o.2.rowspan == 1 {
            height[o.0] = height[o.0].max(lines.len());
        }
    }
    for (o, lines) in origins.iter().zip(&texts) {
        let (r, _, cell) = *o;
        if cell.rowspan > 1 {
            let have: usize =
                (r..r + cell.rowspan).map(|k| height[k]).sum::<usize>() + cell.rowspan - 1;
            if lines.len() > have {
                height[r + cell.rowspan - 1] += lines.len() - have;
            }
        }
    }

    // Canvas coordinates of each grid line.
    let mut xs = vec![0usize];
    for w in &width {
        xs.push(xs.last().expect("non-empty") + w + 3);
    }
    let mut ys = vec![0usize];
    for h in &height {
        ys.push(ys.last().expect("non-empty") + h + 1);
    }
    let (cw, ch) = (xs[ncols] + 1, ys[nrows] + 1);
    // A canvas of display columns; a wide char occupies its cell and marks the next as taken.
    let mut canvas: Vec<Vec<Option<char>>> = vec![vec![Some(' '); cw]; ch];

    let vline = |r: usize, k: usize| k == 0 || k == ncols || grid[r][k - 1] != grid[r][k];
    let hline = |b: usize, c: usize| b == 0 || b == nrows || grid[b - 1][c] != grid[b][c];
    for (b, &y) in ys.iter().enumerate() {
        for c in 0..ncols {
            if hline(b, c) {
                for x in xs[c] + 1..xs[c + 1] {
                    canvas[y][x] = Some('-');
                }
            }
        }
    }
    for r in 0..nrows {
        for (k, &x) in xs.iter().enumerate() {
            if vline(r, k) {
                for row in canvas.iter_mut().take(ys[r + 1]).skip(ys[r] + 1) {
                    row[x] = Some('|');
                }
            }
        }
    }
    for (b, &y) in ys.iter().enumerate() {
        for (k, &x) in xs.iter().enumerate() {
            let left = k > 0 && hline(b, k - 1);
            let right = k < ncols && hline(b, k);
            let up = b > 0 && vline(b - 1, k);
            let down = b < nrows && vline(b, k);
            canvas[y][x] = Some(match (left || right, up || down) {
                (true, true) => '+',
                (true, false) => '-',
                (false, true) => '|',
                (false, false) => ' ',
            });
        }
    }
    // Cell contents: centred both ways for headers and figures, labels left.
    for ((r, c, cell), lines) in origins.iter().zip(&texts) {
        let (r, c) = (*r, *c);
        let x0 = xs[c] + 2;
        let w = inner(c, cell.colspan);
        let y0 = ys[r] + 1;
        let h = ys[r + cell.rowspan] - ys[r] - 1;
        let top = y0 + (h - lines.len().min(h)) / 2;
        let centre = cell.numeric
            || r < t.header_rows
            || cell.colspan > 1
                && lines.len() == 1
                && cell.header
                && t.header_rows == 0
                && cell.text.starts_with('第');
        for (i, line) in lines.iter().enumerate().take(h) {
            let lw = line.width();
            let mut x = if centre {
                x0 + (w.saturating_sub(lw)) / 2
            } else {
                x0
            };
            for ch in line.chars() {
                let chw = UnicodeWidthStr::width(ch.encode_utf8(&mut [0; 4]) as &str);
                if x + chw > x0 + w {
                    break;
                }
                canvas[top + i][x] = Some(ch);
                if chw == 2 {
                    canvas[top + i][x + 1] = None;
                }
                x += chw.max(1);
            }
        }
    }
    let mut out = String::new();
    for row in canvas {
        let line: String = row.into_iter().flatten().collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str, rs: usize, cs: usize, numeric: bool) -> Cell {
        Cell {
            text: text.into(),
            rowspan: rs,
            colspan: cs,
            header: !numeric,
            numeric,
        }
    }

    #[test]
    fn merged_cells_line_up_with_double_width() {
        let t = Table {
            id: "x".into(),
            caption: String::new(),
            columns: 3,
            header_rows: 1,
            rows: vec![
                vec![cell("项目", 1, 1, false), cell("申请人情况", 1, 2, false)],
                vec![
                    cell("三、办理", 2, 1, false),
                    cell("1", 1, 1, true),
                    cell("22", 1, 1, true),
                ],
                vec![cell("3", 1, 1, true), cell("4", 1, 1, true)],
            ],
        };
        let s = table(&t);
        let widths: Vec<usize> = s.lines().map(|l| l.width()).collect();
        assert!(widths.iter().all(|w| *w == widths[0]), "{s}");
        // The merged cell is centred over both rows, and no rule crosses it.
        assert!(s.contains("| 三、办理 +-----+------+"), "{s}");
        assert_eq!(
            s.lines().filter(|l| l.starts_with("|          |")).count(),
            2,
            "{s}"
        );
    }
}
