//! `govreport serve`: the report server. Units fill in, check and download
//! their report in a browser; the office and its scripts use the HTTP API
//! (docs/serve.md). A thin door over `crate::app` like the command line:
//! a check here is the same check, in the same words, as `govreport check`.
//!
//! axum on tokio; SQLite through `crate::store`; the check and render work
//! runs on tokio's blocking pool so slow PDFs never stall other requests.

mod api;
mod auth;
mod board;
mod cache;
mod form;
mod html;
mod office;
mod pages;
mod review;
mod unit;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::app::{Options, exit, run::Run};
use crate::store::Store;

/// A request body over this is refused (413) before anything else is read.
pub const BODY_LIMIT: usize = 16 * 1024 * 1024;

/// What `serve` is asked.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub db: PathBuf,
    pub listen: String,
    pub profile: Option<PathBuf>,
    /// The report year new units start with.
    pub year: Option<i32>,
    pub office_token_file: Option<PathBuf>,
}

/// Everything a request may use.
pub struct AppState {
    pub store: Store,
    pub run: Run,
    pub limiter: auth::Limiter,
    /// Rendered versions, by unit, version and format.
    pub cache: cache::RenderCache,
    /// The report year new units start with.
    pub year: i32,
    /// `http://HOST:PORT` as bound, for links when a request has no Host.
    pub base: String,
}

pub type Shared = Arc<AppState>;

/// An error answer: `{"error": "中文说明"}` (or diagnostics) with a status.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub body: serde_json::Value,
}

impl ApiError {
    pub fn new(status: u16, message: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            body: serde_json::json!({ "error": message.into() }),
        }
    }
    pub fn too_many() -> Self {
        Self::new(429, "错误的访问令牌太多，请一分钟后再试")
    }
    pub fn forbidden() -> Self {
        Self::new(403, "无权访问：本单位的链接只能查看和填写本单位的报告")
    }
    pub fn not_found() -> Self {
        Self::new(404, "没有这个单位")
    }
}

impl From<String> for ApiError {
    fn from(e: String) -> Self {
        ApiError::new(500, e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, axum::Json(self.body)).into_response()
    }
}

/// An OS error in Chinese, for the messages a user reads.
pub fn io_zh(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let what = match e.kind() {
        K::AddrInUse => "端口已被占用（换一个 --listen 端口，或先停止占用它的程序）",
        K::AddrNotAvailable => "本机没有这个地址",
        K::InvalidInput => "地址或参数格式不对（例如 127.0.0.1:8080）",
        _ => return crate::model::source::io_reason(e),
    };
    what.to_string()
}

/// Starts the server and runs it until SIGINT/SIGTERM; the exit code.
pub fn serve(opts: ServeOptions) -> i32 {
    let store = match Store::open(&opts.db) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("错误：{e}");
            return exit::TROUBLE;
        }
    };
    let mut run = match Run::new(&Options {
        profile: opts.profile.clone(),
        ..Options::default()
    }) {
        Ok(r) => r,
        Err((code, msg)) => {
            eprintln!("{msg}");
            return code;
        }
    };
    run.live_today = true;
    let year = opts
        .year
        .unwrap_or(crate::model::date::Date::today().year - 1);
    // More async workers than cores: a worker waiting on the database's
    // lock for a moment must not hold up every other connection.
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads((cores * 4).max(8))
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("错误：无法启动服务：{e}");
            return exit::TROUBLE;
        }
    };
    runtime.block_on(async move {
        let listener = match tokio::net::TcpListener::bind(&opts.listen).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!(
                    "错误：无法在 {} 上监听：{}",
                    opts.listen,
                    io_zh(&e)
                );
                return exit::TROUBLE;
            }
        };
        let addr = match listener.local_addr() {
            Ok(a) => a,
            Err(e) => {
                eprintln!("错误：{}", io_zh(&e));
                return exit::TROUBLE;
            }
        };
        let base = format!("http://{addr}");
        let state = Arc::new(AppState {
            store,
            run,
            limiter: auth::Limiter::default(),
            cache: cache::RenderCache::default(),
            year,
            base: base.clone(),
        });
        let first = match office_token(&state, opts.office_token_file.as_deref()) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("错误：{e}");
                return exit::TROUBLE;
            }
        };
        // The contract's first line: tests and scripts wait for it.
        {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            if writeln!(out, "listening on {base}").and_then(|()| out.flush()).is_err() {
                // Nobody reads stdout (a closed pipe): serve all the same.
            }
        }
        if let Some(token) = first {
            eprintln!(
                "办公室令牌（只显示这一次，请妥善保存）：{token}\n办公室登录链接：{base}/login/{token}"
            );
        }
        let app = router(state.clone());
        let served = axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown())
        .await;
        // Everything answered is committed; fold the WAL back into one file.
        let _ = state.store.checkpoint();
        match served {
            Ok(()) => exit::OK,
            Err(e) => {
                eprintln!("错误：{}", io_zh(&e));
                exit::TROUBLE
            }
        }
    })
}

