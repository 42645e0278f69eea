//! A subset of a face that a word processor can use: the glyphs of the
//! characters a document sets, with a `cmap` mapping each character to its
//! new glyph. `subsetter` (krilla's, for the PDF's CID fonts) cuts the
//! glyphs and drops `cmap` and `OS/2`; write-fonts adds a `cmap` (format 4,
//! and format 12 when a character lies beyond the BMP), the original
//! `OS/2` with the subset's first and last character, and reassembles the
//! font with its table directory and checksums. A face drawn from more
//! than one (the open 仿宋 with its Latin figures and a fallback), or
//! a CFF one, is redrawn glyph by glyph as TrueType (quadratic.rs)
//! (docs/decisions/0008-docx-fonts.md).

use std::collections::BTreeSet;

use skrifa::raw::TableProvider;
use skrifa::{FontRef, GlyphId, MetadataProvider, Tag};
use write_fonts::FontBuilder;
use write_fonts::tables::cmap::Cmap;

mod quadratic;

/// The OS/2 `fsType` bit that forbids embedding ("Restricted License").
const RESTRICTED: u16 = 0x0002;

/// The faces a DOCX face is drawn from, as the PDF draws its role: `main`
/// what it has, `latin` (if any) Basic Latin and Latin-1 (the open 仿宋's
/// figures and letters are Times-metric ones), `fallback` (if any) what
/// `main` lacks. Each index 0 of its data.
#[derive(Clone, Copy)]
pub struct Sources<'a> {
    pub main: &'a [u8],
    pub latin: Option<&'a [u8]>,
    pub fallback: Option<&'a [u8]>,
}

/// A subset of the face at `index` of `data` holding the glyphs of `chars`
/// (characters the face lacks are left out), with a `cmap` for them.
pub fn subset_with_cmap(
    data: &[u8],
    index: u32,
    chars: &BTreeSet<char>,
) -> Result<Vec<u8>, String> {
    let font = FontRef::from_index(data, index).map_err(|e| format!("字体无法读取：{e}"))?;
    let kept: Vec<(char, GlyphId)> = mapped(&font, chars.iter().copied());
    let old: Vec<GlyphId> = kept.iter().map(|(_, g)| *g).collect();
    let (cut, new) = if font.table_data(Tag::new(b"glyf")).is_some() {
        cut_truetype(data, index, &old)?
    } else {
        let picks: Vec<quadratic::Pick> = old.iter().map(|g| quadratic::Pick::of(0, *g)).collect();
        quadratic::cut(&font, std::slice::from_ref(&font), &picks)?
    };
    assemble(&font, &cut, kept.iter().map(|(c, _)| *c).zip(new))
}

/// A subset drawn from `src` for `chars`: each character from the face the
/// PDF takes it from, Chinese quotation marks the main face draws narrow
/// set in a full cell as the PDF sets them (an opening one at the cell's
/// right). From one TrueType face alone, `subset_with_cmap`'s exact cut;
/// otherwise every glyph redrawn (quadratic.rs).
pub fn subset_merged(src: Sources, chars: &BTreeSet<char>) -> Result<Vec<u8>, String> {
    fn open(d: &[u8]) -> Result<FontRef<'_>, String> {
        FontRef::new(d).map_err(|e| format!("字体无法读取：{e}"))
    }
    let main = open(src.main)?;
    let latin = src.latin.map(open).transpose()?;
    let fallback = src.fallback.map(open).transpose()?;
    let upem = |f: &FontRef| f.head().map(|h| h.units_per_em().max(1)).unwrap_or(1000) as f32;
    let main_upem = upem(&main);
    let gm = main.glyph_metrics(
        skrifa::prelude::Size::unscaled(),
        skrifa::prelude::LocationRef::default(),
    );
    let mut picks = Vec::new();
    let mut kept = Vec::new();
    let mut only_main = true;
    for &c in chars {
        let in_latin = matches!(c, ' '..='~' | '\u{a0}'..='\u{ff}');
        let pick = if let Some(g) = latin
            .as_ref()
            .filter(|_| in_latin)
            .and_then(|f| f.charmap().map(c))
            .filter(|g| g.to_u32() != 0)
        {
            Some(quadratic::Pick::of(1, g))
        } else if let Some(g) = main.charmap().map(c).filter(|g| g.to_u32() != 0) {
            let adv = gm.advance_width(g).unwrap_or(main_upem) / main_upem;
            let mut p = quadratic::Pick::of(0, g);
            if matches!(c, '“' | '”' | '‘' | '’') && adv < 0.9 {
                p.advance = Some(main_upem);
                if matches!(c, '“' | '‘') {
                    p.shift = (1.0 - adv) * main_upem;
                }
            }
            Some(p)
        } else {
            fallback
                .as_ref()
                .and_then(|f| f.charmap().map(c))
                .filter(|g| g.to_u32() != 0)
                .map(|g| quadratic::Pick::of(2, g))
        };
        if let Some(p) = pick {
            only_main &= p.source == 0 && p.advance.is_none();
            picks.push(p);
            kept.push(c);
        }
    }
    if only_main && main.table_data(Tag::new(b"glyf")).is_some() {
        return subset_with_cmap(src.main, 0, chars);
    }
    // Sources by index: 0 main, 1 Latin, 2 fallback (absent ones never picked).
    let faces = [
        main.clone(),
        latin.unwrap_or_else(|| main.clone()),
        fallback.unwrap_or_else(|| main.clone()),
    ];
    let (cut, new) = quadratic::cut(&main, &faces, &picks)?;
    assemble(&main, &cut, kept.into_iter().zip(new))
}

