//! The DOCX writer, checked structurally (unzip, parse word/document.xml)
//! and by converting every example with LibreOffice.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};

use common::*;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn render(example: &Path, dir: &Path) -> PathBuf {
    render_example(example, "docx", dir, &[]).0
}

fn part(docx: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

fn attr<'a>(n: roxmltree::Node<'a, 'a>, name: &str) -> Option<&'a str> {
    n.attribute((W, name))
}

fn child<'a>(n: roxmltree::Node<'a, 'a>, name: &str) -> Option<roxmltree::Node<'a, 'a>> {
    n.children().find(|c| c.has_tag_name((W, name)))
}

fn text_of(n: roxmltree::Node) -> String {
    n.descendants()
        .filter(|d| d.has_tag_name((W, "t")))
        .filter_map(|d| d.text())
        .collect()
}

struct DocxTable {
    grid_cols: Vec<u32>,
    grid: Vec<Vec<String>>,
    header_rows: usize,
    rows_cant_split: bool,
}

/// Expands gridSpan and vMerge of every table.
fn tables(xml: &str) -> Vec<DocxTable> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    let mut out = Vec::new();
    for tbl in doc.descendants().filter(|n| n.has_tag_name((W, "tbl"))) {
        let grid_cols: Vec<u32> = child(tbl, "tblGrid")
            .unwrap()
            .children()
            .filter(|c| c.has_tag_name((W, "gridCol")))
            .map(|c| attr(c, "w").unwrap().parse().unwrap())
            .collect();
        let mut grid: Vec<Vec<String>> = Vec::new();
        let mut header_rows = 0;
        let mut cant_split = true;
        for tr in tbl.children().filter(|c| c.has_tag_name((W, "tr"))) {
            let pr = child(tr, "trPr");
            if pr.and_then(|p| child(p, "tblHeader")).is_some() {
                header_rows += 1;
            }
            cant_split &= pr.and_then(|p| child(p, "cantSplit")).is_some();
            let mut row = Vec::new();
            for tc in tr.children().filter(|c| c.has_tag_name((W, "tc"))) {
                let pr = child(tc, "tcPr");
                let span: usize = pr
                    .and_then(|p| child(p, "gridSpan"))
                    .map_or(1, |g| attr(g, "val").unwrap().parse().unwrap());
                let vmerge = pr.and_then(|p| child(p, "vMerge"));
                let cont = vmerge.is_some_and(|v| attr(v, "val").is_none_or(|a| a == "continue"));
                let col = row.len();
                let text = if cont {
                    grid.last().unwrap()[col].clone()
                } else {
                    text_of(tc)
                };
                for _ in 0..span {
                    row.push(text.clone());
                }
            }
            grid.push(row);
        }
        out.push(DocxTable {
            grid_cols,
            grid,
            header_rows,
            rows_cant_split: cant_split,
        });
    }
    out
}

fn ir_tables(example: &Path) -> Vec<(Vec<Vec<String>>, usize)> {
    tables_of(example)
        .into_iter()
        .map(|t| (t.text_grid().unwrap(), t.header_rows))
        .collect()
}

