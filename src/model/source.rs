//! Reading an input file: encoding checks and byte offset → line/column.

use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::cells::CellMap;

/// An input file as text, with what is needed to point into it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The name shown to the user (the path as given on the command line).
    pub name: String,
    pub path: PathBuf,
    pub text: String,
    line_starts: Vec<usize>,
    /// For a workbook: `text` is the agency file the reader made of it, and
    /// this says which cell each part of that text came from.
    pub cells: Option<CellMap>,
}

/// Why a file could not be turned into text.
#[derive(Debug)]
pub enum ReadError {
    /// The file could not be read at all (missing, permissions…): exit 2.
    Io(std::io::Error),
    /// The bytes are not UTF-8; `at` is the first bad byte, `guess` a likely encoding.
    NotUtf8 {
        name: String,
        bytes_before: Vec<u8>,
        at: usize,
        guess: Option<&'static str>,
    },
    /// A workbook that cannot be read, or is not a fill-in workbook: the
    /// sentence says which (and which sheets or labels are missing).
    Workbook { name: String, message: String },
}

impl SourceFile {
    pub fn new(name: impl Into<String>, path: impl Into<PathBuf>, text: String) -> Self {
        // A BOM is invisible to the user; drop it so columns match what they see.
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        };
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            name: name.into(),
            path: path.into(),
            text,
            line_starts,
            cells: None,
        }
    }

    /// Reads a file, refusing anything that is not UTF-8 (with a located explanation).
    pub fn read(path: &Path) -> Result<SourceFile, ReadError> {
        let bytes = read_bounded(path, MAX_INPUT).map_err(ReadError::Io)?;
        let name = path.display().to_string();
        Self::from_bytes(name, path, bytes)
    }

    pub fn from_bytes(name: String, path: &Path, bytes: Vec<u8>) -> Result<SourceFile, ReadError> {
        match String::from_utf8(bytes) {
            Ok(text) => Ok(SourceFile::new(name, path, text)),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                Err(ReadError::NotUtf8 {
                    guess: guess_encoding(&bytes),
                    bytes_before: bytes[..at].to_vec(),
                    name,
                    at,
                })
            }
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line];
        let col = self.text[start..floor_char_boundary(&self.text, offset)]
            .chars()
            .count();
        (line + 1, col + 1)
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        let start = self.line_starts[line - 1];
        let end = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// Byte range of a 1-based line (without line ending).
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let start = self.line_starts[line - 1];
        start..start + self.line_text(line).len()
    }
}

/// Largest agency file or workbook read (a real one is under 1 MB).
pub const MAX_INPUT: u64 = 64 * 1024 * 1024;

/// Reads a regular file of at most `limit` bytes. Anything else is refused
/// before it is read: a FIFO would wait forever for a writer, a device such
/// as /dev/zero would fill the memory. The check is made on the opened
/// file, so it holds for what is read.
pub fn read_bounded(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    let file = open_regular(path)?;
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            format!("超过 {} MB，不像是一份年度报告的文件", limit / 1024 / 1024),
        ));
    }
    Ok(bytes)
}

/// Opens `path` for reading if it is a regular file. A FIFO is opened
/// without waiting for a writer, then refused.
pub fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::File::options();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "这是一个目录",
        ));
    }
    if !meta.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "不是普通文件（管道、设备或套接字），不能读取",
        ));
    }
    Ok(file)
}

/// An I/O error in Chinese words, for every message about a path that
/// can't be read or written (the system's own text is English).
pub fn io_reason(e: &std::io::Error) -> String {
    let said = kind_words(e.kind());
    if e.raw_os_error().is_none()
        && let Some(inner) = e.get_ref()
    {
        // Our own errors (read_bounded) carry Chinese text already; a
        // library's wrapper around an OS error (tempfile's names the
        // temporary file, in English) is said by the error's kind.
        let text = inner.to_string();
        if !text.is_ascii() || said.is_empty() {
            return text;
        }
    }
    if !said.is_empty() {
        return said.to_string();
    }
    match e.raw_os_error() {
        Some(n) => format!("系统错误（错误码 {n}）"),
        None => "系统错误".to_string(),
    }
}

