//! DOCX in the GB/T 9704 公文 layout, for editing in WPS or Word: A4 with the
//! standard margins, 22 lines a page (exact line pitch, no character grid —
//! LibreOffice spreads a character grid badly), official font names in all
//! four slots with zh-CN as the East-Asian language, the three tables with
//! every merge as `gridSpan`/`vMerge`, repeated header rows, rows that never
//! split, and `— 1 —` page numbers right on odd pages and left on even ones.
//!
//! docx-rs writes the structure; what it cannot express (`tblHeader`,
//! `firstLineChars`, `w:lang`, the font table, core properties, compression)
//! is patched in one place: `fix`.

mod fix;

use docx_rs::{
    AlignmentType, BreakType, Docx, FieldCharType, Footer, InstrPAGE, InstrText, LineSpacing,
    LineSpacingType, PageMargin, Paragraph, Run, RunFonts, SpecialIndentType, Table,
    TableAlignmentType, TableCell, TableCellMargins, TableLayoutType, TableRow, VAlignType,
    VMergeType, WidthType,
};

use crate::doc::ir::{Block, Cell, Document, ParaStyle};
use crate::doc::style::Style;

/// Twips per millimetre.
const TWIPS_PER_MM: f32 = 1440.0 / 25.4;

fn twips(mm: f32) -> i32 {
    (mm * TWIPS_PER_MM).round() as i32
}

/// Half-points, docx-rs's unit for font sizes.
fn half_points(pt: f32) -> usize {
    (pt * 2.0).round() as usize
}

/// XML 1.0 cannot carry most control characters; drop them (and lone
/// surrogates cannot occur in a Rust string).
fn clean(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            !(c.is_control() && c != '\t' && c != '\n') && c != '\u{fffe}' && c != '\u{ffff}'
        })
        .collect()
}

fn fonts(name: &str) -> RunFonts {
    RunFonts::new()
        .ascii(name)
        .hi_ansi(name)
        .east_asia(name)
        .cs(name)
}

fn first(names: &[String], default: &str) -> String {
    names
        .first()
        .cloned()
        .unwrap_or_else(|| default.to_string())
}

/// A run of text in a font and size; line breaks in the text become `w:br`.
fn run(text: &str, font: &str, pt: f32) -> Run {
    let mut r = Run::new().fonts(fonts(font)).size(half_points(pt));
    for (i, line) in clean(text).split('\n').enumerate() {
        if i > 0 {
            r = r.add_break(BreakType::TextWrapping);
        }
        r = r.add_text(line);
    }
    r
}

/// The body line pitch in twips, floored so that exactly `lines_per_page` fit.
fn line_pitch(style: &Style) -> i32 {
    let text_height = style.page.text_height_mm() * TWIPS_PER_MM;
    (text_height / style.lines_per_page.max(1) as f32).floor() as i32
}

fn exact(pitch: i32) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(pitch)
        .before(0)
        .after(0)
}

/// Paragraph with a first-line indent of `chars` characters of `pt` (the
/// twips value; `fix` adds the matching `firstLineChars`).
fn indented(p: Paragraph, chars: u32, pt: f32) -> Paragraph {
    let first = (chars as f32 * pt * 20.0).round() as i32;
    p.indent(None, Some(SpecialIndentType::FirstLine(first)), None, None)
}

/// Left and right cell padding (twips, 1 mm): the default 1.9 mm leaves one
/// character per line in table 四's fifteen columns.
const CELL_PAD: usize = 57;

/// Column widths in whole twips summing exactly to `total`.
fn column_widths(t: &crate::doc::ir::Table, total: i32, pt: f32) -> Vec<usize> {
    let w = crate::writers::layout::table::column_widths(
        t,
        total as f32,
        pt * 20.0,
        2.0 * CELL_PAD as f32,
    );
    let mut widths: Vec<usize> = w.iter().map(|x| x.floor() as usize).collect();
    // Give the rounding remainder to the widest column so the grid sums exactly.
    let rest = (total as usize).saturating_sub(widths.iter().sum::<usize>());
    if let Some(i) = (0..widths.len()).max_by_key(|&i| widths[i]) {
        widths[i] += rest;
    }
    widths
}

