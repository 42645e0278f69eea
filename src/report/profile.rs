//! Provincial profiles: a directory of template overrides (`*.html`, by the
//! built-in file names) and a `style.toml` (layout, fonts, local deadlines,
//! rule severities, required `[extra]` fields). Mistakes in a profile are
//! reported like mistakes in an agency file: file, line, column, suggestion.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::options::ReportOptions;
use super::template::{BUILTIN, TemplateError, Templates};
use crate::doc::style::{Fonts, Page, Sizes, Style};
use crate::model::Level;
use crate::model::date::Date;
use crate::model::diagnostic::{Diagnostic, Severity};
use crate::model::source::SourceFile;

/// The commented style.toml that `profile new` writes.
pub const STYLE_TOML: &str = include_str!("../../templates/style.toml");

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct StyleFile {
    page: Option<Page>,
    fonts: Option<Fonts>,
    sizes: Option<Sizes>,
    lines_per_page: Option<u32>,
    chars_per_line: Option<u32>,
    indent_chars: Option<u32>,
    docx: Option<crate::doc::style::Docx>,
    #[serde(default)]
    report: ReportOptions,
    #[serde(default)]
    deadline: Deadlines,
    #[serde(default)]
    rules: BTreeMap<String, String>,
    #[serde(default)]
    extra: BTreeMap<String, String>,
}

/// Local deadlines earlier than the statutory ones, as `MM-DD` of the year after the report year.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deadlines {
    pub department: Option<String>,
    pub government: Option<String>,
}

/// A loaded, validated profile.
pub struct Profile {
    pub dir: PathBuf,
    pub style: Style,
    pub report: ReportOptions,
    /// Local deadline by level: (month, day) of the year after the report year.
    pub deadlines: BTreeMap<&'static str, (u8, u8)>,
    /// Severity overrides by rule code.
    pub severities: BTreeMap<String, Severity>,
    /// `[extra]` keys every agency file must provide, with what they are.
    pub required_extra: Vec<(String, String)>,
    pub templates: Templates,
    /// Template files the profile overrides (for messages).
    pub overridden: Vec<String>,
}

/// A problem of the profile itself: where, what, how to fix.
#[derive(Debug, Clone)]
pub struct ProfileError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub help: String,
    /// Source excerpt with a caret, when there is one.
    pub detail: String,
}

impl ProfileError {
    /// A problem of a whole file (no line to point at).
    fn of_file(file: &Path, message: String, help: &str) -> ProfileError {
        ProfileError {
            file: file.display().to_string(),
            line: 0,
            column: 0,
            message,
            help: help.to_string(),
            detail: String::new(),
        }
    }
}

impl std::fmt::Display for ProfileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line > 0 {
            write!(
                f,
                "省级配置有误：{}:{}:{}：{}",
                self.file, self.line, self.column, self.message
            )?;
        } else {
            write!(f, "省级配置有误：{}：{}", self.file, self.message)?;
        }
        if !self.detail.is_empty() {
            write!(f, "\n{}", self.detail)?;
        }
        if !self.help.is_empty() {
            write!(f, "\n  = 帮助: {}", self.help)?;
        }
        Ok(())
    }
}

fn excerpt(src: &SourceFile, line: usize, column: usize) -> String {
    if line == 0 || line > src.text.lines().count().max(1) {
        return String::new();
    }
    let text = src.line_text(line);
    let pad: String = text
        .chars()
        .take(column.saturating_sub(1))
        .map(|c| {
            if unicode_width::UnicodeWidthChar::width(c) == Some(2) {
                "  "
            } else {
                " "
            }
        })
        .collect();
    format!("{line:>4} | {text}\n     | {pad}^")
}

fn parse_mmdd(s: &str) -> Option<(u8, u8)> {
    let (m, d) = s.trim().split_once(['-', '/', '月'])?;
    let (m, d) = (
        m.trim().parse().ok()?,
        d.trim().trim_end_matches('日').parse().ok()?,
    );
    Date::new(2024, m, d).map(|_| (m, d))
}

