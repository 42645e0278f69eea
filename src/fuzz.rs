//! The entry points the fuzz targets (`fuzz/`) and the replay of their kept
//! inputs (`tests/fuzz_replay.rs`) share: each takes arbitrary bytes through
//! one reader and everything after it. Any panic is a bug.

use crate::model::date::Date;
use crate::model::source::SourceFile;
use crate::report::profile::Profile;
use crate::report::template::{self, BUILTIN, Templates};
use crate::{audit, input, rules, writers};

/// A fixed day, so a kept input replays the same way on any date.
fn today() -> Date {
    Date::parse("2026-11-23").unwrap_or_else(Date::today)
}

/// agency.toml → parse → every rule → templates → IR → txt.
pub fn agency_toml(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = input::parse(text);
    let diags = rules::check(&parsed, text, today());
    if parsed.syntax_error || diags.iter().any(|d| d.is_error()) {
        return;
    }
    let Ok(t) = Templates::builtin() else { return };
    if let Ok(doc) = template::build(&t, &parsed.report) {
        let _ = writers::write(
            writers::Format::Txt,
            &doc,
            &writers::WriteOptions::default(),
        );
    }
}

/// Published text → recogniser → rules, and `import`'s export.
fn published(text: String) {
    let src = SourceFile::new(
        "fuzz.txt".to_string(),
        std::path::Path::new("fuzz.txt"),
        text,
    );
    let _ = audit::audit(&src, today());
    let rec = audit::recognise(&src.text);
    let _ = audit::export::to_toml(&rec, "fuzz.txt");
}

pub fn audit_text(data: &[u8]) {
    published(String::from_utf8_lossy(data).into_owned());
}

pub fn audit_html(data: &[u8]) {
    if let Ok(text) = audit::readers::html(data) {
        published(text);
    }
}

pub fn audit_docx(data: &[u8]) {
    if let Ok(text) = audit::readers::docx(data) {
        published(text);
    }
}

pub fn audit_pdf(data: &[u8]) {
    if let Ok(text) = audit::pdf::text(data) {
        published(text);
    }
}

/// A fill-in workbook (.xlsx/.xls/.ods bytes) → its agency-file text →
/// parse → every rule → templates → IR → txt: `check` and `render` on it.
pub fn workbook(data: &[u8]) {
    // libFuzzer's panic hook aborts on every panic, even one the reader
    // catches (calamine's .xls reader panics on damaged files; the reader
    // turns that into a GR0013 finding). A silent hook keeps the caught ones
    // quiet; a panic that escapes still aborts in libfuzzer-sys's wrapper.
    #[cfg(fuzzing)]
    {
        static QUIET: std::sync::Once = std::sync::Once::new();
        QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    }
    if let Ok(read) = input::workbook::read(data) {
        agency_toml(read.text.as_bytes());
    }
}

/// A provincial profile: `style.toml` text and one template override →
/// profile load (its checks, a sample render) → the complete example with
/// that profile → txt, html, docx, and pdf when the fonts are the built-in
/// choice (other font names would each load a new font set). The first byte
/// picks the template replaced (or none); `\n%%%\n` separates the two texts.
pub fn profile(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let (style, template) = text.split_once("\n%%%\n").unwrap_or((&text, ""));
    let mut overrides = Vec::new();
    if let Some((name, _)) = BUILTIN.get(pick as usize % (BUILTIN.len() + 1)) {
        overrides.push((name.to_string(), template.to_string()));
    }
    let dir = std::path::Path::new("fuzz-profile");
    let src = SourceFile::new(
        "style.toml".to_string(),
        dir.join("style.toml"),
        style.to_string(),
    );
    let Ok(profile) = Profile::from_sources(dir, Some(&src), overrides) else {
        return;
    };
    let mut report = input::parse(include_str!("../examples/full.toml")).report;
    for (key, what) in &profile.required_extra {
        report
            .extra
            .insert(key.clone(), serde_json::Value::String(what.clone()));
    }
    let Ok(doc) = profile.build(&report) else {
        return;
    };
    let opts = writers::WriteOptions {
        style: profile.style.clone(),
        ..Default::default()
    };
    let mut formats = vec![
        writers::Format::Txt,
        writers::Format::Html,
        writers::Format::Docx,
    ];
    if profile.style.fonts == crate::doc::style::Fonts::default() {
        formats.push(writers::Format::Pdf);
    }
    for format in formats {
        let _ = writers::write(format, &doc, &opts);
    }
}
