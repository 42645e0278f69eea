//! Tables on the page: measuring (type size, column widths from the text,
//! each cell's lines, row heights) and placing them (rows never split,
//! header rows repeated, label rows kept with what follows, group labels
//! repeated on continuation pages).

use super::{Element, Layout, Op};
use crate::doc::ir::Table;
use crate::model::tables;
use crate::writers::fonts::Role;
use crate::writers::layout::linebreak::break_lines_at_urls as break_lines;
use crate::writers::layout::table;

impl Layout<'_> {
    /// Measures a table: the type size, column widths, each cell's lines
    /// and each row's height. Type shrinks by half points (not below 9 pt)
    /// until what must not break fits; cell padding tightens first.
    fn plan(&self, t: &Table) -> Option<TablePlan> {
        let grid = t.grid().ok()?;
        let f = self.fonts.get(Role::Table);
        let mut size = self.style.sizes.table_pt;
        let (mut hpad, vpad) = (3.0f32, 3.0f32);
        let widths = loop {
            let measure = |s: &str| s.chars().map(|c| f.advance(c) * size).sum::<f32>();
            if let Some(w) = table::fit_columns(t, self.width, 2.0 * hpad, size, true, measure) {
                break w;
            }
            if hpad > 2.0 {
                hpad = 2.0;
            } else if size > 9.0 {
                size -= 0.5;
            } else {
                // Nothing fits (absurd figures): share the width evenly.
                break vec![self.width / t.columns.max(1) as f32; t.columns];
            }
        };
        let lh = size * 1.35;
        let mut xs = vec![self.left];
        for w in &widths {
            xs.push(xs.last().copied().unwrap_or(0.0) + w);
        }
        let n = grid.len();
        let heading_rows = table::heading_rows(t);
        let measure = |s: &str| s.chars().map(|c| f.advance(c) * size).sum::<f32>();
        let mut cells = Vec::new();
        for r in 0..n {
            for c in 0..t.columns {
                let s = grid[r][c];
                if s.row == r && (c == 0 || grid[r][c - 1] != s) {
                    let cell = t.cell(s);
                    let inner = (xs[c + cell.colspan] - xs[c] - 2.0 * hpad).max(size);
                    let heading = r < t.header_rows || heading_rows[r];
                    let lines: Vec<String> = cell
                        .text
                        .split('\n')
                        .flat_map(|p| {
                            if p == tables::T3_OUTCOME_GROUP {
                                // Vertical, one character a line, as published.
                                p.chars().map(String::from).collect()
                            } else if let Some(words) = tables::label_words(p) {
                                // A fixed label breaks only between its words.
                                table::wrap_words(&words, inner, measure)
                            } else if heading
                                && p.chars().all(|c| !c.is_ascii())
                                && p.chars().count() <= 8
                            {
                                table::head_label_lines(p, inner, size)
                            } else {
                                wrap(p, inner, !cell.numeric, measure)
                            }
                        })
                        .collect();
                    let centre = cell.numeric
                        || r < t.header_rows
                        || heading_rows[r]
                        || cell.colspan == t.columns
                        || cell.rowspan > 1;
                    cells.push(PlannedCell {
                        row: r,
                        col: c,
                        cell: cell.clone(),
                        lines,
                        centre,
                    });
                }
            }
        }
        let mut height = vec![lh + 2.0 * vpad; n];
        for p in &cells {
            if p.cell.rowspan == 1 {
                height[p.row] = height[p.row].max(p.lines.len() as f32 * lh + 2.0 * vpad);
            }
        }
        for p in &cells {
            if p.cell.rowspan > 1 {
                let have: f32 = height[p.row..p.row + p.cell.rowspan].iter().sum();
                let need = p.lines.len() as f32 * lh + 2.0 * vpad;
                if need > have {
                    height[p.row + p.cell.rowspan - 1] += need - have;
                }
            }
        }
        Some(TablePlan {
            size,
            hpad,
            lh,
            xs,
            cells,
            height,
            head: t.header_rows.min(n),
            heading_rows,
        })
    }

    /// Height of a table's opening that must share a page with what comes
    /// before it in a keep-together chain: the gap, the head rows and the
    /// rows up to the first row of figures.
    pub(super) fn table_start(&self, t: &Table) -> f32 {
        self.plan(t)
            .map_or(0.0, |p| self.pitch * 0.25 + p.opening())
    }

    pub(super) fn table(&mut self, t: &Table, index: usize) {
        let Some(plan) = self.plan(t) else { return };
        let opening = plan.opening();
        let TablePlan {
            size,
            hpad,
            lh,
            xs,
            cells,
            height,
            head,
            heading_rows,
        } = plan;
        let n = height.len();
        for p in &cells {
            self.note_missing(Role::Table, &p.cell.text);
        }
        // Pagination: rows never split; header rows open every page the
        // table spans; a row of labels only (a block heading, column
        // headings) never ends a page: it moves on with the row after it.
        let head_h: f32 = height[..head].iter().sum();
        self.y += self.pitch * 0.25;
        self.ensure(opening);
        let mut place: Vec<(usize, f32)> = Vec::with_capacity(n);
        let mut repeats: Vec<(usize, f32)> = Vec::new(); // (page, y) of repeated headers
        let mut page_first = head; // first body row on the current page
        let mut r = 0;
        while r < n {
            if r >= head && self.y + height[r] > self.bottom + 0.01 {
                // Back up over heading rows that would be left at the page foot.
                let mut k = r;
                while k > page_first && heading_rows[k - 1] {
                    k -= 1;
                }
                if k < r {
                    place.truncate(k);
                    r = k;
                }
                self.new_page();
                if head > 0 {
                    repeats.push((self.pages.len() - 1, self.y));
                    self.y += head_h;
                }
                page_first = r;
            }
            place.push((self.pages.len() - 1, self.y));
            self.y += height[r];
            r += 1;
        }
        // Draw every cell, segment by page.
        for p in &cells {
            let (r, c, cell) = (p.row, p.col, &p.cell);
            let element = self.element(Element::Cell {
                table: index,
                row: r,
                header: cell.header,
                rowspan: cell.rowspan,
                colspan: cell.colspan,
                in_head: r < head,
            });
            let mut segments: Vec<(usize, f32, f32)> = Vec::new();
            for rr in r..r + cell.rowspan {
                let (pg, y) = place[rr];
                match segments.last_mut() {
                    Some(s) if s.0 == pg => s.2 = y + height[rr],
                    _ => segments.push((pg, y, y + height[rr])),
                }
            }
            let (x, w) = (xs[c], xs[c + cell.colspan] - xs[c]);
            let cx = CellBox {
                x,
                w,
                hpad,
                lh,
                size,
                centre: p.centre,
            };
            // A group label cut by a page break is set in each part that
            // holds it at full size (as an artifact but once: the tag tree
            // has it once, in the first such part); a part too short for it
            // stays blank, unless none is tall enough.
            let need = p.lines.len() as f32 * lh + 2.0;
            let fits = |s: &(usize, f32, f32)| s.2 - s.1 >= need;
            let tagged = segments
                .iter()
                .position(fits)
                .or_else(|| {
                    (0..segments.len()).max_by(|&a, &b| {
                        let h = |i: usize| segments[i].2 - segments[i].1;
                        h(a).total_cmp(&h(b))
                    })
                })
                .unwrap_or(0);
            for (k, seg) in segments.iter().enumerate() {
                let (pg, y0, y1) = *seg;
                self.pages[pg].ops.push(Op::Rect {
                    x,
                    y: y0,
                    w,
                    h: y1 - y0,
                });
                if k != tagged && !fits(seg) {
                    continue;
                }
                let element = if k == tagged { Some(element) } else { None };
                let ops = self.cell_text(&p.lines, &cx, y0, y1, element);
                self.pages[pg].ops.extend(ops);
            }
            // The same header cell again atop each later page.
            if r < head {
                for (pg, y_head) in &repeats {
                    let y0 = y_head + height[..r].iter().sum::<f32>();
                    let y1 = y0 + height[r..r + cell.rowspan].iter().sum::<f32>();
                    self.pages[*pg].ops.push(Op::Rect {
                        x,
                        y: y0,
                        w,
                        h: y1 - y0,
                    });
                    let ops = self.cell_text(&p.lines, &cx, y0, y1, None);
                    self.pages[*pg].ops.extend(ops);
                }
            }
        }
        self.y += self.pitch * 0.25;
        self.snap();
    }

    fn cell_text(
        &self,
        lines: &[String],
        b: &CellBox,
        y0: f32,
        y1: f32,
        element: Option<usize>,
    ) -> Vec<Op> {
        let role = Role::Table;
        // A group label cut by a page break may get a part of the table
        // shorter than its lines (三、本年度办理结果, a character a line, ran
        // below the table): its lines close up to the type's size, then
        // the type shrinks, so that it stays inside its cell.
        let n = lines.len().max(1) as f32;
        let room = (y1 - y0 - 2.0).max(0.0);
        let (lh, size) = if n * b.lh <= room {
            (b.lh, b.size)
        } else {
            let lh = room / n;
            (lh, b.size.min(lh).max(4.0))
        };
        let block = n * lh;
        let mut top = y0 + ((y1 - y0) - block).max(0.0) / 2.0;
        let mut ops = Vec::new();
        for line in lines {
            let adv = self.advances(role, size, 0.0, line);
            let natural: f32 = adv.iter().sum();
            let lx = if b.centre {
                b.x + (b.w - natural).max(0.0) / 2.0
            } else {
                b.x + b.hpad
            };
            ops.push(Op::Text {
                x: lx,
                baseline: self.baseline(top, lh, role, size),
                role,
                size,
                text: line.clone(),
                advances: adv,
                element,
            });
            top += lh;
        }
        ops
    }
}

