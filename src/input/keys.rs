//! The keys agency.toml may contain, per table, and suggestions for misspelt ones.

pub const ROOT: &[&str] = &[
    "schema",
    "agency",
    "preface",
    "overview",
    "proactive",
    "requests",
    "reviews",
    "problems",
    "other",
    "extra",
];
pub const AGENCY: &[&str] = &["name", "year", "level", "published_on", "contact"];
pub const PREFACE: &[&str] = &["text"];
pub const OVERVIEW: &[&str] = &[
    "summary",
    "proactive",
    "on_request",
    "management",
    "platforms",
    "oversight",
];
pub const PROACTIVE: &[&str] = &[
    "note",
    "regulations",
    "normative_documents",
    "licensing",
    "penalties",
    "coercive_measures",
    "fees",
];
pub const DOCUMENTS: &[&str] = &["issued", "repealed", "in_force"];
pub const REQUESTS: &[&str] = &[
    "note",
    "received",
    "carried_over",
    "carried_forward",
    "outcomes",
];
pub const OUTCOMES: &[&str] = &[
    "disclosed",
    "partially_disclosed",
    "withheld",
    "unavailable",
    "not_processed",
    "other",
    "total",
];
pub const WITHHELD: &[&str] = &[
    "state_secret",
    "prohibited_by_law",
    "security_stability",
    "third_party_rights",
    "internal_affairs",
    "process_information",
    "enforcement_files",
    "query_matters",
];
pub const UNAVAILABLE: &[&str] = &["not_held", "needs_creation", "unclear_after_correction"];
pub const NOT_PROCESSED: &[&str] = &[
    "petitions",
    "duplicate",
    "publications",
    "excessive",
    "confirmation",
];
pub const OTHER_PROCESSING: &[&str] = &["no_correction", "fee_unpaid", "other"];
pub const REVIEWS: &[&str] = &[
    "reconsideration",
    "litigation_direct",
    "litigation_after_reconsideration",
];
pub const PROBLEMS: &[&str] = &["previous_year", "current_year", "measures"];
pub const OTHER: &[&str] = &[
    "fee_notices",
    "fee_notice_amount",
    "fees_collected",
    "items",
];

/// Every table with its allowed keys, to find a key written in the wrong table.
pub const KNOWN_PATHS: &[(&str, &[&str])] = &[
    ("", ROOT),
    ("agency", AGENCY),
    ("preface", PREFACE),
    ("overview", OVERVIEW),
    ("proactive", PROACTIVE),
    ("proactive.regulations", DOCUMENTS),
    ("proactive.normative_documents", DOCUMENTS),
    ("requests", REQUESTS),
    ("requests.outcomes", OUTCOMES),
    ("requests.outcomes.withheld", WITHHELD),
    ("requests.outcomes.unavailable", UNAVAILABLE),
    ("requests.outcomes.not_processed", NOT_PROCESSED),
    ("requests.outcomes.other", OTHER_PROCESSING),
    ("reviews", REVIEWS),
    ("problems", PROBLEMS),
    ("other", OTHER),
];

/// A help line for an unknown key: the nearest key of this table, or the
/// table where such a key belongs, or the list of valid keys.
pub fn suggest_key(table: &str, key: &str, allowed: &[&str]) -> String {
    let lower = key.to_lowercase();
    let best = allowed
        .iter()
        .map(|k| (strsim::damerau_levenshtein(&lower, k), *k))
        .min();
    if let Some((dist, k)) = best
        && (dist <= 2 || (dist <= 3 && k.len() > 8))
    {
        return format!("是不是要写“{k}”？");
    }
    for (path, keys) in KNOWN_PATHS {
        if *path != table && keys.contains(&key) {
            let header = if path.is_empty() {
                "文件顶层".to_string()
            } else {
                format!("[{path}]")
            };
            return format!("“{key}”应写在 {header} 之下");
        }
    }
    format!("这里可用的键：{}", allowed.join("、"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typo_suggests_nearest() {
        assert_eq!(
            suggest_key("proactive", "licencing", PROACTIVE),
            "是不是要写“licensing”？"
        );
        assert_eq!(
            suggest_key("requests", "recieved", REQUESTS),
            "是不是要写“received”？"
        );
    }

    #[test]
    fn key_in_wrong_table_names_the_right_one() {
        assert_eq!(
            suggest_key("requests", "licensing", REQUESTS),
            "“licensing”应写在 [proactive] 之下"
        );
    }
}
