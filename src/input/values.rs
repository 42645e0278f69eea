//! Reading one value of agency.toml: strings, counts, money and table
//! rows, each problem reported at the key or the exact number concerned
//! and the section marked broken so arithmetic rules skip it.

use toml::de::DeValue;

use super::*;

pub(super) fn type_zh(v: &DeValue) -> &'static str {
    match v {
        DeValue::String(_) => "文字",
        DeValue::Integer(_) => "整数",
        DeValue::Float(_) => "小数",
        DeValue::Boolean(_) => "真假值",
        DeValue::Datetime(_) => "日期",
        DeValue::Array(_) => "数组",
        DeValue::Table(_) => "表",
    }
}
impl Walker {
    /// Reports keys not in `allowed`, with the nearest valid key as a suggestion.
    pub(super) fn unknown_keys(&mut self, t: &Tbl, allowed: &[&str]) {
        for (k, _) in t.table.iter() {
            let key = k.get_ref().as_ref();
            if allowed.contains(&key) {
                continue;
            }
            let where_ = if t.path.is_empty() {
                "文件顶层".to_string()
            } else {
                format!("[{}]", t.path)
            };
            let mut d = Diagnostic::new(
                &crate::rules::gr0003_unknown_key::RULE,
                format!("{where_} 中没有“{key}”这一项"),
            )
            .at(Some(k.span()));
            d.help = Some(suggest_key(&t.path, key, allowed));
            self.push(d);
        }
    }

    pub(super) fn type_error(&mut self, path: &str, v: &Val, want: &str, example: &str) {
        self.mark_broken(path);
        let found = type_zh(v.get_ref());
        let quoted_number =
            matches!(v.get_ref(), DeValue::String(s) if s.trim().parse::<f64>().is_ok());
        let help = if quoted_number {
            format!("数字不要加引号，例如 {example}")
        } else {
            format!("应写作{want}，例如 {example}")
        };
        self.push(
            Diagnostic::new(
                &crate::rules::gr0004_wrong_type::RULE,
                format!("{}应为{want}，这里是{found}", quoted(path)),
            )
            .at(Some(v.span()))
            .help(help),
        );
    }

    pub(super) fn sub<'t, 'i>(&mut self, parent: &Tbl<'t, 'i>, key: &str) -> Option<Tbl<'t, 'i>> {
        let v = parent.get(key)?;
        let path = parent.child_path(key);
        match v.get_ref() {
            DeValue::Table(t) => {
                let t = Tbl { path, table: t };
                self.record(&t);
                Some(t)
            }
            _ => {
                self.type_error(&path, v, "一个表（节）", &format!("[{path}]"));
                None
            }
        }
    }

    pub(super) fn string(&mut self, t: &Tbl, key: &str) -> String {
        let Some(v) = t.get(key) else {
            return String::new();
        };
        let path = t.child_path(key);
        match v.get_ref() {
            DeValue::String(s) => s.to_string(),
            _ => {
                self.type_error(
                    &path,
                    v,
                    "文字（用英文双引号括起）",
                    &format!("{key} = \"……\""),
                );
                String::new()
            }
        }
    }

