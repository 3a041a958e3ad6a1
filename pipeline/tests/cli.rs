//! The `policy-pipeline` binary as users run it: help, exit statuses, thread-count
//! determinism, shards merged into the same bytes as one run, Hive-partitioned output.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_policy-pipeline"));
    c.current_dir(repo()).arg("--quiet");
    c
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, d: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out)
            } else {
                out.insert(p.strip_prefix(root).unwrap().display().to_string(), std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn run(args: &[&str], threads: &str) -> std::process::Output {
    bin().args(args).env("RAYON_NUM_THREADS", threads).output().unwrap()
}

#[test]
fn help_lists_stages_and_examples() {
    let out = Command::new(env!("CARGO_BIN_EXE_policy-pipeline")).arg("--help").output().unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    for word in
        ["extract", "normalize", "validate", "publish", "run", "merge", "--sources", "--fail-on", "--shard", "Examples"]
    {
        assert!(help.contains(word), "--help mentions {word}");
    }
}

/// Each subcommand takes only the flags it uses: its help lists them, and a flag of another
/// subcommand is refused with clap's usage error (status 2) before anything runs.
#[test]
fn each_subcommand_has_its_own_flags() {
    let help = |cmd: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_policy-pipeline")).args([cmd, "--help"]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let has = |cmd: &str, flags: &[&str], not: &[&str]| {
        let h = help(cmd);
        for f in flags {
            assert!(h.contains(f), "`{cmd} --help` lists {f}");
        }
        for f in not {
            assert!(!h.contains(f), "`{cmd} --help` does not list {f}");
        }
    };
    has("extract", &["--sources", "--mappings", "--work", "--shard", "--quiet"], &["--out", "--fail-on", "--ckan", "--hive"]);
    has("normalize", &["--sources", "--schemas", "--work"], &["--out", "--shard", "--fail-on"]);
    has("validate", &["--mappings", "--work"], &["--sources", "--schemas", "--out", "--shard"]);
    has("publish", &["--schemas", "--out", "--fail-on", "--verbose", "--hive", "--ckan", "--api-key-env"], &["--sources", "--shard"]);
    has("run", &["--sources", "--schemas", "--out", "--fail-on", "--hive", "--ckan"], &["--shard"]);
    has("merge", &["--out", "--fail-on", "<SHARDS>"], &["--shard <"]);
    for args in [["validate", "--out"], ["extract", "--fail-on"], ["normalize", "--ckan"], ["publish", "--shard"]] {
        let out = bin().args(args).arg("x").output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?} is refused");
        assert!(String::from_utf8_lossy(&out.stderr).contains("unexpected argument"), "{args:?}");
    }
}

#[test]
fn threads_shards_and_merge_give_the_same_bytes() {
    let d = scratch("shards");
    let s = |p: &str| d.join(p).display().to_string();
    assert!(run(&["run", "--out", &s("one"), "--work", &s("w-one")], "1").status.success());
    assert!(run(&["run", "--out", &s("two"), "--work", &s("w-two")], "2").status.success());
    let one = snapshot(&d.join("one"));
    assert_eq!(one, snapshot(&d.join("two")), "1 and 2 threads give identical bytes");
    assert!(run(&["extract", "--shard", "1/2", "--work", &s("w1")], "2").status.success());
    assert!(run(&["extract", "--shard", "2/2", "--work", &s("w2")], "2").status.success());
    let n1 = std::fs::read_dir(d.join("w1/extract")).unwrap().count();
    let n2 = std::fs::read_dir(d.join("w2/extract")).unwrap().count();
    assert_eq!(n1 + n2, 5, "every source in exactly one shard");
    let merged = run(&["merge", &s("w1"), &s("w2"), "--out", &s("merged"), "--work", &s("w-merged")], "2");
    assert!(merged.status.success(), "{}", String::from_utf8_lossy(&merged.stderr));
    assert_eq!(one, snapshot(&d.join("merged")), "merged shards give the bytes of one run");
    let bad = run(&["extract", "--shard", "3/2", "--work", &s("w3")], "1");
    assert!(!bad.status.success() && String::from_utf8_lossy(&bad.stderr).contains("between 1 and N"));
    let _ = std::fs::remove_dir_all(d);
}

