//! Constructions of other provinces' texts and other genres (work reports, news, work
//! points, statistical communiqués) that the Jilin corpus lacks. Sentences are written for
//! this test in the language of such documents, not copied from tests/corpus.

mod common;

use extract::meta::detect;
use extract::statements::{extract_statements, DocDates, Statement, StatementKind};
use extract::text::Text;
use extract::units::UnitLexicon;

fn read(text: &str, dates: DocDates) -> Vec<Statement> {
    let m = pipeline::curated::Mappings::load(&common::repo().join("mappings")).unwrap();
    let lexicon = UnitLexicon::new(&m.units);
    let t = Text::new(text.to_string());
    let paragraphs = extract::outline::parse(&t);
    let tokens: Vec<_> =
        paragraphs.iter().flat_map(|p| extract::quantity::scan(&t, &lexicon, p.start, p.end)).collect();
    extract_statements(&t, &paragraphs, &tokens, dates).0
}

/// (kind, value, unit, year, value kind) of every statement.
fn rows(text: &str, dates: DocDates) -> Vec<(&'static str, f64, String, Option<i32>, &'static str)> {
    read(text, dates)
        .into_iter()
        .map(|s| {
            (
                if s.kind == StatementKind::Target { "target" } else { "observation" },
                s.token.value,
                s.token.unit.as_ref().map(|u| u.surface.clone()).unwrap_or_default(),
                s.year,
                s.value_kind.as_str(),
            )
        })
        .collect()
}

fn dated(issue_year: i32) -> DocDates {
    DocDates { issue_year: Some(issue_year), period: None, statistics_year: None }
}

#[test]
fn clock_times_are_not_ratios() {
    let r = rows("发布时间：2021-03-05 09:30 来源：省政府网站\n今年全省工业增加值增长7%左右。\n", dated(2021));
    assert!(r.iter().all(|x| x.2 != "比"), "{r:?}");
    // A ratio with ratio words before it is still read.
    let r = rows("到2020年，三次产业结构调整为10:45:45。\n", dated(2016));
    assert!(r.iter().any(|x| x.1 == 10.0 && x.2 == "比"), "{r:?}");
}

#[test]
fn this_year_and_last_year_count_from_the_issue_year() {
    let r = rows("今年全市规模以上工业增加值增长6%左右，新增规模以上工业企业200家。\n", dated(2020));
    assert!(r.contains(&("target", 6.0, "%".into(), Some(2020), "growth_rate")), "{r:?}");
    assert!(r.contains(&("target", 200.0, "家".into(), Some(2020), "count")), "{r:?}");
    let r = rows("去年全市地区生产总值增长5.2%。明年力争实现工业投资增长10%。\n", dated(2020));
    assert!(r.contains(&("observation", 5.2, "%".into(), Some(2019), "growth_rate")), "{r:?}");
    assert!(r.contains(&("target", 10.0, "%".into(), Some(2021), "growth_rate")), "{r:?}");
}

#[test]
fn a_year_named_by_an_opening_sentence_carries_through_its_paragraph() {
    // 去年 opens the paragraph in a sentence with no value; the figures after it are last
    // year's statistics, and 今年 in the next paragraph sets this year's goals.
    let text = "去年，全市工业经济实现较好发展。规模工业增加值增长6.2%；工业投资增长8.8%。\n\
                今年，全市工业经济的目标是稳中求进。规模工业增加值增长6%。\n";
    let r = rows(text, dated(2020));
    assert!(r.contains(&("observation", 6.2, "%".into(), Some(2019), "growth_rate")), "{r:?}");
    assert!(r.contains(&("observation", 8.8, "%".into(), Some(2019), "growth_rate")), "{r:?}");
    assert!(r.contains(&("target", 6.0, "%".into(), Some(2020), "growth_rate")), "{r:?}");
}

