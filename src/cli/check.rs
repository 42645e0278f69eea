//! `check`: read and check agency files, print every finding located.

use std::path::PathBuf;

use crate::app::Options;
use crate::app::jobs::{Job, check_or_render};

pub fn run(files: &[PathBuf], opts: &Options) -> i32 {
    check_or_render(files, opts, Job::Check)
}
