//! The PDF writer: fonts embedded and subset, A4 and tagged, text
//! extractable with every label and figure, every word inside the text
//! block, no line opening with closing punctuation, 22 body lines a page.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use govreport::doc::style::{PT_PER_MM, Style};
use govreport::writers::fonts;
use govreport::writers::layout::linebreak::no_line_start;
use govreport::writers::pdf::{Op, layout};

fn render(example: &Path, dir: &Path, extra: &[&str]) -> (PathBuf, String) {
    render_example(example, "pdf", dir, extra)
}

fn tool(name: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(name)
        .args(args)
        .arg(pdf)
        .args(if name == "pdftotext" {
            vec!["-"]
        } else {
            vec![]
        })
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn fonts_page_tags_text_and_size() {
    if !require_tool("pdffonts") || !require_tool("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for example in examples() {
        let (pdf, _) = render(&example, dir.path(), &[]);
        let fonts = tool("pdffonts", &[], &pdf);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty());
        for r in &rows {
            let cols: Vec<&str> = r.split_whitespace().collect();
            let n = cols.len();
            // emb sub uni are the 3rd–5th columns from the end.
            assert_eq!(
                &cols[n - 5..n - 2],
                ["yes", "yes", "yes"],
                "{}: {r}",
                example.display()
            );
        }
        let info = tool("pdfinfo", &[], &pdf);
        assert!(info.contains("Tagged:          yes"), "{info}");
        assert!(info.contains("(A4)"), "{info}");
        let text: String = tool("pdftotext", &[], &pdf)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let doc = doc_of(&example);
        assert!(text.contains(&doc.meta.author), "{}", example.display());
        for b in &doc.blocks {
            if let govreport::doc::ir::Block::Table(t) = b {
                for cell in t.rows.iter().flatten() {
                    let c: String = cell.text.chars().filter(|c| !c.is_whitespace()).collect();
                    assert!(contains_spread(&text, &c), "{}: {c}", example.display());
                }
            }
        }
        let stem = example.file_stem().unwrap().to_string_lossy();
        if !matches!(stem.as_ref(), "full" | "government") {
            // A seed report with the five 公文 faces, Zhuque's outlines on a
            // 6-unit grid and the objects packed: 142–151 KB (it was 220;
            // docs/decisions/0003-fonts.md has the measurements).
            let size = std::fs::metadata(&pdf).unwrap().len();
            assert!(size <= 155 * 1024, "{stem}: {size} bytes");
        }
    }
}

#[test]
fn qiaokou_has_its_character_outside_gb2312() {
    if !require_tool("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (pdf, err) = render(
        &root().join("examples/qiaokou-sifaju-2024.toml"),
        dir.path(),
        &[],
    );
    assert!(tool("pdftotext", &[], &pdf).contains("硚口区司法局"));
    assert!(!err.contains("缺少"), "{err}");
}

#[test]
fn every_word_inside_the_text_block() {
    if !require_tool("pdftotext") {
        return;
    }
    let s = Style::default();
    let (left, top) = (
        s.page.margin_left_mm * PT_PER_MM,
        s.page.margin_top_mm * PT_PER_MM,
    );
    let (right, bottom) = (
        left + s.page.text_width_mm() * PT_PER_MM,
        top + s.page.text_height_mm() * PT_PER_MM,
    );
    let dir = tempfile::tempdir().unwrap();
    for example in examples() {
        let (pdf, _) = render(&example, dir.path(), &[]);
        let html = tool("pdftotext", &["-bbox"], &pdf);
        for line in html.lines().filter(|l| l.trim_start().starts_with("<word")) {
            let num = |k: &str| -> f32 {
                let i = line.find(&format!("{k}=\"")).unwrap() + k.len() + 2;
                line[i..].split('"').next().unwrap().parse().unwrap()
            };
            let word = line
                .split('>')
                .nth(1)
                .unwrap_or("")
                .split('<')
                .next()
                .unwrap_or("");
            let (x0, y0, x1, y1) = (num("xMin"), num("yMin"), num("xMax"), num("yMax"));
            // Page numbers sit 7 mm below the text block, by design.
            if y0 > bottom && (word == "—" || word.chars().all(|c| c.is_ascii_digit())) {
                continue;
            }
            let tol = 2.0;
            assert!(
                x0 >= left - tol && x1 <= right + tol && y0 >= top - tol && y1 <= bottom + tol,
                "{}: {word} at ({x0},{y0})–({x1},{y1})",
                example.display()
            );
        }
    }
}

