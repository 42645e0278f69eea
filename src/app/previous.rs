//! Last year's report of the same agency, for the across-year rules: the
//! file given with `--previous`, or the file beside each input whose agency
//! name is the same and whose year is one less. Each directory is scanned
//! once per run, whatever the number of files in it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::input;
use crate::model::Report;
use crate::model::source::{MAX_INPUT, ReadError, SourceFile, io_reason, read_bounded};

/// Last year's files: given on the command line, or found beside each input.
pub struct PreviousFinder {
    /// The file given with `--previous`: its name and report.
    pub explicit: Option<(String, Report)>,
    /// Per directory: (file, agency name, year) of every agency file in it.
    dirs: Mutex<HashMap<PathBuf, Arc<Listing>>>,
}

impl PreviousFinder {
    pub fn new(explicit: Option<&Path>) -> Result<PreviousFinder, String> {
        let explicit = match explicit {
            None => None,
            Some(p) => {
                let src = input::read_file(p).map_err(|e| match e {
                    ReadError::Io(e) => {
                        format!("无法读取上年度文件 {}：{}", p.display(), io_reason(&e))
                    }
                    ReadError::NotUtf8 { .. } => {
                        format!("上年度文件 {} 不是 UTF-8 编码，请另存为 UTF-8", p.display())
                    }
                    ReadError::Workbook { message, .. } => {
                        format!("上年度文件 {}：{message}", p.display())
                    }
                })?;
                let parsed = input::parse(&src.text);
                if parsed.syntax_error {
                    return Err(format!(
                        "上年度文件 {} 格式有误，先运行 govreport check 改正",
                        p.display()
                    ));
                }
                Some((p.display().to_string(), parsed.report))
            }
        };
        Ok(PreviousFinder {
            explicit,
            dirs: Default::default(),
        })
    }

    /// Last year's report for `report` read from `path`.
    pub fn find(&self, path: &Path, report: &Report) -> Option<(String, Report)> {
        if let Some(e) = &self.explicit {
            return Some(e.clone());
        }
        let name = report.agency.name.trim();
        if name.is_empty() || report.agency.year == 0 {
            return None;
        }
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let listing = {
            let mut dirs = self.dirs.lock().unwrap_or_else(|e| e.into_inner());
            dirs.entry(dir.clone())
                .or_insert_with(|| Arc::new(scan_dir(&dir)))
                .clone()
        };
        let me = std::fs::canonicalize(path).ok();
        let (file, _, _) = listing.iter().find(|(f, n, y)| {
            n == name && *y == report.agency.year - 1 && std::fs::canonicalize(f).ok() != me
        })?;
        let src = input::read_file(file).ok()?;
        Some((file.display().to_string(), input::parse(&src.text).report))
    }
}

/// Agency name and year of every agency file in a directory (not below it).
type Listing = Vec<(PathBuf, String, i32)>;

/// The `Listing` of `dir`.
fn scan_dir(dir: &Path) -> Listing {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| crate::app::files::is_agency_file(p) && p.is_file())
        .collect();
    files.sort();
    files
        .into_iter()
        .filter_map(|f| {
            let (name, year) = if input::workbook::is_workbook(&f) {
                input::workbook::identity(&read_bounded(&f, MAX_INPUT).ok()?)?
            } else {
                input::agency_identity(&SourceFile::read(&f).ok()?.text)?
            };
            Some((f, name, year))
        })
        .collect()
}
