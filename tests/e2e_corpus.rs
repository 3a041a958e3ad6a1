//! End-to-end runs on the real corpus: documents, provenance of every quote, known rows,
//! the number audit's coverage, determinism and the safety of a failed run.

mod common;

use common::*;
use std::collections::BTreeMap;

type Rows = Vec<BTreeMap<String, String>>;

fn corpus_output() -> (std::path::PathBuf, Rows, Rows, Rows) {
    let dir = scratch("corpus");
    run(&repo().join("sources"), &dir).expect("pipeline runs on the real corpus");
    let csv = dir.join("output/csv");
    (
        dir.clone(),
        read_csv(&csv.join("documents.csv")),
        read_csv(&csv.join("targets.csv")),
        read_csv(&csv.join("observations.csv")),
    )
}

fn source_text(docs: &Rows, doc_id: &str) -> Vec<char> {
    let d = docs.iter().find(|d| d["doc_id"] == doc_id).unwrap();
    let path = repo().join("sources").join(&d["source_file"]);
    let text = String::from_utf8(std::fs::read(path).unwrap()).unwrap();
    text.trim_start_matches('\u{feff}').chars().collect()
}

#[test]
fn real_corpus_end_to_end() {
    let (dir, docs, targets, observations) = corpus_output();

    // Documents: one row per source, checksums of the bytes as stored, curated metadata.
    assert_eq!(docs.len(), 5);
    for d in &docs {
        // Relative to the sources folder wherever that folder lies (the test runs with
        // --sources given as an absolute path).
        assert!(!d["source_file"].starts_with('/') && !d["source_file"].contains("sources/"), "{}", d["source_file"]);
        let bytes = std::fs::read(repo().join("sources").join(&d["source_file"])).unwrap();
        assert_eq!(d["source_sha256"], pipeline::store::sha256_hex(&bytes));
        assert_eq!(d["region_code"], "220000");
    }
    let pilot = docs.iter().find(|d| d["doc_number"] == "吉政发〔2014〕23号").expect("doc number detected or curated");
    assert_eq!(pilot["issued_on"], "2014-06-24");
    let plan = docs.iter().find(|d| d["title"].contains("十二五")).expect("the 12th five-year plan");
    assert_eq!(
        (plan["period_start"].as_str(), plan["period_end"].as_str(), plan["issued_on"].as_str()),
        ("2011", "2015", "2012-01-29")
    );

    // Every quote is the source text at its offsets (provenance holds for every row).
    for r in targets.iter().chain(&observations) {
        let text = source_text(&docs, &r["doc_id"]);
        let (s, e): (usize, usize) = (r["char_start"].parse().unwrap(), r["char_end"].parse().unwrap());
        let quote: String = text[s..e].iter().collect();
        assert_eq!(quote, r["quote"], "offsets of {:?}", r.get("target_id").or(r.get("observation_id")));
    }

    // Known rows, read the way a careful analyst would.
    let find = |doc: &str, value: &str, unit: &str, year: &str| {
        targets
            .iter()
            .find(|t| t["doc_id"] == doc && t["value"] == value && t["unit_raw"] == unit && t["target_year"] == year)
            .unwrap_or_else(|| panic!("target {value}{unit} {year} in {doc}"))
    };
    let pid = &pilot["doc_id"];
    let t = find(pid, "1500", "亿元", "2017");
    assert_eq!(
        (t["kind"].as_str(), t["baseline_value"].as_str(), t["baseline_year"].as_str()),
        ("level", "955", "2013")
    );
    assert_eq!(t["region_code"], "220200", "the pilot plan is about 吉林市");
    assert_eq!(t["value_std"], "150000000000");
    let g = find(pid, "12", "%", "2020");
    assert_eq!((g["kind"].as_str(), g["baseline_value"].as_str()), ("growth_rate", "955"));
    let cod = find(pid, "0.88", "万吨", "2017");
    assert_eq!(
        (cod["kind"].as_str(), cod["qualifier"].as_str(), cod["indicator_raw"].as_str()),
        ("level", "le", "氨氮")
    );
    let opinions = docs.iter().find(|d| d["issued_on"] == "2014-11-13").unwrap();
    let r = find(&opinions["doc_id"], "2", "个", "2017");
    assert_eq!(
        (r["qualifier"].as_str(), r["value_max"].as_str(), r["year_explicit"].as_str()),
        ("range", "3", "false")
    );
    let c = find(&opinions["doc_id"], "16", "%", "2017");
    assert_eq!((c["kind"].as_str(), c["direction"].as_str(), c["baseline_year"].as_str()), ("change", "down", "2013"));
    let annual = find(&opinions["doc_id"], "1", "万个", "2017");
    assert_eq!((annual["period"].as_str(), annual["qualifier"].as_str()), ("annual", "ge"));

    // Historical statistics are observations, never targets.
    let obs = observations.iter().find(|o| o["value"] == "13213.2").expect("2010 output observation");
    assert_eq!((obs["year"].as_str(), obs["unit_raw"].as_str()), ("2010", "亿元"));
    assert!(!targets.iter().any(|t| t["value"] == "13213.2"));

    // Ids are unique and sorted output is stable.
    let mut ids: Vec<&String> = targets.iter().map(|t| &t["target_id"]).collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "target ids are unique");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn audit_accounts_for_every_digit() {
    let dir = scratch("audit");
    run(&repo().join("sources"), &dir).unwrap();
    let docs = read_csv(&dir.join("output/csv/documents.csv"));
    let audit = read_csv(&dir.join("output/reports/number_audit.csv"));
    for d in &docs {
        let text = source_text(&docs, &d["doc_id"]);
        let spans: Vec<(usize, usize)> = audit
            .iter()
            .filter(|a| a["doc_id"] == d["doc_id"])
            .map(|a| (a["char_start"].parse().unwrap(), a["char_end"].parse().unwrap()))
            .collect();
        for (i, c) in text.iter().enumerate() {
            let digit = c.is_ascii_digit() || ('０'..='９').contains(c);
            if digit {
                assert!(
                    spans.iter().any(|&(s, e)| s <= i && i < e),
                    "{}: digit at char {i} is in no audit class",
                    d["doc_id"]
                );
            }
        }
        // …and each number is in exactly one class.
        let mut sorted = spans.clone();
        sorted.sort();
        assert!(sorted.windows(2).all(|w| w[0].1 <= w[1].0), "{}: audit spans overlap", d["doc_id"]);
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn same_input_same_bytes() {
    let a = scratch("det-a");
    let b = scratch("det-b");
    run(&repo().join("sources"), &a).unwrap();
    run(&repo().join("sources"), &b).unwrap();
    let (sa, sb) = (snapshot(&a.join("output")), snapshot(&b.join("output")));
    assert_eq!(sa.keys().collect::<Vec<_>>(), sb.keys().collect::<Vec<_>>());
    for (k, v) in &sa {
        assert!(v == &sb[k], "{k} differs between two runs");
    }
    let _ = (std::fs::remove_dir_all(a), std::fs::remove_dir_all(b));
}

#[test]
fn failed_run_leaves_previous_output_intact() {
    let dir = scratch("atomic");
    run(&repo().join("sources"), &dir).unwrap();
    let before = snapshot(&dir.join("output"));
    // A broken curated layer makes the next run fail…
    let maps = dir.join("mappings");
    copy_mappings(&maps);
    std::fs::write(maps.join("units.yaml"), "units: [oops").unwrap();
    let cfg = config(&repo().join("sources"), &maps, &dir);
    let err = pipeline::run_stage(pipeline::Stage::All, &cfg).unwrap_err().to_string();
    assert!(err.contains("units.yaml"), "{err}");
    // …and the published dataset is exactly what it was.
    assert_eq!(snapshot(&dir.join("output")), before);
    // A schema that disagrees with the data fails publish, naming table and column, and
    // writes nothing.
    let schemas = dir.join("schemas");
    std::fs::create_dir_all(&schemas).unwrap();
    for e in std::fs::read_dir(repo().join("schemas")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, schemas.join(p.file_name().unwrap())).unwrap();
    }
    let t = std::fs::read_to_string(schemas.join("targets.yaml")).unwrap();
    std::fs::write(schemas.join("targets.yaml"), t.replace("- name: quote\n", "- name: quote_text\n")).unwrap();
    let mut cfg = config(&repo().join("sources"), &repo().join("mappings"), &dir);
    cfg.schemas = schemas;
    let err = pipeline::run_stage(pipeline::Stage::Publish, &cfg).unwrap_err().to_string();
    assert!(err.contains("targets") && err.contains("quote"), "{err}");
    assert_eq!(snapshot(&dir.join("output")), before);
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "no staging folder is left behind");
    let _ = std::fs::remove_dir_all(dir);
}
