//! 汇总表: one row per agency, one column per table figure, and a 合计 row,
//! as CSV (UTF-8 with BOM, for Excel and WPS) or XLSX.

use rust_decimal::Decimal;

use crate::model::quote::csv_field;
use crate::model::*;

use std::path::{Path, PathBuf};

use super::batch::{self, Show, Status};
use super::jobs::{Job, process};
use super::output::write_atomic;
use super::run::{Loaded, Run};
use super::{Options, exit, files, say};
use crate::model::source::io_reason;

/// A column: its Chinese header and how to read it from a report.
pub struct Column {
    pub header: String,
    pub value: Box<dyn Fn(&Report) -> Decimal + Sync + Send>,
    /// Money (printed with its decimals) rather than a count.
    pub money: bool,
}

fn count(header: String, f: impl Fn(&Report) -> u64 + Sync + Send + 'static) -> Column {
    Column {
        header,
        value: Box::new(move |r| Decimal::from(f(r))),
        money: false,
    }
}

/// Every figure of the three tables, in the order of the report.
pub fn columns() -> Vec<Column> {
    let mut v = Vec::new();
    for (label, get) in [
        (
            "规章",
            (|r: &Report| r.proactive.regulations) as fn(&Report) -> Documents,
        ),
        ("行政规范性文件", |r: &Report| {
            r.proactive.normative_documents
        }),
    ] {
        v.push(count(format!("{label}-本年制发件数"), move |r| {
            get(r).issued
        }));
        v.push(count(format!("{label}-本年废止件数"), move |r| {
            get(r).repealed
        }));
        v.push(count(format!("{label}-现行有效件数"), move |r| {
            get(r).in_force
        }));
    }
    v.push(count("行政许可-本年处理决定数量".into(), |r| {
        r.proactive.licensing
    }));
    v.push(count("行政处罚-本年处理决定数量".into(), |r| {
        r.proactive.penalties
    }));
    v.push(count("行政强制-本年处理决定数量".into(), |r| {
        r.proactive.coercive_measures
    }));
    v.push(Column {
        header: "行政事业性收费-本年收费金额（万元）".into(),
        value: Box::new(|r| r.proactive.fees.value),
        money: true,
    });
    let t3_label = |i: usize| {
        let d = &T3_ROWS[i];
        if d.group.is_empty() {
            d.label.to_string()
        } else {
            format!("{}{}", d.group, d.label)
        }
    };
    let order: Vec<Option<usize>> = (0..T3_OUTCOMES.end)
        .map(Some)
        .chain([None, Some(T3_CARRIED_FORWARD)])
        .collect();
    for row in order {
        for (c, col) in T3_COLUMNS.iter().enumerate() {
            match row {
                Some(i) => v.push(count(format!("{}-{col}", t3_label(i)), move |r| {
                    r.requests.rows[i].with_total()[c]
                })),
                None => v.push(count(format!("{T3_OUTCOME_TOTAL_LABEL}-{col}"), move |r| {
                    r.requests
                        .stated_outcome_total
                        .unwrap_or_else(|| r.requests.outcome_total())[c]
                })),
            }
        }
    }
    for (i, (_, label)) in T4_ROWS.iter().enumerate() {
        for (c, col) in T4_COLUMNS.iter().enumerate() {
            v.push(count(format!("{label}-{col}"), move |r| {
                r.reviews.rows[i].with_total()[c]
            }));
        }
    }
    v
}

const LEAD: [&str; 4] = ["机关名称", "年度", "类别", "逾期发布"];

/// Whether a report was published after its statutory deadline: 是, 否,
/// or empty when the file gives no date.
pub fn late(r: &Report) -> Option<bool> {
    Some(r.agency.published_on? > crate::rules::deadline(r)?)
}

fn money_text(d: Decimal) -> String {
    d.normalize().to_string()
}

/// The table as rows of strings (header, one row per report, 合计).
fn rows(reports: &[&Report]) -> Vec<Vec<String>> {
    let cols = columns();
    let mut out = Vec::new();
    out.push(
        LEAD.iter()
            .map(|s| s.to_string())
            .chain(cols.iter().map(|c| c.header.clone()))
            .collect(),
    );
    let mut totals = vec![Decimal::ZERO; cols.len()];
    for r in reports {
        let mut row = vec![
            r.agency.name.clone(),
            r.agency.year.to_string(),
            r.agency.level.zh().to_string(),
            match late(r) {
                Some(true) => "是".into(),
                Some(false) => "否".into(),
                None => String::new(),
            },
        ];
        for (i, c) in cols.iter().enumerate() {
            let v = (c.value)(r);
            totals[i] += v;
            row.push(if c.money {
                money_text(v)
            } else {
                v.to_string()
            });
        }
        out.push(row);
    }
    let mut total = vec![
        "合计".to_string(),
        String::new(),
        format!("{} 份", reports.len()),
        format!(
            "{} 份",
            reports.iter().filter(|r| late(r) == Some(true)).count()
        ),
    ];
    total.extend(cols.iter().zip(&totals).map(|(c, t)| {
        if c.money {
            money_text(*t)
        } else {
            t.to_string()
        }
    }));
    out.push(total);
    out
}

/// CSV with a UTF-8 BOM and CRLF, as Excel and WPS open it without asking.
pub fn csv(reports: &[&Report]) -> Vec<u8> {
    let mut s = String::from("\u{feff}");
    for row in rows(reports) {
        s.push_str(
            &row.iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(","),
        );
        s.push_str("\r\n");
    }
    s.into_bytes()
}

