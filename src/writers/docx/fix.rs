//! The one place where docx-rs's output is patched, for what its API cannot
//! express: repeated table header rows (`w:tblHeader`), `w:firstLineChars`,
//! the East-Asian language on every run, our font table with fallbacks,
//! core properties (title, author, dates), and Deflate compression with fixed
//! timestamps so the same input gives byte-identical files.
//!
//! Edits are anchored on markup we generate ourselves and are unit-tested.

use std::io::{Cursor, Read, Write};

use docx_rs::XMLDocx;

use crate::doc::style::Style;

/// The date written when the input gives none: never "now".
pub const FIXED_DATE: &str = "2000-01-01";

pub struct Patch {
    /// Header row count of each table, in document order.
    pub header_rows: Vec<usize>,
    pub indent_chars: u32,
    /// The body first-line indent in twips, as docx-rs wrote it.
    pub first_line_twips: i32,
    pub title: String,
    pub author: String,
    /// ISO date (published_on, or FIXED_DATE).
    pub date: String,
    /// word/fontTable.xml.
    pub fonts: String,
    /// word/styles.xml.
    pub styles: String,
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Marks the first `header_rows[i]` rows of the i-th table to repeat on every page.
pub fn mark_header_rows(xml: &str, header_rows: &[usize]) -> String {
    let mut out = String::with_capacity(xml.len() + 64 * header_rows.len());
    let mut rest = xml;
    for &k in header_rows {
        let Some(start) = rest.find("<w:tbl>") else {
            break;
        };
        let end = rest[start..]
            .find("</w:tbl>")
            .map_or(rest.len(), |e| start + e);
        out.push_str(&rest[..start]);
        let mut table = &rest[start..end];
        let mut marked = 0;
        while marked < k {
            let Some(i) = table.find("<w:cantSplit") else {
                break;
            };
            let close = table[i..].find("/>").map_or(table.len(), |j| i + j + 2);
            out.push_str(&table[..close]);
            out.push_str("<w:tblHeader />");
            table = &table[close..];
            marked += 1;
        }
        out.push_str(table);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Schema order (ECMA-376 CT_PPr) of paragraph properties we may meet.
const PPR_ORDER: &[&str] = &[
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
];
/// Schema order (CT_RPr) of run properties.
const RPR_ORDER: &[&str] = &[
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
];

/// The top-level child elements of an element's inner XML, as slices.
fn children(inner: &str) -> Option<Vec<&str>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < inner.len() {
        let rest = &inner[i..];
        if rest.starts_with(char::is_whitespace) {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        }
        if !rest.starts_with('<') {
            return None;
        }
        let tag_end = rest.find('>')?;
        let len = if rest[..tag_end].ends_with('/') {
            tag_end + 1
        } else {
            let name = rest[1..].split([' ', '>', '/']).next()?;
            let close = format!("</{name}>");
            rest.find(&close)? + close.len()
        };
        out.push(&rest[..len]);
        i += len;
    }
    Some(out)
}

fn local_name(el: &str) -> &str {
    el.trim_start_matches('<')
        .split([' ', '>', '/'])
        .next()
        .unwrap_or("")
        .trim_start_matches("w:")
}

/// Puts the children of every `<w:{tag}>` into schema order (stable), and
/// drops empty `<w:rPr />` from paragraph properties: docx-rs writes its
/// properties in its own order, which strict readers (Word) may reject.
pub fn schema_order(xml: &str, tag: &str, order: &[&str]) -> String {
    let open = format!("<w:{tag}>");
    let close = format!("</w:{tag}>");
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        let inner_start = i + open.len();
        // Properties of this kind do not nest in themselves, but w:rPr sits
        // inside w:pPr: match the close tag at the same depth.
        let Some(j) = rest[inner_start..].find(&close).map(|j| inner_start + j) else {
            break;
        };
        out.push_str(&rest[..inner_start]);
        let inner = &rest[inner_start..j];
        match children(inner) {
            Some(mut kids) if !inner.contains(&open) => {
                if tag == "pPr" {
                    kids.retain(|k| *k != "<w:rPr />" && *k != "<w:rPr/>");
                }
                kids.sort_by_key(|k| {
                    order
                        .iter()
                        .position(|o| *o == local_name(k))
                        .unwrap_or(order.len())
                });
                for k in kids {
                    out.push_str(k);
                }
            }
            _ => out.push_str(inner),
        }
        out.push_str(&close);
        rest = &rest[j + close.len()..];
    }
    out.push_str(rest);
    out
}

/// word/styles.xml: document defaults (fonts, size, zh-CN, no automatic
/// space between 汉字 and digits) and the Normal style, in schema order.
pub fn styles_xml(font: &str, half_points: usize) -> String {
    let f = esc(font);
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"{f}\" w:hAnsi=\"{f}\" w:eastAsia=\"{f}\" w:cs=\"{f}\" /><w:sz w:val=\"{half_points}\" /><w:szCs w:val=\"{half_points}\" /><w:lang w:val=\"zh-CN\" w:eastAsia=\"zh-CN\" /></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:autoSpaceDE w:val=\"0\" /><w:autoSpaceDN w:val=\"0\" /></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\" /><w:qFormat /></w:style></w:styles>"
    )
}

