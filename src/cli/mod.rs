//! The command line (spec: shared/spec/cli.md). Exit codes: 0 done, 1 the
//! input has errors, 2 the command line is wrong or a file can't be read/written.
//!
//! Batch work: files are processed in parallel (rayon) by pure per-file jobs
//! that return an `Outcome`; the main thread prints outcomes in input order,
//! so output is the same whatever `--jobs`. Templates (and the profile) are
//! loaded once per run.

mod summary;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use crate::date::Date;
use crate::diag::{self, Diagnostic};
use crate::input::{self, Parsed};
use crate::model::Report;
use crate::profile::Profile;
use crate::rules;
use crate::source::{ReadError, SourceFile};
use crate::template::{self, Templates};
use crate::writers::{self, Format, WriteOptions};

#[derive(Parser, Debug)]
#[command(
    name = "govreport",
    version,
    about = "政府信息公开工作年度报告：生成与检查（国办公开办函〔2021〕30号格式）",
    after_help = "示例：\n  govreport init --name \"某区司法局\" --year 2024 > agency.toml\n  govreport check agency.toml\n  govreport render agency.toml -f txt -o 输出目录\n  govreport summary 各单位目录 -o 汇总表.xlsx\n  govreport explain GR0301"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum MessageFormat {
    Human,
    Json,
}

#[derive(clap::Args, Debug)]
struct Common {
    /// 诊断信息的格式：human（中文说明）或 json（每行一个 JSON 对象，供程序读取）
    #[arg(long, value_enum, default_value = "human")]
    message_format: MessageFormat,
    /// 安静模式：不显示进度条，只输出问题和最后的汇总
    #[arg(short, long)]
    quiet: bool,
    /// 上年度的 agency.toml，用于核对上年结转、现行有效件数和内容雷同；
    /// 不指定时，自动使用同一目录下同一机关上一年度的文件
    #[arg(long, value_name = "FILE")]
    previous: Option<PathBuf>,
    /// 省级配置目录（模板和 style.toml）；用 govreport profile new 生成
    #[arg(long, value_name = "DIR")]
    profile: Option<PathBuf>,
    /// 同时处理的文件数（默认：全部 CPU 核心）
    #[arg(short = 'j', long, value_name = "N")]
    jobs: Option<usize>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// 检查 agency.toml：指出每个问题所在的行和列，并说明如何改正
    Check {
        /// 要检查的文件；目录表示其中所有 .toml 文件
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        common: Common,
    },
    /// 检查后生成报告（txt、html、docx、pdf）
    Render {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// 输出格式，逗号分隔：txt,html,docx,pdf 或 all
        #[arg(short, long, default_value = "all")]
        format: String,
        /// 输出目录（默认与输入文件相同）
        #[arg(short = 'o', long = "out-dir")]
        out_dir: Option<PathBuf>,
        /// 即使有错误也生成（不建议发布这样的报告）
        #[arg(long)]
        force: bool,
        /// HTML 只输出正文片段（无 <html>/<head>、无内联样式），便于粘贴到网站编辑器
        #[arg(long)]
        fragment: bool,
        /// PDF 标准：a-2b（PDF/A-2b 长期保存格式，生成时校验）
        #[arg(long, value_name = "STANDARD", value_parser = ["a-2b"])]
        pdf_standard: Option<String>,
        #[command(flatten)]
        common: Common,
    },
    /// 汇总表：每个机关一行、每个表格数字一列，末行合计（.csv 或 .xlsx）
    Summary {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// 输出文件：.csv（UTF-8，Excel/WPS 可直接打开）或 .xlsx
        #[arg(short = 'o', long = "output", default_value = "summary.csv")]
        output: PathBuf,
        #[command(flatten)]
        common: Common,
    },
    /// 输出一份带中文注释的 agency.toml 模板
    Init {
        /// 机关名称，如“重庆市綦江区司法局”
        #[arg(long)]
        name: Option<String>,
        /// 报告年度（默认：去年）
        #[arg(long)]
        year: Option<i32>,
        /// department（政府部门）或 government（人民政府）
        #[arg(long, default_value = "department")]
        level: String,
    },
    /// 省级配置：profile new 目录 —— 写出内置模板和带注释的 style.toml 供修改
    Profile {
        #[command(subcommand)]
        action: ProfileAction,
    },
    /// 显示一条规则的说明（如 GR0301）；不带参数时列出全部规则
    Explain { code: Option<String> },
    /// 输出 agency.toml 的 JSON Schema（供编辑器补全和校验）
    Schema,
    /// 审核已发布的报告（.txt、.html、.docx）：章节、标签、勾稽关系、正文与表格
    Audit {
        /// 报告文件；目录表示其中所有 .txt、.html、.docx 文件
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// 另存一份审核汇总（CSV，每份报告一行）
        #[arg(long, value_name = "FILE.csv")]
        summary: Option<PathBuf>,
        #[command(flatten)]
        common: Common,
    },
    /// 把已发布的报告（.txt、.html、.docx）转为 agency.toml，作为下一年度的起点
    Import {
        file: PathBuf,
        /// 输出文件（默认输出到屏幕）
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
    },
}

