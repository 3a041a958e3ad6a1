//! Hostile and broken inputs: other encodings, mixed line endings, a 50 MB single-line
//! file, enormous numbers, 10 000-item lists, deep nesting. Each gives correct output or a
//! clear, named error; none panics. The big inputs run through the whole pipeline, so a
//! quadratic step anywhere would show up as a hang of this test.

mod common;

use common::*;
use std::path::Path;

fn run_one(
    name: &str,
    file: &str,
    bytes: &[u8],
) -> (std::path::PathBuf, Result<pipeline::Outcome, pipeline::PipelineError>) {
    let dir = scratch(name);
    let src = dir.join("sources");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(src.join(file), bytes).unwrap();
    let r = run(&src, &dir);
    (dir, r)
}

fn targets(dir: &Path) -> Vec<std::collections::BTreeMap<String, String>> {
    read_csv(&dir.join("output/csv/targets.csv"))
}

const GOAL: &str = "一、主要目标\n到2020年，全省规模以上工业总产值达到3000亿元，年均增长8％。\n";

#[test]
fn other_encodings_and_line_endings() {
    // UTF-16 LE with BOM.
    let mut utf16 = vec![0xFF, 0xFE];
    for u in GOAL.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    // Big5 (traditional script).
    let (big5, _, _) =
        encoding_rs::BIG5.encode("一、主要目標\n到2020年，全省規模以上工業總產值達到3000億元，年均增長8％。\n");
    // Mixed line endings: LF, CRLF and a lone CR.
    let mixed = "一、主要目标\r\n到2020年，全省规模以上工业总产值达到3000亿元。\r二、措施\n到2020年，年均增长8％。\n";
    for (name, bytes) in [("utf16", utf16), ("big5", big5.into_owned()), ("mixed", mixed.as_bytes().to_vec())] {
        let (dir, r) = run_one(name, "doc.txt", &bytes);
        r.unwrap_or_else(|e| panic!("{name}: {e}"));
        let t = targets(&dir);
        assert!(t.iter().any(|r| r["value"] == "3000" && r["target_year"] == "2020"), "{name}: {t:?}");
        let _ = std::fs::remove_dir_all(dir);
    }
}

#[test]
fn broken_bytes_are_named_errors() {
    let mut mid = GOAL.as_bytes().to_vec();
    mid.splice(20..20, [0xFF, 0xFE, 0xFD]);
    let mut nul = GOAL.as_bytes().to_vec();
    nul.insert(10, 0);
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    for (name, bytes, needle) in [("mid", mid, "UTF-8"), ("nul", nul, "binary"), ("png", png, "binary")] {
        let (dir, r) = run_one(name, &format!("{name}.txt"), &bytes);
        let e = r.expect_err(name).to_string();
        assert!(e.contains(&format!("{name}.txt")) && e.contains(needle), "{name}: {e}");
        let _ = std::fs::remove_dir_all(dir);
    }
}

