//! A TrueType subset drawn glyph by glyph: each outline drawn by skrifa
//! (cubics of a CFF face approximated by quadratic splines within half a
//! font unit), possibly from several faces scaled to one's units, written
//! as `glyf`/`loca` with `hmtx`, `hhea`, `maxp`, `head`, `post` and `name`
//! from the base face. LibreOffice's PDF export draws nothing of the
//! CID-keyed CFF subsetter writes (its FontMatrix per font dict is taken
//! for the whole font: glyphs a thousand times too large), and Word embeds
//! TrueType faces (docs/decisions/0008-docx-fonts.md).

use kurbo::{BezPath, CubicBez};
use skrifa::instance::{LocationRef, Size};
use skrifa::outline::{DrawSettings, OutlinePen};
use skrifa::raw::TableProvider;
use skrifa::{FontRef, GlyphId, MetadataProvider, Tag};
use write_fonts::FontBuilder;
use write_fonts::from_obj::ToOwnedTable;
use write_fonts::tables::glyf::{GlyfLocaBuilder, Glyph, SimpleGlyph};
use write_fonts::tables::hmtx::{Hmtx, LongMetric};
use write_fonts::tables::loca::LocaFormat;
use write_fonts::tables::maxp::Maxp;

/// Largest distance, in font units, between a cubic and its quadratics.
const ACCURACY: f64 = 0.5;

/// A glyph of the new font: glyph `gid` of face `source`, moved right by
/// `shift` and advanced by `advance` (both in the new font's units) when
/// set, else by its own advance.
#[derive(Clone, Copy, PartialEq)]
pub struct Pick {
    pub source: usize,
    pub gid: GlyphId,
    pub shift: f32,
    pub advance: Option<f32>,
}

impl Pick {
    pub fn of(source: usize, gid: GlyphId) -> Pick {
        Pick {
            source,
            gid,
            shift: 0.0,
            advance: None,
        }
    }
}

