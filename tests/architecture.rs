//! The layout of `src/` as the project's rules for it: the pipeline's layers
//! import downwards only, files stay readable, every module says what it is
//! for, and rules are raised by their registry entry, never by a code string.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Top-level modules from the bottom of the pipeline up. A module may use
/// modules of its own layer or below it, never one above.
const LAYERS: &[&[&str]] = &[
    &["model", "doc", "testgen"],
    &["rules"],
    &["input"],
    &["audit", "report"],
    &["writers"],
    &["app", "store"],
    &["cli", "fuzz", "web"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

fn sources() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "rs") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
    out
}

fn rel(p: &Path) -> String {
    p.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap()
        .display()
        .to_string()
}

/// The top-level module a source file belongs to (`src/rules/gr0301.rs` → `rules`).
fn module_of(p: &Path) -> Option<String> {
    let r = rel(p);
    let mut parts = r.strip_prefix("src/")?.split('/');
    let first = parts.next()?;
    Some(first.trim_end_matches(".rs").to_string())
}

/// A file's code without comment lines and without its `#[cfg(test)]` module.
fn code_of(text: &str) -> String {
    let code = text.split("#[cfg(test)]").next().unwrap_or("");
    code.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every `crate::name` a file uses, by the top-level module named. Text
/// outside `#[cfg(test)]` modules only: tests may reach anywhere.
fn uses(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in code_of(text).lines() {
        let mut rest = line;
        while let Some(i) = rest.find("crate::") {
            rest = &rest[i + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

#[test]
fn layers_import_downwards_only() {
    let mut wrong = Vec::new();
    for p in sources() {
        let Some(me) = module_of(&p) else { continue };
        if matches!(me.as_str(), "lib" | "main") {
            continue;
        }
        let my_layer = layer_of(&me).unwrap_or_else(|| panic!("{me} is in no layer"));
        for used in uses(&std::fs::read_to_string(&p).unwrap()) {
            let Some(l) = layer_of(&used) else {
                panic!("{}: uses crate::{used}, which is in no layer", rel(&p))
            };
            if l > my_layer {
                wrong.push(format!("{} ({me}) uses crate::{used}", rel(&p)));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports up the layers:\n{}",
        wrong.join("\n")
    );
}

/// No circle of files: a file's `crate::a::b` imports, resolved to files.
#[test]
fn files_import_no_circle() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files = sources();
    // Module path (`model::diagnostic`) → file.
    let mut by_path: BTreeMap<String, String> = BTreeMap::new();
    for p in &files {
        let r = p.strip_prefix(&root).unwrap().with_extension("");
        let mut m = r.display().to_string().replace('/', "::");
        if let Some(s) = m.strip_suffix("::mod") {
            m = s.to_string();
        }
        by_path.insert(m, rel(p));
    }
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for p in &files {
        let text = std::fs::read_to_string(p).unwrap();
        let code = code_of(&text);
        let me = rel(p);
        // This file's module path, and the module `super::` names from it.
        let my_path = by_path
            .iter()
            .find(|(_, f)| **f == me)
            .map(|(m, _)| m.clone())
            .unwrap();
        let is_mod_file = p
            .file_name()
            .is_some_and(|n| n == "mod.rs" || n == "lib.rs");
        let mut parent: Vec<&str> = my_path.split("::").collect();
        if !is_mod_file {
            parent.pop();
        }
        let parent_of_mod: Vec<&str> = {
            let mut v = parent.clone();
            v.pop();
            v
        };
        let edges = graph.entry(me.clone()).or_default();
        for (prefix, base) in [
            ("crate::", Vec::new()),
            ("super::", if is_mod_file { parent_of_mod } else { parent }),
        ] {
            let mut rest = code.as_str();
            while let Some(i) = rest.find(prefix) {
                // `crate::` inside `$crate::` or a longer name is not ours.
                let before = rest[..i].chars().last();
                rest = &rest[i + prefix.len()..];
                if before
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$' || c == ':')
                {
                    continue;
                }
                let path: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':')
                    .collect();
                let mut segs: Vec<String> = base.iter().map(|s| s.to_string()).collect();
                segs.extend(
                    path.split("::")
                        .filter(|s| !s.is_empty())
                        .map(str::to_string),
                );
                // The longest module prefix that is a file.
                for n in (1..=segs.len()).rev() {
                    if let Some(f) = by_path.get(&segs[..n].join("::")) {
                        if *f != me {
                            edges.insert(f.clone());
                        }
                        break;
                    }
                }
            }
        }
    }
    // Depth-first search for a back edge.
    fn visit(
        n: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(n.to_string(), 1);
        stack.push(n.to_string());
        for m in g.get(n).into_iter().flatten() {
            match state.get(m.as_str()).copied().unwrap_or(0) {
                1 => {
                    let i = stack.iter().position(|s| s == m).unwrap();
                    let mut c = stack[i..].to_vec();
                    c.push(m.clone());
                    return Some(c);
                }
                0 => {
                    if let Some(c) = visit(m, g, state, stack) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(n.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in graph.keys() {
        if state.get(n.as_str()).copied().unwrap_or(0) == 0 {
            let mut stack = Vec::new();
            if let Some(c) = visit(n, &graph, &mut state, &mut stack) {
                panic!("files import each other in a circle: {}", c.join(" → "));
            }
        }
    }
}

#[test]
fn source_files_are_short_and_say_what_they_are_for() {
    for p in sources() {
        let text = std::fs::read_to_string(&p).unwrap();
        let lines = text.lines().count();
        assert!(lines <= 600, "{} has {lines} lines (at most 600)", rel(&p));
        assert!(
            text.starts_with("//!"),
            "{} does not open with a //! comment saying what it is for",
            rel(&p)
        );
    }
}

#[test]
fn rules_are_raised_by_their_registry_entry() {
    for p in sources() {
        let text = std::fs::read_to_string(&p).unwrap();
        let mut rest = text.as_str();
        while let Some(i) = rest.find("Diagnostic::new(") {
            rest = &rest[i + "Diagnostic::new(".len()..];
            assert!(
                !rest.trim_start().starts_with('"'),
                "{}: a rule raised by its code string; use Diagnostic::new(&RULE, …)",
                rel(&p)
            );
        }
        for stub in ["AVAILABLE: bool", "fn available("] {
            assert!(
                !text.contains(stub),
                "{}: no format switches left from the stub days ({stub})",
                rel(&p)
            );
        }
    }
}
