//! A goal in a section, sub-section or annex about one industry carries that industry,
//! unless the sentence names another; the annex title on the line after 附件N scopes the
//! whole annex.

mod common;

use common::*;

#[test]
fn headings_and_annex_titles_scope_their_goals() {
    let dir = scratch("section-industry");
    let src = dir.join("sources");
    std::fs::create_dir_all(&src).unwrap();
    let text = "某省工业转型升级行动计划（2021—2025年）\n\
                一、总体目标\n到2025年，全省规模以上工业增加值达到1万亿元。\n\
                附件1\n某省汽车产业转型升级实施方案\n\
                一、发展目标\n到2025年，产值达到8000亿元，整车产能达到200万辆。\n\
                （一）重点任务\n到2025年，新建10个研发中心；医药产业产值达到500亿元。\n";
    std::fs::write(src.join("plan.txt"), text).unwrap();
    run(&src, &dir).expect("runs");
    let targets = read_csv(&dir.join("output/csv/targets.csv"));
    let industry = |value: &str| {
        targets.iter().find(|r| r["value"] == value).map(|r| r["industry_id"].clone()).unwrap_or_else(|| {
            panic!("no target {value}: {targets:#?}")
        })
    };
    assert_eq!(industry("1"), "", "the plan's overall goal has no industry");
    assert_eq!(industry("8000"), "automotive");
    assert_eq!(industry("200"), "vehicle_assembly", "整车 in the sentence is the narrower industry");
    assert_eq!(industry("10"), "automotive", "a sub-section inherits the annex's industry");
    assert_ne!(industry("500"), "automotive", "the sentence names another industry");
}
