//! `word/document.xml` from the document IR: the title (broken between the
//! agency's name and the year when it does not fit one line), headings with
//! outline levels, body paragraphs on the 公文 grid, the three tables with
//! every merge, and the signature placed as GB/T 9704 §7.3.5.2 says.

use std::fmt::Write as _;

use super::xml::{PPr, esc, runs};
use super::{Faces, Grid, half_points};
use crate::doc::ir::{Block, Cell, Document, ParaStyle, Table};
use crate::doc::style::Style;
use crate::writers::layout::table as columns;

/// Width of `text` in ems: 汉字 and full-width forms 1, ASCII half.
fn ems(text: &str) -> f32 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
        .sum()
}

/// A paragraph of one font; `latin` is the face of its digits and Latin
/// letters when it is not the font's own.
fn paragraph(
    out: &mut String,
    p: &PPr,
    text: &str,
    font: (&str, Option<&str>),
    hp: u32,
    spacing: i32,
) {
    out.push_str("<w:p>");
    PPr {
        no_auto_space: true,
        ..*p
    }
    .write(out);
    runs(out, text, font.0, font.1, hp, spacing);
    out.push_str("</w:p>");
}

/// An empty line of the body grid (or of `exact` twips).
fn blank(out: &mut String, exact: u32) {
    out.push_str("<w:p>");
    PPr {
        exact: Some(exact),
        ..Default::default()
    }
    .write(out);
    out.push_str("</w:p>");
}

pub fn document(
    doc: &Document,
    style: &Style,
    faces: &Faces,
    grid: &Grid,
) -> Result<String, String> {
    let sz = &style.sizes;
    let body_hp = half_points(sz.body_pt);
    let first = Some((
        style.indent_chars * 100,
        style.indent_chars * grid.char_twips,
    ));
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>");
    let blocks = &doc.blocks;
    let mut i = 0;
    while i < blocks.len() {
        match &blocks[i] {
            Block::Title(t) => {
                // One line if it fits; else broken after the agency's name
                // (GB/T 9704 §7.3.3: never inside a word).
                let text = crate::doc::title::lines(t, &doc.meta.author, |line| {
                    ems(line) * sz.title_pt <= grid.text_width_pt
                })
                .join("\n");
                let p = PPr {
                    keep_next: true,
                    keep_lines: true,
                    no_auto_space: true,
                    snap_to_grid: Some(false),
                    // One grid line a title line, as the PDF sets it (one
                    // and a half put the body 10 mm lower in LibreOffice).
                    exact: Some(grid.line),
                    jc: Some("center"),
                    ..Default::default()
                };
                out.push_str("<w:p>");
                p.write(&mut out);
                out.push_str("<w:r>");
                super::xml::rpr(&mut out, &faces.title, None, half_points(sz.title_pt), 0);
                for (k, line) in text.split('\n').enumerate() {
                    if k > 0 {
                        out.push_str("<w:br/>");
                    }
                    let _ = write!(out, "<w:t xml:space=\"preserve\">{}</w:t>", esc(line));
                }
                out.push_str("</w:r></w:p>");
                // One blank body line between the title and the text.
                blank(&mut out, grid.line);
            }
            Block::Heading { level, text } => {
                let (font, id, outline) = if *level == 1 {
                    (&faces.heading1, "Heading1", 0)
                } else {
                    (&faces.heading2, "Heading2", 1)
                };
                let p = PPr {
                    style: Some(id),
                    keep_next: true,
                    exact: Some(grid.line),
                    first_line: first,
                    jc: Some("both"),
                    outline: Some(outline),
                    ..Default::default()
                };
                paragraph(
                    &mut out,
                    &p,
                    text,
                    (font, None),
                    half_points(sz.heading_pt),
                    grid.tracking,
                );
            }
            Block::Paragraph(para) if para.style == ParaStyle::Body => {
                // A short lead-in (`下表…`) stays on the page of its table.
                let lead_in = matches!(blocks.get(i + 1), Some(Block::Table(_)))
                    && ems(&para.text) <= 2.0 * style.chars_per_line as f32;
                let p = PPr {
                    keep_next: lead_in,
                    exact: Some(grid.line),
                    first_line: first,
                    jc: Some("both"),
                    ..Default::default()
                };
                paragraph(
                    &mut out,
                    &p,
                    &para.text,
                    (&faces.body, Some(&faces.body_latin)),
                    body_hp,
                    grid.tracking,
                );
            }
            Block::Paragraph(_) => {
                let mut lines = Vec::new();
                while let Some(Block::Paragraph(p)) = blocks.get(i) {
                    if p.style != ParaStyle::Signature {
                        break;
                    }
                    lines.push(p.text.as_str());
                    i += 1;
                }
                signature(&mut out, &lines, faces, grid, body_hp);
                continue;
            }
            Block::Table(t) => {
                table(&mut out, t, style, faces, grid)?;
                // A paragraph must follow a table; half a line, as in the PDF.
                blank(&mut out, grid.line / 2);
            }
        }
        i += 1;
    }
    out.push_str(&grid.sect_pr);
    out.push_str("</w:body></w:document>");
    Ok(out)
}

