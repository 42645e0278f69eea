//! PDF in the GB/T 9704 公文 layout: our own CJK layout (避头尾 line
//! breaking, lines justified to the full measure, 22 lines of 28 characters
//! on A4) and table layout (merged cells, rows never split, header rows
//! repeated), drawn with krilla: fonts subset and embedded, text extractable
//! (ToUnicode), tagged structure (headings, paragraphs, tables with spans).
//!
//! Two phases: `layout` turns the IR into pages of positioned text and
//! rules (testable on its own); `emit` draws them and builds the tag tree.

mod layout;
mod pack;

use std::num::{NonZeroU16, NonZeroU32};

use krilla::geom::{PathBuilder, Point};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::tagging::{
    ArtifactType, ContentTag, Node, SpanTag, TableHeaderScope, Tag, TagGroup, TagTree,
};
use krilla::text::{GlyphId, KrillaGlyph};

use super::WriteOptions;
use crate::doc::ir::Document;
use crate::writers::fonts::{self, FontSet};
pub use layout::{Element, Op, PageLayout, layout};

/// A PDF and the warnings met while making it (missing glyphs).
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub warnings: Vec<String>,
}

fn date_time(iso: &str) -> Option<krilla::metadata::DateTime> {
    let d = crate::model::date::Date::parse(iso)?;
    Some(
        krilla::metadata::DateTime::new(d.year as u16)
            .month(d.month)
            .day(d.day),
    )
}

pub fn render(doc: &Document, opts: &WriteOptions) -> Result<Rendered, String> {
    let fonts = fonts::load(&opts.style.fonts, opts.base_dir.as_deref())?;
    let (pages, elements, warnings) = layout(doc, &opts.style, &fonts);
    let bytes = emit(doc, &pages, &elements, &fonts, opts)?;
    Ok(Rendered { bytes, warnings })
}

