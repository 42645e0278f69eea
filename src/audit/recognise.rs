//! Recognising a published report's structure and figures from its text.

use std::ops::Range;

use crate::model::*;

use super::headings::find_headings;
pub use super::recognised::Recognised;
use super::tables::Reader;
use super::text::*;
use crate::model::published::*;

/// The agency's name and the year from the title, in the forms published
/// titles take: `某局2024年政府信息公开工作年度报告`, `…2024年度政府…`, year
/// first (`2022年某市政府信息公开工作年度报告`) and `…年度报告（2023年度）`.
fn title_parts(compact: &str) -> Option<(String, i32)> {
    const SUFFIX: &str = "政府信息公开工作年度报告";
    let at = compact.find(SUFFIX)?;
    let before = &compact[..at];
    let after = &compact[at + SUFFIX.len()..];
    let year_of = |s: &str| -> Option<i32> {
        (s.len() == 4 && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
            .filter(|y| (2000..2100).contains(y))
    };
    // …2024年 / …2024年度 right before the suffix.
    for marker in ["年度", "年"] {
        if let Some(head) = before.strip_suffix(marker)
            && head.len() >= 4
            && head.is_char_boundary(head.len() - 4)
            && let Some(y) = year_of(&head[head.len() - 4..])
        {
            let name = head[..head.len() - 4]
                .trim_end_matches(['（', '('])
                .to_string();
            let name = name.lines().last().unwrap_or("").to_string();
            if !name.is_empty() {
                return Some((name, y));
            }
        }
    }
    // Year first: 2022年某市…
    let line = before.lines().last().unwrap_or(before);
    if line.len() > 7
        && line.is_char_boundary(4)
        && let Some(y) = year_of(&line[..4])
    {
        let rest = line[4..]
            .trim_start_matches("年度")
            .trim_start_matches('年');
        if !rest.is_empty() {
            return Some((rest.to_string(), y));
        }
    }
    // （2023年度） after the suffix.
    let tail = after.trim_start_matches(['（', '(']);
    if tail.len() >= 4
        && tail.is_char_boundary(4)
        && let Some(y) = year_of(&tail[..4])
    {
        let name = line.to_string();
        if !name.is_empty() {
            return Some((name, y));
        }
    }
    None
}

/// A preface that says the report has N parts and lists another number of
/// them (`……六部分` listing five).
fn preface_parts(r: &mut Reader, text: &str, region: Range<usize>) {
    let p = &text[region.clone()];
    let compact = norm(p);
    let said = [
        ("六部分", 6),
        ("6部分", 6),
        ("六个部分", 6),
        ("6个部分", 6),
        ("五部分", 5),
        ("五个部分", 5),
        ("七部分", 7),
        ("七个部分", 7),
    ]
    .iter()
    .find(|(w, _)| compact.contains(w));
    let Some((word, n)) = said else { return };
    // The list is the sentence before the count (`由……、……等六部分组成`);
    // each part is known by any of its words, as prefaces reword them
    // (`存在主要问题和改进措施`, `其它需要报告事项`, `被申请行政复议、提起行政诉讼情况`).
    let at = compact.find(word).unwrap_or(0);
    let from = compact[..at].rfind('。').map_or(0, |i| i + '。'.len_utf8());
    let list = &compact[from..at];
    const PARTS: [&[&str]; 6] = [
        &["总体情况"],
        &["主动公开"],
        &["收到和处理", "公开申请"],
        &["行政复议", "行政诉讼"],
        &["问题", "改进", "不足"],
        &["其他", "其它", "需要报告"],
    ];
    let listed = PARTS
        .iter()
        .filter(|words| words.iter().any(|w| list.contains(w)))
        .count();
    // A part listed under a name the format does not give it (an old
    // template's 改进措施, 其他报告的事项 without 需要).
    if listed >= 3 {
        const ALTERED: [(&str, &str); 4] = [
            ("改进措施", "存在的主要问题及改进情况"),
            ("整改措施", "存在的主要问题及改进情况"),
            ("其他报告的事项", "其他需要报告的事项"),
            ("其它报告的事项", "其他需要报告的事项"),
        ];
        for (words, canon) in ALTERED {
            let Some(end) = list.find(words).map(|i| i + words.len()) else {
                continue;
            };
            let start = list[..end].rfind('、').map_or(0, |i| i + '、'.len_utf8());
            let found = list[start..end].to_string();
            let span = p.find(words).map_or(region.clone(), |i| {
                region.start + i..region.start + i + words.len()
            });
            r.rec
                .published
                .preface_names
                .push(PrefaceName { found, canon, span });
        }
    }
    // Only a preface that lists the parts (three or more named) is held to it.
    if listed >= 3 && listed != *n {
        // The words as written (a PDF may have spaced them): else the preface.
        let span = p.find(word).map_or(region.clone(), |i| {
            region.start + i..region.start + i + word.len()
        });
        // Items of the list that are none of the six parts and read as a
        // part of their own (a plan for next year), named in the finding.
        let extra: Vec<String> = list
            .split(['、', '，'])
            .map(|item| item.trim_start_matches(['和', '及', '以', '与']))
            .filter(|item| {
                !PARTS
                    .iter()
                    .any(|words| words.iter().any(|w| item.contains(w)))
            })
            .filter(|item| {
                [
                    "工作思路",
                    "工作计划",
                    "工作打算",
                    "下一步",
                    "工作要点",
                    "工作安排",
                ]
                .iter()
                .any(|w| item.contains(w))
            })
            .map(|item| item.trim_end_matches('等').to_string())
            .collect();
        r.rec.published.preface_count = Some(PrefaceCount {
            said: word,
            listed,
            extra,
            span,
        });
    }
}

/// Where an incomplete text stops: the end of its last line when the last
/// part found is not 六, or when that line stops mid-sentence or mid-table.
fn cut_off(text: &str, last_part: Option<usize>) -> Option<usize> {
    let end = text.trim_end().len();
    let line_start = text[..end].rfind('\n').map_or(0, |i| i + 1);
    let last = text[line_start..end].trim();
    if last.is_empty() {
        return None;
    }
    // A page number (`- 3 -`, `— 3 —`) is not where a text stops.
    let body_end = {
        let l = norm(last);
        let page_number = l.chars().count() <= 7
            && l.chars().any(|c| c.is_ascii_digit())
            && l.chars()
                .all(|c| c.is_ascii_digit() || "-—–－ ".contains(c));
        if page_number {
            return cut_off(&text[..line_start], last_part);
        }
        l
    };
    let complete = body_end.chars().last().is_some_and(|c| {
        matches!(
            c,
            '。' | '！' | '？' | '”' | '）' | '」' | '日' | '.' | '无' | '章' | '》'
        )
    });
    // Mid-sentence: a long line without a closing mark; contact lines
    // (电话、网址…) end without one in complete reports.
    let contact = ["电话", "网址", "http", "邮箱", "传真", "地址", "邮编", "@"]
        .iter()
        .any(|k| body_end.contains(k));
    let mid_sentence = !complete && !contact && body_end.chars().count() >= 12;
    let before_six = last_part.is_none_or(|l| l < 5);
    (before_six || mid_sentence).then_some(end)
}

pub fn recognise(text: &str) -> Recognised {
    // Markdown read as the plain text it stands for (same length: spans hold).
    recognise_plain(&super::forms::plain(text))
}

/// `recognise` on a text already made plain (`forms::plain`).
pub(super) fn recognise_plain(text: &str) -> Recognised {
    let mut r = Reader {
        rec: Recognised::default(),
    };
    let (headings, repeated) = find_headings(text);
    r.rec.published.repeated = repeated;
    // Title, year, agency: the first lines, up to 年度报告.
    let head_end = headings
        .first()
        .map_or(char_floor(text, 600), |h| h.range.start);
    let head = &text[..head_end];
    let compact = norm(head);
    if let Some((name, year)) = title_parts(&compact) {
        r.rec.report.agency.year = year;
        r.rec.report.agency.name = name;
        let line_end = head.find('\n').unwrap_or(head.len());
        r.rec.spans.insert_value("agency.year", 0..line_end);
        r.rec.published.title = Some(Title {
            name: r.rec.report.agency.name.clone(),
            year,
            line: 0..line_end,
        });
    }
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let start = text.find(first).unwrap_or(0);
    r.rec.published.first_line = start..start + first.len();
    r.rec.published.end = text.trim_end().len();
    r.rec.report.schema = SCHEMA_VERSION;
    r.rec.spans.insert_value("", 0..text.len());
    // Where the text stops, if it is incomplete: before 六 (the last part
    // found is an earlier one) or in the middle of a sentence or a table.
    let last_part = headings.iter().map(|h| h.section).max();
    let cut = cut_off(text, last_part);
    // Parts: present, in order, worded as the format (GR1001, GR1002).
    r.rec.published.headings = headings.clone();
    r.rec.published.cut = cut.map(|at| {
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line = text[line_start..at].trim();
        let tail: String = line
            .chars()
            .rev()
            .take(12)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        // At the words it stops on, not the whole line: the last line
        // of a page whose body is one paragraph is the whole body.
        Cut {
            at,
            tail_span: at - tail.len().min(at - line_start)..at,
            tail,
            last_part,
        }
    });
    let pos = |s: usize| {
        headings
            .iter()
            .find(|h| h.section == s)
            .map(|h| h.range.end)
    };
    let start_of = |s: usize| {
        headings
            .iter()
            .find(|h| h.section == s)
            .map(|h| h.range.start)
    };
    let region = |s: usize| -> Option<Range<usize>> {
        let a = pos(s)?;
        let b = ((s + 1)..6)
            .find_map(start_of)
            .filter(|b| *b > a)
            .unwrap_or(text.len());
        Some(a..b)
    };
    // Each part's text: from the end of its heading to the next part's.
    for (s, part) in r.rec.published.parts.iter_mut().enumerate() {
        *part = region(s);
    }
    // Old-format markers anywhere.
    let all = norm(text);
    for marker in [
        "本年新制作数量",
        "上一年项目数量",
        "第二十条第（九）项",
        "收费及减免",
    ] {
        if let Some(i) = text.find(marker).or_else(|| all.find(marker).map(|_| 0)) {
            r.rec.published.old_labels.push(Marker {
                text: marker,
                span: i..i + marker.len(),
            });
        }
    }
    // Outcome categories of the pre-2021 table 三, in its rows (a line with
    // figures), not in the prose around it.
    if let Some(reg) = region(2) {
        let mut offset = reg.start;
        for line in text[reg.clone()].split_inclusive('\n') {
            let row = line.chars().any(|c| c.is_ascii_digit());
            for marker in ["信息不存在", "不属于本行政机关公开", "申请内容不明确"]
            {
                // A row label: the marker opens its cell, after at most a
                // numbering (`1.`, `（三）`); in a sentence it is prose.
                let label = |i: usize| {
                    let before = line[..i].rsplit('\t').next().unwrap_or("");
                    before.trim().chars().count() <= 4
                        && before
                            .trim()
                            .chars()
                            .all(|c| !c.is_alphabetic() || "一二三四五六七八九".contains(c))
                };
                if let Some(i) = line.find(marker).filter(|&i| row && label(i)) {
                    let at = offset + i;
                    r.rec.published.old_outcomes.push(Marker {
                        text: marker,
                        span: at..at + marker.len(),
                    });
                }
            }
            offset += line.len();
        }
    }
    // Tables. One cut off, absent or past the cut is not checked: no rule
    // sums a table it has only part of, or compares prose with it.
    const MODEL: [&str; 3] = ["proactive", "requests", "reviews"];
    for (t, section) in [(0usize, 1usize), (1, 2), (2, 3)] {
        let cut_here = cut.is_some() && last_part.is_none_or(|l| l <= section);
        r.rec.published.tables[t].cut = cut_here;
        let Some(reg) = region(section) else {
            r.rec.broken.insert(MODEL[t]);
            continue;
        };
        r.rec.published.tables[t].region = Some(reg.clone());
        if cut_here {
            r.rec.broken.insert(MODEL[t]);
        }
        // Table 三's rows hold 7 figures each; 二's and 四's rows differ.
        let toks = tokens(text, reg.clone(), if t == 1 { 7 } else { 0 });
        match t {
            0 => r.table2(&toks),
            1 => r.table3(&toks),
            _ => r.table4(&toks),
        }
        r.check_labels(text, t, &toks);
        if !r.rec.published.tables[t].found {
            r.rec.broken.insert(MODEL[t]);
        }
        if !r.rec.published.tables[t].found && !cut_here {
            r.rec.unread.push(format!("表{}", ["二", "三", "四"][t]));
        }
    }
    // Rows of table 三 read whole before the cut: the prose's 新收 and 上年结转
    // are still compared with them (GR0801), the table is not summed.
    if let Some(c) = &r.rec.published.cut
        && r.rec.published.tables[1].cut
    {
        let p = &r.rec.published;
        for i in [T3_RECEIVED, T3_CARRIED_OVER] {
            let def = &T3_ROWS[i];
            let noted = p.cells.iter().any(|n| match n {
                CellNote::Short {
                    table: 3,
                    row: Some(row),
                    ..
                }
                | CellNote::RunTogether { table: 3, row, .. }
                | CellNote::Blank { table: 3, row, .. } => row == def.label,
                _ => false,
            });
            let whole = p.tables[1].rows.iter().any(|g| {
                g.path == def.path
                    && g.figures.len() == 7
                    // Text after its last figure: the cut did not take part of it.
                    && g.figures[6].span.end < c.at
                    && !text[g.figures[6].span.end..c.at].trim().is_empty()
            });
            if whole && !noted {
                r.rec.read_whole.insert(def.path);
            }
        }
    }
    // Step two: the model's tables from the rows read.
    super::extract::tables(&r.rec.published, &mut r.rec.report, &mut r.rec.spans);
    // The preface: between the title and 一 (its statistics period is checked).
    if let Some(first) = headings.iter().map(|h| h.range.start).min() {
        let title_end = text[..first]
            .find("年度报告")
            .and_then(|i| text[i..first].find('\n').map(|j| i + j))
            .unwrap_or(0);
        let region = title_end..first;
        let body = prose(&text[region.clone()]);
        if !body.trim().is_empty() {
            r.rec.published.preface = Some(region.clone());
            preface_parts(&mut r, text, region.clone());
            r.rec.report.preface = body;
            r.rec.spans.insert_value("preface.text", region);
        }
    }
    // Narrative into the model fields (for the narrative rules and import).
    if let Some(reg) = r.rec.published.parts[0].clone() {
        let subs = subsections(&prose(&text[reg.clone()]));
        let o = &mut r.rec.report.overview;
        let mut k = 0;
        for (h, body) in subs {
            if h.is_empty() {
                if !body.is_empty() {
                    o.summary.push_str(&body);
                }
                continue;
            }
            let field = match k {
                0 => &mut o.proactive,
                1 => &mut o.on_request,
                2 => &mut o.management,
                3 => &mut o.platforms,
                4 => &mut o.oversight,
                _ => &mut o.oversight,
            };
            if !field.is_empty() {
                field.push_str("\n\n");
            }
            field.push_str(&body);
            k += 1;
        }
        for f in [
            "overview.summary",
            "overview.proactive",
            "overview.on_request",
            "overview.management",
            "overview.platforms",
            "overview.oversight",
        ] {
            r.rec.spans.insert_value(f, reg.clone());
        }
    }
    if let Some(reg) = r.rec.published.parts[4].clone() {
        let subs = subsections(&prose(&text[reg.clone()]));
        let p = &mut r.rec.report.problems;
        for (h, body) in subs {
            let target = if h.contains("上年") {
                &mut p.previous_year
            } else if h.contains("措施") || (h.contains("改进") && !h.contains("问题")) {
                &mut p.measures
            } else {
                &mut p.current_year
            };
            if !target.is_empty() {
                target.push_str("\n\n");
            }
            target.push_str(&body);
        }
        for f in [
            "problems.previous_year",
            "problems.current_year",
            "problems.measures",
        ] {
            r.rec.spans.insert_value(f, reg.clone());
        }
    }
    if let Some(reg) = r.rec.published.parts[5].clone() {
        let body = prose(&text[reg.clone()]);
        r.rec.report.other.items = body
            .split("\n\n")
            .map(str::to_string)
            .filter(|s| !s.trim().is_empty())
            .collect();
    }
    // The signature date (发布日期) on a line of its own near the end, and the
    // level from the name: a 人民政府's deadline is 3月31日.
    if r.rec.report.agency.name.ends_with("人民政府") {
        r.rec.report.agency.level = Level::Government;
    }
    let tail_start = char_floor(text, text.len().saturating_sub(600));
    let tail_start = (0..=tail_start)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let mut offset = tail_start;
    for line in text[tail_start..].split_inclusive('\n') {
        let t = norm(line);
        if t.ends_with('日')
            && t.chars().count() <= 12
            && t.contains('年')
            && t.contains('月')
            && let Some(d) = crate::model::date::Date::parse(&t)
        {
            r.rec.report.agency.published_on = Some(d);
            r.rec.spans.insert_value(
                "agency.published_on",
                offset..offset + line.trim_end().len(),
            );
        }
        offset += line.len();
    }
    r.rec.cut = cut;
    r.rec
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_title_forms() {
        for (t, name, year) in [
            (
                "重庆市綦江区司法局2024年政府信息公开工作年度报告",
                "重庆市綦江区司法局",
                2024,
            ),
            (
                "某县卫生健康局2023年度政府信息公开工作年度报告",
                "某县卫生健康局",
                2023,
            ),
            (
                "2022年上海市某区政府信息公开工作年度报告",
                "上海市某区",
                2022,
            ),
            (
                "某市交通运输局政府信息公开工作年度报告（2023年度）",
                "某市交通运输局",
                2023,
            ),
        ] {
            assert_eq!(title_parts(&norm(t)), Some((name.to_string(), year)), "{t}");
        }
        assert_eq!(title_parts("政府信息公开工作年度报告"), None);
        assert_eq!(title_parts("关于某事的通知"), None);
    }
}
