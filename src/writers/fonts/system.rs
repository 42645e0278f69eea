//! Installed fonts: where office PCs and Linux machines keep them, and
//! their family names read from the name tables alone (a few KB a file).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use skrifa::string::StringId;

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

/// Reads `len` bytes at `offset` of a file.
fn read_at(file: &mut std::fs::File, offset: u64, len: usize) -> Option<Vec<u8>> {
    use std::io::{Read, Seek, SeekFrom};
    file.seek(SeekFrom::Start(offset)).ok()?;
    let mut buf = vec![0u8; len];
    file.read_exact(&mut buf).ok()?;
    Some(buf)
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn be16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

/// Family names (every language) of each face in a font file, from the
/// name tables alone: the header, the table directory and the `name` table
/// are a few kilobytes even in a 20 MB collection, so a PC with hundreds of
/// fonts is scanned without reading them.
fn family_names(path: &Path) -> Vec<(u32, Vec<String>)> {
    use skrifa::raw::{FontData, FontRead, tables::name::Name};
    let Ok(mut file) = std::fs::File::open(path) else {
        return Vec::new();
    };
    let Some(head) = read_at(&mut file, 0, 12) else {
        return Vec::new();
    };
    // Offsets of each face's table directory.
    let faces: Vec<u64> = if &head[..4] == b"ttcf" {
        let n = be32(&head, 8).unwrap_or(0).min(256) as usize;
        match read_at(&mut file, 12, 4 * n) {
            Some(b) => (0..n)
                .filter_map(|i| be32(&b, 4 * i))
                .map(u64::from)
                .collect(),
            None => Vec::new(),
        }
    } else {
        vec![0]
    };
    let mut out = Vec::new();
    for (face, offset) in faces.into_iter().enumerate() {
        let Some(dir) = read_at(&mut file, offset, 12) else {
            continue;
        };
        let tables = be16(&dir, 4).unwrap_or(0).min(512) as usize;
        let Some(records) = read_at(&mut file, offset + 12, 16 * tables) else {
            continue;
        };
        let Some((at, len)) = (0..tables).find_map(|t| {
            let r = &records[16 * t..16 * t + 16];
            (&r[..4] == b"name").then(|| (be32(r, 8), be32(r, 12)))
        }) else {
            continue;
        };
        let (Some(at), Some(len)) = (at, len) else {
            continue;
        };
        // A name table is small; a huge one is a damaged file.
        let Some(bytes) = read_at(&mut file, u64::from(at), (len as usize).min(1 << 20)) else {
            continue;
        };
        let Ok(name) = Name::read(FontData::new(&bytes)) else {
            continue;
        };
        let mut names: Vec<String> = Vec::new();
        for rec in name.name_record() {
            if ![
                StringId::FAMILY_NAME,
                StringId::TYPOGRAPHIC_FAMILY_NAME,
                StringId::FULL_NAME,
            ]
            .contains(&rec.name_id())
            {
                continue;
            }
            if let Ok(s) = rec.string(name.string_data()) {
                let s: String = s.chars().collect();
                if !names.contains(&s) {
                    names.push(s);
                }
            }
        }
        out.push((face as u32, names));
    }
    out
}

/// Finds installed fonts for the wanted family names: name → (file, face).
/// Scanned once per run, whatever the number of styles.
pub(super) fn system_fonts(wanted: &[String]) -> HashMap<String, (PathBuf, u32)> {
    static SCAN: OnceLock<Vec<(PathBuf, u32, Vec<String>)>> = OnceLock::new();
    let mut found = HashMap::new();
    if wanted.is_empty() || std::env::var_os("GOVREPORT_NO_SYSTEM_FONTS").is_some() {
        return found;
    }
    let scan = SCAN.get_or_init(|| {
        let mut files = Vec::new();
        for d in font_dirs() {
            font_files(&d, &mut files, 0);
        }
        files
            .into_iter()
            .flat_map(|file| {
                family_names(&file)
                    .into_iter()
                    .map(move |(face, names)| (file.clone(), face, names))
            })
            .collect()
    });
    for (file, face, names) in scan {
        for n in names {
            if wanted.contains(n) && !found.contains_key(n) {
                found.insert(n.clone(), (file.clone(), *face));
            }
        }
    }
    found
}
