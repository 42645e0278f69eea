//! Step two of reading a published report: the model's tables from the
//! grids the table readers found (`Published::tables`), with the span of
//! every figure for the rules to point at.

use crate::model::published::{Figure, Published};
use crate::model::spans::SpanMap;
use crate::model::*;

/// Fills the report's three tables from what was read.
pub(super) fn tables(p: &Published, report: &mut Report, spans: &mut SpanMap) {
    for row in &p.tables[0].rows {
        table2(row.path.as_str(), &row.figures, report, spans);
    }
    for row in &p.tables[1].rows {
        let f = &row.figures;
        if f.len() < 7 {
            continue;
        }
        let path = row.path.as_str();
        spans.insert_value(path, f[0].span.start..f[6].span.end);
        for (c, fig) in f.iter().take(7).enumerate() {
            spans.insert_value(&format!("{path}[{c}]"), fig.span.clone());
        }
        if path == T3_OUTCOME_TOTAL_PATH {
            let mut t7 = [0u64; 7];
            for c in 0..7 {
                t7[c] = f[c].value;
            }
            report.requests.stated_outcome_total = Some(t7);
        } else if let Some(i) = T3_ROWS.iter().position(|r| r.path == path) {
            // The old single （六） row is read as 3.其他, which may also have
            // its own row: add, do not overwrite.
            let r = &mut report.requests.rows[i];
            for c in 0..6 {
                r.cells[c] = r.cells[c].saturating_add(f[c].value);
            }
            r.stated_total = Some(r.stated_total.unwrap_or(0).saturating_add(f[6].value));
        }
    }
    for row in &p.tables[2].rows {
        let f = &row.figures;
        let path = row.path.as_str();
        let Some(g) = T4_ROWS.iter().position(|(p, _)| *p == path) else {
            continue;
        };
        if f.len() < 5 {
            continue;
        }
        for (k, fig) in f.iter().take(5).enumerate() {
            spans.insert_value(&format!("{path}[{k}]"), fig.span.clone());
        }
        spans.insert_value(path, f[0].span.start..f[4].span.end);
        report.reviews.rows[g] = Row {
            cells: [f[0].value, f[1].value, f[2].value, f[3].value],
            stated_total: Some(f[4].value),
        };
    }
}

/// Table 二: 规章 and 行政规范性文件 (3 figures each), then four single figures.
fn table2(path: &str, f: &[Figure], report: &mut Report, spans: &mut SpanMap) {
    let Some(last) = f.last() else { return };
    let p = &mut report.proactive;
    match path {
        "proactive.regulations" | "proactive.normative_documents" if f.len() >= 3 => {
            let d = Documents {
                issued: f[0].value,
                repealed: f[1].value,
                in_force: f[2].value,
            };
            if path == "proactive.regulations" {
                p.regulations = d
            } else {
                p.normative_documents = d
            }
            for (k, key) in ["issued", "repealed", "in_force"].iter().enumerate() {
                spans.insert_value(&format!("{path}.{key}"), f[k].span.clone());
            }
        }
        "proactive.licensing" => p.licensing = f[0].value,
        "proactive.penalties" => p.penalties = f[0].value,
        "proactive.coercive_measures" => p.coercive_measures = f[0].value,
        "proactive.fees" => {
            p.fees = Money {
                value: f[0].text.parse().unwrap_or_default(),
                text: f[0].text.clone(),
            }
        }
        _ => return,
    }
    spans.insert_value(path, f[0].span.start..last.span.end);
}
