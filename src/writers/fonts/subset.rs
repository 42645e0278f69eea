//! A subset of a face that a word processor can use: the glyphs of the
//! characters a document sets, with a `cmap` mapping each character to its
//! new glyph. `subsetter` (krilla's, for the PDF's CID fonts) cuts the
//! glyphs and drops `cmap` and `OS/2`; write-fonts adds a `cmap` (format 4,
//! and format 12 when a character lies beyond the BMP), the original
//! `OS/2` with the subset's first and last character, and reassembles the
//! font with its table directory and checksums
//! (docs/decisions/0008-docx-fonts.md).

use std::collections::BTreeSet;

use skrifa::raw::TableProvider;
use skrifa::{FontRef, GlyphId, MetadataProvider, Tag};
use write_fonts::FontBuilder;
use write_fonts::tables::cmap::Cmap;

mod quadratic;

/// The OS/2 `fsType` bit that forbids embedding ("Restricted License").
const RESTRICTED: u16 = 0x0002;

/// A subset of the face at `index` of `data` holding the glyphs of `chars`
/// (characters the face lacks are left out), with a `cmap` for them.
pub fn subset_with_cmap(
    data: &[u8],
    index: u32,
    chars: &BTreeSet<char>,
) -> Result<Vec<u8>, String> {
    let font = FontRef::from_index(data, index).map_err(|e| format!("字体无法读取：{e}"))?;
    let charmap = font.charmap();
    let kept: Vec<(char, GlyphId)> = chars
        .iter()
        .filter_map(|&c| charmap.map(c).map(|g| (c, g)))
        .filter(|(_, g)| g.to_u32() != 0)
        .collect();
    let old: Vec<GlyphId> = kept.iter().map(|(_, g)| *g).collect();
    let (cut, new) = if font.table_data(Tag::new(b"glyf")).is_some() {
        cut_truetype(data, index, &old)?
    } else {
        quadratic::cut(&font, &old)?
    };
    let mappings: Vec<(char, GlyphId)> = kept
        .iter()
        .zip(&new)
        .map(|((c, _), g)| (*c, GlyphId::new((*g).into())))
        .collect();
    let cmap = Cmap::from_mappings(mappings).map_err(|e| format!("字体子集失败：{e}"))?;
    let cut_font = skrifa::raw::FontRef::new(&cut).map_err(|e| format!("字体子集失败：{e}"))?;
    let mut builder = FontBuilder::new();
    builder
        .add_table(&cmap)
        .map_err(|e| format!("字体子集失败：{e}"))?;
    // Windows reads a face's weight, embedding rights and code pages from
    // OS/2; kept as the original has it, with the subset's character range.
    if let Some(os2) = font.table_data(Tag::new(b"OS/2")) {
        let mut os2 = os2.as_bytes().to_vec();
        if os2.len() >= 68 {
            let bmp = || kept.iter().map(|(c, _)| *c as u32).filter(|&c| c <= 0xFFFF);
            let first = bmp().min().unwrap_or(0xFFFF) as u16;
            let last = bmp().max().unwrap_or(0) as u16;
            os2[64..66].copy_from_slice(&first.to_be_bytes());
            os2[66..68].copy_from_slice(&last.to_be_bytes());
        }
        builder.add_raw(Tag::new(b"OS/2"), os2);
    }
    builder.copy_missing_tables(cut_font);
    Ok(builder.build())
}

/// `subsetter`'s subset of a TrueType face: the glyphs (and the components
/// they refer to) renumbered, with the new number of each of `old`.
fn cut_truetype(data: &[u8], index: u32, old: &[GlyphId]) -> Result<(Vec<u8>, Vec<u16>), String> {
    let mut remapper = subsetter::GlyphRemapper::new();
    let mut old16 = Vec::with_capacity(old.len());
    for g in old {
        let g = u16::try_from(g.to_u32()).map_err(|_| "字形编号超出范围".to_string())?;
        remapper.remap(g);
        old16.push(g);
    }
    let cut =
        subsetter::subset(data, index, &remapper).map_err(|e| format!("字体子集失败：{e}"))?;
    let new = old16
        .iter()
        .map(|g| remapper.get(*g).ok_or("字体子集失败：字形丢失".to_string()))
        .collect::<Result<_, _>>()?;
    Ok((cut, new))
}

