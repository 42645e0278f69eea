//! Hostile published files: each bomb ends in a clear refusal or finding
//! (exit 1 or 2), never a hang, a crash or an abort. A run that does not
//! finish within a minute is killed and fails the test (a hang detector,
//! not a timing: speed is measured in benches/), and none may take 1 GB.

mod common;

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use common::*;

/// Peak memory any one input may take (the bound).
const MAX_RSS_KB: i64 = 1024 * 1024;

/// Runs `govreport ARGS FILE`, killing it after a minute; returns its exit
/// code and stderr. Its peak resident memory, as the kernel counted it for
/// the child (`wait4`), must stay under 1 GB. That count also holds what the
/// test process had resident when it spawned the child, so it is an upper
/// bound, never an underestimate.
// The child is reaped by wait4 below (for its resource usage), which clippy
// does not see.
#[allow(clippy::zombie_processes)]
fn run(args: &[&str], file: &Path) -> (Option<i32>, String) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_govreport"))
        .args(args)
        .arg(file)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id() as libc::pid_t;
    let start = Instant::now();
    loop {
        let mut status = 0;
        // SAFETY: plain out-parameters; the child is ours and reaped here only.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let reaped = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if reaped == pid {
            let mut err = String::new();
            std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
            assert!(
                usage.ru_maxrss < MAX_RSS_KB,
                "{} {args:?}: peak memory {} MB",
                file.display(),
                usage.ru_maxrss / 1024
            );
            eprintln!(
                "{} {args:?}: peak at most {} MB",
                file.file_name().unwrap_or_default().to_string_lossy(),
                usage.ru_maxrss / 1024
            );
            let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
            return (code, err);
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("{}: still running after 60 s", file.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn refused_or_found(args: &[&str], file: &Path) -> String {
    let (code, err) = run(args, file);
    assert!(
        matches!(code, Some(1 | 2)),
        "{} {args:?}: exit {code:?}\n{err}",
        file.display()
    );
    assert!(!err.contains("panicked"), "{err}");
    err
}

fn docx_with(dir: &Path, name: &str, document_xml: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    zip.start_file("word/document.xml", opts).unwrap();
    zip.write_all(document_xml).unwrap();
    zip.finish().unwrap();
    path
}

#[test]
fn html_of_100_000_nested_elements_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let page = format!(
        "<html><body>{}x{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let p = write(dir.path(), "nested.html", page);
    for cmd in ["audit", "import"] {
        let err = refused_or_found(&[cmd], &p);
        assert!(err.contains("结构异常"), "{err}");
    }
}

#[test]
fn html_of_nothing_but_spanning_cells_is_not_a_report() {
    let dir = tempfile::tempdir().unwrap();
    let cells = "<td colspan=\"65534\" rowspan=\"65534\">1</td>".repeat(65_534);
    let p = write(
        dir.path(),
        "spans.html",
        format!("<table><tr>{cells}</tr></table>"),
    );
    refused_or_found(&["audit"], &p);
    let err = refused_or_found(&["import"], &p);
    assert!(err.contains("不像是一份"), "{err}");
}

#[test]
fn docx_bombs_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    // Zip bomb: 80 MB of document.xml from a file of a few hundred KB.
    let mut big = b"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>".to_vec();
    big.extend(std::iter::repeat_n(b' ', 80 * 1024 * 1024));
    let p = docx_with(dir.path(), "zipbomb.docx", &big);
    drop(big);
    assert!(std::fs::metadata(&p).unwrap().len() < 2 * 1024 * 1024);
    let err = refused_or_found(&["audit"], &p);
    assert!(err.contains("压缩炸弹") || err.contains("超过"), "{err}");
    // XML entity bomb ("billion laughs").
    let mut lol = String::from("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    for i in 1..10 {
        lol.push_str(&format!(
            "<!ENTITY lol{i} \"{}\">",
            format!(
                "&lol{};",
                if i == 1 {
                    String::new()
                } else {
                    (i - 1).to_string()
                }
            )
            .repeat(10)
        ));
    }
    lol.push_str("]><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>");
    let p = docx_with(dir.path(), "entities.docx", lol.as_bytes());
    refused_or_found(&["audit"], &p);
    // 200 000 nested tables.
    let mut nested = String::from(
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>",
    );
    nested.push_str(&"<w:tbl><w:tr><w:tc>".repeat(200_000));
    nested.push_str(&"</w:tc></w:tr></w:tbl>".repeat(200_000));
    nested.push_str("</w:body></w:document>");
    let p = docx_with(dir.path(), "nested.docx", nested.as_bytes());
    refused_or_found(&["audit"], &p);
    refused_or_found(&["import"], &p);
}

/// A minimal PDF whose page tree is a cycle and claims a billion pages,
/// with a Flate bomb as its only content stream.
fn hostile_pdf() -> Vec<u8> {
    let mut bomb = flate2_like_zeros(64 * 1024 * 1024);
    let mut pdf = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    let mut obj = |pdf: &mut Vec<u8>, body: &[u8]| {
        offsets.push(pdf.len());
        pdf.extend_from_slice(body);
    };
    obj(
        &mut pdf,
        b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n",
    );
    obj(
        &mut pdf,
        b"2 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] /Count 1000000000 >> endobj\n",
    );
    obj(
        &mut pdf,
        b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj\n",
    );
    let mut s = format!(
        "4 0 obj << /Length {} /Filter /FlateDecode >> stream\n",
        bomb.len()
    )
    .into_bytes();
    s.append(&mut bomb);
    s.extend_from_slice(b"\nendstream endobj\n");
    obj(&mut pdf, &s);
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1).as_bytes(),
    );
    for o in &offsets {
        pdf.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer << /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            offsets.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

/// `n` zero bytes, zlib-compressed (what a Flate bomb carries).
fn flate2_like_zeros(n: usize) -> Vec<u8> {
    // A zip entry's Deflate stream is raw deflate; wrap it as zlib (header,
    // data, Adler-32 of zeros) so PDF readers take it.
    let mut raw = Vec::new();
    {
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(&mut raw));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        z.start_file("z", opts).unwrap();
        let chunk = vec![0u8; 1024 * 1024];
        for _ in 0..n / chunk.len() {
            z.write_all(&chunk).unwrap();
        }
        z.finish().unwrap();
    }
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(raw.clone())).unwrap();
    let entry = archive.by_index_raw(0).unwrap();
    let (start, len) = (
        entry.data_start().unwrap() as usize,
        entry.compressed_size() as usize,
    );
    let mut out = vec![0x78, 0x01];
    out.extend_from_slice(&raw[start..start + len]);
    // Adler-32 of n zero bytes: a = 1, b = n mod 65521.
    let b = (n % 65521) as u32;
    out.extend_from_slice(&((b << 16) | 1).to_be_bytes());
    out
}

