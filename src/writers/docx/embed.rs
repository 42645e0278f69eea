//! Faces carried in the DOCX (`render --embed-fonts`, or a profile's
//! `[docx] embed_fonts`), as ECMA-376 §17.8.1 describes and
//! docs/decisions/0008-docx-fonts.md measured: for each official name the
//! runs use, a TrueType subset holding the characters set in that name,
//! drawn as the PDF draws the role without installed faces (the profile's
//! font file, else the open face, with its Latin figures and the serif for
//! what it lacks), with a `cmap`; its first 32 bytes XORed with the
//! font-table entry's `w:fontKey` GUID, stored as `word/fonts/fontN.odttf`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use sha2::{Digest, Sha256};

use super::Faces;
use crate::doc::style::Style;
use crate::writers::fonts::{self, Role};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// One embedded face: the font-table name it is attached to, its key and
/// its obfuscated bytes.
pub struct Embedded {
    pub name: String,
    /// `{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}`, from the subset's digest,
    /// so the same document gives the same bytes.
    pub key: String,
    pub data: Vec<u8>,
}

/// The roles whose faces are carried, with their official names, in the
/// order the font parts are numbered.
fn roles(faces: &Faces) -> [(Role, &str); 6] {
    [
        (Role::Body, &faces.body),
        (Role::Table, &faces.table),
        (Role::Heading1, &faces.heading1),
        (Role::Heading2, &faces.heading2),
        (Role::Title, &faces.title),
        (Role::PageNumber, &faces.page_number),
    ]
}

/// The characters set in each font name by the runs of `parts`
/// (WordprocessingML this writer made: every run names its face).
pub fn characters(parts: &[&str], default: &str) -> BTreeMap<String, BTreeSet<char>> {
    let mut out: BTreeMap<String, BTreeSet<char>> = BTreeMap::new();
    for xml in parts {
        let Ok(doc) = roxmltree::Document::parse(xml) else {
            continue;
        };
        for run in doc.descendants().filter(|n| n.has_tag_name((W, "r"))) {
            let name = run
                .children()
                .find(|n| n.has_tag_name((W, "rPr")))
                .and_then(|p| p.children().find(|n| n.has_tag_name((W, "rFonts"))))
                .and_then(|f| f.attribute((W, "eastAsia")))
                .unwrap_or(default);
            let set = out.entry(name.to_string()).or_default();
            for t in run.children().filter(|n| n.has_tag_name((W, "t"))) {
                set.extend(t.text().unwrap_or("").chars());
            }
            // A page-number field shows any number.
            if run.children().any(|n| n.has_tag_name((W, "fldChar"))) {
                set.extend('0'..='9');
            }
        }
    }
    out
}

/// The faces to carry for `parts`, and what the user should know (a face
/// whose licence forbids embedding is left out, named).
pub fn faces(
    parts: &[&str],
    style: &Style,
    faces: &Faces,
    base_dir: Option<&Path>,
) -> Result<(Vec<Embedded>, Vec<String>), String> {
    let used = characters(parts, &faces.body);
    let mut out: Vec<Embedded> = Vec::new();
    let mut warnings = Vec::new();
    for (role, name) in roles(faces) {
        let Some(chars) = used
            .get(name)
            .filter(|c| c.iter().any(|c| !c.is_whitespace()))
        else {
            continue;
        };
        if out.iter().any(|e| e.name == name) {
            continue;
        }
        let face = fonts::docx_face(&style.fonts, role, base_dir)?;
        let main: &[u8] = (*face.main).as_ref();
        if !fonts::subset::embeddable(main, 0) {
            warnings.push(format!(
                "字体 {} 的授权不允许嵌入文档，docx 中的“{name}”未嵌入字体",
                face.source
            ));
            continue;
        }
        let sources = fonts::subset::Sources {
            main,
            latin: face.latin.as_deref().map(|l| l.as_ref()),
            fallback: Some((*face.fallback).as_ref()),
        };
        let mut sub = fonts::subset::subset_merged(sources, chars)
            .map_err(|e| format!("{}：{e}", face.source))?;
        let key = guid(&sub);
        obfuscate(&mut sub, &key);
        out.push(Embedded {
            name: name.to_string(),
            key,
            data: sub,
        });
    }
    Ok((out, warnings))
}

