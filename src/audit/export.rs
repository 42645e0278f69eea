//! `import`: a recognised published report written back as agency.toml —
//! figures exactly as published (stated totals kept, so `check` verifies
//! them), narrative in its fields, and what could not be read left as a
//! commented placeholder.

use std::fmt::Write as _;

use super::Recognised;
use crate::model::quote::toml_string;
use crate::model::*;

/// A value as a TOML string, trimmed as the published text had it padded.
fn quote(s: &str) -> String {
    toml_string(s.trim())
}

fn row<const N: usize>(r: &Row<N>) -> String {
    let mut v: Vec<String> = r.cells.iter().map(u64::to_string).collect();
    if let Some(t) = r.stated_total {
        v.push(t.to_string());
    }
    format!("[{}]", v.join(", "))
}

/// Splits "下一步…/改进措施…" off the problems into the measures when the
/// published section had no separate sub-heading for them (often mid-paragraph).
fn split_measures(p: &mut Problems) {
    if !p.measures.trim().is_empty() {
        return;
    }
    let text = p.current_year.clone();
    let markers = [
        "下一步",
        "下步",
        "改进措施：",
        "改进情况：",
        "本年度改进情况",
        "今后，",
        "将进一步",
        "我局将",
        "本局将",
        "我们将",
    ];
    let Some(at) = markers
        .iter()
        .filter_map(|m| text.find(m))
        .filter(|&i| i > 0)
        .min()
    else {
        return;
    };
    // Back up to the start of that sentence.
    let start = text[..at].rfind(['。', '；', '\n']).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    });
    if start == 0 {
        return;
    }
    p.measures = text[start..].trim().to_string();
    p.current_year = text[..start].trim().to_string();
}

/// The agency file text, and the list of what the user must still supply.
pub fn to_toml(rec: &Recognised, source_name: &str) -> (String, Vec<String>) {
    let mut r = rec.report.clone();
    split_measures(&mut r.problems);
    let mut todo: Vec<String> = rec
        .unread
        .iter()
        .map(|t| format!("{t}的数字未能读出，已按 0 填写"))
        .collect();
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# 由 govreport import 从 {source_name} 生成：表格数字与原报告一致（所填总计保留，供核对）。"
    );
    let _ = writeln!(
        s,
        "# 下一年度使用时：改年度、更新数字和文字，删去所填总计也可以（由程序计算）。"
    );
    s.push_str("schema = 1\n\n[agency]\n");
    let _ = writeln!(s, "name = {}", quote(&r.agency.name));
    if r.agency.name.is_empty() {
        todo.push("机关名称".into());
    }
    let _ = writeln!(s, "year = {}", r.agency.year);
    let level = if r.agency.name.ends_with("人民政府") {
        "government"
    } else {
        "department"
    };
    let _ = writeln!(s, "level = \"{level}\"");
    if let Some(d) = r.agency.published_on {
        let _ = writeln!(s, "published_on = {d}");
    }
    let field = |s: &mut String,
                 todo: &mut Vec<String>,
                 key: &str,
                 what: &str,
                 value: &str,
                 required: bool| {
        if value.trim().is_empty() {
            if required {
                let _ = writeln!(s, "{key} = \"\"  # 未能从原报告读出“{what}”，请补写");
                todo.push(what.to_string());
            }
        } else {
            let _ = writeln!(s, "{key} = {}", quote(value));
        }
    };
    s.push_str("\n[overview]\n");
    let o = &r.overview;
    field(
        &mut s,
        &mut todo,
        "summary",
        "总体情况导语",
        &o.summary,
        false,
    );
    field(
        &mut s,
        &mut todo,
        "proactive",
        "（一）主动公开",
        &o.proactive,
        true,
    );
    field(
        &mut s,
        &mut todo,
        "on_request",
        "（二）依申请公开",
        &o.on_request,
        true,
    );
    field(
        &mut s,
        &mut todo,
        "management",
        "（三）政府信息管理",
        &o.management,
        true,
    );
    field(
        &mut s,
        &mut todo,
        "platforms",
        "（四）政府信息公开平台建设",
        &o.platforms,
        true,
    );
    field(
        &mut s,
        &mut todo,
        "oversight",
        "（五）监督保障",
        &o.oversight,
        true,
    );
    let p = &r.proactive;
    let _ = write!(
        s,
        "\n[proactive]\nregulations = {{ issued = {}, repealed = {}, in_force = {} }}\nnormative_documents = {{ issued = {}, repealed = {}, in_force = {} }}\nlicensing = {}\npenalties = {}\ncoercive_measures = {}\nfees = {}\n",
        p.regulations.issued,
        p.regulations.repealed,
        p.regulations.in_force,
        p.normative_documents.issued,
        p.normative_documents.repealed,
        p.normative_documents.in_force,
        p.licensing,
        p.penalties,
        p.coercive_measures,
        if p.fees.text.is_empty() {
            "0"
        } else {
            &p.fees.text
        }
    );
    let mut table = String::new();
    // Keys of [requests] itself first: a table header may appear only once.
    let mut order: Vec<usize> = (0..T3_ROWS.len()).collect();
    order.sort_by_key(|&i| T3_ROWS[i].path.matches('.').count());
    for (def, rw) in order.iter().map(|&i| (&T3_ROWS[i], &r.requests.rows[i])) {
        let (t, key) = def.path.rsplit_once('.').unwrap_or(("", def.path));
        if t != table {
            let _ = writeln!(s, "\n[{t}]");
            table = t.to_string();
        }
        let _ = writeln!(s, "{key} = {}", row(rw));
        if def.path == "requests.outcomes.partially_disclosed"
            && let Some(total) = r.requests.stated_outcome_total
        {
            let v: Vec<String> = total.iter().map(u64::to_string).collect();
            let _ = writeln!(s, "total = [{}]", v.join(", "));
        }
    }
    s.push_str("\n[reviews]\n");
    for ((path, _), rw) in T4_ROWS.iter().zip(r.reviews.rows.iter()) {
        let _ = writeln!(
            s,
            "{} = {}",
            path.rsplit('.').next().unwrap_or(path),
            row(rw)
        );
    }
    s.push_str("\n[problems]\n");
    field(
        &mut s,
        &mut todo,
        "previous_year",
        "上年度问题改进情况",
        &r.problems.previous_year,
        true,
    );
    field(
        &mut s,
        &mut todo,
        "current_year",
        "本年度存在的主要问题",
        &r.problems.current_year,
        true,
    );
    field(
        &mut s,
        &mut todo,
        "measures",
        "改进措施",
        &r.problems.measures,
        true,
    );
    s.push_str("\n[other]\n# 信息处理费：原报告中的收费情况请核对后填写件数和金额\nfee_notices = 0\nfee_notice_amount = 0\nfees_collected = 0\n");
    let items: Vec<&String> = r
        .other
        .items
        .iter()
        .filter(|i| !i.contains("信息处理费") && i.trim() != "无" && i.trim() != "无。")
        .collect();
    if items.is_empty() {
        s.push_str("items = []\n");
    } else {
        s.push_str("items = [\n");
        for i in items {
            let _ = writeln!(s, "  {},", quote(i));
        }
        s.push_str("]\n");
    }
    (s, todo)
}
