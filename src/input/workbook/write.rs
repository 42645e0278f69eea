//! The fill-in workbook: a report's figures and prose laid out as the report
//! prints them, for people who work in WPS 表格 or Excel. `init -o x.xlsx`
//! writes it empty, `import -o x.xlsx` filled with a published report.
//!
//! Input cells are unlocked and shaded; labels, totals and the 勾稽关系 row
//! are locked (sheet protection without a password, so nobody breaks the
//! layout by accident but anyone can lift it). Totals are live formulas with
//! their results written, so every program shows them right on opening.

use rust_xlsxwriter::{
    DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, Workbook, Worksheet,
    XlsxError,
};

use super::format::{Styles, count_rule, money_rule, protect, styles, title, write_money};
use super::layout::*;
use crate::model::{Level, Report};

/// The workbook for `report`; `extra` are the `[extra]` fields a profile
/// requires (a row each in 基本信息).
pub fn write(report: &Report, extra: &[String]) -> Result<Vec<u8>, String> {
    build(report, extra).map_err(|e| format!("无法生成工作簿：{e}"))
}

fn build(report: &Report, extra: &[String]) -> Result<Vec<u8>, XlsxError> {
    let st = styles();
    let mut wb = Workbook::new();
    // Fixed creation time: the same input writes the same bytes.
    let year = u16::try_from(report.agency.year.clamp(1900, 9998)).unwrap_or(2024) + 1;
    let created = ExcelDateTime::from_ymd(year, 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title("政府信息公开工作年度报告 填报工作簿")
            .set_creation_datetime(&created),
    );
    info_sheet(wb.add_worksheet(), &st, report, extra)?;
    text_sheet(wb.add_worksheet(), &st, report)?;
    super::tables::t2_sheet(wb.add_worksheet(), &st, report)?;
    super::tables::t3_sheet(wb.add_worksheet(), &st, report)?;
    super::tables::t4_sheet(wb.add_worksheet(), &st, report)?;
    help_sheet(wb.add_worksheet(), &st)?;
    wb.save_to_buffer()
}

fn info_sheet(
    ws: &mut Worksheet,
    st: &Styles,
    r: &Report,
    extra: &[String],
) -> Result<(), XlsxError> {
    ws.set_name(INFO)?;
    ws.set_active(true);
    title(ws, st, 2, "基本信息（黄色格子填写，其余不用改）")?;
    for (c, h) in ["项目", "填写内容", "填写说明"].iter().enumerate() {
        ws.write_string_with_format(1, c as u16, *h, &st.head)?;
    }
    ws.set_column_width(0, 16)?;
    ws.set_column_width(1, 44)?;
    ws.set_column_width(2, 60)?;
    let a = &r.agency;
    for (i, f) in INFO_FIELDS.iter().enumerate() {
        let row = FIRST_ROW + i as u32;
        ws.set_row_height(row, 30)?;
        ws.write_string_with_format(row, 0, f.label, &st.label)?;
        ws.write_string_with_format(row, 2, f.hint, &st.hint)?;
        match f.path {
            "agency.name" => ws.write_string_with_format(row, 1, &a.name, &st.input)?,
            "agency.year" if a.year != 0 => {
                ws.write_number_with_format(row, 1, f64::from(a.year), &st.input)?
            }
            "agency.level" => ws.write_string_with_format(
                row,
                1,
                if a.level == Level::Government {
                    "人民政府"
                } else {
                    "部门"
                },
                &st.input,
            )?,
            "agency.published_on" if a.published_on.is_some() => {
                let d = a.published_on.expect("checked");
                ws.write_string_with_format(row, 1, d.to_string(), &st.input)?
            }
            "agency.contact" => ws.write_string_with_format(row, 1, &a.contact, &st.input)?,
            _ => ws.write_blank(row, 1, &st.input)?,
        };
        match f.kind {
            Kind::Year => {
                ws.add_data_validation(
                    row,
                    1,
                    row,
                    1,
                    &DataValidation::new()
                        .allow_whole_number(DataValidationRule::Between(2021, 2100))
                        .set_error_title("年度有误")?
                        .set_error_message(
                            "填写四位数字的报告年度，如 2024（2021年起使用新格式）。",
                        )?,
                )?;
            }
            Kind::Level => {
                ws.add_data_validation(
                    row,
                    1,
                    row,
                    1,
                    &DataValidation::new()
                        .allow_list_strings(&["部门", "人民政府"])?
                        .set_error_title("机关类型有误")?
                        .set_error_message("从下拉列表选择“部门”或“人民政府”。")?,
                )?;
            }
            _ => {}
        }
    }
    let mut row = FIRST_ROW + INFO_FIELDS.len() as u32;
    let mut keys: Vec<String> = extra.to_vec();
    for k in r.extra.keys() {
        if !keys.contains(k) {
            keys.push(k.clone());
        }
    }
    for key in keys {
        let value = match r.extra.get(&key) {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Null) | None => String::new(),
            Some(other) => other.to_string(),
        };
        ws.set_row_height(row, 30)?;
        ws.write_string_with_format(row, 0, format!("{EXTRA_PREFIX}{key}"), &st.label)?;
        ws.write_string_with_format(row, 1, &value, &st.input)?;
        ws.write_string_with_format(row, 2, "省、市模板要求的附加内容", &st.hint)?;
        row += 1;
    }
    protect(ws);
    Ok(())
}

