//! govreport: 政府信息公开工作年度报告 — generate and check.
//!
//! Pipeline: agency.toml → `input` (spanned) → `model` → `rules` → diagnostics;
//! `model` → `template` (Tera) → markup → `markup` → `ir` → `writers`.

pub mod audit;
pub mod cli;
pub mod date;
pub mod diag;
pub mod fonts;
pub mod input;
pub mod ir;
pub mod layout;
pub mod markup;
pub mod model;
pub mod narrative;
pub mod output;
pub mod profile;
pub mod rules;
pub mod schema;
pub mod source;
pub mod style;
pub mod template;
#[doc(hidden)]
pub mod testgen;
pub mod view;
pub mod writers;
