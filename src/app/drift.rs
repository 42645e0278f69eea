//! What a published report changed against the approved version: every
//! table figure that differs (the cells, and a printed total that is not
//! the approved one), every part heading and the title, and the prose of
//! the parts without tables. Evaluators dock an office whose website
//! version differs from the approved one; this lists exactly where.

use crate::audit::Recognised;
use crate::model::published::{NUMERALS, SECTIONS, norm};
use crate::model::tables::{T3_COLUMNS, T3_OUTCOME_TOTAL_LABEL, T3_ROWS, T4_COLUMNS, T4_ROWS};
use crate::model::{Report, published::Published};

/// One difference.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Difference {
    /// `figure`, `heading` or `text`.
    pub what: &'static str,
    #[serde(rename = "where")]
    pub place: String,
    pub approved: String,
    pub published: String,
}

fn diff(what: &'static str, place: String, approved: String, published: String) -> Difference {
    Difference {
        what,
        place,
        approved,
        published,
    }
}

/// A report's text and what reading it found.
pub struct Read<'a> {
    pub text: &'a str,
    pub rec: &'a Recognised,
}

/// The differences between the approved report (its model, and its text as
/// rendered and read back) and a published report as read.
pub fn differences(approved: &Report, approved_read: &Read, published: &Read) -> Vec<Difference> {
    let mut out = Vec::new();
    title(
        &approved_read.rec.published,
        &published.rec.published,
        &mut out,
    );
    headings(
        &approved_read.rec.published,
        &published.rec.published,
        &mut out,
    );
    let rec = published.rec;
    figures(
        approved,
        &rec.report,
        &|key| !rec.broken.contains(key),
        &mut out,
    );
    prose(approved_read, published, &mut out);
    out
}

fn title(a: &Published, p: &Published, out: &mut Vec<Difference>) {
    let show = |t: &Option<crate::model::published::Title>| {
        t.as_ref()
            .map(|t| format!("{}{}年度政府信息公开工作年度报告", t.name, t.year))
            .unwrap_or_default()
    };
    let (sa, sp) = (show(&a.title), show(&p.title));
    if norm(&sa) != norm(&sp) {
        out.push(diff("heading", "标题".into(), sa, sp));
    }
}

fn headings(a: &Published, p: &Published, out: &mut Vec<Difference>) {
    for (i, (standard, _)) in SECTIONS.iter().enumerate() {
        let of = |pb: &Published| {
            pb.headings
                .iter()
                .find(|h| h.section == i)
                .map(|h| h.text.trim().to_string())
        };
        let want = of(a).unwrap_or_else(|| standard.to_string());
        let got = of(p).unwrap_or_default();
        if norm(&want) != norm(&got) {
            out.push(diff(
                "heading",
                format!("第{}部分的标题", NUMERALS[i]),
                want,
                got,
            ));
        }
    }
}

/// The figures in which one version of a report differs from another
/// (the office's history: what changed between versions).
pub fn figure_changes(before: &Report, after: &Report) -> Vec<Difference> {
    let mut out = Vec::new();
    figures(before, after, &|_| true, &mut out);
    out
}

