//! Realistic, consistent agency files in any number — for the batch
//! benchmark and for tests at deadline scale. Deterministic: the same index
//! gives the same file.

/// A small deterministic generator (xorshift64*): no dependency, stable across versions.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const PLACES: [&str; 12] = [
    "示例市东城区",
    "示例市西城区",
    "示例市南湖区",
    "示例市北山区",
    "示例县",
    "示例市高新区",
    "示例市江北区",
    "示例市江南区",
    "示例市临港区",
    "示例市青山区",
    "示例市白云区",
    "示例市石桥区",
];
const DEPARTMENTS: [&str; 12] = [
    "司法局",
    "民政局",
    "交通运输局",
    "教育局",
    "卫生健康委员会",
    "自然资源局",
    "生态环境局",
    "住房和城乡建设局",
    "市场监督管理局",
    "人力资源和社会保障局",
    "农业农村局",
    "财政局",
];
const FOCUS: [&str; 6] = [
    "财政预决算",
    "重大建设项目",
    "社会救助",
    "行政执法",
    "公共服务事项",
    "政策解读",
];

fn row(v: &[u64]) -> String {
    format!(
        "[{}]",
        v.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")
    )
}

/// The `i`-th generated agency file (report year 2024).
pub fn agency_file(i: usize) -> String {
    let mut r = Rng::new(i as u64 + 1);
    let government = i % 10 == 9;
    let place = PLACES[i % PLACES.len()];
    let name = if government {
        format!("{place}人民政府（{i}）")
    } else {
        format!(
            "{place}{}（{i}）",
            DEPARTMENTS[(i / PLACES.len()) % DEPARTMENTS.len()]
        )
    };
    // Table 三: outcomes first, then the rows that balance them.
    let outcome_keys = [
        (
            "requests.outcomes",
            &["disclosed", "partially_disclosed"][..],
        ),
        (
            "requests.outcomes.withheld",
            &[
                "state_secret",
                "prohibited_by_law",
                "security_stability",
                "third_party_rights",
                "internal_affairs",
                "process_information",
                "enforcement_files",
                "query_matters",
            ][..],
        ),
        (
            "requests.outcomes.unavailable",
            &["not_held", "needs_creation", "unclear_after_correction"][..],
        ),
        (
            "requests.outcomes.not_processed",
            &[
                "petitions",
                "duplicate",
                "publications",
                "excessive",
                "confirmation",
            ][..],
        ),
        (
            "requests.outcomes.other",
            &["no_correction", "fee_unpaid", "other"][..],
        ),
    ];
    let scale = 1 + r.below(30);
    let mut tables = String::new();
    let mut outcome_sum = [0u64; 6];
    for (table, keys) in outcome_keys {
        tables.push_str(&format!("\n[{table}]\n"));
        for key in keys {
            let heavy = matches!(*key, "disclosed" | "not_held" | "partially_disclosed");
            let v: Vec<u64> = (0..6)
                .map(|c| {
                    let w = if c == 0 { scale } else { scale / 4 };
                    if heavy {
                        r.below(w + 1)
                    } else {
                        r.below(w / 3 + 1) / 2
                    }
                })
                .collect();
            for c in 0..6 {
                outcome_sum[c] += v[c];
            }
            tables.push_str(&format!("{key} = {}\n", row(&v)));
        }
    }
    let forward: Vec<u64> = (0..6)
        .map(|c| r.below(if c == 0 { 4 } else { 2 }))
        .collect();
    let over: Vec<u64> = (0..6)
        .map(|c| r.below(outcome_sum[c] + forward[c] + 1).min(3))
        .collect();
    let received: Vec<u64> = (0..6)
        .map(|c| outcome_sum[c] + forward[c] - over[c])
        .collect();
    let total = |v: &[u64]| v.iter().sum::<u64>();
    let reviews: Vec<Vec<u64>> = (0..3)
        .map(|_| (0..4).map(|_| r.below(3) / 2).collect())
        .collect();
    let info = 200 + r.below(2000);
    let focus = r.pick(&FOCUS);
    let (issued, repealed) = (r.below(6), r.below(3));
    let in_force = issued + r.below(40) + repealed;
    format!(
        r#"# 生成的测试数据（govreport 批量基准），数字自洽
schema = 1

[agency]
name = "{name}"
year = 2024
level = "{level}"
published_on = 2025-01-{day:02}
contact = "办公室，电话：0000-{tel:08}"

[overview]
summary = "本年度，{name}认真贯彻《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务和结果公开，政务公开工作质量稳步提升。"
proactive = """全年通过门户网站和政务新媒体主动公开政府信息{info}条，重点公开{focus}等群众关注的信息，并同步做好政策文件的解读工作。

对涉及群众切身利益的事项，通过图文、视频等形式加强解读，提高公开的可读性和实效性。"""
on_request = "全年新收政府信息公开申请{recv}件，上年结转{over}件，均在法定期限内答复，结转下年度继续办理{fwd}件。"
management = "落实公文公开属性源头认定和信息发布前保密审查制度，动态更新主动公开目录，规范行政规范性文件的统一登记、统一编号和统一公布。"
platforms = "优化门户网站政府信息公开专栏的栏目设置，完善政务新媒体的办事指南和政策问答，提升平台的规范化和便利化水平。"
oversight = "将政务公开纳入年度绩效考核，组织开展业务培训和社会评议，及时回应群众意见建议；本年度未发生责任追究情况。"

[proactive]
regulations = {{ issued = 0, repealed = 0, in_force = 0 }}
normative_documents = {{ issued = {issued}, repealed = {repealed}, in_force = {in_force} }}
licensing = {lic}
penalties = {pen}
coercive_measures = {coe}
fees = {fees}

[requests]
received = {received}
carried_over = {over_row}
carried_forward = {fwd_row}
{tables}
[reviews]
reconsideration = {r0}
litigation_direct = {r1}
litigation_after_reconsideration = {r2}

[problems]
previous_year = "针对上年度报告所列的栏目更新不及时问题，已建立定期巡查和通报制度，相关栏目均按期更新。"
current_year = "政策解读的形式还不够丰富，基层政务公开标准化规范化水平有待进一步提高。"
measures = "丰富政策解读形式，加强业务培训和日常监测，推动政务公开标准化规范化建设向基层延伸。"

[other]
fee_notices = 0
fee_notice_amount = 0
fees_collected = 0
items = ["全年政务公开工作要点确定的各项任务均已按期完成。"]
"#,
        level = if government {
            "government"
        } else {
            "department"
        },
        day = if government { 20 } else { 10 + r.below(15) },
        tel = r.below(100_000_000),
        recv = total(&received),
        over = total(&over),
        fwd = total(&forward),
        received = row(&received),
        over_row = row(&over),
        fwd_row = row(&forward),
        lic = r.below(5000),
        pen = r.below(800),
        coe = r.below(50),
        fees = format_args!("{}.{:02}", r.below(100), r.below(100)),
        r0 = row(&reviews[0]),
        r1 = row(&reviews[1]),
        r2 = row(&reviews[2]),
    )
}
