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
    acyclic(&mini)
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
    }

    #[test]
    fn not_a_compound_file() {
        assert!(!is_sound(b""));
        assert!(!is_sound(&MAGIC));
        assert!(!is_sound(b"PK\x03\x04"));
    }
}