#[test]
fn a_page_without_a_date_takes_this_year_from_its_sentences() {
    // A news digest of a work report that prints no date: 今年 and 2020年 in one sentence.
    let text = "会议指出，2019年，全市规上工业增加值增长6.1%以上。\n对于今年的工作，会议提出，2020年全市地区生产总值增长6%左右。\n";
    let meta = detect(&Text::new(text.to_string()));
    assert_eq!(meta.current_year, Some(2020));
    let r = rows(text, DocDates { issue_year: meta.current_year, period: None, statistics_year: None });
    assert!(r.contains(&("observation", 6.1, "%".into(), Some(2019), "growth_rate")), "{r:?}");
    assert!(r.contains(&("target", 6.0, "%".into(), Some(2020), "growth_rate")), "{r:?}");
}

#[test]
fn an_undated_news_page_reports_statistics_told_as_statistics() {
    // No date anywhere: a figure with its year told as a statistic (同比, 数据显示) is a
    // report; 今年 with no known issue year leaves the year unknown, not the previous one.
    let undated = DocDates::default();
    let text = "数据显示，2021 年全省新能源汽车产量达到 25.2 万辆，同比增长 1.4 倍；今年上半年，全省新能源汽车产量达 24 万辆，同比增长 94%。\n";
    let r = rows(text, undated);
    assert!(r.contains(&("observation", 25.2, "万辆".into(), Some(2021), "level")), "{r:?}");
    assert!(r.iter().all(|x| x.1 != 24.0 && x.1 != 94.0), "今年 of an undated page has no year: {r:?}");
    let labels: Vec<_> = read(text, undated).into_iter().map(|s| s.indicator_raw).collect();
    assert!(labels.iter().all(|l| l == "全省新能源汽车产量"), "no year or 同比 in the label: {labels:?}");
    // A goal word keeps a dated figure a goal even there.
    let r = rows("力争2025年全省新能源汽车产量达到100万辆，同比增长20%。\n", undated);
    assert!(r.contains(&("target", 100.0, "万辆".into(), Some(2025), "level")), "{r:?}");
}

#[test]
fn lines_under_a_measure_written_once_take_its_label() {
    let text = "主营业务收入2017年达到2400亿元左右\n2020年达到3800亿元左右\n年均增长20%左右\n\n\
                一、发展环境\n全省经济总体平稳。\n产业结构持续优化。\n到2020年达到500亿元。\n";
    let labels: Vec<_> = read(text, dated(2016)).into_iter().map(|s| (s.token.value, s.indicator_raw)).collect();
    assert!(labels.contains(&(3800.0, "主营业务收入".to_string())), "{labels:?}");
    assert!(labels.contains(&(20.0, "主营业务收入".to_string())), "{labels:?}");
    assert!(
        labels.iter().any(|(v, l)| *v == 500.0 && l != "主营业务收入"),
        "a label three paragraphs back does not reach: {labels:?}"
    );
}

#[test]
fn items_of_a_goal_list_are_values_whatever_the_next_item_says() {
    // The next item's noun holds a verb (城镇新增就业) or follows a count: still values.
    let text = "一、对一般公共预算收入增长4%、进出口总额增长5%左右、城镇新增就业47万人左右、城镇调查失业率5.5%左右等目标进行分解。\n";
    let r = rows(text, dated(2025));
    for v in [4.0, 5.0, 47.0, 5.5] {
        assert!(r.iter().any(|x| x.0 == "target" && x.1 == v), "{v}: {r:?}");
    }
    // A threshold inside the noun of a count stays a qualifier (超50亿元骨干企业).
    let r = rows("到2020年，培育1-3户具有较强竞争力、产值超50亿元骨干企业。\n", dated(2017));
    assert!(r.iter().all(|x| x.1 != 50.0), "{r:?}");
}

#[test]
fn a_respectively_list_shares_its_kind_and_trailing_qualifier() {
    let r = rows("今年主要预期目标：城乡居民人均可支配收入分别增长6.5%和7%左右。\n", dated(2021));
    assert!(r.contains(&("target", 6.5, "%".into(), Some(2021), "growth_rate")), "{r:?}");
    assert!(r.contains(&("target", 7.0, "%".into(), Some(2021), "growth_rate")), "{r:?}");
    let q: Vec<_> = read("今年主要预期目标：城乡居民人均可支配收入分别增长6.5%和7%左右。\n", dated(2021))
        .into_iter()
        .map(|s| s.token.qualifier.as_str())
        .collect();
    assert_eq!(q, ["approx", "approx"]);
    // Without 分别 each item keeps its own qualifier.
    let q: Vec<_> = read("今年地区生产总值增长6%、工业增加值增长7%左右。\n", dated(2021))
        .into_iter()
        .map(|s| s.token.qualifier.as_str())
        .collect();
    assert_eq!(q, ["eq", "approx"]);
}

