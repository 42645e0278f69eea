//! What a profile's `style.toml` may set: page, margins, sizes and grid
//! within the ranges a printed 公文 can have. A value outside them (a page
//! typed in centimetres, a size of 0 or `nan`, 2 200 lines a page) would
//! make the writers lay out nonsense or thousands of pages, so the profile
//! is refused when it is loaded, at the key that is wrong.

use crate::doc::style::Style;

/// A value out of range: its key path in style.toml, what is wrong, the fix.
#[derive(Debug, Clone, PartialEq)]
pub struct OutOfRange {
    pub key: Vec<&'static str>,
    pub message: String,
    pub help: String,
}

fn range(
    key: Vec<&'static str>,
    what: &str,
    value: f64,
    lo: f64,
    hi: f64,
    unit: &str,
) -> Option<OutOfRange> {
    // `!(lo..=hi).contains` is also true for NaN, which TOML can spell.
    if (lo..=hi).contains(&value) {
        return None;
    }
    let shown = if value.is_finite() {
        trim(value)
    } else {
        value.to_string()
    };
    Some(OutOfRange {
        message: format!(
            "{} = {shown}：{what}须在 {}～{} {unit}之间",
            key.join("."),
            trim(lo),
            trim(hi)
        ),
        help: format!("改为 {}～{} {unit}之间的数", trim(lo), trim(hi)),
        key,
    })
}

fn trim(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The first value of `style` a writer cannot lay out, if any.
pub fn check(style: &Style) -> Option<OutOfRange> {
    let p = &style.page;
    let s = &style.sizes;
    let mm = |v: f32| v as f64;
    let checks = [
        range(
            vec!["page", "width_mm"],
            "纸张宽度",
            mm(p.width_mm),
            100.0,
            1000.0,
            "毫米",
        ),
        range(
            vec!["page", "height_mm"],
            "纸张高度",
            mm(p.height_mm),
            100.0,
            1000.0,
            "毫米",
        ),
        range(
            vec!["page", "margin_top_mm"],
            "天头",
            mm(p.margin_top_mm),
            0.0,
            200.0,
            "毫米",
        ),
        range(
            vec!["page", "margin_bottom_mm"],
            "下白边",
            mm(p.margin_bottom_mm),
            0.0,
            200.0,
            "毫米",
        ),
        range(
            vec!["page", "margin_left_mm"],
            "订口",
            mm(p.margin_left_mm),
            0.0,
            200.0,
            "毫米",
        ),
        range(
            vec!["page", "margin_right_mm"],
            "翻口",
            mm(p.margin_right_mm),
            0.0,
            200.0,
            "毫米",
        ),
        range(
            vec!["sizes", "title_pt"],
            "标题字号",
            mm(s.title_pt),
            8.0,
            72.0,
            "磅",
        ),
        range(
            vec!["sizes", "body_pt"],
            "正文字号",
            mm(s.body_pt),
            8.0,
            36.0,
            "磅",
        ),
        range(
            vec!["sizes", "heading_pt"],
            "标题字号",
            mm(s.heading_pt),
            8.0,
            36.0,
            "磅",
        ),
        range(
            vec!["sizes", "table_pt"],
            "表格字号",
            mm(s.table_pt),
            6.0,
            24.0,
            "磅",
        ),
        range(
            vec!["sizes", "page_number_pt"],
            "页码字号",
            mm(s.page_number_pt),
            6.0,
            36.0,
            "磅",
        ),
        range(
            vec!["lines_per_page"],
            "每页行数",
            style.lines_per_page as f64,
            5.0,
            60.0,
            "行",
        ),
        range(
            vec!["chars_per_line"],
            "每行字数",
            style.chars_per_line as f64,
            10.0,
            60.0,
            "字",
        ),
        range(
            vec!["indent_chars"],
            "首行缩进",
            style.indent_chars as f64,
            0.0,
            8.0,
            "字",
        ),
    ];
    if let Some(bad) = checks.into_iter().flatten().next() {
        return Some(bad);
    }
    // The block left by the margins must hold the grid it is asked for.
    if p.text_width_mm() < 60.0 {
        return Some(OutOfRange {
            key: vec!["page", "margin_left_mm"],
            message: format!(
                "左右白边合计 {} 毫米，版心只剩 {} 毫米宽",
                trim(mm(p.margin_left_mm + p.margin_right_mm)),
                trim(mm(p.text_width_mm()))
            ),
            help: "版心宽度至少 60 毫米（GB/T 9704：210 − 28 − 26 = 156 毫米）".into(),
        });
    }
    if p.text_height_mm() < 60.0 {
        return Some(OutOfRange {
            key: vec!["page", "margin_top_mm"],
            message: format!(
                "上下白边合计 {} 毫米，版心只剩 {} 毫米高",
                trim(mm(p.margin_top_mm + p.margin_bottom_mm)),
                trim(mm(p.text_height_mm()))
            ),
            help: "版心高度至少 60 毫米（GB/T 9704：297 − 37 − 35 = 225 毫米）".into(),
        });
    }
    // 28 characters of 16 pt in 156 mm: a pitch a little under the size is
    // what 公文 do; much less and characters overlap.
    let pitch = style.char_pitch_pt();
    if s.body_pt > pitch * 1.15 {
        return Some(OutOfRange {
            key: vec!["chars_per_line"],
            message: format!(
                "每行 {} 字、字号 {} 磅放不进 {} 毫米宽的版心（字距只有 {} 磅）",
                style.chars_per_line,
                trim(mm(s.body_pt)),
                trim(mm(p.text_width_mm())),
                trim(pitch as f64)
            ),
            help: "减少每行字数、减小正文字号或加宽版心".into(),
        });
    }
    let line = style.line_pitch_pt();
    if s.body_pt > line {
        return Some(OutOfRange {
            key: vec!["lines_per_page"],
            message: format!(
                "每页 {} 行、字号 {} 磅放不进 {} 毫米高的版心（行距只有 {} 磅）",
                style.lines_per_page,
                trim(mm(s.body_pt)),
                trim(mm(p.text_height_mm())),
                trim(line as f64)
            ),
            help: "减少每页行数、减小正文字号或加高版心".into(),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_is_within_limits() {
        assert_eq!(check(&Style::default()), None);
    }

    #[test]
    fn centimetres_nan_and_crowded_grids_are_refused() {
        let mut s = Style::default();
        s.page.width_mm = 21.0;
        assert_eq!(check(&s).unwrap().key, ["page", "width_mm"]);
        let mut s = Style::default();
        s.sizes.body_pt = f32::NAN;
        let bad = check(&s).unwrap();
        assert_eq!(bad.key, ["sizes", "body_pt"]);
        assert!(bad.message.contains("NaN"), "{}", bad.message);
        let s = Style {
            chars_per_line: 40,
            ..Style::default()
        };
        assert_eq!(check(&s).unwrap().key, ["chars_per_line"]);
        let mut s = Style::default();
        s.page.margin_left_mm = 100.0;
        s.page.margin_right_mm = 90.0;
        assert_eq!(check(&s).unwrap().key, ["page", "margin_left_mm"]);
        let s = Style {
            lines_per_page: 60,
            ..Style::default()
        };
        assert_eq!(check(&s).unwrap().key, ["lines_per_page"]);
    }
}