fn text_sheet(ws: &mut Worksheet, st: &Styles, r: &Report) -> Result<(), XlsxError> {
    ws.set_name(TEXT)?;
    title(
        ws,
        st,
        2,
        "正文（每段之间在格子里按 Alt+Enter 换行；表格在表二、表三、表四中填写）",
    )?;
    for (c, h) in ["项目", "内容", "填写说明"].iter().enumerate() {
        ws.write_string_with_format(1, c as u16, *h, &st.head)?;
    }
    ws.set_column_width(0, 24)?;
    ws.set_column_width(1, 80)?;
    ws.set_column_width(2, 30)?;
    let mut row = 2u32;
    for f in &TEXT_FIELDS {
        if f.path == "problems.previous_year" || f.path == "other.fee_notices" {
            let heading = if f.path.starts_with("problems") {
                PART5_HEADING
            } else {
                PART6_HEADING
            };
            ws.merge_range(row, 0, row, 2, heading, &st.section)?;
            row += 1;
        }
        ws.write_string_with_format(row, 0, f.label, &st.label)?;
        ws.write_string_with_format(row, 2, f.hint, &st.hint)?;
        match f.kind {
            Kind::Text => {
                ws.set_row_height(row, 120)?;
                let text = text_of(r, f.path).replace("\n\n", "\n");
                ws.write_string_with_format(row, 1, text, &st.input_text)?;
            }
            // Two lines: the longest label (实际收取的信息处理费总金额（元）)
            // wraps in its column and was cut at one line's height.
            Kind::Count => {
                ws.set_row_height(row, 36)?;
                ws.write_number_with_format(row, 1, r.other.fee_notices as f64, &st.input)?;
                ws.add_data_validation(row, 1, row, 1, &count_rule()?)?;
            }
            _ => {
                ws.set_row_height(row, 36)?;
                let m = if f.path == "other.fee_notice_amount" {
                    &r.other.fee_notice_amount
                } else {
                    &r.other.fees_collected
                };
                write_money(ws, row, 1, m, &st.input)?;
                ws.add_data_validation(row, 1, row, 1, &money_rule("元")?)?;
            }
        }
        row += 1;
    }
    let items = r.other.items.len().max(ITEM_ROWS);
    for i in 0..items {
        ws.set_row_height(row, 90)?;
        ws.write_string_with_format(row, 0, item_label(i), &st.label)?;
        let text = r
            .other
            .items
            .get(i)
            .map(|s| s.replace("\n\n", "\n"))
            .unwrap_or_default();
        ws.write_string_with_format(row, 1, text, &st.input_text)?;
        if i == 0 {
            ws.write_string_with_format(
                row,
                2,
                "工作要点落实、人大代表建议和政协提案办理等；一格一段，不用的格子留空",
                &st.hint,
            )?;
        }
        row += 1;
    }
    protect(ws);
    Ok(())
}

