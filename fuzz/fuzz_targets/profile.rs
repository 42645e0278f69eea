//! A provincial profile (style.toml + a template override) → load → render.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| govreport::fuzz::profile(data));
