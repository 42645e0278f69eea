//! The JSON Schema of agency.toml (for editor completion and validation),
//! built from the same key lists the reader uses so the two cannot drift.

use serde_json::{Map, Value, json};

use crate::input::KNOWN_PATHS;
use crate::model::{T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_ROWS};

fn count(desc: &str) -> Value {
    json!({"type": "integer", "minimum": 0, "maximum": crate::input::MAX_COUNT, "description": desc})
}

fn text(desc: &str) -> Value {
    json!({"type": "string", "description": desc})
}

fn row(n: usize, columns: &[&str], desc: &str) -> Value {
    json!({
        "type": "array",
        "description": format!("{desc}：{}（可再加总计）", columns[..n].join("、")),
        "items": {"type": "integer", "minimum": 0},
        "minItems": 0,
        "maxItems": n + 1,
    })
}

/// The description and type of a leaf key.
fn leaf(path: &str) -> Value {
    if let Some(def) = T3_ROWS.iter().find(|r| r.path == path) {
        let label = if def.group.is_empty() {
            def.label.to_string()
        } else {
            format!("{}{}", def.group, def.label)
        };
        return row(6, &T3_COLUMNS, &label);
    }
    if let Some((_, label)) = T4_ROWS.iter().find(|(p, _)| *p == path) {
        return row(4, &T4_COLUMNS, label);
    }
    match path {
        "schema" => json!({"const": 1, "description": "输入格式版本，写 1"}),
        "agency.name" => text("机关名称，与标题一致"),
        "agency.year" => json!({"type": "integer", "minimum": 2021, "description": "报告年度"}),
        "agency.level" => {
            json!({"enum": ["department", "government"], "description": "department：政府部门（次年1月31日前发布）；government：人民政府（次年3月31日前发布）"})
        }
        "agency.published_on" => {
            json!({"type": "string", "format": "date", "description": "发布日期，如 2025-01-20"})
        }
        "agency.contact" => text("联系方式，印在开头段落"),
        "preface.text" => text("替换标准开头段落"),
        "requests.outcomes.total" => {
            json!({"type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": 0, "maxItems": 7, "description": "所填（七）总计（7 个数字），会被核对"})
        }
        "proactive.licensing" => count("行政许可：本年处理决定数量"),
        "proactive.penalties" => count("行政处罚：本年处理决定数量"),
        "proactive.coercive_measures" => count("行政强制：本年处理决定数量"),
        "proactive.fees" => {
            json!({"type": "number", "minimum": 0, "description": "行政事业性收费：本年收费金额（单位：万元）"})
        }
        "other.fee_notices" => count("发出收费通知的件数"),
        "other.fee_notice_amount" => {
            json!({"type": "number", "minimum": 0, "description": "收费通知的总金额（元）"})
        }
        "other.fees_collected" => {
            json!({"type": "number", "minimum": 0, "description": "实际收取的总金额（元）"})
        }
        "other.items" => {
            json!({"type": "array", "items": {"type": "string"}, "description": "六、其他需要报告的事项：每项一段"})
        }
        p if p.ends_with(".issued") => count("本年制发件数"),
        p if p.ends_with(".repealed") => count("本年废止件数"),
        p if p.ends_with(".in_force") => count("现行有效件数"),
        _ => text("文字；空行分段"),
    }
}

fn table_schema(path: &str) -> Value {
    let keys = KNOWN_PATHS
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, k)| *k)
        .unwrap_or(&[]);
    let mut props = Map::new();
    for key in keys {
        let child = if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        };
        let value = if child == "extra" {
            json!({"type": "object", "description": "省级模板自定义字段，原样交给模板"})
        } else if KNOWN_PATHS.iter().any(|(p, _)| *p == child) {
            table_schema(&child)
        } else {
            leaf(&child)
        };
        props.insert(key.to_string(), value);
    }
    json!({"type": "object", "properties": props, "additionalProperties": false})
}

pub fn json_schema() -> Value {
    let mut root = table_schema("");
    root["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
    root["title"] = json!("govreport agency.toml（政府信息公开工作年度报告输入文件）");
    root["required"] = json!(["schema", "agency"]);
    root
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_t3_row_is_in_the_schema() {
        let s = json_schema();
        for def in T3_ROWS {
            let mut v = &s;
            for part in def.path.split('.') {
                v = &v["properties"][part];
            }
            assert_eq!(v["type"], "array", "{}", def.path);
        }
        assert_eq!(
            s["properties"]["proactive"]["properties"]["regulations"]["properties"]["in_force"]["type"],
            "integer"
        );
    }
}