#[test]
fn a_paragraph_opened_by_a_span_up_to_now_reports() {
    // 五年来 opens the paragraph: its figures are reports, not goals, even in later
    // sentences; with no year to give them they are not published (never guessed).
    let text = "市长表示，五年来，先进制造业加快发展。制造业增加值占地区生产总值的比重达到25%左右，高技术制造业增加值年均增长8%。\n\
                未来五年，到2027年工业总产值突破2万亿元。\n";
    let r = rows(text, DocDates::default());
    assert!(r.iter().all(|x| x.1 != 25.0 && x.1 != 8.0), "{r:?}");
    assert!(r.contains(&("target", 2.0, "万亿元".into(), Some(2027), "level")), "{r:?}");
    // Dated, a review's figures are the past year's.
    let r = rows("过去一年，全市规模以上工业增加值增长9%。今年，全市地区生产总值增长6%。\n", dated(2023));
    assert!(r.contains(&("observation", 9.0, "%".into(), Some(2022), "growth_rate")), "{r:?}");
}

#[test]
fn a_clause_without_verb_or_time_continues_the_report_before_it() {
    let r = rows("目前，全市共有各类稀土企业141户，规模以上企业47家，占全省总量的60%。\n", dated(2021));
    for v in [141.0, 47.0, 60.0] {
        assert!(r.iter().any(|x| x.0 == "observation" && x.1 == v && x.3 == Some(2021)), "{v}: {r:?}");
    }
    // A goal verb in the clause makes it a goal again.
    let r = rows("目前，全市共有稀土企业141户，到2025年规模以上企业达到60家。\n", dated(2021));
    assert!(r.contains(&("target", 60.0, "家".into(), Some(2025), "count")), "{r:?}");
}

#[test]
fn page_counters_and_spaced_support_words_are_not_goals() {
    let r = rows("2022年06月10日 15:15:54 浏览量：904次 评论：3\n到2028年，对企业给予奖励最 高不超过2000万元，新增企业100家。\n", dated(2022));
    assert!(r.iter().all(|x| x.1 != 904.0 && x.1 != 2000.0), "{r:?}");
    assert!(r.contains(&("target", 100.0, "家".into(), Some(2028), "count")), "{r:?}");
}

#[test]
fn a_plans_span_after_a_year_dates_what_follows() {
    let r = rows("全市地区生产总值2020年居全国城市第9位（2015年第12位），“十三五”期间年均增速达到6.59%。\n", dated(2021));
    assert!(r.contains(&("observation", 6.59, "%".into(), Some(2020), "growth_rate")), "{r:?}");
}

#[test]
fn a_plans_review_heading_dates_its_statistics_to_the_plans_last_year() {
    let text = "第一章 “十三五”发展成就\n综合经济实力进一步提高。全区地区生产总值年均增长5.9%。\n第二章 发展目标\n到2025年，地区生产总值年均增长6%。\n";
    let r = rows(text, dated(2021));
    assert!(r.contains(&("observation", 5.9, "%".into(), Some(2020), "growth_rate")), "{r:?}");
    assert!(r.contains(&("target", 6.0, "%".into(), Some(2025), "growth_rate")), "{r:?}");
    // A plan not yet over names no year of the past.
    let r = rows("一、“十二五”发展面临的形势\n全省探明石油地质储量13.72亿吨。\n", dated(2012));
    assert!(r.iter().all(|x| x.3 != Some(2015)), "{r:?}");
}

