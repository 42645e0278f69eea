//! Reading figures out of the narrative: the statements that matter
//! (applications received, carried over, answered, carried forward, 行政复议,
//! 行政诉讼, and the year's 主动公开 total), with Chinese numerals. Precision first: a statement is taken
//! only in a form that cannot mean anything else; hedged numbers (`20余件`,
//! `约`), other years and comparisons are left alone.

use std::ops::Range;

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

/// Whether a count in `条` states the year's 主动公开 total: the clause
/// before it ends in the plain form (`主动公开政府信息`, `主动公开各类信息`,
/// `公开各类信息`, then `共`/`共计`/`达`…), and nothing in the sentence
/// before it makes it one channel's (网站, 微信公众号, 公开栏, 发布会…), one
/// subject's (财政预决算, 围绕…), one month's or a part's (其中, 占…) count,
/// or a body's other than the reporting one (全区, 各部门…). `prefix` is the
/// sentence before the number, `clause` the clause before it, `after` the
/// text from the unit on; `dated` whether the sentence names the report's
/// year (which makes a `累计` this year's).
fn proactive_total(prefix: &str, clause: &str, after: &str, dated: bool) -> bool {
    const VERBS: [&str; 4] = ["主动公开", "主动发布", "公开", "发布"];
    const OBJECTS: [&str; 6] = [
        "各类政府信息",
        "各类政务信息",
        "各类信息",
        "政府信息",
        "政务信息",
        "信息",
    ];
    const FILLERS: [&str; 9] = ["共计", "合计", "总计", "累计", "共", "达", "计", "为", " "];
    // Words that make it not the year's total, anywhere before the number.
    const NOT_TOTAL: [&str; 5] = [
        // a channel's
        "网 微博 微信 公众号 新媒体 栏 发布会 新闻发布 抖音 头条 快手 视频号 客户端 APP App app \
         公报 报纸 报刊 电视 广播 屏 平台 首页 小程序 短信 热线 门户",
        // a period's
        "月 季度 上半年 下半年 日均 平均 每 截至 截止 以来 历年 至今 周",
        // another year's or a plan's (a year named is caught before)
        "上年 去年 上一年 前年 明年 下年 下一年 计划 预计 力争 目标",
        // other bodies' together, or one level of them
        "全市 全区 全县 全省 全旗 全州 全镇 全乡 各部门 各单位 各级 各乡 各镇 各街道 各县 各区 \
         各市 所属 下属 系统 区直 县直 市直 直属 乡镇 部门 本级",
        // a part's or a subject's
        "其中 包括 含 领域 方面 专题 围绕 针对 涉及 关于 聚焦 通过 利用 依托",
    ];
    // Words that make it not the total in the clause before the verb: 依申请,
    // a negation, or a preposition naming where or for what (在…, 就…, 对…).
    const NOT_IN_CLAUSE: &str = "申请 不 未 没有 无 在 就 对 向 为";
    if after
        .trim_start_matches(['条', ' '])
        .trim_start_matches(['，', ',', '（', '('])
        .starts_with('占')
    {
        return false;
    }
    let mut c = clause.trim_end();
    while let Some(f) = FILLERS.iter().find(|f| c.ends_with(**f)) {
        c = &c[..c.len() - f.len()];
    }
    let Some(pre) = VERBS.iter().find_map(|v| {
        OBJECTS.iter().find_map(|o| {
            let head = c.strip_suffix(o)?.strip_suffix(v)?;
            // 公开/发布 alone (not 主动) reads as the total only of 各类信息.
            (v.starts_with("主动") || o.starts_with("各类")).then_some(head)
        })
    }) else {
        return false;
    };
    let before = &prefix[..prefix.len() - (clause.len() - pre.len())];
    !NOT_TOTAL
        .iter()
        .flat_map(|g| g.split_whitespace())
        .any(|w| before.contains(w))
        && !NOT_IN_CLAUSE.split(' ').any(|w| pre.contains(w))
        && (dated
            || !before.contains("累计")
            || ["全年", "本年", "年度", "今年", "年内"]
                .iter()
                .any(|w| before.contains(w)))
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

    /// Real sentences (pages of published reports, address beside each):
    /// the year's 主动公开 total is read only in its plain form; a channel's,
    /// a subject's, a month's or a part's count is not the total.
    #[test]
    fn proactive_total_only_in_its_plain_form() {
        let total = |t: &str, y: i32| -> Vec<u64> {
            statements(t, y)
                .into_iter()
                .filter(|s| s.quantity == Quantity::ProactiveTotal)
                .map(|s| s.value)
                .collect()
        };
        // https://www.mashsq.gov.cn/xxgk/openness/detail/annual_report/696a01208866886b2b8b456e.html
        assert_eq!(
            total("2025年度，街道累计主动公开政府信息782条。", 2025),
            vec![782]
        );
        // https://www.longyou.gov.cn/art/2024/1/23/art_1229114055_88348.html
        assert_eq!(
            total(
                "2023年新增主动公开政府信息130条，具体包括镇政府公开信息公开年报1条，机构职能1条，政务活动25条。2023年更新政府信息23条，具体包括领导信息14条，内设科室信息9条。",
                2023
            ),
            vec![130]
        );
        // The seeds (yungang 2022, xuanzhou 2021 in tests/fixtures/excerpts).
        assert_eq!(
            total(
                "2022年,我局主动公开政府信息0条,依申请公开0件,规章0条,规范性文件0条。",
                2022
            ),
            vec![0]
        );
        assert_eq!(
            total("2021年宣州区司法局主动公开信息229条。", 2021),
            vec![229]
        );
        // Written for the test: a clause before it does not qualify it.
        assert_eq!(
            total("在区委领导下，主动公开政府信息300条。", 2024),
            vec![300]
        );
        // Written for the test: 公开 without 主动 only with 各类.
        assert_eq!(
            total("全年共公开各类信息95条，均在法定时限内公开。", 2024),
            vec![95]
        );
        for (t, y) in [
            // A channel's count, even of 各类信息 (http://www.nxlw.gov.cn/zwgk/zfbmzsjgxxgk/lwssfj_29147/xxgknb_29150/202501/t20250123_4802040.html).
            (
                "2024年通过政府网站《部门动态》《政府开放日》《公示公告》《法治政府建设》《部门文件》《工作计划及工作总结》栏目主动公开各类信息95条。",
                2024,
            ),
            (
                "2024年，“法治灵武”公众号关注量/订阅数达2056人，信息发布量共1438条。",
                2024,
            ),
            // http://www.xqq.gov.cn/zwgk/bmxxgkml/xqqsfj/xxgknb_9029/202501/t20250123_4802832.html
            (
                "充分发挥“兴庆法律援助”微博平台对外宣传作用，定期对外发布法律法规，2024年共发布微博104条，阅读量957541人次。",
                2024,
            ),
            // http://www.zichang.gov.cn/zfxxgk/zfxxgknb/szfnb/2023n/1752504210521403394.html
            (
                "2023年度，市政府门户网站公开全市各类政府信息共计3437条，包括：人事信息12条，政务动态1740条。",
                2023,
            ),
            (
                "“子长发布”微信公众号发布信息576条，“子长发布”微博账号发布信息168条。",
                2023,
            ),
            // http://sfj.quanzhou.gov.cn/xxgk/zfxxgk/xxgkndbg/202601/t20260123_3260150.htm
            (
                "2025年度市司法局互联网网站总访问量达351599人次，网站信息发布318条，其中政务动态信息66条，信息公开目录信息252条。",
                2025,
            ),
            // https://www.mashsq.gov.cn/xxgk/openness/detail/annual_report/6777454e8866886a6d8b45d3.html
            (
                "其中政策法规信息公开数3条；决策部署落实情况信息公开数10条。",
                2024,
            ),
            // http://xxgk.sxgp.gov.cn/gzbm/zfbgs/zfxxgknb/202401/t20240129_1926722.shtml
            (
                "2023年，在高平市人民政府门户网站政府信息公开专栏发布政务动态类信息133条，发布市政府及政府办文件及解读信息82条，常务会议图解信息15条。",
                2023,
            ),
            // http://www.zjxj.gov.cn/art/2024/1/16/art_1229325036_3913369.html (the whole 镇, not one body)
            ("2023年全镇主动发布政务公开信息45条。", 2023),
            // A subject's, a month's, a part's, hedged, another year's.
            ("全年主动公开财政预决算信息5条。", 2024),
            ("围绕乡村振兴主动公开政府信息12条。", 2024),
            ("1月至6月主动公开政府信息20条。", 2024),
            ("其中主动公开政府信息20条。", 2024),
            ("主动公开政府信息20条，占全部公开信息的40%。", 2024),
            ("全年主动公开政府信息200余条。", 2024),
            ("2023年主动公开政府信息220条。", 2024),
            ("依申请公开政府信息3条。", 2024),
            ("截至年底累计主动公开政府信息5928条。", 2024),
            ("全区各部门主动公开政府信息5000条。", 2024),
            ("区政府本级主动公开政府信息300条。", 2024),
            ("区直部门主动公开政府信息900条。", 2024),
            (
                "上年度主动公开政府信息180条，本年度继续加大公开力度。",
                2024,
            ),
            ("下一年度计划主动公开政府信息300条。", 2024),
        ] {
            assert!(total(t, y).is_empty(), "{t}");
        }
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
