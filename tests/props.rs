//! Property tests: the arithmetic of table 三/四 and Chinese line breaking.

use govreport::model::date::Date;
use govreport::model::{T3_OUTCOMES, T3_ROWS, T4_ROWS};
use govreport::writers::layout::linebreak::{break_lines, no_line_end, no_line_start};
use proptest::prelude::*;

/// A consistent table 三 (every row with its stated 总计, plus a stated （七）总计)
/// and table 四 (with stated totals), as a complete agency file.
fn consistent_file(
    outcomes: &[[u64; 6]],
    carried_over: [u64; 6],
    forward: [u64; 6],
    reviews: &[[u64; 4]],
) -> String {
    let mut rows = vec![[0u64; 6]; 24];
    for (i, r) in outcomes.iter().enumerate() {
        rows[T3_OUTCOMES.start + i] = *r;
    }
    let mut received = [0u64; 6];
    for c in 0..6 {
        let out: u64 = outcomes.iter().map(|r| r[c]).sum();
        // received + carried_over = outcomes + forward; keep carried_over ≤ that.
        let co = carried_over[c].min(out + forward[c]);
        rows[1][c] = co;
        received[c] = out + forward[c] - co;
    }
    rows[0] = received;
    rows[23] = forward;
    let fmt = |r: &[u64; 6]| {
        let sum: u64 = r.iter().sum();
        format!(
            "[{}, {sum}]",
            r.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")
        )
    };
    let base = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/rules/base.toml"
    ))
    .unwrap();
    // Keep everything before [requests] from the base file, then write tables 三/四 fully.
    // The base narrative states 2 applications; generated tables have others.
    let base = base.replace(
        "全年收到政府信息公开申请2件，均已按时办结。",
        "全年收到的政府信息公开申请均已按时办结。",
    );
    let head = &base[..base.find("[requests]").unwrap()];
    let tail = &base[base.find("[problems]").unwrap()..];
    let mut s = String::from(head);
    let mut current = String::new();
    // Keys of [requests] itself must precede its sub-tables.
    let mut order: Vec<usize> = (0..24).collect();
    order.sort_by_key(|&i| T3_ROWS[i].path.matches('.').count());
    for (def, row) in order.iter().map(|&i| (&T3_ROWS[i], &rows[i])) {
        let (table, key) = def.path.rsplit_once('.').unwrap();
        if table != current {
            s.push_str(&format!("\n[{table}]\n"));
            current = table.to_string();
        }
        s.push_str(&format!("{key} = {}\n", fmt(row)));
        if def.path == "requests.outcomes.partially_disclosed" {
            let mut total = [0u64; 7];
            for r in outcomes {
                for c in 0..6 {
                    total[c] += r[c];
                    total[6] += r[c];
                }
            }
            s.push_str(&format!(
                "total = [{}]\n",
                total
                    .iter()
                    .map(u64::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    s.push_str("\n[reviews]\n");
    for ((path, _), r) in T4_ROWS.iter().zip(reviews) {
        let sum: u64 = r.iter().sum();
        s.push_str(&format!(
            "{} = [{}, {sum}]\n",
            path.rsplit('.').next().unwrap(),
            r.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")
        ));
    }
    s.push('\n');
    s.push_str(tail);
    s
}

/// Outcome rows, 本年新收, 上年结转 and table 四's rows.
type Tables = (Vec<[u64; 6]>, [u64; 6], [u64; 6], Vec<[u64; 4]>);

fn table_strategy() -> impl Strategy<Value = Tables> {
    (
        prop::collection::vec(prop::array::uniform6(0u64..40), 21),
        prop::array::uniform6(0u64..30),
        prop::array::uniform6(0u64..30),
        prop::collection::vec(prop::array::uniform4(0u64..20), 3),
    )
}

/// The paths of every number of tables 三 and 四 in the generated file.
fn number_paths() -> Vec<String> {
    let mut v = Vec::new();
    for def in T3_ROWS {
        for i in 0..7 {
            v.push(format!("{}[{i}]", def.path));
        }
    }
    for i in 0..7 {
        v.push(format!("requests.outcomes.total[{i}]"));
    }
    for (p, _) in T4_ROWS {
        for i in 0..5 {
            v.push(format!("{p}[{i}]"));
        }
    }
    v
}

fn today() -> Date {
    Date::new(2026, 11, 23).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn consistent_tables_check_clean((o, co, f, r) in table_strategy()) {
        let text = consistent_file(&o, co, f, &r);
        let parsed = govreport::input::parse(&text);
        let d = govreport::rules::check(&parsed, &text, today());
        prop_assert!(d.is_empty(), "{:?}\n{}", d, text);
    }

    #[test]
    fn changing_any_cell_points_at_it((o, co, f, r) in table_strategy(), which in 0usize..(24 * 7 + 7 + 15), delta in 1u64..5) {
        let text = consistent_file(&o, co, f, &r);
        let parsed = govreport::input::parse(&text);
        let path = &number_paths()[which];
        let span = parsed.spans.value(path).expect("span of every number");
        let old: u64 = text[span.clone()].parse().unwrap();
        let changed = format!("{}{}{}", &text[..span.start], old + delta, &text[span.end..]);
        let parsed = govreport::input::parse(&changed);
        let span = parsed.spans.value(path).unwrap();
        let d = govreport::rules::check(&parsed, &changed, today());
        prop_assert!(
            d.iter().any(|d| d.is_error() && d.span.as_ref().is_some_and(|s| s.start <= span.start && span.end <= s.end)),
            "changing {} gave {:?}", path, d
        );
    }
}

fn chinese_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "政",
        "府",
        "信",
        "息",
        "公",
        "开",
        "，",
        "。",
        "、",
        "；",
        "：",
        "？",
        "！",
        "（",
        "）",
        "《",
        "》",
        "“",
        "”",
        "2024",
        "0517-87222589",
        "www.gov.cn",
        " ",
        "……",
        "——",
        "A",
        "件",
    ]);
    prop::collection::vec(pieces, 0..120).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn line_breaking_respects_kinsoku(text in chinese_text(), max in 4u32..40) {
        use unicode_width::UnicodeWidthStr;
        let max = max as f32;
        let lines = break_lines(&text, max, |s| s.width() as f32);
        // Lines cover the text exactly, in order.
        let joined: String = lines.iter().map(|r| &text[r.clone()]).collect();
        prop_assert_eq!(&joined, &text);
        for (i, r) in lines.iter().enumerate() {
            let line = &text[r.clone()];
            let trimmed = line.trim_end();
            prop_assert!(!line.is_empty());
            let first = line.chars().next().unwrap();
            if i > 0 {
                prop_assert!(!no_line_start(first), "line {} starts with {:?}: {:?}", i, first, lines.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>());
            }
            if i + 1 < lines.len() {
                let last = trimmed.chars().last().unwrap_or(' ');
                prop_assert!(!no_line_end(last), "line {} ends with {:?}", i, last);
            }
            // Overfull only when a single unbreakable cluster is itself wider.
            let w = trimmed.width() as f32;
            if w > max {
                // Overfull only if there was no legal place to break inside it.
                let chars: Vec<char> = trimmed.chars().collect();
                let word = |c: char| c.is_ascii_graphic();
                // Compare each character with the last non-space one before it.
                let mut prev: Option<char> = None;
                let mut legal = false;
                for &c in &chars {
                    if let Some(p) = prev
                        && c != ' '
                        && !no_line_end(p)
                        && !no_line_start(c)
                        && !(word(p) && word(c))
                    {
                        legal = true;
                    }
                    if c != ' ' {
                        prev = Some(c);
                    }
                }
                prop_assert!(!legal, "overfull line {:?} (max {})", trimmed, max);
            }
        }
    }
}

/// Any text a user may type or paste — control characters, NUL,
/// noncharacters, private use, rare scripts — into the name, the contact
/// line, a narrative field or an `[extra]` value.
fn wild_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just('\u{0}'),
            Just('\u{b}'),
            Just('\u{1b}'),
            Just('\u{7f}'),
            Just('\u{85}'),
            Just('\u{fffe}'),
            Just('\u{e000}'),
            Just('\u{2028}'),
            Just('\n'),
            Just('<'),
            Just('&'),
            Just('"'),
            Just('{'),
            proptest::char::range('\u{4e00}', '\u{4e80}'),
            any::<char>(),
        ],
        1..24,
    )
    .prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// `check` passes ⇒ every format renders.
    #[test]
    fn check_passes_then_render_succeeds(name in wild_text(), contact in wild_text(), prose in wild_text(), extra in wild_text()) {
        use govreport::model::quote::toml_string;
        let base = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/qijiang-sifaju-2024.toml")).unwrap();
        let text = base
            .replacen("name = \"重庆市綦江区司法局\"", &format!("name = {}", toml_string(&format!("重庆市{name}司法局"))), 1)
            .replacen("level = \"department\"", &format!("level = \"department\"\ncontact = {}", toml_string(&contact)), 1)
            .replacen("全年收到政府信息公开申请1件", &format!("全年收到政府信息公开申请1件{}", prose.replace(['"', '\\', '\n'], "")), 1)
            + &format!("\n[extra]\nnote = {}\n", toml_string(&extra));
        let parsed = govreport::input::parse(&text);
        let today = Date::new(2025, 1, 20).unwrap();
        let diags = govreport::rules::check(&parsed, &text, today);
        prop_assume!(!diags.iter().any(|d| d.is_error()));
        let templates = govreport::report::template::Templates::builtin().unwrap();
        let doc = govreport::report::template::build(&templates, &parsed.report);
        prop_assert!(doc.is_ok(), "build failed: {:?}", doc.err().map(|e| e.to_string()));
        let doc = doc.unwrap();
        for f in govreport::writers::Format::ALL {
            let w = govreport::writers::write(f, &doc, &Default::default());
            prop_assert!(w.is_ok(), "{f:?}: {:?}", w.err());
        }
    }
}

