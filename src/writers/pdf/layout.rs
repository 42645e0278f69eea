//! The page layout of a report: where every line of text and every table
//! rule goes, in points from the top-left corner of the page.

use std::collections::BTreeMap;

use crate::doc::ir::{Block, Document, ParaStyle, Table};
use crate::doc::style::{PT_PER_MM, Style};
use crate::writers::fonts::{FontSet, Role};
use crate::writers::layout::linebreak::break_lines;
use crate::writers::layout::table;

/// A structure element of the tagged PDF.
#[derive(Debug, Clone, PartialEq)]
pub enum Element {
    Title,
    /// 1 = 一、, 2 = （一）.
    Heading(u8),
    Paragraph,
    Cell {
        table: usize,
        row: usize,
        header: bool,
        rowspan: usize,
        colspan: usize,
        in_head: bool,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// A run of text; `advances` per character in points (justification included).
    Text {
        x: f32,
        baseline: f32,
        role: Role,
        size: f32,
        text: String,
        advances: Vec<f32>,
        /// The structure element it belongs to; `None` for artifacts
        /// (page numbers, repeated table headers).
        element: Option<usize>,
    },
    /// A cell border.
    Rect { x: f32, y: f32, w: f32, h: f32 },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageLayout {
    pub ops: Vec<Op>,
    /// Lines of body text on the page's line grid.
    pub body_lines: usize,
}

#[derive(Clone, Copy, PartialEq)]
enum Align {
    Justify,
    Center,
}

struct Layout<'a> {
    style: &'a Style,
    fonts: &'a FontSet,
    pages: Vec<PageLayout>,
    elements: Vec<Element>,
    y: f32,
    top: f32,
    bottom: f32,
    left: f32,
    width: f32,
    pitch: f32,
    /// Missing characters by role.
    missing: BTreeMap<Role, Vec<char>>,
}

impl Layout<'_> {
    fn new_page(&mut self) {
        self.pages.push(PageLayout::default());
        self.y = self.top;
    }

    fn page(&mut self) -> &mut PageLayout {
        self.pages.last_mut().expect("a page")
    }

    /// Starts a new page unless `h` more points fit on this one.
    fn ensure(&mut self, h: f32) {
        if self.y + h > self.bottom + 0.01 {
            self.new_page();
        }
    }

    /// Moves down to the next line of the body grid.
    fn snap(&mut self) {
        let n = ((self.y - self.top) / self.pitch - 1e-3).ceil().max(0.0);
        self.y = self.top + n * self.pitch;
        if self.y + self.pitch > self.bottom + 0.01 {
            self.new_page();
        }
    }

    fn note_missing(&mut self, role: Role, text: &str) {
        let m = self.fonts.missing(role, text);
        if !m.is_empty() {
            let v = self.missing.entry(role).or_default();
            for c in m {
                if !v.contains(&c) {
                    v.push(c);
                }
            }
        }
    }

    fn advances(&self, role: Role, size: f32, tracking: f32, text: &str) -> Vec<f32> {
        let f = self.fonts.get(role);
        text.chars()
            .map(|c| f.advance(c) * size + tracking)
            .collect()
    }

    fn baseline(&self, line_top: f32, line_h: f32, role: Role, size: f32) -> f32 {
        let f = self.fonts.get(role);
        let (asc, desc) = (f.ascent.max(0.5), f.descent.max(0.0));
        line_top + (line_h - (asc + desc) * size) / 2.0 + asc * size
    }

    /// Lays out one paragraph on the line grid.
    fn paragraph(
        &mut self,
        text: &str,
        role: Role,
        size: f32,
        indent: u32,
        align: Align,
        element: Option<usize>,
        body: bool,
    ) {
        self.note_missing(role, text);
        // Body text keeps GB/T 9704's 28 characters a line: character pitch 156 mm / 28.
        let tracking = if body {
            self.style.char_pitch_pt() - size
        } else {
            0.0
        };
        let full: String = "\u{3000}".repeat(indent as usize) + text;
        let f = self.fonts.get(role);
        let measure = |s: &str| {
            s.chars()
                .map(|c| f.advance(c) * size + tracking)
                .sum::<f32>()
        };
        let ranges = break_lines(&full, self.width, measure);
        let count = ranges.len();
        for (i, r) in ranges.into_iter().enumerate() {
            let line = full[r].trim_end_matches(' ');
            if line.is_empty() {
                continue;
            }
            self.ensure(self.pitch);
            let mut adv = self.advances(role, size, tracking, line);
            compress_punctuation(line, &mut adv, size);
            let natural: f32 = adv.iter().sum();
            // The first line's indent is exact: justification never stretches it.
            let fixed = if i == 0 { indent as usize } else { 0 };
            let x = match align {
                Align::Justify => {
                    if i + 1 < count {
                        justify(line, &mut adv, self.width - natural, fixed);
                    }
                    self.left
                }
                Align::Center => self.left + (self.width - natural).max(0.0) / 2.0,
            };
            let baseline = self.baseline(self.y, self.pitch, role, size);
            self.page().ops.push(Op::Text {
                x,
                baseline,
                role,
                size,
                text: line.to_string(),
                advances: adv,
                element,
            });
            if body {
                self.page().body_lines += 1;
            }
            self.y += self.pitch;
        }
    }

