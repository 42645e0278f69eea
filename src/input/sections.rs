//! Reading the sections of agency.toml (agency, preface, overview,
//! proactive, requests, reviews, problems, other, extra) into the model.

use toml::de::DeValue;

use super::values::type_zh;
use super::*;
use crate::model::date::Date;

impl Walker {
    pub(super) fn read_root(&mut self, root: Tbl, whole: Range<usize>) {
        self.record(&root);
        self.p.spans.insert_value("", whole);
        self.unknown_keys(&root, keys::ROOT);
        // schema
        match root.get("schema") {
            None => self.push(
                Diagnostic::new(
                    &crate::rules::gr0007_schema_version::RULE,
                    "缺少 schema = 1",
                )
                .at(Some(0..0))
                .help("在文件第一行写上 schema = 1（本程序读取的格式版本）"),
            ),
            Some(v) => match v.get_ref() {
                DeValue::Integer(i)
                    if i.as_str() == SCHEMA_VERSION.to_string() && i.radix() == 10 =>
                {
                    self.p.report.schema = SCHEMA_VERSION;
                }
                other => {
                    let shown = match other {
                        DeValue::Integer(i) => i.as_str().to_string(),
                        DeValue::String(s) => format!("\"{s}\""),
                        o => type_zh(o).to_string(),
                    };
                    self.push(
                        Diagnostic::new(&crate::rules::gr0007_schema_version::RULE, format!("不支持的 schema = {shown}"))
                            .at(Some(v.span()))
                            .help("本版本的 govreport 只读取 schema = 1；如果文件来自更新的版本，请升级 govreport"),
                    );
                }
            },
        }
        if let Some(t) = self.sub(&root, "agency") {
            self.read_agency(&t);
        }
        if let Some(t) = self.sub(&root, "preface") {
            self.unknown_keys(&t, keys::PREFACE);
            self.p.report.preface = self.string(&t, "text");
        }
        if let Some(t) = self.sub(&root, "overview") {
            self.unknown_keys(&t, keys::OVERVIEW);
            let o = Overview {
                summary: self.string(&t, "summary"),
                proactive: self.string(&t, "proactive"),
                on_request: self.string(&t, "on_request"),
                management: self.string(&t, "management"),
                platforms: self.string(&t, "platforms"),
                oversight: self.string(&t, "oversight"),
            };
            self.p.report.overview = o;
        }
        if let Some(t) = self.sub(&root, "proactive") {
            self.read_proactive(&t);
        }
        if let Some(t) = self.sub(&root, "requests") {
            self.read_requests(&t);
        }
        if let Some(t) = self.sub(&root, "reviews") {
            self.unknown_keys(&t, keys::REVIEWS);
            for (i, (path, _)) in T4_ROWS.iter().enumerate() {
                let key = path.rsplit('.').next().unwrap_or(path);
                self.p.report.reviews.rows[i] = self.row::<4>(&t, key, &T4_COLUMNS);
            }
        }
        if let Some(t) = self.sub(&root, "problems") {
            self.unknown_keys(&t, keys::PROBLEMS);
            self.p.report.problems = Problems {
                previous_year: self.string(&t, "previous_year"),
                current_year: self.string(&t, "current_year"),
                measures: self.string(&t, "measures"),
            };
        }
        if let Some(t) = self.sub(&root, "other") {
            self.unknown_keys(&t, keys::OTHER);
            let fee_notices = self.count(&t, "fee_notices");
            let fee_notice_amount = self.money(&t, "fee_notice_amount");
            let fees_collected = self.money(&t, "fees_collected");
            for (key, m) in [
                ("fee_notice_amount", &fee_notice_amount),
                ("fees_collected", &fees_collected),
            ] {
                if m.value.is_sign_negative() && !m.is_zero() {
                    let path = format!("other.{key}");
                    self.push(
                        Diagnostic::new(
                            &crate::rules::gr0006_invalid_number::RULE,
                            format!("“{path}”是负数（{}）", m.text),
                        )
                        .at(self.p.spans.value(&path))
                        .help("金额不能为负数；没有就填 0"),
                    );
                }
            }
            let items = self.strings(&t, "items");
            self.p.report.other = Other {
                fee_notices,
                fee_notice_amount,
                fees_collected,
                items,
            };
        }
        if let Some(v) = root.get("extra") {
            match v.get_ref() {
                DeValue::Table(_) => {
                    if let serde_json::Value::Object(map) = self.json_of("extra", v, 0) {
                        self.p.report.extra = map;
                    }
                }
                _ => self.type_error("extra", v, "一个表（节）", "[extra]"),
            }
        }
    }

