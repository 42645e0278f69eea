//! The page layout of a report: where every line of text and every table
//! rule goes, in points from the top-left corner of the page.

use std::collections::BTreeMap;

use crate::doc::ir::{Block, Document, ParaStyle};
use crate::doc::style::{PT_PER_MM, Style};
use crate::writers::fonts::{FontSet, Role};
use crate::writers::layout::linebreak::break_lines_at_urls as break_lines;

mod table;

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
    // Each argument is one independent property of the paragraph's style.
    #[allow(clippy::too_many_arguments)]
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
        let breaks = if body {
            self.page_breaks(count)
        } else {
            Vec::new()
        };
        for (i, r) in ranges.into_iter().enumerate() {
            let line = full[r].trim_end_matches(' ');
            if line.is_empty() {
                continue;
            }
            if breaks.contains(&i) {
                self.new_page();
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
                        // At most a fifth of a character more a gap: a line
                        // that cannot be filled (a telephone number that moved
                        // on whole) stays short rather than gape.
                        let most = 0.2 * (size + tracking);
                        justify(line, &mut adv, self.width - natural, fixed, most);
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

    /// Lines before which an `n`-line paragraph starting here moves to a
    /// new page, so that no page holds only its first line (an orphan at
    /// the foot) or only its last (a widow at the head), as none of the
    /// published reports does.
    fn page_breaks(&self, n: usize) -> Vec<usize> {
        let room = |y: f32| ((self.bottom + 0.01 - y) / self.pitch).floor().max(0.0) as usize;
        let per_page = room(self.top).max(1);
        let mut breaks = Vec::new();
        let (mut i, mut left) = (0, room(self.y));
        while n - i > left {
            let mut k = left;
            if n - i - k == 1 {
                k = k.saturating_sub(1);
            }
            if i == 0 && k == 1 {
                k = 0;
            }
            // A page too short for the rule (a profile's tiny page): fill it.
            if k == 0 && left == per_page {
                k = left.max(1);
            }
            i += k;
            breaks.push(i);
            left = per_page;
        }
        breaks
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
                        // The opening of a paragraph: two lines (or all of a short
                        // one; three of three, which never splits 2 + 1).
                        let opening = if lines == 3 { 3 } else { lines.min(2) };
                        return need + opening as f32 * self.pitch;
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
    /// of the name's; only a date longer than the name sits two characters
    /// in, with the name moved left to keep the offset (GB/T 9704
    /// §7.3.5.2 compares the two lengths themselves).
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
                if date <= name {
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
/// The first `fixed` characters (the indent) keep their width; no gap
/// grows by more than `most`.
fn justify(line: &str, adv: &mut [f32], extra: f32, fixed: usize, most: f32) {
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
    let each = (extra / gaps.len() as f32).min(most);
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
                // A name too long for a line breaks after one of its words.
                let f = fonts.get(Role::Title);
                let fits = |line: &str| {
                    line.chars().map(|c| f.advance(c) * s.title_pt).sum::<f32>() <= l.width
                };
                let lines = crate::doc::title::lines(t, &doc.meta.author, fits);
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