fn text_of<'r>(r: &'r Report, path: &str) -> &'r str {
    match path {
        "preface.text" => &r.preface,
        "overview.summary" => &r.overview.summary,
        "overview.proactive" => &r.overview.proactive,
        "overview.on_request" => &r.overview.on_request,
        "overview.management" => &r.overview.management,
        "overview.platforms" => &r.overview.platforms,
        "overview.oversight" => &r.overview.oversight,
        "proactive.note" => &r.proactive.note,
        "requests.note" => &r.requests.note,
        "problems.previous_year" => &r.problems.previous_year,
        "problems.current_year" => &r.problems.current_year,
        "problems.measures" => &r.problems.measures,
        _ => "",
    }
}

/// The 说明 sheet's one column, in character units.
const HELP_WIDTH: f64 = 62.0;

fn help_sheet(ws: &mut Worksheet, st: &Styles) -> Result<(), XlsxError> {
    ws.set_name(HELP)?;
    // As wide as A4's printable width at 100 % (LibreOffice did not scale
    // this sheet to the page, and its lines ran off the right edge).
    ws.set_column_width(0, HELP_WIDTH)?;
    title(ws, st, 0, "填报说明")?;
    let lines = [
        "1. 本工作簿用于填写政府信息公开工作年度报告的数字和正文，填好后用 govreport 检查并生成报告（HTML、Word、PDF）。",
        "2. 只在黄色格子中填写。灰色格子是标签，蓝色格子是自动计算的“总计”，不用填写；工作表已保护（无密码），以免误删标签。",
        "3. “基本信息”：机关名称与报告标题一致；报告年度填四位数字；机关类型从下拉列表选择；发布日期可不填。",
        "4. “正文”：每一格是报告中的一部分，标签与报告中的标题一致。一段写完按 Alt+Enter 换行开始下一段（WPS 相同）。不必写段首空格。",
        "5. “表二”“表三”“表四”与报告中的三张表格一样：在对应的行和列中填写整数，没有就填 0 或留空（按 0 计）。收费金额可有小数，表二中的单位是万元。",
        "6. 表三最下面一行“勾稽关系”随时显示每一列是否满足“第一项加第二项之和，等于第三项加第四项之和”；出现“不成立”时请核对该列数字。",
        "7. 如果确需填写与计算结果不同的“总计”，直接在蓝色格子中填数字（需先撤销工作表保护）；检查时会核对它是否等于各项之和。",
        "8. 填好后在命令行运行：govreport check 本文件.xlsx，按提示改正（提示会指出工作表和单元格，如 表三!D7）；无误后运行：govreport render 本文件.xlsx。",
        "9. 汇总：把各单位交回的工作簿放在一个文件夹中，运行 govreport summary 文件夹 -o 汇总表.xlsx。",
        "10. 可以用 WPS 表格、Microsoft Excel 或 LibreOffice 打开和保存本文件（.xlsx、.xls、.ods 均可）。",
    ];
    for (i, l) in lines.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_string_with_format(
            row,
            0,
            *l,
            &Format::new().set_font_name("宋体").set_text_wrap(),
        )?;
        // Wide characters take two units of the column's width.
        let units: f64 = l
            .chars()
            .map(|c| if c.is_ascii() { 1.0 } else { 2.0 })
            .sum();
        let lines = (units / (HELP_WIDTH - 4.0)).ceil().max(1.0);
        ws.set_row_height(row, 16.0 * lines + 6.0)?;
    }
    // Printed on A4 as wide as the paper (it ran off the page's right edge).
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}