#[derive(Subcommand, Debug)]
enum ProfileAction {
    /// 在新目录中写出内置模板和 style.toml
    New { dir: PathBuf },
}

pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    match cli.command {
        Command::Check { files, common } => batch(&files, &common, Job::Check),
        Command::Render {
            files,
            format,
            out_dir,
            force,
            fragment,
            pdf_standard,
            common,
        } => {
            let formats = match parse_formats(&format) {
                Ok(f) => f,
                Err(e) => {
                    eprintln!("错误：{e}");
                    return 2;
                }
            };
            batch(
                &files,
                &common,
                Job::Render(RenderJob {
                    formats,
                    out_dir,
                    force,
                    fragment,
                    pdf_a2b: pdf_standard.is_some(),
                }),
            )
        }
        Command::Summary {
            files,
            output,
            common,
        } => summary_cmd(&files, &output, &common),
        Command::Init { name, year, level } => init(name, year, &level),
        Command::Profile {
            action: ProfileAction::New { dir },
        } => match crate::profile::write_new(&dir) {
            Ok(files) => {
                for f in files {
                    eprintln!("已写出：{}", f.display());
                }
                eprintln!(
                    "修改这些文件后，用 --profile {} 使用这套配置",
                    dir.display()
                );
                0
            }
            Err(e) => {
                eprintln!("错误：{e}");
                2
            }
        },
        Command::Explain { code } => explain(code.as_deref()),
        Command::Schema => {
            println!(
                "{}",
                serde_json::to_string_pretty(&crate::schema::json_schema()).unwrap_or_default()
            );
            0
        }
        Command::Audit {
            files,
            summary,
            common,
        } => audit_cmd(&files, summary.as_deref(), &common),
        Command::Import { file, output } => import_cmd(&file, output.as_deref()),
    }
}

/// Expands directories into the `*.toml` files below them (sorted, so runs repeat).
fn collect(files: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for f in files {
        if f.is_dir() {
            let before = out.len();
            walk(f, &mut out, is_agency_file)
                .map_err(|e| format!("无法读取目录 {}：{e}", f.display()))?;
            if out.len() == before {
                return Err(format!("目录 {} 中没有 .toml 文件", f.display()));
            }
        } else {
            out.push(f.clone());
        }
    }
    Ok(out)
}

/// Files below `dir` that `accept` takes, sorted so runs repeat.
fn walk(dir: &Path, out: &mut Vec<PathBuf>, accept: fn(&Path) -> bool) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out, accept)?;
        } else if accept(&p) {
            out.push(p);
        }
    }
    Ok(())
}

