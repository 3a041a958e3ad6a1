//! One test sentence per construction the targets grammar must read (issue: targets and
//! observations), run through the real extract path with the curated unit table. Written
//! for this test, not copied from the corpus, so they check the language, not the corpus.

mod common;

use extract::statements::{extract_statements, DocDates, Statement, StatementKind};
use extract::text::Text;
use extract::units::UnitLexicon;

fn read(text: &str, issue_year: i32, period: (i32, i32)) -> Vec<Statement> {
    read_dated(text, DocDates { issue_year: Some(issue_year), period: Some(period), statistics_year: None })
}

fn read_dated(text: &str, dates: DocDates) -> Vec<Statement> {
    let m = pipeline::curated::Mappings::load(&common::repo().join("mappings")).unwrap();
    let lexicon = UnitLexicon::new(&m.units);
    let t = Text::new(text.to_string());
    let paragraphs = extract::outline::parse(&t);
    let tokens: Vec<_> =
        paragraphs.iter().flat_map(|p| extract::quantity::scan(&t, &lexicon, p.start, p.end)).collect();
    extract_statements(&t, &paragraphs, &tokens, dates).0
}

/// What a statement says, field by field (numbered like the columns it becomes).
#[derive(Debug, Clone, PartialEq)]
struct Row(
    &'static str,         // 0 target / observation
    f64,                  // 1 value
    Option<f64>,          // 2 value_max
    String,               // 3 unit
    Option<i32>,          // 4 year
    &'static str,         // 5 qualifier
    &'static str,         // 6 kind
    Option<&'static str>, // 7 direction
    Option<f64>,          // 8 baseline value
    Option<i32>,          // 9 baseline year
    bool,                 // 10 year explicit
    bool,                 // 11 aspirational
    bool,                 // 12 annual
);

fn rows(text: &str) -> Vec<Row> {
    read(text, 2016, (2016, 2020))
        .into_iter()
        .map(|s| {
            Row(
                if s.kind == StatementKind::Target { "target" } else { "observation" },
                s.token.value,
                s.token.value_max,
                s.token.unit.as_ref().map(|u| u.surface.clone()).unwrap_or_default(),
                s.year,
                s.token.qualifier.as_str(),
                s.value_kind.as_str(),
                s.direction,
                s.baseline.value,
                s.baseline.year,
                s.year_explicit,
                s.aspirational,
                s.annual,
            )
        })
        .collect()
}

fn t(value: f64, unit: &str, year: i32, qual: &'static str, kind: &'static str) -> Row {
    Row("target", value, None, unit.to_string(), Some(year), qual, kind, None, None, None, true, false, false)
}

#[test]
fn level_goals_with_qualifiers() {
    assert_eq!(rows("到2020年，全市地区生产总值达到3000亿元。"), [t(3000.0, "亿元", 2020, "eq", "level")]);
    assert_eq!(rows("到2020年，装备制造业产值突破1500亿元。"), [t(1500.0, "亿元", 2020, "ge", "level")]);
    assert_eq!(rows("到2020年，二氧化硫排放总量控制在8.5万吨以内。"), [t(8.5, "万吨", 2020, "le", "level")]);
    let mut hedged = t(800.0, "亿元", 2020, "eq", "level");
    hedged.11 = true;
    assert_eq!(rows("力争到2020年，旅游装备产值实现800亿元。"), [hedged]);
}