/// Whether the face's licence, as its OS/2 `fsType` says, lets a document
/// carry it (a face without OS/2 says nothing against it).
pub fn embeddable(data: &[u8], index: u32) -> bool {
    FontRef::from_index(data, index)
        .ok()
        .and_then(|f| f.os2().ok())
        .is_none_or(|os2| os2.fs_type() & 0x000F != RESTRICTED)
}

#[cfg(test)]
mod tests {
    use super::*;
    use skrifa::instance::{LocationRef, Size};
    use skrifa::outline::{DrawSettings, OutlinePen};

    /// Every drawing command of an outline, in font units.
    #[derive(Default)]
    struct Record(Vec<(char, [i32; 6])>);

    impl OutlinePen for Record {
        fn move_to(&mut self, x: f32, y: f32) {
            self.0.push(('M', [x as i32, y as i32, 0, 0, 0, 0]));
        }
        fn line_to(&mut self, x: f32, y: f32) {
            self.0.push(('L', [x as i32, y as i32, 0, 0, 0, 0]));
        }
        fn quad_to(&mut self, a: f32, b: f32, x: f32, y: f32) {
            self.0
                .push(('Q', [a as i32, b as i32, x as i32, y as i32, 0, 0]));
        }
        fn curve_to(&mut self, a: f32, b: f32, c: f32, d: f32, x: f32, y: f32) {
            self.0.push((
                'C',
                [a as i32, b as i32, c as i32, d as i32, x as i32, y as i32],
            ));
        }
        fn close(&mut self) {
            self.0.push(('Z', [0; 6]));
        }
    }

    fn outline(font: &FontRef, c: char) -> (Vec<(char, [i32; 6])>, f32) {
        let g = font
            .charmap()
            .map(c)
            .unwrap_or_else(|| panic!("{c} unmapped"));
        let mut pen = Record::default();
        font.outline_glyphs()
            .get(g)
            .unwrap()
            .draw(
                DrawSettings::unhinted(Size::unscaled(), LocationRef::default()),
                &mut pen,
            )
            .unwrap();
        let adv = font
            .glyph_metrics(Size::unscaled(), LocationRef::default())
            .advance_width(g)
            .unwrap();
        (pen.0, adv)
    }

    const TEXT: &str = "重庆市綦江区司法局2024年政府信息公开工作年度报告（一）一、“”，。0123AZaz—";

