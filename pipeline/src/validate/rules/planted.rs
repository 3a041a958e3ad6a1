//! Planted-fault tests, at least three per rule family: small documents' rows built as
//! facts, each with one fault, and a clean twin that raises nothing.

use crate::validate::testkit::{facts, findings, observation as obs, of, target as t};
use serde_json::json;

/// The attainment table's rows of a projection, collected.
fn attainment_rows(f: &crate::validate::facts::Facts, m: &crate::curated::Mappings) -> Vec<serde_json::Value> {
    let mut rows = Vec::new();
    crate::validate::attainment::write_rows(f, m, |r| {
        rows.push(serde_json::to_value(r).expect("a record is JSON"));
        Ok(())
    }).expect("collecting cannot fail");
    rows
}

const PLAN: (&str, &str, (i32, i32)) = ("p12", "2012-01-29", (2011, 2015));
const LATER: (&str, &str, (i32, i32)) = ("p17", "2017-07-21", (2017, 2020));

// ---------------------------------------------------------------- part and whole

#[test]
fn value_added_equal_to_output_in_one_sentence_is_an_error() {
    // 全省建材产业总产值达到1300亿元，年均增长9.2％，工业增加值达到1300亿元
    let rows = |va: f64| {
        vec![
            t("p12", "go", 100, json!({"indicator_raw": "全省建材产业总产值", "indicator_id": "gross_industrial_output", "industry_id": "building_materials", "scope_text": "建材产业", "value": 1300.0, "value_std": 1.3e11, "char_end": 118})),
            t("p12", "va", 119, json!({"indicator_raw": "工业增加值", "indicator_id": "industrial_value_added", "value": va, "value_std": va * 1e8})),
        ]
    };
    let f = facts(&[PLAN], rows(1300.0), vec![]);
    let found = of(&f, "arithmetic.part_exceeds_whole");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].0.contains("equals"), "{found:?}");
    assert_eq!(found[0].3, vec!["va", "go"]);
    assert!(of(&facts(&[PLAN], rows(330.0), vec![]), "arithmetic.part_exceeds_whole").is_empty());
}

#[test]
fn a_new_sentence_after_listed_parts_does_not_inherit_a_part() {
    // 轻纺2200亿元，其中轻工1650亿元，纺织550亿元。实现工业增加值600亿元 — the 600 is not textiles'.
    let rows = vec![
        t("p12", "all", 100, json!({"indicator_raw": "全省轻纺产业工业产值", "indicator_id": "gross_industrial_output", "industry_id": "light_textile", "scope_text": "轻纺", "value": 2200.0, "value_std": 2.2e11})),
        t("p12", "light", 111, json!({"indicator_raw": "轻工产业工业总产值", "indicator_id": "gross_industrial_output", "industry_id": "light_industry", "scope_text": "轻工", "value": 1650.0, "value_std": 1.65e11})),
        t("p12", "tex", 122, json!({"indicator_raw": "纺织产业工业总产值", "indicator_id": "gross_industrial_output", "industry_id": "textiles", "scope_text": "纺织", "value": 550.0, "value_std": 5.5e10})),
        t("p12", "va", 133, json!({"indicator_raw": "工业增加值", "indicator_id": "industrial_value_added", "value": 600.0, "value_std": 6e10})),
    ];
    assert!(of(&facts(&[PLAN], rows, vec![]), "arithmetic.part_exceeds_whole").is_empty());
}

#[test]
fn a_sector_above_the_total_and_sectors_adding_up_to_more() {
    let rows = |auto: f64| {
        vec![
            t("p12", "tot", 100, json!({"indicator_raw": "全省工业增加值", "indicator_id": "industrial_value_added", "value": 3000.0, "value_std": 3e11})),
            t("p12", "auto", 500, json!({"indicator_raw": "汽车产业工业增加值", "indicator_id": "industrial_value_added", "industry_id": "automotive", "scope_text": "汽车产业", "value": auto, "value_std": auto * 1e8})),
            t("p12", "petro", 900, json!({"indicator_raw": "石化产业工业增加值", "indicator_id": "industrial_value_added", "industry_id": "petrochemical", "scope_text": "石化产业", "value": 1000.0, "value_std": 1e11})),
        ]
    };
    let f = facts(&[PLAN], rows(3500.0), vec![]);
    let above = of(&f, "arithmetic.sector_above_total");
    assert_eq!(above.len(), 1, "{above:?}");
    assert_eq!(above[0].3, vec!["tot", "auto"]);
    let f = facts(&[PLAN], rows(2500.0), vec![]);
    assert!(of(&f, "arithmetic.sector_above_total").is_empty());
    let sum = of(&f, "arithmetic.sectors_exceed_total");
    assert_eq!(sum.len(), 1, "{sum:?}");
    assert_eq!(sum[0].2.as_deref(), Some("3500 亿元"));
    assert!(of(&facts(&[PLAN], rows(1500.0), vec![]), "arithmetic.sectors_exceed_total").is_empty());
}