    /// Lines a body paragraph takes.
    fn lines_of(&self, text: &str, indent: u32) -> usize {
        let size = self.style.sizes.body_pt;
        let tracking = self.style.char_pitch_pt() - size;
        let f = self.fonts.get(Role::Body);
        let full: String = "\u{3000}".repeat(indent as usize) + text;
        let measure = |s: &str| {
            s.chars()
                .map(|c| f.advance(c) * size + tracking)
                .sum::<f32>()
        };
        break_lines(&full, self.width, measure).len().max(1)
    }

    /// Height that must fit on the page for block `i` not to be left at its
    /// foot: the block itself, then the opening of what follows — two lines
    /// of a paragraph, a table's head rows and first row of figures — and,
    /// through short lead-ins and further headings, what follows those.
    fn keep_with_next(&self, blocks: &[Block], i: usize) -> f32 {
        let mut need = 0.0;
        let mut k = i;
        while let Some(b) = blocks.get(k) {
            match b {
                Block::Heading { text, .. } => {
                    need += self.lines_of(text, self.style.indent_chars) as f32 * self.pitch;
                }
                Block::Paragraph(p) if p.style == ParaStyle::Body => {
                    let lines = self.lines_of(&p.text, self.style.indent_chars);
                    let leads_in = lines <= 2 && matches!(blocks.get(k + 1), Some(Block::Table(_)));
                    if !leads_in {
                        // The opening of a paragraph: two lines (or all of a short one).
                        return need + lines.min(2) as f32 * self.pitch;
                    }
                    need += lines as f32 * self.pitch;
                }
                Block::Table(t) => return need + self.table_start(t),
                _ => return need,
            }
            k += 1;
        }
        need
    }

    /// The signature block: the agency's name two characters in from the
    /// right; the date under it, its first character two characters right
    /// of the name's; a date longer than that sits two characters in and the
    /// name moves left to keep the offset (GB/T 9704 §7.3.5.2).
    fn signature(&mut self, group: &[(usize, &str)]) {
        let size = self.style.sizes.body_pt;
        let role = Role::Body;
        let cp = self.style.char_pitch_pt();
        let tracking = cp - size;
        let right = self.left + self.width - 2.0 * cp;
        for (_, text) in group {
            self.note_missing(role, text);
        }
        let widths: Vec<f32> = group
            .iter()
            .map(|(_, t)| self.advances(role, size, tracking, t).iter().sum::<f32>() - tracking)
            .collect();
        let xs: Vec<f32> = match widths.as_slice() {
            [name, date] => {
                if date + 2.0 * cp <= *name {
                    let x = right - name;
                    vec![x, x + 2.0 * cp]
                } else {
                    let x = right - date;
                    vec![x - 2.0 * cp, x]
                }
            }
            _ => widths.iter().map(|w| right - w).collect(),
        };
        self.ensure(self.pitch * group.len() as f32);
        for ((e, text), x) in group.iter().zip(xs) {
            let adv = self.advances(role, size, tracking, text);
            let baseline = self.baseline(self.y, self.pitch, role, size);
            let x = x.max(self.left);
            self.page().ops.push(Op::Text {
                x,
                baseline,
                role,
                size,
                text: text.to_string(),
                advances: adv,
                element: Some(*e),
            });
            self.page().body_lines += 1;
            self.y += self.pitch;
        }
    }

