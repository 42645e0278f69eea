//! DOCX in the GB/T 9704 公文 layout, for editing in WPS or Word, written
//! directly from the IR as WordprocessingML whose every element is in the
//! order the schema requires (docs/decisions/0006-docx-direct.md): A4 with
//! the standard margins on the 公文 grid (22 lines of 28 characters,
//! `w:docGrid`), official font names in all four slots with zh-CN, the
//! three tables with every merge as `gridSpan`/`vMerge`, repeated header
//! rows, rows that never split, and `— 1 —` page numbers right on odd pages
//! and left on even ones. Only the parts a document needs, each referenced.

mod body;
mod embed;
mod parts;
mod xml;

use std::fmt::Write as _;
use std::io::Write as _;

use crate::doc::ir::Document;
use crate::doc::style::Style;

/// Twips per millimetre.
const TWIPS_PER_MM: f32 = 1440.0 / 25.4;

fn twips(mm: f32) -> u32 {
    (mm * TWIPS_PER_MM).round().max(0.0) as u32
}

/// Half-points, WordprocessingML's unit for font sizes.
fn half_points(pt: f32) -> u32 {
    (pt * 2.0).round().max(2.0) as u32
}

/// The first (official) font name of each role.
struct Faces {
    title: String,
    body: String,
    heading1: String,
    heading2: String,
    table: String,
    page_number: String,
    /// The face of digits and Latin letters in body text and tables: Times
    /// New Roman, as published reports set them; a DOCX that carries its
    /// faces keeps them in its 仿宋 (drawn there from a face with Times New
    /// Roman's metrics), so that nothing comes from the machine.
    body_latin: String,
    table_latin: String,
}

impl Faces {
    fn of(style: &Style) -> Faces {
        let first = |names: &[String], default: &str| {
            names
                .first()
                .cloned()
                .unwrap_or_else(|| default.to_string())
        };
        let f = &style.fonts;
        let (body, table) = (
            first(&f.body, "仿宋_GB2312"),
            first(&f.table, "仿宋_GB2312"),
        );
        let latin = |face: &str| {
            if style.docx.embed_fonts {
                face.to_string()
            } else {
                xml::LATIN.to_string()
            }
        };
        Faces {
            title: first(&f.title, "方正小标宋简体"),
            heading1: first(&f.heading1, "黑体"),
            heading2: first(&f.heading2, "楷体_GB2312"),
            page_number: first(&f.page_number, "宋体"),
            body_latin: latin(&body),
            table_latin: latin(&table),
            body,
            table,
        }
    }
}

/// The page grid: line pitch, character pitch and the section properties.
struct Grid {
    /// Body line pitch in twips: exactly `lines_per_page` lines fit.
    line: u32,
    /// Body character pitch in twips (156 mm / 28).
    char_twips: u32,
    text_width_pt: f32,
    /// Character spacing of body text, in twentieths of a point: 3号 with
    /// this spacing puts `chars_per_line` characters on a line.
    tracking: i32,
    sect_pr: String,
}

impl Grid {
    fn of(style: &Style) -> Grid {
        let pg = &style.page;
        let line = (pg.text_height_mm() * TWIPS_PER_MM / style.lines_per_page.max(1) as f32).floor()
            as u32;
        let text_width_pt = pg.text_width_mm() * crate::doc::style::PT_PER_MM;
        let pitch_pt = text_width_pt / style.chars_per_line.max(1) as f32;
        // The character pitch comes from run spacing, rounded down so the
        // last character of a full line fits; a `linesAndChars` grid would
        // say the same to Word, but LibreOffice spreads it to 19 a line
        // (docs/decisions/0006-docx-direct.md).
        let tracking = ((pitch_pt - style.sizes.body_pt) * 20.0).floor() as i32;
        // Page numbers: the dashes (mid-line of an exact 4号 line) 7 mm below
        // the text block (GB/T 9704 §7.5).
        let number_line_mm = style.sizes.page_number_pt / crate::doc::style::PT_PER_MM;
        let footer = twips((pg.margin_bottom_mm - 7.0 - number_line_mm / 2.0).max(5.0));
        let mut sect_pr = String::new();
        let _ = write!(
            sect_pr,
            "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rId5\"/><w:footerReference w:type=\"even\" r:id=\"rId6\"/><w:pgSz w:w=\"{}\" w:h=\"{}\"/><w:pgMar w:top=\"{}\" w:right=\"{}\" w:bottom=\"{}\" w:left=\"{}\" w:header=\"{}\" w:footer=\"{footer}\" w:gutter=\"0\"/><w:cols w:space=\"425\"/><w:docGrid w:type=\"lines\" w:linePitch=\"{line}\"/></w:sectPr>",
            twips(pg.width_mm),
            twips(pg.height_mm),
            twips(pg.margin_top_mm),
            twips(pg.margin_right_mm),
            twips(pg.margin_bottom_mm),
            twips(pg.margin_left_mm),
            twips(15.0),
        );
        Grid {
            line,
            char_twips: (pitch_pt * 20.0).round() as u32,
            text_width_pt,
            tracking,
            sect_pr,
        }
    }
}

