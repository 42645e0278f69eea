//! Text with positions from a PDF, in pure Rust (lopdf + our own text
//! positioning), so `audit` works on an office PC without poppler. Glyphs
//! are placed with the text and graphics state, decoded through each font's
//! ToUnicode map, then grouped into lines by baseline and ordered by x, with
//! wide gaps kept as spaces — the shape of `pdftotext -layout` that the
//! recogniser reads.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object, content::Content};

/// Limits against hostile files: decompressed content per page, pages.
const MAX_PAGE_CONTENT: usize = 32 * 1024 * 1024;
const MAX_PAGES: usize = 500;

struct FontInfo {
    /// Code → text, from ToUnicode.
    map: HashMap<u32, String>,
    /// Bytes per code (2 for Identity-H CID fonts, else 1).
    two_bytes: bool,
    /// Widths by code (1/1000 em) and the default.
    widths: HashMap<u32, f32>,
    default_width: f32,
}

fn resolve<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(o),
        _ => o,
    }
}

fn num(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(f) => Some(*f),
        _ => None,
    }
}

fn hex_code(s: &str) -> Option<u32> {
    u32::from_str_radix(s.trim_matches(['<', '>']), 16).ok()
}

fn utf16_hex(s: &str) -> String {
    let h = s.trim_matches(['<', '>']);
    let units: Vec<u16> = (0..h.len() / 4)
        .filter_map(|i| u16::from_str_radix(&h[i * 4..i * 4 + 4], 16).ok())
        .collect();
    String::from_utf16_lossy(&units)
}

/// Parses the bfchar and bfrange sections of a ToUnicode CMap.
fn parse_cmap(data: &[u8]) -> HashMap<u32, String> {
    let text = String::from_utf8_lossy(data);
    let mut map = HashMap::new();
    let mut rest = text.as_ref();
    while let Some(i) = rest.find("beginbf") {
        let kind_range = rest[i..].starts_with("beginbfrange");
        let body_start = i + if kind_range { 12 } else { 11 };
        let end = rest[body_start..]
            .find("endbf")
            .map_or(rest.len(), |e| body_start + e);
        let body = &rest[body_start..end];
        let tokens: Vec<&str> = body
            .split(|c: char| c.is_whitespace())
            .filter(|t| !t.is_empty())
            .flat_map(|t| {
                // "<0001><4E00>" may come without spaces between.
                let mut v = Vec::new();
                let mut s = t;
                while let Some(j) = s[1..].find(['<', '[', ']']).map(|j| j + 1) {
                    v.push(&s[..j]);
                    s = &s[j..];
                }
                v.push(s);
                v
            })
            .collect();
        if kind_range {
            let mut k = 0;
            while k + 2 < tokens.len() {
                let (Some(lo), Some(hi)) = (hex_code(tokens[k]), hex_code(tokens[k + 1])) else {
                    break;
                };
                if tokens[k + 2] == "[" || tokens[k + 2].starts_with('[') {
                    let mut j = k + 2;
                    let mut code = lo;
                    while j < tokens.len() && !tokens[j].ends_with(']') {
                        let t = tokens[j].trim_start_matches('[');
                        if t.starts_with('<') {
                            map.insert(code, utf16_hex(t));
                            code += 1;
                        }
                        j += 1;
                    }
                    k = j + 1;
                } else {
                    let base = utf16_hex(tokens[k + 2]);
                    let mut chars: Vec<char> = base.chars().collect();
                    for code in lo..=hi.min(lo + 0xFFFF) {
                        map.insert(code, chars.iter().collect());
                        if let Some(last) = chars.last_mut() {
                            *last = char::from_u32(*last as u32 + 1).unwrap_or(*last);
                        }
                    }
                    k += 3;
                }
            }
        } else {
            for pair in tokens.chunks(2) {
                if let [a, b] = pair
                    && let Some(code) = hex_code(a)
                {
                    map.insert(code, utf16_hex(b));
                }
            }
        }
        rest = &rest[end..];
    }
    map
}