fn kind_words(kind: std::io::ErrorKind) -> &'static str {
    use std::io::ErrorKind as K;
    match kind {
        K::NotFound => "文件不存在，请检查路径和文件名",
        K::PermissionDenied => "没有权限",
        K::IsADirectory => "这是一个目录",
        K::NotADirectory => "路径中有一部分不是目录",
        K::AlreadyExists => "已经存在",
        K::StorageFull => "磁盘已满",
        K::QuotaExceeded => "超出磁盘配额",
        K::ReadOnlyFilesystem => "所在的文件系统是只读的",
        K::FileTooLarge => "文件太大",
        K::InvalidFilename => "文件名太长或含有不允许的字符",
        K::DirectoryNotEmpty => "目录不是空的",
        K::CrossesDevices => "不能跨磁盘移动",
        K::BrokenPipe => "管道已关闭",
        K::Interrupted => "操作被中断",
        K::TimedOut => "操作超时",
        K::OutOfMemory => "内存不足",
        K::UnexpectedEof => "文件不完整",
        K::WouldBlock => "文件暂时无法读取",
        _ => "",
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Old Windows editors save Chinese text as GBK (ANSI); say so when it decodes cleanly.
fn guess_encoding(bytes: &[u8]) -> Option<&'static str> {
    // A byte-order mark names its encoding (Notepad's "Unicode" is UTF-16LE,
    // "Unicode big endian" UTF-16BE).
    if bytes.starts_with(&[0xfe, 0xff]) {
        return Some("UTF-16BE");
    }
    let (_, had_errors) = encoding_rs::GBK.decode_without_bom_handling(bytes);
    if !had_errors {
        return Some("GBK");
    }
    let (_, had_errors) = encoding_rs::UTF_16LE.decode_without_bom_handling(bytes);
    if bytes.starts_with(&[0xff, 0xfe]) && !had_errors {
        return Some("UTF-16");
    }
    None
}

impl ReadError {
    /// Line and column of the first undecodable byte (counting characters before it).
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            ReadError::NotUtf8 { bytes_before, .. } => {
                let text = String::from_utf8_lossy(bytes_before);
                let line = text.matches('\n').count() + 1;
                let col = text.rsplit('\n').next().unwrap_or("").chars().count() + 1;
                Some((line, col))
            }
            ReadError::Io(_) | ReadError::Workbook { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// tempfile wraps an OS error with the temporary file's path, in
    /// English ("No space left on device (os error 28) at path …"): the
    /// user is told the error itself, in Chinese.
    #[test]
    fn a_wrapped_os_error_is_said_by_its_kind() {
        let e = tempfile::Builder::new()
            .tempfile_in("/nonexistent/dir")
            .unwrap_err();
        assert!(e.to_string().contains("at path"), "{e}");
        assert_eq!(io_reason(&e), "文件不存在，请检查路径和文件名");
        let ours = std::io::Error::new(std::io::ErrorKind::FileTooLarge, "超过 8 MB");
        assert_eq!(io_reason(&ours), "超过 8 MB");
    }

    #[test]
    fn reads_are_bounded_and_regular_files_only() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.toml");
        std::fs::write(&p, b"0123456789").unwrap();
        assert_eq!(read_bounded(&p, 10).unwrap().len(), 10);
        let e = read_bounded(&p, 9).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::FileTooLarge);
        assert!(io_reason(&e).contains("超过 0 MB"), "{}", io_reason(&e));
        let e = read_bounded(dir.path(), 9).unwrap_err();
        assert_eq!(io_reason(&e), "这是一个目录");
        #[cfg(unix)]
        {
            let e = read_bounded(Path::new("/dev/zero"), 9).unwrap_err();
            assert!(io_reason(&e).contains("不是普通文件"), "{}", io_reason(&e));
        }
        let e = read_bounded(&dir.path().join("none"), 9).unwrap_err();
        assert!(io_reason(&e).starts_with("文件不存在"));
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let f = SourceFile::new("a", "a", "name = \"硚口区\"\nyear = 2024\n".into());
        let off = f.text.find("2024").unwrap();
        assert_eq!(f.line_col(off), (2, 8));
        let off = f.text.find('"').unwrap() + 1;
        assert_eq!(f.line_col(off), (1, 9));
        assert_eq!(f.line_text(2), "year = 2024");
    }

    #[test]
    fn bom_is_dropped_and_crlf_kept_out_of_lines() {
        let f = SourceFile::new("a", "a", "\u{feff}a = 1\r\nb = 2\r\n".into());
        assert!(f.text.starts_with("a = 1"));
        assert_eq!(f.line_text(1), "a = 1");
    }

    #[test]
    fn gbk_is_recognised() {
        let (bytes, _, _) = encoding_rs::GBK.encode("name = \"綦江区\"\n");
        let err =
            SourceFile::from_bytes("x".into(), Path::new("x"), bytes.into_owned()).unwrap_err();
        match err {
            ReadError::NotUtf8 { guess, at, .. } => {
                assert_eq!(guess, Some("GBK"));
                assert_eq!(at, 8);
            }
            _ => panic!("expected NotUtf8"),
        }
    }
}
