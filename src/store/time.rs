//! Timestamps as the database keeps them: UTC, RFC 3339 to the second
//! (`2026-01-20T08:30:00Z`), which sort as text in time order.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::model::date::Date;

/// Now, as stored.
pub fn now() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    format(secs)
}

/// Seconds since 1970 as stored.
pub fn format(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rest = secs.rem_euclid(86_400);
    let d = Date::from_days(days);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        d.year,
        d.month,
        d.day,
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// Seconds since 1970 of a stored timestamp.
pub fn seconds(stamp: &str) -> Option<i64> {
    let d = Date::parse(stamp.get(..10)?)?;
    let h: i64 = stamp.get(11..13)?.parse().ok()?;
    let m: i64 = stamp.get(14..16)?.parse().ok()?;
    let s: i64 = stamp.get(17..19)?.parse().ok()?;
    Some(days_from_civil(d) * 86_400 + h * 3600 + m * 60 + s)
}

/// The date part of a stored timestamp, in China's time zone (UTC+8): a
/// report sent at 2月1日 00:30 Beijing time is late even though UTC says 31日.
pub fn local_date(stamp: &str) -> Option<Date> {
    let d = Date::parse(stamp.get(..10)?)?;
    let hour: i64 = stamp.get(11..13)?.parse().ok()?;
    if hour + 8 >= 24 {
        Some(Date::from_days(days_from_civil(d) + 1))
    } else {
        Some(d)
    }
}

/// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
fn days_from_civil(d: Date) -> i64 {
    let y = i64::from(d.year) - i64::from(d.month <= 2);
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(d.month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d.day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_reads_back_in_beijing_time() {
        assert_eq!(format(0), "1970-01-01T00:00:00Z");
        assert_eq!(seconds(&format(1_769_904_123)), Some(1_769_904_123));
        for days in [-1000, 0, 1, 20_000, 20_484] {
            assert_eq!(days_from_civil(Date::from_days(days)), days);
        }
        assert_eq!(format(1_769_904_000), "2026-02-01T00:00:00Z");
        let d = local_date("2026-01-31T16:30:00Z").unwrap();
        assert_eq!((d.year, d.month, d.day), (2026, 2, 1));
        let d = local_date("2026-01-31T15:59:59Z").unwrap();
        assert_eq!((d.year, d.month, d.day), (2026, 1, 31));
    }
}
