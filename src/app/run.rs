//! What a run shares across its files, loaded once — today's date, the
//! profile or the built-in templates, last year's reports — and reading and
//! checking one agency file with it.

use std::path::Path;

use super::Options;
use super::exit;
use super::previous::PreviousFinder;
use crate::doc::ir::Document;
use crate::input;
use crate::model::Report;
use crate::model::date::Date;
use crate::model::diagnostic::Diagnostic;
use crate::model::parsed::Parsed;
use crate::model::source::{MAX_INPUT, ReadError, SourceFile, io_reason, read_bounded};
use crate::report::profile::Profile;
use crate::report::template::{self, Templates};
use crate::rules;
use crate::writers::WriteOptions;

/// The report's templates: a profile's, or the built-in ones.
enum Wording {
    Profile(Box<Profile>),
    Builtin(Box<Templates>),
}

/// Everything a run shares across files: loaded once.
pub struct Run {
    pub today: Date,
    /// A long-running server asks the calendar at each check instead of
    /// keeping the day it started.
    pub live_today: bool,
    wording: Wording,
    previous: PreviousFinder,
    pub json: bool,
}

impl Run {
    /// Loads the profile (or the built-in templates) and `--previous`; on
    /// failure, the exit code and the message to print.
    pub fn new(opts: &Options) -> Result<Run, (i32, String)> {
        let wording = match &opts.profile {
            Some(dir) => Wording::Profile(Box::new(
                Profile::load(dir).map_err(|e| (exit::ERRORS, e.to_string()))?,
            )),
            None => Wording::Builtin(Box::new(Templates::builtin().map_err(|e| {
                (
                    exit::TROUBLE,
                    format!("内置模板有误（程序缺陷，请报告）：{e}"),
                )
            })?)),
        };
        let previous =
            PreviousFinder::new(opts.previous.as_deref()).map_err(|e| (exit::TROUBLE, e))?;
        Ok(Run {
            today: Date::today(),
            live_today: false,
            wording,
            previous,
            json: opts.json,
        })
    }

    fn profile(&self) -> Option<&Profile> {
        match &self.wording {
            Wording::Profile(p) => Some(p),
            Wording::Builtin(_) => None,
        }
    }

    fn config_for(&self, report: &Report) -> rules::Config {
        match self.profile() {
            None => rules::Config::default(),
            Some(p) => rules::Config {
                profile_name: p.dir.join("style.toml").display().to_string(),
                local_deadline: p.local_deadline(report.agency.level, report.agency.year),
                required_extra: p.required_extra.clone(),
            },
        }
    }

    /// The `[extra]` fields the profile requires: (key, what it is).
    pub fn required_extra(&self) -> &[(String, String)] {
        self.profile().map_or(&[], |p| p.required_extra.as_slice())
    }

    /// The day a report of `level` for `year` is due: the profile's, or
    /// 1月31日 (departments) / 3月31日 (governments) of the next year.
    pub fn deadline(&self, level: crate::model::Level, year: i32) -> Date {
        self.profile()
            .and_then(|p| p.local_deadline(level, year))
            .or_else(|| match level {
                crate::model::Level::Government => Date::new(year + 1, 3, 31),
                crate::model::Level::Department => Date::new(year + 1, 1, 31),
            })
            .unwrap_or(Date {
                year: year + 1,
                month: 1,
                day: 31,
            })
    }

    /// Report → document IR, with the profile's templates when there is one.
    pub fn build(&self, report: &Report) -> Result<Document, template::BuildError> {
        match &self.wording {
            Wording::Profile(p) => p.build(report),
            Wording::Builtin(t) => template::build(t, report),
        }
    }

    pub fn write_options(&self, fragment: bool, pdf_a2b: bool) -> WriteOptions {
        WriteOptions {
            style: self.profile().map(|p| p.style.clone()).unwrap_or_default(),
            fragment,
            pdf_a2b,
            base_dir: self.profile().map(|p| p.dir.clone()),
        }
    }

    /// Reads and checks one file.
    pub fn load(&self, path: &Path) -> Loaded {
        match input::read_file(path) {
            Ok(source) => {
                Loaded::Ok(Box::new(self.check_source(source, |parsed| {
                    self.previous.find(path, &parsed.report)
                })))
            }
            Err(ReadError::Io(e)) => Loaded::Unreadable(format!(
                "错误：无法读取 {}：{}",
                path.display(),
                io_reason(&e)
            )),
            Err(err) => {
                let bytes = read_bounded(path, MAX_INPUT).unwrap_or_default();
                Loaded::Ok(Box::new(unreadable(path, err, &bytes)))
            }
        }
    }

