//! Who is asking: the office's or a unit's token (`Authorization: Bearer`),
//! or a browser session made by `/login/TOKEN` (cookie, with a CSRF token
//! every change must carry). Tokens are 192 random bits, stored as SHA-256
//! hashes; wrong tokens are counted per address (429 past 20 a minute).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::http::{HeaderMap, Method};
use base64::Engine;
use sha2::{Digest, Sha256};

use super::ApiError;
use crate::store::{Role, Store};

pub const COOKIE: &str = "govreport_session";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// A new random token: 24 bytes, URL-safe base64 (32 characters).
pub fn new_token() -> String {
    random_b64(24)
}

/// A new unit id: 12 random bytes (16 characters), not guessable.
pub fn new_id() -> String {
    random_b64(12)
}

fn random_b64(n: usize) -> String {
    let mut bytes = vec![0u8; n];
    // The OS's generator; without it no token can be made safely.
    getrandom::fill(&mut bytes).expect("操作系统的随机数发生器不可用");
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// How a token is stored.
pub fn hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whom a request speaks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    Office,
    Unit(String),
}

impl Who {
    /// As the history and log name them.
    pub fn label(&self) -> &'static str {
        match self {
            Who::Office => "office",
            Who::Unit(_) => "unit",
        }
    }
}

/// Wrong tokens per address in the current minute.
#[derive(Default)]
pub struct Limiter {
    seen: Mutex<HashMap<IpAddr, (Instant, u32)>>,
}

const WINDOW: Duration = Duration::from_secs(60);
const ALLOWED: u32 = 20;

impl Limiter {
    fn blocked(&self, ip: IpAddr) -> bool {
        let seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        seen.get(&ip)
            .is_some_and(|(start, n)| start.elapsed() < WINDOW && *n >= ALLOWED)
    }

    fn wrong(&self, ip: IpAddr) {
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        if seen.len() > 10_000 {
            seen.retain(|_, (start, _)| start.elapsed() < WINDOW);
        }
        let e = seen.entry(ip).or_insert((Instant::now(), 0));
        if e.0.elapsed() >= WINDOW {
            *e = (Instant::now(), 0);
        }
        e.1 += 1;
    }
}

/// The token a request carries, from its Authorization header.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    let v = headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (scheme, token) = v.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
}

/// A cookie's value.
pub fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Whose token this is, counting a wrong one against the address.
pub fn resolve_token(
    store: &Store,
    limiter: &Limiter,
    ip: IpAddr,
    token: &str,
) -> Result<Who, ApiError> {
    if limiter.blocked(ip) {
        return Err(ApiError::too_many());
    }
    let h = hash(token);
    if store.meta("office_token_hash")?.as_deref() == Some(h.as_str()) {
        return Ok(Who::Office);
    }
    if let Some(id) = store.unit_by_token(&h)? {
        return Ok(Who::Unit(id));
    }
    limiter.wrong(ip);
    Err(ApiError::new(
        401,
        "访问令牌无效或已被收回，请向政务公开办公室索取新的链接",
    ))
}

/// Who the request speaks for: a Bearer token, or a session cookie — for
/// a change through a cookie, only with the session's CSRF token.
pub fn authenticate(
    store: &Store,
    limiter: &Limiter,
    ip: IpAddr,
    method: &Method,
    headers: &HeaderMap,
) -> Result<Who, ApiError> {
    if let Some(token) = bearer(headers) {
        return resolve_token(store, limiter, ip, token);
    }
    let Some(sid) = cookie(headers, COOKIE) else {
        return Err(ApiError::new(
            401,
            "需要访问令牌：请用政务公开办公室发给本单位的链接登录",
        ));
    };
    if limiter.blocked(ip) {
        return Err(ApiError::too_many());
    }
    let Some(session) = store.session(&hash(sid))? else {
        limiter.wrong(ip);
        return Err(ApiError::new(401, "登录已失效，请重新打开本单位的链接"));
    };
    let safe = matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe {
        let sent = headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok());
        if !sent.is_some_and(|s| constant_eq(s.as_bytes(), session.csrf.as_bytes())) {
            return Err(ApiError::new(
                403,
                "请求没有带有效的页面令牌（CSRF），已拒绝：请刷新页面后重试",
            ));
        }
    }
    Ok(match session.role {
        Role::Office => Who::Office,
        Role::Unit(u) => Who::Unit(u),
    })
}

/// The session's CSRF token for a page (empty when there is no session).
pub fn page_csrf(store: &Store, headers: &HeaderMap) -> Option<(Who, String)> {
    let sid = cookie(headers, COOKIE)?;
    let s = store.session(&hash(sid)).ok()??;
    let who = match s.role {
        Role::Office => Who::Office,
        Role::Unit(u) => Who::Unit(u),
    };
    Some((who, s.csrf))
}

fn constant_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_hashed() {
        let a = new_token();
        let b = new_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 32);
        assert_eq!(hash(&a).len(), 64);
        assert_ne!(hash(&a), a);
        assert_eq!(new_id().len(), 16);
    }

    #[test]
    fn twenty_wrong_tokens_block_the_address_for_a_minute() {
        let l = Limiter::default();
        let ip: IpAddr = "127.0.0.9".parse().unwrap();
        for _ in 0..ALLOWED {
            assert!(!l.blocked(ip));
            l.wrong(ip);
        }
        assert!(l.blocked(ip));
        assert!(!l.blocked("127.0.0.8".parse().unwrap()));
    }

    #[test]
    fn reads_bearer_and_cookie() {
        let mut h = HeaderMap::new();
        h.insert("authorization", "Bearer  abc ".parse().unwrap());
        h.insert("cookie", "a=1; govreport_session=xyz; b=2".parse().unwrap());
        assert_eq!(bearer(&h), Some("abc"));
        assert_eq!(cookie(&h, COOKIE), Some("xyz"));
        assert!(constant_eq(b"ab", b"ab") && !constant_eq(b"ab", b"ac"));
    }
}
