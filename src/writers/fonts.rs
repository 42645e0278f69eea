//! Fonts for the PDF writer, by role (title, body, heading1, heading2,
//! table, page numbers). For each role, in order: font files named in the
//! profile's `style.toml`, fonts installed on the system under the official
//! names (仿宋_GB2312, 仿宋, FangSong, 黑体, 楷体…), then the embedded OFL
//! defaults (`fonts/`): 仿宋 = Zhuque Fangsong, 楷体 = a subset of LXGW
//! WenKai, 黑体 = Noto Sans CJK SC, title = Noto Serif CJK SC Bold, 宋体 =
//! Noto Serif CJK SC; the open 仿宋 takes its digits and Latin letters from
//! Liberation Serif (Times New Roman's metrics, as published reports set
//! them). A glyph a face lacks falls back, glyph by glyph, to
//! Noto Serif CJK SC. Installed fonts are found by reading only their name
//! tables; every face is decompressed or read only when a role uses it, once
//! per run, and shared by every report; metrics are precomputed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use skrifa::prelude::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

use crate::doc::style::Fonts as FontNames;

pub mod subset;
mod system;
use system::system_fonts;

/// The embedded defaults: a zip of the subset fonts and their licence.
static EMBEDDED: &[u8] = include_bytes!("../../fonts/govreport-fonts.zip");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Title,
    Body,
    Heading1,
    Heading2,
    Table,
    PageNumber,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Title,
        Role::Body,
        Role::Heading1,
        Role::Heading2,
        Role::Table,
        Role::PageNumber,
    ];

    pub fn zh(self) -> &'static str {
        match self {
            Role::Title => "标题",
            Role::Body => "正文",
            Role::Heading1 => "一级标题",
            Role::Heading2 => "二级标题",
            Role::Table => "表格",
            Role::PageNumber => "页码",
        }
    }
}

/// A font ready for layout and for krilla.
pub struct LoadedFont {
    /// Family name as found (for messages).
    pub name: String,
    /// Where it came from: a file path, or "内置".
    pub source: String,
    pub pdf: krilla::text::Font,
    /// Advance per BMP character in em units (0 where the font has no glyph).
    advances: Vec<f32>,
    glyphs: Vec<u16>,
    pub ascent: f32,
    pub descent: f32,
    /// The face that draws what this one lacks.
    fallback: Option<Arc<LoadedFont>>,
    /// The face that draws Basic Latin and Latin-1 (digits, letters):
    /// Zhuque Fangsong's figures are narrow (`115` reads `II5`); published
    /// reports set them in Times New Roman.
    latin: Option<Arc<LoadedFont>>,
}

impl LoadedFont {
    fn new(data: Bytes, index: u32, name: String, source: String) -> Option<LoadedFont> {
        let font = FontRef::from_index((*data).as_ref(), index).ok()?;
        let m = font.metrics(Size::unscaled(), LocationRef::default());
        let upem = m.units_per_em.max(1) as f32;
        let gm = font.glyph_metrics(Size::unscaled(), LocationRef::default());
        let mut advances = vec![0.0f32; 0x10000];
        let mut glyphs = vec![0u16; 0x10000];
        for (cp, gid) in font.charmap().mappings() {
            if cp < 0x10000 {
                advances[cp as usize] = gm.advance_width(gid).unwrap_or(upem) / upem;
                glyphs[cp as usize] = gid.to_u32().min(u16::MAX as u32) as u16;
            }
        }
        let (ascent, descent) = (m.ascent / upem, -m.descent / upem);
        let pdf = krilla::text::Font::new(krilla::Data::from(data.clone()), index)?;
        Some(LoadedFont {
            name,
            source,
            pdf,
            advances,
            glyphs,
            ascent,
            descent,
            fallback: None,
            latin: None,
        })
    }

    fn with_fallback(mut self, fallback: Option<Arc<LoadedFont>>) -> LoadedFont {
        self.fallback = fallback;
        self
    }