impl Profile {
    /// Loads and validates a profile directory.
    pub fn load(dir: &Path) -> Result<Profile, ProfileError> {
        let err = ProfileError::of_file;
        if !dir.is_dir() {
            return Err(err(
                dir,
                "不是一个目录".into(),
                "用 govreport profile new 目录 生成一套可修改的配置",
            ));
        }
        // style.toml (optional).
        let style_path = dir.join("style.toml");
        let style_src = if style_path.exists() {
            Some(SourceFile::read(&style_path).map_err(|_| {
                err(
                    &style_path,
                    "无法读取，或不是 UTF-8 编码".into(),
                    "以 UTF-8 编码保存 style.toml",
                )
            })?)
        } else {
            None
        };
        // Template overrides: *.html by built-in name.
        let mut overrides = Vec::new();
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| {
                err(
                    dir,
                    format!("无法读取目录：{}", crate::model::source::io_reason(&e)),
                    "",
                )
            })?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
            .collect();
        entries.sort();
        for path in entries {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if !BUILTIN.iter().any(|(n, _)| *n == name) {
                let names: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
                let near = names
                    .iter()
                    .min_by_key(|n| strsim::levenshtein(n, &name))
                    .copied()
                    .unwrap_or("");
                return Err(err(
                    &path,
                    format!("没有名为 {name} 的内置模板，它不会被使用"),
                    &format!("是不是要写 {near}？可覆盖的模板：{}", names.join("、")),
                ));
            }
            let text = crate::model::source::read_bounded(&path, MAX_TEMPLATE_BYTES)
                .map_err(|e| crate::model::source::io_reason(&e))
                .and_then(|b| String::from_utf8(b).map_err(|_| "不是 UTF-8 编码".to_string()))
                .map_err(|why| err(&path, format!("无法读取：{why}"), "以 UTF-8 编码保存"))?;
            overrides.push((name, text));
        }
        Self::from_sources(dir, style_src.as_ref(), overrides)
    }

    /// A profile from its files as read: `style.toml` (if there is one) and
    /// template overrides by built-in name. `dir` places font files and
    /// names the profile in messages.
    pub fn from_sources(
        dir: &Path,
        style_src: Option<&SourceFile>,
        overrides: Vec<(String, String)>,
    ) -> Result<Profile, ProfileError> {
        let err = ProfileError::of_file;
        let style_path = dir.join("style.toml");
        let mut file = StyleFile::default();
        if let Some(src) = style_src {
            file = toml::from_str(&src.text).map_err(|e| {
                let (line, column) = e.span().map(|s| src.line_col(s.start)).unwrap_or((0, 0));
                let (message, help) = explain_toml_error(e.message());
                ProfileError {
                    file: style_path.display().to_string(),
                    line,
                    column,
                    message,
                    help,
                    detail: excerpt(src, line, column),
                }
            })?;
        }
        let mut style = Style::default();
        if let Some(p) = file.page {
            style.page = p;
        }
        if let Some(f) = file.fonts {
            style.fonts = f;
        }
        if let Some(s) = file.sizes {
            style.sizes = s;
        }
        if let Some(v) = file.lines_per_page {
            style.lines_per_page = v;
        }
        if let Some(v) = file.chars_per_line {
            style.chars_per_line = v;
        }
        if let Some(v) = file.indent_chars {
            style.indent_chars = v;
        }
        if let Some(d) = file.docx {
            style.docx = d;
        }
        if let Some(bad) = super::limits::check(&style) {
            return Err(at_key(
                &style_path,
                style_src,
                &bad.key,
                bad.message,
                bad.help,
            ));
        }
        for (role, path) in font_files(&style.fonts.files) {
            if let Some((message, help)) = font_file_problem(&dir.join(path)) {
                return Err(at_key(
                    &style_path,
                    style_src,
                    &["fonts", "files", role],
                    message,
                    help,
                ));
            }
        }
        let mut deadlines = BTreeMap::new();
        for (level, value) in [
            ("department", &file.deadline.department),
            ("government", &file.deadline.government),
        ] {
            if let Some(v) = value {
                let md = parse_mmdd(v).ok_or_else(|| {
                    err(
                        &style_path,
                        format!("[deadline] {level} = \"{v}\" 不是有效的月-日"),
                        "写成 \"01-25\"（次年1月25日）",
                    )
                })?;
                deadlines.insert(level, md);
            }
        }
        let mut severities = BTreeMap::new();
        for (code, level) in &file.rules {
            let Some(rule) = crate::rules::lookup(code) else {
                return Err(err(
                    &style_path,
                    format!("[rules] 中的“{code}”不是规则代码"),
                    "运行 govreport explain 查看全部规则代码",
                ));
            };
            let sev = match level.as_str() {
                "error" | "错误" => Severity::Error,
                "warning" | "警告" => Severity::Warning,
                other => {
                    return Err(err(
                        &style_path,
                        format!(
                            "[rules] {code} = \"{other}\"：级别只能是 \"error\" 或 \"warning\""
                        ),
                        "例如 GR0806 = \"error\"",
                    ));
                }
            };
            severities.insert(rule.code.to_string(), sev);
        }
        let overridden: Vec<String> = overrides.iter().map(|(n, _)| n.clone()).collect();
        let templates = Templates::with_overrides(&overrides)
            .map_err(|e| template_error(dir, &overrides, &e))?;
        let profile = Profile {
            dir: dir.to_path_buf(),
            style,
            report: file.report,
            deadlines,
            severities,
            required_extra: file.extra.into_iter().collect(),
            templates,
            overridden,
        };
        // Render a sample once so undefined variables surface now, not per
        // report: the complete example, with every `[extra]` field this
        // profile requires (agency files must provide them, so templates
        // may use them).
        let mut sample = crate::input::parse(include_str!("../../examples/full.toml")).report;
        for (key, what) in &profile.required_extra {
            sample
                .extra
                .entry(key.clone())
                .or_insert_with(|| serde_json::Value::String(what.clone()));
        }
        profile.build(&sample).map_err(|e| match e {
            crate::report::template::BuildError::Template(t) => template_error(dir, &overrides, &t),
            crate::report::template::BuildError::Markup(m) => err(
                dir,
                format!("模板生成的文档结构有误：{m}"),
                "模板只能生成 h1、h2、h3、p、table 等元素，表格的合并单元格须成矩形",
            ),
        })?;
        Ok(profile)
    }

    /// Report → IR with this profile's templates and report options.
    pub fn build(
        &self,
        report: &crate::model::Report,
    ) -> Result<crate::doc::ir::Document, crate::report::template::BuildError> {
        self.templates.build_with(report, &self.report)
    }

    /// The local deadline for a report, if the profile sets one.
    pub fn local_deadline(&self, level: Level, year: i32) -> Option<Date> {
        let (m, d) = *self.deadlines.get(level.key())?;
        Date::new(year + 1, m, d)
    }

    /// Applies severity overrides, saying why a level applies.
    pub fn adjust(&self, diags: &mut [Diagnostic]) {
        for d in diags {
            if let Some(&sev) = self.severities.get(d.code)
                && sev != d.severity
            {
                d.note = Some(format!(
                    "级别由省级配置 {} 设为“{}”（默认为“{}”）",
                    self.dir.join("style.toml").display(),
                    sev.zh(),
                    d.severity.zh()
                ));
                d.severity = sev;
            }
        }
    }
}

