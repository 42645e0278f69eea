//! The document between the templates and the writers: four block kinds
//! (`ir`), the page and type style they are laid out in (`style`), and
//! where a long title breaks (`title`).
//! Knows nothing of reports or rules.

pub mod ir;
pub mod style;
pub mod title;