#[test]
fn page_tables_fonts_and_footers() {
    let dir = tempfile::tempdir().unwrap();
    for example in examples() {
        let docx = render(&example, dir.path());
        let xml = part(&docx, "word/document.xml");
        let doc = roxmltree::Document::parse(&xml).unwrap();
        // A4, GB/T 9704 margins, in twips.
        let sect = doc
            .descendants()
            .find(|n| n.has_tag_name((W, "sectPr")))
            .unwrap();
        let sz = child(sect, "pgSz").unwrap();
        assert_eq!(
            (attr(sz, "w"), attr(sz, "h")),
            (Some("11906"), Some("16838"))
        );
        let mar = child(sect, "pgMar").unwrap();
        for (side, mm) in [
            ("top", 37.0),
            ("bottom", 35.0),
            ("left", 28.0),
            ("right", 26.0),
        ] {
            let v: f64 = attr(mar, side).unwrap().parse().unwrap();
            assert!((v - mm * 1440.0 / 25.4).abs() <= 1.0, "{side} {v}");
        }
        // Three tables, grids as the official format has them, and as the IR.
        let tables = tables(&xml);
        assert_eq!(tables.len(), 3, "{}", example.display());
        let widths: Vec<usize> = tables.iter().map(|t| t.grid_cols.len()).collect();
        assert_eq!(widths, vec![4, 10, 15]);
        for ((expected, header_rows), t) in ir_tables(&example).into_iter().zip(&tables) {
            assert_eq!(t.grid, expected, "{}", example.display());
            assert_eq!(t.header_rows, header_rows, "header rows repeat");
            assert!(t.rows_cant_split, "rows never split");
            let sum: u32 = t.grid_cols.iter().sum();
            assert!(
                (sum as i32 - 8844).abs() <= 2,
                "grid sums to the 156 mm text block: {sum}"
            );
        }
        assert_eq!(
            tables[1]
                .grid
                .iter()
                .filter(|r| r[0] == "三、本年度办理结果")
                .count(),
            22
        );
        assert_eq!(tables[1].header_rows, 3);
        assert_eq!(tables[2].header_rows, 3);
        // Every run names its fonts in all four slots and says zh-CN.
        for r in doc.descendants().filter(|n| n.has_tag_name((W, "r"))) {
            let pr = child(r, "rPr").expect("run properties");
            let f = child(pr, "rFonts").expect("fonts");
            for slot in ["ascii", "hAnsi", "eastAsia", "cs"] {
                assert!(attr(f, slot).is_some_and(|v| !v.is_empty()), "{slot}");
            }
            assert_eq!(
                child(pr, "lang").and_then(|l| attr(l, "eastAsia")),
                Some("zh-CN")
            );
        }
        assert!(xml.contains("w:eastAsia=\"仿宋_GB2312\""));
        assert!(xml.contains("w:eastAsia=\"黑体\""));
        assert!(xml.contains("w:eastAsia=\"方正小标宋简体\""));
        assert!(xml.contains("w:firstLineChars=\"200\""));
        // Odd and even footers with a PAGE field.
        assert!(part(&docx, "word/settings.xml").contains("evenAndOddHeaders"));
        let refs: Vec<&str> = sect
            .children()
            .filter(|c| c.has_tag_name((W, "footerReference")))
            .filter_map(|c| attr(c, "type"))
            .collect();
        assert_eq!(refs, vec!["default", "even"]);
        for f in ["word/footer1.xml", "word/footer2.xml"] {
            let footer = part(&docx, f);
            assert!(footer.contains("PAGE") && footer.contains("— "), "{f}");
        }
        // Properties in schema order (strict readers such as Word reject others).
        const PPR: &[&str] = &[
            "pStyle",
            "keepNext",
            "keepLines",
            "pageBreakBefore",
            "widowControl",
            "kinsoku",
            "autoSpaceDE",
            "autoSpaceDN",
            "snapToGrid",
            "spacing",
            "ind",
            "jc",
            "outlineLvl",
            "rPr",
        ];
        const RPR: &[&str] = &["rFonts", "b", "bCs", "spacing", "sz", "szCs", "lang"];
        for name in [
            "word/document.xml",
            "word/styles.xml",
            "word/footer1.xml",
            "word/footer2.xml",
        ] {
            let x = part(&docx, name);
            let d = roxmltree::Document::parse(&x).unwrap();
            for (tag, order) in [("pPr", PPR), ("rPr", RPR)] {
                for n in d.descendants().filter(|n| n.has_tag_name((W, tag))) {
                    let idx: Vec<usize> = n
                        .children()
                        .filter(|c| c.is_element())
                        .map(|c| {
                            order
                                .iter()
                                .position(|o| *o == c.tag_name().name())
                                .unwrap_or_else(|| {
                                    panic!("{name}: unexpected {} in {tag}", c.tag_name().name())
                                })
                        })
                        .collect();
                    assert!(
                        idx.windows(2).all(|w| w[0] <= w[1]),
                        "{name}: {tag} children out of order"
                    );
                }
            }
        }
        for g in doc.descendants().filter(|n| n.has_tag_name((W, "gridCol"))) {
            assert_eq!(g.attributes().count(), 1, "gridCol has only w:w");
        }
        let styles = part(&docx, "word/styles.xml");
        assert!(styles.contains("autoSpaceDE") && styles.contains("w:eastAsia=\"zh-CN\""));
        // Font table declares fallbacks.
        let fonts = part(&docx, "word/fontTable.xml");
        assert!(fonts.contains("w:name=\"仿宋_GB2312\"><w:altName w:val=\"仿宋\""));
    }
}