/// An XLSX workbook: numbers as numbers, a frozen header, a bold 合计 row.
pub fn xlsx(reports: &[&Report]) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
    let cols = columns();
    let table = rows(reports);
    let mut wb = Workbook::new();
    // A fixed creation time (1 January after the latest report year), not
    // "now": the same files give the same 汇总表, byte for byte.
    let year = reports
        .iter()
        .map(|r| r.agency.year)
        .max()
        .unwrap_or(2024)
        .clamp(1900, 9998)
        + 1;
    let created = ExcelDateTime::from_ymd(year as u16, 1, 1).map_err(|e| e.to_string())?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let bold = Format::new().set_bold().set_text_wrap();
    let ws = wb.add_worksheet();
    ws.set_name("汇总表").map_err(|e| e.to_string())?;
    let last = table.len() - 1;
    for (r, row) in table.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r32, c16) = (r as u32, c as u16);
            let numeric = r > 0 && c >= LEAD.len() && !v.is_empty();
            let result = if r == 0 || r == last {
                if numeric {
                    ws.write_number_with_format(r32, c16, v.parse::<f64>().unwrap_or(0.0), &bold)
                        .map(|_| ())
                } else {
                    ws.write_string_with_format(r32, c16, v, &bold).map(|_| ())
                }
            } else if numeric {
                ws.write_number(r32, c16, v.parse::<f64>().unwrap_or(0.0))
                    .map(|_| ())
            } else if c == 1 && r > 0 {
                ws.write_number(r32, c16, v.parse::<f64>().unwrap_or(0.0))
                    .map(|_| ())
            } else {
                ws.write_string(r32, c16, v).map(|_| ())
            };
            result.map_err(|e| e.to_string())?;
        }
    }
    ws.set_freeze_panes(1, 1).map_err(|e| e.to_string())?;
    ws.set_column_width(0, 28).map_err(|e| e.to_string())?;
    ws.set_row_height(0, 60).map_err(|e| e.to_string())?;
    for c in 0..cols.len() {
        ws.set_column_width((c + LEAD.len()) as u16, 12)
            .map_err(|e| e.to_string())?;
    }
    wb.save_to_buffer().map_err(|e| e.to_string())
}

/// `summary` over the files and directories named: the 汇总表 of every
/// file that checks without errors; the exit code.
pub fn run(args: &[PathBuf], output: &Path, opts: &Options) -> i32 {
    let as_xlsx = match output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("csv") => false,
        Some("xlsx") => true,
        _ => {
            say::err(&format!(
                "错误：汇总表的文件名应以 .csv 或 .xlsx 结尾，这里是 {}",
                output.display()
            ));
            return exit::TROUBLE;
        }
    };
    let listed = match files::agency_files(args) {
        Ok(f) => f,
        Err(e) => {
            say::err(&format!("错误：{e}"));
            return exit::TROUBLE;
        }
    };
    if let Some(input) = files::overwritten_input(output, &listed.files) {
        say::err(&files::refuse_overwriting_input(output, input));
        return exit::TROUBLE;
    }
    let run = match Run::new(opts) {
        Ok(r) => r,
        Err((code, msg)) => {
            say::err(&msg);
            return code;
        }
    };
    listed.report_unreadable();
    let (outcomes, kept) = batch::run(&listed.files, opts, Show::Problems, |p| {
        // Read and check each file once; keep the report of files without errors.
        let loaded = run.load(p);
        let report = match &loaded {
            Loaded::Ok(c) if !c.has_errors() => Some(c.parsed.report.clone()),
            _ => None,
        };
        (process(&run, &Job::Check, p, opts, loaded), report)
    });
    let reports: Vec<&Report> = kept.iter().flatten().collect();
    let bytes = if as_xlsx {
        xlsx(&reports)
    } else {
        Ok(csv(&reports))
    };
    let written = bytes.and_then(|b| write_atomic(output, &b).map_err(|e| io_reason(&e)));
    if let Err(e) = written {
        say::err(&format!("错误：无法写入 {}：{e}", output.display()));
        return exit::TROUBLE;
    }
    let excluded = outcomes
        .iter()
        .filter(|o| o.status != Status::Passed)
        .count();
    if !opts.json {
        say::err(&format!(
            "已生成汇总表：{}（{} 个机关{}）",
            output.display(),
            reports.len(),
            if excluded > 0 {
                format!("；{excluded} 份有错误，未计入")
            } else {
                String::new()
            }
        ));
    }
    listed.exit_code(batch::finish(&outcomes, opts))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xlsx_is_reproducible() {
        let a = crate::input::parse(include_str!("../../examples/government.toml")).report;
        let first = xlsx(&[&a]).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(1100));
        assert_eq!(xlsx(&[&a]).unwrap(), first);
    }

    #[test]
    fn one_column_per_figure() {
        // 10 + 25 × 7 + 15 figures.
        assert_eq!(columns().len(), 200);
    }

    #[test]
    fn csv_has_bom_header_rows_and_total() {
        let a = crate::input::parse(include_str!("../../examples/full.toml")).report;
        let b = crate::input::parse(include_str!("../../examples/government.toml")).report;
        let bytes = csv(&[&a, &b]);
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with('\u{feff}'));
        let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.len(), 4);
        assert!(lines[3].starts_with("合计,,2 份"));
        let fees = lines[0]
            .trim_start_matches('\u{feff}')
            .split(',')
            .position(|h| h.starts_with("行政事业性收费"))
            .unwrap();
        assert_eq!(lines[3].split(',').nth(fees), Some("98.75"));
    }
}