#[test]
fn doubling_and_tenths_written_as_words() {
    let r = rows("到2021年，力争工业总产值比2015年翻一番，经济总量翻两番，数字经济占比达到三成以上，形成一批成果。\n", dated(2019));
    assert!(r.contains(&("target", 2.0, "倍".into(), Some(2021), "change")), "{r:?}");
    assert!(r.contains(&("target", 4.0, "倍".into(), Some(2021), "change")), "{r:?}");
    assert!(r.contains(&("target", 30.0, "%".into(), Some(2021), "share")), "{r:?}");
    assert_eq!(r.len(), 3, "一成不变-like words and 成果 are no values: {r:?}");
    let base: Vec<_> = read("到2021年，力争工业总产值比2015年翻一番。\n", dated(2019)).into_iter().map(|s| s.baseline.year).collect();
    assert_eq!(base, [Some(2015)]);
}

#[test]
fn a_bare_measure_after_its_verb_is_named_with_its_subject() {
    let r = labels("到2020年，全省装备制造业实现产值3500亿元，全省石化产业力争实现工业总产值3000亿元。\n");
    assert_eq!(r, vec![(3500.0, "装备制造业产值".to_string()), (3000.0, "工业总产值".to_string())]);
}

#[test]
fn in_a_work_report_a_goals_own_due_year_does_not_reach_the_next_tasks() {
    let one_year = DocDates { issue_year: Some(2023), period: Some((2023, 2023)), statistics_year: None };
    let text = "着力提升产业基础能力。力争2025年材料产业规模突破2万亿元。培育30家服务型制造示范企业。\n\
                2022年，全省进出口增长8.8%。城镇新增就业75万人。\n";
    let r = rows(text, one_year);
    assert!(r.contains(&("target", 2.0, "万亿元".into(), Some(2025), "level")), "{r:?}");
    assert!(r.contains(&("target", 30.0, "家".into(), Some(2023), "count")), "{r:?}");
    assert!(r.contains(&("observation", 75.0, "万人".into(), Some(2022), "count")), "a past year still carries: {r:?}");
}

#[test]
fn steps_growth_speeds_and_reported_speech() {
    let text = "2008年，全市规模以上工业增加值上200亿元台阶，三项主要指标分别保持20%以上的增长速度。报告提出，要力争全年新增百亿企业10家。\n";
    let st = read(text, dated(2008));
    let get = |v: f64| st.iter().find(|s| s.token.value == v).unwrap_or_else(|| panic!("{v}: {st:?}"));
    assert_eq!(get(200.0).token.qualifier.as_str(), "ge");
    assert_eq!(get(200.0).indicator_raw, "全市规模以上工业增加值");
    assert_eq!(get(20.0).value_kind.as_str(), "growth_rate");
    assert!(!get(10.0).indicator_raw.contains("提出"), "{}", get(10.0).indicator_raw);
}

#[test]
fn each_counted_item_of_a_list_names_its_own_noun() {
    let r = labels("到2025年，培育国家级专精特新“小巨人”企业30家、省级以上工业互联网平台10个。\n");
    assert!(r.contains(&(10.0, "省级以上工业互联网平台".to_string())), "{r:?}");
    let r = labels("到2020年，全省工业总产值100亿元以上企业达到20户。\n");
    assert!(r.iter().any(|(v, l)| *v == 20.0 && l.contains("100亿元以上企业")), "{r:?}");
}

#[test]
fn one_value_for_several_listed_measures_is_one_row_each() {
    let r = labels("2008年主要目标：全市规模以上工业增加值、主营业务收入、利税总额等三项主要指标分别保持20%以上的增长速度；固定资产投资、工业投资均增长12%左右。\n");
    for l in ["全市规模以上工业增加值", "主营业务收入", "利税总额"] {
        assert!(r.contains(&(20.0, l.to_string())), "{l}: {r:?}");
    }
    assert!(r.contains(&(12.0, "固定资产投资".to_string())) && r.contains(&(12.0, "工业投资".to_string())), "{r:?}");
    // A list closed by a class noun is one measure; items with their own values are not a list.
    let r = labels("到2025年，木结构建筑构件、水泥预制部件等装配式建筑部品部件产业占比达到20%，地区生产总值增长5%、工业投资增长8%。\n");
    assert_eq!(r.iter().filter(|x| x.0 == 20.0).count(), 1, "{r:?}");
    assert_eq!(r.iter().filter(|x| x.0 == 8.0).count(), 1, "{r:?}");
}