/// A GUID in registry form from the first 16 bytes of the digest of `data`.
fn guid(data: &[u8]) -> String {
    let d = Sha256::digest(data);
    let h: String = d[..16].iter().map(|b| format!("{b:02X}")).collect();
    format!(
        "{{{}-{}-{}-{}-{}}}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// ECMA-376 §17.8.1: the GUID's 16 bytes, read from its string in reverse
/// order, XORed over the first 32 bytes of the font. Its own inverse.
pub fn obfuscate(data: &mut [u8], key: &str) {
    let digits: Vec<u8> = key
        .bytes()
        .filter(u8::is_ascii_hexdigit)
        .map(|b| (b as char).to_digit(16).unwrap_or(0) as u8)
        .collect();
    if digits.len() != 32 {
        return;
    }
    let bytes: Vec<u8> = digits.chunks(2).map(|p| p[0] << 4 | p[1]).collect();
    for (i, b) in data.iter_mut().take(32).enumerate() {
        *b ^= bytes[15 - i % 16];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// LibreOffice's reading of the key (writerfilter's EmbeddedFontHandler):
    /// the hex pair at each of these positions of the braced GUID, XORed
    /// over bytes i and i + 16.
    fn libreoffice_unobfuscate(data: &mut [u8], key: &str) {
        const POS: [usize; 16] = [35, 33, 31, 29, 27, 25, 22, 20, 17, 15, 12, 10, 7, 5, 3, 1];
        let k = key.as_bytes();
        for (i, p) in POS.iter().enumerate() {
            let hex = |c: u8| (c as char).to_digit(16).unwrap() as u8;
            let v = hex(k[*p]) * 16 + hex(k[p + 1]);
            data[i] ^= v;
            data[i + 16] ^= v;
        }
    }

    #[test]
    fn obfuscation_is_what_libreoffice_undoes() {
        let font: Vec<u8> = (0..100u8).collect();
        let key = guid(&font);
        assert_eq!(key.len(), 38);
        assert!(key.starts_with('{') && key.ends_with('}'));
        let mut data = font.clone();
        obfuscate(&mut data, &key);
        assert_ne!(data[..32], font[..32]);
        assert_eq!(data[32..], font[32..]);
        let mut back = data.clone();
        libreoffice_unobfuscate(&mut back, &key);
        assert_eq!(back, font);
        obfuscate(&mut data, &key);
        assert_eq!(data, font);
        // The spec's example: key {62E79491-959F-41E9-B76B-6B32631DEA5C}
        // XORs byte 0 with 0x5C and byte 15 with 0x62.
        let mut z = vec![0u8; 40];
        obfuscate(&mut z, "{62E79491-959F-41E9-B76B-6B32631DEA5C}");
        assert_eq!(
            (z[0], z[15], z[16], z[31], z[32]),
            (0x5C, 0x62, 0x5C, 0x62, 0)
        );
    }

    #[test]
    fn characters_by_the_face_their_run_names() {
        let xml = format!(
            "<w:document xmlns:w=\"{W}\"><w:body><w:p><w:r><w:rPr><w:rFonts w:eastAsia=\"黑体\"/></w:rPr><w:t>一、概述</w:t></w:r><w:r><w:t>正文</w:t><w:br/><w:t>2024</w:t></w:r></w:p><w:p><w:r><w:rPr><w:rFonts w:eastAsia=\"宋体\"/></w:rPr><w:fldChar w:fldCharType=\"begin\"/></w:r></w:p></w:body></w:document>"
        );
        let c = characters(&[&xml], "仿宋_GB2312");
        let s = |n: &str| c[n].iter().collect::<String>();
        assert_eq!(s("黑体"), "、一概述");
        assert_eq!(
            s("仿宋_GB2312"),
            "0024文正"
                .chars()
                .collect::<BTreeSet<_>>()
                .iter()
                .collect::<String>()
        );
        assert_eq!(s("宋体"), "0123456789");
    }
}
