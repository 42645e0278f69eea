//! Unit tests of the reader's parts on small texts: the TOML-level guards
//! (`syntax`), single values (`values`) and whole sections (`sections`).
//! Whole-file behaviour is tested through the rules' fixtures.

use super::parse;

fn base() -> &'static str {
    include_str!("../../tests/fixtures/rules/base.toml")
}

fn codes(text: &str) -> Vec<&'static str> {
    parse(text).diagnostics.iter().map(|d| d.code).collect()
}

#[test]
fn base_fixture_reads_without_findings() {
    let p = parse(base());
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
    assert!(!p.syntax_error && p.broken.is_empty());
    assert!(!p.report.agency.name.is_empty());
}

#[test]
fn absurd_nesting_is_refused_before_the_parser_recurses() {
    let text = format!("x = {}", "[".repeat(100_000));
    let p = parse(&text);
    assert!(p.syntax_error);
    assert_eq!(codes(&text), ["GR0002"]);
    // Brackets inside strings and comments do not count.
    let quoted = format!("# {}\n{}", "[".repeat(100), base());
    assert!(!parse(&quoted).syntax_error);
}

#[test]
fn parser_messages_are_reworded() {
    let p = parse("name = 某某局\n");
    assert!(p.syntax_error);
    let d = &p.diagnostics[0];
    assert_eq!(d.code, "GR0002");
    assert!(!d.message.is_ascii(), "{}", d.message);
    assert!(d.help.is_some());
}

#[test]
fn a_quoted_number_is_a_type_error_located_at_the_value() {
    let text = base().replacen("licensing = 15", "licensing = \"90\"", 1);
    assert_ne!(text, base(), "base.toml has licensing = 15");
    let p = parse(&text);
    let d = p
        .diagnostics
        .iter()
        .find(|d| d.code == "GR0004")
        .expect("GR0004");
    let span = d.span.clone().unwrap();
    assert_eq!(&text[span], "\"90\"");
    assert!(p.broken.contains("proactive"));
}

#[test]
fn a_negative_count_marks_its_section_broken() {
    let text = base().replacen("licensing = 15", "licensing = -3", 1);
    let p = parse(&text);
    assert!(codes(&text).contains(&"GR0006"), "{:?}", codes(&text));
    assert!(p.broken.contains("proactive"));
    assert!(!p.broken.contains("requests"));
}

#[test]
fn unknown_keys_get_the_nearest_valid_key() {
    let text = base().replacen("licensing = 15", "licencing = 15", 1);
    let p = parse(&text);
    let d = p
        .diagnostics
        .iter()
        .find(|d| d.code == "GR0003")
        .expect("GR0003");
    assert!(
        d.help.as_deref().unwrap_or("").contains("licensing"),
        "{d:?}"
    );
}

#[test]
fn money_keeps_its_decimals_as_written() {
    let text = base().replacen("fees = 0", "fees = 12.50", 1);
    assert_ne!(text, base(), "base.toml has fees = 0");
    let p = parse(&text);
    assert_eq!(p.report.proactive.fees.text, "12.50");
}

#[test]
fn agency_identity_reads_name_and_year_only() {
    let (name, year) = super::agency_identity(base()).unwrap();
    let p = parse(base());
    assert_eq!(
        (name.as_str(), year),
        (p.report.agency.name.as_str(), p.report.agency.year)
    );
    assert_eq!(super::agency_identity("[agency]\nname = 3"), None);
    assert_eq!(super::agency_identity("not toml ["), None);
}
