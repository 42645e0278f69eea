//! `audit`: published reports checked; the work is `app::audit`'s.

use std::path::{Path, PathBuf};

use crate::app::Options;

pub fn run(files: &[PathBuf], summary: Option<&Path>, opts: &Options) -> i32 {
    crate::app::audit::run(files, summary, opts)
}