#[test]
fn listed_parts_above_their_whole_and_a_share_over_100() {
    let rows = vec![
        t("p12", "w", 100, json!({"indicator_raw": "整车规模", "indicator_id": "vehicle_production_capacity", "kind": "capacity", "unit_raw": "万辆", "unit": "e4_vehicle", "value": 400.0, "value_std": 4e6})),
        t("p12", "a", 111, json!({"indicator_raw": "长春市", "scope_text": "长春市", "region_code": "220100", "kind": "capacity", "unit_raw": "万辆", "unit": "e4_vehicle", "value": 320.0, "value_std": 3.2e6, "part_of_target_id": "w"})),
        t("p12", "b", 122, json!({"indicator_raw": "吉林市", "scope_text": "吉林市", "region_code": "220200", "kind": "capacity", "unit_raw": "万辆", "unit": "e4_vehicle", "value": 100.0, "value_std": 1e6, "part_of_target_id": "w"})),
        t("p12", "s", 500, json!({"indicator_raw": "研发投入比重", "kind": "share", "unit_raw": "%", "unit": "percent", "value": 120.0, "value_std": 120.0})),
    ];
    let f = facts(&[PLAN], rows, vec![]);
    assert_eq!(of(&f, "arithmetic.parts_exceed_whole")[0].2.as_deref(), Some("420 万辆"));
    assert_eq!(of(&f, "unit.share_over_100")[0].3, vec!["s"]);
}

// ---------------------------------------------------------------- arithmetic in a sentence

#[test]
fn growth_rate_against_the_sentences_baseline_and_target() {
    // 由60亿元增长到2020年的160亿元，年均增长X％ (7 years: 15.0 %)
    let rows = |rate: f64| {
        vec![
            t("p17", "lvl", 100, json!({"indicator_raw": "利润", "value": 160.0, "baseline_value": 60.0, "baseline_year": 2013, "target_year": 2020})),
            t("p17", "g", 100, json!({"indicator_raw": "利润", "kind": "growth_rate", "unit_raw": "%", "unit": "percent", "value": rate, "target_year": 2020})),
        ]
    };
    let found = of(&facts(&[LATER], rows(25.0), vec![]), "consistency.cagr");
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].1.as_deref(), found[0].2.as_deref()), (Some("15.0%"), Some("25%")));
    assert!(of(&facts(&[LATER], rows(15.0), vec![]), "consistency.cagr").is_empty());
}

#[test]
fn a_cumulative_change_against_two_levels_in_percent_and_in_points() {
    // 由2006年的3.1吨下降到2010年的1.5吨，下降X％: −51.6 %
    let energy = |stated: f64| {
        vec![
            obs("p12", "a", 100, json!({"indicator_raw": "能耗", "unit_raw": "吨标准煤", "unit": "tce", "value": 3.1, "year": 2006})),
            obs("p12", "b", 100, json!({"indicator_raw": "能耗", "unit_raw": "吨标准煤", "unit": "tce", "value": 1.5, "year": 2010})),
            obs("p12", "c", 100, json!({"indicator_raw": "能耗", "kind": "change", "direction": "down", "unit_raw": "%", "unit": "percent", "value": stated, "year": 2010})),
        ]
    };
    let found = of(&facts(&[PLAN], vec![], energy(30.0)), "arithmetic.change_vs_levels");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1.as_deref(), Some("-51.6%"));
    // Every row involved: the change and both levels.
    assert_eq!(found[0].3, vec!["c", "a", "b"]);
    assert!(of(&facts(&[PLAN], vec![], energy(51.6)), "arithmetic.change_vs_levels").is_empty());
    // 亏损面由20％下降到9.8％，下降X个百分点: 10.2 points.
    let share = |stated: f64| {
        vec![
            obs("p12", "a", 100, json!({"indicator_raw": "亏损面", "kind": "share", "unit_raw": "%", "unit": "percent", "value": 20.0, "year": 2005})),
            obs("p12", "b", 100, json!({"indicator_raw": "亏损面", "kind": "share", "unit_raw": "%", "unit": "percent", "value": 9.8, "year": 2010})),
            obs("p12", "c", 100, json!({"indicator_raw": "亏损面", "kind": "change", "direction": "down", "unit_raw": "个百分点", "value": stated, "year": 2010})),
        ]
    };
    assert_eq!(of(&facts(&[PLAN], vec![], share(15.0)), "arithmetic.change_vs_levels").len(), 1);
    assert!(of(&facts(&[PLAN], vec![], share(10.2)), "arithmetic.change_vs_levels").is_empty());
}