    fn element(&mut self, e: Element) -> usize {
        self.elements.push(e);
        self.elements.len() - 1
    }

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
            if let Some(w) = table::fit_columns(t, self.width, 2.0 * hpad, size, measure) {
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
        let heading_rows: Vec<bool> = (0..n).map(|r| table::is_heading_row(t, r)).collect();
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
                            if heading && p.chars().all(|c| !c.is_ascii()) && p.chars().count() <= 8
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
    fn table_start(&self, t: &Table) -> f32 {
        let Some(p) = self.plan(t) else { return 0.0 };
        let mut r = p.head;
        while r < p.height.len() && p.heading_rows[r] {
            r += 1;
        }
        let end = (r + 1).min(p.height.len());
        self.pitch * 0.25 + p.height[..end].iter().sum::<f32>()
    }

    fn table(&mut self, t: &Table, index: usize) {
        let Some(plan) = self.plan(t) else { return };
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
        self.ensure(self.table_start(t) - self.pitch * 0.25);
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
            for (k, (pg, y0, y1)) in segments.iter().enumerate() {
                self.pages[*pg].ops.push(Op::Rect {
                    x,
                    y: *y0,
                    w,
                    h: y1 - y0,
                });
                // A group label cut by a page break is repeated on the next
                // page (as an artifact: the tag tree has it once).
                let element = if k == 0 { Some(element) } else { None };
                let ops = self.cell_text(&p.lines, &cx, *y0, *y1, element);
                self.pages[*pg].ops.extend(ops);
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
        let block = lines.len() as f32 * b.lh;
        let mut top = y0 + ((y1 - y0) - block).max(0.0) / 2.0;
        let mut ops = Vec::new();
        for line in lines {
            let adv = self.advances(role, b.size, 0.0, line);
            let natural: f32 = adv.iter().sum();
            let lx = if b.centre {
                b.x + (b.w - natural).max(0.0) / 2.0
            } else {
                b.x + b.hpad
            };
            ops.push(Op::Text {
                x: lx,
                baseline: self.baseline(top, b.lh, role, b.size),
                role,
                size: b.size,
                text: line.clone(),
                advances: adv,
                element,
            });
            top += b.lh;
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
    let first = lines(max);
    if !balance || first.len() < 2 {
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

/// Full-width punctuation that closes (its blank half on the right).
fn closes(c: char) -> bool {
    matches!(
        c,
        '。' | '，'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '》'
            | '〉'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '”'
            | '’'
    )
}

/// Full-width punctuation that opens (its blank half on the left).
fn opens(c: char) -> bool {
    matches!(
        c,
        '（' | '《' | '〈' | '「' | '『' | '【' | '〔' | '“' | '‘'
    )
}

/// 标点挤压: of two adjacent full-width punctuation marks, the first gives
/// up its blank half (`》）`, `”。`, `）（`, `（《`), as typeset Chinese does.
fn compress_punctuation(line: &str, adv: &mut [f32], size: f32) {
    let chars: Vec<char> = line.chars().collect();
    for i in 0..chars.len().saturating_sub(1) {
        let (a, b) = (chars[i], chars[i + 1]);
        if (closes(a) && (closes(b) || opens(b))) || (opens(a) && opens(b)) {
            adv[i] -= size * 0.5;
        }
    }
}

/// Spreads `extra` points over the gaps of a line (not inside Latin words
/// or numbers), so the line fills the measure as 公文 lines do.
/// The first `fixed` characters (the indent) keep their width.
fn justify(line: &str, adv: &mut [f32], extra: f32, fixed: usize) {
    if extra <= 0.0 {
        return;
    }
    let chars: Vec<char> = line.chars().collect();
    let gaps: Vec<usize> = (fixed.min(chars.len())..chars.len().saturating_sub(1))
        .filter(|&i| !(chars[i].is_ascii_alphanumeric() && chars[i + 1].is_ascii_alphanumeric()))
        .collect();
    if gaps.is_empty() {
        return;
    }
    let each = extra / gaps.len() as f32;
    for i in gaps {
        adv[i] += each;
    }
}

/// Lays out a document: pages, the structure elements, and warnings.
pub fn layout(
    doc: &Document,
    style: &Style,
    fonts: &FontSet,
) -> (Vec<PageLayout>, Vec<Element>, Vec<String>) {
    let p = &style.page;
    let top = p.margin_top_mm * PT_PER_MM;
    let mut l = Layout {
        style,
        fonts,
        pages: Vec::new(),
        elements: Vec::new(),
        y: top,
        top,
        bottom: top + p.text_height_mm() * PT_PER_MM,
        left: p.margin_left_mm * PT_PER_MM,
        width: p.text_width_mm() * PT_PER_MM,
        pitch: style.line_pitch_pt(),
        missing: BTreeMap::new(),
    };
    l.new_page();
    let s = &style.sizes;
    let mut tables = 0;
    let mut prev_signature = false;
    let blocks = &doc.blocks;
    let mut bi = 0;
    while bi < blocks.len() {
        let block = &blocks[bi];
        match block {
            Block::Title(t) => {
                let e = l.element(Element::Title);
                // Break a long title after the agency's name, as official titles are set.
                let lines: Vec<String> = if t.contains('\n') {
                    t.lines().map(str::to_string).collect()
                } else {
                    let f = fonts.get(Role::Title);
                    let w: f32 = t.chars().map(|c| f.advance(c) * s.title_pt).sum();
                    match t.strip_prefix(doc.meta.author.as_str()) {
                        Some(rest)
                            if w > l.width && !doc.meta.author.is_empty() && !rest.is_empty() =>
                        {
                            vec![doc.meta.author.clone(), rest.to_string()]
                        }
                        _ => vec![t.clone()],
                    }
                };
                for line in lines {
                    l.paragraph(
                        &line,
                        Role::Title,
                        s.title_pt,
                        0,
                        Align::Center,
                        Some(e),
                        false,
                    );
                }
                l.y += l.pitch;
            }
            Block::Heading { level, text } => {
                let e = l.element(Element::Heading(*level));
                // A heading never ends a page: it goes with what follows.
                let need = l.keep_with_next(blocks, bi);
                l.ensure(need);
                let role = if *level == 1 {
                    Role::Heading1
                } else {
                    Role::Heading2
                };
                l.paragraph(
                    text,
                    role,
                    s.heading_pt,
                    style.indent_chars,
                    Align::Justify,
                    Some(e),
                    true,
                );
            }
            Block::Paragraph(para) => {
                let e = l.element(Element::Paragraph);
                match para.style {
                    ParaStyle::Body => {
                        // A short lead-in to a table ("下表…") stays with its table.
                        if matches!(blocks.get(bi + 1), Some(Block::Table(_)))
                            && l.lines_of(&para.text, style.indent_chars) <= 2
                        {
                            let need = l.keep_with_next(blocks, bi);
                            l.ensure(need);
                        }
                        l.paragraph(
                            &para.text,
                            Role::Body,
                            s.body_pt,
                            style.indent_chars,
                            Align::Justify,
                            Some(e),
                            true,
                        );
                    }
                    ParaStyle::Signature => {
                        // The signature block: the agency's name, then the date
                        // (GB/T 9704 §7.3.5.2), kept together after a blank line.
                        let mut group = vec![(e, para.text.as_str())];
                        while let Some(Block::Paragraph(next)) = blocks.get(bi + 1) {
                            if next.style != ParaStyle::Signature {
                                break;
                            }
                            bi += 1;
                            group.push((l.element(Element::Paragraph), next.text.as_str()));
                        }
                        if !prev_signature {
                            l.y += l.pitch;
                        }
                        l.signature(&group);
                    }
                }
            }
            Block::Table(t) => {
                l.table(t, tables);
                tables += 1;
            }
        }
        prev_signature = matches!(block, Block::Paragraph(p) if p.style == ParaStyle::Signature);
        bi += 1;
    }
    // Page numbers `— N —`, 4号, 7 mm below the text block: odd right, even left, one character in.
    let size = s.page_number_pt;
    let f = fonts.get(Role::PageNumber);
    // GB/T 9704 §7.5: the dashes 7 mm below the text block; a dash sits at
    // the middle of the em box, (ascent - descent) / 2 above the baseline.
    let dash = (f.ascent.max(0.5) - f.descent.max(0.0)) / 2.0;
    let baseline = l.bottom + 7.0 * PT_PER_MM + dash * size;
    for (i, page) in l.pages.iter_mut().enumerate() {
        let text = format!("— {} —", i + 1);
        let adv: Vec<f32> = text.chars().map(|c| f.advance(c) * size).collect();
        let natural: f32 = adv.iter().sum();
        let x = if i % 2 == 0 {
            l.left + l.width - size - natural
        } else {
            l.left + size
        };
        page.ops.push(Op::Text {
            x,
            baseline,
            role: Role::PageNumber,
            size,
            text,
            advances: adv,
            element: None,
        });
    }
    let warnings = l
        .missing
        .iter()
        .map(|(role, chars)| {
            let f = fonts.get(*role);
            format!(
                "{}字体 {}（{}）缺少这些字符，PDF 中将显示为方框：{}",
                role.zh(),
                f.name,
                f.source,
                chars.iter().collect::<String>()
            )
        })
        .collect();
    (l.pages, l.elements, warnings)
}