/// Table figures of `a` and `pr` that differ, for the tables `read` says
/// were read.
fn figures(a: &Report, pr: &Report, read: &dyn Fn(&str) -> bool, out: &mut Vec<Difference>) {
    let mut cmp = |place: String, x: String, y: String| {
        if x != y {
            out.push(diff("figure", place, x, y));
        }
    };
    if read("proactive") {
        for (key, label, da, dp) in [
            (
                "regulations",
                "规章",
                &a.proactive.regulations,
                &pr.proactive.regulations,
            ),
            (
                "normative_documents",
                "行政规范性文件",
                &a.proactive.normative_documents,
                &pr.proactive.normative_documents,
            ),
        ] {
            let _ = key;
            cmp(
                format!("表二：{label}：本年制发件数"),
                da.issued.to_string(),
                dp.issued.to_string(),
            );
            cmp(
                format!("表二：{label}：本年废止件数"),
                da.repealed.to_string(),
                dp.repealed.to_string(),
            );
            cmp(
                format!("表二：{label}：现行有效件数"),
                da.in_force.to_string(),
                dp.in_force.to_string(),
            );
        }
        let q = "本年处理决定数量";
        cmp(
            format!("表二：行政许可：{q}"),
            a.proactive.licensing.to_string(),
            pr.proactive.licensing.to_string(),
        );
        cmp(
            format!("表二：行政处罚：{q}"),
            a.proactive.penalties.to_string(),
            pr.proactive.penalties.to_string(),
        );
        cmp(
            format!("表二：行政强制：{q}"),
            a.proactive.coercive_measures.to_string(),
            pr.proactive.coercive_measures.to_string(),
        );
        if a.proactive.fees.value != pr.proactive.fees.value {
            cmp(
                "表二：行政事业性收费：本年收费金额（单位：万元）".into(),
                a.proactive.fees.value.normalize().to_string(),
                pr.proactive.fees.value.normalize().to_string(),
            );
        }
    }
    if read("requests") {
        for (i, def) in T3_ROWS.iter().enumerate() {
            let (ra, rp) = (&a.requests.rows[i], &pr.requests.rows[i]);
            let label = format!("{}{}", def.group, def.label);
            for (c, col) in T3_COLUMNS[..6].iter().enumerate() {
                cmp(
                    format!("表三：{label}：{col}"),
                    ra.cells[c].to_string(),
                    rp.cells[c].to_string(),
                );
            }
            // A printed total that is not the approved one.
            if let Some(t) = rp.stated_total {
                cmp(
                    format!("表三：{label}：总计"),
                    ra.total().to_string(),
                    t.to_string(),
                );
            }
        }
        if let Some(t) = pr.requests.stated_outcome_total {
            let want = a.requests.outcome_total();
            for (c, col) in T3_COLUMNS.iter().enumerate() {
                cmp(
                    format!("表三：{T3_OUTCOME_TOTAL_LABEL}：{col}"),
                    want[c].to_string(),
                    t[c].to_string(),
                );
            }
        }
    }
    if read("reviews") {
        for (i, (_, label)) in T4_ROWS.iter().enumerate() {
            let (ra, rp) = (&a.reviews.rows[i], &pr.reviews.rows[i]);
            for (c, col) in T4_COLUMNS[..4].iter().enumerate() {
                cmp(
                    format!("表四：{label}：{col}"),
                    ra.cells[c].to_string(),
                    rp.cells[c].to_string(),
                );
            }
            if let Some(t) = rp.stated_total {
                cmp(
                    format!("表四：{label}：总计"),
                    ra.total().to_string(),
                    t.to_string(),
                );
            }
        }
    }
}

/// Text for comparing prose: words and figures only — no white space, no
/// punctuation (a PDF's text layer may give a closing quote and the mark
/// after it in either order), no page-number lines (`— 3 —`).
fn plain(text: &str) -> String {
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| {
            let t = l.trim().trim_matches(|c| c == '—' || c == '-' || c == ' ');
            !(t.is_empty() || t.chars().all(|c| c.is_ascii_digit()))
        })
        .collect();
    kept.join("")
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The prose of the parts without tables (一, 五, 六): the first place
/// where the published words leave the approved ones.
fn prose(a: &Read, p: &Read, out: &mut Vec<Difference>) {
    let (text_a, text_p) = (a.text, p.text);
    for i in [0usize, 4, 5] {
        let (Some(ra), Some(rp)) = (&a.rec.published.parts[i], &p.rec.published.parts[i]) else {
            continue;
        };
        let (Some(sa), Some(sp)) = (text_a.get(ra.clone()), text_p.get(rp.clone())) else {
            continue;
        };
        let (x, y) = (plain(sa), plain(sp));
        if x == y {
            continue;
        }
        let xs: Vec<char> = x.chars().collect();
        let ys: Vec<char> = y.chars().collect();
        let at = xs.iter().zip(&ys).take_while(|(c, d)| c == d).count();
        let window = |v: &[char]| {
            let from = at.saturating_sub(8);
            v[from..(at + 24).min(v.len())].iter().collect::<String>()
        };
        out.push(diff(
            "text",
            SECTIONS[i].0.to_string(),
            window(&xs),
            window(&ys),
        ));
    }
}
