//! What reading a published report found, before any judgement: the
//! title, the headings, each part's prose, the preface's count of parts,
//! old-format markers, the tables' rows and figures and their cells'
//! defects, where the text stops — with spans into the text, and what was
//! *not* found. The GR10xx rules judge it (`Rule::audit`, in `crate::rules`);
//! `crate::audit` fills it from the text, then extracts the model from it
//! for the content rules.

use std::ops::Range;

/// The six parts: the heading as the format words it, and the words that
/// find it in a published text.
pub const SECTIONS: [(&str, &str); 6] = [
    ("一、总体情况", "总体情况"),
    ("二、主动公开政府信息情况", "主动公开政府信息情况"),
    (
        "三、收到和处理政府信息公开申请情况",
        "收到和处理政府信息公开",
    ),
    ("四、政府信息公开行政复议、行政诉讼情况", "行政复议"),
    ("五、存在的主要问题及改进情况", "存在的主要问题"),
    ("六、其他需要报告的事项", "其他需要报告的事项"),
];
pub const NUMERALS: [&str; 6] = ["一", "二", "三", "四", "五", "六"];

/// A heading line: which of the six parts, where, as written.
#[derive(Debug, Clone)]
pub struct Heading {
    /// 0 = 一 … 5 = 六.
    pub section: usize,
    pub range: Range<usize>,
    pub text: String,
}

/// Full-width parentheses, no white space: the form labels and headings
/// are compared in.
pub fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            ',' => '，',
            ':' => '：',
            ';' => '；',
            '．' => '.',
            c => c,
        })
        .collect()
}

/// A published report as read.
#[derive(Debug, Clone, Default)]
pub struct Published {
    /// End of the text without trailing blanks.
    pub end: usize,
    /// The title, when one of the forms published titles take was found.
    pub title: Option<Title>,
    /// The first non-empty line (where a missing title is reported).
    pub first_line: Range<usize>,
    /// The headings of the six parts found, in text order.
    pub headings: Vec<Heading>,
    /// Heading lines of a part whose heading was found before (a part
    /// written twice, or a table of contents when most parts are).
    pub repeated: Vec<Heading>,
    /// The prose of each part: from the end of its heading to the next
    /// part's heading; None when the heading was not found.
    pub parts: [Option<Range<usize>>; 6],
    /// The preface: between the title and the first part.
    pub preface: Option<Range<usize>>,
    /// Where an incomplete text stops.
    pub cut: Option<Cut>,
    /// A preface saying the report has N parts while listing another number.
    pub preface_count: Option<PrefaceCount>,
    /// Parts the preface's list names otherwise than the format.
    pub preface_names: Vec<PrefaceName>,
    /// Column names of the pre-2021 tables, anywhere in the text.
    pub old_labels: Vec<Marker>,
    /// Pre-2021 outcome categories as row labels of table 三.
    pub old_outcomes: Vec<Marker>,
    /// Tables 二, 三, 四.
    pub tables: [TableRead; 3],
    /// Defects of single cells and labels, as the table readers met them.
    pub cells: Vec<CellNote>,
}

impl Published {
    /// The heading of part `i` (0 = 一), when found.
    pub fn heading(&self, i: usize) -> Option<&Heading> {
        self.headings.iter().find(|h| h.section == i)
    }

    /// Whether part `i` is assessed: a part past the cut of an incomplete
    /// text is not (it is never reported missing).
    pub fn assessed(&self, i: usize) -> bool {
        match &self.cut {
            None => true,
            Some(c) => c.last_part.is_some_and(|l| i <= l),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Title {
    pub name: String,
    pub year: i32,
    /// The title's first line.
    pub line: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Cut {
    /// Byte offset where the text stops.
    pub at: usize,
    /// The last words before it (at most 12 characters), and their span.
    pub tail: String,
    pub tail_span: Range<usize>,
    /// The last part whose heading was found (0 = 一).
    pub last_part: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct PrefaceCount {
    /// The words as the preface says them (`六部分`).
    pub said: &'static str,
    /// How many parts its listing sentence names.
    pub listed: usize,
    /// Parts listed beyond the format's six (`2022年工作思路`).
    pub extra: Vec<String>,
    pub span: Range<usize>,
}

/// A part named in the preface's list otherwise than the format names it.
#[derive(Debug, Clone)]
pub struct PrefaceName {
    /// The name as listed (normalised).
    pub found: String,
    /// The format's name of that part.
    pub canon: &'static str,
    pub span: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Marker {
    pub text: &'static str,
    pub span: Range<usize>,
}

/// One table as read: its region, its rows, whether figures were found.
#[derive(Debug, Clone, Default)]
pub struct TableRead {
    /// The region of its part, when the part's heading was found.
    pub region: Option<Range<usize>>,
    pub found: bool,
    /// The text stops inside or before it.
    pub cut: bool,
    /// The rows whose figures were read, in text order.
    pub rows: Vec<GridRow>,
}

/// A row of a published table: the format's row it was matched to (by its
/// model path, e.g. `requests.rows[3]`) and its figures, blanks read as 0.
#[derive(Debug, Clone)]
pub struct GridRow {
    pub path: String,
    pub figures: Vec<Figure>,
}

/// A figure cell: as written (an amount keeps its decimals), its value as a
/// count, and where it stands.
#[derive(Debug, Clone)]
pub struct Figure {
    pub text: String,
    pub value: u64,
    pub span: Range<usize>,
}

impl Figure {
    /// A cell read from its text; a blank or a dash is 0.
    pub fn of_text(text: &str, span: Range<usize>) -> Figure {
        Figure {
            text: text.to_string(),
            value: text.parse::<f64>().map(|v| v as u64).unwrap_or(0),
            span,
        }
    }
}

/// How a label differs from the format's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelDefect {
    /// Other words.
    Words,
    /// Same words, other punctuation or width.
    Punctuation,
    /// The label whole with something added (`中间加了空格`, `后面加了单位`).
    Added(&'static str),
}

/// A defect in one cell or label of a table (`table` is 2, 3 or 4).
#[derive(Debug, Clone)]
pub enum CellNote {
    Label {
        table: u8,
        defect: LabelDefect,
        label: String,
        found: String,
        span: Range<usize>,
    },
    /// A cell holding no figure: a dash or a word (`found`), or nothing.
    Blank {
        table: u8,
        row: String,
        column: String,
        found: Option<String>,
        span: Range<usize>,
    },
    /// Fewer figures than the row (or table 四, `row` None) holds.
    Short {
        table: u8,
        row: Option<String>,
        read: usize,
        want: usize,
        span: Range<usize>,
    },
    /// Table 三's （六）其他处理 as the single row of the 2019 format.
    OldOtherRow { span: Range<usize> },
    /// A row whose digits ran together; `read` is the one split its total
    /// allows, None when no single split does (the table is not checked).
    RunTogether {
        table: u8,
        row: String,
        shown: String,
        read: Option<Vec<u64>>,
        span: Range<usize>,
    },
}

/// The Chinese numeral of table 2, 3 or 4.
pub fn table_name(table: u8) -> &'static str {
    match table {
        2 => "二",
        3 => "三",
        _ => "四",
    }
}
