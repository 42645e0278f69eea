//! HTML: a standalone HTML5 page as government sites publish reports
//! (inline CSS, no external resources, readable on a phone, prints as A4
//! 公文), or with `--fragment` only the article body with class names and no
//! styles, to paste into a CMS editor.

use std::fmt::Write as _;

use super::WriteOptions;
use crate::doc::ir::*;
use crate::doc::style::Style;
use crate::writers::layout::table;

/// Escapes text and attribute values: nothing typed by a user becomes markup.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Text with line breaks as `<br>`.
fn text(s: &str) -> String {
    s.lines().map(escape).collect::<Vec<_>>().join("<br>")
}

/// A font name as the inside of a quoted CSS string: quotes, backslashes,
/// `<` and `>` escaped as CSS escapes, so a name from a profile can never end
/// the string or the `<style>` element; control characters dropped.
fn css_string(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' => out.push_str(&format!("\\{:x} ", c as u32)),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A CSS font-family list, each name quoted.
fn family(names: &[String], generic: &str) -> String {
    let mut v: Vec<String> = names
        .iter()
        .map(|n| format!("\"{}\"", css_string(n)))
        .collect();
    v.push(generic.to_string());
    v.join(", ")
}

fn css(style: &Style) -> String {
    let f = &style.fonts;
    let s = &style.sizes;
    let p = &style.page;
    format!(
        r#"
:root {{ --gr-body: {body}; --gr-title: {title}; --gr-h1: {h1}; --gr-h2: {h2}; --gr-table: {table}; }}
body {{ margin: 0; background: #f4f4f4; color: #111; }}
.gr-report {{ box-sizing: border-box; max-width: 56rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; background: #fff;
  font-family: var(--gr-body); font-size: 1rem; line-height: 1.8; text-align: justify; overflow-wrap: anywhere; }}
.gr-title {{ font-family: var(--gr-title); font-size: 1.6rem; font-weight: normal; text-align: center; line-height: 1.5; margin: 1rem 0 1.5rem; }}
.gr-report h2 {{ font-family: var(--gr-h1); font-size: 1.1rem; font-weight: normal; margin: 1.4rem 0 .4rem; }}
.gr-report h3 {{ font-family: var(--gr-h2); font-size: 1rem; font-weight: normal; margin: .8rem 0 .2rem; text-indent: 2em; }}
.gr-report p {{ margin: 0 0 .4rem; text-indent: {indent}em; }}
.gr-report p.gr-signature {{ text-align: right; text-indent: 0; margin: 0; }}
.gr-report p.gr-signature:first-of-type, .gr-report p:not(.gr-signature) + p.gr-signature {{ margin-top: 2rem; }}
.gr-table-wrap {{ overflow-x: auto; -webkit-overflow-scrolling: touch; margin: .6rem 0 1rem; }}
.gr-table {{ border-collapse: collapse; width: 100%; min-width: 20rem; font-family: var(--gr-table); font-size: .875rem; line-height: 1.4; text-align: center; }}
.gr-table caption {{ caption-side: top; font-size: .875rem; color: #555; padding-bottom: .3rem; }}
.gr-table th, .gr-table td {{ border: 1px solid #333; padding: .3rem .4rem; vertical-align: middle; }}
.gr-table th {{ font-weight: normal; background: #fafafa; }}
.gr-table tbody th {{ text-align: left; }}
/* Column heads in the body (table 二's 信息内容 rows) centred over their figures. */
.gr-table tbody th[scope^="col"] {{ text-align: center; }}
.gr-table caption.gr-sr {{ position: absolute; width: 1px; height: 1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }}
.gr-table td.gr-num {{ text-align: center; font-variant-numeric: tabular-nums; white-space: nowrap; }}
.gr-table .gr-nb {{ word-break: keep-all; overflow-wrap: normal; }}
/* Fixed labels: breaks only at their word boundaries (wbr elements), unless a word
   is wider than its cell. */
.gr-table .gr-words {{ word-break: keep-all; overflow-wrap: anywhere; }}
#t3 {{ min-width: 44rem; }}
#t4 {{ min-width: 44rem; }}
.gr-title span {{ display: inline-block; }}
@media screen and (max-width: 40rem) {{
  .gr-title {{ font-size: 1.3rem; }}
  .gr-table caption {{ position: sticky; left: 0; text-align: left; }}
  /* Table 三 scrolls sideways on a phone with its row labels pinned at the
     left: the two group columns set vertically, 2rem each, the item labels
     beside them; together 36 % of the screen, so the figures keep the rest. */
  #t3 {{ table-layout: fixed; width: calc(36vw + 7 * 4.5rem); min-width: 0; }}
  #t3 col.gr-col0, #t3 col.gr-col1 {{ width: 2rem; }}
  #t3 col.gr-col2 {{ width: calc(36vw - 4rem); }}
  #t3 tbody th {{ position: sticky; z-index: 1; background: #fafafa; }}
  #t3 tbody th.gr-c0 {{ left: 0; }}
  #t3 tbody th.gr-c1 {{ left: 2rem; }}
  #t3 tbody th.gr-c2 {{ left: 4rem; }}
  #t3 tbody th.gr-c0[rowspan], #t3 tbody th.gr-c1[rowspan] {{ writing-mode: vertical-rl; text-orientation: upright; padding: .4rem 0; }}
}}
@media print {{
  @page {{ size: A4; margin: {mt}mm {mr}mm {mb}mm {ml}mm; }}
  @page :right {{ @bottom-right {{ content: "— " counter(page) " —"; {pn} margin-right: {pn_in}pt; }} }}
  @page :left {{ @bottom-left {{ content: "— " counter(page) " —"; {pn} margin-left: {pn_in}pt; }} }}
  body {{ background: #fff; }}
  .gr-report {{ max-width: none; padding: 0; font-size: {body_pt}pt; line-height: {pitch:.2}pt; letter-spacing: {track:.2}pt; }}
  .gr-title {{ font-size: {title_pt}pt; letter-spacing: 0; line-height: 1.4; }}
  .gr-report h2, .gr-report h3 {{ font-size: {heading_pt}pt; margin: 0; line-height: {pitch:.2}pt; }}
  .gr-report p {{ margin: 0; }}
  .gr-report h2, .gr-report h3, .gr-table caption {{ break-after: avoid; break-inside: avoid; }}
  .gr-report p:has(+ .gr-table-wrap) {{ break-after: avoid; }}
  .gr-report p.gr-signature {{ break-inside: avoid; }}
  .gr-report p.gr-signature + p.gr-signature {{ break-before: avoid; }}
  .gr-table-wrap {{ overflow: visible; }}
  .gr-table, #t3, #t4 {{ min-width: 0; font-size: {table_pt}pt; letter-spacing: 0; line-height: 1.2; }}
  .gr-table thead {{ display: table-header-group; break-after: avoid; }}
  .gr-table tr {{ break-inside: avoid; }}
  /* A row holding a group label (三、本年度办理结果 spans 22 rows) may break:
     kept whole, the group jumped to the next page and left two thirds of
     a page empty. */
  .gr-table tr:has(> [rowspan]) {{ break-inside: auto; }}
  .gr-table tbody tr:not(:has(td)) {{ break-after: avoid; }}
  .gr-table th {{ background: none; }}
  /* As compact as the PDF's rows: table 三 on as many pages as there. */
  .gr-table th, .gr-table td {{ padding: 2pt 3pt; }}
}}
"#,
        body = family(&f.body, "serif"),
        title = family(&f.title, "serif"),
        h1 = family(&f.heading1, "sans-serif"),
        h2 = family(&f.heading2, "serif"),
        table = family(&f.table, "serif"),
        indent = style.indent_chars,
        mt = p.margin_top_mm,
        mr = p.margin_right_mm,
        mb = p.margin_bottom_mm,
        ml = p.margin_left_mm,
        body_pt = s.body_pt,
        pitch = style.line_pitch_pt(),
        title_pt = s.title_pt,
        heading_pt = s.heading_pt,
        table_pt = s.table_pt,
        track = style.char_pitch_pt() - s.body_pt,
        // GB/T 9704 §7.5: 4号 半角宋体 digits, dashes 7 mm below the text
        // block (the box's top 7 mm down, less half the line), one character in.
        pn = format!(
            "font-family: {}; font-size: {}pt; vertical-align: top; padding-top: {:.1}mm;",
            family(&f.page_number, "serif"),
            s.page_number_pt,
            7.0 - s.page_number_pt * 0.5 / crate::doc::style::PT_PER_MM
        ),
        pn_in = s.page_number_pt,
    )
}

/// `scope` of a header cell: column headers in the head (and in all-label
/// rows of the body), row headers beside the figures.
fn scope(t: &Table, row: usize, cell: &Cell, all_labels: bool) -> &'static str {
    let head = row < t.header_rows || all_labels || cell.colspan == t.columns;
    match (head, cell.colspan > 1 || cell.rowspan > 1) {
        (true, true) => "colgroup",
        (true, false) => "col",
        (false, true) => "rowgroup",
        (false, false) => "row",
    }
}

/// The grid column each cell of each row starts in (empty when the cells
/// do not tile the grid: no classes then).
fn start_columns(t: &Table) -> Vec<Vec<usize>> {
    let Ok(grid) = t.grid() else {
        return Vec::new();
    };
    t.rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            (0..row.len())
                .map(|i| {
                    grid[r]
                        .iter()
                        .position(|s| s.row == r && s.cell == i)
                        .unwrap_or(0)
                })
                .collect()
        })
        .collect()
}

/// Printed column widths, as the PDF writer measures them (figures
/// and short labels whole, labels broken as little as the width allows):
/// without them Chromium gave the item labels one- and two-character tails.
fn print_widths(doc: &Document, style: &Style) -> String {
    let total = style.page.text_width_mm() * crate::doc::style::PT_PER_MM;
    let em = style.sizes.table_pt;
    // .4rem of padding each side at 12 pt a rem.
    let pad = 2.0 * 4.8;
    let ems = |s: &str| -> f32 {
        s.chars()
            .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
            .sum()
    };
    let mut css = String::new();
    for b in &doc.blocks {
        let Block::Table(t) = b else { continue };
        // Only ids that are safe as they are in a selector.
        if t.id.is_empty()
            || !t
                .id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            continue;
        }
        // As the PDF: 三、本年度办理结果 in a one-character column, where it
        // wraps one character a line (vertical writing would make the row
        // unbreakable across pages in Chromium's print).
        let w = table::fit_columns(t, total, pad, em, true, |s| ems(s) * em)
            .unwrap_or_else(|| table::column_widths(t, total, em, pad));
        let sum: f32 = w.iter().sum();
        if sum <= 0.0 {
            continue;
        }
        let _ = writeln!(css, "  #{} {{ table-layout: fixed; width: 100%; }}", t.id);
        for (i, x) in w.iter().enumerate() {
            let _ = writeln!(
                css,
                "  #{} col.gr-col{i} {{ width: {:.2}%; }}",
                t.id,
                x / sum * 100.0
            );
        }
    }
    css
}

fn table(out: &mut String, t: &Table, repeats_heading: bool) {
    out.push_str("<div class=\"gr-table-wrap\">\n");
    if t.id.is_empty() {
        out.push_str("<table class=\"gr-table\">\n");
    } else {
        let _ = writeln!(out, "<table id=\"{}\" class=\"gr-table\">", escape(&t.id));
    }
    if !t.caption.is_empty() {
        // Under a heading that already names the table, the caption is for
        // screen readers only (seen, it repeats the line above).
        let class = if repeats_heading {
            " class=\"gr-sr\""
        } else {
            ""
        };
        let _ = writeln!(out, "<caption{class}>{}</caption>", text(&t.caption));
    }
    // One <col> a column: what the narrow screen's fixed layout sizes.
    out.push_str("<colgroup>");
    for c in 0..t.columns {
        let _ = write!(out, "<col class=\"gr-col{c}\">");
    }
    out.push_str("</colgroup>\n");
    let starts = start_columns(t);
    for (r, row) in t.rows.iter().enumerate() {
        if r == 0 && t.header_rows > 0 {
            out.push_str("<thead>\n");
        }
        if r == t.header_rows {
            out.push_str("<tbody>\n");
        }
        let all_labels = row.iter().all(|c| c.header);
        let heading = r < t.header_rows || all_labels;
        out.push_str("<tr>");
        for (c, cell) in row.iter().enumerate() {
            let tag = if cell.header { "th" } else { "td" };
            // As in the PDF: short labels and figures never break; longer head
            // labels only between pairs of characters (`商业/企业`).
            // A fixed label breaks only between its words (`三、本/年度办/理结果`
            // and `稳/定”` were broken inside words), as in the PDF.
            let words = if cell.numeric {
                None
            } else {
                crate::model::tables::label_words(&cell.text)
            };
            let pairs = words.is_none()
                && heading
                && !cell.numeric
                && cell.text.chars().all(|c| !c.is_ascii())
                && (4..=8).contains(&cell.text.chars().count())
                && cell.text.chars().count() % 2 == 0;
            let whole = table::unbreakable(t, r, heading, cell);
            let _ = write!(out, "<{tag}");
            if cell.header {
                let _ = write!(out, " scope=\"{}\"", scope(t, r, cell, all_labels));
            }
            if cell.rowspan > 1 {
                let _ = write!(out, " rowspan=\"{}\"", cell.rowspan);
            }
            if cell.colspan > 1 {
                let _ = write!(out, " colspan=\"{}\"", cell.colspan);
            }
            let mut class: Vec<String> = Vec::new();
            match (cell.numeric, whole || pairs, words.is_some()) {
                (true, _, _) => class.push("gr-num".into()),
                (false, _, true) => class.push("gr-words".into()),
                (false, true, _) => class.push("gr-nb".into()),
                _ => {}
            }
            // A row label's column: the narrow screen pins each label
            // column at its own offset.
            if let Some(start) = starts.get(r).and_then(|row| row.get(c))
                && cell.header
                && !heading
            {
                class.push(format!("gr-c{start}"));
            }
            if !class.is_empty() {
                let _ = write!(out, " class=\"{}\"", class.join(" "));
            }
            let body = if let Some(words) = &words {
                words
                    .iter()
                    .map(|w| escape(w))
                    .collect::<Vec<_>>()
                    .join("<wbr>")
            } else if pairs {
                let chars: Vec<char> = cell.text.chars().collect();
                chars
                    .chunks(2)
                    .map(|c| escape(&c.iter().collect::<String>()))
                    .collect::<Vec<_>>()
                    .join("<wbr>")
            } else {
                text(&cell.text)
            };
            let _ = write!(out, ">{body}</{tag}>");
        }
        out.push_str("</tr>\n");
        if r + 1 == t.header_rows {
            out.push_str("</thead>\n");
        }
    }
    if t.rows.len() > t.header_rows {
        out.push_str("</tbody>\n");
    }
    out.push_str("</table>\n</div>\n");
}

/// The article: the same markup in the page and in the fragment.
fn article(doc: &Document) -> String {
    let mut out = String::from("<article class=\"gr-report\">\n");
    for (i, b) in doc.blocks.iter().enumerate() {
        match b {
            Block::Title(t) => {
                // The agency's name (word by word) and the rest as unbreakable
                // units: a narrow screen breaks between them, never inside a word.
                let title = match t.strip_prefix(doc.meta.author.as_str()) {
                    Some(rest)
                        if !doc.meta.author.is_empty() && !rest.is_empty() && !t.contains('\n') =>
                    {
                        // A name longer than a phone's line (about 14 characters
                        // of the title size) breaks only between its words; a
                        // shorter one stays whole, so the break falls before the year.
                        let words = if doc.meta.author.chars().count() > 14 {
                            crate::doc::title::words(&doc.meta.author)
                        } else {
                            vec![doc.meta.author.clone()]
                        };
                        let name: Vec<String> = words
                            .iter()
                            .map(|w| format!("<span>{}</span>", escape(w)))
                            .collect();
                        format!("{}<wbr><span>{}</span>", name.join("<wbr>"), escape(rest))
                    }
                    _ => text(t),
                };
                let _ = writeln!(out, "<h1 class=\"gr-title\">{title}</h1>");
            }
            Block::Heading { level, text: t } => {
                let (h, class) = if *level == 1 {
                    ("h2", "gr-h1")
                } else {
                    ("h3", "gr-h2")
                };
                let _ = writeln!(out, "<{h} class=\"{class}\">{}</{h}>", text(t));
            }
            Block::Paragraph(p) => match p.style {
                ParaStyle::Body => {
                    let _ = writeln!(out, "<p>{}</p>", text(&p.text));
                }
                ParaStyle::Signature => {
                    let _ = writeln!(out, "<p class=\"gr-signature\">{}</p>", text(&p.text));
                }
            },
            Block::Table(t) => {
                let repeats = i > 0
                    && matches!(&doc.blocks[i - 1], Block::Heading { text: h, .. }
                        if !t.caption.is_empty() && h.ends_with(t.caption.as_str()));
                table(&mut out, t, repeats)
            }
        }
    }
    out.push_str("</article>\n");
    out
}

pub fn render(doc: &Document, opts: &WriteOptions) -> Result<String, String> {
    if opts.fragment {
        return Ok(article(doc));
    }
    let mut out =
        String::from("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(out, "<title>{}</title>", escape(&doc.meta.title));
    if !doc.meta.author.is_empty() {
        let _ = writeln!(
            out,
            "<meta name=\"author\" content=\"{}\">",
            escape(&doc.meta.author)
        );
    }
    if let Some(d) = &doc.meta.date {
        let _ = writeln!(
            out,
            "<meta name=\"dcterms.date\" content=\"{}\">",
            escape(d)
        );
    }
    out.push_str("<meta name=\"generator\" content=\"govreport\">\n");
    let _ = writeln!(
        out,
        "<style>{}@media print {{\n{}}}\n</style>",
        css(&opts.style),
        print_widths(doc, &opts.style)
    );
    out.push_str("</head>\n<body>\n");
    out.push_str(&article(doc));
    out.push_str("</body>\n</html>\n");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn font_names_cannot_leave_the_style_element() {
        let mut style = Style::default();
        style.fonts.body = vec!["仿宋\"</style><script>alert(1)</script>\\".into()];
        let css = css(&style);
        assert!(!css.contains('<') && !css.contains("</style"), "{css}");
        assert!(css.contains("仿宋\\22 \\3c /style\\3e "), "{css}");
    }

    #[test]
    fn escaping_creates_no_markup() {
        assert_eq!(escape("<script>&\"'"), "&lt;script&gt;&amp;&quot;&#39;");
        assert_eq!(escape("{{ x }} {% if %}"), "{{ x }} {% if %}");
        assert_eq!(escape("a\u{1}b"), "ab");
    }
}
