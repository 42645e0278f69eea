//! Options of the report's form that a profile's `style.toml` sets under
//! `[report]` and templates read as `style.*`. Apart from the profile so the
//! templates and their view need nothing of profile loading.

use serde::{Deserialize, Serialize};

/// Options of the report's form that templates read (as `style.*`).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReportOptions {
    /// Title on two lines: the agency name, then `YYYY年政府信息公开工作年度报告`.
    #[serde(default)]
    pub title_two_lines: bool,
}
