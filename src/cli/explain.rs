//! `explain`: a rule's documentation, the list of rules, or (`--markdown`)
//! the whole rule reference that docs/rules.md holds.

use crate::app::{exit, say};
use crate::rules;

pub fn run(code: Option<&str>, markdown: bool) -> i32 {
    if markdown {
        say::out(&rules::reference_markdown());
        return exit::OK;
    }
    match code {
        None => {
            say::outln("规则一览（govreport explain 代码 查看详细说明）：\n");
            for r in rules::RULES {
                say::outln(&format!("{}  {}  {}", r.code, r.severity.zh(), r.title));
            }
            exit::OK
        }
        Some(code) => match rules::lookup(code) {
            Some(r) => {
                say::out(&rules::explain(r));
                exit::OK
            }
            None => {
                say::err(&format!(
                    "错误：没有规则“{code}”；运行 govreport explain 查看全部规则代码"
                ));
                exit::TROUBLE
            }
        },
    }
}
