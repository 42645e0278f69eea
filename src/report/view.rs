//! The model as templates see it: figures as strings exactly as printed,
//! narrative split into paragraphs, totals computed.

use serde_json::{Map, Value, json};

use crate::model::*;

/// Splits narrative into paragraphs: a blank line separates paragraphs; a
/// single line break inside a paragraph joins (without a space between 汉字).
/// Control characters, which no document format can carry, are dropped.
pub fn paragraphs(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, out: &mut Vec<String>| {
        if !current.is_empty() {
            out.push(std::mem::take(current));
        }
    };
    for line in text.split('\n') {
        let line: String = line
            .chars()
            .map(|c| if c == '\t' { ' ' } else { c })
            .filter(|c| !unprintable(*c))
            .collect();
        let line = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
        if line.is_empty() {
            flush(&mut current, &mut out);
            continue;
        }
        if let (Some(a), Some(b)) = (current.chars().last(), line.chars().next())
            && a.is_ascii_alphanumeric()
            && b.is_ascii_alphanumeric()
        {
            current.push(' ');
        }
        current.push_str(line);
    }
    flush(&mut current, &mut out);
    out
}

/// Characters no document format can carry (XML refuses them, PDF fonts
/// have no glyph): control characters and noncharacters.
fn unprintable(c: char) -> bool {
    c.is_control() || matches!(c, '\u{fffe}' | '\u{ffff}' | '\u{e000}')
}

/// A one-line field (the agency's name, the contact line): line breaks
/// and tabs (Word's manual line break is a vertical tab) become nothing
/// between 汉字, the unprintable are dropped — `check` passes such text, so
/// rendering must too.
fn one_line(text: &str) -> String {
    let words: Vec<String> = text
        .chars()
        .map(|c| {
            if matches!(c, '\t' | '\n' | '\r' | '\u{b}') {
                ' '
            } else {
                c
            }
        })
        .filter(|c| !unprintable(*c))
        .collect::<String>()
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    let mut out = String::new();
    for w in words {
        // A space only between Latin letters or digits, as in paragraphs.
        if let (Some(a), Some(b)) = (out.chars().last(), w.chars().next())
            && (a.is_ascii_alphanumeric() || b.is_ascii_alphanumeric())
        {
            out.push(' ');
        }
        out.push_str(&w);
    }
    out
}

/// Every string inside a profile's `[extra]` values, made printable.
fn printable(v: &Value) -> Value {
    match v {
        Value::String(s) => Value::String(
            s.chars()
                .filter(|c| *c == '\n' || !unprintable(*c))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(printable).collect()),
        Value::Object(m) => {
            Value::Object(m.iter().map(|(k, v)| (k.clone(), printable(v))).collect())
        }
        other => other.clone(),
    }
}

fn row_strings(v: &[u64]) -> Value {
    Value::Array(v.iter().map(|n| Value::String(n.to_string())).collect())
}

/// Builds the template context of a report.
pub fn context(r: &Report) -> Value {
    let p = &r.proactive;
    let docs = |d: &Documents| json!({"issued": d.issued.to_string(), "repealed": d.repealed.to_string(), "in_force": d.in_force.to_string()});
    let mut rows = Map::new();
    for (def, row) in T3_ROWS.iter().zip(r.requests.rows.iter()) {
        let leaf = def.path.rsplit('.').next().unwrap_or(def.path);
        rows.insert(leaf.to_string(), row_strings(&row.with_total()));
    }
    let outcome_total = r
        .requests
        .stated_outcome_total
        .unwrap_or_else(|| r.requests.outcome_total());
    rows.insert("total".into(), row_strings(&outcome_total));
    let mut reviews = Map::new();
    for ((path, _), row) in T4_ROWS.iter().zip(r.reviews.rows.iter()) {
        let leaf = path.rsplit('.').next().unwrap_or(path);
        reviews.insert(leaf.to_string(), row_strings(&row.with_total()));
    }
    let o = &r.other;
    let contact = one_line(&r.agency.contact)
        .trim_end_matches(['。', '.'])
        .to_string();
    json!({
        "agency": {
            "name": one_line(&r.agency.name),
            "year": r.agency.year,
            "level": r.agency.level.key(),
            "published_on": r.agency.published_on.map(|d| d.zh()).unwrap_or_default(),
            "published_on_iso": r.agency.published_on.map(|d| d.to_string()).unwrap_or_default(),
            "contact": contact,
        },
        "preface": paragraphs(&r.preface),
        "overview": {
            "summary": paragraphs(&r.overview.summary),
            "proactive": paragraphs(&r.overview.proactive),
            "on_request": paragraphs(&r.overview.on_request),
            "management": paragraphs(&r.overview.management),
            "platforms": paragraphs(&r.overview.platforms),
            "oversight": paragraphs(&r.overview.oversight),
        },
        "proactive": {
            "note": paragraphs(&p.note),
            "regulations": docs(&p.regulations),
            "normative_documents": docs(&p.normative_documents),
            "licensing": p.licensing.to_string(),
            "penalties": p.penalties.to_string(),
            "coercive_measures": p.coercive_measures.to_string(),
            "fees": p.fees.text,
        },
        "requests": {
            "note": paragraphs(&r.requests.note),
            "rows": rows,
        },
        "reviews": reviews,
        "problems": {
            "previous_year": paragraphs(&r.problems.previous_year),
            "current_year": paragraphs(&r.problems.current_year),
            "measures": paragraphs(&r.problems.measures),
        },
        "other": {
            "fee_notices": o.fee_notices,
            "fee_notice_amount": o.fee_notice_amount.text,
            "fees_collected": o.fees_collected.text,
            "fees_collected_zero": o.fees_collected.is_zero(),
            "items": o.items.iter().map(|i| paragraphs(i)).collect::<Vec<_>>(),
        },
        "extra": printable(&Value::Object(r.extra.clone())),
    })
}

/// Every variable path templates can use (`agency.name`, `requests.rows.received`…).
pub fn variables() -> Vec<String> {
    fn walk(prefix: &str, v: &Value, out: &mut Vec<String>) {
        if let Value::Object(m) = v {
            for (k, child) in m {
                let p = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                out.push(p.clone());
                walk(&p, child, out);
            }
        }
    }
    let mut out = Vec::new();
    let mut ctx = context(&Report::default());
    ctx["style"] =
        serde_json::to_value(crate::report::options::ReportOptions::default()).unwrap_or_default();
    walk("", &ctx, &mut out);
    out
}

/// The known variable nearest to a misspelt one.
pub fn nearest_variable(name: &str) -> Option<String> {
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    // Tera names either the whole path or only the missing field (`nmae`):
    // compare with whole paths and with their last segment.
    variables()
        .into_iter()
        .map(|v| {
            let leaf = v.rsplit('.').next().unwrap_or(&v);
            let d = strsim::levenshtein(&v, name).min(strsim::levenshtein(leaf, name));
            (d, v)
        })
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_on_blank_lines_and_join_lines() {
        assert_eq!(
            paragraphs("第一段\n继续。\n\n  第二段 \r\n\r\nLine one\nline two\u{7}"),
            vec!["第一段继续。", "第二段", "Line one line two"]
        );
        assert!(paragraphs("  \n\n ").is_empty());
    }
}
