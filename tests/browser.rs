//! The unit's page in real headless Chromium through WebDriver (Debian's
//! chromium-driver, driven by fantoccini): open the link, break table 三's
//! balance, see GR0301 beside the cell, fix it, preview, download, submit —
//! on a desktop window and emulating a 390 px phone.

mod common;
mod server;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use server::{Server, agency};

const NAME: &str = "重庆市綦江区司法局";

struct Driver(Child, u16);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn chromium() -> Option<&'static str> {
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .into_iter()
    .find(|p| std::path::Path::new(p).exists())
}

/// chromedriver on a free loopback port, once it answers.
fn driver() -> Option<Driver> {
    if !common::require_tool("chromedriver") {
        return None;
    }
    let port = free_port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let d = Driver(child, port);
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "chromedriver did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Some(d)
}

async fn session(d: &Driver, phone: bool) -> Client {
    let mut opts = json!({
        "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900"],
    });
    if let Some(bin) = chromium() {
        opts["binary"] = json!(bin);
    }
    if phone {
        opts["mobileEmulation"] =
            json!({ "deviceMetrics": { "width": 390, "height": 844, "pixelRatio": 3.0 } });
    }
    let caps = json!({ "goog:chromeOptions": opts });
    let caps = caps.as_object().unwrap().clone();
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", d.1))
        .await
        .expect("a WebDriver session")
}