#[test]
fn a_stated_share_against_its_part_and_whole() {
    // 工业增加值达到2000亿元 … 其中新兴产业增加值达到500亿元，占工业增加值比重达到X%
    let rows = |share: f64| {
        vec![
            t("p17", "whole", 100, json!({"indicator_raw": "工业增加值", "value": 2000.0, "value_std": 2e11, "target_year": 2020})),
            t("p17", "part", 200, json!({"indicator_raw": "新兴产业增加值", "value": 500.0, "value_std": 5e10, "target_year": 2020, "char_end": 212})),
            t("p17", "share", 213, json!({"indicator_raw": "新兴产业增加值", "kind": "share", "unit_raw": "%", "unit": "percent", "value": share, "target_year": 2020, "quote": "占工业增加值比重达到40%"})),
        ]
    };
    let found = of(&facts(&[LATER], rows(40.0), vec![]), "arithmetic.share_vs_parts");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1.as_deref(), Some("25.0%"));
    assert!(of(&facts(&[LATER], rows(25.0), vec![]), "arithmetic.share_vs_parts").is_empty());
}

/// 2010年，全省规模以上工业实现产值13213.2亿元 (one section) … 三大支柱产业共完成工业增加值
/// 2222亿元，占全省工业总产值的X％ (another): rows of one document, as observations.
fn pillar_share(share: f64, whole_quote: &str, share_quote: &str, whole_region: &str) -> Vec<serde_json::Value> {
    vec![
        obs("p12", "whole", 100, json!({"indicator_raw": "规模以上工业产值", "indicator_id": "gross_industrial_output_above_scale", "value": 13213.2, "value_std": 1.32132e12, "quote": whole_quote, "region_code": whole_region})),
        obs("p12", "part", 500, json!({"section": "三", "indicator_raw": "三大支柱产业共完成工业增加值", "indicator_id": "industrial_value_added", "value": 2222.0, "value_std": 2.222e11, "char_end": 530})),
        obs("p12", "share", 500, json!({"section": "三", "indicator_raw": "三大支柱产业共完成工业增加值", "indicator_id": "share_of_total", "kind": "share", "unit_raw": "%", "unit": "percent", "value": share, "char_end": 545, "quote": share_quote})),
    ]
}

#[test]
fn a_share_of_the_total_above_what_a_narrower_scope_allows() {
    let (whole, share) = ("全省规模以上工业实现产值13213.2亿元", "三大支柱产业共完成工业增加值2222亿元，占全省工业总产值的59.2％");
    let found = of(&facts(&[PLAN], vec![], pillar_share(59.2, whole, share, "220000")), "arithmetic.share_above_bound");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].1.as_deref(), found[0].2.as_deref()), (Some("≤ 16.8%"), Some("59.2%")));
    assert_eq!(found[0].3, vec!["share", "part", "whole"]);
    // A share the bound allows raises nothing.
    assert!(of(&facts(&[PLAN], vec![], pillar_share(15.0, whole, share, "220000")), "arithmetic.share_above_bound").is_empty());
}

#[test]
fn a_share_bound_needs_the_same_regions_whole() {
    let whole = "全省规模以上工业实现产值13213.2亿元";
    let none = |whole: &str, share: &str, region: &str| of(&facts(&[PLAN], vec![], pillar_share(59.2, whole, share, region)), "arithmetic.share_above_bound").is_empty();
    // 占全国…: the country's total, which no figure of the province bounds.
    assert!(none(whole, "三大支柱产业共完成工业增加值2222亿元，占全国工业总产值的59.2％", "220000"));
    // 占工业总产值 with no 全省: the whole may be an industry's.
    assert!(none(whole, "三大支柱产业共完成工业增加值2222亿元，占工业总产值的59.2％", "220000"));
    // The figure is a city's, not the province's.
    assert!(none("全市规模以上工业实现产值13213.2亿元", "三大支柱产业共完成工业增加值2222亿元，占全省工业总产值的59.2％", "220200"));
    // The figure is an industry's (its quote does not open with 全…).
    assert!(none("汽车产业规模以上工业实现产值13213.2亿元", "三大支柱产业共完成工业增加值2222亿元，占全省工业总产值的59.2％", "220000"));
}