#[test]
fn a_documents_count_of_its_own_parts_is_no_goal() {
    let r = rows("规划提出了6类共23项指标，围绕4个方面出台了18条具体任务；到2025年，工业机器人使用密度达到360台/万人，新建智能工厂20个。\n", dated(2021));
    assert!(r.iter().all(|x| ![6.0, 23.0, 4.0, 18.0].contains(&x.1)), "{r:?}");
    assert!(r.contains(&("target", 360.0, "台/万人".into(), Some(2025), "level")), "{r:?}");
    assert!(r.contains(&("target", 20.0, "个".into(), Some(2025), "count")), "{r:?}");
}

#[test]
fn a_year_in_parentheses_dates_nothing_outside_them() {
    let one_year = DocDates { issue_year: Some(2023), period: Some((2023, 2023)), statistics_year: None };
    let text = "2023年主要预期目标：一般公共预算支出（扣除2022年灾后恢复重建专项资金支出外）增长3%以上；规模以上工业增加值增长15%以上。\n";
    let r = rows(text, one_year);
    assert!(r.iter().all(|x| x.3 == Some(2023)), "{r:?}");
}

#[test]
fn the_object_of_bao_chi_names_the_measure() {
    let r = labels("到2025年，全省将保持十大战略性新兴产业营业收入年均增速10%以上，规模以上工业增加值保持年均增长6%。\n");
    assert!(r.contains(&(10.0, "十大战略性新兴产业营业收入".to_string())), "{r:?}");
    assert!(r.contains(&(6.0, "规模以上工业增加值".to_string())), "{r:?}");
}

#[test]
fn a_review_runs_past_the_goals_it_mentions() {
    // 主要目标任务 inside the review does not end it; a line that opens on the year ahead does.
    let text = "过去的一年，较好完成了人大会议确定的主要目标任务。\n（一）经济实力实现新跃升。地区生产总值完成4704.3亿元、增长6.1%。\n二、2025年工作安排\n今年主要预期目标：地区生产总值增长6%。\n";
    let r = rows(text, dated(2025));
    assert!(r.contains(&("observation", 4704.3, "亿元".into(), Some(2024), "level")), "{r:?}");
    assert!(r.contains(&("target", 6.0, "%".into(), Some(2025), "growth_rate")), "{r:?}");
}

#[test]
fn growth_without_nian_jun_is_a_rate_and_a_comparison_is_a_change() {
    let r = rows(
        "2022年主要预期目标：地区生产总值增长6.5%，居民消费价格涨幅控制在3%左右，单位GDP能耗比2020年下降5%。\n",
        dated(2022),
    );
    assert!(r.contains(&("target", 6.5, "%".into(), Some(2022), "growth_rate")), "{r:?}");
    assert!(r.contains(&("target", 3.0, "%".into(), Some(2022), "growth_rate")), "{r:?}");
    assert!(r.contains(&("target", 5.0, "%".into(), Some(2022), "change")), "{r:?}");
    // Over a multi-year plan the same words are a change over the period.
    let plan = DocDates { issue_year: Some(2016), period: Some((2016, 2020)), statistics_year: None };
    let r = rows("到2020年，全省工业固体废物综合利用量增长10%。\n", plan);
    assert!(r.contains(&("target", 10.0, "%".into(), Some(2020), "change")), "{r:?}");
}

#[test]
fn output_is_a_level_and_capacity_is_capacity() {
    let r = rows("到2025年，全省粮食产量稳定在600万吨以上，钢铁产能控制在2000万吨以内。\n", dated(2021));
    assert!(r.contains(&("target", 600.0, "万吨".into(), Some(2025), "level")), "{r:?}");
    assert!(r.contains(&("target", 2000.0, "万吨".into(), Some(2025), "capacity")), "{r:?}");
}

#[test]
fn a_statistical_communique_reports_its_year() {
    let text = "2023年某省国民经济和社会发展统计公报\n\n全年全省实现地区生产总值5000.5亿元，比上年增长4.5%。\n";
    let meta = detect(&Text::new(text.to_string()));
    assert_eq!(meta.statistics_year, Some(2023));
    let dates = DocDates { issue_year: Some(2024), period: None, statistics_year: meta.statistics_year };
    let r = rows(text, dates);
    assert!(r.contains(&("observation", 5000.5, "亿元".into(), Some(2023), "level")), "{r:?}");
}

