//! Rendered reports kept in memory by (unit, version, format): a version
//! never changes, so its PDF is the same bytes every time. A unit checking
//! its PDF, the office previewing, the bundle — each version is typeset
//! once. Bounded by total size; the oldest entries go first.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

type Key = (String, i64, &'static str);

/// At most this many bytes of rendered reports are kept.
const CAPACITY: usize = 64 * 1024 * 1024;

#[derive(Default)]
pub struct RenderCache {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    map: HashMap<Key, Arc<Vec<u8>>>,
    order: VecDeque<Key>,
    bytes: usize,
}

impl RenderCache {
    pub fn get(&self, unit: &str, version: i64, ext: &'static str) -> Option<Arc<Vec<u8>>> {
        let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        inner.map.get(&(unit.to_string(), version, ext)).cloned()
    }

    pub fn put(&self, unit: &str, version: i64, ext: &'static str, bytes: Arc<Vec<u8>>) {
        if bytes.len() > CAPACITY / 8 {
            return;
        }
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let key = (unit.to_string(), version, ext);
        if inner.map.contains_key(&key) {
            return;
        }
        inner.bytes += bytes.len();
        inner.map.insert(key.clone(), bytes);
        inner.order.push_back(key);
        while inner.bytes > CAPACITY {
            let Some(old) = inner.order.pop_front() else {
                break;
            };
            if let Some(b) = inner.map.remove(&old) {
                inner.bytes -= b.len();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_by_version_and_drops_the_oldest_past_its_size() {
        let c = RenderCache::default();
        let big = Arc::new(vec![0u8; CAPACITY / 8]);
        for v in 0..9 {
            c.put("u", v, "pdf", big.clone());
        }
        assert!(c.get("u", 0, "pdf").is_none(), "the oldest went");
        assert!(c.get("u", 8, "pdf").is_some());
        assert!(c.get("u", 8, "docx").is_none());
        assert!(c.get("v", 8, "pdf").is_none());
    }
}