#[test]
fn a_share_bound_from_a_part_the_whole_bounds_and_a_ceiling() {
    // 全省工业增加值达到3000亿元 … 汽车产业产值达到2000亿元，占全省工业总产值的X%: output is at
    // least value added, so the share is at most 2000 / 3000 = 66.7 %.
    let rows = |share: f64, qualifier: &str, year: i32| {
        vec![
            t("p17", "va", 100, json!({"indicator_raw": "工业增加值", "indicator_id": "industrial_value_added", "value": 3000.0, "value_std": 3e11, "target_year": 2020, "quote": "全省工业增加值达到3000亿元"})),
            t("p17", "part", 300, json!({"indicator_raw": "汽车产业产值", "indicator_id": "gross_industrial_output", "value": 2000.0, "value_std": 2e11, "target_year": year, "char_end": 315})),
            t("p17", "share", 300, json!({"indicator_raw": "汽车产业产值", "kind": "share", "unit_raw": "%", "unit": "percent", "value": share, "qualifier": qualifier, "target_year": year, "char_end": 330, "quote": "汽车产业产值达到2000亿元，占全省工业总产值的80%"})),
        ]
    };
    let found = of(&facts(&[LATER], rows(80.0, "eq", 2020), vec![]), "arithmetic.share_above_bound");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1.as_deref(), Some("≤ 66.7%"));
    // 80 % 以下 is a ceiling, which any smaller share meets.
    assert!(of(&facts(&[LATER], rows(80.0, "le", 2020), vec![]), "arithmetic.share_above_bound").is_empty());
    // Another year's value added bounds nothing.
    assert!(of(&facts(&[LATER], rows(80.0, "eq", 2018), vec![]), "arithmetic.share_above_bound").is_empty());
}

#[test]
fn points_versus_percent() {
    let rows = vec![t("p17", "c", 100, json!({"indicator_raw": "综合利用率", "kind": "change", "unit_raw": "%", "unit": "percent", "value": 5.0, "target_year": 2020}))];
    assert_eq!(of(&facts(&[LATER], rows, vec![]), "unit.points_vs_percent").len(), 1);
}

// ---------------------------------------------------------------- across documents

fn auto(doc: &str, id: &str, year: i32, value: f64, over: serde_json::Value) -> serde_json::Value {
    let mut base = json!({"indicator_raw": "汽车产业总产值", "indicator_id": "gross_industrial_output", "industry_id": "automotive", "scope_text": "汽车产业", "value": value, "value_std": value * 1e8, "target_year": year});
    if let (Some(b), serde_json::Value::Object(o)) = (base.as_object_mut(), over) {
        b.extend(o);
    }
    t(doc, id, 100, base)
}

#[test]
fn a_goal_carried_forward_and_a_goal_weakened() {
    let f = facts(&[PLAN, LATER], vec![auto("p12", "a", 2015, 8000.0, json!({})), auto("p17", "b", 2020, 8000.0, json!({}))], vec![]);
    let found = of(&f, "consistency.carried_forward");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].3, vec!["a", "b"]);
    let f = facts(&[PLAN, LATER], vec![auto("p12", "a", 2015, 8000.0, json!({})), auto("p17", "b", 2020, 6000.0, json!({}))], vec![]);
    assert_eq!(of(&f, "consistency.weakened").len(), 1);
    assert!(of(&f, "consistency.carried_forward").is_empty());
    let f = facts(&[PLAN, LATER], vec![auto("p12", "a", 2015, 8000.0, json!({})), auto("p17", "b", 2020, 9000.0, json!({}))], vec![]);
    assert!(of(&f, "consistency.weakened").is_empty() && of(&f, "consistency.carried_forward").is_empty());
}

#[test]
fn an_unrelated_earlier_goal_does_not_hide_the_carried_one() {
    // The earlier document also sets a different goal of the same measure (checked first,
    // as it stands later in the text); the same goal set again must still be found.
    let f = facts(
        &[PLAN, LATER],
        vec![
            auto("p12", "a", 2015, 8000.0, json!({})),
            auto("p12", "c", 2015, 500.0, json!({"char_start": 900})),
            auto("p17", "b", 2020, 8000.0, json!({})),
        ],
        vec![],
    );
    let found = of(&f, "consistency.carried_forward");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].3, vec!["a", "b"]);
}

