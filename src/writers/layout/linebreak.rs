//! Line breaking for Chinese text with 避头尾 (kinsoku): no line starts with a
//! closing mark, none ends with an opening one; Latin words and numbers
//! (`2024`, `0517-87222589`, `www.gov.cn`) are never split unless a single
//! one is wider than the line.

use std::ops::Range;

/// Marks that must not begin a line.
pub fn no_line_start(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '》'
            | '」'
            | '』'
            | '”'
            | '’'
            | '…'
            | '—'
            | '〕'
            | '】'
            | '〉'
            | '％'
            | '·'
            | '．'
            | '｝'
            | '］'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
            | ']'
            | '}'
            | '%'
            | '〗'
            | '｣'
    )
}

/// Marks that must not end a line.
pub fn no_line_end(c: char) -> bool {
    matches!(
        c,
        '（' | '《'
            | '「'
            | '『'
            | '“'
            | '‘'
            | '〔'
            | '【'
            | '〈'
            | '｛'
            | '［'
            | '('
            | '['
            | '{'
            | '〖'
            | '｢'
    )
}

/// Characters that belong to a Latin word or number kept on one line.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '-' | '.' | '/' | ':' | '_' | '@' | '+' | '%' | '#' | '&' | '=' | '?' | '~'
        )
        || ('０'..='９').contains(&c)
        || ('Ａ'..='Ｚ').contains(&c)
        || ('ａ'..='ｚ').contains(&c)
}

/// A web address: the one kind of Latin word that may break across lines
/// (a whole one moved to the next line left the line before it with gaps
/// of a character and more).
fn is_url(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    w.contains("://") || w.starts_with("www.")
}

/// The parts of a web address: it breaks after `/`, `.` or `?` — never
/// inside `//`, never before its last character.
fn url_parts(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let word = &text[range.clone()];
    let bytes = word.as_bytes();
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let next = bytes.get(i + 1).copied();
        if matches!(b, b'/' | b'.' | b'?') && next.is_some_and(|n| n != b'/') {
            parts.push(range.start + start..range.start + i + 1);
            start = i + 1;
        }
    }
    parts.push(range.start + start..range.end);
    parts
}

/// Splits `text` into unbreakable clusters (byte ranges), in order, covering it all.
fn clusters(text: &str, split_urls: bool) -> Vec<Range<usize>> {
    // 1. atoms: a word run, one space run, or one other character.
    let mut atoms: Vec<Range<usize>> = Vec::new();
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let mut end = i + c.len_utf8();
        if is_word_char(c) && c.is_ascii_alphanumeric() || ('０'..='９').contains(&c) {
            while let Some(&(j, d)) = it.peek() {
                if is_word_char(d) {
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
        } else if c == ' ' {
            while let Some(&(j, ' ')) = it.peek() {
                end = j + 1;
                it.next();
            }
        }
        if split_urls && is_url(&text[i..end]) {
            atoms.extend(url_parts(text, i..end));
        } else {
            atoms.push(i..end);
        }
    }
    // 2. glue atoms that may not be separated.
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut prev_no_end = false;
    for a in atoms {
        let s = &text[a.clone()];
        let first = s.chars().next().unwrap_or(' ');
        let last = s.chars().last().unwrap_or(' ');
        let glue = !out.is_empty() && (prev_no_end || no_line_start(first) || first == ' ');
        if glue {
            out.last_mut().expect("non-empty").end = a.end;
        } else {
            out.push(a);
        }
        // Spaces after an opening mark do not release it.
        if first != ' ' {
            prev_no_end = no_line_end(last);
        }
    }
    out
}

/// Breaks `text` into lines no wider than `max` (as measured by `measure`),
/// returning byte ranges that together cover the text. Trailing spaces stay
/// at the end of their line (callers trim them when drawing).
pub fn break_lines(text: &str, max: f32, measure: impl Fn(&str) -> f32) -> Vec<Range<usize>> {
    break_with(text, max, measure, false)
}

/// `break_lines` for the printed page: a web address may also break after
/// `/`, `.` or `?` (plain text keeps it whole, to be copied).
pub fn break_lines_at_urls(
    text: &str,
    max: f32,
    measure: impl Fn(&str) -> f32,
) -> Vec<Range<usize>> {
    break_with(text, max, measure, true)
}

fn break_with(
    text: &str,
    max: f32,
    measure: impl Fn(&str) -> f32,
    split_urls: bool,
) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    if text.is_empty() {
        return lines;
    }
    let mut start = 0;
    let mut width = 0.0f32;
    for cl in clusters(text, split_urls) {
        let s = &text[cl.clone()];
        let w = measure(s.trim_end_matches(' '));
        if width > 0.0 && width + w > max + 1e-3 {
            lines.push(start..cl.start);
            start = cl.start;
            width = 0.0;
        }
        if w > max + 1e-3 && width == 0.0 {
            // A cluster wider than the line: split it by characters, as a
            // typesetter would rather than overflow the margin.
            let mut line_w = 0.0;
            let mut prev: Option<char> = None;
            for (i, c) in s.char_indices() {
                let cw = measure(&s[i..i + c.len_utf8()]);
                // Even here a closing mark hangs at the end rather than start a line.
                let may_break = !no_line_start(c) && c != ' ' && !prev.is_some_and(no_line_end);
                if c != ' ' {
                    prev = Some(c);
                }
                if may_break && line_w > 0.0 && line_w + cw > max + 1e-3 {
                    lines.push(start..cl.start + i);
                    start = cl.start + i;
                    line_w = 0.0;
                }
                line_w += cw;
            }
            width = line_w;
            continue;
        }
        width += measure(s);
    }
    if start < text.len() {
        lines.push(start..text.len());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    fn w(s: &str) -> f32 {
        s.width() as f32
    }

    fn lines(text: &str, max: f32) -> Vec<&str> {
        break_lines(text, max, w)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn punctuation_never_starts_a_line() {
        let l = lines("一二三四，五六", 8.0);
        assert_eq!(l, vec!["一二三", "四，五六"]);
    }

    #[test]
    fn opening_mark_never_ends_a_line() {
        let l = lines("一二三《四五》", 8.0);
        assert_eq!(l, vec!["一二三", "《四五》"]);
    }

    #[test]
    fn numbers_stay_together() {
        let l = lines("电话0517-87222589联系", 14.0);
        assert_eq!(l, vec!["电话", "0517-87222589", "联系"]);
    }

    #[test]
    fn web_addresses_break_after_slash_dot_or_question_mark() {
        let text = "专栏（https://www.example.gov.cn/zfxxgk/）查阅";
        let l: Vec<&str> = break_lines_at_urls(text, 18.0, w)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(
            l,
            vec!["专栏（https://www.", "example.gov.cn/", "zfxxgk/）查阅"]
        );
        // Plain text keeps an address whole.
        assert_eq!(
            lines(text, 40.0),
            vec!["专栏", "（https://www.example.gov.cn/zfxxgk/）查", "阅"]
        );
        // Other words and numbers still never break.
        let l = lines("金额12.35万元", 5.0);
        assert!(l.contains(&"12.35"), "{l:?}");
    }

    #[test]
    fn overlong_word_is_split_by_characters() {
        let l = lines("abcdefghij", 4.0);
        assert_eq!(l, vec!["abcd", "efgh", "ij"]);
    }
}