/// A profile error at the value of `key` in style.toml (at the file when the
/// key is not written there, e.g. a default made inconsistent by another key).
fn at_key(
    style_path: &Path,
    src: Option<&SourceFile>,
    key: &[&str],
    message: String,
    help: String,
) -> ProfileError {
    let (line, column) = src
        .and_then(|src| {
            let doc = toml::de::DeTable::parse(&src.text).ok()?;
            let mut table = doc.get_ref();
            let mut span = None;
            for (i, k) in key.iter().enumerate() {
                let (_, v) = table
                    .iter()
                    .find(|(name, _)| name.get_ref().as_ref() == *k)?;
                if i + 1 == key.len() {
                    span = Some(v.span());
                } else if let toml::de::DeValue::Table(t) = v.get_ref() {
                    table = t;
                } else {
                    return None;
                }
            }
            span.map(|s| src.line_col(s.start))
        })
        .unwrap_or((0, 0));
    let detail = src
        .map(|src| excerpt(src, line, column))
        .unwrap_or_default();
    ProfileError {
        file: style_path.display().to_string(),
        line,
        column,
        message,
        help,
        detail,
    }
}

fn font_files(files: &crate::doc::style::FontFiles) -> Vec<(&'static str, &String)> {
    [
        ("title", &files.title),
        ("body", &files.body),
        ("heading1", &files.heading1),
        ("heading2", &files.heading2),
        ("table", &files.table),
        ("page_number", &files.page_number),
    ]
    .into_iter()
    .filter_map(|(role, f)| f.as_ref().map(|f| (role, f)))
    .collect()
}

/// A template is a page of markup; anything larger is not one.
const MAX_TEMPLATE_BYTES: u64 = 8 * 1024 * 1024;

/// Font files are read whole by the PDF writer: a missing one, a folder, a
/// device (`/dev/zero`) or something far larger than any font is refused now.
const MAX_FONT_BYTES: u64 = 200 * 1024 * 1024;

