//! The document IR: what every writer renders. It knows headings, paragraphs
//! and tables with merged cells — nothing about agencies or rules.

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    pub title: String,
    pub author: String,
    /// ISO date (`2025-01-20`) when the input gives one.
    pub date: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    pub meta: Meta,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The document title (h1).
    Title(String),
    /// h2 = level 1 (一、), h3 = level 2 (（一）).
    Heading {
        level: u8,
        text: String,
    },
    Paragraph(Paragraph),
    Table(Table),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ParaStyle {
    /// Body text, first line indented two characters.
    #[default]
    Body,
    /// Signature block line: right-aligned, no indent.
    Signature,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub text: String,
    pub style: ParaStyle,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Stable id from the markup (`t2`, `t3`, `t4`).
    pub id: String,
    pub caption: String,
    pub columns: usize,
    /// Leading rows that repeat on every page the table spans.
    pub header_rows: usize,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    pub rowspan: usize,
    pub colspan: usize,
    /// A label (th) rather than a figure.
    pub header: bool,
    /// A figure: centred, never wrapped.
    pub numeric: bool,
}

/// Where each grid slot's content comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub row: usize,
    /// Index of the cell within its markup row.
    pub cell: usize,
}

impl Table {
    /// Expands rowspan/colspan: `grid[r][c]` names the cell covering that slot.
    /// Fails when the cells do not tile a rectangle of `columns` columns.
    pub fn grid(&self) -> Result<Vec<Vec<Slot>>, String> {
        let n = self.rows.len();
        let mut grid: Vec<Vec<Option<Slot>>> = vec![vec![None; self.columns]; n];
        for (r, row) in self.rows.iter().enumerate() {
            let mut c = 0;
            for (i, cell) in row.iter().enumerate() {
                while c < self.columns && grid[r][c].is_some() {
                    c += 1;
                }
                if c + cell.colspan > self.columns {
                    return Err(format!(
                        "第 {} 行第 {} 格超出了 {} 列",
                        r + 1,
                        i + 1,
                        self.columns
                    ));
                }
                if r + cell.rowspan > n {
                    return Err(format!("第 {} 行第 {} 格的 rowspan 超出表格", r + 1, i + 1));
                }
                for rr in r..r + cell.rowspan {
                    for cc in c..c + cell.colspan {
                        if grid[rr][cc].is_some() {
                            return Err(format!("第 {} 行第 {} 格与其他单元格重叠", r + 1, i + 1));
                        }
                        grid[rr][cc] = Some(Slot { row: r, cell: i });
                    }
                }
                c += cell.colspan;
            }
        }
        grid.into_iter()
            .enumerate()
            .map(|(r, row)| {
                row.into_iter()
                    .collect::<Option<Vec<Slot>>>()
                    .ok_or_else(|| format!("第 {} 行没有填满 {} 列", r + 1, self.columns))
            })
            .collect()
    }

    pub fn cell(&self, s: Slot) -> &Cell {
        &self.rows[s.row][s.cell]
    }

    /// The text grid after expansion (a merged cell's text in each slot it covers).
    pub fn text_grid(&self) -> Result<Vec<Vec<String>>, String> {
        Ok(self
            .grid()?
            .iter()
            .map(|row| row.iter().map(|s| self.cell(*s).text.clone()).collect())
            .collect())
    }
}
