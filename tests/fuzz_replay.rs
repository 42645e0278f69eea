//! Every input a fuzz target found a crash with, kept in
//! `tests/fixtures/fuzz/<target>/`, replayed on stable by an ordinary
//! `cargo test`: CI guards the fixes without nightly.

mod common;

use common::{fixture, root};

#[test]
fn kept_fuzz_inputs_never_panic() {
    type Target = (&'static str, fn(&[u8]));
    let targets: [Target; 7] = [
        ("agency_toml", govreport::fuzz::agency_toml),
        ("audit_text", govreport::fuzz::audit_text),
        ("audit_html", govreport::fuzz::audit_html),
        ("audit_docx", govreport::fuzz::audit_docx),
        ("audit_pdf", govreport::fuzz::audit_pdf),
        ("workbook", govreport::fuzz::workbook),
        ("profile", govreport::fuzz::profile),
    ];
    let mut replayed = 0;
    for (target, run) in targets {
        let dir = fixture("fuzz").join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries {
            let p = e.unwrap().path();
            let data = std::fs::read(&p).unwrap();
            let ok = std::panic::catch_unwind(|| run(&data));
            assert!(ok.is_ok(), "{target}: {} panics again", p.display());
            replayed += 1;
        }
    }
    // The targets themselves run on the fixtures too: a smoke test that the
    // entry points work on stable.
    govreport::fuzz::agency_toml(&std::fs::read(fixture("rules/base.toml")).unwrap());
    govreport::fuzz::audit_text(&std::fs::read(fixture("rules/GR1003/pass.txt")).unwrap());
    govreport::fuzz::workbook(&std::fs::read(fixture("rules/GR0013/pass.xlsx")).unwrap());
    // profile: byte 0 picks the template replaced (2 = table2.html).
    let style = std::fs::read_to_string(root().join("templates/style.toml")).unwrap();
    let table2 = std::fs::read_to_string(root().join("templates/table2.html")).unwrap();
    let mut input = vec![2u8];
    input.extend(format!("{style}\n%%%\n{table2}").bytes());
    govreport::fuzz::profile(&input);
    eprintln!("{replayed} kept fuzz inputs replayed");
}