#[test]
fn labels_figures_and_properties_of_the_full_example() {
    let dir = tempfile::tempdir().unwrap();
    let docx = render(&root().join("examples/full.toml"), dir.path());
    let xml = part(&docx, "word/document.xml");
    let t = tables(&xml);
    assert_eq!(t[0].grid[3], vec!["行政规范性文件", "8", "3", "47"]);
    assert_eq!(t[0].grid[13][1], "12.35");
    assert_eq!(
        &t[1].grid[3][3..],
        ["115", "103", "112", "106", "109", "106", "651"]
    );
    assert_eq!(&t[2].grid[3][..5], ["10", "2", "1", "3", "16"]);
    let cells: Vec<&String> = t.iter().flat_map(|t| t.grid.iter().flatten()).collect();
    for label in [
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "3.危及“三安全一稳定”",
        "本年收费金额（单位：万元）",
        "复议后起诉",
    ] {
        assert!(cells.iter().any(|c| *c == label), "{label}");
    }
    let core = part(&docx, "docProps/core.xml");
    assert!(
        core.contains("<dc:title>示例市示例区交通运输局2024年政府信息公开工作年度报告</dc:title>")
    );
    assert!(core.contains("<dc:creator>示例市示例区交通运输局</dc:creator>"));
    assert!(core.contains("2025-01-20T00:00:00Z"));
}

#[test]
fn same_input_same_bytes_and_compressed() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let ex = root().join("examples/qijiang-sifaju-2024.toml");
    let (x, y) = (render(&ex, a.path()), render(&ex, b.path()));
    assert_eq!(std::fs::read(&x).unwrap(), std::fs::read(&y).unwrap());
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&x).unwrap()).unwrap();
    for i in 0..zip.len() {
        let e = zip.by_index(i).unwrap();
        assert_eq!(
            e.compression(),
            zip::CompressionMethod::Deflated,
            "{}",
            e.name()
        );
    }
    // No published_on: a fixed date, never "now".
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "nodate.toml",
        base_text().replace("published_on = 2025-01-20\n", ""),
    );
    let d1 = render(&p, dir.path());
    let first = std::fs::read(&d1).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_eq!(first, std::fs::read(render(&p, dir.path())).unwrap());
}

#[test]
fn hostile_narrative_gives_a_valid_document() {
    let dir = tempfile::tempdir().unwrap();
    let long = "长".repeat(10_000);
    let text = base_text()
        .replace(
            "严格执行信息发布审查制度。",
            "<w:p>&amp; ]]> <![CDATA[x]]> \\u0001\\u000B\\u001F 结束",
        )
        .replace("持续维护部门网站政府信息公开专栏。", &long);
    let p = write(dir.path(), "evil.toml", text);
    let docx = render(&p, dir.path());
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
    for i in 0..zip.len() {
        let mut e = zip.by_index(i).unwrap();
        if e.name().ends_with(".xml") || e.name().ends_with(".rels") {
            let mut s = String::new();
            e.read_to_string(&mut s).unwrap();
            roxmltree::Document::parse(&s).unwrap_or_else(|err| panic!("{}: {err}", e.name()));
        }
    }
    let xml = part(&docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let all: String = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "t")))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        all.contains("<w:p>&amp; ]]> <![CDATA[x]]>  结束"),
        "text kept as text"
    );
    assert!(all.contains(&long));
    if require_tool("soffice") {
        assert!(convert(&docx, dir.path()).exists());
    }
}