/// A TrueType font with the metrics of `base`: `.notdef` (of `base`), then
/// the glyphs `picks` name in `faces` (each once, in order, scaled to
/// `base`'s units), and the new number of each pick.
pub fn cut(
    base: &FontRef,
    faces: &[FontRef],
    picks: &[Pick],
) -> Result<(Vec<u8>, Vec<u16>), String> {
    let bad = |e: &dyn std::fmt::Display| format!("字体子集失败：{e}");
    let upem = |f: &FontRef| f.head().map(|h| h.units_per_em().max(1)).unwrap_or(1000);
    let base_upem = upem(base);
    let mut order: Vec<Pick> = vec![Pick::of(0, GlyphId::NOTDEF)];
    let mut new = Vec::with_capacity(picks.len());
    for p in picks {
        let at = match order.iter().position(|o| o == p) {
            Some(i) => i,
            None => {
                order.push(*p);
                order.len() - 1
            }
        };
        new.push(u16::try_from(at).map_err(|_| "字形过多".to_string())?);
    }
    let mut glyf = GlyfLocaBuilder::new();
    let mut long = Vec::with_capacity(order.len());
    let (mut points, mut contours) = (0u16, 0u16);
    let mut bbox: Option<(i16, i16, i16, i16)> = None;
    let mut extent = (i16::MAX, i16::MAX, i16::MIN);
    for p in &order {
        let face = faces.get(p.source).ok_or("字体子集失败：没有这个字体")?;
        // The face's units, or the base's when they differ.
        let size = if upem(face) == base_upem {
            Size::unscaled()
        } else {
            Size::new(base_upem as f32)
        };
        let mut pen = Quadratic {
            shift: p.shift as f64,
            ..Default::default()
        };
        if let Some(o) = face.outline_glyphs().get(p.gid) {
            o.draw(
                DrawSettings::unhinted(size, LocationRef::default()),
                &mut pen,
            )
            .map_err(|e| bad(&e))?;
        }
        let own = face
            .glyph_metrics(size, LocationRef::default())
            .advance_width(p.gid)
            .unwrap_or(0.0);
        let advance = p.advance.unwrap_or(own).round() as u16;
        let glyph = if pen.path.elements().is_empty() {
            Glyph::Empty
        } else {
            let simple =
                SimpleGlyph::from_bezpath(&pen.path).map_err(|e| bad(&format!("{e:?}")))?;
            points = points.max(simple.contours.iter().map(|c| c.len() as u16).sum());
            contours = contours.max(simple.contours.len() as u16);
            let b = simple.bbox;
            bbox = Some(match bbox {
                None => (b.x_min, b.y_min, b.x_max, b.y_max),
                Some((a, c, d, e)) => (
                    a.min(b.x_min),
                    c.min(b.y_min),
                    d.max(b.x_max),
                    e.max(b.y_max),
                ),
            });
            let rsb = advance as i16 - b.x_max;
            extent = (
                extent.0.min(b.x_min),
                extent.1.min(rsb),
                extent.2.max(b.x_max),
            );
            Glyph::Simple(simple)
        };
        let lsb = glyph.bbox().map_or(0, |b| b.x_min);
        long.push(LongMetric::new(advance, lsb));
        glyf.add_glyph(&glyph).map_err(|e| bad(&e))?;
    }
    let (glyf, loca, format) = glyf.build();
    let n = order.len() as u16;
    let mut builder = FontBuilder::new();
    let read = |e: skrifa::raw::ReadError| bad(&e);
    let mut head: write_fonts::tables::head::Head = base.head().map_err(read)?.to_owned_table();
    head.index_to_loc_format = if format == LocaFormat::Long { 1 } else { 0 };
    if let Some((a, b, c, d)) = bbox {
        (head.x_min, head.y_min, head.x_max, head.y_max) = (a, b, c, d);
    }
    let mut hhea: write_fonts::tables::hhea::Hhea = base.hhea().map_err(read)?.to_owned_table();
    hhea.number_of_h_metrics = n;
    hhea.advance_width_max = long.iter().map(|m| m.advance).max().unwrap_or(0).into();
    if bbox.is_some() {
        hhea.min_left_side_bearing = extent.0.into();
        hhea.min_right_side_bearing = extent.1.into();
        hhea.x_max_extent = extent.2.into();
    }
    let maxp = Maxp {
        num_glyphs: n,
        max_points: Some(points),
        max_contours: Some(contours),
        max_composite_points: Some(0),
        max_composite_contours: Some(0),
        max_zones: Some(1),
        max_twilight_points: Some(0),
        max_storage: Some(0),
        max_function_defs: Some(0),
        max_instruction_defs: Some(0),
        max_stack_elements: Some(0),
        max_size_of_instructions: Some(0),
        max_component_elements: Some(0),
        max_component_depth: Some(0),
    };
    let table =
        |r: Result<&mut FontBuilder, write_fonts::BuilderError>| r.map(|_| ()).map_err(|e| bad(&e));
    table(builder.add_table(&glyf))?;
    table(builder.add_table(&loca))?;
    table(builder.add_table(&Hmtx::new(long, Vec::new())))?;
    table(builder.add_table(&hhea))?;
    table(builder.add_table(&maxp))?;
    table(builder.add_table(&head))?;
    // post version 3 (no glyph names), the original's other fields.
    if let Some(post) = base.table_data(Tag::new(b"post")) {
        let mut post = post.as_bytes().get(..32).unwrap_or_default().to_vec();
        if post.len() == 32 {
            post[..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());
            builder.add_raw(Tag::new(b"post"), post);
        }
    }
    if let Some(name) = base.table_data(Tag::new(b"name")) {
        builder.add_raw(Tag::new(b"name"), name.as_bytes().to_vec());
    }
    Ok((builder.build(), new))
}

/// An outline as quadratic splines: cubics approximated, the rest kept.
#[derive(Default)]
struct Quadratic {
    path: BezPath,
    start: (f64, f64),
    last: (f64, f64),
    /// Added to every x.
    shift: f64,
}

impl Quadratic {
    fn at(&self, x: f32, y: f32) -> (f64, f64) {
        (x as f64 + self.shift, y as f64)
    }
}

impl OutlinePen for Quadratic {
    fn move_to(&mut self, x: f32, y: f32) {
        let p = self.at(x, y);
        self.path.move_to(p);
        (self.start, self.last) = (p, p);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let p = self.at(x, y);
        self.path.line_to(p);
        self.last = p;
    }
    fn quad_to(&mut self, cx: f32, cy: f32, x: f32, y: f32) {
        let (c, p) = (self.at(cx, cy), self.at(x, y));
        self.path.quad_to(c, p);
        self.last = p;
    }
    fn curve_to(&mut self, a: f32, b: f32, c: f32, d: f32, x: f32, y: f32) {
        let p = self.at(x, y);
        let cubic = CubicBez::new(self.last, self.at(a, b), self.at(c, d), p);
        for (_, _, q) in cubic.to_quads(ACCURACY) {
            self.path.quad_to(q.p1, q.p2);
        }
        self.last = p;
    }
    fn close(&mut self) {
        self.path.close_path();
        self.last = self.start;
    }
}