    pub(super) fn read_agency(&mut self, t: &Tbl) {
        self.unknown_keys(t, keys::AGENCY);
        let name = self.string(t, "name");
        let contact = self.string(t, "contact");
        let mut year = 0;
        if let Some(v) = t.get("year") {
            match v.get_ref() {
                DeValue::Integer(i) => match i.as_str().parse::<i32>() {
                    Ok(y) => year = y,
                    Err(_) => {
                        self.p.broken.insert("agency.year");
                        self.push(
                            Diagnostic::new(
                                &crate::rules::gr0009_year_range::RULE,
                                format!("年度 {} 不是有效的年份", i.as_str()),
                            )
                            .at(Some(v.span()))
                            .help("写四位数字年份，例如 year = 2024"),
                        );
                    }
                },
                _ => {
                    self.p.broken.insert("agency.year");
                    self.type_error("agency.year", v, "四位数字年份", "year = 2024");
                }
            }
        }
        let mut level = Level::Department;
        if let Some(v) = t.get("level") {
            match v.get_ref() {
                DeValue::String(s) => match s.trim() {
                    "department" | "部门" => level = Level::Department,
                    "government" | "人民政府" | "政府" => level = Level::Government,
                    other => {
                        let hint = if other.contains("政府") || other.contains("gov") {
                            "government"
                        } else {
                            "department"
                        };
                        self.push(
                            Diagnostic::new(&crate::rules::gr0010_level_value::RULE, format!("level 只能是 \"department\" 或 \"government\"，这里是 \"{other}\""))
                                .at(Some(v.span()))
                                .help(format!("政府部门写 level = \"department\"（1月31日前发布）；人民政府本级写 level = \"government\"（3月31日前发布）。这里可能应为 \"{hint}\"")),
                        );
                    }
                },
                _ => self.type_error("agency.level", v, "文字", "level = \"department\""),
            }
        }
        let mut published_on = None;
        if let Some(v) = t.get("published_on") {
            match v.get_ref() {
                DeValue::Datetime(dt) => match (dt.date, dt.time) {
                    (Some(d), None) => {
                        published_on = Date::new(i32::from(d.year), d.month, d.day);
                    }
                    _ => self.push(
                        Diagnostic::new(
                            &crate::rules::gr0004_wrong_type::RULE,
                            "发布日期只写年月日，不写时间",
                        )
                        .at(Some(v.span()))
                        .help("例如 published_on = 2025-01-20"),
                    ),
                },
                DeValue::String(s) => match Date::parse(s) {
                    Some(d) => published_on = Some(d),
                    None => self.push(
                        Diagnostic::new(
                            &crate::rules::gr0004_wrong_type::RULE,
                            format!("“{s}”不是有效的日期"),
                        )
                        .at(Some(v.span()))
                        .help("例如 published_on = 2025-01-20（不加引号）"),
                    ),
                },
                _ => self.type_error(
                    "agency.published_on",
                    v,
                    "日期",
                    "published_on = 2025-01-20",
                ),
            }
        }
        let a = &mut self.p.report.agency;
        a.name = name;
        a.contact = contact;
        a.year = year;
        a.level = level;
        a.published_on = published_on;
    }

