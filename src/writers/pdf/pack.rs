//! Packs the PDF krilla writes into one object stream with a cross-reference
//! stream (PDF 1.5; PDF/A-2 allows both). The structure tree of a tagged
//! report is some 400 small dictionaries that otherwise stay uncompressed,
//! with a 20-byte xref entry each: packed, a typical report loses a fifth of
//! its size (223 → 185 KB measured on `full.toml`).
//!
//! krilla's output is regular — `N 0 obj … endobj` in order, one xref
//! section, a trailer dictionary — so objects are cut out by the offsets of
//! its own xref table, never parsed: streams are copied byte for byte, other
//! objects moved into the object stream as they are written. (lopdf did the
//! same job by parsing and re-writing the whole file: 18 % more time per PDF.)
//! Anything unexpected returns the file unchanged.

use std::io::Write;

/// The packed file, or `pdf` itself when it is not laid out as expected.
pub fn pack(pdf: Vec<u8>) -> Vec<u8> {
    match packed(&pdf) {
        Some(out) if out.len() < pdf.len() => out,
        _ => pdf,
    }
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

fn number(bytes: &[u8]) -> Option<usize> {
    std::str::from_utf8(bytes).ok()?.trim().parse().ok()
}

fn packed(pdf: &[u8]) -> Option<Vec<u8>> {
    // startxref → the xref table: `xref\n0 N\n` then N entries of 20 bytes.
    let sx = rfind(pdf, b"startxref")?;
    let xref_at = number(pdf.get(sx + 9..rfind(pdf, b"%%EOF")?)?)?;
    let table = pdf.get(xref_at..sx)?;
    let table = table.strip_prefix(b"xref\n")?;
    let line_end = find(table, b"\n", 0)?;
    let head = std::str::from_utf8(&table[..line_end]).ok()?;
    let (first, count) = head.split_once(' ')?;
    if first != "0" {
        return None;
    }
    let count: usize = count.trim().parse().ok()?;
    let entries = table.get(line_end + 1..line_end + 1 + count * 20)?;
    let rest = &table[line_end + 1 + count * 20..];
    // The trailer dictionary, kept but for /Size (the xref stream's own).
    let t0 = find(rest, b"<<", 0)?;
    let t1 = rfind(rest, b">>")?;
    let trailer = std::str::from_utf8(rest.get(t0 + 2..t1)?).ok()?;
    let size_at = trailer.find("/Size")?;
    let size_end = trailer[size_at + 5..]
        .find('/')
        .map_or(trailer.len(), |i| size_at + 5 + i);
    let trailer = format!("{}{}", &trailer[..size_at], &trailer[size_end..]);
    // Offsets of objects 1..count, each `NNNNNNNNNN 00000 n`.
    let mut offsets = Vec::with_capacity(count);
    for k in 1..count {
        let e = &entries[k * 20..k * 20 + 20];
        if e[17] != b'n' || &e[11..16] != b"00000" {
            return None;
        }
        offsets.push((number(&e[..10])?, k));
    }
    let mut sorted = offsets.clone();
    sorted.sort_unstable();
    let header_end = sorted.first()?.0;
    // Each object's bytes: from its offset to the next one's (or the xref).
    let mut bodies: Vec<(usize, &[u8])> = Vec::with_capacity(count);
    for (i, &(off, k)) in sorted.iter().enumerate() {
        let end = sorted.get(i + 1).map_or(xref_at, |n| n.0);
        let obj = pdf.get(off..end)?;
        let prefix = format!("{k} 0 obj\n");
        let body = obj.strip_prefix(prefix.as_bytes())?;
        let body_end = rfind(body, b"endobj")?;
        bodies.push((k, &body[..body_end]));
    }
    let is_stream = |b: &[u8]| {
        let t = b.trim_ascii_end();
        t.ends_with(b"endstream")
    };
    let objstm = count; // the object stream's number
    let xref_no = count + 1;
    let mut out = Vec::with_capacity(pdf.len());
    out.extend_from_slice(&pdf[..header_end]);
    // (type, field 2, field 3) per object number, as the xref stream says.
    let mut xref = vec![(0u8, 0usize, 0xFFFFusize); count + 2];
    let mut index = String::new();
    let mut packed_bodies = Vec::new();
    let mut n = 0usize;
    for &(k, body) in &bodies {
        if is_stream(body) {
            xref[k] = (1, out.len(), 0);
            let _ = writeln!(out, "{k} 0 obj");
            out.extend_from_slice(body);
            out.extend_from_slice(b"endobj\n");
        } else {
            index.push_str(&format!("{k} {} ", packed_bodies.len()));
            xref[k] = (2, objstm, n);
            packed_bodies.extend_from_slice(body.trim_ascii());
            packed_bodies.push(b'\n');
            n += 1;
        }
    }
    if n == 0 {
        return None;
    }
    let mut content = index.into_bytes();
    let first = content.len();
    content.extend_from_slice(&packed_bodies);
    let z = deflate(&content)?;
    xref[objstm] = (1, out.len(), 0);
    let _ = write!(
        out,
        "{objstm} 0 obj\n<</Type/ObjStm/N {n}/First {first}/Filter/FlateDecode/Length {}>>\nstream\n",
        z.len()
    );
    out.extend_from_slice(&z);
    out.extend_from_slice(b"\nendstream\nendobj\n");
    // The xref stream: 1-byte type, 4-byte offset or stream number, 2-byte
    // generation or index.
    let xref_at = out.len();
    xref[xref_no] = (1, xref_at, 0);
    let mut rows = Vec::with_capacity(xref.len() * 7);
    for &(t, a, b) in &xref {
        rows.push(t);
        rows.extend_from_slice(&u32::try_from(a).ok()?.to_be_bytes());
        rows.extend_from_slice(&u16::try_from(b).ok()?.to_be_bytes());
    }
    let z = deflate(&rows)?;
    let _ = write!(
        out,
        "{xref_no} 0 obj\n<<{trailer}/Type/XRef/Size {}/W[1 4 2]/Filter/FlateDecode/Length {}>>\nstream\n",
        xref.len(),
        z.len()
    );
    out.extend_from_slice(&z);
    let _ = write!(out, "\nendstream\nendobj\nstartxref\n{xref_at}\n%%EOF\n");
    Some(out)
}

fn deflate(data: &[u8]) -> Option<Vec<u8>> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(6));
    e.write_all(data).ok()?;
    e.finish().ok()
}