/// `serve --db F backup OUT`: a consistent copy, even while a server runs.
pub fn backup_to(db: &std::path::Path, out: &std::path::Path) -> i32 {
    if !db.is_file() {
        eprintln!("错误：数据库 {} 不存在", db.display());
        return exit::TROUBLE;
    }
    if out.exists() {
        eprintln!(
            "错误：{} 已经存在；备份写到一个新文件，以免覆盖",
            out.display()
        );
        return exit::TROUBLE;
    }
    match Store::open(db).and_then(|s| s.backup(out)) {
        Ok(()) => {
            eprintln!("已备份：{}", out.display());
            exit::OK
        }
        Err(e) => {
            eprintln!("错误：{e}");
            exit::TROUBLE
        }
    }
}

/// `serve --db F units LIST -o links.csv`: the units of an office's list,
/// and the CSV of their links.
pub fn units_from_list(
    db: &std::path::Path,
    list: &std::path::Path,
    out: &std::path::Path,
    year: Option<i32>,
    base: &str,
) -> i32 {
    if out.exists() {
        eprintln!(
            "错误：{} 已经存在；为免覆盖已发出的链接，请换一个文件名",
            out.display()
        );
        return exit::TROUBLE;
    }
    let bytes = match crate::model::source::read_bounded(list, 64 * 1024 * 1024) {
        Ok(b) => b,
        Err(e) => {
            eprintln!(
                "错误：无法读取 {}：{}",
                list.display(),
                crate::model::source::io_reason(&e)
            );
            return exit::TROUBLE;
        }
    };
    let listed = match office::parse_list(&bytes) {
        Ok(l) if !l.is_empty() => l,
        Ok(_) => {
            eprintln!(
                "错误：{} 中没有单位：每行一个单位，第一列为单位名称",
                list.display()
            );
            return exit::ERRORS;
        }
        Err(e) => {
            eprintln!("错误：{}：{e}", list.display());
            return exit::ERRORS;
        }
    };
    let store = match Store::open(db) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("错误：{e}");
            return exit::TROUBLE;
        }
    };
    let year = year.unwrap_or(crate::model::date::Date::today().year - 1);
    let csv = match office::create_listed(&store, &listed, year, base.trim_end_matches('/')) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("错误：{e}");
            return exit::ERRORS;
        }
    };
    if let Err(e) = crate::app::output::write_atomic_private(out, &csv) {
        eprintln!(
            "错误：无法写入 {}：{}（单位已建好，可在服务器上重新签发链接）",
            out.display(),
            crate::model::source::io_reason(&e)
        );
        return exit::TROUBLE;
    }
    eprintln!(
        "已新建 {} 个单位，登录链接：{}",
        listed.len(),
        out.display()
    );
    exit::OK
}

/// On an empty database, makes the office's token: written to `file`
/// (mode 0600) or returned to be shown once.
fn office_token(
    state: &AppState,
    file: Option<&std::path::Path>,
) -> Result<Option<String>, String> {
    if state.store.meta("office_token_hash")?.is_some() {
        return Ok(None);
    }
    let token = auth::new_token();
    if let Some(path) = file {
        crate::app::output::write_atomic_private(path, format!("{token}\n").as_bytes())
            .map_err(|e| format!("无法写入 {}：{}", path.display(), io_zh(&e)))?;
    }
    if !state
        .store
        .meta_init("office_token_hash", &auth::hash(&token))?
    {
        // Another process initialised the same database first.
        return Ok(None);
    }
    Ok(if file.is_some() { None } else { Some(token) })
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// Every route, with the body limit and the security headers.
pub fn router(state: Shared) -> Router {
    Router::new()
        .merge(api::routes())
        .merge(office::routes())
        .merge(pages::routes())
        .with_state(state)
        .layer(DefaultBodyLimit::disable())
        .layer(tower_http::limit::RequestBodyLimitLayer::new(BODY_LIMIT))
        // Outermost, so the limit's own 413 gets the headers and our words.
        .layer(axum::middleware::map_response(security_headers))
}

/// No framing, no sniffing, no referrer (links carry tokens), and a
/// content policy that allows only the server's own scripts and styles.
async fn security_headers(mut res: Response) -> Response {
    let h = res.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        header::X_FRAME_OPTIONS,
        HeaderValue::from_static("SAMEORIGIN"),
    );
    // Pages carry the session's CSRF token and a unit's report: never cached.
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'self'; form-action 'self'",
            ),
        );
    }
    if res.status() == StatusCode::PAYLOAD_TOO_LARGE
        && !res
            .headers()
            .get(header::CONTENT_TYPE)
            .is_some_and(|v| v.as_bytes().starts_with(b"application/json"))
    {
        return ApiError::new(413, "上传的内容超过 16 MB，已拒绝").into_response();
    }
    res
}
