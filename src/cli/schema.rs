//! `schema`: the JSON Schema of agency.toml, for editors.

use crate::app::{exit, say};

pub fn run() -> i32 {
    say::outln(
        &serde_json::to_string_pretty(&crate::input::schema::json_schema()).unwrap_or_default(),
    );
    exit::OK
}
