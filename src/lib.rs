//! govreport: 政府信息公开工作年度报告 — generate and check.
//!
//! The pipeline, bottom layer first (a module uses only its own layer and
//! those below it; `tests/architecture.rs` holds the code to that):
//!
//! - `model`: the report, its spans in the source file, diagnostics; `doc`:
//!   the document IR and its style.
//! - `rules`: the rule registry; every check, with its documentation.
//! - `input`: agency.toml → model (every problem located).
//! - `audit`: a published report → model → rules; `report`: model →
//!   templates → markup → document IR, and provincial profiles.
//! - `writers`: document IR → txt, html, docx, pdf.
//! - `app`: runs of many files (options, batch, previous year, 汇总表).
//! - `store`: the report server's database (SQLite).
//! - `cli`: the command line; `web`: the report server (`govreport serve`).

pub mod app;
pub mod audit;
pub mod cli;
pub mod doc;
#[doc(hidden)]
pub mod fuzz;
pub mod input;
pub mod model;
pub mod report;
pub mod rules;
pub mod store;
#[doc(hidden)]
pub mod testgen;
pub mod web;
pub mod writers;