/// `w:gridCol` has only `w:w` in the schema; docx-rs adds `w:type`.
pub fn grid_columns(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(i) = rest.find("<w:gridCol ") {
        let end = rest[i..].find("/>").map_or(rest.len(), |j| i + j + 2);
        out.push_str(&rest[..i]);
        out.push_str(&rest[i..end].replace(" w:type=\"dxa\"", ""));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Moves header/footer references to the front of `w:sectPr`, where the
/// schema wants them (docx-rs writes them after the page size; strict
/// readers reject that order).
pub fn section_order(xml: &str) -> String {
    let Some(start) = xml.rfind("<w:sectPr>") else {
        return xml.to_string();
    };
    let Some(end) = xml[start..].find("</w:sectPr>").map(|e| start + e) else {
        return xml.to_string();
    };
    let inner = &xml[start + "<w:sectPr>".len()..end];
    let mut refs = String::new();
    let mut others = String::new();
    let mut rest = inner;
    while let Some(i) = rest.find('<') {
        others.push_str(&rest[..i]);
        let close = rest[i..].find("/>").map_or(rest.len(), |j| i + j + 2);
        let element = &rest[i..close];
        if element.starts_with("<w:headerReference") || element.starts_with("<w:footerReference") {
            refs.push_str(element);
        } else {
            others.push_str(element);
        }
        rest = &rest[close..];
    }
    others.push_str(rest);
    format!("{}<w:sectPr>{refs}{others}{}", &xml[..start], &xml[end..])
}

/// Adds `w:firstLineChars` beside the twips value docx-rs wrote, so Word and
/// WPS keep a two-character indent whatever the font size.
pub fn first_line_chars(xml: &str, twips: i32, chars: u32) -> String {
    xml.replace(
        &format!("w:firstLine=\"{twips}\""),
        &format!(
            "w:firstLineChars=\"{}\" w:firstLine=\"{twips}\"",
            chars * 100
        ),
    )
}

/// Sets the East-Asian language of every run property set (last child of
/// `w:rPr` in our runs, where the schema puts `w:lang`).
pub fn east_asian_language(xml: &str) -> String {
    xml.replace(
        "</w:rPr>",
        "<w:lang w:val=\"zh-CN\" w:eastAsia=\"zh-CN\" /></w:rPr>",
    )
}

/// The font table: the official names with fallbacks as `w:altName`, so an
/// office PC without 仿宋_GB2312 uses 仿宋, and so on.
pub fn font_table(style: &Style) -> String {
    let f = &style.fonts;
    let mut seen: Vec<String> = Vec::new();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:fonts xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
    );
    for (list, family, pitch) in [
        (&f.body, "modern", "fixed"),
        (&f.table, "modern", "fixed"),
        (&f.heading1, "modern", "fixed"),
        (&f.heading2, "script", "fixed"),
        (&f.title, "script", "variable"),
    ] {
        for (i, name) in list.iter().enumerate() {
            if seen.contains(name) {
                continue;
            }
            seen.push(name.clone());
            out.push_str(&format!("<w:font w:name=\"{}\">", esc(name)));
            if let Some(alt) = list.get(i + 1) {
                out.push_str(&format!("<w:altName w:val=\"{}\" />", esc(alt)));
            }
            out.push_str(&format!(
                "<w:charset w:val=\"86\" /><w:family w:val=\"{family}\" /><w:pitch w:val=\"{pitch}\" /></w:font>"
            ));
        }
    }
    for (name, alt) in [("宋体", "SimSun"), ("Times New Roman", "")] {
        if !seen.iter().any(|s| s == name) {
            out.push_str(&format!("<w:font w:name=\"{name}\">"));
            if !alt.is_empty() {
                out.push_str(&format!("<w:altName w:val=\"{alt}\" />"));
            }
            out.push_str("<w:charset w:val=\"86\" /><w:family w:val=\"roman\" /><w:pitch w:val=\"variable\" /></w:font>");
        }
    }
    out.push_str("</w:fonts>");
    out
}

fn core_xml(p: &Patch) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{title}</dc:title><dc:creator>{author}</dc:creator><cp:lastModifiedBy>{author}</cp:lastModifiedBy><dc:language>zh-CN</dc:language><cp:revision>1</cp:revision><dcterms:created xsi:type=\"dcterms:W3CDTF\">{date}T00:00:00Z</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">{date}T00:00:00Z</dcterms:modified></cp:coreProperties>",
        title = esc(&p.title),
        author = esc(&p.author),
        date = esc(&p.date),
    )
}

fn patch_text(part: &mut Vec<u8>, f: impl FnOnce(&str) -> String) {
    if let Ok(s) = std::str::from_utf8(part) {
        *part = f(s).into_bytes();
    }
}

