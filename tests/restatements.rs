//! A goal stated twice in one document (a headline and the body, a summary and its
//! section) is one target row; the later statement is listed in `restatements`.

mod common;

use common::*;

#[test]
fn a_restated_goal_is_one_row() {
    let dir = scratch("restatements");
    let src = dir.join("sources");
    std::fs::create_dir_all(&src).unwrap();
    let text = "某省到2025年培育10个千亿级产业集群\n\n\
                一、主要目标\n到2025年，全省培育10个千亿级产业集群，规模以上工业增加值年均增长8%。\n\n\
                二、重点任务\n围绕主要目标，到2025年，全省培育10个千亿级产业集群。\n";
    std::fs::write(src.join("news.txt"), text).unwrap();
    run(&src, &dir).expect("runs");
    let targets = read_csv(&dir.join("output/csv/targets.csv"));
    let clusters: Vec<_> = targets.iter().filter(|r| r["value"] == "10" && r["unit_raw"] == "个").collect();
    assert_eq!(clusters.len(), 1, "{targets:#?}");
    let spans: Vec<&str> = clusters[0]["restatements"].split('|').filter(|s| !s.is_empty()).collect();
    assert_eq!(spans.len(), 2, "{:?}", clusters[0]);
    let chars: Vec<char> = text.chars().collect();
    for span in spans {
        let (a, b) = span.split_once('-').unwrap();
        let quote: String = chars[a.parse::<usize>().unwrap()..b.parse::<usize>().unwrap()].iter().collect();
        assert!(quote.contains("10个"), "{span}: {quote}");
    }
    assert!(targets.iter().any(|r| r["value"] == "8"), "the other goal stays");
}