#[test]
fn an_unnamed_count_is_not_one_industrys_but_an_unnamed_capacity_is() {
    // 中国驰名商标60件 (all industry, 2015) and 全省食品工业中国驰名商标达到60件 (2020): two scopes.
    let marks = |doc: &str, id: &str, year: i32, over: serde_json::Value| {
        let mut base = json!({"indicator_raw": "中国驰名商标", "indicator_id": "well_known_trademarks", "kind": "count", "unit_raw": "件", "unit": "jian", "value": 60.0, "target_year": year});
        if let (Some(b), serde_json::Value::Object(o)) = (base.as_object_mut(), over) {
            b.extend(o);
        }
        t(doc, id, 100, base)
    };
    let food = json!({"indicator_raw": "全省食品工业中国驰名商标", "industry_id": "agri_food_processing", "scope_text": "食品工业"});
    let f = facts(&[PLAN, LATER], vec![marks("p12", "a", 2015, json!({})), marks("p17", "b", 2020, food)], vec![]);
    assert!(of(&f, "consistency.carried_forward").is_empty());
    // The same count of the same scope is carried forward.
    let f = facts(&[PLAN, LATER], vec![marks("p12", "a", 2015, json!({})), marks("p17", "b", 2020, json!({}))], vec![]);
    assert_eq!(of(&f, "consistency.carried_forward").len(), 0, "two unnamed subjects outside a 全… sentence are not known to be one");
    let total = json!({"indicator_raw": "全省中国驰名商标"});
    let f = facts(&[PLAN, LATER], vec![marks("p12", "a", 2015, total.clone()), marks("p17", "b", 2020, total)], vec![]);
    assert_eq!(of(&f, "consistency.carried_forward").len(), 1);
    // 400万辆 整车规模 without an industry is the automotive industry's 400万辆 all the same.
    let cars = |doc: &str, id: &str, year: i32, over: serde_json::Value| {
        let mut base = json!({"indicator_raw": "整车规模", "indicator_id": "vehicle_production_capacity", "kind": "capacity", "unit_raw": "万辆", "unit": "e4_vehicle", "value": 400.0, "target_year": year});
        if let (Some(b), serde_json::Value::Object(o)) = (base.as_object_mut(), over) {
            b.extend(o);
        }
        t(doc, id, 100, base)
    };
    let f = facts(&[PLAN, LATER], vec![cars("p12", "a", 2015, json!({})), cars("p17", "b", 2020, json!({"industry_id": "automotive", "scope_text": "汽车"}))], vec![]);
    assert_eq!(of(&f, "consistency.carried_forward").len(), 1);
}

#[test]
fn a_rate_set_lower_for_a_later_year_is_weakened() {
    // 精细化学品率达到40％ (2015) and 精细化学品率力争达到35% (2020), both the fine-chemicals industry's.
    let rate = |doc: &str, id: &str, year: i32, value: f64, over: serde_json::Value| {
        let mut base = json!({"indicator_raw": "精细化学品率", "indicator_id": "fine_chemicals_rate", "industry_id": "fine_chemicals", "kind": "share", "unit_raw": "%", "unit": "percent", "value": value, "target_year": year, "quote": format!("精细化学品率达到{value}%")});
        if let (Some(b), serde_json::Value::Object(o)) = (base.as_object_mut(), over) {
            b.extend(o);
        }
        t(doc, id, 100, base)
    };
    let f = facts(&[PLAN, LATER], vec![rate("p12", "a", 2015, 40.0, json!({})), rate("p17", "b", 2020, 35.0, json!({}))], vec![]);
    let found = of(&f, "consistency.weakened");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].3, vec!["a", "b"]);
    // Clean twins: a higher rate; a rate set to fall (下降到); an upper limit; another industry's rate.
    let f = facts(&[PLAN, LATER], vec![rate("p12", "a", 2015, 40.0, json!({})), rate("p17", "b", 2020, 45.0, json!({}))], vec![]);
    assert!(of(&f, "consistency.weakened").is_empty());
    let falling = json!({"quote": "亏损面下降到35%"});
    let f = facts(&[PLAN, LATER], vec![rate("p12", "a", 2015, 40.0, falling.clone()), rate("p17", "b", 2020, 35.0, falling)], vec![]);
    assert!(of(&f, "consistency.weakened").is_empty());
    let f = facts(&[PLAN, LATER], vec![rate("p12", "a", 2015, 40.0, json!({})), rate("p17", "b", 2020, 35.0, json!({"qualifier": "le"}))], vec![]);
    assert!(of(&f, "consistency.weakened").is_empty());
    let f = facts(&[PLAN, LATER], vec![rate("p12", "a", 2015, 40.0, json!({})), rate("p17", "b", 2020, 35.0, json!({"industry_id": "petrochemical"}))], vec![]);
    assert!(of(&f, "consistency.weakened").is_empty());
    // The region's rate in the general part of both documents (工业固体废弃物综合利用率达到75％ for
    // 2017, 工业固体废物综合利用率达到73% for 2020): weakened; not when one is an industry's.
    let waste = |doc: &str, id: &str, year: i32, value: f64, over: serde_json::Value| {
        let mut base = json!({"indicator_raw": "工业固体废物综合利用率", "indicator_id": "solid_waste_utilisation_rate", "kind": "share", "unit_raw": "%", "unit": "percent", "value": value, "target_year": year});
        if let (Some(b), serde_json::Value::Object(o)) = (base.as_object_mut(), over) {
            b.extend(o);
        }
        t(doc, id, 100, base)
    };
    let f = facts(&[PLAN, LATER], vec![waste("p12", "a", 2015, 75.0, json!({})), waste("p17", "b", 2020, 73.0, json!({}))], vec![]);
    assert_eq!(of(&f, "consistency.weakened").len(), 1);
    let f = facts(&[PLAN, LATER], vec![waste("p12", "a", 2015, 75.0, json!({})), waste("p17", "b", 2020, 73.0, json!({"industry_id": "light_textile", "scope_text": "轻纺"}))], vec![]);
    assert!(of(&f, "consistency.weakened").is_empty());
}