#[test]
fn lines_never_open_with_closing_punctuation_and_pages_hold_22_lines() {
    let set = fonts::load(&Style::default().fonts, None).unwrap();
    for example in examples() {
        let doc = doc_of(&example);
        let (pages, _, warnings) = layout(&doc, &Style::default(), &set);
        assert!(warnings.is_empty(), "{warnings:?}");
        for page in &pages {
            for op in &page.ops {
                // Page numbers (`— 1 —`, artifacts) are not text lines.
                if let Op::Text {
                    text,
                    element: Some(_),
                    ..
                } = op
                {
                    // Vertical text (三、本年度办理结果, a character a line) has
                    // its `、` on a line of its own, placed as vertical text.
                    if text.chars().count() == 1 {
                        continue;
                    }
                    let first = text.chars().next().unwrap();
                    assert!(
                        !no_line_start(first),
                        "{}: line starts with {first}: {text}",
                        example.display()
                    );
                }
            }
            assert!(page.body_lines <= 22);
        }
    }
    // A long report: every page that holds only body text holds exactly 22 lines.
    let text = base_text().replace(
        "严格执行信息发布审查制度。",
        &"严格执行信息发布审查制度，逐条审核后发布，确保准确、及时、规范。".repeat(60),
    );
    let report = govreport::input::parse(&text).report;
    let doc = govreport::report::template::build(
        &govreport::report::template::Templates::builtin().unwrap(),
        &report,
    )
    .unwrap();
    let (pages, _, _) = layout(&doc, &Style::default(), &set);
    let full: Vec<usize> = pages[1..pages.len() - 1]
        .iter()
        .filter(|p| !p.ops.iter().any(|o| matches!(o, Op::Rect { .. })))
        .map(|p| p.body_lines)
        .collect();
    assert!(!full.is_empty());
    assert!(full.iter().all(|n| *n == 22), "{full:?}");
}

#[test]
fn reproducible_pdf_a_and_missing_glyph_warning() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let ex = root().join("examples/full.toml");
    let (x, _) = render(&ex, a.path(), &[]);
    let (y, _) = render(&ex, b.path(), &[]);
    assert_eq!(
        std::fs::read(&x).unwrap(),
        std::fs::read(&y).unwrap(),
        "same input, same bytes"
    );
    let (z, _) = render(&ex, b.path(), &["--pdf-standard", "a-2b"]);
    let bytes = std::fs::read(&z).unwrap();
    assert!(
        String::from_utf8_lossy(&bytes).contains("pdfaid:part"),
        "PDF/A identification in XMP"
    );
    // A character no embedded font has (CJK Extension B) is named, not silently boxed.
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "rare.toml",
        base_text().replace("示例县司法局", "示例县𠀀司法局"),
    );
    let (_, err) = render(&p, dir.path(), &[]);
    assert!(
        err.contains("缺少") && err.contains('𠀀') && err.contains("标题"),
        "{err}"
    );
}

/// How a reader sees the page, not how pdftotext does: every glyph is
/// filled. Text drawn after a table's cell borders came out stroked
/// (`1 Tr`, outlines only) on every table page and no text test noticed.
#[test]
fn text_is_always_filled_never_outlined() {
    let dir = tempfile::tempdir().unwrap();
    for ex in examples() {
        let (pdf, _) = render(&ex, dir.path(), &[]);
        let doc = lopdf::Document::load(&pdf).unwrap();
        let mut text_ops = 0;
        for (_, page) in doc.get_pages() {
            let content = doc.get_and_decode_page_content(page).unwrap();
            for op in &content.operations {
                match op.operator.as_str() {
                    "Tr" => {
                        let mode = op.operands.first().and_then(|o| o.as_i64().ok());
                        assert_eq!(
                            mode,
                            Some(0),
                            "{}: text render mode {mode:?} (0 = fill)",
                            ex.display()
                        );
                    }
                    "Tj" | "TJ" => text_ops += 1,
                    _ => {}
                }
            }
        }
        assert!(
            text_ops > 100,
            "{}: only {text_ops} text operations",
            ex.display()
        );
    }
}