/// A measured table (see `Layout::plan`).
struct TablePlan {
    size: f32,
    hpad: f32,
    lh: f32,
    /// Left edges of the columns, and the right edge of the last.
    xs: Vec<f32>,
    cells: Vec<PlannedCell>,
    height: Vec<f32>,
    head: usize,
    heading_rows: Vec<bool>,
}

impl TablePlan {
    /// Height of the head rows and the rows up to the first row of figures.
    fn opening(&self) -> f32 {
        let mut r = self.head;
        while r < self.height.len() && self.heading_rows[r] {
            r += 1;
        }
        let end = (r + 1).min(self.height.len());
        self.height[..end].iter().sum()
    }
}

struct PlannedCell {
    row: usize,
    col: usize,
    cell: crate::doc::ir::Cell,
    lines: Vec<String>,
    centre: bool,
}

/// Where a cell's text goes and how.
struct CellBox {
    x: f32,
    w: f32,
    hpad: f32,
    lh: f32,
    size: f32,
    centre: bool,
}

/// Breaks a cell's text into lines of at most `max`. Balanced lines take the
/// narrowest width that needs no more lines, so a label never leaves one
/// character alone on its last line (`…禁止公/开`).
fn wrap(text: &str, max: f32, balance: bool, measure: impl Fn(&str) -> f32 + Copy) -> Vec<String> {
    let lines = |w: f32| -> Vec<String> {
        break_lines(text, w, measure)
            .into_iter()
            .map(|r| text[r].trim_end().to_string())
            .collect()
    };
    if balance {
        table::balanced(max, lines)
    } else {
        lines(max)
    }
}