    fn face(name: &str) -> Vec<u8> {
        let zip = include_bytes!("../../../fonts/govreport-fonts.zip");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&zip[..])).unwrap();
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut zip.by_name(name).unwrap(), &mut v).unwrap();
        v
    }

    /// The outline of `c` as kurbo draws it (cubics kept), and its advance.
    fn shape(font: &FontRef, c: char) -> (kurbo::BezPath, f32) {
        struct Pen(kurbo::BezPath);
        impl OutlinePen for Pen {
            fn move_to(&mut self, x: f32, y: f32) {
                self.0.move_to((x as f64, y as f64));
            }
            fn line_to(&mut self, x: f32, y: f32) {
                self.0.line_to((x as f64, y as f64));
            }
            fn quad_to(&mut self, a: f32, b: f32, x: f32, y: f32) {
                self.0.quad_to((a as f64, b as f64), (x as f64, y as f64));
            }
            fn curve_to(&mut self, a: f32, b: f32, c: f32, d: f32, x: f32, y: f32) {
                self.0.curve_to(
                    (a as f64, b as f64),
                    (c as f64, d as f64),
                    (x as f64, y as f64),
                );
            }
            fn close(&mut self) {
                self.0.close_path();
            }
        }
        let g = font.charmap().map(c).unwrap();
        let mut pen = Pen(kurbo::BezPath::new());
        font.outline_glyphs()
            .get(g)
            .unwrap()
            .draw(
                DrawSettings::unhinted(Size::unscaled(), LocationRef::default()),
                &mut pen,
            )
            .unwrap();
        let adv = font
            .glyph_metrics(Size::unscaled(), LocationRef::default())
            .advance_width(g)
            .unwrap();
        (pen.0, adv)
    }

    /// A CFF glyph made TrueType: the same advance, every on-curve point of
    /// the original within a unit of one of the copy's, the same ink box
    /// and area within what rounding to whole units moves.
    fn same_shape(orig: &FontRef, new: &FontRef, c: char) {
        use kurbo::Shape;
        let ((a, adv_a), (b, adv_b)) = (shape(orig, c), shape(new, c));
        assert_eq!(adv_a.round(), adv_b, "{c}: advance");
        let ends = |p: &kurbo::BezPath| -> Vec<kurbo::Point> {
            p.elements().iter().filter_map(|e| e.end_point()).collect()
        };
        let theirs = ends(&b);
        for p in ends(&a) {
            assert!(
                theirs.iter().any(|q| (p - *q).hypot() <= 1.0),
                "{c}: point {p:?} lost"
            );
        }
        let (ba, bb) = (a.bounding_box(), b.bounding_box());
        for (x, y) in [
            (ba.x0, bb.x0),
            (ba.y0, bb.y0),
            (ba.x1, bb.x1),
            (ba.y1, bb.y1),
        ] {
            assert!((x - y).abs() <= 1.0, "{c}: box {ba:?} / {bb:?}");
        }
        // Points rounded to whole units move the edge by at most half a unit.
        let (aa, ab) = (a.area().abs(), b.area().abs());
        let slack = 0.5 * a.perimeter(0.1);
        assert!((aa - ab).abs() <= slack, "{c}: area {aa} / {ab}");
    }

    /// The subset parses with two readers, maps every character to a glyph
    /// drawn and advanced as in the original (TrueType: the same commands;
    /// CFF: the same shape in quadratics), and maps nothing else.
    fn check(name: &str) {
        let data = face(name);
        let chars: BTreeSet<char> = TEXT.chars().collect();
        let sub = subset_with_cmap(&data, 0, &chars).unwrap();
        assert!(sub.len() * 20 < data.len(), "{name}: {} bytes", sub.len());
        let orig = FontRef::new(&data).unwrap();
        let new = FontRef::new(&sub).unwrap();
        let tp = ttf_parser::Face::parse(&sub, 0).unwrap();
        let mapped: Vec<char> = chars
            .iter()
            .copied()
            .filter(|c| orig.charmap().map(*c).is_some())
            .collect();
        assert!(mapped.len() >= chars.len() - 4, "{name}: {mapped:?}");
        let cff = orig.table_data(Tag::new(b"CFF ")).is_some();
        assert!(
            new.table_data(Tag::new(b"glyf")).is_some(),
            "{name}: TrueType"
        );
        for &c in &mapped {
            if cff {
                same_shape(&orig, &new, c);
            } else {
                assert_eq!(outline(&orig, c), outline(&new, c), "{name}: {c}");
            }
            assert!(tp.glyph_index(c).is_some(), "{name}: ttf-parser lacks {c}");
        }
        // Nothing beyond the subset: the cmap has exactly its characters.
        let all: Vec<u32> = new.charmap().mappings().map(|(c, _)| c).collect();
        assert_eq!(all, mapped.iter().map(|&c| c as u32).collect::<Vec<_>>());
        for c in ['民', '务', 'Q', '附'] {
            assert!(new.charmap().map(c).is_none(), "{name}: {c}");
            assert!(tp.glyph_index(c).is_none(), "{name}: {c}");
        }
        // Whole-font checksum and every table's checksum.
        let sum = |b: &[u8]| {
            b.chunks(4).fold(0u32, |s, ch| {
                let mut w = [0u8; 4];
                w[..ch.len()].copy_from_slice(ch);
                s.wrapping_add(u32::from_be_bytes(w))
            })
        };
        assert_eq!(sum(&sub), 0xB1B0AFBA, "{name}");
        for r in new.table_directory().table_records() {
            let t = &sub[r.offset() as usize..][..r.length() as usize];
            let mut t = t.to_vec();
            if r.tag() == Tag::new(b"head") {
                t[8..12].fill(0);
            }
            assert_eq!(sum(&t), r.checksum(), "{name}: {}", r.tag());
        }
        // OS/2 kept, with the subset's range.
        let os2 = new.os2().unwrap();
        assert_eq!(os2.fs_type(), orig.os2().unwrap().fs_type());
        assert_eq!(os2.us_first_char_index(), '0' as u16);
        assert_eq!(os2.us_last_char_index(), '，' as u16);
    }

    #[test]
    fn truetype_subset_keeps_outlines_advances_and_only_its_characters() {
        check("govreport-fangsong.ttf");
        check("govreport-kai.ttf");
    }

    #[test]
    fn cff_subset_keeps_outlines_advances_and_only_its_characters() {
        check("govreport-sans.otf");
        check("govreport-serif-bold.otf");
    }

    /// A character beyond the BMP gets a format 12 subtable beside format
    /// 4. No shipped face has one: a Kai subset given U+20000 (drawn as 府).
    #[test]
    fn supplementary_characters_get_format_12() {
        let far = '\u{20000}';
        let base = subset_with_cmap(&face("govreport-kai.ttf"), 0, &['政', '府'].into()).unwrap();
        let base = FontRef::new(&base).unwrap();
        let mut maps: Vec<(char, GlyphId)> = base
            .charmap()
            .mappings()
            .map(|(c, g)| (char::from_u32(c).unwrap(), g))
            .collect();
        maps.push((far, base.charmap().map('府').unwrap()));
        let mut b = FontBuilder::new();
        b.add_table(&Cmap::from_mappings(maps).unwrap()).unwrap();
        b.copy_missing_tables(base.clone());
        let synthetic = b.build();
        let orig = FontRef::new(&synthetic).unwrap();
        let sub = subset_with_cmap(&synthetic, 0, &['政', far].into()).unwrap();
        let new = FontRef::new(&sub).unwrap();
        let cmap = new.cmap().unwrap();
        let formats: Vec<u16> = cmap
            .encoding_records()
            .iter()
            .map(|r| r.subtable(cmap.offset_data()).unwrap().format())
            .collect();
        assert_eq!(formats, [4, 12, 4, 12]);
        assert_eq!(outline(&orig, far), outline(&new, far));
        assert_eq!(outline(&base, '府'), outline(&new, far));
        assert_eq!(outline(&orig, '政'), outline(&new, '政'));
        assert!(new.charmap().map('府').is_none());
        let tp = ttf_parser::Face::parse(&sub, 0).unwrap();
        assert!(tp.glyph_index(far).is_some());
        // BMP only: format 4 alone (Unicode and Windows records).
        let bmp = subset_with_cmap(&synthetic, 0, &['政'].into()).unwrap();
        let bmp = FontRef::new(&bmp).unwrap();
        assert_eq!(bmp.cmap().unwrap().encoding_records().len(), 2);
    }

    #[test]
    fn open_faces_may_be_embedded() {
        for name in [
            "govreport-fangsong.ttf",
            "govreport-kai.ttf",
            "govreport-sans.otf",
        ] {
            assert!(embeddable(&face(name), 0), "{name}");
        }
        let mut data = face("govreport-kai.ttf");
        let font = FontRef::new(&data).unwrap();
        let at = font
            .table_directory()
            .table_records()
            .iter()
            .find(|r| r.tag() == Tag::new(b"OS/2"))
            .unwrap()
            .offset() as usize;
        data[at + 8..at + 10].copy_from_slice(&RESTRICTED.to_be_bytes());
        assert!(!embeddable(&data, 0));
    }
}
