//! The look and the input rules shared by every sheet of the workbook:
//! cell styles (labels grey, input yellow and unlocked, totals blue),
//! sheet protection, and data validation for counts and amounts.

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, Format, FormatAlign, FormatBorder,
    ProtectionOptions, Worksheet, XlsxError,
};

use crate::model::Money;

pub(super) struct Styles {
    pub(super) title: Format,
    pub(super) head: Format,
    pub(super) label: Format,
    pub(super) hint: Format,
    pub(super) input: Format,
    pub(super) input_text: Format,
    pub(super) total: Format,
    pub(super) check: Format,
    pub(super) section: Format,
}

pub(super) fn styles() -> Styles {
    let base = Format::new()
        .set_font_name("宋体")
        .set_font_size(11)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let cell = base.clone().set_border(FormatBorder::Thin);
    Styles {
        title: base
            .clone()
            .set_font_size(14)
            .set_bold()
            .set_align(FormatAlign::Center),
        head: cell
            .clone()
            .set_align(FormatAlign::Center)
            .set_background_color(Color::RGB(0xF2F2F2)),
        label: cell.clone().set_background_color(Color::RGB(0xF2F2F2)),
        hint: base.clone().set_font_color(Color::RGB(0x595959)),
        input: cell
            .clone()
            .set_align(FormatAlign::Center)
            .set_background_color(Color::RGB(0xFFF2CC))
            .set_unlocked(),
        input_text: cell
            .clone()
            .set_align(FormatAlign::Top)
            .set_background_color(Color::RGB(0xFFF2CC))
            .set_unlocked(),
        total: cell
            .clone()
            .set_align(FormatAlign::Center)
            .set_background_color(Color::RGB(0xDDEBF7)),
        check: cell.clone().set_align(FormatAlign::Center).set_bold(),
        section: cell
            .clone()
            .set_bold()
            .set_background_color(Color::RGB(0xD9D9D9)),
    }
}

pub(super) fn protect(ws: &mut Worksheet) {
    // Printed, each sheet is as wide as the paper (people print to check).
    ws.set_print_fit_to_pages(1, 0);
    ws.set_paper_size(9);
    // People widen columns and rows to read long labels; that must stay possible.
    let options = ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    };
    ws.protect_with_options(&options);
}

pub(super) fn count_rule() -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
        .set_error_title("只能填写整数")?
        .set_error_message("这里填写不小于 0 的整数（件数）；没有就填 0。")
}

pub(super) fn money_rule(unit: &str) -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
        .set_error_title("只能填写金额")?
        .set_error_message(format!(
            "这里填写不小于 0 的金额（单位：{unit}），可有小数；没有就填 0。"
        ))
}

pub(super) fn write_money(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    m: &Money,
    fmt: &Format,
) -> Result<(), XlsxError> {
    // A number when Excel would show it as written; else the text, so
    // `12.50` stays `12.50` (the reader takes numbers typed as text).
    // Nothing entered is 0 (the cell's note says so; a blank counted as 0
    // anyway), shown as 0 so nobody wonders whether it must be filled.
    if m.text.trim().is_empty() {
        ws.write_number_with_format(row, col, 0.0, fmt)?;
        return Ok(());
    }
    match m.text.parse::<f64>() {
        Ok(v) if format!("{v}") == m.text => ws.write_number_with_format(row, col, v, fmt)?,
        _ => ws.write_string_with_format(row, col, &m.text, fmt)?,
    };
    Ok(())
}

pub(super) fn title(
    ws: &mut Worksheet,
    st: &Styles,
    last_col: u16,
    text: &str,
) -> Result<(), XlsxError> {
    if last_col == 0 {
        ws.write_string_with_format(0, 0, text, &st.title)?;
    } else {
        ws.merge_range(0, 0, 0, last_col, text, &st.title)?;
    }
    ws.set_row_height(0, 28)?;
    Ok(())
}