/// The text `render -f txt` writes for an agency file, built by the library.
fn rendered_txt(toml: &str) -> String {
    let report = govreport::input::parse(toml).report;
    let doc = govreport::report::template::build(
        &govreport::report::template::Templates::builtin().unwrap(),
        &report,
    )
    .unwrap();
    govreport::writers::txt::render(&doc)
}

/// The cells of a line of our text tables (`| 规章 | 0 |`), trimmed; the
/// inner rules of a header (`+----+`) are no text.
fn grid_cells(line: &str) -> Option<Vec<String>> {
    let t = line.trim();
    if !t.starts_with('|') {
        return None;
    }
    let cells: Vec<String> = t
        .trim_matches('|')
        .split('|')
        .map(|c| {
            let c = c.trim();
            if c.chars().all(|x| matches!(x, '+' | '-' | ' ')) {
                String::new()
            } else {
                c.to_string()
            }
        })
        .collect();
    Some(cells)
}

/// A rendered report flattened as sites give it: `tabs` (tables copied as
/// tab-separated rows, as a browser copies them), `markdown` (`## ` part
/// headings, `| … |` tables with their rule line), the compact pipe forms
/// converters and page stores give — `compact` (`|26|||26|`, rule line),
/// `bare` (rows without outer pipes, `26 |  | 26`, rule line), `norule`
/// (`| 26 | | 26 |`, no rule line and no `#` heading), `cells` (one cell a
/// line ending ` |`, an empty cell and each row's start a lone `|`) — or
/// `line` (the body on one line after the title). With `blank`, the zeros
/// of the five 法人 columns of table 三 are left empty, as many pages print
/// them.
fn flattened(plain: &str, form: &str, blank: bool) -> String {
    let border = |l: &str| {
        let t = l.trim();
        !t.is_empty() && t.chars().all(|c| matches!(c, '+' | '-'))
    };
    if form == "line" {
        let lines: Vec<&str> = plain.lines().filter(|l| !border(l)).collect();
        let title_end = lines
            .iter()
            .position(|l| l.contains("年度报告"))
            .map_or(0, |i| i + 1);
        let body: Vec<&str> = lines[title_end..]
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .collect();
        return format!("{}\n{}\n", lines[..title_end].join("\n"), body.join(" "));
    }
    let mut out: Vec<String> = Vec::new();
    let mut in_table = false;
    for line in plain.lines() {
        if border(line) {
            continue;
        }
        let Some(mut cells) = grid_cells(line) else {
            let t = line.trim();
            let part = ["一、", "二、", "三、", "四、", "五、", "六、"]
                .iter()
                .any(|p| t.starts_with(p));
            if part && matches!(form, "markdown" | "compact" | "bare") {
                out.push(format!("## {t}"));
            } else {
                out.push(line.to_string());
            }
            in_table = false;
            continue;
        };
        if cells.iter().all(String::is_empty) {
            continue;
        }
        let figures: Vec<usize> = (0..cells.len())
            .filter(|&i| !cells[i].is_empty() && cells[i].bytes().all(|b| b.is_ascii_digit()))
            .collect();
        if blank && figures.len() == 7 {
            for &i in &figures[1..6] {
                if cells[i] == "0" {
                    cells[i].clear();
                }
            }
        }
        let rule = match form {
            "tabs" => {
                out.push(cells.join("\t"));
                continue;
            }
            "cells" => {
                out.push("|".into());
                out.extend(cells.iter().map(|c| {
                    if c.is_empty() {
                        "|".to_string()
                    } else {
                        format!("{c} |")
                    }
                }));
                continue;
            }
            "markdown" => {
                out.push(format!("| {} |", cells.join(" | ")));
                format!("|{}", "---|".repeat(cells.len()))
            }
            "compact" => {
                out.push(format!("|{}|", cells.join("|")));
                format!("|{}", "---|".repeat(cells.len()))
            }
            "bare" => {
                out.push(cells.join(" | "));
                vec!["---"; cells.len()].join("|")
            }
            _ => {
                let c: Vec<String> = cells
                    .iter()
                    .map(|c| {
                        if c.is_empty() {
                            " ".into()
                        } else {
                            format!(" {c} ")
                        }
                    })
                    .collect();
                out.push(format!("|{}|", c.join("|")));
                in_table = true;
                continue;
            }
        };
        if !in_table {
            out.push(rule);
        }
        in_table = true;
    }
    out.join("\n") + "\n"
}

