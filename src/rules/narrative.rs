//! Reading figures out of the narrative: the statements that matter
//! (applications received, carried over, answered, carried forward, 行政复议,
//! 行政诉讼, and the year's 主动公开 total), with Chinese numerals. Precision first: a statement is taken
//! only in a form that cannot mean anything else; hedged numbers (`20余件`,
//! `约`), other years and comparisons are left alone.

use std::ops::Range;

mod proactive;
use proactive::proactive_total;

/// A quantity the report states: those of tables 三 and 四, and the year's
/// 主动公开 total, which no table holds but reports repeat across parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Quantity {
    /// 本年新收 (table 三 row 一, 总计).
    Received,
    /// 上年结转 (row 二).
    CarriedOver,
    /// 办结 / 答复 (（七）总计).
    Answered,
    /// 结转下年度 (row 四).
    CarriedForward,
    /// 行政复议 (table 四, the four results).
    Reconsideration,
    /// 行政诉讼 (both groups of table 四).
    Litigation,
    /// The year's 主动公开 total (`主动公开政府信息80条`): in no table.
    ProactiveTotal,
}

impl Quantity {
    pub fn zh(self) -> &'static str {
        match self {
            Quantity::Received => "本年新收政府信息公开申请",
            Quantity::CarriedOver => "上年结转申请",
            Quantity::Answered => "本年度办理结果（办结/答复）",
            Quantity::CarriedForward => "结转下年度继续办理的申请",
            Quantity::Reconsideration => "政府信息公开行政复议",
            Quantity::Litigation => "政府信息公开行政诉讼",
            Quantity::ProactiveTotal => "本年主动公开政府信息总数",
        }
    }
}

/// One statement found in a text: which quantity, the number, and where
/// (byte range of the number within the text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub quantity: Quantity,
    pub value: u64,
    pub number: Range<usize>,
}

/// Parses Arabic or Chinese numerals (`17`, `二十一`, `一百零五`, `两`).
pub fn parse_number(s: &str) -> Option<u64> {
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok();
    }
    let digit = |c: char| -> Option<u64> {
        Some(match c {
            '零' | '〇' => 0,
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    };
    let (mut total, mut section, mut current) = (0u64, 0u64, None::<u64>);
    for c in s.chars() {
        if let Some(d) = digit(c) {
            current = Some(d);
            continue;
        }
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            '万' => {
                total = total.checked_add((section + current.unwrap_or(0)).checked_mul(10_000)?)?;
                section = 0;
                current = None;
                continue;
            }
            _ => return None,
        };
        section = section.checked_add(current.unwrap_or(1) * unit)?;
        current = None;
    }
    total
        .checked_add(section)?
        .checked_add(current.unwrap_or(0))
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || "零〇一二两三四五六七八九十百千万".contains(c)
}

/// Sentences (byte ranges) of a text: split at 。；！？ and line breaks.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '。' | '；' | '！' | '？' | '\n' | ';') {
            let end = i + c.len_utf8();
            if !text[start..end].trim().is_empty() {
                out.push(start..end);
            }
            start = end;
        }
    }
    if start < text.len() && !text[start..].trim().is_empty() {
        out.push(start..text.len());
    }
    out
}

/// Years (`2023年`) named in a text, with their byte ranges.
pub fn years(text: &str) -> Vec<(i32, Range<usize>)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 <= b.len() {
        if b[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && text[i + 4..].trim_start().starts_with('年')
        {
            if let Ok(y) = text[i..i + 4].parse::<i32>()
                && (1990..=2100).contains(&y)
            {
                out.push((y, i..i + 4));
            }
            i += 4;
            continue;
        }
        i += 1;
    }
    out
}

/// A clause around a number: the text from the previous clause mark.
fn clause_before(text: &str, at: usize) -> &str {
    let start = text[..at]
        .rfind(['，', '。', '；', '：', '、', ',', ';', '\n', '（', '('])
        .map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
    &text[start..at]
}