    pub(super) fn strings(&mut self, t: &Tbl, key: &str) -> Vec<String> {
        let Some(v) = t.get(key) else {
            return Vec::new();
        };
        let path = t.child_path(key);
        match v.get_ref() {
            DeValue::String(s) if s.trim().is_empty() => Vec::new(),
            DeValue::String(s) => vec![s.to_string()],
            DeValue::Array(items) => {
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let ipath = format!("{path}[{i}]");
                    self.p.spans.insert_value(&ipath, item.span());
                    match item.get_ref() {
                        DeValue::String(s) => out.push(s.to_string()),
                        _ => self.type_error(&ipath, item, "文字", "\"……\""),
                    }
                }
                out
            }
            _ => {
                self.type_error(
                    &path,
                    v,
                    "文字数组",
                    &format!("{key} = [\"第一段\", \"第二段\"]"),
                );
                Vec::new()
            }
        }
    }

    /// A non-negative whole number (a count of documents, decisions, applications).
    pub(super) fn count_value(&mut self, path: &str, v: &Val, example: &str) -> Option<u64> {
        match v.get_ref() {
            DeValue::Integer(i) => {
                let text = i.as_str();
                match i128::from_str_radix(text, i.radix()) {
                    Ok(n) if n < 0 => {
                        self.mark_broken(path);
                        self.push(
                            Diagnostic::new(
                                &crate::rules::gr0006_invalid_number::RULE,
                                format!("{}是负数（{n}）", quoted(path)),
                            )
                            .at(Some(v.span()))
                            .help("件数不能为负数；没有就填 0"),
                        );
                        None
                    }
                    Ok(n) if n as u128 > MAX_COUNT as u128 => {
                        self.mark_broken(path);
                        self.push(
                            Diagnostic::new(
                                &crate::rules::gr0006_invalid_number::RULE,
                                format!("{}的数值 {n} 超出合理范围", quoted(path)),
                            )
                            .at(Some(v.span()))
                            .help(format!("件数不应超过 {MAX_COUNT}；请核对是否多输了数字")),
                        );
                        None
                    }
                    Ok(n) => Some(n as u64),
                    Err(_) => {
                        self.mark_broken(path);
                        self.push(
                            Diagnostic::new(
                                &crate::rules::gr0006_invalid_number::RULE,
                                format!("{}的数值超出范围", quoted(path)),
                            )
                            .at(Some(v.span()))
                            .help("请核对是否多输了数字"),
                        );
                        None
                    }
                }
            }
            DeValue::Float(f) => {
                self.mark_broken(path);
                let text = f.as_str();
                self.push(
                    Diagnostic::new(
                        &crate::rules::gr0006_invalid_number::RULE,
                        format!("{}是件数，应为整数，这里是 {text}", quoted(path)),
                    )
                    .at(Some(v.span()))
                    .help(format!("件数只能是 0、1、2 这样的整数，例如 {example}")),
                );
                None
            }
            _ => {
                self.type_error(path, v, "整数", example);
                None
            }
        }
    }

    pub(super) fn count(&mut self, t: &Tbl, key: &str) -> u64 {
        let Some(v) = t.get(key) else { return 0 };
        let path = t.child_path(key);
        self.count_value(&path, v, &format!("{key} = 0"))
            .unwrap_or(0)
    }

    /// An exact amount of money, printed as written.
    pub(super) fn money(&mut self, t: &Tbl, key: &str) -> Money {
        let Some(v) = t.get(key) else {
            return Money::zero();
        };
        let path = t.child_path(key);
        let text = match v.get_ref() {
            DeValue::Integer(i) if i.radix() == 10 => i.as_str().to_string(),
            DeValue::Float(f) => f.as_str().to_string(),
            _ => {
                self.type_error(&path, v, "数字（金额）", &format!("{key} = 12.5"));
                return Money::zero();
            }
        };
        let clean = text.replace('_', "");
        let clean = clean.trim_start_matches('+');
        let value = if clean.contains(['e', 'E']) {
            Decimal::from_scientific(clean).ok()
        } else {
            Decimal::from_str_exact(clean).ok()
        };
        match value {
            Some(value) => Money {
                value,
                text: if clean.contains(['e', 'E']) {
                    value.normalize().to_string()
                } else {
                    clean.to_string()
                },
            },
            None => {
                self.mark_broken(&path);
                self.push(
                    Diagnostic::new(
                        &crate::rules::gr0006_invalid_number::RULE,
                        format!("“{path}”不是有效的金额（{text}）"),
                    )
                    .at(Some(v.span()))
                    .help(format!("金额写成普通小数，例如 {key} = 12.5")),
                );
                Money::zero()
            }
        }
    }

    /// A table row: N figures, optionally followed by the stated 总计.
    pub(super) fn row<const N: usize>(&mut self, t: &Tbl, key: &str, columns: &[&str]) -> Row<N> {
        let Some(v) = t.get(key) else {
            return Row::default();
        };
        let path = t.child_path(key);
        let zeros = vec!["0"; N].join(", ");
        let DeValue::Array(items) = v.get_ref() else {
            self.type_error(
                &path,
                v,
                &format!("{N} 个数字组成的数组"),
                &format!("{key} = [{zeros}]"),
            );
            return Row::default();
        };
        if items.is_empty() {
            return Row::default();
        }
        if items.len() != N && items.len() != N + 1 {
            self.mark_broken(&path);
            self.push(
                Diagnostic::new(
                    &crate::rules::gr0005_row_length::RULE,
                    format!(
                        "这一行有 {} 个数字，应为 {N} 个，或 {} 个（最后一个是总计）",
                        items.len(),
                        N + 1
                    ),
                )
                .at(Some(v.span()))
                .help(format!(
                    "依次填写：{}；可在最后再加上总计",
                    columns[..N].join("、")
                )),
            );
            return Row::default();
        }
        let mut row = Row::<N>::default();
        for (i, item) in items.iter().enumerate() {
            let ipath = format!("{path}[{i}]");
            self.p.spans.insert_value(&ipath, item.span());
            let n = self.count_value(&ipath, item, "0").unwrap_or(0);
            if i < N {
                row.cells[i] = n;
            } else {
                row.stated_total = Some(n);
            }
        }
        row
    }

    /// `[extra]` goes to templates as JSON, bounded in depth.
    pub(super) fn json_of(&mut self, path: &str, v: &Val, depth: usize) -> serde_json::Value {
        use serde_json::Value as J;
        if depth > MAX_EXTRA_DEPTH {
            self.push(
                Diagnostic::new(
                    &crate::rules::gr0004_wrong_type::RULE,
                    format!("[extra] 嵌套超过 {MAX_EXTRA_DEPTH} 层"),
                )
                .at(Some(v.span()))
                .help("[extra] 中的内容请保持简单：文字、数字或一层表"),
            );
            return J::Null;
        }
        match v.get_ref() {
            DeValue::String(s) => J::String(s.to_string()),
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .map(J::from)
                .unwrap_or(J::Null),
            DeValue::Float(f) => f64::from_str(f.as_str())
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map(J::Number)
                .unwrap_or(J::Null),
            DeValue::Boolean(b) => J::Bool(*b),
            DeValue::Datetime(d) => J::String(d.to_string()),
            DeValue::Array(items) => J::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, it)| self.json_of(&format!("{path}[{i}]"), it, depth + 1))
                    .collect(),
            ),
            DeValue::Table(t) => {
                let mut map = serde_json::Map::new();
                for (k, it) in t.iter() {
                    let p = format!("{path}.{}", k.get_ref());
                    self.p.spans.insert_key(&p, k.span());
                    self.p.spans.insert_value(&p, it.span());
                    map.insert(k.get_ref().to_string(), self.json_of(&p, it, depth + 1));
                }
                J::Object(map)
            }
        }
    }
}
