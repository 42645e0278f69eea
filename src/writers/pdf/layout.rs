//! The page layout of a report: where every line of text and every table
//! rule goes, in points from the top-left corner of the page.

use std::collections::BTreeMap;

use crate::doc::ir::{Block, Document, ParaStyle, Table};
use crate::doc::style::{PT_PER_MM, Style};
use crate::writers::fonts::{FontSet, Role};
use crate::writers::layout::linebreak::break_lines;

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
    Right,
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
            let natural: f32 = adv.iter().sum();
            let x = match align {
                Align::Justify => {
                    if i + 1 < count {
                        justify(line, &mut adv, self.width - natural);
                    }
                    self.left
                }
                Align::Center => self.left + (self.width - natural).max(0.0) / 2.0,
                Align::Right => self.left + (self.width - natural).max(0.0),
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

    fn element(&mut self, e: Element) -> usize {
        self.elements.push(e);
        self.elements.len() - 1
    }

    fn table(&mut self, t: &Table, index: usize) {
        let Ok(grid) = t.grid() else { return };
        let role = Role::Table;
        let size = self.style.sizes.table_pt;
        let (hpad, vpad, lh) = (3.0, 3.0, size * 1.35);
        let widths = crate::writers::layout::table::column_widths(t, self.width, size, 2.0 * hpad);
        let mut xs = vec![self.left];
        for w in &widths {
            xs.push(xs.last().copied().unwrap_or(0.0) + w);
        }
        let n = grid.len();
        // Origins of cells, row-major, with their wrapped lines.
        let f = self.fonts.get(role);
        let measure = |s: &str| s.chars().map(|c| f.advance(c) * size).sum::<f32>();
        let mut origins = Vec::new();
        for r in 0..n {
            for c in 0..t.columns {
                let s = grid[r][c];
                if s.row == r && (c == 0 || grid[r][c - 1] != s) {
                    let cell = t.cell(s);
                    let inner = (xs[c + cell.colspan] - xs[c] - 2.0 * hpad).max(size);
                    let lines: Vec<String> = cell
                        .text
                        .split('\n')
                        .flat_map(|p| {
                            break_lines(p, inner, measure)
                                .into_iter()
                                .map(|r| p[r].trim_end().to_string())
                                .collect::<Vec<_>>()
                        })
                        .collect();
                    origins.push((r, c, cell, lines));
                }
            }
        }
        for (_, _, cell, _) in &origins {
            self.note_missing(role, &cell.text);
        }
        let mut height = vec![lh + 2.0 * vpad; n];
        for (r, _, cell, lines) in &origins {
            if cell.rowspan == 1 {
                height[*r] = height[*r].max(lines.len() as f32 * lh + 2.0 * vpad);
            }
        }
        for (r, _, cell, lines) in &origins {
            if cell.rowspan > 1 {
                let have: f32 = height[*r..r + cell.rowspan].iter().sum();
                let need = lines.len() as f32 * lh + 2.0 * vpad;
                if need > have {
                    height[r + cell.rowspan - 1] += need - have;
                }
            }
        }
        // Pagination: rows never split; header rows open every page the table spans.
        let head = t.header_rows.min(n);
        let head_h: f32 = height[..head].iter().sum();
        self.y += self.pitch * 0.25;
        let first_body = height.get(head).copied().unwrap_or(0.0);
        self.ensure(head_h + first_body);
        let mut place: Vec<(usize, f32)> = Vec::with_capacity(n);
        let mut repeats: Vec<(usize, f32)> = Vec::new(); // (page, y) of repeated headers
        for r in 0..n {
            if r >= head && self.y + height[r] > self.bottom + 0.01 {
                self.new_page();
                if head > 0 {
                    repeats.push((self.pages.len() - 1, self.y));
                    self.y += head_h;
                }
            }
            place.push((self.pages.len() - 1, self.y));
            self.y += height[r];
        }
        // Draw every cell, segment by page.
        for (r, c, cell, lines) in &origins {
            let element = self.element(Element::Cell {
                table: index,
                row: *r,
                header: cell.header,
                rowspan: cell.rowspan,
                colspan: cell.colspan,
                in_head: *r < head,
            });
            let rows = *r..r + cell.rowspan;
            let mut segments: Vec<(usize, f32, f32)> = Vec::new();
            for rr in rows {
                let (p, y) = place[rr];
                match segments.last_mut() {
                    Some(s) if s.0 == p => s.2 = y + height[rr],
                    _ => segments.push((p, y, y + height[rr])),
                }
            }
            let (x, w) = (xs[*c], xs[c + cell.colspan] - xs[*c]);
            let centre = cell.numeric || *r < head || cell.colspan == t.columns || cell.rowspan > 1;
            for (k, (p, y0, y1)) in segments.iter().enumerate() {
                self.pages[*p].ops.push(Op::Rect {
                    x,
                    y: *y0,
                    w,
                    h: y1 - y0,
                });
                if k == 0 {
                    let ops =
                        self.cell_text(lines, x, w, *y0, *y1, centre, Some(element), hpad, lh);
                    self.pages[*p].ops.extend(ops);
                }
            }
            // The same header cell again atop each later page.
            if *r < head {
                for (p, y_head) in &repeats {
                    let y0 = y_head + height[..*r].iter().sum::<f32>();
                    let y1 = y0 + height[*r..r + cell.rowspan].iter().sum::<f32>();
                    self.pages[*p].ops.push(Op::Rect {
                        x,
                        y: y0,
                        w,
                        h: y1 - y0,
                    });
                    let ops = self.cell_text(lines, x, w, y0, y1, centre, None, hpad, lh);
                    self.pages[*p].ops.extend(ops);
                }
            }
        }
        self.y += self.pitch * 0.25;
        self.snap();
    }

    #[allow(clippy::too_many_arguments)]
    fn cell_text(
        &self,
        lines: &[String],
        x: f32,
        w: f32,
        y0: f32,
        y1: f32,
        centre: bool,
        element: Option<usize>,
        hpad: f32,
        lh: f32,
    ) -> Vec<Op> {
        let role = Role::Table;
        let size = self.style.sizes.table_pt;
        let block = lines.len() as f32 * lh;
        let mut top = y0 + ((y1 - y0) - block).max(0.0) / 2.0;
        let mut ops = Vec::new();
        for line in lines {
            let adv = self.advances(role, size, 0.0, line);
            let natural: f32 = adv.iter().sum();
            let lx = if centre {
                x + (w - natural).max(0.0) / 2.0
            } else {
                x + hpad
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

/// Spreads `extra` points over the gaps of a line (not inside Latin words
/// or numbers), so the line fills the measure as 公文 lines do.
fn justify(line: &str, adv: &mut [f32], extra: f32) {
    if extra <= 0.0 {
        return;
    }
    let chars: Vec<char> = line.chars().collect();
    let gaps: Vec<usize> = (0..chars.len().saturating_sub(1))
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
    for block in &doc.blocks {
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
                l.ensure(l.pitch * 2.0);
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
                    ParaStyle::Body => l.paragraph(
                        &para.text,
                        Role::Body,
                        s.body_pt,
                        style.indent_chars,
                        Align::Justify,
                        Some(e),
                        true,
                    ),
                    ParaStyle::Signature => {
                        if !prev_signature {
                            l.y += l.pitch;
                        }
                        l.paragraph(
                            &para.text,
                            Role::Body,
                            s.body_pt,
                            0,
                            Align::Right,
                            Some(e),
                            true,
                        );
                    }
                }
            }
            Block::Table(t) => {
                l.table(t, tables);
                tables += 1;
            }
        }
        prev_signature = matches!(block, Block::Paragraph(p) if p.style == ParaStyle::Signature);
    }
    // Page numbers `— N —`, 4号, 7 mm below the text block: odd right, even left, one character in.
    let size = s.page_number_pt;
    let f = fonts.get(Role::Body);
    let baseline = l.bottom + 7.0 * PT_PER_MM + f.ascent.max(0.5) * size;
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
            role: Role::Body,
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