/// An agency file: `*.toml`, but not a profile's style.toml.
fn is_agency_file(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "toml") && p.file_name().is_some_and(|n| n != "style.toml")
}

/// A published report `audit` can read.
fn is_report_file(p: &Path) -> bool {
    p.extension()
        .is_some_and(|e| matches!(e.to_str(), Some("txt" | "html" | "htm" | "docx" | "pdf")))
}

/// Last year's files: given on the command line, or found beside each input.
struct PreviousFinder {
    explicit: Option<(String, Report)>,
    /// Per directory: (file, agency name, year) of every agency file in it.
    dirs: Mutex<std::collections::HashMap<PathBuf, Arc<Vec<(PathBuf, String, i32)>>>>,
}

impl PreviousFinder {
    fn new(explicit: Option<&Path>) -> Result<PreviousFinder, String> {
        let explicit = match explicit {
            None => None,
            Some(p) => {
                let src = SourceFile::read(p).map_err(|e| match e {
                    ReadError::Io(e) => format!("无法读取上年度文件 {}：{e}", p.display()),
                    ReadError::NotUtf8 { .. } => {
                        format!("上年度文件 {} 不是 UTF-8 编码，请另存为 UTF-8", p.display())
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
    fn find(&self, path: &Path, report: &Report) -> Option<(String, Report)> {
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
        let src = SourceFile::read(file).ok()?;
        Some((file.display().to_string(), input::parse(&src.text).report))
    }
}

/// Agency name and year of every agency file in a directory (not below it).
fn scan_dir(dir: &Path) -> Vec<(PathBuf, String, i32)> {
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
        .filter(|p| p.extension().is_some_and(|e| e == "toml") && p.is_file())
        .collect();
    files.sort();
    files
        .into_iter()
        .filter_map(|f| {
            let src = SourceFile::read(&f).ok()?;
            let parsed = input::parse(&src.text);
            let a = &parsed.report.agency;
            (!parsed.syntax_error && !a.name.trim().is_empty())
                .then(|| (f.clone(), a.name.trim().to_string(), a.year))
        })
        .collect()
}

/// Everything a run shares across files: loaded once.
struct Run {
    today: Date,
    profile: Option<Profile>,
    builtin: Option<Templates>,
    previous: PreviousFinder,
    json: bool,
}

impl Run {
    fn new(common: &Common) -> Result<Run, (i32, String)> {
        let profile = match &common.profile {
            None => None,
            Some(dir) => Some(Profile::load(dir).map_err(|e| (1, e.to_string()))?),
        };
        let builtin = match profile {
            Some(_) => None,
            None => Some(
                Templates::builtin()
                    .map_err(|e| (2, format!("内置模板有误（程序缺陷，请报告）：{e}")))?,
            ),
        };
        let previous = PreviousFinder::new(common.previous.as_deref()).map_err(|e| (2, e))?;
        Ok(Run {
            today: Date::today(),
            profile,
            builtin,
            previous,
            json: common.message_format == MessageFormat::Json,
        })
    }

    fn config_for(&self, report: &Report) -> rules::Config {
        match &self.profile {
            None => rules::Config::default(),
            Some(p) => rules::Config {
                profile_name: p.dir.join("style.toml").display().to_string(),
                local_deadline: p.local_deadline(report.agency.level, report.agency.year),
                required_extra: p.required_extra.clone(),
            },
        }
    }

    fn build(&self, report: &Report) -> Result<crate::ir::Document, template::BuildError> {
        match (&self.profile, &self.builtin) {
            (Some(p), _) => p.build(report),
            (None, Some(t)) => template::build(t, report),
            (None, None) => unreachable!("a run has templates"),
        }
    }

    fn write_options(&self, fragment: bool, pdf_a2b: bool) -> WriteOptions {
        WriteOptions {
            style: self
                .profile
                .as_ref()
                .map(|p| p.style.clone())
                .unwrap_or_default(),
            fragment,
            pdf_a2b,
            base_dir: self.profile.as_ref().map(|p| p.dir.clone()),
        }
    }

    /// Reads and checks one file.
    fn load(&self, path: &Path) -> Loaded {
        match SourceFile::read(path) {
            Ok(source) => {
                let parsed = input::parse(&source.text);
                let prev = if parsed.syntax_error {
                    None
                } else {
                    self.previous.find(path, &parsed.report)
                };
                let config = self.config_for(&parsed.report);
                let mut diagnostics = rules::check_with(
                    &parsed,
                    &source.text,
                    self.today,
                    prev.as_ref()
                        .map(|(name, report)| rules::Previous { report, name }),
                    &config,
                );
                if let Some(p) = &self.profile {
                    p.adjust(&mut diagnostics);
                }
                Loaded::Ok(Box::new(Checked {
                    source,
                    parsed,
                    diagnostics,
                }))
            }
            Err(ReadError::Io(e)) => {
                let why = match e.kind() {
                    std::io::ErrorKind::NotFound => "文件不存在，请检查路径和文件名".to_string(),
                    std::io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
                    std::io::ErrorKind::IsADirectory => "这是一个目录".to_string(),
                    _ => e.to_string(),
                };
                Loaded::Unreadable(format!("错误：无法读取 {}：{why}", path.display()))
            }
            Err(err @ ReadError::NotUtf8 { .. }) => Loaded::Ok(Box::new(not_utf8(path, &err))),
        }
    }
}

/// A GR0001 finding for a file that is not UTF-8, located at the first bad byte.
fn not_utf8(path: &Path, err: &ReadError) -> Checked {
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
    let bytes = std::fs::read(path).unwrap_or_default();
    let source = SourceFile::new(
        name.clone(),
        path,
        String::from_utf8_lossy(&bytes).into_owned(),
    );
    let start = String::from_utf8_lossy(bytes_before).len();
    let enc = guess
        .map(|g| format!("（看起来是 {g} 编码）"))
        .unwrap_or_default();
    let width = source.text[start..]
        .chars()
        .next()
        .map_or(0, char::len_utf8);
    let d = Diagnostic::new(
        "GR0001",
        format!("文件不是 UTF-8 编码{enc}：第 {line} 行第 {col} 列起无法识别"),
    )
    .at(Some(start..start + width))
    .help(
        "用记事本打开此文件，“文件 → 另存为”，编码选择“UTF-8”后保存；WPS、VS Code 同样选择 UTF-8",
    );
    Checked {
        source,
        parsed: Parsed {
            syntax_error: true,
            ..Parsed::default()
        },
        diagnostics: vec![d],
    }
}

/// One input file, read and checked.
struct Checked {
    source: SourceFile,
    parsed: Parsed,
    diagnostics: Vec<Diagnostic>,
}

impl Checked {
    fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.is_error())
    }
}

enum Loaded {
    Ok(Box<Checked>),
    /// Could not be read at all (exit 2).
    Unreadable(String),
}

struct RenderJob {
    formats: Vec<Format>,
    out_dir: Option<PathBuf>,
    force: bool,
    fragment: bool,
    pdf_a2b: bool,
}

enum Job {
    Check,
    Render(RenderJob),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Status {
    Passed,
    Failed,
    /// Unreadable input or unwritable output.
    Io,
}

/// What one file's job produced, printed by the main thread in input order.
struct Outcome {
    name: String,
    /// Lines for stdout (JSON diagnostics).
    stdout: Vec<String>,
    /// Text for stderr (human diagnostics, verdicts, written files).
    stderr: Vec<String>,
    status: Status,
}

impl RenderJob {
    fn target(&self, path: &Path, f: Format) -> PathBuf {
        let stem = path
            .file_stem()
            .map(|s| s.to_os_string())
            .unwrap_or_default();
        let dir = self
            .out_dir
            .clone()
            .unwrap_or_else(|| path.parent().map(Path::to_path_buf).unwrap_or_default());
        dir.join(stem).with_extension(f.ext())
    }
}

fn process(run: &Run, job: &Job, path: &Path, common: &Common) -> Outcome {
    process_loaded(run, job, path, common, run.load(path))
}

/// `process` for a file already read and checked.
fn process_loaded(run: &Run, job: &Job, path: &Path, common: &Common, loaded: Loaded) -> Outcome {
    let mut out = Outcome {
        name: path.display().to_string(),
        stdout: Vec::new(),
        stderr: Vec::new(),
        status: Status::Passed,
    };
    let c = match loaded {
        Loaded::Unreadable(msg) => {
            out.stderr.push(msg);
            out.status = Status::Io;
            return out;
        }
        Loaded::Ok(c) => c,
    };
    out.name = c.source.name.clone();
    for d in &c.diagnostics {
        if run.json {
            out.stdout.push(diag::render_json(&c.source, d));
        } else {
            out.stderr
                .push(format!("{}\n", diag::render_human(&c.source, d)));
        }
    }
    if c.has_errors() {
        out.status = Status::Failed;
    }
    let human = !run.json;
    match job {
        Job::Check => {
            if human && (!common.quiet || c.has_errors()) {
                out.stderr.push(if c.diagnostics.is_empty() {
                    format!("{}：检查通过", c.source.name)
                } else {
                    format!("{}：{}", c.source.name, diag::count_line(&c.diagnostics))
                });
            }
        }
        Job::Render(r) => {
            if c.has_errors() && (!r.force || c.parsed.syntax_error) {
                if human {
                    out.stderr.push(format!(
                        "{}：{}，未生成报告（改正后重新运行）",
                        c.source.name,
                        diag::count_line(&c.diagnostics)
                    ));
                }
                return out;
            }
            let doc = match run.build(&c.parsed.report) {
                Ok(d) => d,
                Err(e) => {
                    out.stderr.push(format!("错误：{}：{e}", c.source.name));
                    out.status = Status::Failed;
                    return out;
                }
            };
            let opts = run.write_options(r.fragment, r.pdf_a2b);
            for &f in &r.formats {
                let target = r.target(path, f);
                let result = writers::write(f, &doc, &opts).and_then(|written| {
                    for w in &written.warnings {
                        out.stderr.push(format!("警告：{}：{w}", target.display()));
                    }
                    crate::output::write_atomic(&target, &written.bytes)
                        .map_err(|e| format!("无法写入 {}：{e}", target.display()))
                });
                match result {
                    Ok(()) => {
                        if human && !common.quiet {
                            out.stderr.push(format!("已生成：{}", target.display()));
                        }
                    }
                    Err(e) => {
                        out.stderr.push(format!("错误：{e}"));
                        out.status = Status::Io;
                    }
                }
            }
        }
    }
    out
}

/// Runs `job` over every file in parallel and prints outcomes in order.
fn batch(files: &[PathBuf], common: &Common, job: Job) -> i32 {
    let files = match collect(files) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("错误：{e}");
            return 2;
        }
    };
    if let Job::Render(r) = &job {
        // Two inputs with the same name must not overwrite each other's report.
        let mut seen = std::collections::HashMap::new();
        for p in &files {
            let t = r.target(p, Format::Txt);
            if let Some(prev) = seen.insert(t.clone(), p.clone()) {
                eprintln!(
                    "错误：{} 和 {} 会写到同一个输出文件 {}；请分开输出目录或改名",
                    prev.display(),
                    p.display(),
                    t.with_extension("*").display()
                );
                return 2;
            }
        }
    }
    let run = match Run::new(common) {
        Ok(r) => r,
        Err((code, msg)) => {
            eprintln!("{msg}");
            return code;
        }
    };
    let outcomes = in_parallel(&files, common, |p| process(&run, &job, p, common));
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr().lock();
    for o in &outcomes {
        for l in &o.stdout {
            let _ = writeln!(stdout, "{l}");
        }
        for l in &o.stderr {
            let _ = writeln!(stderr, "{l}");
        }
    }
    drop((stdout, stderr));
    finish(&outcomes, common)
}

/// Maps `f` over files on a pool of `--jobs` threads, with a progress bar on a terminal.
fn in_parallel<T: Send>(
    files: &[PathBuf],
    common: &Common,
    f: impl Fn(&Path) -> T + Sync,
) -> Vec<T> {
    let show = files.len() > 1
        && !common.quiet
        && common.message_format == MessageFormat::Human
        && std::io::stderr().is_terminal();
    let bar = if show {
        let b = indicatif::ProgressBar::new(files.len() as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{bar:40} {pos}/{len} 份 {elapsed_precise} {msg}",
        ) {
            b.set_style(style);
        }
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(n) = common.jobs {
        builder = builder.num_threads(n.max(1));
    }
    let work = |files: &[PathBuf]| -> Vec<T> {
        files
            .par_iter()
            .map(|p| {
                let r = f(p);
                bar.inc(1);
                r
            })
            .collect()
    };
    let result = match builder.build() {
        Ok(pool) => pool.install(|| work(files)),
        Err(_) => work(files),
    };
    bar.finish_and_clear();
    result
}

/// The closing summary and the exit code.
fn finish(outcomes: &[Outcome], common: &Common) -> i32 {
    let failed: Vec<&Outcome> = outcomes
        .iter()
        .filter(|o| o.status == Status::Failed)
        .collect();
    let io = outcomes.iter().filter(|o| o.status == Status::Io).count();
    let passed = outcomes.len() - failed.len() - io;
    if outcomes.len() > 1 && common.message_format == MessageFormat::Human {
        eprintln!(
            "共 {} 份：{passed} 份通过，{} 份有错误{}",
            outcomes.len(),
            failed.len(),
            if io > 0 {
                format!("，{io} 份无法读取或写入")
            } else {
                String::new()
            }
        );
        for o in &failed {
            eprintln!("  有错误：{}", o.name);
        }
    }
    if io > 0 {
        2
    } else if !failed.is_empty() {
        1
    } else {
        0
    }
}

/// Parses `-f`: explicit formats must all be available; `all` means every available one.
fn parse_formats(spec: &str) -> Result<Vec<Format>, String> {
    let mut out = Vec::new();
    for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        if part.eq_ignore_ascii_case("all") {
            for f in Format::ALL.into_iter().filter(|f| f.available()) {
                if !out.contains(&f) {
                    out.push(f);
                }
            }
            continue;
        }
        let Some(f) = Format::parse(part) else {
            return Err(format!(
                "未知的输出格式“{part}”：可选 txt、html、docx、pdf 或 all"
            ));
        };
        if !f.available() {
            let avail: Vec<_> = Format::ALL
                .iter()
                .filter(|f| f.available())
                .map(|f| f.ext())
                .collect();
            return Err(format!(
                "暂不能输出 {} 格式（此功能尚未实现）；目前可用：{}",
                f.ext(),
                avail.join("、")
            ));
        }
        if !out.contains(&f) {
            out.push(f);
        }
    }
    if out.is_empty() {
        return Err("没有指定输出格式：用 -f txt,html,docx,pdf 或 -f all".into());
    }
    Ok(out)
}

/// `summary`: the 汇总表 of every file that checks without errors.
fn summary_cmd(files: &[PathBuf], output: &Path, common: &Common) -> i32 {
    let xlsx = match output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("csv") => false,
        Some("xlsx") => true,
        _ => {
            eprintln!(
                "错误：汇总表的文件名应以 .csv 或 .xlsx 结尾，这里是 {}",
                output.display()
            );
            return 2;
        }
    };
    let files = match collect(files) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("错误：{e}");
            return 2;
        }
    };
    let run = match Run::new(common) {
        Ok(r) => r,
        Err((code, msg)) => {
            eprintln!("{msg}");
            return code;
        }
    };
    let results = in_parallel(&files, common, |p| {
        // Read and check each file once; keep the report of files without errors.
        let loaded = run.load(p);
        let report = match &loaded {
            Loaded::Ok(c) if !c.has_errors() => Some(c.parsed.report.clone()),
            _ => None,
        };
        (process_loaded(&run, &Job::Check, p, common, loaded), report)
    });
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr().lock();
    for (o, _) in &results {
        for l in &o.stdout {
            let _ = writeln!(stdout, "{l}");
        }
        // Only problems: the per-file "检查通过" lines would drown the summary.
        if o.status != Status::Passed {
            for l in &o.stderr {
                let _ = writeln!(stderr, "{l}");
            }
        }
    }
    drop((stdout, stderr));
    let (outcomes, kept): (Vec<Outcome>, Vec<Option<Report>>) = results.into_iter().unzip();
    let reports: Vec<&Report> = kept.iter().flatten().collect();
    let bytes = if xlsx {
        summary::xlsx(&reports)
    } else {
        Ok(summary::csv(&reports))
    };
    let written =
        bytes.and_then(|b| crate::output::write_atomic(output, &b).map_err(|e| e.to_string()));
    if let Err(e) = written {
        eprintln!("错误：无法写入 {}：{e}", output.display());
        return 2;
    }
    let excluded = outcomes
        .iter()
        .filter(|o| o.status != Status::Passed)
        .count();
    if common.message_format == MessageFormat::Human {
        eprintln!(
            "已生成汇总表：{}（{} 个机关{}）",
            output.display(),
            reports.len(),
            if excluded > 0 {
                format!("；{excluded} 份有错误，未计入")
            } else {
                String::new()
            }
        );
    }
    finish(&outcomes, common)
}

fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
fn init(name: Option<String>, year: Option<i32>, level: &str) -> i32 {
    let level = match level {
        "department" | "部门" => "department",
        "government" | "政府" | "人民政府" => "government",
        other => {
            eprintln!(
                "错误：--level 只能是 department（政府部门）或 government（人民政府），这里是“{other}”"
            );
            return 2;
        }
    };
    let year = year.unwrap_or(Date::today().year - 1);
    let deadline = if level == "government" {
        "3月31日"
    } else {
        "1月31日"
    };
    let text = template::INIT_TOML
        .replace("{{NAME}}", &toml_string(name.as_deref().unwrap_or("")))
        .replace("{{YEAR}}", &year.to_string())
        .replace("{{NEXT_YEAR}}", &(year + 1).to_string())
        .replace("{{LEVEL}}", level)
        .replace("{{DEADLINE}}", deadline);
    print!("{text}");
    0
}
fn explain(code: Option<&str>) -> i32 {
    match code {
        None => {
            println!("规则一览（govreport explain 代码 查看详细说明）：\n");
            for r in rules::RULES {
                println!("{}  {}  {}", r.code, r.severity.zh(), r.title);
            }
            0
        }
        Some(code) => match rules::lookup(code) {
            Some(r) => {
                print!("{}", rules::explain(r));
                0
            }
            None => {
                eprintln!("错误：没有规则“{code}”；运行 govreport explain 查看全部规则代码");
                2
            }
        },
    }
}