/// `full.toml` with every count of the three tables ×137: 4–6 digit
/// figures, the widths that broke numbers inside their cells.
fn full_times_137(dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(root().join("examples/full.toml")).unwrap();
    let mut out = String::new();
    let mut scaled = false;
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with('[') {
            scaled = ["[proactive", "[requests", "[reviews"]
                .iter()
                .any(|s| t.starts_with(s));
        }
        let Some(eq) = line.find('=').filter(|_| scaled && !line.contains('"')) else {
            out.push_str(line);
            out.push('\n');
            continue;
        };
        let (key, value) = line.split_at(eq);
        out.push_str(key);
        let chars: Vec<char> = value.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            if chars[i].is_ascii_digit() {
                let start = i;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
                let run: String = chars[start..i].iter().collect();
                let decimal = chars.get(i) == Some(&'.') || (start > 0 && chars[start - 1] == '.');
                if decimal {
                    out.push_str(&run);
                } else {
                    out.push_str(&(run.parse::<u64>().unwrap() * 137).to_string());
                }
            } else {
                out.push(chars[i]);
                i += 1;
            }
        }
        out.push('\n');
    }
    write(dir, "full-x137.toml", out)
}

fn pdfs_of_every_example_and_large_figures(dir: &Path) -> Vec<PathBuf> {
    let mut inputs = examples();
    inputs.push(full_times_137(dir));
    inputs.iter().map(|ex| render(ex, dir, &[]).0).collect()
}

