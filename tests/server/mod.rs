//! A real `govreport serve` for tests: the binary on 127.0.0.1:0 with a
//! temporary database, and a small HTTP client over it (ureq).
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

pub const TODAY: &str = "2026-11-23";

pub struct Server {
    pub child: Child,
    pub base: String,
    pub office: String,
    pub db: PathBuf,
    pub agent: ureq::Agent,
}

/// The answer to a request: status, headers we look at, body.
pub struct Answer {
    pub status: u16,
    pub etag: Option<String>,
    pub content_type: String,
    pub disposition: Option<String>,
    pub set_cookie: Vec<String>,
    pub location: Option<String>,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

impl Server {
    /// Starts the server on `dir/govreport.db` (made if missing).
    pub fn start(dir: &Path) -> Server {
        Self::start_with(dir, &[])
    }

    pub fn start_with(dir: &Path, extra: &[&str]) -> Server {
        let db = dir.join("govreport.db");
        let token_file = dir.join("office.token");
        let mut child = Command::new(env!("CARGO_BIN_EXE_govreport"))
            .arg("serve")
            .arg("--db")
            .arg(&db)
            .args(["--listen", "127.0.0.1:0", "--year", "2025"])
            .arg("--office-token-file")
            .arg(&token_file)
            .args(extra)
            .env("GOVREPORT_TODAY", TODAY)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start govreport serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let base = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("first line: {line:?}"))
            .to_string();
        let office = std::fs::read_to_string(&token_file)
            .unwrap()
            .trim()
            .to_string();
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(std::time::Duration::from_secs(120)))
            .build()
            .new_agent();
        Server {
            child,
            base,
            office,
            db,
            agent,
        }
    }

    /// Sends a request; `token` as Bearer, `headers` as given.
    pub fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        headers: &[(&str, &str)],
        body: Option<&[u8]>,
    ) -> Answer {
        let url = format!("{}{path}", self.base);
        let mut b = ureq::http::Request::builder().method(method).uri(&url);
        if let Some(t) = token {
            b = b.header("Authorization", format!("Bearer {t}"));
        }
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        let res = match body {
            Some(body) => self.agent.run(b.body(body.to_vec()).unwrap()),
            None => self.agent.run(b.body(()).unwrap()),
        };
        let mut res = res.unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let h = |name: &str| {
            res.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let etag = h("etag");
        let content_type = h("content-type").unwrap_or_default();
        let disposition = h("content-disposition");
        let location = h("location");
        let set_cookie = res
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok().map(str::to_string))
            .collect();
        let body = res
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_to_vec()
            .unwrap_or_default();
        Answer {
            status: res.status().as_u16(),
            etag,
            content_type,
            disposition,
            set_cookie,
            location,
            body,
        }
    }

    pub fn get(&self, path: &str, token: Option<&str>) -> Answer {
        self.call("GET", path, token, &[], None)
    }

    /// A new unit: (id, token).
    pub fn unit(&self, name: &str, year: i32) -> (String, String) {
        let body = serde_json::json!({ "name": name, "level": "department", "year": year });
        let a = self.call(
            "POST",
            "/api/v1/units",
            Some(&self.office),
            &[("content-type", "application/json")],
            Some(body.to_string().as_bytes()),
        );
        assert_eq!(a.status, 201, "{}", a.text());
        let j = a.json();
        (
            j["id"].as_str().unwrap().to_string(),
            j["token"].as_str().unwrap().to_string(),
        )
    }

    /// Saves agency.toml text as the unit; `version` for If-Match.
    pub fn put(&self, id: &str, token: &str, version: Option<&str>, text: &str) -> Answer {
        let mut h = vec![("content-type", "application/toml")];
        if let Some(v) = version {
            h.push(("if-match", v));
        }
        self.call(
            "PUT",
            &format!("/api/v1/units/{id}/report"),
            Some(token),
            &h,
            Some(text.as_bytes()),
        )
    }

    /// SIGTERM, and the exit code.
    pub fn stop(mut self) -> Option<i32> {
        // SAFETY: kill(2) on our own child's pid.
        unsafe {
            libc::kill(self.child.id() as i32, libc::SIGTERM);
        }
        let status = self.child.wait().unwrap();
        std::mem::forget(self);
        status.code()
    }

    /// SIGKILL: no chance to clean up.
    pub fn kill9(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        std::mem::forget(self);
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An example agency file with its name and year replaced.
pub fn agency(name: &str, year: i32) -> String {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/qijiang-sifaju-2024.toml"),
    )
    .unwrap();
    let mut out = String::new();
    for line in text.lines() {
        if line.starts_with("name = ") {
            out += &format!("name = \"{name}\"");
        } else if line.starts_with("year = ") {
            out += &format!("year = {year}");
        } else if line.starts_with("published_on") {
            continue;
        } else {
            out += line;
        }
        out.push('\n');
    }
    out
}
