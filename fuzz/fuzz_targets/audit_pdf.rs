//! A published report (pdf) → reader → recogniser → every rule → import.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| govreport::fuzz::audit_pdf(data));