fn table(t: &crate::doc::ir::Table, style: &Style) -> Result<Table, String> {
    let grid = t.grid()?;
    let total = twips(style.page.text_width_mm());
    let widths = column_widths(t, total, style.sizes.table_pt);
    let font = first(&style.fonts.table, "仿宋_GB2312");
    let pt = style.sizes.table_pt;
    let cell_para = |cell: &Cell, r: usize| {
        let align =
            if cell.numeric || r < t.header_rows || cell.colspan == t.columns || cell.rowspan > 1 {
                AlignmentType::Center
            } else {
                AlignmentType::Left
            };
        Paragraph::new()
            .add_run(run(&cell.text, &font, pt))
            .align(align)
            .snap_to_grid(false)
            .line_spacing(
                LineSpacing::new()
                    .line_rule(LineSpacingType::Auto)
                    .line(240)
                    .before(0)
                    .after(0),
            )
    };
    let mut rows = Vec::new();
    for (r, row) in grid.iter().enumerate() {
        let mut cells = Vec::new();
        let mut c = 0;
        while c < t.columns {
            let slot = row[c];
            let cell = t.cell(slot);
            let width: usize = widths[c..c + cell.colspan].iter().sum();
            let mut tc = TableCell::new()
                .width(width, WidthType::Dxa)
                .vertical_align(VAlignType::Center);
            if cell.colspan > 1 {
                tc = tc.grid_span(cell.colspan);
            }
            if slot.row == r {
                tc = tc.add_paragraph(cell_para(cell, r));
                if cell.rowspan > 1 {
                    tc = tc.vertical_merge(VMergeType::Restart);
                }
            } else {
                // The slot of a cell merged from above.
                tc = tc
                    .vertical_merge(VMergeType::Continue)
                    .add_paragraph(Paragraph::new().snap_to_grid(false));
            }
            cells.push(tc);
            c += cell.colspan;
        }
        rows.push(TableRow::new(cells).cant_split());
    }
    Ok(Table::new(rows)
        .set_grid(widths)
        .width(total as usize, WidthType::Dxa)
        .align(TableAlignmentType::Center)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(0, CELL_PAD, 0, CELL_PAD)))
}

/// `— N —`, 4号, odd pages right and even pages left, one character in.
fn page_number_footer(style: &Style, odd: bool) -> Footer {
    let font = first(&style.fonts.body, "仿宋_GB2312");
    let pt = style.sizes.page_number_pt;
    let one_char = (pt * 20.0).round() as i32;
    let field = Run::new()
        .fonts(fonts(&font))
        .size(half_points(pt))
        .add_field_char(FieldCharType::Begin, false)
        .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
        .add_field_char(FieldCharType::Separate, false)
        .add_text("1")
        .add_field_char(FieldCharType::End, false);
    let p = Paragraph::new()
        .add_run(run("— ", &font, pt))
        .add_run(field)
        .add_run(run(" —", &font, pt));
    let p = if odd {
        p.align(AlignmentType::Right)
            .indent(None, None, Some(one_char), None)
    } else {
        p.align(AlignmentType::Left)
            .indent(Some(one_char), None, None, None)
    };
    Footer::new().add_paragraph(p)
}