/// Finds every number followed by `件`/`起`/`条` (allowing spaces, as PDFs
/// extract), with its unit.
fn counted_numbers(text: &str) -> Vec<(Range<usize>, u64, char)> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        if !is_numeral(chars[i].1) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_numeral(chars[i].1) {
            i += 1;
        }
        let num_range = chars[start].0..chars.get(i).map_or(text.len(), |c| c.0);
        let mut j = i;
        while j < chars.len() && chars[j].1 == ' ' {
            j += 1;
        }
        let Some(&(_, unit)) = chars.get(j) else {
            break;
        };
        if !matches!(unit, '件' | '起' | '条') {
            continue;
        }
        let s = &text[num_range.clone()];
        // A lone Chinese numeral like 一 in 一件事 is prose, not a figure.
        let chinese = !s.bytes().all(|b| b.is_ascii_digit());
        if chinese && s.chars().count() == 1 && !matches!(s, "十") {
            let before = &text[..num_range.start];
            if !before.ends_with(['收', '理', '请', '结', '到', '议', '讼', '复', '共']) {
                continue;
            }
        }
        // Hedged figures: 20余件, 约20件, 近20件, 超过20件.
        let before = clause_before(text, num_range.start);
        if text[num_range.end..].starts_with('余')
            || ["约", "近", "超过", "逾", "多达", "以上", "左右"]
                .iter()
                .any(|h| before.ends_with(h))
        {
            continue;
        }
        if let Some(v) = parse_number(s) {
            out.push((num_range, v, unit));
        }
    }
    out
}

/// Every statement of a quantity in `text` for a report of `year`.
pub fn statements(text: &str, year: i32) -> Vec<Statement> {
    let mut out = Vec::new();
    for sent in sentences(text) {
        let s = &text[sent.clone()];
        // A sentence about another year (last year's figures, a plan) is not
        // about this report's tables.
        let other_year = years(s).iter().any(|(y, _)| *y != year);
        let comparison = [
            "同比",
            "较上年",
            "比上年",
            "较去年",
            "增长",
            "下降",
            "增加",
            "减少",
        ]
        .iter()
        .any(|w| s.contains(w));
        if other_year || comparison {
            continue;
        }
        for (num, value, unit) in counted_numbers(s) {
            let before = clause_before(s, num.start);
            let after: String = s[num.end..].chars().take(12).collect();
            let q = if unit == '条' {
                proactive_total(&s[..num.start], before, &after, !years(s).is_empty())
                    .then_some(Quantity::ProactiveTotal)
            } else {
                classify(before, &after, s.contains("申请"))
            };
            if let Some(q) = q {
                out.push(Statement {
                    quantity: q,
                    value,
                    number: sent.start + num.start..sent.start + num.end,
                });
            }
        }
    }
    out
}

/// Decides what a counted number states, from the clause before it and a
/// few characters after it. `None` unless the form is unambiguous.
fn classify(before: &str, after: &str, about_applications: bool) -> Option<Quantity> {
    let b = before.trim_end();
    let tail = |n: usize| -> String {
        let v: Vec<char> = b.chars().collect();
        v[v.len().saturating_sub(n)..].iter().collect()
    };
    let near = tail(24);
    // Results inside a 复议/诉讼 breakdown (其中结果维持 72 件) are not totals.
    if ["维持", "纠正", "其他结果", "尚未审结", "其中", "审结"]
        .iter()
        .any(|w| tail(6).contains(w))
    {
        return None;
    }
    if near.contains("行政复议") && !near.contains("诉讼") && tail(8).contains("复议") {
        return Some(Quantity::Reconsideration);
    }
    if near.contains("行政诉讼") && !near.contains("复议") && tail(8).contains("诉讼") {
        return Some(Quantity::Litigation);
    }
    let after = after.trim_start_matches(['件', '起', ' ']);
    if (near.contains("结转") && (near.contains("下年") || near.contains("下一年")))
        || after.starts_with("顺延到下年")
        || after.starts_with("结转下年")
        || after.starts_with("结转至下年")
        || after.starts_with("转入下年")
    {
        return Some(Quantity::CarriedForward);
    }
    if near.contains("上年") && near.contains("结转") || near.contains("上一年度结转") {
        return Some(Quantity::CarriedOver);
    }
    // "办结/答复 N 件" — the year's outcomes, in a sentence about applications.
    let last6 = tail(6);
    if about_applications
        && (last6.contains("办结") || last6.ends_with("答复") || last6.contains("答复申请"))
    {
        return Some(Quantity::Answered);
    }
    if !near.contains("申请") {
        return None;
    }
    let verbs = ["收到", "受理", "新收", "接收", "接到", "收悉"];
    if verbs.iter().any(|v| near.contains(v)) && !near.contains("复议") && !near.contains("诉讼")
    {
        // The verb must govern the number: nothing like 办理/答复 in between.
        let after_verb = verbs
            .iter()
            .filter_map(|v| near.rfind(v).map(|i| &near[i..]))
            .min_by_key(|s| s.len())
            .unwrap_or("");
        if ["办结", "答复", "办理", "结转"]
            .iter()
            .any(|w| after_verb.contains(w))
        {
            return None;
        }
        return Some(Quantity::Received);
    }
    None
}