fn convert(docx: &Path, dir: &Path) -> PathBuf {
    let profile = dir.join("lo-profile");
    let out = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(docx)
        .output()
        .unwrap();
    let pdf = dir.join(docx.with_extension("pdf").file_name().unwrap());
    assert!(
        pdf.exists(),
        "LibreOffice failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    pdf
}

/// LibreOffice opens every example; the PDF it makes has every label and figure.
#[test]
fn libreoffice_converts_every_example() {
    if !require_tool("soffice") || !require_tool("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for example in examples() {
        let docx = render(&example, dir.path());
        let pdf = convert(&docx, dir.path());
        let out = std::process::Command::new("pdftotext")
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        let lines = String::from_utf8_lossy(&out.stdout).to_string();
        // No figure broken between its digits at a line end (`公示 1` /
        // `5 项`: LibreOffice did so while Latin text was marked zh-CN).
        let mut prev = "";
        for line in lines.lines().map(str::trim) {
            // Body lines only (a table's figures stand a cell a line).
            let body = |l: &str| l.chars().count() > 12 || !l.is_ascii();
            assert!(
                !(body(prev)
                    && body(line)
                    && prev.ends_with(|c: char| c.is_ascii_digit())
                    && line.starts_with(|c: char| c.is_ascii_digit())),
                "{}: a figure broken: “{prev}” / “{line}”",
                example.display()
            );
            prev = line;
        }
        let text: String = lines.chars().filter(|c| !c.is_whitespace()).collect();
        let report = govreport::input::parse(&std::fs::read_to_string(&example).unwrap()).report;
        assert!(
            text.contains(&report.agency.name.replace(' ', "")),
            "{}",
            example.display()
        );
        for (grid, _) in ir_tables(&example) {
            for cell in grid.iter().flatten() {
                let c: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
                assert!(contains_spread(&text, &c), "{}: {c}", example.display());
            }
        }
    }
}

/// Word's own judgement, ported: `openxml-audit` (the Open XML SDK
/// validator) finds nothing in any DOCX we write — every example, with a
/// profile, and with hostile narrative.
#[test]
fn word_would_open_every_docx_without_repair() {
    if !require_tool("openxml-audit") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut files: Vec<PathBuf> = examples().iter().map(|e| render(e, dir.path())).collect();
    let profiled = tempfile::tempdir().unwrap();
    files.push(
        render_example(
            &root().join("examples/full.toml"),
            "docx",
            profiled.path(),
            &[
                "--profile",
                &root()
                    .join("examples/profiles/demo-province")
                    .display()
                    .to_string(),
            ],
        )
        .0,
    );
    let hostile = base_text()
        .replace(
            "严格执行信息发布审查制度。",
            "<script>alert(1)</script> ]]> \\u0001\\u000B 结束",
        )
        .replace(
            "持续维护部门网站政府信息公开专栏。",
            // The longest a field may be (GR0014 refuses more).
            &"长".repeat(govreport::rules::gr0014_text_too_long::FIELD_LIMIT),
        );
    let evil = tempfile::tempdir().unwrap();
    files.push(render(
        &write(evil.path(), "evil.toml", hostile),
        evil.path(),
    ));
    for f in files {
        assert_opens_cleanly_in_office(&f);
    }
}

/// No invented dates: without `published_on` the package has no created date.
#[test]
fn no_date_without_published_on() {
    let dir = tempfile::tempdir().unwrap();
    let text: String = base_text()
        .lines()
        .filter(|l| !l.trim_start().starts_with("published_on"))
        .collect::<Vec<_>>()
        .join("\n");
    let docx = render(&write(dir.path(), "nodate.toml", text), dir.path());
    let core = part(&docx, "docProps/core.xml");
    assert!(
        !core.contains("dcterms:created") && !core.contains("2000-01-01"),
        "{core}"
    );
}

/// As LibreOffice lays it out: the page numbers 7 mm below the block; the
/// title on two lines exactly between the agency's name and the year; the signature two characters in from the
/// right and the date two characters right of the name (GB/T 9704
/// §7.3.5.2), within 1 mm.
#[test]
fn libreoffice_sets_title_and_signature_as_gbt_9704_says() {
    if !require_tool("soffice") || !require_tool("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let style = govreport::doc::style::Style::default();
    let mm = govreport::doc::style::PT_PER_MM;
    let right = (style.page.margin_left_mm + style.page.text_width_mm()) * mm;
    let cp = style.char_pitch_pt();
    for name in ["full", "government"] {
        let example = root().join(format!("examples/{name}.toml"));
        let report = govreport::input::parse(&std::fs::read_to_string(&example).unwrap()).report;
        let pdf = convert(&render(&example, dir.path()), dir.path());
        let pages = words(&pdf);
        // Page numbers: the dashes 7 mm below the text block (GB/T 9704 §7.5).
        let bottom = (style.page.margin_top_mm + style.page.text_height_mm()) * mm;
        for (i, page) in pages.iter().enumerate() {
            let dash = page
                .iter()
                .find(|w| w.text == "—")
                .unwrap_or_else(|| panic!("{name} page {}", i + 1));
            let mid = (dash.y0 + dash.y1) / 2.0;
            assert!(
                (mid - bottom - 7.0 * mm).abs() < mm,
                "{name} page {}: dash {:.1} mm below the block",
                i + 1,
                (mid - bottom) / mm
            );
        }
        let first = lines(&pages[0]);
        let agency = report.agency.name.as_str();
        let year = format!("{}年政府信息公开工作年度报告", report.agency.year);
        assert_eq!(first[0].text, agency, "{name}: title line 1");
        assert_eq!(first[1].text, year, "{name}: title line 2");
        let last = lines(pages.last().unwrap());
        let i = last
            .iter()
            .rposition(|l| l.text == agency)
            .unwrap_or_else(|| panic!("{name}: signature"));
        let (n, d) = (&last[i], &last[i + 1]);
        if d.x1 - d.x0 + 2.0 * cp <= n.x1 - n.x0 {
            assert!(
                (n.x1 - (right - 2.0 * cp)).abs() < mm,
                "{name}: name {:.1} mm from the right",
                (right - n.x1) / mm
            );
            assert!(
                (d.x0 - (n.x0 + 2.0 * cp)).abs() < mm,
                "{name}: date {:.1} mm right of the name",
                (d.x0 - n.x0) / mm
            );
        } else {
            // A date longer than the name: the date two characters in. The
            // name's offset depends on the width of the date's digits, which
            // the writer takes as half an em (仿宋_GB2312); LibreOffice's
            // substitute face is wider, so only the date is measured here.
            assert!(
                (d.x1 - (right - 2.0 * cp)).abs() < mm,
                "{name}: date {:.1} mm from the right",
                (right - d.x1) / mm
            );
            assert!(d.x0 > n.x0, "{name}: date right of the name");
        }
    }
}

/// Lines of a page as a reader sees them: words on one baseline, joined.
fn lines(page: &[Word]) -> Vec<Word> {
    let mut ws: Vec<&Word> = page.iter().collect();
    ws.sort_by(|a, b| a.y0.total_cmp(&b.y0).then(a.x0.total_cmp(&b.x0)));
    let mut v: Vec<Word> = Vec::new();
    for w in ws {
        match v.last_mut() {
            Some(l) if (l.y0 - w.y0).abs() < 2.0 => {
                l.text.push_str(&w.text);
                l.x1 = w.x1;
            }
            _ => v.push(w.clone()),
        }
    }
    v
}

/// Issue 26, item 10: in LibreOffice the DOCX's table rows had no minimum
/// height (5.5 mm against the PDF's 7.1 mm, text against the rules), the
/// title lines were 15.3 mm apart against the PDF's 10.3 (the body 10 mm
/// lower), and table 三 ended with 四、结转下年度继续办理 alone under the
/// repeated head. Now: rows of figures at least 7 mm apart, the body's
/// first line within 1 mm of the PDF's, the last row with (七) on its page.
#[test]
fn libreoffice_sets_rows_title_and_table_end_as_the_pdf_does() {
    if !require_tool("soffice") || !require_tool("pdftotext") {
        return;
    }
    let mm = govreport::doc::style::PT_PER_MM;
    let dir = tempfile::tempdir().unwrap();
    // The first line after the title.
    let body_top = |pages: &[Vec<Word>]| -> f32 {
        let first = lines(&pages[0]);
        let t = first
            .iter()
            .position(|l| l.text.ends_with("工作年度报告"))
            .expect("title");
        first[t + 1].y0
    };
    for example in examples() {
        let name = example.display();
        let (pdf, _) = render_example(&example, "pdf", &dir.path().join("ours"), &[]);
        let lo = words(&convert(&render(&example, dir.path()), dir.path()));
        let (a, b) = (body_top(&lo), body_top(&words(&pdf)));
        assert!(
            (a - b).abs() < mm,
            "{name}: the body starts {:.1} mm from the PDF's",
            (a - b) / mm
        );
        for (i, page) in lo.iter().enumerate() {
            // Rows of figures: short words of digits on one baseline.
            let mut ys: Vec<f32> = page
                .iter()
                .filter(|w| {
                    w.x1 - w.x0 < 20.0
                        && !w.text.is_empty()
                        && w.text.chars().all(|c| c.is_ascii_digit() || c == '.')
                })
                .map(|w| (w.y0 + w.y1) / 2.0)
                .collect();
            ys.sort_by(f32::total_cmp);
            ys.dedup_by(|a, b| (*a - *b).abs() < 2.0);
            for pair in ys.windows(2) {
                assert!(
                    pair[1] - pair[0] >= 6.9 * mm,
                    "{name} page {}: rows {:.1} mm apart",
                    i + 1,
                    (pair[1] - pair[0]) / mm
                );
            }
        }
        let last = lo
            .iter()
            .find(|p| p.iter().any(|w| w.text.starts_with("四、结转下年度")))
            .expect("row 四");
        assert!(
            last.iter().any(|w| w.text.contains("（七）")),
            "{name}: 四、结转下年度继续办理 without (七) on its page"
        );
    }
}

/// Issue 26, item 10: in LibreOffice (and Word) the table labels broke
/// inside words (`禁止公/开`, `政府信/息`, `另行制/作`): they break CJK text
/// anywhere. Every fixed label is written with its line breaks where the
/// PDF breaks it — only between its words — and each line fits its cell.
#[test]
fn table_labels_break_only_between_their_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut broken_labels = 0;
    let mut group_labels = 0;
    for example in examples() {
        let xml = part(&render(&example, dir.path()), "word/document.xml");
        let doc = roxmltree::Document::parse(&xml).unwrap();
        for tc in doc.descendants().filter(|n| n.has_tag_name((W, "tc"))) {
            // The cell's text with its line breaks.
            let mut text = String::new();
            for d in tc.descendants() {
                if d.has_tag_name((W, "t")) {
                    text.push_str(d.text().unwrap_or(""));
                } else if d.has_tag_name((W, "br")) {
                    text.push('\n');
                }
            }
            let plain = text.replace('\n', "");
            if plain == govreport::model::tables::T3_OUTCOME_GROUP {
                // One character a line, `、` kept with `三` (as published).
                assert_eq!(
                    text.lines().collect::<Vec<_>>(),
                    govreport::model::tables::vertical_lines(&plain),
                    "{text:?}"
                );
                assert!(text.starts_with("三、\n"), "{text:?}");
                group_labels += 1;
                continue;
            }
            let Some(words) = govreport::model::tables::label_words(&plain) else {
                continue;
            };
            if !text.contains('\n') {
                continue;
            }
            broken_labels += 1;
            // Each break falls at a word boundary.
            let mut boundaries = vec![0usize];
            for w in &words {
                boundaries.push(boundaries.last().unwrap() + w.chars().count());
            }
            let width: f32 = tc
                .descendants()
                .find(|d| d.has_tag_name((W, "tcW")))
                .and_then(|w| attr(w, "w"))
                .unwrap()
                .parse()
                .unwrap();
            // 10.5 pt a character (twips), half for ASCII; 1 mm padding a side.
            let em = govreport::doc::style::Style::default().sizes.table_pt * 20.0;
            let mut at = 0;
            for line in text.split('\n') {
                let ems: f32 = line
                    .chars()
                    .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
                    .sum();
                assert!(
                    ems * em <= width - 2.0 * 57.0 + 0.5,
                    "{}: “{line}” wider than its cell",
                    example.display()
                );
                at += line.chars().count();
                assert!(
                    boundaries.contains(&at),
                    "{}: “{plain}” broken inside a word: {text:?}",
                    example.display()
                );
            }
        }
    }
    assert!(
        broken_labels >= 20,
        "only {broken_labels} labels on two lines or more"
    );
    assert_eq!(
        group_labels,
        examples().len(),
        "三、本年度办理结果 in every example"
    );
}
