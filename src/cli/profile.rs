//! `profile new`: write the built-in templates and a commented style.toml
//! into a new directory for a provincial office to edit.

use std::path::Path;

use crate::app::{self, exit, say};

pub fn new(dir: &Path) -> i32 {
    match app::new_profile(dir) {
        Ok(files) => {
            for f in files {
                say::err(&format!("已写出：{}", f.display()));
            }
            say::err(&format!(
                "修改这些文件后，用 --profile {} 使用这套配置",
                dir.display()
            ));
            exit::OK
        }
        Err(e) => {
            say::err(&format!("错误：{e}"));
            exit::TROUBLE
        }
    }
}
