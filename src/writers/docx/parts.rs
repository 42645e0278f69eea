//! The other parts of the package, each in schema order: styles (document
//! defaults on the 公文 grid, headings with outline levels), settings
//! (odd/even footers, compatibility mode 15), the font table with fallbacks
//! a Linux office finds, a theme whose fonts are the 公文 faces, the two
//! page-number footers, properties, content types and relationships.

use std::fmt::Write as _;

use super::xml::{LATIN, PPr, esc, rpr};
use super::{Faces, Grid, half_points};
use crate::doc::ir::Document;
use crate::doc::style::Style;

const XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

pub fn styles(style: &Style, faces: &Faces, grid: &Grid) -> String {
    let hp = half_points(style.sizes.body_pt);
    let mut s = format!("{XML}<w:styles {W}><w:docDefaults><w:rPrDefault>");
    rpr(
        &mut s,
        &faces.body,
        Some(&faces.body_latin),
        hp,
        grid.tracking,
    );
    // No automatic space between 汉字 and Latin or digits: the text is set as written.
    s.push_str("</w:rPrDefault><w:pPrDefault><w:pPr><w:autoSpaceDE w:val=\"0\"/><w:autoSpaceDN w:val=\"0\"/></w:pPr></w:pPrDefault></w:docDefaults>");
    let _ = write!(
        s,
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/><w:pPr><w:jc w:val=\"both\"/></w:pPr></w:style>"
    );
    for (id, name, font, level) in [
        ("Heading1", "heading 1", &faces.heading1, 0),
        ("Heading2", "heading 2", &faces.heading2, 1),
    ] {
        let _ = write!(
            s,
            "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/><w:qFormat/>"
        );
        PPr {
            keep_next: true,
            exact: Some(grid.line),
            outline: Some(level),
            ..Default::default()
        }
        .write(&mut s);
        rpr(
            &mut s,
            font,
            None,
            half_points(style.sizes.heading_pt),
            grid.tracking,
        );
        s.push_str("</w:style>");
    }
    s.push_str("<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>");
    s.push_str("<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>");
    s.push_str("</w:styles>");
    s
}

/// Settings; `embedded` when the package carries font parts (Word then
/// keeps subsets of the faces when it saves).
pub fn settings(embedded: bool) -> String {
    let fonts = if embedded {
        "<w:embedTrueTypeFonts/><w:saveSubsetFonts/>"
    } else {
        ""
    };
    format!(
        "{XML}<w:settings {W}><w:zoom w:percent=\"100\"/>{fonts}<w:defaultTabStop w:val=\"420\"/><w:evenAndOddHeaders/><w:characterSpacingControl w:val=\"compressPunctuation\"/><w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat><w:themeFontLang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/><w:decimalSymbol w:val=\".\"/><w:listSeparator w:val=\",\"/></w:settings>"
    )
}

/// Each role's names, then the open face the package's readers can find.
fn chains(style: &Style) -> Vec<(Vec<String>, &'static str, &'static str)> {
    let f = &style.fonts;
    let with = |names: &[String], open: &str| {
        let mut v = names.to_vec();
        if !v.iter().any(|n| n == open) {
            v.push(open.to_string());
        }
        v
    };
    vec![
        (with(&f.body, "Zhuque Fangsong"), "modern", "fixed"),
        (with(&f.table, "Zhuque Fangsong"), "modern", "fixed"),
        (with(&f.heading1, "Noto Sans CJK SC"), "swiss", "variable"),
        (with(&f.heading2, "LXGW WenKai"), "script", "fixed"),
        (with(&f.title, "Noto Serif CJK SC"), "roman", "variable"),
        (
            with(&f.page_number, "Noto Serif CJK SC"),
            "roman",
            "variable",
        ),
        (vec![LATIN.to_string()], "roman", "variable"),
    ]
}

