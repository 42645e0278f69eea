//! The report server under load, over loopback only: the release binary on
//! 127.0.0.1:0 with a temporary database; 50 clients (each its own unit)
//! save+check in a loop for a fixed time, then 50 clients download PDFs.
//! Prints requests per second, latency percentiles and the server's peak
//! memory. Bounded in time; stops by itself. Run: `cargo bench --bench serve`.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const CLIENTS: usize = 50;
const SECONDS: u64 = 20;

fn percentile(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    if v.is_empty() {
        return 0.0;
    }
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

fn peak_mb(pid: u32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .unwrap_or(0.0)
        / 1024.0
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let token_file = dir.path().join("office.token");
    let mut child = Command::new(env!("CARGO_BIN_EXE_govreport"))
        .arg("serve")
        .arg("--db")
        .arg(dir.path().join("bench.db"))
        .args(["--listen", "127.0.0.1:0", "--year", "2025"])
        .arg("--office-token-file")
        .arg(&token_file)
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the server");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = line.trim().trim_start_matches("listening on ").to_string();
    let office = std::fs::read_to_string(&token_file)
        .unwrap()
        .trim()
        .to_string();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .new_agent();

    // One unit per client, with a realistic report of its own.
    let units: Vec<(String, String, String)> = (0..CLIENTS)
        .map(|i| {
            let text = govreport::testgen::agency_file(i);
            let report = govreport::input::parse(&text).report;
            let body = serde_json::json!({
                "name": report.agency.name, "level": report.agency.level.key(), "year": report.agency.year,
            });
            let mut r = agent
                .post(&format!("{base}/api/v1/units"))
                .header("Authorization", &format!("Bearer {office}"))
                .header("content-type", "application/json")
                .send(body.to_string())
                .expect("create unit");
            let j: serde_json::Value =
                serde_json::from_str(&r.body_mut().read_to_string().unwrap()).unwrap();
            (
                j["id"].as_str().unwrap().to_string(),
                j["token"].as_str().unwrap().to_string(),
                text,
            )
        })
        .collect();

    let phase = |name: &str, pdf: bool| {
        let lat: Mutex<Vec<f64>> = Mutex::new(Vec::new());
        let errors = Mutex::new(0usize);
        let until = Instant::now() + Duration::from_secs(SECONDS);
        let start = Instant::now();
        std::thread::scope(|s| {
            for (id, token, text) in &units {
                let (agent, base, lat, errors) = (&agent, &base, &lat, &errors);
                s.spawn(move || {
                    let mut version: Option<String> = None;
                    let mut n = 0u64;
                    while Instant::now() < until {
                        n += 1;
                        let t = Instant::now();
                        let ok = if pdf {
                            agent
                                .get(&format!("{base}/api/v1/units/{id}/report.pdf"))
                                .header("Authorization", &format!("Bearer {token}"))
                                .call()
                                .map(|mut r| {
                                    let _ =
                                        r.body_mut().with_config().limit(50_000_000).read_to_vec();
                                    r.status() == 200
                                })
                                .unwrap_or(false)
                        } else {
                            // A keystroke's save: one figure changes.
                            let body =
                                text.replacen("licensing = ", &format!("licensing = {n}"), 1);
                            let mut req = agent
                                .put(&format!("{base}/api/v1/units/{id}/report"))
                                .header("Authorization", &format!("Bearer {token}"))
                                .header("content-type", "application/toml");
                            if let Some(v) = &version {
                                req = req.header("if-match", v);
                            }
                            match req.send(body) {
                                Ok(mut r) if r.status() == 200 => {
                                    let j: serde_json::Value = serde_json::from_str(
                                        &r.body_mut().read_to_string().unwrap_or_default(),
                                    )
                                    .unwrap_or_default();
                                    version = j["version"].as_str().map(str::to_string);
                                    true
                                }
                                _ => false,
                            }
                        };
                        let ms = t.elapsed().as_secs_f64() * 1000.0;
                        lat.lock().unwrap().push(ms);
                        if !ok {
                            *errors.lock().unwrap() += 1;
                        }
                    }
                });
            }
        });
        let secs = start.elapsed().as_secs_f64();
        let mut l = lat.into_inner().unwrap();
        let n = l.len();
        println!(
            "{name}: {CLIENTS} clients, {n} requests in {secs:.1} s = {:.0}/s; latency ms p50 {:.1}, p90 {:.1}, p99 {:.1}, max {:.1}; errors {}",
            n as f64 / secs,
            percentile(&mut l, 0.5),
            percentile(&mut l, 0.9),
            percentile(&mut l, 0.99),
            percentile(&mut l, 1.0),
            errors.into_inner().unwrap()
        );
    };
    phase("save+check", false);
    phase("PDF download", true);
    println!("server peak memory: {:.0} MB", peak_mb(child.id()));
    let _ = child.kill();
    let _ = child.wait();
}
