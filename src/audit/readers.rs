//! Published formats → text lines the recogniser reads: every block (title,
//! heading, paragraph) on a line of its own, every table row on a line with
//! its cells separated by tabs (a merged cell appears once, where it starts).

use std::io::Read;

/// Largest part of a DOCX we decompress: far above any real report, far
/// below what a zip bomb would expand to.
const MAX_PART: u64 = 64 * 1024 * 1024;

/// HTML as published by government sites (GBK pages decoded from their
/// declared charset).
pub fn html(bytes: &[u8]) -> Result<String, String> {
    let text = decode_html(bytes);
    // The HTML parser's scope checks scan its stack of open elements, so a
    // page of 100 000 nested elements takes hours; our walk recurses. No
    // real report nests past a few dozen.
    let depth = nesting_depth(&text);
    if depth > MAX_HTML_DEPTH {
        return Err(format!(
            "文件过大或结构异常，已停止读取：网页元素嵌套 {depth} 层（正常的报告不超过几十层）"
        ));
    }
    let doc = scraper::Html::parse_document(&text);
    let mut out = String::new();
    walk_html(doc.root_element(), &mut out);
    Ok(out)
}

/// Deepest element nesting the page claims (start tags minus end tags,
/// void elements and self-closed tags not counted): a cheap bound taken
/// before parsing.
fn nesting_depth(html: &str) -> usize {
    const VOID: [&str; 15] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "param", "keygen",
    ];
    let b = html.as_bytes();
    let (mut depth, mut max, mut i) = (0usize, 0usize, 0usize);
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        i += off + 1;
        let Some(&c) = b.get(i) else { break };
        if c == b'/' {
            depth = depth.saturating_sub(1);
        } else if c.is_ascii_alphabetic() {
            let name: String = b[i..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric())
                .map(|c| c.to_ascii_lowercase() as char)
                .collect();
            let end = b[i..]
                .iter()
                .position(|&c| c == b'>')
                .map_or(b.len(), |e| i + e);
            let self_closed = end > 0 && b.get(end - 1) == Some(&b'/');
            if !VOID.contains(&name.as_str()) && !self_closed {
                depth += 1;
                max = max.max(depth);
            }
            i = end.min(b.len());
        }
    }
    max
}

/// Deepest nesting of elements an HTML report may have.
const MAX_HTML_DEPTH: usize = 512;

/// The charset of a page: a BOM, `<meta charset>`, or UTF-8 if valid, else GBK.
fn decode_html(bytes: &[u8]) -> String {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.trim_start_matches('\u{feff}').to_string();
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let label = head
        .split("charset=")
        .nth(1)
        .map(|s| {
            s.trim_start_matches(['"', '\''])
                .split(['"', '\'', ';', ' ', '>', '/'])
                .next()
                .unwrap_or("")
                .to_string()
        })
        .unwrap_or_default();
    let enc = encoding_rs::Encoding::for_label(label.as_bytes()).unwrap_or(encoding_rs::GBK);
    enc.decode(bytes).0.into_owned()
}

fn walk_html(el: scraper::ElementRef, out: &mut String) {
    let name = el.value().name();
    if matches!(name, "script" | "style" | "head" | "noscript") {
        return;
    }
    if name == "table" {
        for tr in el.select(&scraper::Selector::parse("tr").expect("selector")) {
            let cells: Vec<String> = tr
                .children()
                .filter_map(scraper::ElementRef::wrap)
                .filter(|c| matches!(c.value().name(), "td" | "th"))
                .map(|c| {
                    c.text()
                        .collect::<String>()
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect();
            out.push('\t');
            out.push_str(&cells.join("\t"));
            out.push('\n');
        }
        out.push('\n');
        return;
    }
    let block = matches!(
        name,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "br"
            | "section"
            | "article"
            | "tr"
            | "body"
    );
    for child in el.children() {
        if let Some(e) = scraper::ElementRef::wrap(child) {
            walk_html(e, out);
        } else if let Some(t) = child.value().as_text() {
            let t: String = t
                .chars()
                .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
                .collect();
            out.push_str(&t);
        }
    }
    if block && !out.ends_with('\n') {
        out.push('\n');
    }
}

/// DOCX: paragraphs and tables of word/document.xml (merges as in Word:
/// a vertically merged cell is empty below its first row).
pub fn docx(bytes: &[u8]) -> Result<String, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|_| "不是有效的 docx 文件（无法解压）".to_string())?;
    if zip.len() > 10_000 {
        return Err("docx 中的文件过多，不像是一份报告".into());
    }
    let entry = zip
        .by_name("word/document.xml")
        .map_err(|_| "docx 中没有 word/document.xml".to_string())?;
    let mut xml = String::new();
    entry
        .take(MAX_PART + 1)
        .read_to_string(&mut xml)
        .map_err(|_| "word/document.xml 不是 UTF-8 文本".to_string())?;
    if xml.len() as u64 > MAX_PART {
        return Err("word/document.xml 解压后超过 64 MB，拒绝读取（可能是压缩炸弹）".into());
    }
    // No DTD: entity expansion ("billion laughs") is refused by the parser.
    let doc = roxmltree::Document::parse_with_options(
        &xml,
        roxmltree::ParsingOptions {
            allow_dtd: false,
            nodes_limit: 5_000_000,
            ..Default::default()
        },
    )
    .map_err(|e| format!("word/document.xml 无法解析：{e}"))?;
    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let para_text = |p: roxmltree::Node| -> String {
        p.descendants()
            .filter_map(|n| {
                if n.has_tag_name((W, "t")) {
                    n.text().map(str::to_string)
                } else if n.has_tag_name((W, "tab")) {
                    Some("\t".into())
                } else if n.has_tag_name((W, "br")) {
                    Some("\n".into())
                } else {
                    None
                }
            })
            .collect()
    };
    let mut out = String::new();
    let Some(body) = doc.descendants().find(|n| n.has_tag_name((W, "body"))) else {
        return Ok(out);
    };
    for block in body.children().filter(|n| n.is_element()) {
        if block.has_tag_name((W, "p")) {
            out.push_str(&para_text(block));
            out.push('\n');
        } else if block.has_tag_name((W, "tbl")) {
            for tr in block.descendants().filter(|n| n.has_tag_name((W, "tr"))) {
                let cells: Vec<String> = tr
                    .children()
                    .filter(|c| c.has_tag_name((W, "tc")))
                    .map(|tc| {
                        tc.children()
                            .filter(|p| p.has_tag_name((W, "p")))
                            .map(para_text)
                            .collect::<Vec<_>>()
                            .join("")
                    })
                    .collect();
                out.push('\t');
                out.push_str(&cells.join("\t"));
                out.push('\n');
            }
            out.push('\n');
        }
    }
    Ok(out)
}