/// Statements that no applications were received (`未收到政府信息公开申请`).
pub fn says_none_received(text: &str) -> Option<Range<usize>> {
    const NEG: [&str; 3] = ["未", "没有", "无"];
    const VERB: [&str; 4] = ["收到", "接到", "受理", "发生"];
    const OBJ: [&str; 7] = [
        "政府信息公开申请",
        "依申请公开申请",
        "依申请公开的申请",
        "信息公开申请",
        "申请",
        "依申请公开事项",
        "依申请公开",
    ];
    for neg in NEG {
        for (i, _) in text.match_indices(neg) {
            let rest = &text[i + neg.len()..];
            for verb in VERB {
                let Some(r) = rest.strip_prefix(verb) else {
                    continue;
                };
                let r = r.strip_prefix("任何").unwrap_or(r);
                for obj in OBJ {
                    if let Some(end) = r.strip_prefix(obj) {
                        // 申请 followed by more words is something else
                        // (未收到申请人的投诉…): require the clause to end.
                        if end.is_empty() || end.starts_with(['。', '，', '；', '、', '\n']) {
                            let stop = text.len() - end.len();
                            return Some(i..stop);
                        }
                    }
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Vec<(Quantity, u64)> {
        statements(text, 2024)
            .into_iter()
            .map(|s| (s.quantity, s.value))
            .collect()
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(parse_number("二十一"), Some(21));
        assert_eq!(parse_number("十"), Some(10));
        assert_eq!(parse_number("十七"), Some(17));
        assert_eq!(parse_number("一百零五"), Some(105));
        assert_eq!(parse_number("三千一百一十九"), Some(3119));
        assert_eq!(parse_number("两万"), Some(20000));
        assert_eq!(parse_number("95"), Some(95));
    }

    #[test]
    fn published_sentences() {
        // Hongze 2024 (line breaks of the PDF removed).
        assert_eq!(
            q("2024 年，区政府办代表区政府受理政府信息公开申请 17 件，均已在法定期限内予以答复。"),
            vec![(Quantity::Received, 17)]
        );
        // Huaian 2024.
        assert_eq!(
            q(
                "2024 年，全市共受理政府信息公开申请 3119 件，答复 3050 件（含上年度结转申请 34 件，另有 103 件顺延到下年度答复），均在法定期限内予以答复。"
            ),
            vec![
                (Quantity::Received, 3119),
                (Quantity::Answered, 3050),
                (Quantity::CarriedOver, 34),
                (Quantity::CarriedForward, 103)
            ]
        );
        assert_eq!(
            q(
                "政府信息公开行政复议 351 件，其中结果维持 72 件，结果纠正 64 件，其他结果 178 件，尚未审结 37 件；政府信息公开行政诉讼 46 件，其中结果维持 25 件。"
            ),
            vec![(Quantity::Reconsideration, 351), (Quantity::Litigation, 46)]
        );
        // Seeds.
        assert_eq!(
            q("2024年，收到政府信息公开申请1件，已依法依规按时办结。"),
            vec![(Quantity::Received, 1)]
        );
        assert_eq!(
            q(
                "2024年，硚口区司法局新收到依申请公开政府信息0件，上年结转申请0件，结转下年度继续办理0件。"
            ),
            vec![
                (Quantity::Received, 0),
                (Quantity::CarriedOver, 0),
                (Quantity::CarriedForward, 0)
            ]
        );
        assert_eq!(
            q("本年度共接到政府信息公开申请二十一件。"),
            vec![(Quantity::Received, 21)]
        );
    }

    #[test]
    fn ambiguous_or_other_statements_say_nothing() {
        assert!(q("全年发布公共法律服务等信息20余件。").is_empty());
        assert!(q("2023年受理政府信息公开申请17件。").is_empty());
        assert!(q("较上年增加申请5件。").is_empty());
        assert!(q("接区政协建议案6件、区政协提案2件。").is_empty());
        assert!(q("办理人大代表建议5件。").is_empty());
        assert!(q("全年新增公开市政府规章 1 件。").is_empty());
        assert!(q("召开政务公开工作会议1次。").is_empty());
    }

    #[test]
    fn none_received() {
        assert!(says_none_received("本年度未收到政府信息公开申请。").is_some());
        assert!(says_none_received("2022 年,我局未收到依申请公开申请。").is_some());
        assert!(
            says_none_received("我局没有收到超过一定数量或频次范围的政府信息公开申请").is_none()
        );
        assert!(says_none_received("未收到申请人的投诉").is_none());
    }

    #[test]
    fn years_found() {
        let y: Vec<i32> = years("2023年和2024 年，不是12345年")
            .into_iter()
            .map(|(y, _)| y)
            .collect();
        assert_eq!(y, vec![2023, 2024]);
    }
}
