//! The bottom layer: what a report is (`report`, `tables`), where its parts
//! stand in the file they came from (`source`, `spans`, `parsed`), and the
//! findings about it (`diagnostic`). Everything above reads or writes these.

pub mod cells;
pub mod date;
pub mod diagnostic;
pub mod parsed;
pub mod published;
pub mod quote;
pub mod report;
pub mod source;
pub mod spans;
pub mod tables;

pub use report::*;
pub use tables::*;