/// Every published report file below the arguments (`*.txt`).
fn collect_reports(files: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for f in files {
        if f.is_dir() {
            walk(f, &mut out, is_report_file)
                .map_err(|e| format!("无法读取目录 {}：{e}", f.display()))?;
        } else {
            out.push(f.clone());
        }
    }
    if out.is_empty() {
        return Err("没有找到要审核的报告（.txt、.html、.docx、.pdf 文件）".into());
    }
    Ok(out)
}

/// `audit`: published reports through the recogniser and the rules.
fn audit_cmd(files: &[PathBuf], summary: Option<&Path>, common: &Common) -> i32 {
    let files = match collect_reports(files) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("错误：{e}");
            return 2;
        }
    };
    let today = Date::today();
    let json = common.message_format == MessageFormat::Json;
    // Last year's agency file, when given (published reports have no sibling lookup).
    let previous = match PreviousFinder::new(common.previous.as_deref()) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("错误：{e}");
            return 2;
        }
    };
    let results = in_parallel(&files, common, |path| {
        let mut o = Outcome {
            name: path.display().to_string(),
            stdout: Vec::new(),
            stderr: Vec::new(),
            status: Status::Passed,
        };
        let source = match crate::audit::read(path) {
            Ok(s) => s,
            Err(e) => {
                o.stderr.push(format!("错误：{e}"));
                o.status = Status::Io;
                return (o, None);
            }
        };
        let prev = previous
            .explicit
            .as_ref()
            .map(|(name, report)| rules::Previous { report, name });
        let (rec, diags) = crate::audit::audit_with(&source, today, prev);
        for d in &diags {
            if json {
                o.stdout.push(diag::render_json(&source, d));
            } else {
                o.stderr
                    .push(format!("{}\n", diag::render_human(&source, d)));
            }
        }
        if diags.iter().any(|d| d.is_error()) {
            o.status = Status::Failed;
        }
        if !json && (!common.quiet || o.status != Status::Passed) {
            o.stderr.push(if diags.is_empty() {
                format!("{}：审核未发现问题", source.name)
            } else {
                format!("{}：{}", source.name, diag::count_line(&diags))
            });
        }
        let row = (
            source.name.clone(),
            rec.report.agency.name.clone(),
            rec.report.agency.year,
            diags.iter().filter(|d| d.is_error()).count(),
            diags.len() - diags.iter().filter(|d| d.is_error()).count(),
            diags.iter().map(|d| d.code).collect::<Vec<_>>().join(" "),
        );
        (o, Some(row))
    });
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr().lock();
    for (o, _) in &results {
        for l in &o.stdout {
            let _ = writeln!(stdout, "{l}");
        }
        for l in &o.stderr {
            let _ = writeln!(stderr, "{l}");
        }
    }
    drop((stdout, stderr));
    if let Some(path) = summary {
        let mut csv = String::from("\u{feff}文件,机关名称,年度,错误,警告,规则\r\n");
        for (_, row) in &results {
            if let Some((file, name, year, e, w, codes)) = row {
                let q = |s: &str| {
                    if s.contains([',', '"']) {
                        format!("\"{}\"", s.replace('"', "\"\""))
                    } else {
                        s.to_string()
                    }
                };
                csv.push_str(&format!(
                    "{},{},{year},{e},{w},{}\r\n",
                    q(file),
                    q(name),
                    codes
                ));
            }
        }
        if let Err(e) = crate::output::write_atomic(path, csv.as_bytes()) {
            eprintln!("错误：无法写入 {}：{e}", path.display());
            return 2;
        }
    }
    let outcomes: Vec<Outcome> = results.into_iter().map(|(o, _)| o).collect();
    finish(&outcomes, common)
}

/// `import`: a published report → agency.toml.
fn import_cmd(file: &Path, output: Option<&Path>) -> i32 {
    let source = match crate::audit::read(file) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("错误：{e}");
            return 2;
        }
    };
    let rec = crate::audit::recognise(&source.text);
    let (text, todo) = crate::audit::export::to_toml(&rec, &source.name);
    match output {
        Some(path) => {
            if let Err(e) = crate::output::write_atomic(path, text.as_bytes()) {
                eprintln!("错误：无法写入 {}：{e}", path.display());
                return 2;
            }
            eprintln!("已生成：{}", path.display());
        }
        None => print!("{text}"),
    }
    for t in &todo {
        eprintln!("提示：{t}");
    }
    if !todo.is_empty() {
        eprintln!("补全上述内容后运行 govreport check 检查");
    }
    0
}
