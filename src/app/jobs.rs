//! The per-file jobs of `check` and `render`: report the file's findings,
//! then (render) build the document once and write each format atomically.
//! `check_or_render` is the whole command: files → run → batch → exit code.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::batch::{self, Outcome, Show, Status};
use super::output::write_atomic_deferred;
use super::run::{Loaded, Run};
use super::{Options, exit, files, say};
use crate::model::diagnostic as diag;
use crate::model::source::io_reason;
use crate::writers::{self, Format};

/// What `render` is asked besides the files.
pub struct RenderJob {
    pub formats: Vec<Format>,
    /// Output directory; `None` writes beside each input.
    pub out_dir: Option<PathBuf>,
    /// Render even when the file has errors (never when it does not parse).
    pub force: bool,
    /// HTML as a fragment for a CMS editor.
    pub fragment: bool,
    pub pdf_a2b: bool,
    /// DOCX: carry subsets of the faces (also a profile's `[docx] embed_fonts`).
    pub embed_fonts: bool,
}

pub enum Job {
    Check,
    Render(RenderJob),
}

impl RenderJob {
    /// Where format `f` of input `path` is written: the input's name
    /// without its last extension, so `01.司法局.toml` → `01.司法局.txt`.
    pub fn target(&self, path: &Path, f: Format) -> PathBuf {
        self.target_named(path, f.ext())
    }

    fn target_named(&self, path: &Path, ext: &str) -> PathBuf {
        let mut name = path
            .file_stem()
            .map(|s| s.to_os_string())
            .unwrap_or_default();
        name.push(".");
        name.push(ext);
        let dir = self
            .out_dir
            .clone()
            .unwrap_or_else(|| path.parent().map(Path::to_path_buf).unwrap_or_default());
        dir.join(name)
    }
}

/// `check` or `render` over the files and directories named.
pub fn check_or_render(args: &[PathBuf], opts: &Options, job: Job) -> i32 {
    let listed = match files::agency_files(args) {
        Ok(f) => f,
        Err(e) => {
            say::err(&format!("错误：{e}"));
            return exit::TROUBLE;
        }
    };
    let files = &listed.files;
    if matches!(job, Job::Render(_)) && files.iter().any(|f| f == Path::new("-")) {
        say::err(
            "错误：render 不能从标准输入读取（报告要写在输入文件旁边或 -o 目录中）；请给出文件名",
        );
        return exit::TROUBLE;
    }
    if let Job::Render(r) = &job
        && let Err(e) = check_targets(r, files)
    {
        say::err(&e);
        return exit::TROUBLE;
    }
    let run = match Run::new(opts) {
        Ok(r) => r,
        Err((code, msg)) => {
            say::err(&msg);
            return code;
        }
    };
    listed.report_unreadable();
    let (outcomes, _) = batch::run(files, opts, Show::Everything, |p| {
        (process(&run, &job, p, opts, run.load(p)), ())
    });
    listed.exit_code(batch::finish(&outcomes, opts))
}

/// Refuses a render that would overwrite what it reads: two inputs with
/// the same name writing one report, or a report written over an input.
fn check_targets(r: &RenderJob, files: &[PathBuf]) -> Result<(), String> {
    let mut seen = HashMap::new();
    let inputs = files::Inputs::new(files);
    for p in files {
        let t = r.target(p, Format::Txt);
        if let Some(prev) = seen.insert(t.clone(), p.clone()) {
            return Err(format!(
                "错误：{} 和 {} 会写到同一个输出文件 {}；请分开输出目录或改名",
                prev.display(),
                p.display(),
                r.target_named(p, "*").display()
            ));
        }
        for &f in &r.formats {
            let t = r.target(p, f);
            if let Some(input) = inputs.overwritten(&t) {
                return Err(files::refuse_overwriting_input(&t, input));
            }
        }
    }
    Ok(())
}

/// One file's job, for a file already read and checked.
pub fn process(run: &Run, job: &Job, path: &Path, opts: &Options, loaded: Loaded) -> Outcome {
    let mut out = Outcome::new(path);
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
            if human && (!opts.quiet || c.has_errors()) {
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
            let mut wopts = run.write_options(r.fragment, r.pdf_a2b);
            wopts.style.docx.embed_fonts |= r.embed_fonts;
            for &f in &r.formats {
                let target = r.target(path, f);
                let result = writers::write(f, &doc, &wopts).and_then(|written| {
                    for w in &written.warnings {
                        out.stderr.push(format!("警告：{}：{w}", target.display()));
                    }
                    write_atomic_deferred(&target, &written.bytes)
                        .map_err(|e| format!("无法写入 {}：{}", target.display(), io_reason(&e)))
                });
                match result {
                    Ok(()) => {
                        if human && !opts.quiet {
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