    pub(super) fn documents(&mut self, t: &Tbl, key: &str) -> Documents {
        let Some(sub) = self.sub(t, key) else {
            return Documents::default();
        };
        self.unknown_keys(&sub, keys::DOCUMENTS);
        Documents {
            issued: self.count(&sub, "issued"),
            repealed: self.count(&sub, "repealed"),
            in_force: self.count(&sub, "in_force"),
        }
    }

    pub(super) fn read_proactive(&mut self, t: &Tbl) {
        self.unknown_keys(t, keys::PROACTIVE);
        let p = Proactive {
            note: self.string(t, "note"),
            regulations: self.documents(t, "regulations"),
            normative_documents: self.documents(t, "normative_documents"),
            licensing: self.count(t, "licensing"),
            penalties: self.count(t, "penalties"),
            coercive_measures: self.count(t, "coercive_measures"),
            fees: self.money(t, "fees"),
        };
        self.p.report.proactive = p;
    }

    pub(super) fn read_requests(&mut self, t: &Tbl) {
        self.unknown_keys(t, keys::REQUESTS);
        self.p.report.requests.note = self.string(t, "note");
        let outcomes = self.sub(t, "outcomes");
        if let Some(o) = &outcomes {
            self.unknown_keys(o, keys::OUTCOMES);
        }
        let mut groups: Vec<(String, Tbl)> = Vec::new();
        if let Some(o) = &outcomes {
            for (g, allowed) in [
                ("withheld", keys::WITHHELD),
                ("unavailable", keys::UNAVAILABLE),
                ("not_processed", keys::NOT_PROCESSED),
                ("other", keys::OTHER_PROCESSING),
            ] {
                if let Some(sub) = self.sub(o, g) {
                    self.unknown_keys(&sub, allowed);
                    groups.push((sub.path.clone(), sub));
                }
            }
        }
        for (i, def) in T3_ROWS.iter().enumerate() {
            let (parent, key) = def.path.rsplit_once('.').unwrap_or(("", def.path));
            let row = if parent == "requests" {
                Some(self.row::<6>(t, key, &T3_COLUMNS))
            } else if parent == "requests.outcomes" {
                outcomes
                    .as_ref()
                    .map(|o| self.row::<6>(o, key, &T3_COLUMNS))
            } else {
                groups
                    .iter()
                    .find(|(p, _)| p == parent)
                    .map(|(_, g)| self.row::<6>(g, key, &T3_COLUMNS))
            };
            if let Some(row) = row {
                self.p.report.requests.rows[i] = row;
            }
        }
        if let Some(o) = &outcomes
            && let Some(v) = o.get("total")
        {
            let path = T3_OUTCOME_TOTAL_PATH;
            match v.get_ref() {
                DeValue::Array(items) if items.is_empty() => {}
                DeValue::Array(items) if items.len() == 7 => {
                    let mut total = [0u64; 7];
                    for (i, item) in items.iter().enumerate() {
                        let ipath = format!("{path}[{i}]");
                        self.p.spans.insert_value(&ipath, item.span());
                        total[i] = self.count_value(&ipath, item, "0").unwrap_or(0);
                    }
                    self.p.report.requests.stated_outcome_total = Some(total);
                }
                DeValue::Array(items) => {
                    self.mark_broken(path);
                    self.push(
                        Diagnostic::new(
                            &crate::rules::gr0005_row_length::RULE,
                            format!("（七）总计这一行有 {} 个数字，应为 7 个（六类申请人加总计）", items.len()),
                        )
                        .at(Some(v.span()))
                        .help("依次填写：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计；不填则自动计算"),
                    );
                }
                _ => self.type_error(
                    path,
                    v,
                    "7 个数字组成的数组",
                    "total = [0, 0, 0, 0, 0, 0, 0]",
                ),
            }
        }
    }
}
