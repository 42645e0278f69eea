//! Where each key and value of agency.toml stands, by dotted path
//! (`requests.received`, `requests.received[3]`).

use std::collections::HashMap;
use std::ops::Range;

#[derive(Debug, Default, Clone)]
pub struct SpanMap {
    values: HashMap<String, Range<usize>>,
    keys: HashMap<String, Range<usize>>,
}

impl SpanMap {
    pub fn insert_value(&mut self, path: &str, span: Range<usize>) {
        self.values.insert(path.to_string(), span);
    }
    pub fn insert_key(&mut self, path: &str, span: Range<usize>) {
        self.keys.insert(path.to_string(), span);
    }
    pub fn value(&self, path: &str) -> Option<Range<usize>> {
        self.values.get(path).cloned()
    }
    pub fn key(&self, path: &str) -> Option<Range<usize>> {
        self.keys.get(path).cloned()
    }

    /// The best place to point at for `path`: its value, or, when it is
    /// missing, the key of the nearest table that exists (e.g. `[overview]`),
    /// or the start of the file.
    pub fn best(&self, path: &str) -> Range<usize> {
        if let Some(s) = self.value(path) {
            return s;
        }
        let mut p = path;
        while let Some((parent, _)) = p.rsplit_once('.') {
            if let Some(s) = self.key(parent) {
                return s;
            }
            p = parent;
        }
        self.key(p).unwrap_or(0..0)
    }

    /// The path of the innermost value (or, failing that, key) whose text
    /// holds byte `offset`: where a finding stands, for a form that shows
    /// it beside its field.
    pub fn path_at(&self, offset: usize) -> Option<&str> {
        fn inner(m: &HashMap<String, Range<usize>>, offset: usize) -> Option<&str> {
            m.iter()
                .filter(|(_, r)| r.start <= offset && offset < r.end.max(r.start + 1))
                .min_by_key(|(p, r)| (r.end - r.start, std::cmp::Reverse(p.len())))
                .map(|(p, _)| p.as_str())
        }
        inner(&self.values, offset).or_else(|| inner(&self.keys, offset))
    }

    /// Like `best`, but prefers the key (for "this field is empty").
    pub fn key_or_best(&self, path: &str) -> Range<usize> {
        self.key(path).unwrap_or_else(|| self.best(path))
    }
}