/// The characters of `chars` a face has, with their glyphs.
fn mapped(font: &FontRef, chars: impl Iterator<Item = char>) -> Vec<(char, GlyphId)> {
    let charmap = font.charmap();
    chars
        .filter_map(|c| charmap.map(c).map(|g| (c, g)))
        .filter(|(_, g)| g.to_u32() != 0)
        .collect()
}

/// The font `cut` with a `cmap` of `mappings` (character, new glyph) and
/// the `OS/2` of `font` with the subset's character range.
fn assemble(
    font: &FontRef,
    cut: &[u8],
    mappings: impl Iterator<Item = (char, u16)>,
) -> Result<Vec<u8>, String> {
    let mappings: Vec<(char, GlyphId)> =
        mappings.map(|(c, g)| (c, GlyphId::new(g.into()))).collect();
    let cmap =
        Cmap::from_mappings(mappings.iter().copied()).map_err(|e| format!("字体子集失败：{e}"))?;
    let cut_font = skrifa::raw::FontRef::new(cut).map_err(|e| format!("字体子集失败：{e}"))?;
    let mut builder = FontBuilder::new();
    builder
        .add_table(&cmap)
        .map_err(|e| format!("字体子集失败：{e}"))?;
    // Windows reads a face's weight, embedding rights and code pages from
    // OS/2; kept as the original has it, with the subset's character range.
    if let Some(os2) = font.table_data(Tag::new(b"OS/2")) {
        let mut os2 = os2.as_bytes().to_vec();
        if os2.len() >= 68 {
            let bmp = || {
                mappings
                    .iter()
                    .map(|(c, _)| *c as u32)
                    .filter(|&c| c <= 0xFFFF)
            };
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
        shape_at(font, c, Size::unscaled())
    }

    /// The outline of `c` at `size` (`Size::new(upem)` draws another face
    /// in a face's units), and its advance.
    fn shape_at(font: &FontRef, c: char, size: Size) -> (kurbo::BezPath, f32) {
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
                DrawSettings::unhinted(size, LocationRef::default()),
                &mut pen,
            )
            .unwrap();
        let adv = font
            .glyph_metrics(size, LocationRef::default())
            .advance_width(g)
            .unwrap();
        (pen.0, adv)
    }

    /// A CFF glyph made TrueType: the same advance, every on-curve point of
    /// the original within a unit of one of the copy's, the same ink box
    /// and area within what rounding to whole units moves.
    fn same_shape(orig: &FontRef, new: &FontRef, c: char) {
        same_shape_at(orig, Size::unscaled(), new, c, 0.0);
    }

    /// `c` of `orig` drawn at `size`, moved right by `shift`, is `c` of `new`.
    fn same_shape_at(orig: &FontRef, size: Size, new: &FontRef, c: char, shift: f64) {
        use kurbo::Shape;
        let ((mut a, adv_a), (b, adv_b)) = (shape_at(orig, c, size), shape(new, c));
        a.apply_affine(kurbo::Affine::translate((shift, 0.0)));
        // Quotation marks set in a full cell are checked by their caller.
        if !matches!(c, '“' | '”' | '‘' | '’') {
            assert_eq!(adv_a.round(), adv_b, "{c}: advance");
        }
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

    /// The open 仿宋 as the PDF sets it: figures and letters from the
    /// Latin face (scaled from its 2048 units to Zhuque's 1000), what it
    /// lacks from the serif, Chinese quotation marks in a full cell.
    #[test]
    fn merged_subset_draws_each_character_from_the_pdfs_face() {
        let (main, latin, serif) = (
            face("govreport-fangsong.ttf"),
            face("govreport-latin.ttf"),
            face("govreport-serif.otf"),
        );
        // A character Zhuque lacks (the serif has it).
        let m = FontRef::new(&main).unwrap();
        let s = FontRef::new(&serif).unwrap();
        let lacking = (0x4E00u32..0xA000)
            .filter_map(char::from_u32)
            .find(|c| m.charmap().map(*c).is_none() && s.charmap().map(*c).is_some())
            .unwrap();
        let chars: BTreeSet<char> = "政务2024AZ“”‘’".chars().chain([lacking]).collect();
        let sub = subset_merged(
            Sources {
                main: &main,
                latin: Some(&latin),
                fallback: Some(&serif),
            },
            &chars,
        )
        .unwrap();
        let new = FontRef::new(&sub).unwrap();
        let l = FontRef::new(&latin).unwrap();
        assert_eq!(new.head().unwrap().units_per_em(), 1000);
        assert!(ttf_parser::Face::parse(&sub, 0).is_ok());
        for c in "2024AZ".chars() {
            same_shape_at(&l, Size::new(1000.0), &new, c, 0.0);
        }
        for c in "政务".chars() {
            same_shape(&m, &new, c);
        }
        same_shape(&s, &new, lacking);
        let adv = |f: &FontRef, c| shape(f, c).1;
        for c in ['“', '‘'] {
            assert_eq!(adv(&new, c), 1000.0);
            same_shape_at(&m, Size::unscaled(), &new, c, 1000.0 - adv(&m, c) as f64);
        }
        for c in ['”', '’'] {
            assert_eq!(adv(&new, c), 1000.0);
            same_shape_at(&m, Size::unscaled(), &new, c, 0.0);
        }
        let all: Vec<u32> = new.charmap().mappings().map(|(c, _)| c).collect();
        assert_eq!(all, chars.iter().map(|&c| c as u32).collect::<Vec<_>>());
        // Zhuque alone: the exact cut.
        let alone = Sources {
            main: &main,
            latin: None,
            fallback: Some(&serif),
        };
        let zheng = ['政'].into();
        assert_eq!(
            subset_merged(alone, &zheng).unwrap(),
            subset_with_cmap(&main, 0, &zheng).unwrap()
        );
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