fn font_info(doc: &Document, font: &Dictionary) -> FontInfo {
    let mut info = FontInfo {
        map: HashMap::new(),
        two_bytes: false,
        widths: HashMap::new(),
        default_width: 1000.0,
    };
    if let Ok(Object::Name(sub)) = font.get(b"Subtype") {
        info.two_bytes = sub == b"Type0";
    }
    if let Ok(tu) = font.get(b"ToUnicode")
        && let Object::Stream(s) = resolve(doc, tu)
    {
        let data = s
            .decompressed_content()
            .unwrap_or_else(|_| s.content.clone());
        info.map = parse_cmap(&data);
    }
    if info.two_bytes {
        if let Ok(df) = font.get(b"DescendantFonts")
            && let Object::Array(a) = resolve(doc, df)
            && let Some(d) = a.first()
            && let Object::Dictionary(cid) = resolve(doc, d)
        {
            if let Ok(dw) = cid.get(b"DW") {
                info.default_width = num(resolve(doc, dw)).unwrap_or(1000.0);
            }
            if let Ok(w) = cid.get(b"W")
                && let Object::Array(w) = resolve(doc, w)
            {
                let mut i = 0;
                while i < w.len() {
                    let Some(first) = num(resolve(doc, &w[i])) else {
                        break;
                    };
                    match w.get(i + 1).map(|o| resolve(doc, o)) {
                        Some(Object::Array(ws)) => {
                            for (k, x) in ws.iter().enumerate() {
                                if let Some(x) = num(resolve(doc, x)) {
                                    info.widths.insert(first as u32 + k as u32, x);
                                }
                            }
                            i += 2;
                        }
                        Some(o) => {
                            let last = num(o).unwrap_or(first);
                            let wv = w
                                .get(i + 2)
                                .and_then(|x| num(resolve(doc, x)))
                                .unwrap_or(1000.0);
                            for c in first as u32..=(last as u32).min(first as u32 + 0xFFFF) {
                                info.widths.insert(c, wv);
                            }
                            i += 3;
                        }
                        None => break,
                    }
                }
            }
        }
    } else {
        info.default_width = 500.0;
        if let (Ok(fc), Ok(Object::Array(ws))) = (
            font.get(b"FirstChar"),
            font.get(b"Widths").map(|o| resolve(doc, o)),
        ) {
            let first = num(fc).unwrap_or(0.0) as u32;
            for (k, x) in ws.iter().enumerate() {
                if let Some(x) = num(resolve(doc, x)) {
                    info.widths.insert(first + k as u32, x);
                }
            }
        }
    }
    info
}

#[derive(Clone, Copy)]
struct M([f32; 6]);

impl M {
    const ID: M = M([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
    fn mul(self, o: M) -> M {
        let (a, b) = (self.0, o.0);
        M([
            a[0] * b[0] + a[1] * b[2],
            a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2],
            a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4],
            a[4] * b[1] + a[5] * b[3] + b[5],
        ])
    }
    fn translate(x: f32, y: f32) -> M {
        M([1.0, 0.0, 0.0, 1.0, x, y])
    }
}

struct Glyph {
    x: f32,
    y: f32,
    size: f32,
    width: f32,
    text: String,
}

