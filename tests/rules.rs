//! Every rule has a failing and a passing fixture in tests/fixtures/rules/CODE/;
//! each fixture names the codes it must produce in `# expect:` comments.

use std::collections::BTreeSet;
use std::path::Path;

use govreport::app::Options;
use govreport::app::run::{Loaded, Run};
use govreport::model::date::Date;
use govreport::model::diagnostic::{self, Diagnostic};
use govreport::model::source::SourceFile;
use govreport::rules::{self, RULES};

/// The codes a fixture names in its `# expect:` comments.
fn expected_codes(path: &Path) -> BTreeSet<String> {
    // A binary fixture (a workbook) names its codes in `NAME.expect` beside it.
    let sidecar = path.with_file_name(format!(
        "{}.expect",
        path.file_name().unwrap().to_string_lossy()
    ));
    if sidecar.exists() {
        return std::fs::read_to_string(sidecar)
            .unwrap()
            .split([',', '\n'])
            .map(|s| s.trim().to_string())
            .filter(|s| s.starts_with("GR"))
            .collect();
    }
    let bytes = std::fs::read(path).unwrap();
    String::from_utf8_lossy(&bytes)
        .lines()
        .filter_map(|l| l.trim_start_matches('\u{feff}').strip_prefix("# expect:"))
        .flat_map(|rest| rest.split(',').map(|s| s.trim().to_string()))
        .filter(|s| s.starts_with("GR"))
        .collect()
}

/// Every finding on a fixture, with the source it points into (named by
/// the fixture's file name, so snapshots do not depend on the checkout).
fn findings(path: &Path) -> (SourceFile, Vec<Diagnostic>) {
    let bytes = std::fs::read(path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let today = Date::new(2026, 11, 23).unwrap();
    // `NAME.previous.toml` beside a fixture is last year's file for it.
    let prev_path = path.with_extension("previous.toml");
    let prev = prev_path.exists().then(|| {
        let text = std::fs::read_to_string(&prev_path).unwrap();
        govreport::input::parse(&text).report
    });
    // Audit rules read a published text.
    if path.extension().is_some_and(|e| e == "txt") {
        let src = SourceFile::new(name, path, String::from_utf8(bytes).unwrap());
        let (_, diags) = govreport::audit::audit(&src, today);
        return (src, diags);
    }
    let workbook = govreport::input::workbook::is_workbook(path);
    match SourceFile::from_bytes(name.clone(), path, bytes.clone()) {
        // Not UTF-8 (GR0001) or a workbook (GR0013): raised where files are
        // read for a run, so read it the way a run does.
        Err(_) => load_as_a_run_does(path, name),
        Ok(_) if workbook => load_as_a_run_does(path, name),
        Ok(src) => {
            let parsed = govreport::input::parse(&src.text);
            let previous = prev.as_ref().map(|report| rules::Previous {
                report,
                name: "previous.toml",
            });
            let diags = rules::check_with(&parsed, &src.text, today, previous, &config_for(path));
            (src, diags)
        }
    }
}

fn load_as_a_run_does(path: &Path, name: String) -> (SourceFile, Vec<Diagnostic>) {
    let run = Run::new(&Options::default()).unwrap();
    match run.load(path) {
        Loaded::Ok(c) => {
            let mut src = c.source;
            src.name = name;
            (src, c.diagnostics)
        }
        Loaded::Unreadable(e) => panic!("{e}"),
    }
}

fn codes_of(path: &Path) -> (BTreeSet<String>, BTreeSet<String>) {
    let (_, diags) = findings(path);
    (
        expected_codes(path),
        diags.into_iter().map(|d| d.code.to_string()).collect(),
    )
}

/// Profile settings a fixture asks for in `# config:` comments
/// (`local_deadline=2025-01-25`, `extra=column_url`).
fn config_for(path: &Path) -> rules::Config {
    let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
    let mut c = rules::Config {
        profile_name: "fixture".into(),
        ..Default::default()
    };
    for l in text.lines().filter_map(|l| l.strip_prefix("# config:")) {
        let (k, v) = l.trim().split_once('=').unwrap();
        match k {
            "local_deadline" => c.local_deadline = Date::parse(v),
            "extra" => c
                .required_extra
                .push((v.to_string(), "附加字段".to_string())),
            _ => panic!("unknown config {k}"),
        }
    }
    c
}

#[test]
fn every_rule_has_fixtures_that_behave() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
    // GR0000 is the program's own failure: tests/batch.rs provokes it.
    for rule in RULES.iter().filter(|r| r.code != "GR0000") {
        let dir = root.join(rule.code);
        let ext = if rule.applies == rules::Applies::Published {
            "txt"
        } else if rule.code == "GR0013" {
            "xlsx"
        } else {
            "toml"
        };
        for (name, must_contain) in [
            (format!("fail.{ext}"), true),
            (format!("pass.{ext}"), false),
        ] {
            let name = name.as_str();
            let path = dir.join(name);
            assert!(path.exists(), "{} has no {name}", rule.code);
            let (expected, found) = codes_of(&path);
            assert_eq!(found, expected, "{}", path.display());
            assert_eq!(
                expected.contains(rule.code),
                must_contain,
                "{}",
                path.display()
            );
        }
    }
}

#[test]
fn base_fixture_is_clean() {
    let (_, found) =
        codes_of(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules/base.toml"));
    assert!(found.is_empty(), "{found:?}");
}

/// What a user sees for each rule, in the style of ruff's and cargo's rule
/// snapshots: the human diagnostics of the rule on its failing fixture.
/// Review every diff (`cargo insta review`).
#[test]
fn each_rule_reads_well_on_its_failing_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
    for rule in RULES.iter().filter(|r| r.code != "GR0000") {
        let dir = root.join(rule.code);
        let path = ["fail.toml", "fail.txt", "fail.xlsx"]
            .iter()
            .map(|n| dir.join(n))
            .find(|p| p.exists())
            .unwrap();
        let (src, diags) = findings(&path);
        let shown: Vec<String> = diags
            .iter()
            .filter(|d| d.code == rule.code)
            .map(|d| diagnostic::render_human(&src, d))
            .collect();
        assert!(
            !shown.is_empty(),
            "{} raises nothing on its fixture",
            rule.code
        );
        insta::assert_snapshot!(format!("rule-{}", rule.code), shown.join("\n\n"));
    }
}

/// Every rule is checked by a function of the registry, except some about
/// the input file itself (raised while reading it): the rules of a
/// published report's form (the GR10xx) judge it as read, the others the
/// model; where a rule applies is a field of the registry.
#[test]
fn every_rule_has_its_check_function() {
    for rule in RULES {
        let about_the_file = rule.code.starts_with("GR00");
        let published_form = rule.applies == rules::Applies::Published;
        assert_eq!(
            published_form,
            rule.code.starts_with("GR10"),
            "{}",
            rule.code
        );
        assert_eq!(
            rule.audit.is_some(),
            published_form,
            "{}: audit function",
            rule.code
        );
        // GR00xx: raised while reading, or checked on the model (GR0008).
        if !about_the_file {
            assert_eq!(
                rule.check.is_some(),
                !published_form,
                "{}: check function",
                rule.code
            );
        }
    }
}
