//! `profile new`: write the built-in templates and a commented style.toml
//! into a new directory for a provincial office to edit.

use std::path::Path;

use crate::app::{self, exit};

pub fn new(dir: &Path) -> i32 {
    match app::new_profile(dir) {
        Ok(files) => {
            for f in files {
                eprintln!("已写出：{}", f.display());
            }
            eprintln!(
                "修改这些文件后，用 --profile {} 使用这套配置",
                dir.display()
            );
            exit::OK
        }
        Err(e) => {
            eprintln!("错误：{e}");
            exit::TROUBLE
        }
    }
}
