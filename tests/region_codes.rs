//! Every region_code the pipeline publishes is a six-digit GB/T 2260 code from
//! mappings/gbt2260.csv (100000 = the whole country), on the Jilin corpus and on the
//! outside corpus of other provinces' texts.

mod common;

use common::*;
use std::collections::BTreeSet;

fn gbt_codes() -> BTreeSet<String> {
    let mut r = csv::Reader::from_path(repo().join("mappings/gbt2260.csv")).unwrap();
    let mut codes: BTreeSet<String> = r.records().map(|x| x.unwrap()[0].to_string()).collect();
    // Codes of the corpus years that GB/T 2260 has since retired (公主岭 under 四平, 扶余县,
    // 九台市) stay valid for the documents that used them; regions.yaml lists them.
    let yaml = std::fs::read_to_string(repo().join("mappings/regions.yaml")).unwrap();
    for line in yaml.lines().filter_map(|l| l.trim().strip_prefix("- code: \"")) {
        let code = line.trim_end_matches('"');
        if code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()) {
            codes.insert(code.to_string());
        }
    }
    codes
}

#[test]
fn every_published_region_code_is_a_gbt2260_code() {
    let codes = gbt_codes();
    for (name, sources) in [("seed", repo().join("sources")), ("outside", repo().join("tests/corpus/sources"))] {
        let dir = scratch(&format!("regions-{name}"));
        run(&sources, &dir).expect("corpus runs");
        let mut seen = 0;
        for table in ["documents", "targets", "observations", "projects", "enterprises"] {
            for row in read_csv(&dir.join(format!("output/csv/{table}.csv"))) {
                let code = &row["region_code"];
                if !code.is_empty() {
                    seen += 1;
                    assert!(codes.contains(code), "{name} {table}: region_code {code} is not a GB/T 2260 code");
                }
            }
        }
        assert!(seen > 100, "{name}: only {seen} rows carry a region");
    }
}