fn font_file_problem(path: &Path) -> Option<(String, String)> {
    let shown = path.display();
    match std::fs::metadata(path) {
        Err(_) => Some((
            format!("字体文件 {shown} 不存在或无法读取"),
            "相对路径以配置目录为准；检查文件名，或删去这一行改用系统字体".into(),
        )),
        Ok(m) if !m.is_file() => Some((
            format!("{shown} 不是普通文件"),
            "写字体文件（.ttf、.otf、.ttc）的路径".into(),
        )),
        Ok(m) if m.len() > MAX_FONT_BYTES => Some((
            format!(
                "{shown} 有 {} MB，不像字体文件（字体文件一般不超过 50 MB）",
                m.len() / 1024 / 1024
            ),
            "写字体文件（.ttf、.otf、.ttc）的路径".into(),
        )),
        // What the PDF writer would refuse, `check` refuses here, at the key
        // (a text file named .ttf passed check and failed render unlocated).
        Ok(_) => match std::fs::read(path) {
            Ok(data) if skrifa::FontRef::from_index(&data, 0).is_ok() => None,
            Ok(_) => Some((
                format!("{shown} 不是可用的字体文件（支持 TTF、OTF、TTC）"),
                "写字体文件（.ttf、.otf、.ttc）的路径；文件可能已损坏，或只是改了扩展名".into(),
            )),
            Err(e) => Some((
                format!(
                    "字体文件 {shown} 无法读取：{}",
                    crate::model::source::io_reason(&e)
                ),
                "相对路径以配置目录为准；检查文件名，或删去这一行改用系统字体".into(),
            )),
        },
    }
}

/// serde's English message about style.toml → Chinese, with the nearest key.
fn explain_toml_error(msg: &str) -> (String, String) {
    let msg = msg.trim();
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or("");
        let expected: Vec<&str> = rest
            .split('`')
            .skip(1)
            .filter(|s| !s.trim().is_empty() && !s.contains(',') && !s.contains("expected"))
            .collect();
        let near = expected
            .iter()
            .min_by_key(|k| strsim::levenshtein(k, field))
            .copied();
        let help = match near {
            Some(n) if strsim::levenshtein(n, field) <= 3 => {
                format!("是不是要写“{n}”？可用的键：{}", expected.join("、"))
            }
            _ => format!("可用的键：{}", expected.join("、")),
        };
        return (format!("style.toml 中没有“{field}”这一项"), help);
    }
    if msg.contains("duplicate key") {
        return (
            "style.toml 中同一个键或 [节] 写了两次".into(),
            "删去重复的一处，或把两处的内容合并".into(),
        );
    }
    (
        format!("style.toml 格式有误（{}）", msg.replace('\n', "；")),
        "对照 govreport profile new 生成的 style.toml 及其注释检查".into(),
    )
}

/// A template error located in the profile's file (or named as built-in).
fn template_error(dir: &Path, overrides: &[(String, String)], e: &TemplateError) -> ProfileError {
    let from_profile = overrides.iter().find(|(n, _)| *n == e.template);
    let file = if from_profile.is_some() {
        dir.join(&e.template).display().to_string()
    } else if e.template.is_empty() {
        dir.display().to_string()
    } else {
        format!("内置模板 {}", e.template)
    };
    let detail = from_profile
        .map(|(_, text)| {
            excerpt(
                &SourceFile::new(file.clone(), &file, text.clone()),
                e.line,
                e.column,
            )
        })
        .unwrap_or_default();
    let lower = e.message.to_lowercase();
    let help = if lower.contains("not found")
        || lower.contains("undefined")
        || lower.contains("not defined")
    {
        let var = e.message.split('`').nth(1).unwrap_or("");
        match crate::report::view::nearest_variable(var) {
            Some(near) => format!("模板中用到的变量不存在：是不是要写 {near}？"),
            None => {
                "模板中用到的变量不存在；可用变量见 govreport profile new 生成的 report.html".into()
            }
        }
    } else if e.message.contains("无尽的循环") || lower.contains("recursion") {
        "检查循环（for、range）是否套得太深，组件是否互相调用；一份报告的模板只需按数据各循环一次"
            .into()
    } else {
        "检查 {{ }}、{% %} 是否成对，标签拼写是否正确（模板语法与 Jinja2 相同）".into()
    };
    ProfileError {
        file,
        line: e.line,
        column: e.column,
        message: format!("模板错误：{}", e.message),
        help,
        detail,
    }
}