/// Deflate level of the parts, chosen by measurement: XML this repetitive
/// compresses nearly as well at level 1 as at 6, in a fraction of the time
/// (docs/decisions/0006-docx-direct.md).
const DEFLATE_LEVEL: i64 = 1;

/// The package: every part, deflated, with fixed timestamps so the same
/// input gives the same bytes; with `style.docx.embed_fonts`, subsets of the
/// faces too (font files of a profile found under `base_dir`). Returns the
/// bytes and what the user should know.
pub fn render(
    doc: &Document,
    style: &Style,
    base_dir: Option<&std::path::Path>,
) -> Result<(Vec<u8>, Vec<String>), String> {
    let faces = Faces::of(style);
    let grid = Grid::of(style);
    let document = body::document(doc, style, &faces, &grid)?;
    let (odd, even) = (
        parts::footer(style, &faces, true),
        parts::footer(style, &faces, false),
    );
    let (embedded, warnings) = if style.docx.embed_fonts {
        embed::faces(&[&document, &odd, &even], style, &faces, base_dir)?
    } else {
        (Vec::new(), Vec::new())
    };
    let keys: Vec<(&str, &str)> = embedded
        .iter()
        .map(|e| (e.name.as_str(), e.key.as_str()))
        .collect();
    let parts: [(&str, String); 11] = [
        (
            "[Content_Types].xml",
            parts::content_types(!keys.is_empty()),
        ),
        ("_rels/.rels", parts::package_rels()),
        ("docProps/core.xml", parts::core(doc)),
        ("docProps/app.xml", parts::app()),
        ("word/document.xml", document),
        ("word/_rels/document.xml.rels", parts::document_rels()),
        ("word/styles.xml", parts::styles(style, &faces, &grid)),
        ("word/settings.xml", parts::settings(!keys.is_empty())),
        ("word/fontTable.xml", parts::font_table(style, &keys)),
        ("word/theme/theme1.xml", parts::theme(&faces)),
        ("word/footer1.xml", odd),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(DEFLATE_LEVEL))
        .last_modified_time(zip::DateTime::default());
    let font_rels = (!keys.is_empty()).then(|| parts::font_table_rels(keys.len()));
    let names: Vec<String> = (1..=embedded.len())
        .map(|i| format!("word/fonts/font{i}.odttf"))
        .collect();
    let all = parts
        .iter()
        .map(|(n, s)| (*n, s.as_bytes()))
        .chain(std::iter::once(("word/footer2.xml", even.as_bytes())))
        .chain(
            font_rels
                .iter()
                .map(|s| ("word/_rels/fontTable.xml.rels", s.as_bytes())),
        )
        .chain(
            names
                .iter()
                .zip(&embedded)
                .map(|(n, e)| (n.as_str(), e.data.as_slice())),
        );
    for (name, bytes) in all {
        zip.start_file(name, options).map_err(|e| e.to_string())?;
        zip.write_all(bytes).map_err(|e| e.to_string())?;
    }
    Ok((
        zip.finish().map_err(|e| e.to_string())?.into_inner(),
        warnings,
    ))
}