#[test]
fn plan_periods_from_titles_heads_and_dates() {
    let period = |text: &str| {
        let m = detect(&Text::new(text.to_string()));
        (m.period_start, m.period_end, m.issued_on)
    };
    assert_eq!(period("某市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要\n").1, Some(2025));
    assert_eq!(period("某省制造业高质量发展三年行动计划（2019—2021年）\n").1, Some(2021));
    assert_eq!(period("某省2019年工业和信息化工作要点\n").0, Some(2019));
    let news = period("2023-06-01 10:15 来源：新华网\n“十四五”期间，全省将培育10个千亿级产业集群。\n");
    assert_eq!((news.1, news.2.as_deref()), (Some(2025), Some("2023-06-01")));
}

#[test]
fn support_amounts_and_thresholds_are_not_goals() {
    let r = rows("到2025年，对新认定的示范企业给予50万元奖励，最高不超过合同金额的30%。\n", dated(2021));
    assert!(r.is_empty(), "{r:?}");
    let r = rows("到2025年，培育产值超500亿元的产业集群5个，年营业收入超1000亿元的企业2家。\n", dated(2021));
    assert_eq!(r.iter().map(|x| (x.1, x.2.as_str())).collect::<Vec<_>>(), vec![(5.0, "个"), (2.0, "家")], "{r:?}");
}

#[test]
fn list_items_with_their_own_verbs_are_values() {
    let r = rows(
        "对地区生产总值增长5%以上、规模以上工业增加值增长4.5%以上、固定资产投资增长8%左右等预期目标完成情况进行督导。\n",
        dated(2025),
    );
    assert_eq!(r.iter().map(|x| x.1).collect::<Vec<_>>(), vec![5.0, 4.5, 8.0], "{r:?}");
}

#[test]
fn a_space_between_number_and_unit() {
    let r = rows("到2025年，生产性服务业增加值达到 1210 亿元。\n", dated(2023));
    assert!(r.contains(&("target", 1210.0, "亿元".into(), Some(2025), "level")), "{r:?}");
}

/// (value, indicator) of every statement.
fn labels(text: &str) -> Vec<(f64, String)> {
    read(text, dated(2021)).into_iter().map(|s| (s.token.value, s.indicator_raw)).collect()
}

#[test]
fn each_value_of_a_list_gets_its_own_label() {
    // Number + label, labels after the numbers.
    let r = labels("到2025年，再建5个国家级企业技术中心、120个省级企业技术中心、6个国家工程技术（研究）中心和6个重点工程实验室。\n");
    let names: Vec<&str> = r.iter().map(|x| x.1.as_str()).collect();
    assert_eq!(names, ["国家级企业技术中心", "省级企业技术中心", "国家工程技术(研究)中心", "重点工程实验室"], "{r:?}");
    // Label + verb + value items, each with its own subject.
    let r = labels("今年预期目标：地区生产总值增长5%以上、规模以上工业增加值增长4.5%以上、固定资产投资增长8%左右。\n");
    let names: Vec<&str> = r.iter().map(|x| x.1.as_str()).collect();
    assert_eq!(names, ["地区生产总值", "规模以上工业增加值", "固定资产投资"], "{r:?}");
    // Names sharing one measure keep it (产值 of both enterprises).
    let r = labels("到2025年，培育长春富奥产值超300亿元、一汽富维超200亿元。\n");
    assert!(r.iter().all(|x| x.1.contains("产值")), "{r:?}");
}

#[test]
fn the_object_of_a_selection_verb_is_what_is_counted() {
    let r = labels("到2025年，抓好50户重点企业，遴选30个示范项目，全省石化产业力争实现工业总产值3000亿元。\n");
    assert_eq!(
        r,
        vec![(50.0, "重点企业".to_string()), (30.0, "示范项目".to_string()), (3000.0, "工业总产值".to_string())]
    );
    // The object of a service (对N家企业开展诊断) is counted; a reference (在60个集群中) is not.
    let r = rows("到2025年，对200家以上企业开展诊断服务，在全省60个重点产业集群中推广智能制造。\n", dated(2021));
    assert!(r.iter().any(|x| x.1 == 200.0 && x.0 == "target"), "{r:?}");
    assert!(r.iter().all(|x| x.1 != 60.0), "{r:?}");
}

