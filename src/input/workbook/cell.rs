//! One cell's content as agency-file text: what people type in WPS and
//! Excel (numbers as text, full-width digits, dates as dates or as text,
//! Alt+Enter between paragraphs) turned into the TOML literal a careful
//! user would have written, or left as text so the reader reports it.

use calamine::Data;

use super::layout::Kind;
use crate::model::quote::toml_string;

/// A cell's content as the user typed it, for messages.
pub(super) fn shown(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) => match excel_date(dt.as_f64()) {
            Some(d) if dt.is_datetime() => d,
            _ => dt.as_f64().to_string(),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

/// An Excel date serial (1900 system) → `2025-01-20`.
fn excel_date(serial: f64) -> Option<String> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64 - 25_569;
    Some(crate::model::date::Date::from_days(days).to_string())
}

/// The TOML literal for a cell of `kind`; `None` leaves the key out.
pub(super) fn literal(d: &Data, kind: Kind) -> Option<String> {
    match kind {
        Kind::Text => Some(toml_string(&paragraphs(&shown(d)))),
        Kind::Count | Kind::Money => Some(number(d, kind == Kind::Money)),
        Kind::Year => Some(match d {
            Data::Empty => return None,
            Data::String(s) => {
                let t = ascii_digits(
                    s.trim()
                        .trim_end_matches(['年', '度'])
                        .trim_end_matches('年'),
                );
                if !t.is_empty() && t.len() <= 6 && t.bytes().all(|b| b.is_ascii_digit()) {
                    t
                } else {
                    toml_string(s)
                }
            }
            other => number(other, false),
        }),
        Kind::Level => Some(match shown(d).trim() {
            "" => return None,
            "部门" | "政府部门" | "department" => "\"department\"".into(),
            "人民政府" | "政府" | "government" => "\"government\"".into(),
            other => toml_string(other),
        }),
        Kind::Date => match d {
            Data::Empty => None,
            Data::DateTime(dt) if dt.is_datetime() => {
                excel_date(dt.as_f64()).or_else(|| Some(toml_string(&shown(d))))
            }
            // A date whose format was lost reads as its serial number.
            Data::Int(_) | Data::Float(_) => {
                let v = match d {
                    Data::Int(i) => *i as f64,
                    Data::Float(f) => *f,
                    _ => unreachable!(),
                };
                excel_date(v)
                    .filter(|_| (20_000.0..100_000.0).contains(&v))
                    .or_else(|| Some(toml_string(&shown(d))))
            }
            Data::DateTimeIso(s) => Some(toml_string(s.get(..10).unwrap_or(s))),
            _ if shown(d).trim().is_empty() => None,
            _ => Some(toml_string(shown(d).trim())),
        },
    }
}

/// A figure: blank is 0; numbers typed as text (WPS's 文本型数字, full-width
/// digits, thousands separators) are numbers; anything else stays text, so
/// the reader reports it as a word in a number cell.
pub(super) fn number(d: &Data, money: bool) -> String {
    match d {
        Data::Empty => "0".into(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if !f.is_finite() => toml_string(&f.to_string()),
        Data::Float(f) if f.fract() == 0.0 => {
            if f.abs() < 1e18 {
                format!("{}", *f as i64)
            } else {
                "999999999999999999".into()
            }
        }
        Data::Float(f) => format!("{f}"),
        Data::String(s) => {
            let t: String = ascii_digits(s.trim()).replace([',', '，'], "");
            if t.is_empty() {
                return "0".into();
            }
            let (sign, digits) = match t.strip_prefix('-') {
                Some(rest) => ("-", rest),
                None => ("", t.trim_start_matches('+')),
            };
            let (int, frac) = match digits.split_once('.') {
                Some((i, f)) => (i, Some(f)),
                None => (digits, None),
            };
            let int_ok = !int.is_empty() && int.bytes().all(|b| b.is_ascii_digit());
            let frac_ok =
                frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
            if !(int_ok && frac_ok) {
                return toml_string(s.trim());
            }
            // TOML forbids leading zeros; a 19-digit count is over any bound.
            let int = int.trim_start_matches('0');
            let int = if int.is_empty() { "0" } else { int };
            let int = if int.len() > 18 {
                "999999999999999999"
            } else {
                int
            };
            match frac {
                Some(f) if money || f.bytes().any(|b| b != b'0') => format!("{sign}{int}.{f}"),
                _ => format!("{sign}{int}"),
            }
        }
        Data::DateTime(dt) => format!("{}", dt.as_f64()),
        other => toml_string(&shown(other)),
    }
}

fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            '－' => '-',
            other => other,
        })
        .collect()
}

/// A cell's text as agency.toml paragraphs: in a cell people start a new
/// paragraph with one Alt+Enter, agency.toml with a blank line.
pub(super) fn paragraphs(s: &str) -> String {
    s.lines()
        .map(|l| l.trim_matches(|c: char| c.is_whitespace()))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_typed_as_text_are_figures() {
        assert_eq!(number(&Data::String(" １２ ".into()), false), "12");
        assert_eq!(number(&Data::String("1,234".into()), false), "1234");
        assert_eq!(number(&Data::String("007".into()), false), "7");
        assert_eq!(number(&Data::String("".into()), false), "0");
        assert_eq!(number(&Data::Empty, false), "0");
        assert_eq!(number(&Data::String("十二".into()), false), "\"十二\"");
        assert_eq!(number(&Data::String("1.5".into()), false), "1.5");
        assert_eq!(number(&Data::String("3.0".into()), false), "3");
        assert_eq!(number(&Data::String("12.50".into()), true), "12.50");
        assert_eq!(number(&Data::Float(3.0), false), "3");
        assert_eq!(number(&Data::Float(1.5), false), "1.5");
        assert_eq!(number(&Data::Int(-2), false), "-2");
        assert_eq!(number(&Data::String("1.".into()), false), "\"1.\"");
        assert_eq!(
            number(&Data::String("99999999999999999999999".into()), false),
            "999999999999999999"
        );
    }

    #[test]
    fn dates_typed_every_way() {
        assert_eq!(excel_date(45677.0).as_deref(), Some("2025-01-20"));
        assert_eq!(
            literal(&Data::Float(45677.0), Kind::Date).as_deref(),
            Some("2025-01-20")
        );
        assert_eq!(
            literal(&Data::String("2025年1月20日".into()), Kind::Date).as_deref(),
            Some("\"2025年1月20日\"")
        );
        assert_eq!(literal(&Data::Empty, Kind::Date), None);
    }

    #[test]
    fn one_line_break_in_a_cell_is_a_paragraph() {
        assert_eq!(paragraphs("甲\n乙\r\n\r\n丙  "), "甲\n\n乙\n\n丙");
    }
}
