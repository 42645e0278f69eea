//! From the model to the document: the templates that hold the report's
//! wording (`template`, built-in or a profile's), the model as templates see
//! it (`view`), the markup they produce parsed into the IR (`markup`), and
//! provincial profiles (`profile`, `options`, and the ranges a `style.toml`
//! may set, `limits`).

pub mod limits;
pub mod markup;
pub mod options;
pub mod profile;
pub mod template;
pub mod view;
