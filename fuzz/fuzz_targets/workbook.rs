//! A fill-in workbook → reader → agency-file text → rules → render.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| govreport::fuzz::workbook(data));