pub fn render(doc: &Document, style: &Style) -> Result<Vec<u8>, String> {
    let pg = &style.page;
    let pitch = line_pitch(style);
    let body_font = first(&style.fonts.body, "仿宋_GB2312");
    let title_font = first(&style.fonts.title, "方正小标宋简体");
    let h1_font = first(&style.fonts.heading1, "黑体");
    let h2_font = first(&style.fonts.heading2, "楷体_GB2312");
    let sz = &style.sizes;
    // Page number: 7 mm below the text block, as GB/T 9704 places it.
    let footer_mm = (pg.margin_bottom_mm - 7.0 - sz.page_number_pt / 72.0 * 25.4).max(5.0);
    let mut docx = Docx::new()
        .page_size(twips(pg.width_mm) as u32, twips(pg.height_mm) as u32)
        .page_margin(
            PageMargin::new()
                .top(twips(pg.margin_top_mm))
                .bottom(twips(pg.margin_bottom_mm))
                .left(twips(pg.margin_left_mm))
                .right(twips(pg.margin_right_mm))
                .header(twips(15.0))
                .footer(twips(footer_mm))
                .gutter(0),
        )
        .footer(page_number_footer(style, true))
        .even_footer(page_number_footer(style, false));
    let date = doc
        .meta
        .date
        .clone()
        .unwrap_or_else(|| fix::FIXED_DATE.to_string());
    docx = docx
        .created_at(&format!("{date}T00:00:00Z"))
        .updated_at(&format!("{date}T00:00:00Z"));
    let mut tables_header_rows = Vec::new();
    let mut prev_signature = false;
    for block in &doc.blocks {
        match block {
            Block::Title(t) => {
                let p = Paragraph::new()
                    .add_run(run(t, &title_font, sz.title_pt))
                    .align(AlignmentType::Center)
                    .line_spacing(exact(pitch * 3 / 2))
                    .keep_next(true);
                docx = docx.add_paragraph(p);
                // One blank body line between title and text, as in a 公文.
                docx = docx.add_paragraph(Paragraph::new().line_spacing(exact(pitch)));
            }
            Block::Heading { level, text } => {
                let font = if *level == 1 { &h1_font } else { &h2_font };
                let p = Paragraph::new()
                    .add_run(run(text, font, sz.heading_pt))
                    .align(AlignmentType::Both)
                    .line_spacing(exact(pitch))
                    .keep_next(true);
                docx = docx.add_paragraph(indented(p, style.indent_chars, sz.body_pt));
            }
            Block::Paragraph(para) => match para.style {
                ParaStyle::Body => {
                    let p = Paragraph::new()
                        .add_run(run(&para.text, &body_font, sz.body_pt))
                        .align(AlignmentType::Both)
                        .line_spacing(exact(pitch));
                    docx = docx.add_paragraph(indented(p, style.indent_chars, sz.body_pt));
                }
                ParaStyle::Signature => {
                    if !prev_signature {
                        docx = docx.add_paragraph(Paragraph::new().line_spacing(exact(pitch)));
                    }
                    let p = Paragraph::new()
                        .add_run(run(&para.text, &body_font, sz.body_pt))
                        .align(AlignmentType::Right)
                        .line_spacing(exact(pitch));
                    docx = docx.add_paragraph(p);
                }
            },
            Block::Table(t) => {
                docx = docx.add_table(table(t, style)?);
                tables_header_rows.push(t.header_rows);
                // A table is followed by a paragraph; keep it a normal body line.
                docx = docx.add_paragraph(Paragraph::new().line_spacing(exact(pitch / 2)));
            }
        }
        prev_signature = matches!(block, Block::Paragraph(p) if p.style == ParaStyle::Signature);
    }
    let xml = docx.build();
    let first_line = (style.indent_chars as f32 * sz.body_pt * 20.0).round() as i32;
    fix::finish(
        xml,
        &fix::Patch {
            header_rows: tables_header_rows,
            indent_chars: style.indent_chars,
            first_line_twips: first_line,
            title: clean(&doc.meta.title),
            author: clean(&doc.meta.author),
            date,
            fonts: fix::font_table(style),
            styles: fix::styles_xml(&body_font, half_points(sz.body_pt)),
        },
    )
}
