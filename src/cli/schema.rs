//! `schema`: the JSON Schema of agency.toml, for editors.

pub fn run() -> i32 {
    println!(
        "{}",
        serde_json::to_string_pretty(&crate::input::schema::json_schema()).unwrap_or_default()
    );
    crate::app::exit::OK
}
