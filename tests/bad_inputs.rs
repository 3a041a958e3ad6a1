//! Bad input gets a clear error naming the file (and line for YAML) and what to do; a
//! text without a documents.yaml entry still gets a documents row.

mod common;

use common::*;
use std::path::Path;

fn err_for(sources: &Path, dir: &Path) -> String {
    run(sources, dir).expect_err("the run must fail").to_string()
}

fn one_doc(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let src = dir.join("sources");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(src.join(name), bytes).unwrap();
    src
}

#[test]
fn undecodable_files_are_named() {
    let cases: &[(&str, &[u8], &str)] = &[
        ("empty.txt", b"", "empty"),
        ("scan.txt", b"%PDF-1.4\n\0\x01binary", "binary"),
        ("broken.txt", b"\xE5\xB7\xA5\xE4\xB8\xFF\xFF", "UTF-8"),
        ("dots.txt", "。，；、".as_bytes(), "no readable text"),
    ];
    for (name, bytes, needle) in cases {
        let dir = scratch(&format!("bad-{name}"));
        let src = one_doc(&dir, name, bytes);
        let e = err_for(&src, &dir);
        assert!(e.contains(name) && e.contains(needle), "{name}: {e}");
        assert!(!dir.join("output").exists(), "{name}: nothing is published");
        let _ = std::fs::remove_dir_all(dir);
    }
}

#[test]
fn gb18030_and_crlf_documents_without_yaml_entry() {
    let dir = scratch("gbk");
    let text = "吉林省人民政府关于印发\r\n某市工业转型实施方案的通知\r\n\r\n一、主要目标\r\n到2020年，全市规模以上工业总产值达到８０００亿元，年均增长１０％。\r\n2015年，全市规模以上工业总产值为5000亿元。\r\n\r\n吉林省人民政府\r\n2016年3月1日\r\n";
    let (bytes, _, _) = encoding_rs::GB18030.encode(text);
    let src = one_doc(&dir, "new_doc.txt", &bytes);
    run(&src, &dir).expect("a GB18030 file with CRLF and no documents.yaml runs");
    let docs = read_csv(&dir.join("output/csv/documents.csv"));
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["doc_id"], "new-doc");
    assert_eq!(docs[0]["issued_on"], "2016-03-01");
    let targets = read_csv(&dir.join("output/csv/targets.csv"));
    let t = targets.iter().find(|t| t["value"] == "8000").expect("the 8000亿元 target");
    assert_eq!(
        (t["target_year"].as_str(), t["unit_raw"].as_str(), t["quote"].as_str()),
        ("2020", "亿元", "全市规模以上工业总产值达到８０００亿元")
    );
    let chars: Vec<char> = text.chars().collect();
    let (s, e): (usize, usize) = (t["char_start"].parse().unwrap(), t["char_end"].parse().unwrap());
    assert_eq!(chars[s..e].iter().collect::<String>(), t["quote"], "offsets point into the decoded text, CRLF kept");
    let obs = read_csv(&dir.join("output/csv/observations.csv"));
    assert!(obs.iter().any(|o| o["value"] == "5000" && o["year"] == "2015"));
    let _ = std::fs::remove_dir_all(dir);
}

fn with_documents_yaml(name: &str, yaml: &str) -> String {
    let dir = scratch(name);
    let src = one_doc(&dir, "a.txt", "到2020年，工业总产值达到100亿元。".as_bytes());
    std::fs::write(src.join("documents.yaml"), yaml).unwrap();
    let e = err_for(&src, &dir);
    let _ = std::fs::remove_dir_all(dir);
    e
}

#[test]
fn documents_yaml_errors() {
    let e = with_documents_yaml("yaml-missing", "documents:\n  - doc_id: a\n    file: missing.txt\n");
    assert!(e.contains("documents.yaml") && e.contains("line 3") && e.contains("does not exist"), "{e}");
    let e = with_documents_yaml("yaml-escape", "documents:\n  - doc_id: a\n    file: ../../etc/passwd\n");
    assert!(e.contains("outside the sources folder"), "{e}");
    let e = with_documents_yaml("yaml-unknown", "documents:\n  - doc_id: a\n    file: a.txt\n    titel: x\n");
    assert!(e.contains("documents.yaml:4:") && e.contains("unknown field `titel`"), "{e}");
    let e =
        with_documents_yaml("yaml-dup", "documents:\n  - doc_id: a\n    file: a.txt\n  - doc_id: a\n    file: a.txt\n");
    assert!(e.contains("duplicate doc_id `a`") && e.contains("line 4"), "{e}");
    let e = with_documents_yaml("yaml-date", "documents:\n  - doc_id: a\n    file: a.txt\n    issued_on: 2014-13-01\n");
    assert!(e.contains("not an ISO date"), "{e}");
}

#[cfg(unix)]
#[test]
fn symlinked_source_is_refused() {
    let dir = scratch("symlink");
    let src = dir.join("sources");
    std::fs::create_dir_all(&src).unwrap();
    std::os::unix::fs::symlink("/etc/hostname", src.join("link.txt")).unwrap();
    let e = err_for(&src, &dir);
    assert!(e.contains("link.txt") && e.contains("symbolic link"), "{e}");
    let _ = std::fs::remove_dir_all(dir);
}

fn broken_mapping(name: &str, file: &str, edit: impl Fn(String) -> String) -> String {
    let dir = scratch(name);
    let maps = dir.join("mappings");
    copy_mappings(&maps);
    let text = std::fs::read_to_string(maps.join(file)).unwrap();
    std::fs::write(maps.join(file), edit(text)).unwrap();
    let cfg = config(&repo().join("sources"), &maps, &dir);
    let e = pipeline::run_stage(pipeline::Stage::All, &cfg).expect_err("broken mapping").to_string();
    let _ = std::fs::remove_dir_all(dir);
    e
}

#[test]
fn curated_layer_errors_name_file_and_line() {
    let e = broken_mapping("map-key", "units.yaml", |t| t.replacen("    factor:", "    factr:", 1));
    assert!(e.contains("units.yaml:") && e.contains("unknown field `factr`"), "{e}");
    let e = broken_mapping("map-type", "regions.yaml", |t| t.replacen("    aliases: [", "    aliases: 5\n    x: [", 1));
    assert!(e.contains("regions.yaml:"), "{e}");
    let e = broken_mapping("map-factor", "units.yaml", |t| t.replacen("factor: 1.0\n", "factor: -1.0\n", 1));
    assert!(e.contains("units.yaml") && e.contains("positive"), "{e}");
    let e = broken_mapping("map-dup", "industries.yaml", |t| t + "  - id: automotive\n    name_zh: 汽车\n");
    assert!(e.contains("industries.yaml") && e.contains("duplicate industry id `automotive`"), "{e}");
    let e = broken_mapping("map-alias", "enterprises.yaml", |t| {
        t + "  - id: impostor\n    name_zh: 冒名公司\n    aliases: [一汽]\n"
    });
    assert!(e.contains("enterprises.yaml") && e.contains("alias `一汽` is claimed by both"), "{e}");
    // An empty alias would match everywhere: refused at the entry's line.
    let e = broken_mapping("map-blank", "enterprises.yaml", |t| {
        t.replacen("aliases: [一汽, 一汽集团,", "aliases: [\"\", 一汽, 一汽集团,", 1)
    });
    assert!(e.contains("enterprises.yaml") && e.contains("line 45: `faw_group` has an empty name or alias"), "{e}");
}