/// The font table: every name with the next of its chain as `w:altName`,
/// so a PC without 仿宋_GB2312 uses 仿宋, and a Linux office the open face.
/// A name in `embedded` (name, `w:fontKey`) points at its font part, the
/// n-th of them at `rId{n}` of the font table's relationships.
pub fn font_table(style: &Style, embedded: &[(&str, &str)]) -> String {
    let mut s = format!(
        "{XML}<w:fonts {W} xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    );
    let mut seen: Vec<String> = Vec::new();
    for (names, family, pitch) in chains(style) {
        for (i, name) in names.iter().enumerate() {
            if seen.contains(name) {
                continue;
            }
            seen.push(name.clone());
            let _ = write!(s, "<w:font w:name=\"{}\">", esc(name));
            if let Some(alt) = names.get(i + 1) {
                let _ = write!(s, "<w:altName w:val=\"{}\"/>", esc(alt));
            }
            let _ = write!(
                s,
                "<w:charset w:val=\"86\"/><w:family w:val=\"{family}\"/><w:pitch w:val=\"{pitch}\"/>"
            );
            if let Some(i) = embedded.iter().position(|(n, _)| n == name) {
                let _ = write!(
                    s,
                    "<w:embedRegular r:id=\"rId{}\" w:fontKey=\"{}\"/>",
                    i + 1,
                    embedded[i].1
                );
            }
            s.push_str("</w:font>");
        }
    }
    s.push_str("</w:fonts>");
    s
}

/// A theme (Word requires one) whose fonts are the 公文 faces, so WPS and
/// Word find no theme font missing.
pub fn theme(faces: &Faces) -> String {
    let (major, minor) = (esc(&faces.heading1), esc(&faces.body));
    let colours = [
        ("dk1", "000000"),
        ("lt1", "FFFFFF"),
        ("dk2", "1F2937"),
        ("lt2", "F3F4F6"),
        ("accent1", "C00000"),
        ("accent2", "1F4E79"),
        ("accent3", "548235"),
        ("accent4", "7F6000"),
        ("accent5", "2E75B6"),
        ("accent6", "833C0B"),
        ("hlink", "0563C1"),
        ("folHlink", "954F72"),
    ];
    let mut s = format!(
        "{XML}<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"govreport\"><a:themeElements><a:clrScheme name=\"govreport\">"
    );
    for (name, rgb) in colours {
        let _ = write!(s, "<a:{name}><a:srgbClr val=\"{rgb}\"/></a:{name}>");
    }
    s.push_str("</a:clrScheme><a:fontScheme name=\"govreport\">");
    for (tag, face) in [("majorFont", &major), ("minorFont", &minor)] {
        let _ = write!(
            s,
            "<a:{tag}><a:latin typeface=\"Times New Roman\"/><a:ea typeface=\"{face}\"/><a:cs typeface=\"\"/><a:font script=\"Hans\" typeface=\"{face}\"/></a:{tag}>"
        );
    }
    let fill = "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>";
    let line = "<a:ln w=\"6350\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln>";
    let effect = "<a:effectStyle><a:effectLst/></a:effectStyle>";
    let _ = write!(
        s,
        "</a:fontScheme><a:fmtScheme name=\"govreport\"><a:fillStyleLst>{fill}{fill}{fill}</a:fillStyleLst><a:lnStyleLst>{line}{line}{line}</a:lnStyleLst><a:effectStyleLst>{effect}{effect}{effect}</a:effectStyleLst><a:bgFillStyleLst>{fill}{fill}{fill}</a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>"
    );
    s
}

/// `— N —` in 4号 宋体: odd pages right, even pages left, one character in.
pub fn footer(style: &Style, faces: &Faces, odd: bool) -> String {
    let pt = style.sizes.page_number_pt;
    let hp = half_points(pt);
    let one = (pt * 20.0).round() as u32;
    let mut s = format!(
        "{XML}<w:ftr {W} xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:p>"
    );
    PPr {
        snap_to_grid: Some(false),
        exact: Some(one),
        left: (!odd).then_some(one),
        right: odd.then_some(one),
        jc: Some(if odd { "right" } else { "left" }),
        ..Default::default()
    }
    .write(&mut s);
    let run = |s: &mut String, inner: &str| {
        s.push_str("<w:r>");
        rpr(s, &faces.page_number, None, hp, 0);
        s.push_str(inner);
        s.push_str("</w:r>");
    };
    run(&mut s, "<w:t xml:space=\"preserve\">— </w:t>");
    run(&mut s, "<w:fldChar w:fldCharType=\"begin\"/>");
    run(
        &mut s,
        "<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>",
    );
    run(&mut s, "<w:fldChar w:fldCharType=\"separate\"/>");
    run(&mut s, "<w:t>1</w:t>");
    run(&mut s, "<w:fldChar w:fldCharType=\"end\"/>");
    run(&mut s, "<w:t xml:space=\"preserve\"> —</w:t>");
    s.push_str("</w:p></w:ftr>");
    s
}

/// Core properties; the dates only when the input has one (never invented).
pub fn core(doc: &Document) -> String {
    let mut s = format!(
        "{XML}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{}</dc:title><dc:creator>{}</dc:creator><dc:language>zh-CN</dc:language>",
        esc(&doc.meta.title),
        esc(&doc.meta.author)
    );
    if let Some(d) = doc
        .meta
        .date
        .as_deref()
        .filter(|d| crate::model::date::Date::parse(d).is_some())
    {
        let _ = write!(
            s,
            "<dcterms:created xsi:type=\"dcterms:W3CDTF\">{d}T00:00:00Z</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">{d}T00:00:00Z</dcterms:modified>"
        );
    }
    s.push_str("</cp:coreProperties>");
    s
}

pub fn app() -> String {
    format!(
        "{XML}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>govreport</Application></Properties>"
    )
}

/// Content types; `fonts` adds the obfuscated font parts' type.
pub fn content_types(fonts: bool) -> String {
    let main = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    let mut s = format!(
        "{XML}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    );
    if fonts {
        s.push_str("<Default Extension=\"odttf\" ContentType=\"application/vnd.openxmlformats-officedocument.obfuscatedFont\"/>");
    }
    for (part, kind) in [
        ("/word/document.xml", format!("{main}.document.main+xml")),
        ("/word/styles.xml", format!("{main}.styles+xml")),
        ("/word/settings.xml", format!("{main}.settings+xml")),
        ("/word/fontTable.xml", format!("{main}.fontTable+xml")),
        ("/word/footer1.xml", format!("{main}.footer+xml")),
        ("/word/footer2.xml", format!("{main}.footer+xml")),
        (
            "/word/theme/theme1.xml",
            "application/vnd.openxmlformats-officedocument.theme+xml".to_string(),
        ),
        (
            "/docProps/core.xml",
            "application/vnd.openxmlformats-package.core-properties+xml".to_string(),
        ),
        (
            "/docProps/app.xml",
            "application/vnd.openxmlformats-officedocument.extended-properties+xml".to_string(),
        ),
    ] {
        let _ = write!(s, "<Override PartName=\"{part}\" ContentType=\"{kind}\"/>");
    }
    s.push_str("</Types>");
    s
}

const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

fn rels(items: &[(&str, &str, &str)]) -> String {
    let mut s = format!(
        "{XML}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    );
    for (id, kind, target) in items {
        let _ = write!(
            s,
            "<Relationship Id=\"{id}\" Type=\"{kind}\" Target=\"{target}\"/>"
        );
    }
    s.push_str("</Relationships>");
    s
}

pub fn package_rels() -> String {
    rels(&[
        (
            "rId1",
            &format!("{REL}/officeDocument"),
            "word/document.xml",
        ),
        (
            "rId2",
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
            "docProps/core.xml",
        ),
        (
            "rId3",
            &format!("{REL}/extended-properties"),
            "docProps/app.xml",
        ),
    ])
}

/// The document's relationships; `rId5`/`rId6` are the odd/even footers the
/// section refers to.
pub fn document_rels() -> String {
    rels(&[
        ("rId1", &format!("{REL}/styles"), "styles.xml"),
        ("rId2", &format!("{REL}/settings"), "settings.xml"),
        ("rId3", &format!("{REL}/fontTable"), "fontTable.xml"),
        ("rId4", &format!("{REL}/theme"), "theme/theme1.xml"),
        ("rId5", &format!("{REL}/footer"), "footer1.xml"),
        ("rId6", &format!("{REL}/footer"), "footer2.xml"),
    ])
}

/// The font table's relationships: `rId{n}` to `fonts/font{n}.odttf`.
pub fn font_table_rels(count: usize) -> String {
    let items: Vec<(String, String, String)> = (1..=count)
        .map(|i| {
            (
                format!("rId{i}"),
                format!("{REL}/font"),
                format!("fonts/font{i}.odttf"),
            )
        })
        .collect();
    let refs: Vec<(&str, &str, &str)> = items
        .iter()
        .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
        .collect();
    rels(&refs)
}
