//! The year's 主动公开 total in the narrative (`主动公开政府信息80条`):
//! read only in its plain form, so that a channel's, a subject's, a
//! month's or a part's count is never taken for it.

/// Whether a count in `条` states the year's 主动公开 total: the clause
/// before it ends in the plain form (`主动公开政府信息`, `主动公开各类信息`,
/// `公开各类信息`, then `共`/`共计`/`达`…), and nothing in the sentence
/// before it makes it one channel's (网站, 微信公众号, 公开栏, 发布会…), one
/// subject's (财政预决算, 围绕…), one month's or a part's (其中, 占…) count,
/// or a body's other than the reporting one (全区, 各部门…). `prefix` is the
/// sentence before the number, `clause` the clause before it, `after` the
/// text from the unit on; `dated` whether the sentence names the report's
/// year (which makes a `累计` this year's).
pub(super) fn proactive_total(prefix: &str, clause: &str, after: &str, dated: bool) -> bool {
    const VERBS: [&str; 4] = ["主动公开", "主动发布", "公开", "发布"];
    const OBJECTS: [&str; 6] = [
        "各类政府信息",
        "各类政务信息",
        "各类信息",
        "政府信息",
        "政务信息",
        "信息",
    ];
    const FILLERS: [&str; 9] = ["共计", "合计", "总计", "累计", "共", "达", "计", "为", " "];
    // Words that make it not the year's total, anywhere before the number.
    const NOT_TOTAL: [&str; 5] = [
        // a channel's
        "网 微博 微信 公众号 新媒体 栏 发布会 新闻发布 抖音 头条 快手 视频号 客户端 APP App app \
         公报 报纸 报刊 电视 广播 屏 平台 首页 小程序 短信 热线 门户",
        // a period's
        "月 季度 上半年 下半年 日均 平均 每 截至 截止 以来 历年 至今 周",
        // another year's or a plan's (a year named is caught before)
        "上年 去年 上一年 前年 明年 下年 下一年 计划 预计 力争 目标",
        // other bodies' together, or one level of them
        "全市 全区 全县 全省 全旗 全州 全镇 全乡 各部门 各单位 各级 各乡 各镇 各街道 各县 各区 \
         各市 所属 下属 系统 区直 县直 市直 直属 乡镇 部门 本级",
        // a part's or a subject's
        "其中 包括 含 领域 方面 专题 围绕 针对 涉及 关于 聚焦 通过 利用 依托",
    ];
    // Words that make it not the total in the clause before the verb: 依申请,
    // a negation, or a preposition naming where or for what (在…, 就…, 对…).
    const NOT_IN_CLAUSE: &str = "申请 不 未 没有 无 在 就 对 向 为";
    if after
        .trim_start_matches(['条', ' '])
        .trim_start_matches(['，', ',', '（', '('])
        .starts_with('占')
    {
        return false;
    }
    let mut c = clause.trim_end();
    while let Some(f) = FILLERS.iter().find(|f| c.ends_with(**f)) {
        c = &c[..c.len() - f.len()];
    }
    let Some(pre) = VERBS.iter().find_map(|v| {
        OBJECTS.iter().find_map(|o| {
            let head = c.strip_suffix(o)?.strip_suffix(v)?;
            // 公开/发布 alone (not 主动) reads as the total only of 各类信息.
            (v.starts_with("主动") || o.starts_with("各类")).then_some(head)
        })
    }) else {
        return false;
    };
    let before = &prefix[..prefix.len() - (clause.len() - pre.len())];
    !NOT_TOTAL
        .iter()
        .flat_map(|g| g.split_whitespace())
        .any(|w| before.contains(w))
        && !NOT_IN_CLAUSE.split(' ').any(|w| pre.contains(w))
        && (dated
            || !before.contains("累计")
            || ["全年", "本年", "年度", "今年", "年内"]
                .iter()
                .any(|w| before.contains(w)))
}

#[cfg(test)]
mod tests {
    use super::super::*;