fn emit(
    doc: &Document,
    pages: &[PageLayout],
    elements: &[Element],
    fonts: &FontSet,
    opts: &WriteOptions,
) -> Result<Vec<u8>, String> {
    let mut settings = krilla::SerializeSettings::default();
    if opts.pdf_a2b {
        settings.configuration = krilla::configure::ConfigurationBuilder::new()
            .with_archival_validator(krilla::configure::Archival::A2_B)
            .finish()
            .map_err(|e| format!("PDF/A 配置有误：{e:?}"))?;
    }
    let mut document = krilla::Document::new_with(settings);
    let style = &opts.style;
    let (w, h) = (
        style.page.width_mm * crate::doc::style::PT_PER_MM,
        style.page.height_mm * crate::doc::style::PT_PER_MM,
    );
    // Marked-content identifiers of each structure element, in document order.
    let mut ids: Vec<Vec<krilla::tagging::Identifier>> = vec![Vec::new(); elements.len()];
    for page in pages {
        let mut p = document.start_page_with(PageSettings::from_wh(w, h).ok_or("页面尺寸无效")?);
        let mut surface = p.surface();
        for op in &page.ops {
            match op {
                Op::Text {
                    x,
                    baseline,
                    role,
                    size,
                    text,
                    advances,
                    element,
                } => {
                    let font = fonts.get(*role);
                    let tag = match element {
                        Some(_) => ContentTag::Span(SpanTag::empty()),
                        None => ContentTag::Artifact(krilla::tagging::Artifact::with_kind(
                            ArtifactType::Footer,
                        )),
                    };
                    let id = surface.start_tagged(tag);
                    // Text is always filled, never stroked: the surface keeps the
                    // fill and stroke of the last drawing (a cell border's stroke
                    // would otherwise outline every glyph drawn after it).
                    surface.set_fill(Some(Fill::default()));
                    surface.set_stroke(None);
                    // One run per face: a glyph the role's face lacks is drawn
                    // from the fallback face.
                    let chars: Vec<(usize, char)> = text.char_indices().collect();
                    let mut pen = *x;
                    let mut k = 0;
                    while k < chars.len() {
                        let face = font.face_for(chars[k].1);
                        let mut end = k + 1;
                        while end < chars.len() && std::ptr::eq(font.face_for(chars[end].1), face) {
                            end += 1;
                        }
                        let from = chars[k].0;
                        let to = chars.get(end).map_or(text.len(), |c| c.0);
                        let run = &text[from..to];
                        let mut glyphs = Vec::with_capacity(end - k);
                        let mut width = 0.0;
                        for (j, &(i, c)) in chars[k..end].iter().enumerate() {
                            let adv = advances.get(k + j).copied().unwrap_or(0.0);
                            width += adv;
                            glyphs.push(KrillaGlyph::new(
                                GlyphId::new(font.glyph(c) as u32),
                                adv / size,
                                font.offset(c),
                                0.0,
                                0.0,
                                (i - from)..(i - from + c.len_utf8()),
                                None,
                            ));
                        }
                        surface.draw_glyphs(
                            Point::from_xy(pen, *baseline),
                            &glyphs,
                            face.pdf.clone(),
                            run,
                            *size,
                            false,
                        );
                        pen += width;
                        k = end;
                    }
                    surface.end_tagged();
                    if let Some(e) = element {
                        ids[*e].push(id);
                    }
                }
                Op::Rect { x, y, w, h } => {
                    let id = surface.start_tagged(ContentTag::Artifact(
                        krilla::tagging::Artifact::with_kind(ArtifactType::Other),
                    ));
                    let _ = id;
                    let mut pb = PathBuilder::new();
                    if let Some(r) = krilla::geom::Rect::from_xywh(*x, *y, *w, *h) {
                        pb.push_rect(r);
                    }
                    if let Some(path) = pb.finish() {
                        surface.set_fill(None);
                        surface.set_stroke(Some(Stroke {
                            width: 0.5,
                            ..Default::default()
                        }));
                        surface.draw_path(&path);
                    }
                    surface.end_tagged();
                }
            }
        }
        surface.finish();
        p.finish();
    }
    // The structure tree: headings, paragraphs, tables with their cells.
    let mut tree = TagTree::new().with_lang(Some("zh-CN".to_string()));
    let mut i = 0;
    while i < elements.len() {
        match &elements[i] {
            Element::Title => tree.push(leaf(Tag::Title.into(), &ids[i])),
            Element::Heading(level) => {
                let lvl = NonZeroU16::new((*level as u16) + 1).unwrap_or(NonZeroU16::MIN);
                tree.push(leaf(Tag::Hn(lvl, None).into(), &ids[i]));
            }
            Element::Paragraph => tree.push(leaf(Tag::P.into(), &ids[i])),
            Element::Cell { table, .. } => {
                let table = *table;
                let mut t = TagGroup::new(Tag::Table);
                let mut head = TagGroup::new(Tag::THead);
                let mut body = TagGroup::new(Tag::TBody);
                let mut row: Option<(usize, TagGroup)> = None;
                let mut header_rows = 0;
                while let Some(Element::Cell {
                    table: tb,
                    row: r,
                    header,
                    rowspan,
                    colspan,
                    in_head,
                }) = elements.get(i)
                {
                    if *tb != table {
                        break;
                    }
                    if row.as_ref().is_none_or(|(rr, _)| rr != r) {
                        if let Some((rr, g)) = row.take() {
                            if rr < header_rows {
                                head.push(g)
                            } else {
                                body.push(g)
                            }
                        }
                        row = Some((*r, TagGroup::new(Tag::TR)));
                    }
                    if *in_head {
                        header_rows = header_rows.max(r + 1);
                    }
                    let rs = NonZeroU32::new(*rowspan as u32).filter(|n| n.get() > 1);
                    let cs = NonZeroU32::new(*colspan as u32).filter(|n| n.get() > 1);
                    let kind: krilla::tagging::TagKind = if *header {
                        let scope = if *in_head {
                            TableHeaderScope::Column
                        } else {
                            TableHeaderScope::Row
                        };
                        Tag::TH(scope).with_row_span(rs).with_col_span(cs).into()
                    } else {
                        Tag::TD.with_row_span(rs).with_col_span(cs).into()
                    };
                    if let Some((_, g)) = row.as_mut() {
                        g.push(leaf(kind, &ids[i]));
                    }
                    i += 1;
                }
                if let Some((rr, g)) = row.take() {
                    if rr < header_rows {
                        head.push(g)
                    } else {
                        body.push(g)
                    }
                }
                if header_rows > 0 {
                    t.push(head);
                }
                t.push(body);
                tree.push(t);
                continue;
            }
        }
        i += 1;
    }
    document.set_tag_tree(tree);
    let mut meta = krilla::metadata::Metadata::new()
        .title(doc.meta.title.clone())
        .language("zh-CN".to_string())
        .creator("govreport".to_string());
    if !doc.meta.author.is_empty() {
        meta = meta.authors(vec![doc.meta.author.clone()]);
    }
    if let Some(d) = doc.meta.date.as_deref().and_then(date_time) {
        meta = meta.creation_date(d);
    }
    document.set_metadata(meta);
    document
        .finish()
        .map(pack::pack)
        .map_err(|e| format!("无法生成 PDF：{e:?}"))
}

fn leaf(kind: krilla::tagging::TagKind, ids: &[krilla::tagging::Identifier]) -> TagGroup {
    let mut g = TagGroup::new(kind);
    for id in ids {
        g.push(Node::Leaf(*id));
    }
    g
}