/// Applies every patch and packs the document, compressed and reproducible.
pub fn finish(mut xml: XMLDocx, p: &Patch) -> Result<Vec<u8>, String> {
    patch_text(&mut xml.document, |s| {
        let s = mark_header_rows(s, &p.header_rows);
        let s = first_line_chars(&s, p.first_line_twips, p.indent_chars);
        let s = section_order(&s);
        let s = grid_columns(&s);
        let s = east_asian_language(&s);
        let s = schema_order(&s, "pPr", PPR_ORDER);
        schema_order(&s, "rPr", RPR_ORDER)
    });
    xml.styles = p.styles.clone().into_bytes();
    for footer in &mut xml.footers {
        patch_text(footer, |s| {
            let s = east_asian_language(s);
            let s = schema_order(&s, "pPr", PPR_ORDER);
            schema_order(&s, "rPr", RPR_ORDER)
        });
    }
    xml.font_table = p.fonts.clone().into_bytes();
    xml.doc_props.core = core_xml(p).into_bytes();
    let mut stored = Cursor::new(Vec::new());
    xml.pack(&mut stored)
        .map_err(|e| format!("无法生成 docx：{e}"))?;
    recompress(&stored.into_inner())
}

/// Re-zips docx-rs's stored (uncompressed) archive with Deflate and a fixed
/// timestamp on every entry.
pub fn recompress(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| e.to_string())?;
        let name = entry.name().to_string();
        let mut data = Vec::with_capacity(entry.size() as usize);
        entry.read_to_end(&mut data).map_err(|e| e.to_string())?;
        out.start_file(name, options).map_err(|e| e.to_string())?;
        out.write_all(&data).map_err(|e| e.to_string())?;
    }
    Ok(out.finish().map_err(|e| e.to_string())?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_rows_marked_per_table() {
        let xml = "<w:tbl><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr></w:tbl>\
                   <w:tbl><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr></w:tbl>";
        let out = mark_header_rows(xml, &[1, 0]);
        assert_eq!(out.matches("<w:tblHeader />").count(), 1);
        assert!(out.starts_with("<w:tbl><w:tr><w:trPr><w:cantSplit /><w:tblHeader /></w:trPr>"));
        let out = mark_header_rows(xml, &[2, 1]);
        assert_eq!(out.matches("<w:tblHeader />").count(), 3);
    }

    #[test]
    fn properties_in_schema_order() {
        let x = "<w:p><w:pPr><w:rPr /><w:jc w:val=\"center\" /><w:spacing w:line=\"579\" /><w:keepNext /></w:pPr><w:r><w:rPr><w:sz w:val=\"44\" /><w:rFonts w:ascii=\"a\" /><w:lang w:val=\"zh-CN\" /></w:rPr></w:r></w:p>";
        let y = schema_order(&schema_order(x, "pPr", PPR_ORDER), "rPr", RPR_ORDER);
        assert_eq!(
            y,
            "<w:p><w:pPr><w:keepNext /><w:spacing w:line=\"579\" /><w:jc w:val=\"center\" /></w:pPr><w:r><w:rPr><w:rFonts w:ascii=\"a\" /><w:sz w:val=\"44\" /><w:lang w:val=\"zh-CN\" /></w:rPr></w:r></w:p>"
        );
        roxmltree::Document::parse(&styles_xml("仿宋_GB2312", 32)).unwrap();
        assert_eq!(
            grid_columns("<w:tblGrid><w:gridCol w:w=\"2457\" w:type=\"dxa\" /></w:tblGrid>"),
            "<w:tblGrid><w:gridCol w:w=\"2457\" /></w:tblGrid>"
        );
    }

    #[test]
    fn section_references_first() {
        let x = "<w:body><w:sectPr><w:pgSz w:w=\"1\" /><w:cols w:num=\"1\" /><w:footerReference w:type=\"default\" r:id=\"a\" /></w:sectPr></w:body>";
        assert_eq!(
            section_order(x),
            "<w:body><w:sectPr><w:footerReference w:type=\"default\" r:id=\"a\" /><w:pgSz w:w=\"1\" /><w:cols w:num=\"1\" /></w:sectPr></w:body>"
        );
    }

    #[test]
    fn first_line_chars_and_language() {
        assert_eq!(
            first_line_chars("<w:ind w:firstLine=\"640\" />", 640, 2),
            "<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\" />"
        );
        assert_eq!(
            east_asian_language("<w:rPr><w:sz w:val=\"32\" /></w:rPr>"),
            "<w:rPr><w:sz w:val=\"32\" /><w:lang w:val=\"zh-CN\" w:eastAsia=\"zh-CN\" /></w:rPr>"
        );
    }

    #[test]
    fn font_table_declares_fallbacks() {
        let t = font_table(&Style::default());
        assert!(t.contains("<w:font w:name=\"仿宋_GB2312\"><w:altName w:val=\"仿宋\" />"));
        assert!(t.contains("<w:font w:name=\"黑体\">"));
        assert!(t.contains("<w:font w:name=\"楷体_GB2312\"><w:altName w:val=\"楷体\" />"));
        assert!(t.contains("<w:font w:name=\"宋体\">"));
        roxmltree::Document::parse(&t).unwrap();
    }
}
