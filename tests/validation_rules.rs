//! The validation rules on a fixture corpus with planted faults (tests/fixtures/validation):
//! each rule fires with its message, errata acknowledge findings, the clean document raises
//! nothing, and --fail-on decides the exit.

mod common;

use common::*;
use pipeline::{run_stage, FailOn, Stage};

fn findings(dir: &std::path::Path) -> Vec<std::collections::BTreeMap<String, String>> {
    read_csv(&dir.join("output/csv/validation.csv"))
}

fn fixture_run(name: &str, errata: &str, fail_on: FailOn) -> (std::path::PathBuf, pipeline::Outcome) {
    let dir = scratch(name);
    let maps = dir.join("mappings");
    copy_mappings(&maps);
    std::fs::write(maps.join("errata.yaml"), errata).unwrap();
    let mut cfg = config(&repo().join("tests/fixtures/validation/sources"), &maps, &dir);
    cfg.fail_on = fail_on;
    let outcome = run_stage(Stage::All, &cfg).expect("findings are data, not crashes");
    (dir, outcome)
}

#[test]
fn every_rule_fires_on_its_planted_fault() {
    let (dir, outcome) = fixture_run("rules", "errata: []\n", FailOn::Error);
    let f = findings(&dir);
    let has = |check: &str, needle: &str| {
        f.iter().any(|r| r["check"] == check && r["message"].contains(needle))
            || panic!(
                "no `{check}` finding mentioning {needle:?}; findings: {:#?}",
                f.iter().map(|r| (&r["check"], &r["message"])).collect::<Vec<_>>()
            )
    };
    assert!(has("unit.share_over_100", "120%"));
    assert!(has("arithmetic.part_exceeds_whole", "“工业增加值” 1200 亿元 exceeds “全省工业总产值” 1000 亿元"));
    assert!(has("arithmetic.parts_exceed_whole", "250 万辆 + 100 万辆"));
    assert!(has("year.target_before_issue", "2014"));
    assert!(has("unit.dimension_mismatch", "“工业总产值” names gross_industrial_output"));
    assert!(has("unit.points_vs_percent", "工业固体废物综合利用率"));
    assert!(has("consistency.enterprise_region", "“一汽富维” (faw_fuwei) is seated in 220100"));
    assert!(has("unit.per_unit_inconsistent", "“吨标准煤” (energy, 1 rows) and “吨标准煤/万元” (energy_per_money"));
    assert!(has("year.baseline_not_before_target", "2021"));
    assert!(has("year.outside_plan_period", "2025"));
    assert!(has("year.observation_after_issue", "2018"));
    assert!(has("arithmetic.range_inverted", "30 to 20"));
    assert!(has("arithmetic.implausible_growth", "75%"));
    assert!(has("consistency.cagr", "implies 14.9% a year, the text says 30%"));
    assert!(has("consistency.cross_document", "25000"));
    assert!(has("consistency.attainment", "missed by 2000"));
    // Every finding names its rows and documents; the clean document raises nothing.
    for r in &f {
        assert!(!r["row_ids"].is_empty() && !r["doc_ids"].is_empty(), "{r:?}");
        if r["check"] != "metadata.curated_vs_detected" {
            assert!(!r["doc_ids"].contains("c-clean"), "clean document flagged: {r:?}");
        }
    }
    // Unacknowledged errors fail the run (after publishing).
    assert!(outcome.failed_validation);
    assert!(dir.join("output/reports/validation.md").exists());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_later_baseline_is_an_observation_and_judges_an_earlier_goal() {
    let (dir, _) = fixture_run("attainment", "errata: []\n", FailOn::Never);
    let csv = |t: &str| read_csv(&dir.join(format!("output/csv/{t}.csv")));
    // a-plan's 由2015年的10000亿元 is published as its observation for 2015, marked baseline.
    let observations = csv("observations");
    let baseline = observations
        .iter()
        .find(|o| o["doc_id"] == "a-plan" && o["stated_as"] == "baseline")
        .unwrap_or_else(|| panic!("no baseline observation: {observations:#?}"));
    assert_eq!((baseline["value"].as_str(), baseline["year"].as_str(), baseline["unit_raw"].as_str()), ("10000", "2015", "亿元"));
    assert!(baseline["quote"].ends_with("由2015年的10000亿元"), "{}", baseline["quote"]);
    // b-review's 2020年…为18000亿元 is a statistic.
    assert!(observations.iter().any(|o| o["doc_id"] == "b-review" && o["stated_as"] == "statistic" && o["year"] == "2020"));
    // Attainment: d-plan's 2015 goal of 12000 against that baseline (not met, 10000/12000),
    // and a-plan's 2020 goal of 20000 against b-review's statistic (not met, 18000/20000).
    let rows: Vec<(String, String, String, String, String)> = csv("attainment")
        .into_iter()
        .map(|r| (r["target_doc_id"].clone(), r["evidence_doc_id"].clone(), r["evidence_kind"].clone(), r["verdict"].clone(), r["ratio"].clone()))
        .collect();
    let row = |a: &str, b: &str, kind: &str, ratio: &str| (a.into(), b.into(), kind.into(), "not_met".to_string(), ratio.to_string());
    assert!(rows.contains(&row("d-plan", "a-plan", "baseline", "0.8333333333333334")), "{rows:#?}");
    assert!(rows.contains(&row("a-plan", "b-review", "statistic", "0.9")), "{rows:#?}");
    // Every evidence_id is an observation row.
    let ids: std::collections::BTreeSet<&str> = observations.iter().map(|o| o["observation_id"].as_str()).collect();
    assert!(csv("attainment").iter().all(|r| ids.contains(r["evidence_id"].as_str())));
}

#[test]
fn errata_acknowledge_and_fail_on_levels() {
    let errata = "errata:\n  - id: share-typo\n    check: unit.share_over_100\n    doc_id: a-plan\n    value: 120\n    should_be: 12\n    reason: planted typo, probably 12 %\n  - id: gone\n    check: unit.share_over_100\n    doc_id: a-plan\n    value: 999\n    reason: a value the text no longer has\n";
    let (dir, outcome) = fixture_run("errata", errata, FailOn::Never);
    let f = findings(&dir);
    let ack = f.iter().find(|r| r["check"] == "unit.share_over_100").unwrap();
    assert_eq!(ack["acknowledged"], "true");
    assert!(ack["message"].contains("planted typo"));
    assert!(f.iter().filter(|r| r["check"] != "unit.share_over_100").all(|r| r["acknowledged"] == "false"));
    let stale = f.iter().find(|r| r["check"] == "errata.stale").expect("a stale erratum is reported");
    assert!(
        stale["message"].contains("errata.yaml:8:")
            && stale["message"].contains("`gone`")
            && stale["severity"] == "error"
    );
    assert!(!outcome.failed_validation, "--fail-on never");
    let s = outcome.published.unwrap();
    assert!(s.acknowledged >= 1 && s.errors >= 1);
    let _ = std::fs::remove_dir_all(dir);
}

/// A measure that many documents give different values is one finding whose row_ids name
/// every row, while its message quotes only the first ten (so findings stay linear in the
/// corpus).
#[test]
fn cross_document_finding_names_every_row_and_quotes_ten() {
    let dir = scratch("cross-many");
    let sources = dir.join("sources");
    std::fs::create_dir_all(&sources).unwrap();
    for k in 0..12 {
        std::fs::write(
            sources.join(format!("plan_{k:02}.txt")),
            format!("关于加快工业发展的意见\n\n到2020年，全省规模以上工业总产值达到{}亿元。\n", 20000 + 1000 * k),
        )
        .unwrap();
    }
    let maps = dir.join("mappings");
    copy_mappings(&maps);
    run_stage(Stage::All, &config(&sources, &maps, &dir)).unwrap();
    let f = findings(&dir);
    let cross: Vec<_> = f.iter().filter(|r| r["check"] == "consistency.cross_document").collect();
    assert_eq!(cross.len(), 1, "{f:#?}");
    assert_eq!(cross[0]["row_ids"].split('|').count(), 12);
    assert_eq!(cross[0]["message"].matches(" says ").count(), 10);
    assert!(cross[0]["message"].ends_with("and 2 more rows (row_ids lists all)"), "{}", cross[0]["message"]);
}
