//! Row ids are derived from what a row says, not where it stands: inserting a paragraph
//! into the middle of a document (or fixing a typo elsewhere) keeps every other id.

mod common;

use common::*;
use std::collections::BTreeSet;
use std::path::Path;

fn ids(dir: &Path, table: &str, column: &str) -> BTreeSet<String> {
    read_csv(&dir.join(format!("output/csv/{table}.csv"))).into_iter().map(|r| r[column].clone()).collect()
}

#[test]
fn inserting_a_paragraph_keeps_the_other_ids() {
    let before = scratch("ids-before");
    copy_sources(&before.join("sources"));
    run(&before.join("sources"), &before).expect("corpus runs");

    // The same corpus with a new goal paragraph in the middle of the largest document.
    let after = scratch("ids-after");
    copy_sources(&after.join("sources"));
    let largest = std::fs::read_dir(after.join("sources"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .max_by_key(|p| std::fs::metadata(p).unwrap().len())
        .unwrap();
    let text = std::fs::read_to_string(&largest).unwrap();
    let mid = text.as_bytes()[..text.len() / 2].iter().rposition(|b| *b == b'\n').unwrap() + 1;
    let inserted = "到2020年，全省新建智能工厂达到20个，工业机器人密度提高到每万人100台。\n";
    std::fs::write(&largest, format!("{}{inserted}{}", &text[..mid], &text[mid..])).unwrap();
    run(&after.join("sources"), &after).expect("edited corpus runs");

    for (table, column) in [("targets", "target_id"), ("observations", "observation_id"), ("projects", "project_id")] {
        let (old, new) = (ids(&before, table, column), ids(&after, table, column));
        assert!(!old.is_empty(), "{table} is empty");
        let kept = old.intersection(&new).count();
        assert!(
            kept * 100 >= old.len() * 95,
            "{table}: only {kept} of {} ids survive a paragraph inserted into {}",
            old.len(),
            largest.display()
        );
    }
    // The inserted goal is there, with ids of its own.
    let new_targets = read_csv(&after.join("output/csv/targets.csv"));
    assert!(new_targets.iter().any(|r| r["quote"].contains("智能工厂") && r["value"] == "20"));
    let all: Vec<String> = new_targets.iter().map(|r| r["target_id"].clone()).collect();
    assert_eq!(all.len(), all.iter().collect::<BTreeSet<_>>().len(), "target ids are unique");
}