#[test]
fn enormous_numbers_long_lists_and_nesting() {
    let mut text = String::from(GOAL);
    text.push_str(&format!("到2020年，产值达到{}亿元。\n", "9".repeat(400)));
    let list: Vec<String> = (1..=10_000).map(|i| format!("{i}个")).collect();
    text.push_str(&format!("到2020年，培育{}。\n", list.join("、")));
    text.push_str(&format!("{}到2020年达到5家{}。\n", "（".repeat(10_000), "）".repeat(10_000)));
    let (dir, r) = run_one("huge", "doc.txt", text.as_bytes());
    r.expect("runs");
    let t = targets(&dir);
    assert!(t.iter().any(|r| r["value"] == "3000"));
    assert!(t.iter().any(|r| r["value"] == "10000" && r["unit_raw"] == "个"), "the last item of a 10 000-item list");
    let audit = read_csv(&dir.join("output/reports/number_audit.csv"));
    let huge = audit.iter().find(|a| a["text"].len() >= 400).expect("the 400-digit number is in the audit");
    assert_eq!(huge["class"], "code", "a number beyond f64 is kept, as a code, not dropped");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn fifty_megabyte_single_line() {
    // Real paragraphs of the corpus glued into one 50 MB line with no line break.
    let text = std::fs::read_to_string(repo().join("sources/004_b673ae223e3e8e04.txt")).unwrap();
    let one_line: String = text.lines().map(str::trim).collect();
    let mut big = String::with_capacity(50 << 20);
    while big.len() < 50 << 20 {
        big.push_str(&one_line);
    }
    let (dir, r) = run_one("fifty", "big.txt", big.as_bytes());
    r.expect("a 50 MB one-line file runs");
    // The same text repeated: each goal is one row, its repetitions its restatements, and
    // they reach the end of the file (nothing is cut off or skipped).
    let t = targets(&dir);
    let spans: Vec<usize> = t
        .iter()
        .flat_map(|r| r["restatements"].split('|').filter(|s| !s.is_empty()).map(str::to_string).collect::<Vec<_>>())
        .map(|s| s.split_once('-').unwrap().0.parse().unwrap())
        .collect();
    assert!(t.len() + spans.len() > 1000, "targets found throughout the file: {} rows, {} restatements", t.len(), spans.len());
    let chars = big.chars().count();
    assert!(spans.iter().any(|&s| s > chars - chars / 50), "restatements reach the last 2 % of the file");
    let _ = std::fs::remove_dir_all(dir);
}

#[cfg(unix)]
#[test]
fn killed_runs_leave_output_intact_and_the_next_run_recovers() {
    use std::process::Command;
    let dir = scratch("killed");
    // A corpus big enough that a run takes a while: the real texts, many times over.
    let src = dir.join("sources");
    std::fs::create_dir_all(&src).unwrap();
    for e in std::fs::read_dir(repo().join("sources")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            let t = std::fs::read_to_string(&p).unwrap();
            for k in 0..8 {
                std::fs::write(src.join(format!("{k}_{}", p.file_name().unwrap().to_string_lossy())), t.repeat(6))
                    .unwrap();
            }
        }
    }
    let out = dir.join("output");
    // The release binary `make test` builds first (a relative CARGO_TARGET_DIR is relative to
    // the repository, where tests run).
    let target =
        std::env::var("CARGO_TARGET_DIR").map(std::path::PathBuf::from).unwrap_or_else(|_| repo().join("target"));
    let bin = repo().join(target).join("release/policy-pipeline");
    assert!(bin.exists(), "build the release binary first (make build): {}", bin.display());
    let run_cmd = || {
        Command::new(&bin)
            .args(["run", "--quiet", "--fail-on", "never", "--sources"])
            .arg(&src)
            .arg("--out")
            .arg(&out)
            .arg("--work")
            .arg(dir.join("work"))
            .current_dir(repo())
            .spawn()
            .unwrap()
    };
    assert!(run_cmd().wait().unwrap().success());
    let before = snapshot(&out);
    // SIGKILL at different moments: during extract, normalize, validate or publish.
    for ms in [50u64, 300, 700, 1200, 2000] {
        let mut child = run_cmd();
        std::thread::sleep(std::time::Duration::from_millis(ms));
        let _ = child.kill();
        let _ = child.wait();
        let now = snapshot(&out);
        assert_eq!(
            now.keys().collect::<Vec<_>>(),
            before.keys().collect::<Vec<_>>(),
            "killed after {ms} ms: published files intact"
        );
        assert!(now == before, "killed after {ms} ms: published bytes unchanged");
    }
    // The published checksums verify.
    let sums = String::from_utf8(std::fs::read(out.join("SHA256SUMS")).unwrap()).unwrap();
    for line in sums.lines() {
        let (hash, file) = line.split_once("  ").unwrap();
        assert_eq!(pipeline::store::sha256_hex(&std::fs::read(out.join(file)).unwrap()), hash, "{file}");
    }
    // The next run recovers without manual cleanup and leaves nothing behind.
    assert!(run_cmd().wait().unwrap().success());
    assert_eq!(snapshot(&out), before);
    let leftovers: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.contains(".tmp-") || n.contains(".old-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn unwritable_output_is_a_named_error() {
    let dir = scratch("unwritable");
    // The output's parent is a file: nothing can be created there, even as root.
    std::fs::write(dir.join("blocker"), "x").unwrap();
    let mut cfg = config(&repo().join("sources"), &repo().join("mappings"), &dir);
    cfg.out = dir.join("blocker/output");
    let e = pipeline::run_stage(pipeline::Stage::All, &cfg).unwrap_err().to_string();
    assert!(e.contains("blocker"), "{e}");
    let _ = std::fs::remove_dir_all(dir);
}

/// Unmounts a scratch tmpfs when the test ends, pass or fail.
#[cfg(target_os = "linux")]
struct Mount(std::path::PathBuf);

#[cfg(target_os = "linux")]
impl Drop for Mount {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

#[cfg(target_os = "linux")]
#[test]
fn disk_full_leaves_previous_output_intact() {
    let dir = scratch("diskfull");
    let disk = dir.join("disk");
    std::fs::create_dir_all(&disk).unwrap();
    // A 2 MB filesystem: room for one small dataset, not for the full corpus beside it.
    let mounted =
        std::process::Command::new("mount").args(["-t", "tmpfs", "-o", "size=2m", "tmpfs"]).arg(&disk).status();
    if !mounted.is_ok_and(|s| s.success()) {
        eprintln!("NOTE: cannot mount a tmpfs here (needs root); disk-full case not exercised");
        return;
    }
    let _guard = Mount(disk.clone());
    let small = dir.join("small");
    std::fs::create_dir_all(&small).unwrap();
    std::fs::copy(repo().join("sources/001_4dcf1c496abfbdab.txt"), small.join("001.txt")).unwrap();
    let mut cfg = config(&small, &repo().join("mappings"), &dir);
    cfg.out = disk.join("output");
    pipeline::run_stage(pipeline::Stage::All, &cfg).expect("a small dataset fits");
    let before = snapshot(&cfg.out);
    cfg.sources = repo().join("sources");
    let e = pipeline::run_stage(pipeline::Stage::All, &cfg).expect_err("the full corpus does not fit").to_string();
    assert!(e.contains("No space left") || e.contains("space"), "{e}");
    assert_eq!(snapshot(&cfg.out), before, "the previous dataset is untouched");
    let leftovers: Vec<_> = std::fs::read_dir(&disk).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers, vec![std::ffi::OsString::from("output")], "no staging folder left on the full disk");
    drop(_guard);
    let _ = std::fs::remove_dir_all(dir);
}