    /// Real sentences (pages of published reports, address beside each):
    /// the year's 主动公开 total is read only in its plain form; a channel's,
    /// a subject's, a month's or a part's count is not the total.
    #[test]
    fn proactive_total_only_in_its_plain_form() {
        let total = |t: &str, y: i32| -> Vec<u64> {
            statements(t, y)
                .into_iter()
                .filter(|s| s.quantity == Quantity::ProactiveTotal)
                .map(|s| s.value)
                .collect()
        };
        // https://www.mashsq.gov.cn/xxgk/openness/detail/annual_report/696a01208866886b2b8b456e.html
        assert_eq!(
            total("2025年度，街道累计主动公开政府信息782条。", 2025),
            vec![782]
        );
        // https://www.longyou.gov.cn/art/2024/1/23/art_1229114055_88348.html
        assert_eq!(
            total(
                "2023年新增主动公开政府信息130条，具体包括镇政府公开信息公开年报1条，机构职能1条，政务活动25条。2023年更新政府信息23条，具体包括领导信息14条，内设科室信息9条。",
                2023
            ),
            vec![130]
        );
        // The seeds (yungang 2022, xuanzhou 2021 in tests/fixtures/excerpts).
        assert_eq!(
            total(
                "2022年,我局主动公开政府信息0条,依申请公开0件,规章0条,规范性文件0条。",
                2022
            ),
            vec![0]
        );
        assert_eq!(
            total("2021年宣州区司法局主动公开信息229条。", 2021),
            vec![229]
        );
        // Written for the test: a clause before it does not qualify it.
        assert_eq!(
            total("在区委领导下，主动公开政府信息300条。", 2024),
            vec![300]
        );
        // Written for the test: 公开 without 主动 only with 各类.
        assert_eq!(
            total("全年共公开各类信息95条，均在法定时限内公开。", 2024),
            vec![95]
        );
        for (t, y) in [
            // A channel's count, even of 各类信息 (http://www.nxlw.gov.cn/zwgk/zfbmzsjgxxgk/lwssfj_29147/xxgknb_29150/202501/t20250123_4802040.html).
            (
                "2024年通过政府网站《部门动态》《政府开放日》《公示公告》《法治政府建设》《部门文件》《工作计划及工作总结》栏目主动公开各类信息95条。",
                2024,
            ),
            (
                "2024年，“法治灵武”公众号关注量/订阅数达2056人，信息发布量共1438条。",
                2024,
            ),
            // http://www.xqq.gov.cn/zwgk/bmxxgkml/xqqsfj/xxgknb_9029/202501/t20250123_4802832.html
            (
                "充分发挥“兴庆法律援助”微博平台对外宣传作用，定期对外发布法律法规，2024年共发布微博104条，阅读量957541人次。",
                2024,
            ),
            // http://www.zichang.gov.cn/zfxxgk/zfxxgknb/szfnb/2023n/1752504210521403394.html
            (
                "2023年度，市政府门户网站公开全市各类政府信息共计3437条，包括：人事信息12条，政务动态1740条。",
                2023,
            ),
            (
                "“子长发布”微信公众号发布信息576条，“子长发布”微博账号发布信息168条。",
                2023,
            ),
            // http://sfj.quanzhou.gov.cn/xxgk/zfxxgk/xxgkndbg/202601/t20260123_3260150.htm
            (
                "2025年度市司法局互联网网站总访问量达351599人次，网站信息发布318条，其中政务动态信息66条，信息公开目录信息252条。",
                2025,
            ),
            // https://www.mashsq.gov.cn/xxgk/openness/detail/annual_report/6777454e8866886a6d8b45d3.html
            (
                "其中政策法规信息公开数3条；决策部署落实情况信息公开数10条。",
                2024,
            ),
            // http://xxgk.sxgp.gov.cn/gzbm/zfbgs/zfxxgknb/202401/t20240129_1926722.shtml
            (
                "2023年，在高平市人民政府门户网站政府信息公开专栏发布政务动态类信息133条，发布市政府及政府办文件及解读信息82条，常务会议图解信息15条。",
                2023,
            ),
            // http://www.zjxj.gov.cn/art/2024/1/16/art_1229325036_3913369.html (the whole 镇, not one body)
            ("2023年全镇主动发布政务公开信息45条。", 2023),
            // A subject's, a month's, a part's, hedged, another year's.
            ("全年主动公开财政预决算信息5条。", 2024),
            ("围绕乡村振兴主动公开政府信息12条。", 2024),
            ("1月至6月主动公开政府信息20条。", 2024),
            ("其中主动公开政府信息20条。", 2024),
            ("主动公开政府信息20条，占全部公开信息的40%。", 2024),
            ("全年主动公开政府信息200余条。", 2024),
            ("2023年主动公开政府信息220条。", 2024),
            ("依申请公开政府信息3条。", 2024),
            ("截至年底累计主动公开政府信息5928条。", 2024),
            ("全区各部门主动公开政府信息5000条。", 2024),
            ("区政府本级主动公开政府信息300条。", 2024),
            ("区直部门主动公开政府信息900条。", 2024),
            (
                "上年度主动公开政府信息180条，本年度继续加大公开力度。",
                2024,
            ),
            ("下一年度计划主动公开政府信息300条。", 2024),
        ] {
            assert!(total(t, y).is_empty(), "{t}");
        }
    }
}