    /// Checks an agency file already read; `previous` finds last year's
    /// report for it (asked only when the file parses).
    pub fn check_source(
        &self,
        source: SourceFile,
        previous: impl FnOnce(&Parsed) -> Option<(String, Report)>,
    ) -> Checked {
        let parsed = input::parse(&source.text);
        let prev = if parsed.syntax_error {
            None
        } else {
            previous(&parsed)
        };
        let config = self.config_for(&parsed.report);
        let mut diagnostics = rules::check_with(
            &parsed,
            &source.text,
            if self.live_today {
                Date::today()
            } else {
                self.today
            },
            prev.as_ref()
                .map(|(name, report)| rules::Previous { report, name }),
            &config,
        );
        if let Some(p) = self.profile() {
            p.adjust(&mut diagnostics);
        }
        if let Some(cells) = &source.cells {
            input::workbook::adapt_help(&mut diagnostics, cells);
        }
        Checked {
            source,
            parsed,
            diagnostics,
        }
    }

    /// Reads and checks an agency file held in memory (the server's
    /// uploads): a workbook when `workbook`, else agency.toml text. `name`
    /// is what diagnostics call the file.
    pub fn check_bytes(
        &self,
        name: &str,
        bytes: Vec<u8>,
        workbook: bool,
        previous: Option<(String, Report)>,
    ) -> Checked {
        let path = Path::new(name);
        let read = if workbook {
            input::workbook::read(&bytes)
                .map(|read| {
                    let mut source = SourceFile::new(name, path, read.text);
                    source.cells = Some(read.cells);
                    source
                })
                .map_err(|message| ReadError::Workbook {
                    name: name.to_string(),
                    message,
                })
        } else {
            SourceFile::from_bytes(name.to_string(), path, bytes.clone())
        };
        match read {
            Ok(source) => self.check_source(source, |_| previous),
            Err(err) => unreadable(path, err, &bytes),
        }
    }

    /// The report of a file that checked without errors (or with errors,
    /// when the caller allows it), in one format.
    pub fn render(&self, c: &Checked, format: crate::writers::Format) -> Result<Vec<u8>, String> {
        let doc = self
            .build(&c.parsed.report)
            .map_err(|e| format!("{}：{e}", c.source.name))?;
        crate::writers::write(format, &doc, &self.write_options(false, false)).map(|w| w.bytes)
    }
}

/// The one finding of a file that could not be read as an agency file.
fn unreadable(path: &Path, err: ReadError, bytes: &[u8]) -> Checked {
    match err {
        ReadError::Workbook { name, message } => bad_workbook(path, name, message),
        ReadError::Io(e) => {
            bad_workbook(path, path.display().to_string(), format!("无法读取：{e}"))
        }
        err => not_utf8(path, &err, bytes),
    }
}

/// A GR0001 finding for a file that is not UTF-8, located at the first bad byte.
fn not_utf8(path: &Path, err: &ReadError, bytes: &[u8]) -> Checked {
    let ReadError::NotUtf8 {
        name,
        bytes_before,
        guess,
        ..
    } = err
    else {
        unreachable!("called for NotUtf8 only")
    };
    let (line, col) = err.position().unwrap_or((1, 1));
    let source = SourceFile::new(
        name.clone(),
        path,
        String::from_utf8_lossy(bytes).into_owned(),
    );
    // Standard input can't be read again: then the finding points at the start.
    let start = String::from_utf8_lossy(bytes_before)
        .len()
        .min(source.text.len());
    let enc = guess
        .map(|g| format!("（看起来是 {g} 编码）"))
        .unwrap_or_default();
    let width = source.text[start..]
        .chars()
        .next()
        .map_or(0, char::len_utf8);
    let d = Diagnostic::new(
        &rules::gr0001_not_utf8::RULE,
        format!("文件不是 UTF-8 编码{enc}：第 {line} 行第 {col} 列起无法识别"),
    )
    .at(Some(start..start + width))
    .help(
        "用记事本打开此文件，“文件 → 另存为”，编码选择“UTF-8”后保存；WPS、VS Code 同样选择 UTF-8",
    );
    Checked::unreadable(source, d)
}

/// A GR0013 finding for a workbook that cannot be read or is not ours.
fn bad_workbook(path: &Path, name: String, message: String) -> Checked {
    let mut source = SourceFile::new(name, path, String::new());
    source.cells = Some(Default::default());
    let d = Diagnostic::new(&rules::gr0013_workbook::RULE, message)
        .help("用 govreport init -o 文件名.xlsx 生成填报工作簿；已有的数字和正文复制到黄色格子中");
    Checked::unreadable(source, d)
}

/// One input file, read and checked.
pub struct Checked {
    pub source: SourceFile,
    pub parsed: Parsed,
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    /// A file that could not be read as an agency file: its one finding,
    /// and nothing for the rules (they would only repeat it).
    fn unreadable(source: SourceFile, d: Diagnostic) -> Checked {
        Checked {
            source,
            parsed: Parsed {
                syntax_error: true,
                ..Parsed::default()
            },
            diagnostics: vec![d],
        }
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.is_error())
    }
}

pub enum Loaded {
    Ok(Box<Checked>),
    /// Could not be read at all (exit 2).
    Unreadable(String),
}
