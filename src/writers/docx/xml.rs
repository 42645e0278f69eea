//! Writing WordprocessingML text: escaping, and the run and paragraph
//! properties every writer part shares, each element in the order the
//! OOXML schema requires (a strict reader such as Word repairs anything
//! else).

use std::fmt::Write as _;

/// Text or an attribute value as XML: markup characters escaped, and the
/// characters XML 1.0 cannot carry dropped (most control characters, the
/// non-characters U+FFFE/U+FFFF).
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' => out.push(c),
            c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The face of digits and Latin letters in body text and tables, as
/// published reports set them (the PDF's open 仿宋 takes them from a face
/// with its metrics).
pub const LATIN: &str = "Times New Roman";

/// Run properties: the font (`latin` for digits and Latin letters, else the
/// font in all four slots), the character spacing (in twentieths of a
/// point), the size, the languages (schema order: rFonts, spacing, sz,
/// szCs, lang). With its own Latin face, Latin text is en-US as Word and
/// WPS write it: marked zh-CN, LibreOffice broke figures between their
/// digits (`完善公示 1` / `5 项`).
pub fn rpr(out: &mut String, font: &str, latin: Option<&str>, half_points: u32, spacing: i32) {
    let f = esc(font);
    let l = esc(latin.unwrap_or(font));
    let _ = write!(
        out,
        "<w:rPr><w:rFonts w:ascii=\"{l}\" w:hAnsi=\"{l}\" w:eastAsia=\"{f}\" w:cs=\"{f}\"/>"
    );
    if spacing != 0 {
        let _ = write!(out, "<w:spacing w:val=\"{spacing}\"/>");
    }
    let _ = write!(
        out,
        "<w:sz w:val=\"{half_points}\"/><w:szCs w:val=\"{half_points}\"/><w:lang w:val=\"{}\" w:eastAsia=\"zh-CN\"/></w:rPr>",
        if latin.is_some() { "en-US" } else { "zh-CN" }
    );
}

/// Runs of `text` in one font: line breaks become `w:br`, spaces are kept.
pub fn runs(
    out: &mut String,
    text: &str,
    font: &str,
    latin: Option<&str>,
    half_points: u32,
    spacing: i32,
) {
    out.push_str("<w:r>");
    rpr(out, font, latin, half_points, spacing);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<w:br/>");
        }
        if !line.is_empty() {
            let _ = write!(out, "<w:t xml:space=\"preserve\">{}</w:t>", esc(line));
        }
    }
    out.push_str("</w:r>");
}

/// Paragraph properties, written in schema order from what is set.
#[derive(Default)]
pub struct PPr<'a> {
    pub style: Option<&'a str>,
    pub keep_next: bool,
    pub keep_lines: bool,
    /// No automatic space between 汉字 and Latin or digits (LibreOffice
    /// ignores the document default, so each paragraph says it).
    pub no_auto_space: bool,
    pub snap_to_grid: Option<bool>,
    /// Exact line pitch in twips; `None` for single (240, auto).
    pub exact: Option<u32>,
    pub first_line: Option<(u32, u32)>,
    /// Left and right indents in twips.
    pub left: Option<u32>,
    pub right: Option<u32>,
    pub jc: Option<&'static str>,
    pub outline: Option<u8>,
}

impl PPr<'_> {
    pub fn write(&self, out: &mut String) {
        out.push_str("<w:pPr>");
        if let Some(s) = self.style {
            let _ = write!(out, "<w:pStyle w:val=\"{s}\"/>");
        }
        if self.keep_next {
            out.push_str("<w:keepNext/>");
        }
        if self.keep_lines {
            out.push_str("<w:keepLines/>");
        }
        if self.no_auto_space {
            out.push_str("<w:autoSpaceDE w:val=\"0\"/><w:autoSpaceDN w:val=\"0\"/>");
        }
        if let Some(snap) = self.snap_to_grid {
            let _ = write!(out, "<w:snapToGrid w:val=\"{}\"/>", u8::from(snap));
        }
        match self.exact {
            Some(line) => {
                let _ = write!(
                    out,
                    "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"{line}\" w:lineRule=\"exact\"/>"
                );
            }
            None => out.push_str(
                "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>",
            ),
        }
        if self.left.is_some() || self.right.is_some() || self.first_line.is_some() {
            out.push_str("<w:ind");
            if let Some(l) = self.left {
                let _ = write!(out, " w:left=\"{l}\"");
            }
            if let Some(r) = self.right {
                let _ = write!(out, " w:right=\"{r}\"");
            }
            if let Some((chars, twips)) = self.first_line {
                let _ = write!(out, " w:firstLineChars=\"{chars}\" w:firstLine=\"{twips}\"");
            }
            out.push_str("/>");
        }
        if let Some(jc) = self.jc {
            let _ = write!(out, "<w:jc w:val=\"{jc}\"/>");
        }
        if let Some(level) = self.outline {
            let _ = write!(out, "<w:outlineLvl w:val=\"{level}\"/>");
        }
        out.push_str("</w:pPr>");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_text_and_drops_what_xml_cannot_carry() {
        assert_eq!(esc("<w:p>&\"]]>"), "&lt;w:p&gt;&amp;&quot;]]&gt;");
        assert_eq!(esc("a\u{1}\u{b}\u{1f}b\u{fffe}"), "ab");
        assert_eq!(esc("甲\t乙"), "甲\t乙");
    }

    #[test]
    fn paragraph_properties_in_schema_order() {
        let mut s = String::new();
        PPr {
            style: Some("Heading1"),
            keep_next: true,
            exact: Some(579),
            first_line: Some((200, 640)),
            jc: Some("both"),
            outline: Some(0),
            ..Default::default()
        }
        .write(&mut s);
        let order = ["pStyle", "keepNext", "spacing", "ind", "jc", "outlineLvl"];
        let at: Vec<usize> = order
            .iter()
            .map(|t| s.find(&format!("<w:{t}")).unwrap())
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{s}");
    }
}
