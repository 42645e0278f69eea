//! The command line (spec: shared/spec/cli.md). Exit codes: 0 done, 1 the
//! input has errors, 2 the command line is wrong or a file can't be read/written.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::date::Date;
use crate::diag::{self, Diagnostic};
use crate::input::{self, Parsed};
use crate::rules;
use crate::source::{ReadError, SourceFile};
use crate::template::{self, Templates};
use crate::writers::{self, Format};

#[derive(Parser, Debug)]
#[command(
    name = "govreport",
    version,
    about = "政府信息公开工作年度报告：生成与检查（国办公开办函〔2021〕30号格式）",
    after_help = "示例：\n  govreport init --name \"某某区司法局\" --year 2024 > agency.toml\n  govreport check agency.toml\n  govreport render agency.toml -f txt -o 输出目录\n  govreport explain GR0301"
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
    /// 安静模式：只输出问题和最后的汇总
    #[arg(short, long)]
    quiet: bool,
    /// 上年度的 agency.toml，用于核对上年结转、现行有效件数和内容雷同；
    /// 不指定时，自动使用同一目录下同一机关上一年度的文件
    #[arg(long, value_name = "FILE")]
    previous: Option<PathBuf>,
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
    /// 显示一条规则的说明（如 GR0301）；不带参数时列出全部规则
    Explain { code: Option<String> },
    /// 输出 agency.toml 的 JSON Schema（供编辑器补全和校验）
    Schema,
    /// 检查已发布的报告（尚未实现）
    #[command(hide = true)]
    Audit { files: Vec<PathBuf> },
    /// 把已发布的报告转为 agency.toml（尚未实现）
    #[command(hide = true)]
    Import { files: Vec<PathBuf> },
    /// 汇总表（尚未实现）
    #[command(hide = true)]
    Summary { files: Vec<PathBuf> },
    /// 省级模板配置（尚未实现）
    #[command(hide = true)]
    Profile { args: Vec<String> },
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
        Command::Check { files, common } => check(&files, &common),
        Command::Render {
            files,
            format,
            out_dir,
            force,
            fragment,
            common,
        } => {
            let opts = writers::WriteOptions {
                fragment,
                ..Default::default()
            };
            render(&files, &format, out_dir.as_deref(), force, &opts, &common)
        }
        Command::Init { name, year, level } => init(name, year, &level),
        Command::Explain { code } => explain(code.as_deref()),
        Command::Schema => {
            println!(
                "{}",
                serde_json::to_string_pretty(&crate::schema::json_schema()).unwrap_or_default()
            );
            0
        }
        Command::Audit { .. }
        | Command::Import { .. }
        | Command::Summary { .. }
        | Command::Profile { .. } => {
            eprintln!("错误：这个命令尚未实现，将在后续版本提供");
            2
        }
    }
}

