//! agency.toml → parse → every rule → templates → document IR → txt.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| govreport::fuzz::agency_toml(data));