#[test]
fn two_documents_with_different_goals_for_one_year_conflict() {
    let f = facts(&[PLAN, LATER], vec![auto("p12", "a", 2020, 8000.0, json!({})), auto("p17", "b", 2020, 9000.0, json!({}))], vec![]);
    assert_eq!(of(&f, "consistency.cross_document").len(), 1);
}

/// A later document's observation of the automotive industry's output: a statistic, or
/// (`stated_as` baseline) the level one of its goals starts from.
fn auto_seen(doc: &str, id: &str, year: i32, value: f64, over: serde_json::Value) -> serde_json::Value {
    let mut base = json!({"indicator_raw": "汽车产业总产值", "indicator_id": "gross_industrial_output", "industry_id": "automotive", "scope_text": "汽车", "value": value, "year": year});
    if let (Some(b), serde_json::Value::Object(o)) = (base.as_object_mut(), over) {
        b.extend(o);
    }
    obs(doc, id, 50, base)
}

#[test]
fn attainment_from_a_later_baseline_and_a_later_statistic() {
    let m = crate::validate::testkit::mappings();
    // The 2017 plan: 由2015年的7000亿元提高到… — the 2012 plan's 2015 goal of 8000 was missed.
    let baseline = auto_seen("p17", "o", 2015, 7000.0, json!({"stated_as": "baseline"}));
    let f = facts(&[PLAN, LATER], vec![auto("p12", "a", 2015, 8000.0, json!({}))], vec![baseline]);
    let rows = attainment_rows(&f, &m);
    assert_eq!(rows.len(), 1);
    assert_eq!((&rows[0]["verdict"], &rows[0]["evidence_kind"], &rows[0]["evidence_id"]), (&json!("not_met"), &json!("baseline"), &json!("o")));
    assert_eq!(rows[0]["ratio"], 0.875);
    assert!(of(&f, "consistency.attainment")[0].0.contains("missed by 1000"));
    // A statistic of a later document for the goal's year: met.
    let stat = auto_seen("p17", "o", 2015, 8500.0, json!({}));
    let f = facts(&[PLAN, LATER], vec![auto("p12", "a", 2015, 8000.0, json!({}))], vec![stat]);
    let rows = attainment_rows(&f, &m);
    assert_eq!((rows.len(), &rows[0]["verdict"], &rows[0]["evidence_kind"]), (1, &json!("met"), &json!("statistic")));
    // Clean twins: a figure of the same document, of an earlier document, or for another year is no evidence.
    let same_doc = auto_seen("p12", "o", 2015, 7000.0, json!({"stated_as": "baseline", "char_start": 900}));
    let f = facts(&[PLAN, LATER], vec![auto("p12", "a", 2015, 8000.0, json!({}))], vec![same_doc]);
    assert!(attainment_rows(&f, &m).is_empty());
    let other_year = auto_seen("p17", "o", 2016, 7000.0, json!({"stated_as": "baseline"}));
    let f = facts(&[PLAN, LATER], vec![auto("p12", "a", 2015, 8000.0, json!({}))], vec![other_year]);
    assert!(attainment_rows(&f, &m).is_empty() && of(&f, "consistency.attainment").is_empty());
}

