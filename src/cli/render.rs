//! `render`: check, then write the report in each format asked for.

use std::path::PathBuf;

use crate::app::jobs::{Job, RenderJob, check_or_render};
use crate::app::{Options, exit, say};
use crate::writers::Format;

/// `render`'s own arguments.
pub struct Args {
    /// `-f`: comma-separated formats or `all`.
    pub format: String,
    pub out_dir: Option<PathBuf>,
    pub force: bool,
    pub fragment: bool,
    pub pdf_a2b: bool,
    pub embed_fonts: bool,
}

pub fn run(files: &[PathBuf], opts: &Options, args: Args) -> i32 {
    let formats = match parse_formats(&args.format) {
        Ok(f) => f,
        Err(e) => {
            say::err(&format!("错误：{e}"));
            return exit::TROUBLE;
        }
    };
    check_or_render(
        files,
        opts,
        Job::Render(RenderJob {
            formats,
            out_dir: args.out_dir,
            force: args.force,
            fragment: args.fragment,
            pdf_a2b: args.pdf_a2b,
            embed_fonts: args.embed_fonts,
        }),
    )
}

/// Parses `-f`: named formats in the order given, `all` for every format.
fn parse_formats(spec: &str) -> Result<Vec<Format>, String> {
    let mut out = Vec::new();
    for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let named = if part.eq_ignore_ascii_case("all") {
            Format::ALL.to_vec()
        } else {
            match Format::parse(part) {
                Some(f) => vec![f],
                None => {
                    return Err(format!(
                        "未知的输出格式“{part}”：可选 txt、html、docx、pdf 或 all"
                    ));
                }
            }
        };
        for f in named {
            if !out.contains(&f) {
                out.push(f);
            }
        }
    }
    if out.is_empty() {
        return Err("没有指定输出格式：用 -f txt,html,docx,pdf 或 -f all".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_in_order_without_repeats() {
        assert_eq!(
            parse_formats("pdf, txt,all").unwrap(),
            vec![Format::Pdf, Format::Txt, Format::Html, Format::Docx]
        );
        assert!(parse_formats("doc").unwrap_err().contains("未知的输出格式"));
        assert!(parse_formats(" , ").is_err());
    }
}
