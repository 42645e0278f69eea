//! Figures whose cell separators were lost (`801000081` for a row of seven):
//! read back by the row's own identity — the first six figures add up to the
//! seventh (总计) — when exactly one split satisfies it.

/// At most this many digits are split (7 figures of up to 6 digits).
const MAX_DIGITS: usize = 42;

/// The ways of reading `runs` (each a run of digits that holds one or more
/// figures, in order) as `want` figures whose last is the sum of the others.
/// At most two are returned: one means the reading is certain, two that it
/// is not.
pub(super) fn splits(runs: &[&str], want: usize) -> Vec<Vec<u64>> {
    let total: usize = runs.iter().map(|r| r.len()).sum();
    if want < 2
        || runs.is_empty()
        || total < want
        || total > MAX_DIGITS
        || runs
            .iter()
            .any(|r| r.is_empty() || !r.bytes().all(|b| b.is_ascii_digit()))
    {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut pieces = Vec::with_capacity(want);
    walk(runs, 0, 0, want, &mut pieces, &mut found);
    found
}

/// Depth-first over cut points: a figure never spans two runs (their
/// separator survived), has no leading zero and at most 9 digits.
fn walk(
    runs: &[&str],
    run: usize,
    at: usize,
    want: usize,
    pieces: &mut Vec<u64>,
    found: &mut Vec<Vec<u64>>,
) {
    if found.len() >= 2 {
        return;
    }
    if run == runs.len() {
        if pieces.len() == want {
            let (last, rest) = pieces.split_last().unwrap_or((&0, &[]));
            if rest.iter().sum::<u64>() == *last {
                found.push(pieces.clone());
            }
        }
        return;
    }
    let r = runs[run].as_bytes();
    // Digits left must still give the figures left one digit each.
    let left_after =
        |end: usize| r.len() - end + runs[run + 1..].iter().map(|x| x.len()).sum::<usize>();
    if pieces.len() >= want {
        return;
    }
    let max_len = if r[at] == b'0' {
        1
    } else {
        9.min(r.len() - at)
    };
    for len in 1..=max_len {
        let end = at + len;
        let figures_left = want - pieces.len() - 1;
        if left_after(end) < figures_left {
            break;
        }
        let v: u64 = runs[run][at..end].parse().unwrap_or(0);
        pieces.push(v);
        if end == r.len() {
            walk(runs, run + 1, 0, want, pieces, found);
        } else {
            walk(runs, run, end, want, pieces, found);
        }
        pieces.pop();
    }
}

use std::ops::Range;

use super::tables::Reader;
use crate::model::published::CellNote;

impl Reader {
    /// A row whose `runs` (digit runs with their places) hold `want` figures:
    /// the figures when one reading satisfies the row's total, each placed at
    /// its run; otherwise the table is marked unreadable (`section` is not
    /// checked) and `None` is returned. A warning either way.
    pub(super) fn run_together(
        &mut self,
        (table, section): (u8, &'static str),
        row: &str,
        runs: &[(&str, Range<usize>)],
        want: usize,
    ) -> Option<Vec<(u64, Range<usize>)>> {
        let digits: Vec<&str> = runs.iter().map(|r| r.0).collect();
        let span = runs.first()?.1.start..runs.last()?.1.end;
        let found = splits(&digits, want);
        if found.len() != 1 {
            self.rec.broken.insert(section);
        }
        self.note(CellNote::RunTogether {
            table,
            row: row.to_string(),
            shown: digits.join(" "),
            read: (found.len() == 1).then(|| found[0].clone()),
            span,
        });
        if found.len() != 1 {
            return None;
        }
        let figures = found.into_iter().next()?;
        // Each figure at the run it came from.
        let mut out = Vec::with_capacity(want);
        let mut k = 0;
        for (run, range) in runs {
            let mut len = 0;
            while k < figures.len() && len < run.len() {
                len += figures[k].to_string().len();
                out.push((figures[k], range.clone()));
                k += 1;
            }
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::splits;

    #[test]
    fn one_reading_by_the_total() {
        assert_eq!(splits(&["801000081"], 7), vec![vec![80, 1, 0, 0, 0, 0, 81]]);
        assert_eq!(splits(&["1000001"], 7), vec![vec![1, 0, 0, 0, 0, 0, 1]]);
        // Separators partly kept: figures never span them.
        assert_eq!(
            splits(&["12", "00000", "12"], 7),
            vec![vec![12, 0, 0, 0, 0, 0, 12]]
        );
    }

    #[test]
    fn ambiguous_or_impossible_runs_give_no_single_reading() {
        assert!(splits(&["1234"], 7).is_empty());
        assert!(splits(&["1000002"], 7).is_empty());
        // 10,1,0,0,0,0,11 and 1,0,10,0,0,0,11.
        let two = splits(&["1010000011"], 7);
        assert!(two.len() != 1, "{two:?}");
        assert!(splits(&["9".repeat(50).as_str()], 7).is_empty());
    }

    proptest::proptest! {
        /// Any row of seven whose total is right, run together, is read back
        /// as itself or not at all (never as a different row).
        #[test]
        fn a_run_together_row_reads_back_or_not_at_all(cells in proptest::collection::vec(0u64..2000, 6)) {
            let total: u64 = cells.iter().sum();
            let mut row = cells.clone();
            row.push(total);
            let run: String = row.iter().map(|v| v.to_string()).collect();
            let got = splits(&[run.as_str()], 7);
            proptest::prop_assert!(!got.is_empty());
            if got.len() == 1 {
                proptest::prop_assert_eq!(&got[0], &row);
            }
        }
    }
}