#[test]
fn baseline_to_goal() {
    let mut r = t(1.5, "%", 2020, "eq", "share");
    r.8 = Some(0.5);
    r.9 = Some(2015);
    // The baseline is also published as an observation of its year, marked as a goal's
    // baseline, quoted from the indicator to the baseline's number.
    let base = Row("observation", 0.5, None, "%".into(), Some(2015), "eq", "share", None, None, None, true, false, false);
    assert_eq!(rows("到2020年，研发投入占比由2015年的0.5%提高到1.5%。"), [r, base]);
    let read_back = read("到2020年，研发投入占比由2015年的0.5%提高到1.5%。", 2016, (2016, 2020));
    assert_eq!(read_back.iter().map(|s| s.baseline_of_goal).collect::<Vec<_>>(), [false, true]);
    assert_eq!(read_back[1].indicator_raw, read_back[0].indicator_raw);
    assert_eq!(read_back[1].quote_end, read_back[0].baseline.value_start.unwrap() + "0.5%".len());
    // A baseline of no known year (由600户) is the goal's only: an observation needs a year.
    let mut c = t(900.0, "户", 2020, "ge", "count");
    c.8 = Some(600.0);
    assert_eq!(rows("到2020年，规模以上企业由600户增加到900户以上。"), [c]);
    // Several goals from one baseline give one observation; a base year after the issue
    // year (an estimate of the plan's own year) gives none.
    let got = rows("到2020年，工业总产值由2015年的800亿元增长到1200亿元，2025年达到1500亿元，年均增长8％。");
    assert_eq!(got.iter().filter(|r| r.0 == "observation").map(|r| (r.1, r.4, r.6)).collect::<Vec<_>>(), [(800.0, Some(2015), "level")]);
    assert!(rows("到2020年，工业总产值由2017年的800亿元增长到1200亿元。").iter().all(|r| r.0 == "target"));
}

#[test]
fn fenbie_lists_distribute_baselines_and_years() {
    let got = rows("到2018年，工业总产值、利润分别由800亿元、50亿元增长到1200亿元和90亿元，2020年分别达到1500亿元和120亿元，年均增长11％和15％。");
    let values: Vec<(f64, Option<i32>, Option<f64>, &str)> = got.iter().map(|r| (r.1, r.4, r.8, r.6)).collect();
    assert_eq!(
        values,
        [
            (1200.0, Some(2018), Some(800.0), "level"),
            (90.0, Some(2018), Some(50.0), "level"),
            (1500.0, Some(2020), Some(800.0), "level"),
            (120.0, Some(2020), Some(50.0), "level"),
            (11.0, Some(2020), Some(800.0), "growth_rate"),
            (15.0, Some(2020), Some(50.0), "growth_rate"),
        ]
    );
    let ind: Vec<String> = read("到2020年，煤炭、钢铁产能分别压减到500万吨和300万吨。", 2016, (2016, 2020))
        .into_iter()
        .map(|s| s.indicator_raw)
        .collect();
    assert_eq!(ind, ["煤炭", "钢铁产能"]);
}

#[test]
fn growth_rates_and_changes() {
    let got = rows("到2020年，全省工业增加值年均增长8％，单位工业增加值能耗比2015年下降15％，单位工业增加值用水量累计下降20％，研发强度提高1个百分点。");
    let kinds: Vec<(&str, Option<&str>, Option<i32>, f64, &str)> =
        got.iter().map(|r| (r.6, r.7, r.9, r.1, r.3.as_str())).collect();
    assert_eq!(
        kinds,
        [
            ("growth_rate", None, None, 8.0, "%"),
            ("change", Some("down"), Some(2015), 15.0, "%"),
            ("change", Some("down"), None, 20.0, "%"),
            ("change", Some("up"), None, 1.0, "个百分点"),
        ]
    );
}

#[test]
fn shares_counts_capacities() {
    let got = rows("到2020年，新兴产业产值占全省工业比重由10％提高到20％，培育50个特色产业园区，省级技术中心达到300家，形成50万辆整车生产能力，实现20万吨的生产能力。");
    let kinds: Vec<(&str, f64, &str)> = got.iter().map(|r| (r.6, r.1, r.3.as_str())).collect();
    assert_eq!(
        kinds,
        [
            ("share", 20.0, "%"),
            ("count", 50.0, "个"),
            ("count", 300.0, "家"),
            ("capacity", 50.0, "万辆"),
            ("capacity", 20.0, "万吨")
        ]
    );
}

