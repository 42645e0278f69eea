//! The project's documentation stands on its own: the rule reference is the
//! registry's (`govreport explain --markdown`), every relative link in the
//! README and `docs/` resolves inside the repository, and nothing points at
//! files a user of the project never has.

use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn rule_reference_is_current() {
    let path = root().join("docs/rules.md");
    let want = govreport::rules::reference_markdown();
    if std::env::var_os("GOVREPORT_BLESS").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/rules.md is not what the registry says; regenerate it with\n  cargo run -- explain --markdown > docs/rules.md"
    );
}

#[test]
fn references_exist() {
    for f in [
        "docs/input-reference.md",
        "docs/cli-reference.md",
        "docs/rules.md",
    ] {
        let text = std::fs::read_to_string(root().join(f)).unwrap_or_default();
        assert!(text.len() > 2000, "{f} is missing or nearly empty");
    }
}

fn files_of_repository() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if name == "target" || name == ".git" || name == "fixtures" || name == "snapshots" {
                continue;
            }
            if p.is_dir() {
                walk(&p, out);
            } else if p
                .extension()
                .is_some_and(|e| matches!(e.to_str(), Some("rs" | "md" | "toml" | "html" | "sh")))
                || name == "run"
            {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(root(), &mut out);
    out
}

#[test]
fn nothing_points_outside_the_repository() {
    let needles = [concat!("../", "shared"), concat!("shared", "/spec")];
    for p in files_of_repository() {
        let text = std::fs::read_to_string(&p).unwrap_or_default();
        for n in needles {
            assert!(
                !text.contains(n),
                "{} mentions {n}: the repository's files must stand on their own",
                p.display()
            );
        }
    }
}

/// Relative Markdown links `](target)` of a file.
fn links(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("](") {
        rest = &rest[i + 2..];
        if let Some(end) = rest.find(')') {
            let target = &rest[..end];
            if !target.contains("://") && !target.starts_with('#') && !target.starts_with("mailto:")
            {
                out.push(target.split('#').next().unwrap_or("").to_string());
            }
        }
    }
    out
}

#[test]
fn markdown_links_resolve_inside_the_repository() {
    let mut docs: Vec<PathBuf> = vec![root().join("README.md"), root().join("CHANGELOG.md")];
    for e in std::fs::read_dir(root().join("docs")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|e| e == "md") {
            docs.push(p);
        }
    }
    for e in std::fs::read_dir(root().join("docs/decisions")).unwrap() {
        docs.push(e.unwrap().path());
    }
    for doc in docs {
        let text = std::fs::read_to_string(&doc).unwrap();
        for link in links(&text) {
            if link.is_empty() {
                continue;
            }
            let target = doc.parent().unwrap().join(&link);
            let canonical = target
                .canonicalize()
                .unwrap_or_else(|_| panic!("{}: link to {link} does not resolve", doc.display()));
            assert!(
                canonical.starts_with(root().canonicalize().unwrap()),
                "{}: link to {link} leaves the repository",
                doc.display()
            );
        }
    }
}
