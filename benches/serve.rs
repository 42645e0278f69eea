//! The report server under load, over loopback only: the release binary on
//! 127.0.0.1:0 with a temporary database; 50 and 200 clients (each its own
//! unit) save+check flat out and paced as people type, 50 download PDFs;
//! then the board with 3 000 units and a kill -9 under 200 saving clients.
//! Prints requests per second, latency percentiles and the server's peak
//! memory. Bounded in time (60 s a phase, `GOVREPORT_BENCH_SECONDS` to
//! shorten); stops by itself. Run: `cargo bench --bench serve`.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Clients of the first run (issue 25: 50), then of the second (issue 28: 200).
const CLIENTS: [usize; 2] = [50, 200];
/// Each phase's length (issue 28: 60 s); `GOVREPORT_BENCH_SECONDS` shortens it.
const SECONDS: u64 = 60;
/// Units on the board for its timing.
const BOARD_UNITS: usize = 3000;

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

/// CPU time (user + system) of a process so far, in ms.
fn cpu_ms(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name (which may hold spaces) in parentheses.
    let rest = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are fields 14 and 15 (1-based); the first field
    // after the parenthesis is field 3.
    (ticks(11) + ticks(12)) * 1000.0 / 100.0
}

/// The unit's current version (its ETag), as the page starts from it.
fn current_version(agent: &ureq::Agent, base: &str, id: &str, token: &str) -> Option<String> {
    agent
        .get(&format!("{base}/api/v1/units/{id}/report"))
        .header("Authorization", &format!("Bearer {token}"))
        .call()
        .ok()
        .and_then(|r| r.headers().get("etag")?.to_str().ok().map(str::to_string))
}

