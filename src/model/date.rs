//! A calendar date, enough for deadlines (no time zones, no chrono).

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// A valid Gregorian date, or `None`.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Today (UTC+8, as Chinese offices count days); `GOVREPORT_TODAY=YYYY-MM-DD`
    /// overrides it so tests and re-runs of old years are reproducible.
    pub fn today() -> Date {
        if let Ok(s) = std::env::var("GOVREPORT_TODAY")
            && let Some(d) = Date::parse(&s)
        {
            return d;
        }
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0)
            + 8 * 3600;
        Date::from_days(secs.div_euclid(86_400))
    }

    /// Parses `2025-01-20`, `2025/1/20` or `2025年1月20日`.
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim().trim_end_matches('日');
        let parts: Vec<&str> = s.split(['-', '/', '年', '月', '.']).collect();
        if parts.len() != 3 {
            return None;
        }
        let y = parts[0].trim().parse().ok()?;
        let m = parts[1].trim().parse().ok()?;
        let d = parts[2].trim().parse().ok()?;
        Date::new(y, m, d)
    }

    /// Days since 1970-01-01 → date (Howard Hinnant's civil_from_days).
    pub fn from_days(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
        Date {
            year: y,
            month: m,
            day: d,
        }
    }

    /// `2025年1月20日`, the form printed in reports.
    pub fn zh(&self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_common_forms() {
        assert_eq!(Date::parse("2025-01-20"), Date::new(2025, 1, 20));
        assert_eq!(Date::parse("2025年1月20日"), Date::new(2025, 1, 20));
        assert_eq!(Date::parse("2025-02-30"), None);
        assert_eq!(Date::parse("2024-02-29"), Date::new(2024, 2, 29));
    }

    #[test]
    fn days_to_civil() {
        assert_eq!(Date::from_days(0), Date::new(1970, 1, 1).unwrap());
        assert_eq!(Date::from_days(20_000), Date::new(2024, 10, 4).unwrap());
    }
}
