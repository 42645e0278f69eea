//! `summary`: the 汇总表; the work is `app::summary`'s.

use std::path::{Path, PathBuf};

use crate::app::Options;

pub fn run(files: &[PathBuf], output: &Path, opts: &Options) -> i32 {
    crate::app::summary::run(files, output, opts)
}
