//! Where a title too long for one line breaks (GB/T 9704 §7.3.3: 回行时词意
//! 完整, 排列对称, 梯形或菱形): after the agency's name, and inside a name too
//! long for one line only after one of its words (a division, an office),
//! with lines as even as the words allow. Writers that measure (PDF, DOCX)
//! pass how wide a line may be.

/// Ends of the words an agency's name is made of: a break may follow them.
const WORD_ENDS: [&str; 27] = [
    "人民政府",
    "委员会",
    "办公室",
    "管理局",
    "中心",
    "街道",
    "政府",
    "省",
    "市",
    "区",
    "县",
    "旗",
    "州",
    "盟",
    "镇",
    "乡",
    "局",
    "厅",
    "委",
    "会",
    "办",
    "部",
    "署",
    "院",
    "所",
    "处",
    "）",
];

/// Words a line never ends inside, though a word end is in them
/// (`委` of 委员会, `办` of 办公室, `市` of 市场).
const WHOLE: [&str; 12] = [
    "委员会",
    "办公室",
    "办事处",
    "人民政府",
    "管理局",
    "区域",
    "部门",
    "市场",
    "市政",
    "市民",
    "县域",
    "乡村",
];

/// No line of a broken name is shorter than this many characters.
const MIN_LINE: usize = 4;

/// Lines of `title` given that a line holds `fits(line)`; `name` is the
/// agency's name the title starts with (empty when unknown). A title that
/// fits, or that does not start with the name, is one line (the writer
/// wraps it as it can).
pub fn lines(title: &str, name: &str, fits: impl Fn(&str) -> bool) -> Vec<String> {
    if title.contains('\n') {
        return title.lines().map(str::to_string).collect();
    }
    if fits(title) || name.is_empty() {
        return vec![title.to_string()];
    }
    let Some(rest) = title.strip_prefix(name).filter(|r| !r.is_empty()) else {
        return vec![title.to_string()];
    };
    let mut out = if fits(name) {
        vec![name.to_string()]
    } else {
        name_lines(name, &fits)
    };
    out.push(rest.to_string());
    out
}

/// Char positions after which a line of the name may end: after a word,
/// outside brackets, not inside a whole word.
fn cuts(chars: &[char]) -> Vec<usize> {
    let mut cuts: Vec<usize> = Vec::new();
    let mut depth = 0i32;
    for i in 0..chars.len() {
        match chars[i] {
            '（' | '(' => depth += 1,
            '）' | ')' => depth -= 1,
            _ => {}
        }
        let end = i + 1;
        if end < chars.len() && depth <= 0 {
            let head: String = chars[..end].iter().collect();
            let inside = WHOLE.iter().any(|w| {
                let w: Vec<char> = w.chars().collect();
                (1..w.len()).any(|k| {
                    end >= k
                        && chars.len() >= end - k + w.len()
                        && chars[end - k..end - k + w.len()] == w[..]
                })
            });
            if !inside && WORD_ENDS.iter().any(|w| head.ends_with(w)) {
                cuts.push(end);
            }
        }
    }
    cuts
}

/// The name as the words a line may break between (for a writer that lets
/// the reader's screen choose the breaks: HTML).
pub fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut out = Vec::new();
    let mut from = 0;
    for c in cuts(&chars).into_iter().chain([chars.len()]) {
        // A one-character piece (`省`) stays with what comes before it.
        if c - from < 2 && !out.is_empty() {
            let last: &mut String = out.last_mut().unwrap_or_else(|| unreachable!());
            last.extend(&chars[from..c]);
        } else if c > from {
            out.push(chars[from..c].iter().collect());
        }
        from = c;
    }
    out
}

/// A name too long for a line, broken after words into the fewest lines
/// that fit, as even as possible (the upper line the longer when they
/// cannot be equal: a trapezoid). Unbreakable → the name whole.
fn name_lines(name: &str, fits: &impl Fn(&str) -> bool) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let cuts = cuts(&chars);
    let piece = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
    for parts in 2..=3usize {
        let mut best: Option<(usize, Vec<usize>)> = None;
        let mut choose = |bounds: Vec<usize>| {
            let mut all = vec![0];
            all.extend(&bounds);
            all.push(chars.len());
            let lens: Vec<usize> = all.windows(2).map(|w| w[1] - w[0]).collect();
            if lens.iter().any(|&n| n < MIN_LINE)
                || !all.windows(2).all(|w| fits(&piece(w[0], w[1])))
            {
                return;
            }
            let spread = lens.iter().max().unwrap_or(&0) - lens.iter().min().unwrap_or(&0);
            // Even lines first; then the upper line the longer.
            let score = spread * 2 + usize::from(lens[0] < lens[lens.len() - 1]);
            if best.as_ref().is_none_or(|b| score < b.0) {
                best = Some((score, bounds));
            }
        };
        if parts == 2 {
            for &c in &cuts {
                choose(vec![c]);
            }
        } else {
            for (k, &a) in cuts.iter().enumerate() {
                for &b in &cuts[k + 1..] {
                    choose(vec![a, b]);
                }
            }
        }
        if let Some((_, bounds)) = best {
            let mut all = vec![0];
            all.extend(bounds);
            all.push(chars.len());
            return all.windows(2).map(|w| piece(w[0], w[1])).collect();
        }
    }
    vec![name.to_string()]
}

#[cfg(test)]
mod tests {
    use super::lines;

    /// A line holds `n` characters.
    fn fits(n: usize) -> impl Fn(&str) -> bool {
        move |s: &str| s.chars().count() <= n
    }

    #[test]
    fn short_and_two_line_titles() {
        let t = "某县司法局2024年政府信息公开工作年度报告";
        assert_eq!(lines(t, "某县司法局", fits(40)), [t]);
        assert_eq!(
            lines(t, "某县司法局", fits(20)),
            ["某县司法局", "2024年政府信息公开工作年度报告"]
        );
    }

    #[test]
    fn a_long_name_breaks_after_a_word_into_even_lines() {
        let name = "中国（江苏）自由贸易试验区南京片区管理委员会综合行政执法局";
        let t = format!("{name}2024年政府信息公开工作年度报告");
        let got = lines(&t, name, fits(20));
        assert_eq!(
            got,
            [
                "中国（江苏）自由贸易试验区",
                "南京片区管理委员会综合行政执法局",
                "2024年政府信息公开工作年度报告"
            ]
        );
        // Never inside a word: 市 of 市场 is no break.
        let name = "重庆市綦江区市场监督管理局";
        let t = format!("{name}2024年政府信息公开工作年度报告");
        assert_eq!(
            lines(&t, name, fits(8))[..2],
            ["重庆市綦江区", "市场监督管理局"]
        );
        let name = "国家税务总局淮安市清江浦区税务局";
        let t = format!("{name}2024年政府信息公开工作年度报告");
        assert_eq!(
            lines(&t, name, fits(10)),
            [
                "国家税务总局淮安市",
                "清江浦区税务局",
                "2024年政府信息公开工作年度报告"
            ]
        );
    }

    #[test]
    fn words_of_a_name() {
        assert_eq!(
            super::words("国家税务总局淮安市清江浦区税务局"),
            ["国家税务总局", "淮安市", "清江浦区", "税务局"]
        );
        assert_eq!(super::words("司法部"), ["司法部"]);
    }

    #[test]
    fn a_name_with_no_word_to_break_after_stays_whole() {
        let name = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥";
        let t = format!("{name}2024年政府信息公开工作年度报告");
        assert_eq!(lines(&t, name, fits(20))[0], name);
    }
}
