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

fn doc_of(example: &Path) -> govreport::doc::ir::Document {
    let text = std::fs::read_to_string(example).unwrap();
    let report = govreport::input::parse(&text).report;
    govreport::report::template::build(
        &govreport::report::template::Templates::builtin().unwrap(),
        &report,
    )
    .unwrap()
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
            let size = std::fs::metadata(&pdf).unwrap().len();
            assert!(size <= 150 * 1024, "{stem}: {size} bytes");
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