    fn with_latin(mut self, latin: Option<Arc<LoadedFont>>) -> LoadedFont {
        self.latin = latin;
        self
    }

    fn own(&self, c: char) -> bool {
        (c as u32) < 0x10000 && self.glyphs[c as usize] != 0
    }

    /// Whether the font, or its fallback, has a glyph for `c`.
    pub fn has(&self, c: char) -> bool {
        self.face_for(c).own(c) || c == ' '
    }

    /// The face that draws `c`: this one, or the fallback when only it has
    /// the glyph. Runs of text are drawn face by face.
    pub fn face_for(&self, c: char) -> &LoadedFont {
        if let Some(l) = &self.latin
            && matches!(c, ' '..='~' | '\u{a0}'..='\u{ff}')
            && l.own(c)
        {
            return l;
        }
        match &self.fallback {
            Some(f) if !self.own(c) && f.own(c) => f,
            _ => self,
        }
    }

    /// Advance of `c` in em units (a missing glyph counts as 1 em, like the box shown).
    /// Chinese quotation marks take a full cell even where the face draws
    /// them narrow (see `narrow_quote`).
    pub fn advance(&self, c: char) -> f32 {
        let f = self.face_for(c);
        let i = c as u32;
        if f.own(c) {
            if f.narrow_quote(c).is_some() {
                1.0
            } else {
                f.advances[i as usize]
            }
        } else if c == ' ' {
            0.25
        } else {
            1.0
        }
    }

    /// The face's own advance of “ ” ‘ ’ when narrower than a cell.
    /// Zhuque Fangsong draws them Latin-shaped (0.33 em, 0.18 em); set in
    /// that width, 标点挤压 pulled the next mark into them (`”，`). In
    /// Chinese text they take a full cell, as with 仿宋_GB2312 in WPS.
    fn narrow_quote(&self, c: char) -> Option<f32> {
        if !matches!(c, '“' | '”' | '‘' | '’') || !self.own(c) {
            return None;
        }
        let a = self.advances[c as usize];
        (a < 0.9).then_some(a)
    }

    /// Where the glyph of `c` starts inside its advance, in em units: an
    /// opening quote set in a full cell sits at the cell's right, next to
    /// what it opens (a closing one at the left), as CJK faces draw them.
    pub fn offset(&self, c: char) -> f32 {
        let f = self.face_for(c);
        match (c, f.narrow_quote(c)) {
            ('“' | '‘', Some(a)) => 1.0 - a,
            _ => 0.0,
        }
    }

    /// The glyph of `c` in the face `face_for(c)` names.
    pub fn glyph(&self, c: char) -> u16 {
        let f = self.face_for(c);
        if (c as u32) < 0x10000 {
            f.glyphs[c as usize]
        } else {
            0
        }
    }
}

/// The font of every role.
pub struct FontSet {
    fonts: HashMap<Role, Arc<LoadedFont>>,
}

impl FontSet {
    pub fn get(&self, role: Role) -> &LoadedFont {
        &self.fonts[&role]
    }

    /// Characters of `text` the role's font cannot show, each once.
    pub fn missing(&self, role: Role, text: &str) -> Vec<char> {
        let f = self.get(role);
        let mut out: Vec<char> = Vec::new();
        for c in text.chars() {
            if !c.is_control() && !f.has(c) && !out.contains(&c) {
                out.push(c);
            }
        }
        out
    }
}

/// The embedded faces, by file name in `fonts/govreport-fonts.zip`.
const FANGSONG: &str = "govreport-fangsong.ttf";
const KAI: &str = "govreport-kai.ttf";
const SANS: &str = "govreport-sans.otf";
const SERIF: &str = "govreport-serif.otf";
const SERIF_BOLD: &str = "govreport-serif-bold.otf";
/// Liberation Serif (metric-compatible with Times New Roman), Basic Latin
/// and Latin-1, renamed "Govreport Latin" (its OFL reserves "Liberation").
const LATIN: &str = "govreport-latin.ttf";

