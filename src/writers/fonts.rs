//! Fonts for the PDF writer, by role (title, body, heading1, heading2,
//! table). For each role, in order: font files named in the profile's
//! `style.toml`, fonts installed on the system under the official names
//! (仿宋_GB2312, 仿宋, FangSong, 黑体, 楷体…), then the embedded OFL defaults
//! (Noto Serif/Sans CJK SC subsets, `fonts/`). Loaded once per run and shared
//! by every report; metrics are precomputed for O(1) measuring.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use skrifa::prelude::{LocationRef, Size};
use skrifa::string::StringId;
use skrifa::{FontRef, MetadataProvider};

use crate::doc::style::Fonts as FontNames;

/// The embedded defaults: a zip of the subset fonts and their licence.
static EMBEDDED: &[u8] = include_bytes!("../../fonts/noto-cjk-sc-subset.zip");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Title,
    Body,
    Heading1,
    Heading2,
    Table,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Title,
        Role::Body,
        Role::Heading1,
        Role::Heading2,
        Role::Table,
    ];

    pub fn zh(self) -> &'static str {
        match self {
            Role::Title => "标题",
            Role::Body => "正文",
            Role::Heading1 => "一级标题",
            Role::Heading2 => "二级标题",
            Role::Table => "表格",
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
}

impl LoadedFont {
    fn new(data: Arc<Vec<u8>>, index: u32, name: String, source: String) -> Option<LoadedFont> {
        let font = FontRef::from_index(&data, index).ok()?;
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
        })
    }

    /// Whether the font has a glyph for `c`.
    pub fn has(&self, c: char) -> bool {
        (c as u32) < 0x10000 && self.glyphs[c as usize] != 0 || c == ' '
    }

    /// Advance of `c` in em units (a missing glyph counts as 1 em, like the box shown).
    pub fn advance(&self, c: char) -> f32 {
        let i = c as u32;
        if i < 0x10000 && self.glyphs[i as usize] != 0 {
            self.advances[i as usize]
        } else if c == ' ' {
            0.25
        } else {
            1.0
        }
    }

    pub fn glyph(&self, c: char) -> u16 {
        if (c as u32) < 0x10000 {
            self.glyphs[c as usize]
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

fn embedded() -> &'static (Arc<Vec<u8>>, Arc<Vec<u8>>) {
    static FONTS: OnceLock<(Arc<Vec<u8>>, Arc<Vec<u8>>)> = OnceLock::new();
    FONTS.get_or_init(|| {
        let read = |name: &str| -> Arc<Vec<u8>> {
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(EMBEDDED))
                .expect("embedded font archive");
            let mut f = zip.by_name(name).expect("embedded font");
            let mut v = Vec::with_capacity(f.size() as usize);
            std::io::Read::read_to_end(&mut f, &mut v).expect("embedded font data");
            Arc::new(v)
        };
        (read("govreport-serif.otf"), read("govreport-sans.otf"))
    })
}

/// Directories where office PCs and Linux machines keep fonts.
fn font_dirs() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = [
        "/usr/share/fonts",
        "/usr/local/share/fonts",
        "/Library/Fonts",
        "/System/Library/Fonts",
        "C:\\Windows\\Fonts",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    if let Some(home) = std::env::var_os("HOME") {
        v.push(Path::new(&home).join(".fonts"));
        v.push(Path::new(&home).join(".local/share/fonts"));
    }
    if let Some(windir) = std::env::var_os("LOCALAPPDATA") {
        v.push(Path::new(&windir).join("Microsoft\\Windows\\Fonts"));
    }
    v
}

fn font_files(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() && depth < 6 {
            font_files(&p, out, depth + 1);
        } else if p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "ttf" | "otf" | "ttc"))
        {
            out.push(p);
        }
    }
}

/// Family names (every language) of each face in a font file.
fn family_names(data: &[u8]) -> Vec<(u32, Vec<String>)> {
    let Ok(file) = skrifa::raw::FileRef::new(data) else {
        return Vec::new();
    };
    file.fonts()
        .enumerate()
        .filter_map(|(i, f)| {
            let f = f.ok()?;
            let mut names: Vec<String> = Vec::new();
            for id in [
                StringId::FAMILY_NAME,
                StringId::TYPOGRAPHIC_FAMILY_NAME,
                StringId::FULL_NAME,
            ] {
                for s in f.localized_strings(id) {
                    names.push(s.chars().collect());
                }
            }
            Some((i as u32, names))
        })
        .collect()
}

/// Finds installed fonts for the wanted family names: name → (file, face).
fn system_fonts(wanted: &[String]) -> HashMap<String, (PathBuf, u32)> {
    let mut found = HashMap::new();
    if wanted.is_empty() || std::env::var_os("GOVREPORT_NO_SYSTEM_FONTS").is_some() {
        return found;
    }
    let mut files = Vec::new();
    for d in font_dirs() {
        font_files(&d, &mut files, 0);
    }
    for file in files {
        let Ok(data) = std::fs::read(&file) else {
            continue;
        };
        for (face, names) in family_names(&data) {
            for n in names {
                if wanted.contains(&n) && !found.contains_key(&n) {
                    found.insert(n, (file.clone(), face));
                }
            }
        }
        if wanted.iter().all(|w| found.contains_key(w)) {
            break;
        }
    }
    found
}

fn names_of(names: &FontNames, role: Role) -> (&Vec<String>, Option<&String>) {
    match role {
        Role::Title => (&names.title, names.files.title.as_ref()),
        Role::Body => (&names.body, names.files.body.as_ref()),
        Role::Heading1 => (&names.heading1, names.files.heading1.as_ref()),
        Role::Heading2 => (&names.heading2, names.files.heading2.as_ref()),
        Role::Table => (&names.table, names.files.table.as_ref()),
    }
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
    let (serif, sans) = embedded();
    let mut loaded: HashMap<String, Arc<LoadedFont>> = HashMap::new();
    let mut fonts = HashMap::new();
    for role in Role::ALL {
        let (families, file) = names_of(names, role);
        let mut chosen: Option<Arc<LoadedFont>> = None;
        if let Some(file) = file {
            let path = base_dir
                .map(|b| b.join(file))
                .unwrap_or_else(|| PathBuf::from(file));
            let data = std::fs::read(&path)
                .map_err(|e| format!("无法读取字体文件 {}：{e}", path.display()))?;
            let font = LoadedFont::new(Arc::new(data), 0, file.clone(), path.display().to_string())
                .ok_or_else(|| {
                    format!(
                        "{} 不是可用的字体文件（支持 TTF、OTF、TTC）",
                        path.display()
                    )
                })?;
            chosen = Some(Arc::new(font));
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
                        let f = Arc::new(f);
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
                let (key, data, name) = match role {
                    Role::Heading1 => ("embedded-sans", sans, "Noto Sans CJK SC"),
                    _ => ("embedded-serif", serif, "Noto Serif CJK SC"),
                };
                match loaded.get(key) {
                    Some(f) => f.clone(),
                    None => {
                        let f = Arc::new(
                            LoadedFont::new(data.clone(), 0, name.to_string(), "内置".to_string())
                                .ok_or("内置字体损坏（程序缺陷，请报告）")?,
                        );
                        loaded.insert(key.to_string(), f.clone());
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
}