/// Polls `f` until it is true; panics after `limit`. Returns the time taken.
async fn until<F, Fut>(limit: Duration, what: &str, mut f: F) -> Duration
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let start = Instant::now();
    loop {
        if f().await {
            return start.elapsed();
        }
        assert!(start.elapsed() < limit, "waited {limit:?} for {what}");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

async fn js(c: &Client, script: &str) -> serde_json::Value {
    c.execute(script, vec![]).await.expect(script)
}

/// The unit's walk through its page, in one browser window.
async fn walk(c: &Client, s: &Server, token: &str, phone: bool) {
    c.goto(&format!("{}/login/{token}", s.base)).await.unwrap();
    let cell = r#"input[data-path="requests.received[1]"]"#;
    let field = c.find(Locator::Css(cell)).await.unwrap();
    // The page opens checked clean.
    until(Duration::from_secs(5), "the first check", || async {
        js(c, "return document.getElementById('counts').textContent")
            .await
            .as_str()
            .unwrap_or("")
            .contains("检查通过")
    })
    .await;
    if phone {
        // A phone: the page itself never scrolls sideways; the cell can be
        // brought into view and is what a finger at its centre touches.
        let w = js(
            c,
            "return [document.documentElement.scrollWidth, window.innerWidth]",
        )
        .await;
        assert!(
            w[0].as_i64() <= w[1].as_i64(),
            "page wider than the phone: {w}"
        );
        let top = js(
            c,
            &format!(
                "var el = document.querySelector('{}'); el.scrollIntoView({{block:'center', inline:'center'}}); \
                 var r = el.getBoundingClientRect(); return document.elementFromPoint(r.x + r.width/2, r.y + r.height/2) === el;",
                cell.replace('\'', "\\'")
            ),
        )
        .await;
        assert_eq!(top, json!(true), "the cell is covered on a phone");
    }
    // Type a number that breaks table 三's balance.
    field.clear().await.unwrap();
    field.send_keys("2").await.unwrap();
    let took = until(Duration::from_secs(5), "GR0301 beside the cell", || async {
        js(
            c,
            &format!(
                "var el = document.querySelector('{}'); var box = el.closest('section').querySelector('.msgs[data-for=requests]'); \
                 return el.classList.contains('has-error') && box.textContent.indexOf('GR0301') >= 0;",
                cell.replace('\'', "\\'")
            ),
        )
        .await
            == json!(true)
    })
    .await;
    eprintln!("GR0301 shown {took:?} after typing (phone: {phone})");
    let counts = js(c, "return document.getElementById('counts').textContent").await;
    assert!(counts.as_str().unwrap().contains("错误"), "{counts}");
    // Submitting now is refused with the errors listed.
    c.find(Locator::Css("#submit"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    until(Duration::from_secs(5), "the refusal", || async {
        js(c, "return document.getElementById('banner').textContent")
            .await
            .as_str()
            .unwrap_or("")
            .contains("错误")
    })
    .await;
    // Fix it: the finding goes.
    field.clear().await.unwrap();
    field.send_keys("1").await.unwrap();
    until(Duration::from_secs(5), "GR0301 to go", || async {
        js(c, "return document.body.textContent.indexOf('GR0301') < 0 && document.getElementById('counts').textContent.indexOf('检查通过') >= 0").await
            == json!(true)
    })
    .await;
    // Download the PDF as the page's link does (same cookie).
    let pdf = c
        .execute_async(
            "var done = arguments[0]; fetch(document.getElementById('dl-pdf').href).then(r => r.arrayBuffer()).then(b => { var a = new Uint8Array(b); done([a.length, String.fromCharCode(a[0], a[1], a[2], a[3])]); });",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(pdf[1], json!("%PDF"), "{pdf}");
    assert!(pdf[0].as_i64().unwrap() > 10_000);
    // Submit.
    c.find(Locator::Css("#submit"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    until(Duration::from_secs(5), "submitted", || async {
        js(c, "return document.getElementById('status').textContent")
            .await
            .as_str()
            .unwrap_or("")
            .contains("已提交")
    })
    .await;
    // Preview: the report as HTML, with the unit's name in it.
    let href = js(c, "return document.getElementById('preview').href").await;
    c.goto(href.as_str().unwrap()).await.unwrap();
    let body = js(c, "return document.body.textContent").await;
    assert!(body.as_str().unwrap().contains(NAME));
    assert!(
        body.as_str()
            .unwrap()
            .contains("收到和处理政府信息公开申请情况")
    );
}

fn run_walk(phone: bool) {
    let Some(d) = driver() else { return };
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start(dir.path());
    let (id, token) = s.unit(NAME, 2025);
    assert_eq!(s.put(&id, &token, None, &agency(NAME, 2025)).status, 200);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let c = session(&d, phone).await;
        walk(&c, &s, &token, phone).await;
        c.close().await.unwrap();
    });
    let list = s.get("/api/v1/units", Some(&s.office)).json();
    assert_eq!(list[0]["status"], "submitted");
}

#[test]
fn unit_page_break_fix_preview_download_submit_desktop() {
    run_walk(false);
}

#[test]
fn unit_page_break_fix_preview_download_submit_phone_390px() {
    run_walk(true);
}

/// The office filters the board to units with errors, opens one and
/// returns it with a comment; the unit sees the comment on its page.
#[test]
fn office_filters_the_board_opens_a_unit_and_returns_it() {
    let Some(d) = driver() else { return };
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start(dir.path());
    let bad = |name: &str| {
        agency(name, 2025).replace(
            "received = [0, 1, 0, 0, 0, 0]",
            "received = [0, 2, 0, 0, 0, 0]",
        )
    };
    let (a, at) = s.unit("甲县司法局", 2025);
    let (b, bt) = s.unit("乙县民政局", 2025);
    let (c, ct) = s.unit("丙县财政局", 2025);
    assert_eq!(s.put(&a, &at, None, &bad("甲县司法局")).status, 200);
    assert_eq!(
        s.put(&b, &bt, None, &agency("乙县民政局", 2025)).status,
        200
    );
    assert_eq!(s.put(&c, &ct, None, &bad("丙县财政局")).status, 200);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let office = session(&d, false).await;
        office.goto(&format!("{}/login/{}", s.base, s.office)).await.unwrap();
        let visible = "return Array.prototype.filter.call(document.querySelectorAll('#board tbody tr'), function (tr) { return !tr.hidden; }).map(function (tr) { return tr.dataset.name; })";
        assert_eq!(js(&office, visible).await.as_array().unwrap().len(), 3);
        office.find(Locator::Css("[data-filter=errors]")).await.unwrap().click().await.unwrap();
        let names = js(&office, visible).await;
        assert_eq!(names, json!(["甲县司法局", "丙县财政局"]), "{names}");
        office.find(Locator::LinkText("丙县财政局")).await.unwrap().click().await.unwrap();
        until(Duration::from_secs(5), "the review panel", || async {
            js(&office, "return !!document.getElementById('review')").await == json!(true)
        })
        .await;
        // The office reads; it cannot type into the unit's report.
        assert_eq!(
            js(&office, "return document.querySelector('input[data-path=\"requests.received[1]\"]').readOnly").await,
            json!(true)
        );
        let comment = office.find(Locator::Css("#comment")).await.unwrap();
        comment.send_keys("表三第一项与办理结果不平衡，请核对").await.unwrap();
        office.find(Locator::Css("#return")).await.unwrap().click().await.unwrap();
        until(Duration::from_secs(5), "returned", || async {
            js(&office, "return document.getElementById('review').textContent").await.as_str().unwrap_or("").contains("已退回")
        })
        .await;
        office.close().await.unwrap();

        let unit = session(&d, false).await;
        unit.goto(&format!("{}/login/{ct}", s.base)).await.unwrap();
        let text = js(&unit, "return document.body.textContent").await;
        assert!(text.as_str().unwrap().contains("退回意见：表三第一项与办理结果不平衡，请核对"));
        assert_eq!(js(&unit, "return !!document.getElementById('review')").await, json!(false));
        unit.close().await.unwrap();
    });
}

/// Issue 26, item 7: on a 390 px phone table 三's pinned row labels were
/// 340 px wide in a 343 px box — no figure of rows 一、二、四 could be seen
/// at any scroll. Every figure of every table of every example can now be
/// scrolled into view and is the topmost element at its centre; table 三's
/// pinned labels take at most 40 % of the table's box; each table shows a
/// figure before any scrolling.
#[test]
fn every_figure_of_every_table_can_be_seen_on_a_390px_phone() {
    let Some(d) = driver() else { return };
    let dir = tempfile::tempdir().unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let c = session(&d, true).await;
        for example in common::examples() {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_govreport"))
                .args(["render", "-q", "-f", "html", "-o"])
                .arg(dir.path())
                .arg(&example)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let page = dir
                .path()
                .join(example.file_stem().unwrap())
                .with_extension("html");
            c.goto(&format!("file://{}", page.display())).await.unwrap();
            let r = js(
                &c,
                r#"
const out = { width: window.innerWidth, figures: 0, hidden: [], unseen: [], pinned: 0 };
for (const t of document.querySelectorAll('table')) {
  const wrap = t.parentElement.getBoundingClientRect();
  t.scrollIntoView({ block: 'start' });
  const shown = [...t.querySelectorAll('td')].some(td => {
    const r = td.getBoundingClientRect();
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    if (x < 0 || x > window.innerWidth || y < 0 || y > window.innerHeight) return false;
    const e = document.elementFromPoint(x, y);
    return e === td || td.contains(e);
  });
  if (!shown) out.unseen.push(t.id);
  for (const th of t.id === 't3' ? t.querySelectorAll('tbody th') : []) {
    const r = th.getBoundingClientRect();
    out.pinned = Math.max(out.pinned, (r.right - wrap.left) / wrap.width);
  }
  for (const td of t.querySelectorAll('td')) {
    out.figures++;
    td.scrollIntoView({ block: 'center', inline: 'center' });
    const r = td.getBoundingClientRect();
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    const e = document.elementFromPoint(x, y);
    if (!(e === td || td.contains(e))) {
      out.hidden.push(t.id + ' row ' + td.parentElement.rowIndex + ' cell ' + td.cellIndex +
        ' under ' + (e ? e.textContent.slice(0, 12) : 'nothing'));
    }
  }
  t.parentElement.scrollLeft = 0;
}
return out;
"#,
            )
            .await;
            let name = example.display();
            assert_eq!(r["width"], 390, "{name}: not a 390 px screen");
            assert!(r["figures"].as_u64().unwrap() >= 80, "{name}: {r}");
            assert_eq!(r["hidden"], json!([]), "{name}: figures hidden");
            assert_eq!(
                r["unseen"],
                json!([]),
                "{name}: a table shows no figure at first"
            );
            let pinned = r["pinned"].as_f64().unwrap();
            assert!(
                (0.2..=0.40).contains(&pinned),
                "{name}: table 三's row labels take {:.0} % of its box",
                pinned * 100.0
            );
        }
        c.close().await.unwrap();
    });
}