#[test]
fn attainment_converts_units_and_reads_ceilings() {
    let m = crate::validate::testkit::mappings();
    // 全省工业投资2.6万亿元 (2015) against a later 由2015年的27000亿元: met, in the goal's unit.
    let goal = t("p12", "a", 100, json!({"indicator_raw": "全省工业投资", "indicator_id": "industrial_investment", "unit_raw": "万亿元", "unit": "e12_yuan", "value": 2.6, "value_std": 2.6e12}));
    let later = obs("p17", "o", 50, json!({"indicator_raw": "全省工业投资", "indicator_id": "industrial_investment", "value": 27000.0, "year": 2015, "stated_as": "baseline"}));
    let f = facts(&[PLAN, LATER], vec![goal], vec![later]);
    let rows = attainment_rows(&f, &m);
    assert_eq!((rows.len(), &rows[0]["verdict"], &rows[0]["actual_value"]), (1, &json!("met"), &json!(2.7)));
    // An upper limit (以下): a later figure below it is met, above it not met.
    let ceiling = |actual: f64| {
        let goal = t("p12", "a", 100, json!({"indicator_raw": "万元工业增加值能耗", "indicator_id": "energy_intensity_industrial_va", "unit_raw": "吨标准煤", "unit": "tce", "qualifier": "le", "value": 1.2}));
        let stat = obs("p17", "o", 50, json!({"indicator_raw": "万元工业增加值能耗", "indicator_id": "energy_intensity_industrial_va", "unit_raw": "吨标准煤", "unit": "tce", "value": actual, "year": 2015}));
        attainment_rows(&facts(&[PLAN, LATER], vec![goal], vec![stat]), &m)[0]["verdict"].clone()
    };
    assert_eq!((ceiling(1.1), ceiling(1.3)), (json!("met"), json!("not_met")));
    // Units of different dimensions (万辆 against 亿元): listed as not comparable, no finding.
    let stat = auto_seen("p17", "o", 2015, 250.0, json!({"unit_raw": "万辆", "unit": "e4_vehicle"}));
    let f = facts(&[PLAN, LATER], vec![auto("p12", "a", 2015, 8000.0, json!({}))], vec![stat]);
    let rows = attainment_rows(&f, &m);
    assert_eq!((rows.len(), &rows[0]["verdict"], &rows[0]["ratio"]), (1, &json!("not_comparable"), &serde_json::Value::Null));
    assert!(of(&f, "consistency.attainment").is_empty());
}

#[test]
fn attainment_needs_the_same_subject_and_for_a_generic_share_the_same_words() {
    let m = crate::validate::testkit::mappings();
    // Another industry's figure for the year is no evidence for the automotive goal.
    let stat = obs("p17", "o", 50, json!({"indicator_raw": "石化产业总产值", "indicator_id": "gross_industrial_output", "industry_id": "petrochemical", "scope_text": "石化", "value": 8500.0, "year": 2015}));
    let f = facts(&[PLAN, LATER], vec![auto("p12", "a", 2015, 8000.0, json!({}))], vec![stat]);
    assert!(attainment_rows(&f, &m).is_empty());
    // A generic share: the same ratio in the same words is one measure (region prefix aside) …
    let share = |raw: &str| {
        json!({"indicator_raw": raw, "indicator_id": "share_of_total", "kind": "share", "unit_raw": "%", "unit": "percent"})
    };
    let rows_of = |earlier: &str, later: &str| {
        let mut goal = share(earlier);
        let mut seen = share(later);
        if let (Some(g), Some(s)) = (goal.as_object_mut(), seen.as_object_mut()) {
            g.extend([("value".to_string(), json!(20.0)), ("qualifier".to_string(), json!("ge"))]);
            s.extend([("value".to_string(), json!(14.5)), ("year".to_string(), json!(2015)), ("stated_as".to_string(), json!("baseline"))]);
        }
        let mut f = facts(&[PLAN, LATER], vec![t("p12", "a", 100, goal)], vec![obs("p17", "o", 50, seen)]);
        f.mark_generic(&m);
        attainment_rows(&f, &m)
    };
    let rows = rows_of("全省高新技术产业增加值占规模以上工业", "高新技术产业增加值占规模以上工业");
    assert_eq!((rows.len(), &rows[0]["verdict"]), (1, &json!("not_met")));
    // … a share of another total is not (重点企业科研经费支出占销售额 vs 研发经费内部支出占主营业务收入).
    assert!(rows_of("重点企业科研经费支出占销售额", "规模以上工业企业研发经费内部支出占主营业务收入").is_empty());
}

// ---------------------------------------------------------------- units and years

#[test]
fn dimension_and_plausible_range() {
    let rows = vec![
        t("p12", "dim", 100, json!({"indicator_raw": "工业总产值", "indicator_id": "gross_industrial_output", "unit_raw": "个", "unit": "ge", "value": 5.0})),
        t("p12", "big", 200, json!({"indicator_raw": "工业总产值", "indicator_id": "gross_industrial_output", "unit_raw": "万亿元", "value": 5000.0, "value_std": 5e15})),
        t("p12", "ok", 300, json!({"indicator_raw": "工业总产值", "indicator_id": "gross_industrial_output", "value": 5000.0, "value_std": 5e11})),
    ];
    let f = facts(&[PLAN], rows, vec![]);
    assert_eq!(of(&f, "unit.out_of_range").iter().map(|x| x.3.clone()).collect::<Vec<_>>(), vec![vec!["big".to_string()]]);
    assert!(of(&f, "unit.dimension_mismatch").iter().any(|x| x.3 == vec!["dim"]));
}

