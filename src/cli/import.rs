//! `import`: a published report → agency.toml, next year's starting point.

use std::path::Path;

use crate::app::exit;
use crate::app::output::write_atomic;
use crate::audit;

pub fn run(file: &Path, output: Option<&Path>) -> i32 {
    let source = match audit::read(file) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("错误：{e}");
            return exit::TROUBLE;
        }
    };
    let rec = audit::recognise(&source.text);
    let (text, todo) = audit::export::to_toml(&rec, &source.name);
    match output {
        Some(path) => {
            if let Err(e) = write_atomic(path, text.as_bytes()) {
                eprintln!("错误：无法写入 {}：{e}", path.display());
                return exit::TROUBLE;
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
    exit::OK
}
