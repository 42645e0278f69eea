//! Template output (a small XHTML subset) → document IR.
//!
//! Accepted: `<report title author date>` root; `h1`, `h2`, `h3`, `p`
//! (`class="signature"`), `table` (`id`), `caption`, `thead`, `tbody`, `tr`,
//! `th`, `td` (`rowspan`, `colspan`, `class="num"`), and `br` inside text.
//! Anything else is an error located in the markup, so a profile author
//! learns at once what their template produced.

use crate::doc::ir::*;

#[derive(Debug, Clone, PartialEq)]
pub struct MarkupError {
    pub message: String,
    /// 1-based line and column in the rendered markup.
    pub line: u32,
    pub column: u32,
}

impl std::fmt::Display for MarkupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}（生成内容第 {} 行第 {} 列）",
            self.message, self.line, self.column
        )
    }
}

pub fn parse(markup: &str) -> Result<Document, MarkupError> {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: 1_000_000,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(markup, opts).map_err(|e| {
        let pos = e.pos();
        MarkupError {
            message: format!("模板生成的内容不是有效的 XHTML：{e}"),
            line: pos.row,
            column: pos.col,
        }
    })?;
    let root = doc.root_element();
    let err = |node: roxmltree::Node, message: String| {
        let pos = doc.text_pos_at(node.range().start);
        MarkupError {
            message,
            line: pos.row,
            column: pos.col,
        }
    };
    if root.tag_name().name() != "report" {
        return Err(err(
            root,
            format!("根元素应为 <report>，这里是 <{}>", root.tag_name().name()),
        ));
    }
    let mut out = Document {
        meta: Meta {
            title: root.attribute("title").unwrap_or_default().to_string(),
            author: root.attribute("author").unwrap_or_default().to_string(),
            date: root
                .attribute("date")
                .filter(|d| !d.is_empty())
                .map(str::to_string),
        },
        blocks: Vec::new(),
    };
    for node in root.children() {
        if node.is_text() {
            if !node.text().unwrap_or("").trim().is_empty() {
                return Err(err(
                    node,
                    "文字必须放在 <p>、<h1>–<h3> 或表格单元格中".into(),
                ));
            }
            continue;
        }
        if !node.is_element() {
            continue;
        }
        let name = node.tag_name().name();
        match name {
            "h1" => out.blocks.push(Block::Title(text_of(node))),
            "h2" | "h3" => {
                let text = text_of(node);
                if !text.is_empty() {
                    out.blocks.push(Block::Heading {
                        level: if name == "h2" { 1 } else { 2 },
                        text,
                    });
                }
            }
            "p" => {
                let text = text_of(node);
                if text.is_empty() {
                    continue;
                }
                let style = match node.attribute("class") {
                    Some("signature") => ParaStyle::Signature,
                    None | Some("") | Some("body") => ParaStyle::Body,
                    Some(other) => {
                        return Err(err(
                            node,
                            format!("<p> 的 class 只能是 signature，这里是 \"{other}\""),
                        ));
                    }
                };
                out.blocks.push(Block::Paragraph(Paragraph { text, style }));
            }
            "table" => out
                .blocks
                .push(Block::Table(table(node).map_err(|(n, m)| err(n, m))?)),
            other => {
                return Err(err(
                    node,
                    format!("不支持的元素 <{other}>：只能用 h1、h2、h3、p、table"),
                ));
            }
        }
    }
    Ok(out)
}

type NodeErr<'a, 'i> = (roxmltree::Node<'a, 'i>, String);

fn table<'a, 'i>(node: roxmltree::Node<'a, 'i>) -> Result<Table, NodeErr<'a, 'i>> {
    let mut t = Table {
        id: node.attribute("id").unwrap_or_default().to_string(),
        ..Table::default()
    };
    for child in node.children().filter(|n| n.is_element()) {
        match child.tag_name().name() {
            "caption" => t.caption = text_of(child),
            "thead" => {
                for tr in child.children().filter(|n| n.is_element()) {
                    t.rows.push(row(tr)?);
                    t.header_rows += 1;
                }
            }
            "tbody" => {
                for tr in child.children().filter(|n| n.is_element()) {
                    t.rows.push(row(tr)?);
                }
            }
            "tr" => t.rows.push(row(child)?),
            other => return Err((child, format!("<table> 中不支持 <{other}>"))),
        }
    }
    // The column count is the width of the first row.
    t.columns = t
        .rows
        .first()
        .map(|r| r.iter().map(|c| c.colspan).sum())
        .unwrap_or(0);
    if let Err(e) = t.grid() {
        return Err((node, format!("表格{}的合并单元格不成矩形：{e}", t.id)));
    }
    Ok(t)
}

