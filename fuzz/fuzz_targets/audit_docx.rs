//! A published report (docx) → reader → recogniser → every rule → import.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| govreport::fuzz::audit_docx(data));
