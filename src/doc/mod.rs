//! The document between the templates and the writers: four block kinds
//! (`ir`) and the page and type style they are laid out in (`style`).
//! Knows nothing of reports or rules.

pub mod ir;
pub mod style;