#[test]
fn a_work_reports_review_is_last_years_statistics() {
    let text = "2020年政府工作报告\n一、2019年工作回顾\n全市地区生产总值增长8.5%，固定资产投资355亿元。\n\
                二、2020年工作安排\n今年主要预期目标：地区生产总值增长7%左右。\n";
    let r = rows(text, DocDates { issue_year: Some(2020), period: Some((2020, 2020)), statistics_year: None });
    assert!(r.contains(&("observation", 8.5, "%".into(), Some(2019), "growth_rate")), "{r:?}");
    assert!(r.contains(&("observation", 355.0, "亿元".into(), Some(2019), "level")), "{r:?}");
    assert!(r.contains(&("target", 7.0, "%".into(), Some(2020), "growth_rate")), "{r:?}");
    // An inline review (no heading): 过去一年 … until the year ahead.
    let text =
        "各位代表：过去一年，全市规模以上工业增加值增速9.5%，社会消费品零售总额260亿元。今年，地区生产总值增长7%。\n";
    let r = rows(text, DocDates { issue_year: Some(2020), period: Some((2020, 2020)), statistics_year: None });
    assert!(r.contains(&("observation", 260.0, "亿元".into(), Some(2019), "level")), "{r:?}");
    assert!(r.contains(&("target", 7.0, "%".into(), Some(2020), "growth_rate")), "{r:?}");
}

#[test]
fn subjects_after_time_phrases_and_stated_aims() {
    let r = labels("加快发展智能网联汽车，力争到2025年汽车产业产值突破7000亿元。\n");
    assert_eq!(r, vec![(7000.0, "汽车产业产值".to_string())]);
    let r = labels("湖北“十四五”时期的目标为经济总量跨越6万亿元。\n");
    assert_eq!(r, vec![(6.0, "经济总量".to_string())]);
    let r = labels("到2025年，集聚华为云生态企业累计达到150家，全省从事数据标注人员达到2万人，营业收入同比增长15%。\n");
    let names: Vec<&str> = r.iter().map(|x| x.1.as_str()).collect();
    assert!(names[0].contains("华为云生态企业") && names[1].contains("数据标注人员"), "{r:?}");
    assert!(names[2].contains("营业收入"), "{r:?}");
}

/// Enterprise names of a text from another province, by discovery alone (the Jilin
/// gazetteer knows none of them).
fn discovered(text: &str) -> Vec<String> {
    let t = Text::new(text.to_string());
    extract::entities::discover_enterprises(&t, 0, t.char_len()).into_iter().map(|d| d.surface).collect()
}

#[test]
fn enterprises_of_other_provinces_by_their_constructions() {
    // A news report: a list closed by a counted class noun, one closed by a bare one.
    let text = "据湖南日报报道，长沙市工程机械产业集聚规上企业 120 家，包括三一重工、中联重科、山河智能、铁建重工等 4 家主机企业，\
                以及长缆科技、恒润高科等关键零部件企业。";
    assert_eq!(discovered(text), ["三一重工", "中联重科", "山河智能", "铁建重工", "长缆科技", "恒润高科"]);
    // A work report: sponsors at the head of a project list; infrastructure has none.
    let text = "加快推进柳钢防城港基地二期、上汽通用五菱青岛工厂升级、南宁轨道交通5号线等重大项目。";
    assert_eq!(discovered(text), ["柳钢", "上汽通用五菱"]);
    // A plan: a company suffix after a verb, its stem named again, and kinds of firms that
    // are no names.
    let text = "支持广西北部湾国际港务集团有限公司拓展航线。北部湾国际港务将新开航线10条。\
                培育一批龙头企业、专精特新企业等各类企业，推动钢铁、有色等重点行业企业节能降碳。";
    assert_eq!(discovered(text), ["广西北部湾国际港务集团有限公司", "北部湾国际港务"]);
}