/// How a page ends, as a reader sees it: no heading, no lead-in line, no
/// row of labels (table 二's `第二十条第（八）项`, column headings) alone at
/// its foot with what it introduces on the next page.
#[test]
fn pages_never_end_with_a_heading_or_a_label_row() {
    if !require_tool("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let style = Style::default();
    let bottom = (style.page.margin_top_mm + style.page.text_height_mm()) * PT_PER_MM;
    for pdf in pdfs_of_every_example_and_large_figures(dir.path()) {
        let pages = words(&pdf);
        for (i, page) in pages.iter().enumerate().take(pages.len() - 1) {
            let (text, figures) = last_line(page, bottom);
            let heading = is_heading_line(&text);
            let label_row = [
                "第二十条第",
                "信息内容",
                "申请人情况",
                "自然人",
                "法人或其他组织",
                "行政复议",
                "结果维持",
            ]
            .iter()
            .any(|l| text.contains(l))
                // A line of prose that names them (`…引发行政复议或行政诉讼。`) is no label row.
                && !text.ends_with('。');
            assert!(
                figures || !(heading || label_row || text.starts_with("下表")),
                "{} page {} ends with “{text}”",
                pdf.display(),
                i + 1
            );
        }
    }
}

/// Figures and short labels whole, each on one line of its cell: pdftotext
/// finds each as one word (`106/0`, `自然/人` were split in two).
#[test]
fn figures_and_short_labels_stay_whole() {
    if !require_tool("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut inputs = examples();
    inputs.push(full_times_137(dir.path()));
    for ex in inputs {
        let (pdf, _) = render(&ex, dir.path(), &[]);
        let all: Vec<String> = words(&pdf).into_iter().flatten().map(|w| w.text).collect();
        for label in [
            "自然人",
            "总计",
            "其他",
            "（三）不予公开",
            "（四）无法提供",
            "（五）不予处理",
            "（六）其他处理",
        ] {
            assert!(
                all.iter().any(|w| w == label),
                "{}: “{label}” not whole",
                ex.display()
            );
        }
        let doc = doc_of(&ex);
        for b in &doc.blocks {
            if let govreport::doc::ir::Block::Table(t) = b {
                for cell in t.rows.iter().flatten().filter(|c| c.numeric) {
                    assert!(
                        all.contains(&cell.text),
                        "{}: figure {} of table {} not whole",
                        ex.display(),
                        cell.text,
                        t.id
                    );
                }
            }
        }
    }
}

/// GB/T 9704: the page number's dashes 7 mm below the text block, one
/// character in from the outer edge; the signature two characters in from
/// the right, the date's first character two characters right of the
/// name's. Within 1 mm, measured by pdftotext.
#[test]
fn signature_and_page_numbers_sit_where_gbt_9704_puts_them() {
    if !require_tool("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let style = Style::default();
    let mm = PT_PER_MM;
    let p = &style.page;
    let (left, right) = (
        p.margin_left_mm * mm,
        (p.margin_left_mm + p.text_width_mm()) * mm,
    );
    let bottom = (p.margin_top_mm + p.text_height_mm()) * mm;
    let cp = style.char_pitch_pt();
    let num = style.sizes.page_number_pt;
    // The examples, and the rules' base file: a date longer than the name
    // (示例县司法局, 2025年1月20日).
    let mut inputs = examples();
    inputs.push(write(dir.path(), "long-date.toml", base_text()));
    let (mut short_dates, mut long_dates) = (0, 0);
    for ex in inputs {
        let (pdf, _) = render(&ex, dir.path(), &[]);
        let doc = doc_of(&ex);
        let pages = words(&pdf);
        for (i, page) in pages.iter().enumerate() {
            let dashes: Vec<&Word> = page.iter().filter(|w| w.text == "—").collect();
            assert_eq!(dashes.len(), 2, "{} page {}", ex.display(), i + 1);
            let mid = (dashes[0].y0 + dashes[0].y1) / 2.0;
            assert!(
                (mid - bottom - 7.0 * mm).abs() < mm,
                "{}: dash {:.1} mm below the block",
                ex.display(),
                (mid - bottom) / mm
            );
            if i % 2 == 0 {
                assert!(
                    (dashes[1].x1 - (right - num)).abs() < mm,
                    "{} odd page number",
                    ex.display()
                );
            } else {
                assert!(
                    (dashes[0].x0 - (left + num)).abs() < mm,
                    "{} even page number",
                    ex.display()
                );
            }
        }
        let sig: Vec<&str> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                govreport::doc::ir::Block::Paragraph(p)
                    if p.style == govreport::doc::ir::ParaStyle::Signature =>
                {
                    Some(p.text.as_str())
                }
                _ => None,
            })
            .collect();
        let [name, date] = sig[..] else { continue };
        let last = pages.last().unwrap();
        let find = |t: &str| {
            last.iter()
                .find(|w| w.text == t)
                .unwrap_or_else(|| panic!("{t}"))
        };
        let (n, d) = (find(name), find(date));
        if d.x1 - d.x0 <= n.x1 - n.x0 + 0.5 {
            short_dates += 1;
            assert!(
                (n.x1 - (right - 2.0 * cp)).abs() < mm,
                "{}: name {:.1} mm from the right",
                ex.display(),
                (right - n.x1) / mm
            );
            assert!(
                (d.x0 - (n.x0 + 2.0 * cp)).abs() < mm,
                "{}: date offset",
                ex.display()
            );
        } else {
            long_dates += 1;
            assert!(
                (d.x1 - (right - 2.0 * cp)).abs() < mm,
                "{}: long date {:.1} mm from the right",
                ex.display(),
                (right - d.x1) / mm
            );
            assert!(
                (d.x0 - (n.x0 + 2.0 * cp)).abs() < mm,
                "{}: name not two characters left of the date",
                ex.display()
            );
        }
        assert!(d.y0 > n.y0, "{}: date under the name", ex.display());
    }
    assert!(
        short_dates > 0 && long_dates > 0,
        "{short_dates} {long_dates}"
    );
}

/// Four faces, as published 年报 have: 仿宋 body, 楷体 （一） headings, 黑体
/// 一、 headings and a bold title; page numbers in 宋体 — the embedded open
/// defaults when no official font is installed.
#[test]
fn every_role_has_its_own_face() {
    if !require_tool("pdffonts") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = govreport()
        .env("GOVREPORT_NO_SYSTEM_FONTS", "1")
        .args(["render", "-q", "-f", "pdf", "-o"])
        .arg(dir.path())
        .arg(root().join("examples/qiaokou-sifaju-2024.toml"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fonts = tool("pdffonts", &[], &dir.path().join("qiaokou-sifaju-2024.pdf"));
    for face in [
        "ZhuqueFangsong-Regular",
        "GovreportKai-Regular",
        "NotoSansCJKsc-Regular",
        "NotoSerifCJKsc-Bold",
        "NotoSerifCJKsc-Regular",
        "GovreportLatin-Regular",
    ] {
        assert!(fonts.contains(face), "no {face} in\n{fonts}");
    }
    // Figures and Latin letters of body text and tables in the Times-metric
    // face, not in 仿宋's narrow ones (`115` read `II5`).
    if require_python("pymupdf, fontTools") {
        let g = glyphs(&dir.path().join("qiaokou-sifaju-2024.pdf"));
        let latin = |f: &str| f.contains("GovreportLatin");
        let digits = g
            .iter()
            .filter(|x| x.ch.is_ascii_digit() && latin(&x.face))
            .count();
        assert!(digits > 100, "{digits} digits in the Latin face");
        let fangsong: Vec<String> = g
            .iter()
            .filter(|x| x.ch.is_ascii_alphanumeric() && x.face.contains("Fangsong"))
            .map(|x| format!("p{} {}", x.page, x.ch))
            .collect();
        assert!(fangsong.is_empty(), "in 仿宋: {fangsong:?}");
    }
    for line in fonts.lines().skip(2) {
        assert!(
            line.contains(" yes yes yes "),
            "not embedded, subset and mapped: {line}"
        );
    }
}

/// A name too long for one title line breaks after one of its words, in even
/// lines (GB/T 9704 §7.3.3: 词意完整, 梯形或菱形), then the year's line; the
/// DOCX title has the same breaks.
#[test]
fn a_long_agency_name_breaks_between_words() {
    let dir = tempfile::tempdir().unwrap();
    let input = long_name_example(dir.path());
    let (pdf, _) = render(&input, dir.path(), &[]);
    let page = tool("pdftotext", &["-f", "1", "-l", "1", "-raw"], &pdf);
    let first: Vec<&str> = page.lines().take(3).collect();
    assert_eq!(
        first,
        [
            "中国（江苏）自由贸易试验区",
            "南京片区管理委员会综合行政执法局",
            "2024年政府信息公开工作年度报告"
        ],
        "{page}"
    );
    let (docx, _) = render_example(&input, "docx", dir.path(), &[]);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(
        xml.contains("中国（江苏）自由贸易试验区</w:t><w:br/><w:t xml:space=\"preserve\">南京片区管理委员会综合行政执法局</w:t><w:br/>"),
        "DOCX title not broken between words"
    );
}

/// A glyph as a reader finds it (tests/fixtures/glyph_boxes.py): its page,
/// character, ink's left and right, origin, size, baseline and face.
#[derive(Debug)]
struct Glyph {
    page: usize,
    ch: char,
    x0: f32,
    x1: f32,
    origin: f32,
    size: f32,
    baseline: f32,
    face: String,
}

fn glyphs(pdf: &Path) -> Vec<Glyph> {
    python_rows("glyph_boxes.py", pdf)
        .into_iter()
        .map(|f| {
            let n = |i: usize| f[i].parse::<f32>().unwrap();
            Glyph {
                page: f[0].parse().unwrap(),
                ch: f[1].chars().next().unwrap(),
                x0: n(2),
                x1: n(4),
                origin: n(6),
                size: n(8),
                baseline: n(9),
                face: f[10].to_string(),
            }
        })
        .collect()
}

/// Every example, the demo profile and a long report with every quotation
/// mark, in the PDFs a reader opens.
fn pdfs_for_glyph_checks(dir: &Path) -> Vec<PathBuf> {
    let mut pdfs = pdfs_of_every_example_and_large_figures(dir);
    let text = base_text().replace(
        "严格执行信息发布审查制度。",
        &"严格执行“三审三校”。制度，设立“局长信箱”；开展“谁执法谁普法”‘以案释法’，“一网通查”（“渝快办”）“12345”热线。"
            .repeat(12),
    );
    let p = write(dir, "quotes.toml", text);
    pdfs.push(render(&p, dir, &[]).0);
    // The demo profile: 4号 table type, the column's web address in the text.
    let profiled = dir.join("profiled");
    std::fs::create_dir_all(&profiled).unwrap();
    let profile = root().join("examples/profiles/demo-province");
    let profile = profile.to_str().unwrap();
    pdfs.push(
        render(
            &root().join("examples/full.toml"),
            &profiled,
            &["--profile", profile],
        )
        .0,
    );
    pdfs
}

/// No glyph drawn over another: on each line (same baseline), the ink of
/// consecutive characters never overlaps sideways and no character is drawn
/// left of the one before it (`例外”，` had the comma 2.4 pt before the
/// quote). Every “ ” ‘ ’ of body text takes a full cell — less only where
/// 标点挤压 takes the blank half from a mark next to another — with an
/// opening quote's ink in the right of its cell, a closing one's in the left.
#[test]
fn no_glyph_overlaps_another_and_quotes_take_a_full_cell() {
    if !require_python("pymupdf, fontTools") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let style = Style::default();
    let (body, cp) = (style.sizes.body_pt, style.char_pitch_pt());
    let mut quotes = 0;
    for pdf in pdfs_for_glyph_checks(dir.path()) {
        let g = glyphs(&pdf);
        let mut overlaps = Vec::new();
        for (a, b) in g.iter().zip(g.iter().skip(1)) {
            let same_line = a.page == b.page && (a.baseline - b.baseline).abs() < 0.5;
            if !same_line {
                continue;
            }
            if b.origin < a.origin - 0.01 || b.x0 < a.x1 - 0.2 {
                overlaps.push(format!(
                    "p{} {}{}: {:.1} pt",
                    a.page,
                    a.ch,
                    b.ch,
                    a.x1 - b.x0
                ));
            }
        }
        assert!(overlaps.is_empty(), "{}: {overlaps:?}", pdf.display());
        for (i, q) in g.iter().enumerate() {
            // Body text: the body size, in the body's face (headings have their own).
            let body_face = q.face.contains("Fangsong") || q.face.contains("FangSong");
            if !matches!(q.ch, '“' | '”' | '‘' | '’') || (q.size - body).abs() > 0.01 || !body_face
            {
                continue;
            }
            quotes += 1;
            let next = g
                .get(i + 1)
                .filter(|n| n.page == q.page && (n.baseline - q.baseline).abs() < 0.5);
            let prev = i
                .checked_sub(1)
                .map(|k| &g[k])
                .filter(|p| p.page == q.page && (p.baseline - q.baseline).abs() < 0.5);
            let Some(next) = next else { continue };
            let where_ = format!("{}: p{} {}{}", pdf.display(), q.page, q.ch, next.ch);
            let opening = matches!(q.ch, '“' | '‘');
            // 标点挤压: a mark before another gives up its blank half.
            let squeezed = if opening {
                matches!(next.ch, '（' | '《' | '“' | '‘')
            } else {
                matches!(
                    next.ch,
                    '，' | '。'
                        | '、'
                        | '；'
                        | '：'
                        | '？'
                        | '！'
                        | '）'
                        | '》'
                        | '”'
                        | '’'
                        | '（'
                        | '《'
                        | '“'
                        | '‘'
                )
            };
            if squeezed {
                continue;
            }
            // The quote's cell: it ends where the next character starts.
            let (cell0, cell1) = if opening {
                (next.origin - cp, next.origin)
            } else {
                (q.origin, next.origin)
            };
            assert!(
                cell1 - cell0 >= cp - 0.5,
                "{where_}: cell {:.1} pt (pitch {cp:.1})",
                cell1 - cell0
            );
            let ink = (q.x0 + q.x1) / 2.0 - cell0;
            if opening {
                assert!(ink > cp / 2.0, "{where_}: ink {ink:.1} pt into its cell");
                // (An opening mark before it gives up its own blank half to it.)
                if let Some(p) =
                    prev.filter(|p| !matches!(p.ch, '（' | '《' | '“' | '‘' | '〔' | '【'))
                {
                    assert!(
                        p.x1 <= cell0 + 0.5,
                        "{where_}: the mark before reaches into its cell"
                    );
                }
            } else {
                assert!(ink < cp / 2.0, "{where_}: ink {ink:.1} pt into its cell");
            }
        }
    }
    assert!(quotes > 50, "only {quotes} quotation marks checked");
}

/// No paragraph leaves its first line alone at a page's foot (an orphan)
/// or its last alone at a page's head (a widow): over every example and
/// reports whose narratives vary in length so that every split occurs.
#[test]
fn no_widow_or_orphan_lines() {
    use govreport::writers::pdf::Element;
    let style = Style::default();
    let set = fonts::load(&style.fonts, None).unwrap();
    let mut docs: Vec<(String, govreport::doc::ir::Document)> = examples()
        .iter()
        .map(|e| (e.display().to_string(), doc_of(e)))
        .collect();
    let fields = [
        "proactive = \"",
        "on_request = \"",
        "management = \"",
        "platforms = \"",
        "oversight = \"",
        "previous_year = \"",
        "current_year = \"",
        "measures = \"",
    ];
    let templates = govreport::report::template::Templates::builtin().unwrap();
    for k in 0..24 {
        let mut text = base_text();
        for (j, f) in fields.iter().enumerate() {
            let n = (k * 5 + j * 3) % 17 + 1;
            let more = "依法依规做好政府信息公开工作，".repeat(n);
            text = text.replacen(f, &format!("{f}{more}"), 1);
        }
        let report = govreport::input::parse(&text).report;
        let doc = govreport::report::template::build(&templates, &report).unwrap();
        docs.push((format!("generated {k}"), doc));
    }
    let mut split = 0;
    for (name, doc) in &docs {
        let (pages, elements, _) = layout(doc, &style, &set);
        // Lines of each paragraph on each page.
        let mut lines: std::collections::BTreeMap<usize, Vec<(usize, usize)>> = Default::default();
        for (p, page) in pages.iter().enumerate() {
            for op in &page.ops {
                if let Op::Text {
                    element: Some(e), ..
                } = op
                    && matches!(elements[*e], Element::Paragraph)
                {
                    let v = lines.entry(*e).or_default();
                    match v.last_mut() {
                        Some((pg, n)) if *pg == p => *n += 1,
                        _ => v.push((p, 1)),
                    }
                }
            }
        }
        for (e, v) in lines {
            if v.len() < 2 {
                continue;
            }
            split += 1;
            assert!(
                v.iter().all(|(_, n)| *n >= 2),
                "{name}: paragraph {e} split {v:?} (page, lines)"
            );
        }
    }
    assert!(split > 10, "only {split} paragraphs span two pages");
}

/// The fixed labels of the tables break only between their words
/// (`govreport::model::tables::LABEL_WORDS`): `三、本/年度办/理结果`,
/// `第一项加第/二项之和` and `不再处/理其` were broken inside words.
#[test]
fn table_labels_break_only_between_words() {
    use govreport::model::tables::{T3_OUTCOME_GROUP, label_words};
    use govreport::writers::pdf::Element;
    let style = Style::default();
    let set = fonts::load(&style.fonts, None).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut inputs = examples();
    inputs.push(full_times_137(dir.path()));
    let mut checked = 0;
    for ex in inputs {
        let (pages, elements, _) = layout(&doc_of(&ex), &style, &set);
        let mut cells: std::collections::BTreeMap<usize, Vec<String>> = Default::default();
        for op in pages.iter().flat_map(|p| &p.ops) {
            if let Op::Text {
                element: Some(e),
                text,
                ..
            } = op
                && matches!(elements[*e], Element::Cell { .. })
            {
                cells.entry(*e).or_default().push(text.clone());
            }
        }
        for lines in cells.values() {
            let label: String = lines.concat();
            let Some(words) = label_words(&label) else {
                continue;
            };
            checked += 1;
            // Character offsets where a line may end.
            let mut allowed = vec![0];
            for w in &words {
                allowed.push(allowed.last().unwrap() + w.chars().count());
            }
            let mut at = 0;
            for l in &lines[..lines.len() - 1] {
                at += l.chars().count();
                assert!(
                    allowed.contains(&at),
                    "{}: {label} broken as {lines:?}",
                    ex.display()
                );
            }
            if label == T3_OUTCOME_GROUP {
                assert!(lines.iter().all(|l| l.chars().count() == 1), "{lines:?}");
            }
        }
    }
    assert!(checked > 200, "only {checked} labels");
}

/// A web address breaks after `/`, `.` or `?` rather than move on whole
/// and leave the line before it gaping (8.85 mm a character for a 5.58 mm
/// pitch); no line of body text is stretched past 1.2× the pitch.
#[test]
fn urls_break_and_no_line_gapes() {
    use govreport::writers::fonts::Role;
    let style = Style::default();
    let set = fonts::load(&style.fonts, None).unwrap();
    let cp = style.char_pitch_pt();
    let url = "https://www.example.gov.cn/zwgk/zfxxgk/ndbg/2024/index.html?from=annual";
    let mut docs = Vec::new();
    for k in 0..28 {
        let text = base_text().replace(
            "严格执行信息发布审查制度。",
            &format!(
                "{}本报告电子版可在本机关政府信息公开专栏（{url}）查阅，电话0000-12345678。",
                "严".repeat(k)
            ),
        );
        let report = govreport::input::parse(&text).report;
        docs.push(
            govreport::report::template::build(
                &govreport::report::template::Templates::builtin().unwrap(),
                &report,
            )
            .unwrap(),
        );
    }
    for ex in examples() {
        docs.push(doc_of(&ex));
    }
    let mut url_breaks = 0;
    for doc in &docs {
        let (pages, _, _) = layout(doc, &style, &set);
        for op in pages.iter().flat_map(|p| &p.ops) {
            let Op::Text {
                role: Role::Body,
                text,
                advances,
                ..
            } = op
            else {
                continue;
            };
            for (c, a) in text.chars().zip(advances) {
                assert!(*a <= 1.2 * cp + 0.01, "{c} advances {a:.1} pt in “{text}”");
            }
            // A line that ends inside the address ends after / . or ?
            if let Some(i) = text.find("https") {
                let tail = &text[i..];
                if !tail.contains('）') {
                    url_breaks += 1;
                    assert!(
                        url.starts_with(tail) && tail.ends_with(['/', '.', '?']),
                        "“{text}”"
                    );
                }
            }
        }
    }
    assert!(url_breaks > 5, "the address broke {url_breaks} times");
}

/// In 4号 table type (the demo profile) table 三's row labels keep room:
/// they were squeezed to four characters (`4.保护第/三方合/法权益`) and the
/// table ran over four pages.
#[test]
fn large_table_type_keeps_row_labels_readable() {
    use govreport::writers::pdf::Element;
    let mut style = Style::default();
    style.sizes.table_pt = 14.0;
    let set = fonts::load(&style.fonts, None).unwrap();
    let doc = doc_of(&root().join("examples/full.toml"));
    let (pages, elements, _) = layout(&doc, &style, &set);
    let mut cells: std::collections::BTreeMap<usize, (Vec<String>, usize)> = Default::default();
    let mut t3_pages = std::collections::BTreeSet::new();
    for (p, page) in pages.iter().enumerate() {
        for op in &page.ops {
            if let Op::Text {
                element: Some(e),
                text,
                ..
            } = op
                && let Element::Cell { table: 1, .. } = elements[*e]
            {
                let c = cells.entry(*e).or_default();
                c.0.push(text.clone());
                c.1 = p;
                t3_pages.insert(p);
            }
        }
    }
    let lines = |label: &str| {
        cells
            .values()
            .find(|(l, _)| l.concat() == label)
            .map(|(l, _)| l.clone())
            .unwrap_or_else(|| panic!("{label} not found"))
    };
    for (label, most) in [
        ("4.保护第三方合法权益", 2),
        ("2.其他法律行政法规禁止公开", 3),
    ] {
        let l = lines(label);
        assert!(l.len() <= most, "{l:?}");
    }
    assert!(
        t3_pages.len() <= 3,
        "table 三 over {} pages",
        t3_pages.len()
    );
}