/// Every form `flattened` gives but the reference `tabs`.
const FORMS: [&str; 6] = ["markdown", "compact", "bare", "norule", "cells", "line"];

/// Findings as a reader compares them: severity, code, message.
fn audited(name: &str, text: &str) -> Vec<String> {
    let src = govreport::model::source::SourceFile::new(
        name.to_string(),
        std::path::Path::new(name),
        text.to_string(),
    );
    let (_, d) = govreport::audit::audit(&src, today());
    let mut v: Vec<String> = d
        .iter()
        .map(|x| format!("{:?} {} {}", x.severity, x.code, x.message))
        .collect();
    v.sort();
    v
}

/// Issue 27 item 9: every example, rendered to text and flattened to
/// tab-separated, Markdown and one-line forms, audits with exactly the
/// findings of its plain text.
#[test]
fn every_text_form_of_a_rendered_example_audits_like_its_plain_text() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_none_or(|x| x != "toml") {
            continue;
        }
        n += 1;
        let plain = rendered_txt(&std::fs::read_to_string(&p).unwrap());
        let want = audited("plain.txt", &plain);
        for form in std::iter::once("tabs").chain(FORMS) {
            let text = flattened(&plain, form, false);
            assert_eq!(
                audited("form.txt", &text),
                want,
                "{} as {form}:\n{text}",
                p.display()
            );
        }
        // Empty cells: in every pipe form, what they are in tab-separated
        // rows (one GR1006 for the table, nothing invented). The compact
        // pipe forms lost them (`26 |  | 26` without outer pipes, rows
        // without a rule line, one cell a line) and invented GR0302 errors.
        let tabbed = flattened(&plain, "tabs", true);
        let want = audited("tabs.txt", &tabbed);
        assert!(
            !want.iter().any(|f| f.contains("GR030")),
            "{}: {want:?}",
            p.display()
        );
        for form in FORMS.iter().filter(|f| **f != "line") {
            let text = flattened(&plain, form, true);
            assert_eq!(
                audited("form.txt", &text),
                want,
                "{} as {form} with empty cells:\n{text}",
                p.display()
            );
        }
    }
    assert!(n >= 7, "{n} examples");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Any consistent tables, rendered and flattened to any form, audit
    /// with the findings of the plain text.
    #[test]
    fn text_forms_audit_alike((o, co, f, r) in table_strategy(), form in prop::sample::select(FORMS.to_vec())) {
        let plain = rendered_txt(&consistent_file(&o, co, f, &r));
        let want = audited("plain.txt", &plain);
        let text = flattened(&plain, form, false);
        prop_assert_eq!(audited("form.txt", &text), want, "{}:\n{}", form, text);
    }

    /// Any consistent tables with the 法人 zeros left empty: every pipe
    /// form audits as the tab-separated rows do.
    #[test]
    fn empty_cells_of_any_pipe_form_are_empty_cells((o, co, f, r) in table_strategy(), form in prop::sample::select(FORMS[..5].to_vec())) {
        let plain = rendered_txt(&consistent_file(&o, co, f, &r));
        let want = audited("tabs.txt", &flattened(&plain, "tabs", true));
        let text = flattened(&plain, form, true);
        prop_assert_eq!(audited("form.txt", &text), want, "{}:\n{}", form, text);
    }
}