/// One save over `version` (If-Match); true when answered 200, and then
/// `version` is the new one.
fn save(
    agent: &ureq::Agent,
    base: &str,
    id: &str,
    token: &str,
    body: String,
    version: &mut Option<String>,
) -> bool {
    let mut req = agent
        .put(&format!("{base}/api/v1/units/{id}/report"))
        .header("Authorization", &format!("Bearer {token}"))
        .header("content-type", "application/toml");
    if let Some(v) = version.as_deref() {
        req = req.header("if-match", v);
    }
    match req.send(body) {
        Ok(mut r) if r.status() == 200 => {
            let j: serde_json::Value =
                serde_json::from_str(&r.body_mut().read_to_string().unwrap_or_default())
                    .unwrap_or_default();
            *version = j["version"].as_str().map(str::to_string);
            true
        }
        _ => false,
    }
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
    let units: Vec<(String, String, String)> = (0..CLIENTS[1])
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

    let pid = child.id();
    let phase = |name: &str, clients: usize, pdf: bool, pace: Option<Duration>| {
        let cpu_before = cpu_ms(pid);
        let lat: Mutex<Vec<f64>> = Mutex::new(Vec::new());
        let errors = Mutex::new(0usize);
        let seconds = std::env::var("GOVREPORT_BENCH_SECONDS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(SECONDS);
        let until = Instant::now() + Duration::from_secs(seconds);
        let start = Instant::now();
        std::thread::scope(|s| {
            for (i, (id, token, text)) in units.iter().take(clients).enumerate() {
                let (agent, base, lat, errors) = (&agent, &base, &lat, &errors);
                s.spawn(move || {
                    // Start from the unit's current version, as the page does.
                    let mut version = current_version(agent, base, id, token);
                    let mut n = 0u64;
                    // People do not type in step: each client starts at its
                    // own moment in the period and its pauses vary (uniform
                    // in half to one and a half periods, the same mean). In
                    // step, 200 saves arrive together every period and the
                    // last waits for the 199 before it.
                    let mut seed = 0x9E37_79B9_7F4A_7C15u64 ^ (i as u64 + 1);
                    let mut uniform = move || {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        (seed >> 11) as f64 / (1u64 << 53) as f64
                    };
                    let mut next = Instant::now()
                        + pace.map_or(Duration::ZERO, |p| p.mul_f64(i as f64 / clients as f64));
                    while Instant::now() < until {
                        if let Some(p) = pace {
                            // A person typing: the page saves about this often.
                            std::thread::sleep(next.saturating_duration_since(Instant::now()));
                            next += p.mul_f64(0.5 + uniform());
                        }
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
                            save(agent, base, id, token, body, &mut version)
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
        let cpu = (cpu_ms(pid) - cpu_before) / n.max(1) as f64;
        let paced = pace
            .map(|p| format!(", each every {} ms", p.as_millis()))
            .unwrap_or_default();
        println!(
            "{name}: {clients} clients{paced}, {n} requests in {secs:.1} s = {:.0}/s; server CPU {cpu:.2} ms a request; latency ms p50 {:.1}, p90 {:.1}, p99 {:.1}, max {:.1}; errors {}",
            n as f64 / secs,
            percentile(&mut l, 0.5),
            percentile(&mut l, 0.9),
            percentile(&mut l, 0.99),
            percentile(&mut l, 1.0),
            errors.into_inner().unwrap()
        );
    };
    // Flat out (every client sends its next request as soon as the last is
    // answered): throughput, and latency when the 2 cores are saturated.
    phase("save+check", CLIENTS[0], false, None);
    phase("PDF download", CLIENTS[0], true, None);
    phase("save+check", CLIENTS[1], false, None);
    // As people type: the page saves 400 ms after the last keystroke.
    let typing = Some(Duration::from_millis(400));
    phase("save+check", CLIENTS[0], false, typing);
    phase("save+check", CLIENTS[1], false, typing);
    phase(
        "PDF download",
        CLIENTS[0],
        true,
        Some(Duration::from_millis(1000)),
    );
    println!("server peak memory: {:.0} MB", peak_mb(child.id()));

    // The board with 3 000 units: the office's list and its page.
    let mut list = String::new();
    for i in 0..BOARD_UNITS - CLIENTS[1] {
        list += &format!("基准县第{i}局,部门,\n");
    }
    let r = agent
        .post(&format!("{base}/api/v1/units/bulk?year=2024"))
        .header("Authorization", &format!("Bearer {office}"))
        .header("content-type", "text/csv")
        .send(list)
        .expect("bulk");
    assert_eq!(r.status(), 201);
    let no_redirect: ureq::Agent = ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .build()
        .new_agent();
    let login = no_redirect
        .get(&format!("{base}/login/{office}"))
        .call()
        .expect("login");
    let cookie = login
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .unwrap_or("")
        .to_string();
    let time = |url: &str, page: bool| {
        let mut v = Vec::new();
        for _ in 0..20 {
            let t = Instant::now();
            let mut req = agent.get(url);
            req = if page {
                req.header("Cookie", &cookie)
            } else {
                req.header("Authorization", &format!("Bearer {office}"))
            };
            let mut r = req.call().expect("board");
            let _ = r.body_mut().with_config().limit(100_000_000).read_to_vec();
            v.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        v
    };
    let mut api = time(&format!("{base}/api/v1/units"), false);
    println!(
        "GET /api/v1/units with {BOARD_UNITS} units: median {:.1} ms, max {:.1} ms",
        percentile(&mut api, 0.5),
        percentile(&mut api, 1.0)
    );
    let mut page = time(&format!("{base}/office"), true);
    println!(
        "GET /office (the board page) with {BOARD_UNITS} units: median {:.1} ms, max {:.1} ms",
        percentile(&mut page, 0.5),
        percentile(&mut page, 1.0)
    );
    println!(
        "server peak memory at the end: {:.0} MB",
        peak_mb(child.id())
    );

    // kill -9 under the load of 200 clients saving flat out, then restart
    // on the same file: the database is sound and every save that was
    // answered 200 is in its unit's history.
    let answered: Vec<Vec<String>> = std::thread::scope(|s| {
        let handles: Vec<_> = units
            .iter()
            .map(|(id, token, text)| {
                let (agent, base) = (&agent, &base);
                s.spawn(move || {
                    let mut got = Vec::new();
                    let mut version = current_version(agent, base, id, token);
                    for n in 0..100_000u64 {
                        let body = text.replacen("licensing = ", &format!("licensing = 7{n}"), 1);
                        // Until the server is gone.
                        if !save(agent, base, id, token, body, &mut version) {
                            break;
                        }
                        got.extend(version.clone());
                    }
                    got
                })
            })
            .collect();
        std::thread::sleep(Duration::from_secs(5));
        let _ = child.kill();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    });
    let _ = child.wait();
    let db = dir.path().join("bench.db");
    let integrity: String = rusqlite::Connection::open(&db)
        .and_then(|c| c.query_row("PRAGMA integrity_check", [], |r| r.get(0)))
        .unwrap_or_else(|e| e.to_string());
    let mut again = Command::new(env!("CARGO_BIN_EXE_govreport"))
        .arg("serve")
        .arg("--db")
        .arg(&db)
        .args(["--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("restart the server");
    let mut line = String::new();
    BufReader::new(again.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = line.trim().trim_start_matches("listening on ").to_string();
    let mut missing = 0;
    for ((id, token, _), got) in units.iter().zip(&answered) {
        let mut r = agent
            .get(&format!("{base}/api/v1/units/{id}/history"))
            .header("Authorization", &format!("Bearer {token}"))
            .call()
            .expect("history");
        let h: serde_json::Value =
            serde_json::from_str(&r.body_mut().read_to_string().unwrap_or_default())
                .unwrap_or_default();
        let have: Vec<&str> = h
            .as_array()
            .map(|a| a.iter().filter_map(|v| v["version"].as_str()).collect())
            .unwrap_or_default();
        missing += got.iter().filter(|v| !have.contains(&v.as_str())).count();
    }
    println!(
        "kill -9 under {} clients saving: {} saves answered 200 before the kill, {missing} missing after restart; integrity_check: {integrity}",
        units.len(),
        answered.iter().map(Vec::len).sum::<usize>()
    );
    let _ = again.kill();
    let _ = again.wait();
}