/// Expands directories into the `*.toml` files below them (sorted, so runs repeat).
fn collect(files: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for f in files {
        if f.is_dir() {
            let before = out.len();
            walk(f, &mut out).map_err(|e| format!("无法读取目录 {}：{e}", f.display()))?;
            if out.len() == before {
                return Err(format!("目录 {} 中没有 .toml 文件", f.display()));
            }
        } else {
            out.push(f.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "toml") {
            out.push(p);
        }
    }
    Ok(())
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

/// Last year's files: given on the command line, or found beside each input.
struct PreviousFinder {
    explicit: Option<(String, crate::model::Report)>,
    /// Per directory: (file, agency name, year) of every agency file in it.
    dirs: std::cell::RefCell<
        std::collections::HashMap<PathBuf, std::rc::Rc<Vec<(PathBuf, String, i32)>>>,
    >,
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
    fn find(
        &self,
        path: &Path,
        report: &crate::model::Report,
    ) -> Option<(String, crate::model::Report)> {
        if let Some(e) = &self.explicit {
            return Some(e.clone());
        }
        let name = report.agency.name.trim();
        if name.is_empty() || report.agency.year == 0 {
            return None;
        }
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let listing = self
            .dirs
            .borrow_mut()
            .entry(dir.clone())
            .or_insert_with(|| std::rc::Rc::new(scan_dir(&dir)))
            .clone();
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

fn load(path: &Path, today: Date, previous: &PreviousFinder) -> Loaded {
    match SourceFile::read(path) {
        Ok(source) => {
            let parsed = input::parse(&source.text);
            let prev = if parsed.syntax_error {
                None
            } else {
                previous.find(path, &parsed.report)
            };
            let diagnostics = rules::check_with(
                &parsed,
                &source.text,
                today,
                prev.as_ref()
                    .map(|(name, report)| rules::Previous { report, name }),
            );
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
        Err(err @ ReadError::NotUtf8 { .. }) => {
            let ReadError::NotUtf8 {
                name,
                bytes_before,
                at,
                guess,
            } = &err
            else {
                unreachable!()
            };
            let (line, col) = err.position().unwrap_or((1, 1));
            let bytes = std::fs::read(path).unwrap_or_default();
            let lossy = String::from_utf8_lossy(&bytes).into_owned();
            let source = SourceFile::new(name.clone(), path, lossy);
            let start = String::from_utf8_lossy(bytes_before).len();
            let enc = guess
                .map(|g| format!("（看起来是 {g} 编码）"))
                .unwrap_or_default();
            let d = Diagnostic::new(
                "GR0001",
                format!("文件不是 UTF-8 编码{enc}：第 {line} 行第 {col} 列起无法识别"),
            )
            .at(Some(start..start + source.text[start..].chars().next().map_or(0, char::len_utf8)))
            .help("用记事本打开此文件，“文件 → 另存为”，编码选择“UTF-8”后保存；WPS、VS Code 同样选择 UTF-8");
            let _ = at;
            Loaded::Ok(Box::new(Checked {
                source,
                parsed: Parsed {
                    syntax_error: true,
                    ..Parsed::default()
                },
                diagnostics: vec![d],
            }))
        }
    }
}

fn print_diagnostics(c: &Checked, common: &Common) {
    match common.message_format {
        MessageFormat::Json => {
            let mut out = std::io::stdout().lock();
            for d in &c.diagnostics {
                let _ = writeln!(out, "{}", diag::render_json(&c.source, d));
            }
        }
        MessageFormat::Human => {
            let mut err = std::io::stderr().lock();
            for d in &c.diagnostics {
                let _ = writeln!(err, "{}\n", diag::render_human(&c.source, d));
            }
        }
    }
}

fn file_verdict(c: &Checked, common: &Common) {
    if common.message_format == MessageFormat::Human && (!common.quiet || c.has_errors()) {
        if c.diagnostics.is_empty() {
            eprintln!("{}：检查通过", c.source.name);
        } else {
            eprintln!("{}：{}", c.source.name, diag::count_line(&c.diagnostics));
        }
    }
}

/// Batch tally and the closing line.
#[derive(Default)]
struct Tally {
    passed: usize,
    failed: Vec<String>,
    unreadable: usize,
}

impl Tally {
    fn finish(&self, common: &Common, total: usize) -> i32 {
        if total > 1 && common.message_format == MessageFormat::Human {
            eprintln!(
                "共 {total} 份：{} 份通过，{} 份有错误{}",
                self.passed,
                self.failed.len(),
                if self.unreadable > 0 {
                    format!("，{} 份无法读取", self.unreadable)
                } else {
                    String::new()
                }
            );
            for f in &self.failed {
                eprintln!("  有错误：{f}");
            }
        }
        if self.unreadable > 0 {
            2
        } else if !self.failed.is_empty() {
            1
        } else {
            0
        }
    }
}

fn check(files: &[PathBuf], common: &Common) -> i32 {
    let files = match collect(files) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("错误：{e}");
            return 2;
        }
    };
    let today = Date::today();
    let previous = match PreviousFinder::new(common.previous.as_deref()) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("错误：{e}");
            return 2;
        }
    };
    let mut tally = Tally::default();
    for path in &files {
        match load(path, today, &previous) {
            Loaded::Unreadable(msg) => {
                eprintln!("{msg}");
                tally.unreadable += 1;
            }
            Loaded::Ok(c) => {
                print_diagnostics(&c, common);
                file_verdict(&c, common);
                if c.has_errors() {
                    tally.failed.push(c.source.name.clone());
                } else {
                    tally.passed += 1;
                }
            }
        }
    }
    tally.finish(common, files.len())
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

fn render(
    files: &[PathBuf],
    format: &str,
    out_dir: Option<&Path>,
    force: bool,
    opts: &writers::WriteOptions,
    common: &Common,
) -> i32 {
    let formats = match parse_formats(format) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("错误：{e}");
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
    // Two inputs with the same name must not overwrite each other's report.
    let target = |path: &Path, f: Format| -> PathBuf {
        let stem = path
            .file_stem()
            .map(|s| s.to_os_string())
            .unwrap_or_default();
        let dir = out_dir
            .map(Path::to_path_buf)
            .unwrap_or_else(|| path.parent().map(Path::to_path_buf).unwrap_or_default());
        dir.join(stem).with_extension(f.ext())
    };
    let mut seen = std::collections::HashMap::new();
    for p in &files {
        let t = target(p, Format::Txt);
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
    let templates = match Templates::builtin() {
        Ok(t) => t,
        Err(e) => {
            eprintln!("错误：{e}\n{}", e.detail);
            return 2;
        }
    };
    let today = Date::today();
    let previous = match PreviousFinder::new(common.previous.as_deref()) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("错误：{e}");
            return 2;
        }
    };
    let mut tally = Tally::default();
    for path in &files {
        let c = match load(path, today, &previous) {
            Loaded::Unreadable(msg) => {
                eprintln!("{msg}");
                tally.unreadable += 1;
                continue;
            }
            Loaded::Ok(c) => c,
        };
        print_diagnostics(&c, common);
        if c.has_errors() && (!force || c.parsed.syntax_error) {
            if common.message_format == MessageFormat::Human {
                eprintln!(
                    "{}：{}，未生成报告（改正后重新运行）",
                    c.source.name,
                    diag::count_line(&c.diagnostics)
                );
            }
            tally.failed.push(c.source.name.clone());
            continue;
        }
        let doc = match template::build(&templates, &c.parsed.report) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("错误：{}：{e}", c.source.name);
                tally.failed.push(c.source.name.clone());
                continue;
            }
        };
        let mut ok = true;
        for &f in &formats {
            let out = target(path, f);
            let result = writers::write(f, &doc, opts).and_then(|bytes| {
                crate::output::write_atomic(&out, &bytes)
                    .map_err(|e| format!("无法写入 {}：{e}", out.display()))
            });
            match result {
                Ok(()) => {
                    if !common.quiet && common.message_format == MessageFormat::Human {
                        eprintln!("已生成：{}", out.display());
                    }
                }
                Err(e) => {
                    eprintln!("错误：{e}");
                    tally.unreadable += 1;
                    ok = false;
                }
            }
        }
        if c.has_errors() {
            tally.failed.push(c.source.name.clone());
        } else if ok {
            tally.passed += 1;
        }
    }
    tally.finish(common, files.len())
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