#[test]
fn pdf_with_a_cyclic_page_tree_and_a_flate_bomb_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "hostile.pdf", hostile_pdf());
    refused_or_found(&["audit"], &p);
    let err = refused_or_found(&["import"], &p);
    assert!(!err.is_empty());
}

/// Randomly damaged published reports (bytes flipped, cut, cells run
/// together, digits and tabs inserted) through the recogniser and every
/// rule: never a panic. `GOVREPORT_DAMAGE_RUNS` raises the count for a
/// longer hunt; CI runs a fixed, repeatable sample.
#[test]
fn damaged_reports_never_panic() {
    let runs: usize = std::env::var("GOVREPORT_DAMAGE_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(150);
    let mut texts: Vec<String> = Vec::new();
    for dir in ["seeds", "published"] {
        for f in std::fs::read_dir(fixture(dir)).unwrap() {
            let p = f.unwrap().path();
            if p.extension().is_some_and(|e| e == "txt") {
                texts.push(std::fs::read_to_string(p).unwrap());
            }
        }
    }
    let today = govreport::model::date::Date::new(2026, 11, 23).unwrap();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let pieces = [
        "\t",
        "\n",
        "0",
        "9",
        "801000081",
        "（",
        "）",
        "、",
        " ",
        "一、",
        "三、",
        "总计",
        "—",
        "\u{c}",
    ];
    let mut panics = Vec::new();
    for i in 0..runs {
        let base = &texts[(next() as usize) % texts.len()];
        let mut chars: Vec<char> = base.chars().collect();
        for _ in 0..1 + next() % 8 {
            if chars.is_empty() {
                break;
            }
            let at = (next() as usize) % chars.len();
            match next() % 5 {
                0 => chars.truncate(at),
                1 => {
                    chars.remove(at);
                }
                2 => {
                    let p = pieces[(next() as usize) % pieces.len()];
                    for (k, c) in p.chars().enumerate() {
                        chars.insert((at + k).min(chars.len()), c);
                    }
                }
                3 => {
                    // Cells run together: drop the separators of a stretch.
                    let end = (at + 200).min(chars.len());
                    chars.splice(
                        at..end,
                        chars[at..end]
                            .iter()
                            .copied()
                            .filter(|c| !c.is_whitespace())
                            .collect::<Vec<_>>(),
                    );
                }
                _ => chars[at] = char::from_u32(0x4e00 + (next() % 0x5000) as u32).unwrap_or('字'),
            }
        }
        let text: String = chars.into_iter().collect();
        let src = govreport::model::source::SourceFile::new(
            "damaged.txt".to_string(),
            Path::new("damaged.txt"),
            text.clone(),
        );
        let ok = std::panic::catch_unwind(|| {
            let _ = govreport::audit::audit(&src, today);
            let rec = govreport::audit::recognise(&src.text);
            let _ = govreport::audit::export::to_toml(&rec, "damaged.txt");
        });
        if ok.is_err() {
            let dump = std::env::temp_dir().join(format!("govreport-damaged-{i}.txt"));
            std::fs::write(&dump, &text).unwrap();
            panics.push(dump);
        }
    }
    assert!(
        panics.is_empty(),
        "{} of {runs} damaged reports panicked: {panics:?}",
        panics.len()
    );
}

/// Damaged PDFs and DOCX files (bytes flipped, cut) through the readers:
/// never a panic.
#[test]
fn damaged_pdf_and_docx_never_panic() {
    let runs: usize = std::env::var("GOVREPORT_DAMAGE_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(150);
    let dir = tempfile::tempdir().unwrap();
    let (docx, _) = render_example(&root().join("examples/full.toml"), "docx", dir.path(), &[]);
    let (pdf, _) = render_example(&root().join("examples/full.toml"), "pdf", dir.path(), &[]);
    let mut files: Vec<(bool, Vec<u8>)> = vec![
        (false, std::fs::read(docx).unwrap()),
        (true, std::fs::read(pdf).unwrap()),
    ];
    for f in std::fs::read_dir(fixture("published")).unwrap() {
        let p = f.unwrap().path();
        if p.extension().is_some_and(|e| e == "pdf") {
            files.push((true, std::fs::read(p).unwrap()));
        }
    }
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut panics = 0;
    for i in 0..runs {
        let (is_pdf, base) = &files[(next() as usize) % files.len()];
        let mut b = base.clone();
        for _ in 0..1 + next() % 16 {
            let at = (next() as usize) % b.len();
            match next() % 3 {
                0 => b.truncate(at.max(1)),
                1 => b[at] = next() as u8,
                _ => b[at] = b"0123456789<>[]()/ \n"[(next() % 19) as usize],
            }
        }
        let ok = std::panic::catch_unwind(|| {
            if *is_pdf {
                let _ = govreport::audit::pdf::text(&b);
            } else {
                let _ = govreport::audit::readers::docx(&b);
            }
        });
        if ok.is_err() {
            panics += 1;
            let _ = std::fs::write(
                std::env::temp_dir().join(format!("govreport-damaged-{i}.bin")),
                &b,
            );
        }
    }
    assert_eq!(
        panics, 0,
        "{panics} of {runs} damaged files panicked (kept in the temp directory)"
    );
}

/// Workbooks from the open web (a unit's mail attachment, a download):
/// a zip bomb inside a sheet, a sheet of a million rows, bytes that only
/// look like a workbook. Each is one finding, exit 1, in bounded time.
#[test]
fn workbook_bombs_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("t.xlsx");
    govreport()
        .args(["init", "-o"])
        .arg(&template)
        .assert()
        .success();
    // Rewrite one part of the template, keeping the rest a valid workbook.
    let with_part = |name: &str, part: &str, body: &[u8]| {
        let mut src = zip::ZipArchive::new(std::fs::File::open(&template).unwrap()).unwrap();
        let path = dir.path().join(name);
        let mut out = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(1));
        for i in 0..src.len() {
            let mut f = src.by_index(i).unwrap();
            let n = f.name().to_string();
            out.start_file(n.as_str(), opts).unwrap();
            if n == part {
                out.write_all(body).unwrap();
            } else {
                std::io::copy(&mut f, &mut out).unwrap();
            }
        }
        out.finish().unwrap();
        path
    };
    // 300 MB of sheet XML from a file of a few hundred KB.
    let mut big = b"<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>".to_vec();
    big.resize(300 * 1024 * 1024, b' ');
    big.extend_from_slice(b"</sheetData></worksheet>");
    let bomb = with_part("bomb.xlsx", "xl/worksheets/sheet4.xml", &big);
    drop(big);
    let err = refused_or_found(&["check"], &bomb);
    assert!(err.contains("GR0013") && err.contains("过大"), "{err}");
    // A sheet of a million (empty-valued) rows.
    let mut rows = String::from(
        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>",
    );
    for r in (1..=1_000_000).step_by(1000) {
        rows.push_str(&format!(
            "<row r=\"{r}\"><c r=\"A{r}\" t=\"inlineStr\"><is><t>x</t></is></c></row>"
        ));
    }
    rows.push_str("</sheetData></worksheet>");
    let tall = with_part("tall.xlsx", "xl/worksheets/sheet4.xml", rows.as_bytes());
    let err = refused_or_found(&["check"], &tall);
    assert!(err.contains("GR0013"), "{err}");
    // One cell at the far corner: calamine would make a grid of 17 billion cells.
    let far = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row></sheetData></worksheet>";
    let corner = with_part("corner.xlsx", "xl/worksheets/sheet4.xml", far.as_bytes());
    let err = refused_or_found(&["check"], &corner);
    assert!(err.contains("GR0013") && err.contains("过大"), "{err}");
    // Not a zip at all, and a zip that is not a workbook.
    let fake = write(dir.path(), "fake.xlsx", "这不是工作簿");
    assert!(refused_or_found(&["check"], &fake).contains("GR0013"));
    let docx = docx_with(dir.path(), "word.xlsx", b"<w:document/>");
    assert!(refused_or_found(&["render"], &docx).contains("GR0013"));
    // One bad workbook never sinks the batch: the good file still renders.
    let good = write(dir.path(), "good.toml", base_text());
    let out = govreport()
        .args(["render", "-f", "txt", "-o"])
        .arg(dir.path().join("out"))
        .arg(&fake)
        .arg(&good)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(dir.path().join("out/good.txt").exists());
}