/// The embedded default of a role: file and family name.
fn default_face(role: Role) -> (&'static str, &'static str) {
    match role {
        Role::Title => (SERIF_BOLD, "Noto Serif CJK SC Bold"),
        Role::Body | Role::Table => (FANGSONG, "Zhuque Fangsong"),
        Role::Heading1 => (SANS, "Noto Sans CJK SC"),
        Role::Heading2 => (KAI, "Govreport Kai (LXGW WenKai)"),
        Role::PageNumber => (SERIF, "Noto Serif CJK SC"),
    }
}

/// A face's bytes: a file read into memory, or a slice of the binary.
pub type Bytes = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// An embedded face's bytes. The faces are stored uncompressed in the zip,
/// so they are read in place from the binary (mapped by the system, paged
/// in as glyphs are used): inflating ~32 MB took two thirds of a cold start.
/// A deflated entry (a zip rebuilt another way) is still inflated, once.
fn embedded(name: &str) -> Result<Bytes, String> {
    static FACES: OnceLock<Mutex<HashMap<String, Bytes>>> = OnceLock::new();
    let faces = FACES.get_or_init(Default::default);
    if let Some(d) = faces.lock().unwrap_or_else(|e| e.into_inner()).get(name) {
        return Ok(d.clone());
    }
    let broken =
        |e: &dyn std::fmt::Display| format!("内置字体损坏（程序缺陷，请报告）：{name}：{e}");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(EMBEDDED)).map_err(|e| broken(&e))?;
    let mut f = zip.by_name(name).map_err(|e| broken(&e))?;
    let data: Bytes = match (
        f.compression(),
        f.data_start().and_then(|s| usize::try_from(s).ok()),
    ) {
        (zip::CompressionMethod::Stored, Some(start))
            if EMBEDDED.len() >= start && EMBEDDED.len() - start >= f.size() as usize =>
        {
            Arc::new(&EMBEDDED[start..start + f.size() as usize])
        }
        _ => {
            let mut v = Vec::with_capacity(f.size() as usize);
            std::io::Read::read_to_end(&mut f, &mut v).map_err(|e| broken(&e))?;
            Arc::new(v)
        }
    };
    faces
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(name.to_string(), data.clone());
    Ok(data)
}

fn names_of(names: &FontNames, role: Role) -> (&Vec<String>, Option<&String>) {
    match role {
        Role::Title => (&names.title, names.files.title.as_ref()),
        Role::Body => (&names.body, names.files.body.as_ref()),
        Role::Heading1 => (&names.heading1, names.files.heading1.as_ref()),
        Role::Heading2 => (&names.heading2, names.files.heading2.as_ref()),
        Role::Table => (&names.table, names.files.table.as_ref()),
        Role::PageNumber => (&names.page_number, names.files.page_number.as_ref()),
    }
}

/// The faces a DOCX's face for a role is drawn from, as the PDF draws the
/// role when no face is installed: the profile's font file, else the open
/// face — never an installed font, whose licence is the office's to pass
/// on, not ours — with the open 仿宋's Latin face, and Noto Serif CJK SC for
/// what the face lacks.
pub struct DocxFace {
    pub main: Bytes,
    pub latin: Option<Bytes>,
    pub fallback: Bytes,
    /// Where the main face came from, for messages.
    pub source: String,
}

pub fn docx_face(
    names: &FontNames,
    role: Role,
    base_dir: Option<&Path>,
) -> Result<DocxFace, String> {
    let fallback = embedded(SERIF)?;
    if let Some(file) = names_of(names, role).1 {
        let (data, path) = read_face_file(file, base_dir)?;
        return Ok(DocxFace {
            main: Arc::new(data),
            latin: None,
            fallback,
            source: path.display().to_string(),
        });
    }
    let (file, name) = default_face(role);
    Ok(DocxFace {
        main: embedded(file)?,
        latin: (file == FANGSONG).then(|| embedded(LATIN)).transpose()?,
        fallback,
        source: name.to_string(),
    })
}