fn row<'a, 'i>(tr: roxmltree::Node<'a, 'i>) -> Result<Vec<Cell>, NodeErr<'a, 'i>> {
    if tr.tag_name().name() != "tr" {
        return Err((
            tr,
            format!("这里应为 <tr>，不是 <{}>", tr.tag_name().name()),
        ));
    }
    let mut cells = Vec::new();
    for c in tr.children().filter(|n| n.is_element()) {
        let name = c.tag_name().name();
        if name != "td" && name != "th" {
            return Err((c, format!("<tr> 中只能有 <td> 或 <th>，这里是 <{name}>")));
        }
        let span = |attr: &str| -> Result<usize, NodeErr<'a, 'i>> {
            match c.attribute(attr) {
                None => Ok(1),
                Some(v) => match v.trim().parse::<usize>() {
                    Ok(n) if (1..=1000).contains(&n) => Ok(n),
                    _ => Err((c, format!("{attr}=\"{v}\" 不是有效的正整数"))),
                },
            }
        };
        cells.push(Cell {
            text: text_of(c),
            rowspan: span("rowspan")?,
            colspan: span("colspan")?,
            header: name == "th",
            numeric: c
                .attribute("class")
                .is_some_and(|k| k.split(' ').any(|k| k == "num")),
        });
    }
    Ok(cells)
}

/// Stands for `<br/>` while template line breaks are being removed.
const BR: char = '\u{E000}'; // private use: not white space, so trims keep it

/// Text content with template line breaks removed: a newline (with its
/// indentation) between 汉字 is layout of the template, not a space.
fn text_of(node: roxmltree::Node) -> String {
    let mut raw = String::new();
    for d in node.descendants() {
        if d.is_text() {
            raw.push_str(d.text().unwrap_or(""));
        } else if d.is_element() && d.tag_name().name() == "br" {
            raw.push(BR);
        }
    }
    let mut out = String::with_capacity(raw.len());
    let mut lines = raw
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .peekable();
    while let Some(l) = lines.next() {
        out.push_str(l);
        if let Some(next) = lines.peek() {
            let a = l.chars().last().unwrap_or(' ');
            let b = next.chars().next().unwrap_or(' ');
            if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() {
                out.push(' ');
            }
        }
    }
    // Explicit line breaks survive; spaces around them are layout.
    out.split(BR).map(str::trim).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn br_is_a_line_break_template_newlines_are_not() {
        let d = parse("<report><h1>某某局\n  <br/>2024年报告</h1></report>").unwrap();
        assert_eq!(d.blocks[0], Block::Title("某某局\n2024年报告".into()));
    }

    #[test]
    fn parses_blocks_and_spans() {
        let m = r#"<report title="T" author="A" date="2025-01-20">
<h1>标题</h1><h2>一、总体情况</h2><p>正文
  继续</p>
<table id="t"><thead><tr><th colspan="2">表头</th></tr></thead>
<tbody><tr><th rowspan="2">甲</th><td class="num">1</td></tr><tr><td class="num">2</td></tr></tbody></table>
<p class="signature">某局</p></report>"#;
        let d = parse(m).unwrap();
        assert_eq!(d.meta.date.as_deref(), Some("2025-01-20"));
        assert_eq!(d.blocks.len(), 5);
        match &d.blocks[2] {
            Block::Paragraph(p) => assert_eq!(p.text, "正文继续"),
            b => panic!("{b:?}"),
        }
        match &d.blocks[3] {
            Block::Table(t) => {
                assert_eq!(t.columns, 2);
                assert_eq!(t.header_rows, 1);
                assert_eq!(
                    t.text_grid().unwrap(),
                    vec![vec!["表头", "表头"], vec!["甲", "1"], vec!["甲", "2"]]
                );
            }
            b => panic!("{b:?}"),
        }
    }

    #[test]
    fn bad_markup_is_located() {
        let e = parse("<report>\n<div>x</div></report>").unwrap_err();
        assert_eq!(e.line, 2);
        let e = parse(
            "<report><table><tr><td colspan=\"2\">a</td></tr><tr><td>b</td></tr></table></report>",
        )
        .unwrap_err();
        assert!(e.message.contains("没有填满"), "{}", e.message);
    }
}
