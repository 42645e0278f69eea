//! Problems of the file as TOML, before any key is read: absurd nesting
//! (refused before the parser recurses) and the parser's English messages
//! reworded for people who don't write TOML for a living.

use crate::model::diagnostic::Diagnostic;

/// The toml parser recurses on nested arrays and inline tables; a hostile
/// file could exhaust the stack before it reports anything, so we refuse
/// absurd nesting ourselves first (no legitimate agency file nests past 4).
pub(super) fn nesting_too_deep(text: &str) -> Option<Diagnostic> {
    const LIMIT: usize = 64;
    let mut depth = 0usize;
    let mut in_str: Option<char> = None;
    let mut escaped = false;
    let mut in_comment = false;
    for (i, c) in text.char_indices() {
        if in_comment {
            in_comment = c != '\n';
            continue;
        }
        if let Some(q) = in_str {
            if escaped {
                escaped = false;
            } else if c == '\\' && q == '"' {
                escaped = true;
            } else if c == q {
                in_str = None;
            }
            continue;
        }
        match c {
            '"' | '\'' => in_str = Some(c),
            '#' => in_comment = true,
            '[' | '{' => {
                depth += 1;
                if depth > LIMIT {
                    return Some(
                        Diagnostic::new(&crate::rules::gr0002_toml_syntax::RULE, format!("括号嵌套超过 {LIMIT} 层，无法读取"))
                            .at(Some(i..i + 1))
                            .help("agency.toml 中的数组和表最多嵌套几层；请检查是否误粘贴了大量方括号或花括号"),
                    );
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// Rewords the toml parser's English message for people who don't write TOML for a living.
pub(super) fn syntax_diagnostic(text: &str, e: &toml::de::Error) -> Diagnostic {
    let raw = e.message().trim().replace('\n', "；");
    let span = e.span().map(|s| {
        let start = s.start.min(text.len());
        let end = s.end.min(text.len()).max(start);
        start..end
    });
    let lower = raw.to_lowercase();
    // A control character where the parser stopped (a NUL pasted from a
    // database export) is what is wrong, whatever the parser says of it.
    let control = span.as_ref().and_then(|s| {
        if !text.is_char_boundary(s.start) {
            return None;
        }
        let line_end = text[s.start..]
            .find('\n')
            .map_or(text.len(), |i| s.start + i);
        let from = text[..s.start].rfind('\n').map_or(0, |i| i + 1);
        text[from..line_end]
            .chars()
            .find(|c| c.is_control() && !matches!(c, '\t' | '\r'))
    });
    let (msg, help) = if let Some(c) = control {
        (
            format!("这一行有一个看不见的控制字符（U+{:04X}）", c as u32),
            "删去它（多半是从别的软件复制时带进来的）：删掉标出位置上看不见的字符，或重新输入这一行",
        )
    } else if lower.contains("duplicate key") || lower.contains("duplicate") {
        (
            "同一个键写了两次".to_string(),
            "删去重复的一行，或把两处的内容合并",
        )
    } else if lower.contains("invalid basic string")
        || lower.contains("unterminated")
        || lower.contains("missing closing")
    {
        (
            "引号没有成对".to_string(),
            "文字两端都要有英文双引号 \"…\"；多段文字用三个双引号 \"\"\"…\"\"\" 括起",
        )
    } else if lower.contains("string values must be quoted") || lower.contains("invalid string") {
        (
            "文字需要加英文双引号".to_string(),
            "例如 name = \"某某局\" 应写作 name = \"重庆市綦江区司法局\"（用英文双引号）",
        )
    } else if lower.contains("expected `=`")
        || lower.contains("key with no value")
        || lower.contains("expected `.`, `=`")
    {
        (
            "这里应有等号 =".to_string(),
            "每一行写作 键 = 值，例如 licensing = 90",
        )
    } else {
        (
            format!("TOML 格式有误（{raw}）"),
            "检查这一行的英文引号、方括号、逗号和等号是否成对、是否用了中文标点",
        )
    };
    let translated = !msg.contains(&raw);
    let mut d = Diagnostic::new(&crate::rules::gr0002_toml_syntax::RULE, msg)
        .at(span)
        .help(help);
    if translated && !raw.is_empty() {
        d.note = Some(format!("解析器原文：{raw}"));
    }
    d
}
