//! Throughput of `check` and `render -f txt` per report, on the examples.
//! Run: `cargo bench --bench pipeline` (figures go into the README).
//! Timing lives here, never in tests: tests must not depend on machine speed.

use std::time::Instant;

use govreport::model::date::Date;
use govreport::report::template::{self, Templates};
use govreport::writers::{self, Format, WriteOptions};

fn inputs() -> Vec<(String, String)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut v: Vec<(String, String)> = std::fs::read_dir(root.join("examples"))
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .map(|p| {
                    (
                        p.display().to_string(),
                        std::fs::read_to_string(&p).unwrap(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    if v.is_empty() {
        let p = root.join("tests/fixtures/rules/base.toml");
        v.push((
            p.display().to_string(),
            std::fs::read_to_string(&p).unwrap(),
        ));
    }
    v.sort();
    v
}

/// Runs `f` (which handles `per_call` reports) `n` times; prints per-report figures.
fn measure(name: &str, n: usize, per_call: usize, mut f: impl FnMut()) {
    f(); // warm up
    let t = Instant::now();
    for _ in 0..n {
        f();
    }
    let reports = (n * per_call) as f64;
    let secs = t.elapsed().as_secs_f64();
    println!(
        "{name:<28} {:>10.1} µs/份 {:>10.0} 份/秒",
        secs / reports * 1e6,
        reports / secs
    );
}

fn main() {
    let inputs = inputs();
    let today = Date::new(2026, 11, 23).unwrap();
    let templates = Templates::builtin().unwrap();
    let n = 2000;
    println!("{} 个示例，各 {n} 次（单线程）", inputs.len());
    measure("check (parse + rules)", n, inputs.len(), || {
        for (_, text) in &inputs {
            let parsed = govreport::input::parse(text);
            std::hint::black_box(govreport::rules::check(&parsed, text, today));
        }
    });
    let parsed: Vec<_> = inputs
        .iter()
        .map(|(_, t)| govreport::input::parse(t))
        .collect();
    measure("render txt (template+IR+txt)", n / 4, parsed.len(), || {
        for p in &parsed {
            let doc = template::build(&templates, &p.report).unwrap();
            std::hint::black_box(govreport::writers::txt::render(&doc));
        }
    });
    measure("  of which template+IR", n / 4, parsed.len(), || {
        for p in &parsed {
            std::hint::black_box(template::build(&templates, &p.report).unwrap());
        }
    });
    // Every other available writer, on documents built once.
    let docs: Vec<_> = parsed
        .iter()
        .map(|p| template::build(&templates, &p.report).unwrap())
        .collect();
    let opts = WriteOptions::default();
    for f in Format::ALL.into_iter().filter(|f| *f != Format::Txt) {
        measure(
            &format!("write {} (IR → bytes)", f.ext()),
            n / 4,
            docs.len(),
            || {
                for d in &docs {
                    std::hint::black_box(writers::write(f, d, &opts).unwrap().bytes);
                }
            },
        );
    }
}
