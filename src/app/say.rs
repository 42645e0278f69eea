//! Printing to stdout and stderr where the reader may have gone: a closed
//! pipe (`govreport check dir | head -1`) ends the run quietly with exit 0,
//! as ripgrep does, instead of `println!`'s panic. Rust ignores SIGPIPE, so
//! a write to a closed pipe returns `BrokenPipe`; other write errors are
//! ignored, as `eprintln!` would have them.

use std::io::Write;

/// `text` on stdout as it is.
pub fn out(text: &str) {
    write_or_leave(std::io::stdout().lock(), text, false);
}

/// `line` and a line break on stdout.
pub fn outln(line: &str) {
    write_or_leave(std::io::stdout().lock(), line, true);
}

/// `line` and a line break on stderr.
pub fn err(line: &str) {
    write_or_leave(std::io::stderr().lock(), line, true);
}

/// Writes to an already locked stream (the batch holds both while it
/// prints its outcomes).
pub fn line_to(w: &mut impl Write, line: &str) {
    write_or_leave(w, line, true);
}

fn write_or_leave(mut w: impl Write, text: &str, newline: bool) {
    let r = w
        .write_all(text.as_bytes())
        .and_then(|()| if newline { w.write_all(b"\n") } else { Ok(()) })
        .and_then(|()| w.flush());
    if let Err(e) = r {
        quit_if_closed(&e);
    }
}

/// Ends the process quietly when `e` says the reader has gone.
pub fn quit_if_closed(e: &std::io::Error) {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(super::exit::OK);
    }
}