/// The agency's name two characters in from the right; the date under it,
/// its first character two characters right of the name's; a date longer
/// than that two characters in, the name moved left to keep the offset.
fn signature(out: &mut String, lines: &[&str], faces: &Faces, grid: &Grid, hp: u32) {
    blank(out, grid.line);
    let cp = grid.char_twips as f32;
    let w = |t: &str| ems(t) * cp;
    let width = grid.text_width_pt * 20.0;
    let two = 2.0 * cp;
    // (left indent, right indent, alignment) of each line.
    let place: Vec<(Option<u32>, Option<u32>, &'static str)> = match lines {
        [name, date] if w(date) + two <= w(name) => vec![
            (None, Some(two as u32), "right"),
            (Some((width - w(name)).max(0.0) as u32), None, "left"),
        ],
        [name, date] => vec![
            (
                None,
                Some((w(date) + 2.0 * two - w(name)).max(two) as u32),
                "right",
            ),
            (None, Some(two as u32), "right"),
        ],
        _ => lines
            .iter()
            .map(|_| (None, Some(two as u32), "right"))
            .collect(),
    };
    for (k, (text, (left, right, jc))) in lines.iter().zip(place).enumerate() {
        let p = PPr {
            keep_next: k + 1 < lines.len(),
            keep_lines: true,
            exact: Some(grid.line),
            left,
            right,
            jc: Some(jc),
            ..Default::default()
        };
        paragraph(
            out,
            &p,
            text,
            (&faces.body, Some(&faces.body_latin)),
            hp,
            grid.tracking,
        );
    }
}

/// Column widths in whole twips summing exactly to `total`, measured as the
/// PDF measures them (figures and short labels whole).
fn widths(t: &Table, total: u32, pt: f32, pad: u32) -> Vec<u32> {
    let em = pt * 20.0;
    let w = columns::fit_columns(t, total as f32, 2.0 * pad as f32, em, false, |s| {
        ems(s) * em
    })
    .unwrap_or_else(|| columns::column_widths(t, total as f32, em, 2.0 * pad as f32));
    let mut v: Vec<u32> = w.iter().map(|x| x.floor() as u32).collect();
    let rest = total.saturating_sub(v.iter().sum::<u32>());
    if let Some(i) = (0..v.len()).max_by_key(|&i| v[i]) {
        v[i] += rest;
    }
    v
}

/// Left and right cell padding in twips (1 mm).
const CELL_PAD: u32 = 57;
/// Top and bottom cell padding in twips (3 pt, as in the PDF): without it
/// LibreOffice set the text against the rules.
const CELL_VPAD: u32 = 60;