#[test]
fn lead_in_and_plan_period_give_the_year() {
    let got = rows("二、主要目标\n到2019年，实现以下目标：\n（一）全省新增高新技术企业200户。\n三、重点任务\n（一）建设10个示范基地。");
    let years: Vec<(f64, Option<i32>, bool)> = got.iter().map(|r| (r.1, r.4, r.10)).collect();
    assert_eq!(years, [(200.0, Some(2019), false), (10.0, Some(2020), false)]);
}

#[test]
fn qizhong_parts_ranges_and_annual_goals() {
    let s = read("到2020年，汽车产能达到300万辆，其中：甲市200万辆，乙市100万辆。", 2016, (2016, 2020));
    assert_eq!(s.len(), 3);
    assert_eq!((s[1].part_of, s[2].part_of), (Some(s[0].token.start), Some(s[0].token.start)));
    let got = rows("到2020年，每个园区确定2-3个主导产业，每年新增市场主体不少于5000个。");
    let r: Vec<(f64, Option<f64>, &str, bool)> = got.iter().map(|r| (r.1, r.2, r.5, r.12)).collect();
    assert_eq!(r, [(2.0, Some(3.0), "range", false), (5000.0, None, "ge", true)]);
}

#[test]
fn history_is_observation_not_target() {
    let got = rows("2015年，全省规模以上工业实现产值9000亿元，比2010年增长了1.2倍，年均增长17％。");
    let r: Vec<(&str, f64, Option<i32>, &str)> = got.iter().map(|r| (r.0, r.1, r.4, r.3.as_str())).collect();
    assert_eq!(
        r,
        [
            ("observation", 9000.0, Some(2015), "亿元"),
            ("observation", 1.2, Some(2015), "倍"),
            ("observation", 17.0, Some(2015), "%")
        ]
    );
}

#[test]
fn not_targets() {
    for s in [
        "到2020年，研制时速400公里高速动车组。",
        "到2020年，突破38纳米光刻工艺。",
        "依据吉政发〔2016〕12号文件，发展红旗H7等车型。",
        "（3）推进省委十届三次全会精神落实。",
        "围绕九大产业，培育一批龙头企业。",
        "到2020年，支持3兆瓦以上风电整机研发，推广150马力拖拉机。",
    ] {
        assert!(rows(s).is_empty(), "{s}: {:?}", rows(s));
    }
    // A threshold inside a noun phrase is not a value; the count is.
    let got = rows("到2020年，销售收入百亿元以上的企业达到20户。");
    assert_eq!(got.iter().map(|r| (r.1, r.3.as_str())).collect::<Vec<_>>(), [(20.0, "户")]);
}

#[test]
fn baselines_stay_with_their_indicator_and_goal_headings_are_not_history() {
    let got = rows("到2020年，研发投入占比由2015年的0.5%力争提高到1.5%，其中，高技术企业达到3%。");
    let r: Vec<(&str, f64, Option<f64>, Option<i32>)> = got.iter().map(|r| (r.0, r.1, r.8, r.9)).collect();
    assert_eq!(r, [("target", 1.5, Some(0.5), Some(2015)), ("target", 3.0, None, None), ("observation", 0.5, None, None)]);
    let got = rows("二、行动目标\n3.新动能培育取得新进展。装配式建筑产业年均增长20%以上。");
    let r: Vec<(&str, f64, Option<i32>, &str)> = got.iter().map(|r| (r.0, r.1, r.4, r.6)).collect();
    assert_eq!(r, [("target", 20.0, Some(2020), "growth_rate")]);
}