#[test]
fn hive_partitions_hold_every_row() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let d = scratch("hive");
    let s = |p: &str| d.join(p).display().to_string();
    assert!(run(&["run", "--hive", "--out", &s("out"), "--work", &s("w")], "2").status.success());
    let csv_rows = std::fs::read_to_string(d.join("out/csv/targets.csv")).unwrap().matches("\r\n").count() - 1;
    let mut rows = 0;
    let mut parts = 0;
    for (path, _) in snapshot(&d.join("out/hive/targets")) {
        assert!(
            path.starts_with("region_code=") && path.contains("/target_year=") && path.ends_with("part-00000.parquet"),
            "{path}"
        );
        let f = std::fs::File::open(d.join("out/hive/targets").join(&path)).unwrap();
        let r = SerializedFileReader::new(f).unwrap();
        let schema = r.metadata().file_metadata().schema_descr();
        assert!(
            schema.columns().iter().all(|c| c.name() != "region_code" && c.name() != "target_year"),
            "partition keys live in folder names"
        );
        rows += r.metadata().file_metadata().num_rows() as usize;
        parts += 1;
    }
    assert!(parts > 1);
    assert_eq!(rows, csv_rows);
    let _ = std::fs::remove_dir_all(d);
}

#[test]
fn findings_exit_three_after_publishing() {
    let d = scratch("exit");
    let s = |p: &str| d.join(p).display().to_string();
    let fixture = repo().join("tests/fixtures/validation/sources");
    let out = run(&["run", "--sources", fixture.to_str().unwrap(), "--out", &s("out"), "--work", &s("w")], "2");
    assert_eq!(out.status.code(), Some(3), "unacknowledged errors fail the run");
    assert!(d.join("out/csv/validation.csv").exists(), "…after the dataset is written");
    let out = run(&["publish", "--fail-on", "never", "--out", &s("out2"), "--work", &s("w")], "2");
    assert_eq!(out.status.code(), Some(0));
    let out = run(&["normalize", "--work", &s("nothing")], "2");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("run `extract` first"));
    let _ = std::fs::remove_dir_all(d);
}

/// The stages after extract hand on row files; publish refuses inputs that do not belong
/// together or are not in published order, names the file and what to rerun, and leaves
/// the published dataset as it was.
#[test]
fn publish_refuses_stale_or_disordered_row_files() {
    let d = scratch("rowfiles");
    let s = |p: &str| d.join(p).display().to_string();
    assert!(run(&["run", "--out", &s("out"), "--work", &s("w")], "2").status.success());
    let before = snapshot(&d.join("out"));
    let publish = || run(&["publish", "--out", &s("out"), "--work", &s("w")], "2");
    let stderr = |o: &std::process::Output| String::from_utf8_lossy(&o.stderr).to_string();

    // normalize rerun, validate not: the findings are of an older normalize output.
    assert!(run(&["normalize", "--work", &s("w")], "2").status.success());
    let out = publish();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("rerun `validate`"), "{}", stderr(&out));
    assert!(run(&["validate", "--work", &s("w")], "2").status.success());
    assert!(publish().status.success());
    assert_eq!(snapshot(&d.join("out")), before, "the same inputs publish the same bytes");

    // Rows out of order: the row and the stages to rerun are named.
    let targets = d.join("w/normalize/targets.jsonl");
    let text = std::fs::read_to_string(&targets).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines.swap(0, 1);
    std::fs::write(&targets, lines.join("\n") + "\n").unwrap();
    let out = publish();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("targets.jsonl") && stderr(&out).contains("row 2 of `targets` is out of published order")
    );

    // A broken line: file and line are named.
    lines.swap(0, 1);
    lines[2] = "{\"target_id\": ";
    std::fs::write(&targets, lines.join("\n") + "\n").unwrap();
    let out = publish();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("targets.jsonl") && stderr(&out).contains("line 3"), "{}", stderr(&out));
    assert_eq!(snapshot(&d.join("out")), before, "a failed publish leaves the dataset as it was");
    let _ = std::fs::remove_dir_all(&d);
}