#[cfg(test)]
mod tests {
    use super::pack;

    /// A file laid out as krilla writes one: objects in order, one xref
    /// section, a trailer.
    fn sample() -> Vec<u8> {
        let objects = [
            "<</Type/Catalog/Pages 2 0 R/StructTreeRoot 4 0 R>>".to_string(),
            "<</Type/Pages/Count 1/Kids[3 0 R]>>".to_string(),
            "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 5 0 R>>".to_string(),
            "<</Type/StructTreeRoot/K[]>>".to_string(),
            "<</Length 21>>\nstream\nBT /F1 12 Tf (a) Tj ET\nendstream".to_string(),
            "<</Title(endstream \\) stream)>>".to_string(),
        ];
        let mut pdf = b"%PDF-1.7\n%\x80\x80\x80\x80\n".to_vec();
        let mut offsets = Vec::new();
        for (i, o) in objects.iter().enumerate() {
            offsets.push(pdf.len());
            pdf.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
        }
        let xref = pdf.len();
        pdf.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
        );
        for o in offsets {
            pdf.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        pdf.extend_from_slice(
            format!(
                "trailer\n<</Size 7/Root 1 0 R/Info 6 0 R/ID[(a)(b)]>>\nstartxref\n{xref}\n%%EOF\n"
            )
            .as_bytes(),
        );
        pdf
    }

    #[test]
    fn every_object_reads_back_the_same() {
        let before = sample();
        let after = pack(before.clone());
        assert_ne!(after, before, "not packed");
        let a = lopdf::Document::load_mem(&before).unwrap();
        let b = lopdf::Document::load_mem(&after).unwrap();
        for (id, obj) in &a.objects {
            let got = b.get_object(*id).unwrap();
            assert_eq!(format!("{got:?}"), format!("{obj:?}"), "object {id:?}");
        }
        assert_eq!(
            b.trailer.get(b"Root").unwrap().as_reference().unwrap(),
            (1, 0)
        );
        assert!(b.trailer.get(b"ID").is_ok());
    }

    #[test]
    fn anything_else_is_left_alone() {
        for bad in [b"not a pdf".to_vec(), sample()[..200].to_vec()] {
            assert_eq!(pack(bad.clone()), bad);
        }
    }
}