fn page_glyphs(doc: &Document, page: lopdf::ObjectId) -> Result<Vec<Glyph>, String> {
    let content = doc
        .get_page_content_with_limit(page, MAX_PAGE_CONTENT)
        .map_err(|e| format!("无法读取页面内容：{e}"))?;
    let ops = Content::decode(&content).map_err(|e| format!("页面内容无法解析：{e}"))?;
    let fonts: HashMap<Vec<u8>, FontInfo> = doc
        .get_page_fonts(page)
        .unwrap_or_default()
        .into_iter()
        .map(|(name, dict)| (name, font_info(doc, dict)))
        .collect();
    let mut out = Vec::new();
    let mut ctm = M::ID;
    let mut stack: Vec<M> = Vec::new();
    let (mut tm, mut tlm) = (M::ID, M::ID);
    let (mut size, mut leading, mut tc, mut tw, mut th) = (1.0f32, 0.0f32, 0.0f32, 0.0f32, 1.0f32);
    let mut font: Option<&FontInfo> = None;
    for op in &ops.operations {
        let f = |i: usize| op.operands.get(i).and_then(num).unwrap_or(0.0);
        match op.operator.as_str() {
            "q" => stack.push(ctm),
            "Q" => ctm = stack.pop().unwrap_or(M::ID),
            "cm" => ctm = M([f(0), f(1), f(2), f(3), f(4), f(5)]).mul(ctm),
            "BT" => {
                tm = M::ID;
                tlm = M::ID;
            }
            "Tf" => {
                size = f(1);
                font = op.operands.first().and_then(|o| {
                    if let Object::Name(n) = o {
                        fonts.get(n)
                    } else {
                        None
                    }
                });
            }
            "Tc" => tc = f(0),
            "Tw" => tw = f(0),
            "Tz" => th = f(0) / 100.0,
            "TL" => leading = f(0),
            "Td" => {
                tlm = M::translate(f(0), f(1)).mul(tlm);
                tm = tlm;
            }
            "TD" => {
                leading = -f(1);
                tlm = M::translate(f(0), f(1)).mul(tlm);
                tm = tlm;
            }
            "Tm" => {
                tlm = M([f(0), f(1), f(2), f(3), f(4), f(5)]);
                tm = tlm;
            }
            "T*" => {
                tlm = M::translate(0.0, -leading).mul(tlm);
                tm = tlm;
            }
            "Tj" | "TJ" | "'" | "\"" => {
                if matches!(op.operator.as_str(), "'" | "\"") {
                    tlm = M::translate(0.0, -leading).mul(tlm);
                    tm = tlm;
                }
                let Some(fi) = font else { continue };
                let items: Vec<&Object> = match op.operator.as_str() {
                    "TJ" => match op.operands.first() {
                        Some(Object::Array(a)) => a.iter().collect(),
                        _ => Vec::new(),
                    },
                    _ => op.operands.last().into_iter().collect(),
                };
                for item in items {
                    match item {
                        Object::String(bytes, _) => {
                            let codes: Vec<u32> = if fi.two_bytes {
                                bytes
                                    .chunks(2)
                                    .map(|c| {
                                        if c.len() == 2 {
                                            u32::from(c[0]) << 8 | u32::from(c[1])
                                        } else {
                                            u32::from(c[0])
                                        }
                                    })
                                    .collect()
                            } else {
                                bytes.iter().map(|b| u32::from(*b)).collect()
                            };
                            for code in codes {
                                let w = fi.widths.get(&code).copied().unwrap_or(fi.default_width)
                                    / 1000.0;
                                let text = fi.map.get(&code).cloned().unwrap_or_else(|| {
                                    if fi.two_bytes {
                                        String::new()
                                    } else {
                                        char::from_u32(code).map(String::from).unwrap_or_default()
                                    }
                                });
                                let trm = M([size * th, 0.0, 0.0, size, 0.0, 0.0]).mul(tm).mul(ctm);
                                let eff = (trm.0[3].powi(2) + trm.0[2].powi(2))
                                    .sqrt()
                                    .max((trm.0[0].powi(2) + trm.0[1].powi(2)).sqrt());
                                let adv = (w * size
                                    + tc
                                    + if code == 32 && !fi.two_bytes { tw } else { 0.0 })
                                    * th;
                                if !text.is_empty() {
                                    out.push(Glyph {
                                        x: trm.0[4],
                                        y: trm.0[5],
                                        size: eff,
                                        width: w * eff,
                                        text,
                                    });
                                }
                                tm = M::translate(adv, 0.0).mul(tm);
                            }
                        }
                        other => {
                            if let Some(n) = num(other) {
                                tm = M::translate(-n / 1000.0 * size * th, 0.0).mul(tm);
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

/// Lines of text of every page, in reading order; pages separated by a form feed.
pub fn text(bytes: &[u8]) -> Result<String, String> {
    let doc = Document::load_mem(bytes).map_err(|_| "不是有效的 PDF 文件".to_string())?;
    let pages = doc.get_pages();
    if pages.len() > MAX_PAGES {
        return Err(format!("PDF 有 {} 页，不像是一份年度报告", pages.len()));
    }
    let mut out = String::new();
    for (_, page) in pages {
        let mut glyphs = page_glyphs(&doc, page)?;
        // Top to bottom (PDF y grows upwards), then left to right.
        glyphs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
        let mut lines: Vec<Vec<Glyph>> = Vec::new();
        for g in glyphs {
            match lines.last_mut() {
                Some(l) if (l[0].y - g.y).abs() <= l[0].size.max(g.size) * 0.4 => l.push(g),
                _ => lines.push(vec![g]),
            }
        }
        for mut line in lines {
            line.sort_by(|a, b| a.x.total_cmp(&b.x));
            let mut s = String::new();
            let mut end: Option<f32> = None;
            for g in &line {
                if let Some(e) = end {
                    let gap = g.x - e;
                    if gap > g.size * 1.5 {
                        s.push_str("    ");
                    } else if gap > g.size * 0.25 {
                        s.push(' ');
                    }
                }
                s.push_str(&g.text);
                end = Some(g.x + g.width);
            }
            out.push_str(s.trim_end());
            out.push('\n');
        }
        out.push('\u{c}');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    #[ignore = "debug helper: prints the text of GOVREPORT_PDF"]
    fn dump() {
        let p = std::env::var("GOVREPORT_PDF").unwrap();
        print!("{}", super::text(&std::fs::read(p).unwrap()).unwrap());
    }
}