/// A profile's font file (`[fonts.files]`, relative to the profile), read
/// whole; the reason it cannot be read, in Chinese.
fn read_face_file(file: &str, base_dir: Option<&Path>) -> Result<(Vec<u8>, PathBuf), String> {
    let path = base_dir
        .map(|b| b.join(file))
        .unwrap_or_else(|| PathBuf::from(file));
    let data = std::fs::read(&path).map_err(|e| {
        format!(
            "无法读取字体文件 {}：{}",
            path.display(),
            crate::model::source::io_reason(&e)
        )
    })?;
    Ok((data, path))
}

/// Loads the fonts for a style, once per run (cached by the style's font settings).
pub fn load(names: &FontNames, base_dir: Option<&Path>) -> Result<Arc<FontSet>, String> {
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<FontSet>>>> = OnceLock::new();
    let key = format!("{names:?}{base_dir:?}");
    let cache = CACHE.get_or_init(Default::default);
    if let Some(set) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return Ok(set.clone());
    }
    let wanted: Vec<String> = Role::ALL
        .iter()
        .flat_map(|r| names_of(names, *r).0.clone())
        .collect();
    let system = system_fonts(&wanted);
    let mut loaded: HashMap<String, Arc<LoadedFont>> = HashMap::new();
    // The embedded faces the roles will use (no file, no installed font),
    // decompressed and measured side by side: most of a cold start.
    let mut faces: Vec<(&str, &str)> = vec![(SERIF, "Noto Serif CJK SC")];
    for role in Role::ALL {
        let (families, file) = names_of(names, role);
        if file.is_none() && !families.iter().any(|f| system.contains_key(f)) {
            let face = default_face(role);
            if !faces.contains(&face) {
                faces.push(face);
            }
        }
    }
    let built: Vec<Result<LoadedFont, String>> = std::thread::scope(|s| {
        let jobs: Vec<_> = faces
            .iter()
            .map(|(file, name)| {
                s.spawn(move || {
                    LoadedFont::new(embedded(file)?, 0, (*name).into(), "内置".into())
                        .ok_or_else(|| "内置字体损坏（程序缺陷，请报告）".to_string())
                })
            })
            .collect();
        jobs.into_iter()
            .map(|j| {
                j.join()
                    .unwrap_or_else(|_| Err("内置字体损坏（程序缺陷，请报告）".into()))
            })
            .collect()
    });
    let mut built = faces.iter().zip(built);
    // The face every role falls back to, glyph by glyph.
    let serif = match built.next() {
        Some((_, f)) => Arc::new(f?),
        None => return Err("内置字体损坏（程序缺陷，请报告）".into()),
    };
    let mut prebuilt: HashMap<&str, LoadedFont> = HashMap::new();
    for ((file, _), f) in built {
        prebuilt.insert(file, f?);
    }
    let mut fonts = HashMap::new();
    for role in Role::ALL {
        let (families, file) = names_of(names, role);
        let mut chosen: Option<Arc<LoadedFont>> = None;
        if let Some(file) = file {
            let (data, path) = read_face_file(file, base_dir)?;
            let font = LoadedFont::new(Arc::new(data), 0, file.clone(), path.display().to_string())
                .ok_or_else(|| {
                    format!(
                        "{} 不是可用的字体文件（支持 TTF、OTF、TTC）",
                        path.display()
                    )
                })?;
            chosen = Some(Arc::new(font.with_fallback(Some(serif.clone()))));
        }
        if chosen.is_none() {
            for family in families {
                if let Some((path, face)) = system.get(family) {
                    let key = format!("{}#{face}", path.display());
                    if let Some(f) = loaded.get(&key) {
                        chosen = Some(f.clone());
                        break;
                    }
                    if let Ok(data) = std::fs::read(path)
                        && let Some(f) = LoadedFont::new(
                            Arc::new(data),
                            *face,
                            family.clone(),
                            path.display().to_string(),
                        )
                    {
                        let f = Arc::new(f.with_fallback(Some(serif.clone())));
                        loaded.insert(key, f.clone());
                        chosen = Some(f);
                        break;
                    }
                }
            }
        }
        let font = match chosen {
            Some(f) => f,
            None => {
                let (file, name) = default_face(role);
                match loaded.get(file) {
                    Some(f) => f.clone(),
                    None => {
                        let f = if file == SERIF {
                            serif.clone()
                        } else if file == FANGSONG {
                            // The open 仿宋 sets figures and Latin letters
                            // from the Times-metric face, as published
                            // reports do; an installed 仿宋_GB2312 keeps its own.
                            let latin = LoadedFont::new(
                                embedded(LATIN)?,
                                0,
                                "Govreport Latin (Liberation Serif)".into(),
                                "内置".into(),
                            )
                            .ok_or("内置字体损坏（程序缺陷，请报告）")?;
                            let face = match prebuilt.remove(file) {
                                Some(f) => f,
                                None => {
                                    LoadedFont::new(embedded(file)?, 0, name.into(), "内置".into())
                                        .ok_or("内置字体损坏（程序缺陷，请报告）")?
                                }
                            };
                            Arc::new(
                                face.with_fallback(Some(serif.clone()))
                                    .with_latin(Some(Arc::new(latin))),
                            )
                        } else {
                            let face = match prebuilt.remove(file) {
                                Some(f) => f,
                                None => {
                                    LoadedFont::new(embedded(file)?, 0, name.into(), "内置".into())
                                        .ok_or("内置字体损坏（程序缺陷，请报告）")?
                                }
                            };
                            Arc::new(face.with_fallback(Some(serif.clone())))
                        };
                        loaded.insert(file.to_string(), f.clone());
                        f
                    }
                }
            }
        };
        fonts.insert(role, font);
    }
    let set = Arc::new(FontSet { fonts });
    cache
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(key, set.clone());
    Ok(set)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_fonts_cover_every_cjk_unified_ideograph() {
        let set = load(&FontNames::default(), None).unwrap();
        for role in Role::ALL {
            let f = set.get(role);
            // U+4E00–U+9FA5: the 20 902 ideographs of the original block.
            let missing = (0x4E00u32..=0x9FA5)
                .filter(|&c| !f.has(char::from_u32(c).unwrap()))
                .count();
            assert_eq!(
                missing, 0,
                "{role:?} ({}) lacks {missing} ideographs",
                f.name
            );
            for c in "硚綦，。、；：？！（）《》“”—…０１".chars() {
                assert!(f.has(c), "{role:?} lacks {c}");
            }
            assert!((f.advance('政') - 1.0).abs() < 1e-3);
        }
    }

    /// The faces read in place are the bytes the zip holds (its reader
    /// checks each entry's CRC), and none is inflated at start.
    #[test]
    fn embedded_faces_are_read_in_place() {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(EMBEDDED)).unwrap();
        for name in [FANGSONG, KAI, LATIN, SANS, SERIF, SERIF_BOLD] {
            let mut whole = Vec::new();
            let f = zip.by_name(name).unwrap();
            assert_eq!(f.compression(), zip::CompressionMethod::Stored, "{name}");
            drop(f);
            std::io::Read::read_to_end(&mut zip.by_name(name).unwrap(), &mut whole).unwrap();
            let inplace = embedded(name).unwrap();
            let inplace: &[u8] = (*inplace).as_ref();
            assert_eq!(inplace.len(), whole.len(), "{name}");
            assert!(inplace == whole.as_slice(), "{name}");
            let start = inplace.as_ptr() as usize - EMBEDDED.as_ptr() as usize;
            assert!(
                start + inplace.len() <= EMBEDDED.len(),
                "{name} not a slice of the binary"
            );
        }
    }
}