fn table(
    out: &mut String,
    t: &Table,
    style: &Style,
    faces: &Faces,
    grid: &Grid,
) -> Result<(), String> {
    let slots = t.grid()?;
    let total = (grid.text_width_pt * 20.0).round() as u32;
    let hp = half_points(style.sizes.table_pt);
    let widths = widths(t, total, style.sizes.table_pt, CELL_PAD);
    let min_row = (style.sizes.table_pt * 1.35 * 20.0).round() as u32 + 2 * CELL_VPAD;
    let _ = write!(
        out,
        "<w:tbl><w:tblPr><w:tblW w:w=\"{total}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>"
    );
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        let _ = write!(
            out,
            "<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
        );
    }
    let _ = write!(
        out,
        "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:top w:w=\"{CELL_VPAD}\" w:type=\"dxa\"/><w:left w:w=\"{CELL_PAD}\" w:type=\"dxa\"/><w:bottom w:w=\"{CELL_VPAD}\" w:type=\"dxa\"/><w:right w:w=\"{CELL_PAD}\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>"
    );
    for w in &widths {
        let _ = write!(out, "<w:gridCol w:w=\"{w}\"/>");
    }
    out.push_str("</w:tblGrid>");
    // Rows kept with the next: labels-only rows, the first three rows of
    // figures (a table never opens at a page foot with one row), and every
    // row of a short group (a merged group label of up to eight rows).
    let labels_only = columns::heading_rows(t);
    let mut keep = vec![false; slots.len()];
    // And the last three rows: a table never ends with one row alone under
    // the repeated head (四、结转下年度继续办理 on a page of its own).
    let n = slots.len();
    for (r, k) in keep.iter_mut().enumerate() {
        *k = r < t.header_rows + 3 || labels_only[r] || r + 3 >= n;
    }
    for (r, row) in slots.iter().enumerate() {
        for slot in row {
            let cell = t.cell(*slot);
            if slot.row == r && (2..=8).contains(&cell.rowspan) {
                for k in &mut keep[r..r + cell.rowspan - 1] {
                    *k = true;
                }
            }
        }
    }
    for (r, row) in slots.iter().enumerate() {
        let heading = r < t.header_rows || labels_only[r];
        // At least the PDF's row: one line at 1.35 of the type plus the padding.
        let _ = write!(
            out,
            "<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val=\"{min_row}\" w:hRule=\"atLeast\"/>"
        );
        if r < t.header_rows {
            out.push_str("<w:tblHeader/>");
        }
        out.push_str("</w:trPr>");
        let mut c = 0;
        while c < t.columns {
            let slot = row[c];
            let cell: &Cell = t.cell(slot);
            let span = cell.colspan.max(1);
            let width: u32 = widths[c..(c + span).min(widths.len())].iter().sum();
            let _ = write!(out, "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>");
            if span > 1 {
                let _ = write!(out, "<w:gridSpan w:val=\"{span}\"/>");
            }
            let origin = slot.row == r;
            if cell.rowspan > 1 {
                out.push_str(if origin {
                    "<w:vMerge w:val=\"restart\"/>"
                } else {
                    "<w:vMerge/>"
                });
            }
            out.push_str("<w:vAlign w:val=\"center\"/></w:tcPr>");
            let centre = cell.numeric || heading || cell.colspan == t.columns || cell.rowspan > 1;
            let p = PPr {
                keep_next: keep[r] && r + 1 < slots.len(),
                snap_to_grid: Some(false),
                jc: Some(if centre { "center" } else { "left" }),
                ..Default::default()
            };
            if origin {
                // A fixed label broken only between its words, by explicit
                // line breaks where the PDF breaks it: Word and LibreOffice
                // break CJK text anywhere (`禁止公/开`, `另行制/作`). A
                // quarter em of slack so their own measure never breaks a
                // line again.
                let text = match crate::model::tables::label_words(&cell.text) {
                    // 三、本年度办理结果 one character a line, as the published
                    // reports and the PDF set it (in its narrow column it broke
                    // as 三、本/年度办/理结果). Explicit breaks, not a vertical
                    // text direction: LibreOffice lays that out from the first
                    // row of the merged cell only and cut the label.
                    _ if cell.text == crate::model::tables::T3_OUTCOME_GROUP => {
                        crate::model::tables::vertical_lines(&cell.text).join("\n")
                    }
                    Some(words) if words.len() > 1 && !cell.numeric => {
                        let em = style.sizes.table_pt * 20.0;
                        let inner = width.saturating_sub(2 * CELL_PAD) as f32;
                        // The slack never below the longest word: 商业 stays
                        // one line in its two-character column.
                        let word = words.iter().map(|w| ems(w) * em).fold(em, f32::max);
                        let max = (inner - em / 4.0).max(word).min(inner.max(em));
                        columns::wrap_words(&words, max, |s| ems(s) * em).join("\n")
                    }
                    _ => cell.text.clone(),
                };
                paragraph(
                    out,
                    &p,
                    &text,
                    (&faces.table, Some(&faces.table_latin)),
                    hp,
                    0,
                );
            } else {
                out.push_str("<w:p>");
                p.write(out);
                out.push_str("</w:p>");
            }
            out.push_str("</w:tc>");
            c += span;
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    Ok(())
}