#[test]
fn attributes_durations_and_purposes_keep_the_sentences_measure() {
    // Two dated levels of a physical measure: the first is the measure's, not a capacity
    // named by the verb phrase after it; an attribute (降幅) is the measure's attribute; a
    // clause opened by a span of time (三年间) is about the measure again; 为 before a verb
    // opens a purpose whose own measure follows.
    let got = read(
        "2015年，单位产品综合能耗由2012年的2.4吨标准煤降低到2015年的1.8吨标准煤，降幅由2012年的3％扩大到2015年的9％，三年间累计下降25％，为实现全市单位GDP能耗下降15％作出贡献。",
        2016,
        (2016, 2020),
    );
    let r: Vec<(f64, &str, String)> = got.iter().map(|s| (s.token.value, s.value_kind.as_str(), s.indicator_raw.clone())).collect();
    let measure = "单位产品综合能耗".to_string();
    assert_eq!(
        r,
        [
            (2.4, "level", measure.clone()),
            (1.8, "level", measure.clone()),
            (3.0, "share", format!("{measure}降幅")),
            (9.0, "share", format!("{measure}降幅")),
            (25.0, "change", measure.clone()),
            (15.0, "change", "全市单位GDP能耗".to_string()),
        ]
    );
}

#[test]
fn an_undated_report_continues_into_the_next_sentence() {
    // A text of unknown date: the first sentence is told as a statistic (比上年); the next,
    // with no year or cue of its own, continues the report of the same year.
    let undated = DocDates { issue_year: None, period: None, statistics_year: None };
    let kinds = |text: &str| -> Vec<(StatementKind, f64, Option<i32>)> {
        read_dated(text, undated).into_iter().map(|s| (s.kind, s.token.value, s.year)).collect()
    };
    let obs = StatementKind::Observation;
    assert_eq!(
        kinds("经初步预计，全县2012年全年实现生产总值163亿元，比上年增长13%；城镇居民人均可支配收入达到18817元，增长16.5%。"),
        [(obs, 163.0, Some(2012)), (obs, 13.0, Some(2012)), (obs, 18817.0, Some(2012)), (obs, 16.5, Some(2012))]
    );
    // A goal word (计划, 力争) in the next sentence makes it a goal again…
    let got = kinds("2012年全年实现生产总值163亿元，比上年增长13%；计划新培育企业30家。");
    assert_eq!(got.last().map(|r| r.0), Some(StatementKind::Target));
    // …and without a report before it, an undated sentence of a year stays a goal.
    let got = kinds("2012年全年实现生产总值163亿元；城镇居民人均可支配收入达到18817元。");
    assert!(got.iter().all(|r| r.0 == StatementKind::Target), "{got:?}");
}

#[test]
fn two_measures_joined_by_and_share_one_value() {
    // 双双 / 均 after two measures joined by 和 / 与: one goal each; a head noun written
    // once (产业规模) is both items'; a leading hedge is not part of the first one's name.
    let text = "到2025年，力争光伏和储能产业规模双双突破500亿元。";
    let got = read(text, 2021, (2021, 2025));
    let labels: Vec<&str> = got.iter().map(|s| s.indicator_raw.as_str()).collect();
    assert_eq!(labels, ["光伏产业规模", "储能产业规模"]);
    assert!(got.iter().all(|s| s.token.value == 500.0 && s.kind == StatementKind::Target));
    // The first item's quote is the statement's; the second's starts at its own words.
    let chars: Vec<char> = text.chars().collect();
    let quoted = |s: &Statement| chars[s.quote_start..s.quote_end].iter().collect::<String>();
    assert_eq!(quoted(&got[0]), "力争光伏和储能产业规模双双突破500亿元");
    assert!(quoted(&got[1]).starts_with("储能"), "{}", quoted(&got[1]));
    let got = read("到2025年，工业增加值与营业收入均增长8%。", 2021, (2021, 2025));
    assert_eq!(got.iter().map(|s| s.indicator_raw.as_str()).collect::<Vec<_>>(), ["工业增加值", "营业收入"]);
    // Without a distributive adverb a 和 phrase is one measure (工业增加值和利润总额 is not split).
    let got = read("到2025年，规模以上工业增加值和利润总额达到900亿元。", 2021, (2021, 2025));
    assert_eq!(got.len(), 1);
    // A head that is the measure word itself is shared too (企业和园区数量 → 企业数量).
    let got = read("到2025年，企业和园区数量均达到50个。", 2021, (2021, 2025));
    assert_eq!(got.iter().map(|s| s.indicator_raw.as_str()).collect::<Vec<_>>(), ["企业数量", "园区数量"]);
}
