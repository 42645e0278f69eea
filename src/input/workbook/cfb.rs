//! A guard in front of calamine's `.xls` reader. An `.xls` file is a
//! Compound File: sectors chained through a FAT. calamine follows those
//! chains without noticing a loop, so a damaged 35 KB file (found by
//! fuzzing) makes it allocate without end. Before calamine sees a
//! compound file we check that no chain of its FAT or mini FAT loops and
//! that the header's sizes fit the file; anything else is "damaged".

const MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// Sector ids from here up are markers (end of chain, free, FAT, DIFAT).
const MAX_REGULAR: u32 = 0xFFFF_FFFA;
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;

pub fn is_compound(bytes: &[u8]) -> bool {
    bytes.starts_with(&MAGIC)
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// Whether a compound file's chains are finite (see the module comment).
pub fn is_sound(bytes: &[u8]) -> bool {
    check(bytes).is_some()
}

fn check(b: &[u8]) -> Option<()> {
    if !is_compound(b) {
        return None;
    }
    let shift = u16_at(b, 0x1E)?;
    if !(7..=16).contains(&shift) {
        return None;
    }
    let size = 1usize << shift;
    // The header fills the first sector (512 bytes, or a whole 4 KB one).
    let header = 512usize.max(size);
    let sectors = b.len().saturating_sub(header).div_ceil(size);
    let sector = |id: u32| -> Option<&[u8]> {
        let id = usize::try_from(id).ok()?;
        if id >= sectors {
            return None;
        }
        let start = header + id * size;
        b.get(start..(start + size).min(b.len()))
    };
    // The DIFAT: 109 entries in the header, then a chain of DIFAT sectors.
    let mut difat: Vec<u32> = (0..109).filter_map(|i| u32_at(b, 0x4C + 4 * i)).collect();
    let mut next = u32_at(b, 0x44)?;
    let mut hops = 0;
    while next < MAX_REGULAR {
        hops += 1;
        if hops > sectors {
            return None;
        }
        let s = sector(next)?;
        let n = s.len() / 4;
        difat.extend((0..n.saturating_sub(1)).filter_map(|i| u32_at(s, 4 * i)));
        next = u32_at(s, 4 * (n.checked_sub(1)?))?;
    }
    let mut fat = Vec::new();
    for id in difat.into_iter().filter(|&id| id < MAX_REGULAR) {
        let s = sector(id)?;
        fat.extend((0..s.len() / 4).filter_map(|i| u32_at(s, 4 * i)));
        if fat.len() > 4 * sectors * size {
            return None;
        }
    }
    acyclic(&fat)?;
    // The mini FAT lives in a chain of the FAT (now known to end).
    let mut mini = Vec::new();
    let mut id = u32_at(b, 0x3C)?;
    let mut hops = 0;
    while id < MAX_REGULAR {
        hops += 1;
        if hops > sectors {
            return None;
        }
        let s = sector(id)?;
        mini.extend((0..s.len() / 4).filter_map(|i| u32_at(s, 4 * i)));
        id = *fat.get(usize::try_from(id).ok()?)?;
    }
    if id != END_OF_CHAIN && id < MAX_REGULAR {
        return None;
    }
    acyclic(&mini)?;
    // The directory, then the workbook stream's cells: calamine makes a
    // dense grid as large as the farthest cell (a damaged record asked
    // for 77 GB), so the farthest must stay within a fill-in workbook.
    let chain = |start: u32| -> Option<Vec<u8>> {
        let mut out = Vec::new();
        let mut id = start;
        let mut hops = 0;
        while id < MAX_REGULAR {
            hops += 1;
            if hops > sectors {
                return None;
            }
            out.extend_from_slice(sector(id)?);
            id = *fat.get(usize::try_from(id).ok()?)?;
        }
        Some(out)
    };
    let dir = chain(u32_at(b, 0x30)?)?;
    let entries: Vec<&[u8]> = dir.chunks_exact(128).collect();
    let name_of = |e: &[u8]| {
        let n = usize::from(u16_at(e, 0x40).unwrap_or(0)).min(64);
        let units: Vec<u16> = e[..n.saturating_sub(2)]
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    };
    let Some(book) = entries
        .iter()
        .find(|e| matches!(name_of(e).as_str(), "Workbook" | "Book"))
    else {
        // Not an .xls workbook at all: calamine will say so.
        return Some(());
    };
    let size = usize::try_from(u32_at(book, 0x78)?).ok()?;
    let start = u32_at(book, 0x74)?;
    let cutoff = usize::try_from(u32_at(b, 0x38)?).ok()?;
    let stream = if size < cutoff {
        // A small stream lives in the mini stream, 64-byte sectors inside
        // the root entry's own stream.
        let root = chain(u32_at(entries.first()?, 0x74)?)?;
        let mut out = Vec::new();
        let mut id = start;
        let mut hops = 0;
        while id < MAX_REGULAR && out.len() < size {
            hops += 1;
            if hops > mini.len() + 1 {
                return None;
            }
            let at = usize::try_from(id).ok()? * 64;
            out.extend_from_slice(root.get(at..at + 64)?);
            id = *mini.get(usize::try_from(id).ok()?)?;
        }
        out
    } else {
        chain(start)?
    };
    let stream = &stream[..size.min(stream.len())];
    // calamine reads each sheet from the offset its BoundSheet record
    // gives, which need not fall on a record boundary of a linear reading
    // (a fuzzer's file hid a far cell that way): every such start is
    // measured too.
    let mut starts = vec![0usize];
    let mut at = 0;
    while let (Some(kind), Some(len)) = (u16_at(stream, at), u16_at(stream, at + 2)) {
        if kind == 0x0085 {
            starts.push(usize::try_from(u32_at(stream, at + 4)?).ok()?);
            if starts.len() > MAX_SHEETS {
                return None;
            }
        }
        at += 4 + usize::from(len);
    }
    starts.sort_unstable();
    starts.dedup();
    starts
        .into_iter()
        .all(|from| {
            let (rows, cols) = biff_extent(stream.get(from..).unwrap_or(&[]));
            rows <= super::extent::MAX_ROW && cols <= super::extent::MAX_COL
        })
        .then_some(())
}

/// More sheets than any fill-in workbook has (it has six): refused, as each
/// is measured from its own start.
const MAX_SHEETS: usize = 64;

/// The farthest row and column (1-based) of the BIFF cell records in a
/// workbook stream.
fn biff_extent(s: &[u8]) -> (u64, u64) {
    let (mut rows, mut cols) = (0u64, 0u64);
    let mut at = 0;
    while let (Some(kind), Some(len)) = (u16_at(s, at), u16_at(s, at + 2)) {
        let data = s
            .get(at + 4..(at + 4 + usize::from(len)).min(s.len()))
            .unwrap_or(&[]);
        let cell = matches!(
            kind,
            0x0006 | 0x0201 | 0x0203 | 0x0204 | 0x0205 | 0x027E | 0x00FD | 0x00D6
        );
        let multi = matches!(kind, 0x00BD | 0x00BE);
        if (cell || multi)
            && let (Some(r), Some(c)) = (u16_at(data, 0), u16_at(data, 2))
        {
            let last = if multi {
                data.len()
                    .checked_sub(2)
                    .and_then(|i| u16_at(data, i))
                    .unwrap_or(c)
            } else {
                c
            };
            rows = rows.max(u64::from(r) + 1);
            cols = cols.max(u64::from(c.max(last)) + 1);
        }
        at += 4 + usize::from(len);
    }
    (rows, cols)
}

/// No chain of `table` (entry i = the sector after i) comes back on itself.
fn acyclic(table: &[u32]) -> Option<()> {
    // 0 = not seen, 1 = on the chain being walked, 2 = known to end.
    let mut state = vec![0u8; table.len()];
    let mut path = Vec::new();
    for start in 0..table.len() {
        let mut at = start;
        while state[at] == 0 {
            state[at] = 1;
            path.push(at);
            let next = table[at];
            if next >= MAX_REGULAR {
                break;
            }
            match usize::try_from(next).ok().filter(|&n| n < table.len()) {
                Some(n) if state[n] == 1 => return None,
                Some(n) => at = n,
                None => break,
            }
        }
        for p in path.drain(..) {
            state[p] = 2;
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_loop_is_found_and_a_chain_is_not_a_loop() {
        assert!(acyclic(&[1, 2, END_OF_CHAIN, 0xFFFF_FFFF]).is_some());
        assert!(acyclic(&[1, 2, 0]).is_none());
        assert!(acyclic(&[0]).is_none());
        // Two chains meeting is fine (damaged, but finite).
        assert!(acyclic(&[2, 2, END_OF_CHAIN]).is_some());
        // Pointers past the table end the walk (calamine reports them).
        assert!(acyclic(&[7, END_OF_CHAIN]).is_some());
    }

    #[test]
    fn real_xls_is_sound_and_the_fuzzers_finds_are_not() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let xls = std::fs::read(dir.join("workbook/libreoffice.xls")).unwrap();
        assert!(is_sound(&xls));
        let oom =
            std::fs::read(dir.join("fuzz/workbook/oom-3aa82807fda1386343181dc762916b1c481775e0"))
                .unwrap();
        assert!(!is_sound(&oom));
        // A sheet whose BoundSheet offset falls inside another record, so a
        // linear reading of the stream never sees its far cell.
        let hidden =
            std::fs::read(dir.join("fuzz/workbook/oom-4f62cf5f04503828ba01d4c4b771fe421b74facf"))
                .unwrap();
        assert!(!is_sound(&hidden));
    }

    #[test]
    fn not_a_compound_file() {
        assert!(!is_sound(b""));
        assert!(!is_sound(&MAGIC));
        assert!(!is_sound(b"PK\x03\x04"));
    }
}