#[test]
fn years_before_the_document_outside_the_period_and_a_late_baseline() {
    let rows = vec![
        t("p17", "early", 100, json!({"indicator_raw": "产值", "target_year": 2015})),
        t("p17", "late", 200, json!({"indicator_raw": "产值", "target_year": 2025, "year_explicit": false})),
        t("p17", "base", 300, json!({"indicator_raw": "产值", "target_year": 2020, "baseline_year": 2021, "baseline_value": 1.0})),
    ];
    let f = facts(&[LATER], rows, vec![]);
    assert_eq!(of(&f, "year.target_before_issue")[0].3, vec!["early"]);
    assert_eq!(of(&f, "year.outside_plan_period")[0].3, vec!["late"]);
    assert_eq!(of(&f, "year.baseline_not_before_target")[0].3, vec!["base"]);
    assert!(of(&f, "year.target_year_unknown").is_empty(), "every row has a year");
}

#[test]
fn targets_with_no_year_are_reported_once_per_document() {
    let rows = vec![
        t("p17", "dated", 100, json!({"indicator_raw": "产值", "target_year": 2020})),
        t("p17", "a", 200, json!({"indicator_raw": "产值", "target_year": null})),
        t("p17", "b", 300, json!({"indicator_raw": "增加值", "target_year": null})),
    ];
    let found = of(&facts(&[LATER], rows, vec![]), "year.target_year_unknown");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].3, vec!["a", "b"]);
}

#[test]
fn a_clean_document_raises_nothing() {
    let rows = vec![
        t("p12", "go", 100, json!({"indicator_raw": "全省工业总产值", "indicator_id": "gross_industrial_output", "value": 5000.0, "value_std": 5e11, "char_end": 115})),
        t("p12", "va", 116, json!({"indicator_raw": "工业增加值", "indicator_id": "industrial_value_added", "value": 1500.0, "value_std": 1.5e11})),
    ];
    assert!(findings(&facts(&[PLAN], rows, vec![])).is_empty());
}

#[test]
fn a_goal_restated_by_many_documents_is_compared_with_a_few_neighbours() {
    // The same 汽车产业总产值 goal in ten plans issued a year apart, each for the year after its
    // predecessor's and 100亿元 lower: weakened against the 4 most recent earlier plans only.
    let docs: Vec<(String, String, (i32, i32))> =
        (0..10).map(|i| (format!("d{i}"), format!("{}-03-01", 2010 + i), (2010 + i, 2015 + i))).collect();
    let doc_refs: Vec<(&str, &str, (i32, i32))> = docs.iter().map(|(d, iss, p)| (d.as_str(), iss.as_str(), *p)).collect();
    let goals: Vec<serde_json::Value> =
        (0..10).map(|i| auto(&format!("d{i}"), &format!("g{i}"), 2015 + i, 9000.0 - 100.0 * f64::from(i), json!({}))).collect();
    let f = facts(&doc_refs, goals.clone(), vec![]);
    let weakened = of(&f, "consistency.weakened");
    // Plan k has min(k, 4) earlier neighbours: 0+1+2+3+4×6 = 30 pairs, not the 45 of all pairs.
    assert_eq!(weakened.len(), 30, "{weakened:?}");
    assert!(weakened.iter().all(|w| {
        let n = |id: &str| id[1..].parse::<i32>().unwrap_or(0);
        n(&w.3[1]) - n(&w.3[0]) <= 4
    }));
    // A statistic for 2015 in each later plan: the 2015 goal is judged against the first 4.
    let stats: Vec<serde_json::Value> = (1..10)
        .map(|i| obs(&format!("d{i}"), &format!("s{i}"), 500, json!({"indicator_raw": "汽车产业总产值", "indicator_id": "gross_industrial_output", "industry_id": "automotive", "scope_text": "汽车产业", "value": 8500.0, "year": 2015})))
        .collect();
    let f = facts(&doc_refs, goals, stats);
    let rows = attainment_rows(&f, &crate::validate::testkit::mappings());
    let of_g0: Vec<&str> = rows.iter().filter(|r| r["target_id"] == "g0").filter_map(|r| r["evidence_id"].as_str()).collect();
    assert_eq!(of_g0, ["s1", "s2", "s3", "s4"]);
}
