//! Deadline scale: N generated agency files through the real binary —
//! `check` and `render -f all` — with wall time and peak memory (VmHWM read
//! from /proc while the process runs). Run: `cargo bench --bench batch`.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// Runs the command, returning (seconds, peak resident memory in MB).
fn measure(cmd: &mut Command) -> (f64, f64) {
    let start = Instant::now();
    let mut child = cmd.spawn().expect("run govreport");
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak_kb = 0u64;
    loop {
        if let Ok(s) = std::fs::read_to_string(&status_path)
            && let Some(l) = s.lines().find(|l| l.starts_with("VmHWM:"))
        {
            let kb: u64 = l
                .split_whitespace()
                .nth(1)
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            peak_kb = peak_kb.max(kb);
        }
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    (start.elapsed().as_secs_f64(), peak_kb as f64 / 1024.0)
}

fn main() {
    let bin = env!("CARGO_BIN_EXE_govreport");
    for n in [200usize, 1000] {
        let dir = tempfile::tempdir().expect("temp dir");
        let inputs = dir.path().join("in");
        std::fs::create_dir(&inputs).unwrap();
        for i in 0..n {
            std::fs::write(
                inputs.join(format!("agency-{i:04}.toml")),
                govreport::testgen::agency_file(i),
            )
            .unwrap();
        }
        let out = dir.path().join("out");
        let run = |args: &[&str], target: &Path| {
            let mut c = Command::new(bin);
            c.args(args)
                .arg(target)
                .env("GOVREPORT_TODAY", "2026-11-23");
            c.stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null());
            measure(&mut c)
        };
        let (t, mem) = run(&["check", "-q"], &inputs);
        println!(
            "check      n={n:<5} {:>8.0} 份/秒  {t:>6.2} s  峰值内存 {mem:>6.1} MB",
            n as f64 / t
        );
        let formats: Vec<&str> = govreport::writers::Format::ALL
            .iter()
            .map(|f| f.ext())
            .collect();
        let out_s = out.display().to_string();
        let (t, mem) = run(&["render", "-q", "-f", "all", "-o", &out_s], &inputs);
        println!(
            "render all n={n:<5} {:>8.0} 份/秒  {t:>6.2} s  峰值内存 {mem:>6.1} MB  （格式：{}）",
            n as f64 / t,
            formats.join(",")
        );
    }
    // Audit: the five published seed texts, 100 copies each.
    let dir = tempfile::tempdir().expect("temp dir");
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
    let mut n = 0;
    for i in 0..100 {
        for e in std::fs::read_dir(&seeds).unwrap() {
            let p = e.unwrap().path();
            std::fs::copy(
                &p,
                dir.path()
                    .join(format!("{i}-{}", p.file_name().unwrap().to_string_lossy())),
            )
            .unwrap();
            n += 1;
        }
    }
    let mut c = Command::new(bin);
    c.args(["audit", "-q"])
        .arg(dir.path())
        .env("GOVREPORT_TODAY", "2026-11-23");
    c.stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let (t, mem) = measure(&mut c);
    println!(
        "audit txt  n={n:<5} {:>8.0} 份/秒  {t:>6.2} s  峰值内存 {mem:>6.1} MB",
        n as f64 / t
    );
}
