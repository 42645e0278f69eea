//! Page and type style: the built-in GB/T 9704-2012 公文 layout. Writers
//! read layout from here, never from constants of their own; a provincial
//! profile's `style.toml` overrides fields of it.

use serde::{Deserialize, Serialize};

/// Millimetres to points.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Page {
    pub width_mm: f32,
    pub height_mm: f32,
    pub margin_top_mm: f32,
    pub margin_bottom_mm: f32,
    pub margin_left_mm: f32,
    pub margin_right_mm: f32,
}

impl Default for Page {
    /// A4 with the margins of GB/T 9704: text block 156 × 225 mm.
    fn default() -> Self {
        Page {
            width_mm: 210.0,
            height_mm: 297.0,
            margin_top_mm: 37.0,
            margin_bottom_mm: 35.0,
            margin_left_mm: 28.0,
            margin_right_mm: 26.0,
        }
    }
}

impl Page {
    pub fn text_width_mm(&self) -> f32 {
        self.width_mm - self.margin_left_mm - self.margin_right_mm
    }
    pub fn text_height_mm(&self) -> f32 {
        self.height_mm - self.margin_top_mm - self.margin_bottom_mm
    }
}

/// Font family names by role, each with fallbacks (official name first so
/// office PCs use their installed fonts).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Fonts {
    pub title: Vec<String>,
    pub body: Vec<String>,
    pub heading1: Vec<String>,
    pub heading2: Vec<String>,
    pub table: Vec<String>,
    /// Page numbers (`— 1 —`): 4号 半角宋体 digits (GB/T 9704 §7.5).
    pub page_number: Vec<String>,
    /// Font files for the PDF writer, by role (tried before system fonts).
    pub files: FontFiles,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FontFiles {
    pub title: Option<String>,
    pub body: Option<String>,
    pub heading1: Option<String>,
    pub heading2: Option<String>,
    pub table: Option<String>,
    pub page_number: Option<String>,
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

impl Default for Fonts {
    fn default() -> Self {
        Fonts {
            title: names(&[
                "方正小标宋简体",
                "方正小标宋_GBK",
                "华文中宋",
                "宋体",
                "SimSun",
            ]),
            body: names(&["仿宋_GB2312", "仿宋", "FangSong", "STFangsong"]),
            heading1: names(&["黑体", "SimHei", "STHeiti"]),
            heading2: names(&["楷体_GB2312", "楷体", "KaiTi", "STKaiti"]),
            table: names(&["仿宋_GB2312", "仿宋", "FangSong", "STFangsong"]),
            page_number: names(&["宋体", "SimSun", "Songti SC", "STSong"]),
            files: FontFiles::default(),
        }
    }
}

/// Sizes in points. 2号 = 22 pt, 3号 = 16 pt, 4号 = 14 pt, 小4 = 12 pt, 5号 = 10.5 pt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Sizes {
    pub title_pt: f32,
    pub body_pt: f32,
    pub heading_pt: f32,
    pub table_pt: f32,
    pub page_number_pt: f32,
}

impl Default for Sizes {
    fn default() -> Self {
        Sizes {
            title_pt: 22.0,
            body_pt: 16.0,
            heading_pt: 16.0,
            table_pt: 10.5,
            page_number_pt: 14.0,
        }
    }
}

/// What the DOCX carries besides the text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Docx {
    /// Embed a subset of each role's face (`render --embed-fonts`) for
    /// machines without the official faces; off by default
    /// (docs/decisions/0008-docx-fonts.md).
    pub embed_fonts: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Style {
    pub page: Page,
    pub fonts: Fonts,
    pub sizes: Sizes,
    /// Body lines per page (GB/T 9704: 22); the line pitch follows from it.
    pub lines_per_page: u32,
    /// Characters per body line (GB/T 9704: 28).
    pub chars_per_line: u32,
    /// First-line indent of body paragraphs, in characters.
    pub indent_chars: u32,
    pub docx: Docx,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            page: Page::default(),
            fonts: Fonts::default(),
            sizes: Sizes::default(),
            lines_per_page: 22,
            chars_per_line: 28,
            indent_chars: 2,
            docx: Docx::default(),
        }
    }
}

impl Style {
    /// Baseline-to-baseline distance of body text: 225 mm / 22 ≈ 28.95 pt.
    pub fn line_pitch_pt(&self) -> f32 {
        self.page.text_height_mm() * PT_PER_MM / self.lines_per_page.max(1) as f32
    }
    /// Character pitch of body text: 156 mm / 28 ≈ 15.8 pt.
    pub fn char_pitch_pt(&self) -> f32 {
        self.page.text_width_mm() * PT_PER_MM / self.chars_per_line.max(1) as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gb9704_grid() {
        let s = Style::default();
        assert_eq!(s.page.text_width_mm(), 156.0);
        assert_eq!(s.page.text_height_mm(), 225.0);
        assert!(
            (s.line_pitch_pt() - 28.95).abs() < 0.05,
            "{}",
            s.line_pitch_pt()
        );
        assert!(
            (s.char_pitch_pt() - 15.72).abs() < 0.1,
            "{}",
            s.char_pitch_pt()
        );
    }
}
