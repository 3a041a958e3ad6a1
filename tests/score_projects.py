#!/usr/bin/env python3
"""Score the published projects against the project gold (tests/gold/projects-*.jsonl).

A predicted project is one row of output/csv/projects.csv with a mention
(project_mentions.csv) in the gold's document, starting inside one of the gold's scope
line ranges. It matches a gold project when their names overlap: bigram Dice >= 0.5, or
one name (at least four characters) contains the other; gold aliases count as names.
Matching is one-to-one (greedy, best overlap first), so a project published twice for
one document counts once as a hit and once as a false positive. Predictions that match
only borderline gold are ignored both ways.

Also reported on every document, annotated or not: rows, completion-year coverage and
duplicate names within a document (the same measures the gold cannot see).

Usage: score_projects.py OUTPUT_DIR GOLD.jsonl... [--sources DIR] [--show-misses]
Standard library only.
"""
import argparse
import csv
import json
import pathlib
import sys
from collections import defaultdict


def bigrams(s):
    return {s[i:i + 2] for i in range(len(s) - 1)}


def overlap(a, b):
    """Dice coefficient of character bigrams, or 1.0 when one name contains the other."""
    a, b = fold(a), fold(b)
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 4 and short in long_:
        return 1.0
    x, y = bigrams(a), bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def fold(s):
    """Full-width ASCII to half-width, and drop spaces and quotation marks."""
    out = []
    for ch in s:
        o = ord(ch)
        if 0xFF01 <= o <= 0xFF5E:
            ch = chr(o - 0xFEE0)
        if ch in " 　“”\"'":
            continue
        out.append(ch)
    return "".join(out)


def line_starts(text):
    starts, pos = [0], 0
    for line in text.split("\n"):
        pos += len(line) + 1
        starts.append(pos)
    return starts


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def load_output(out):
    docs = {pathlib.Path(r["source_file"]).stem: r["doc_id"] for r in read_csv(out / "csv/documents.csv")}
    projects = {r["project_id"]: r for r in read_csv(out / "csv/projects.csv")}
    mentions = read_csv(out / "csv/project_mentions.csv")
    return docs, projects, mentions


def load_gold(paths):
    gold, scopes = defaultdict(list), defaultdict(list)
    for p in paths:
        for n, line in enumerate(open(p, encoding="utf-8"), 1):
            if not line.strip():
                continue
            r = json.loads(line)
            if r["type"] == "scope":
                scopes[r["doc"]].append(tuple(r["lines"]))
            elif r["type"] == "project":
                r["_where"] = f"{p}:{n}"
                gold[r["doc"]].append(r)
    return gold, scopes


def score_doc(golds, preds):
    """One-to-one greedy matching on name overlap; returns (tp, fp, fn, misses, false)."""
    pairs = []
    for gi, g in enumerate(golds):
        names = [g["name"], *g.get("aliases", [])]
        for pi, p in enumerate(preds):
            s = max(overlap(n, p["name"]) for n in names)
            if s >= 0.5:
                pairs.append((s, gi, pi))
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    g_used, p_used = {}, {}
    for s, gi, pi in pairs:
        if gi not in g_used and pi not in p_used:
            g_used[gi], p_used[pi] = pi, s
    tp = sum(1 for gi in g_used if not golds[gi].get("borderline"))
    fn = [g for gi, g in enumerate(golds) if not g.get("borderline") and gi not in g_used]
    fp = []
    for pi, p in enumerate(preds):
        if pi in p_used:
            continue
        near = [gi for _, gi, pj in pairs if pj == pi]
        # A second row for a matched project is false; one resembling only borderline gold is ignored.
        if not near or any(not golds[gi].get("borderline") for gi in near):
            fp.append(p)
    # Hits on borderline gold are neither counted nor held against the prediction.
    return tp, len(fp), len(fn), fn, fp


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=pathlib.Path)
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--sources", type=pathlib.Path, default=pathlib.Path("sources"))
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--json", type=pathlib.Path, help="write the figures here")
    a = ap.parse_args()
    docs, projects, mentions = load_output(a.out)
    gold, scopes = load_gold(a.gold)
    TP = FP = FN = 0
    misses, falses = [], []
    for doc, golds in sorted(gold.items()):
        doc_id = docs.get(doc)
        if doc_id is None:
            sys.exit(f"score_projects: gold document {doc} is not in {a.out}/csv/documents.csv")
        text = (a.sources / f"{doc}.txt").read_text(encoding="utf-8-sig")
        starts = line_starts(text)
        spans = [(starts[lo - 1], starts[hi]) for lo, hi in scopes.get(doc, [(1, len(starts) - 1)])]
        in_scope = sorted({m["project_id"] for m in mentions if m["doc_id"] == doc_id
                           and any(lo <= int(m["char_start"]) < hi for lo, hi in spans)})
        preds = [projects[pid] for pid in in_scope]
        tp, fp, fn, miss, false = score_doc(golds, preds)
        TP, FP, FN = TP + tp, FP + fp, FN + fn
        misses += [(doc, g["name"]) for g in miss]
        falses += [(doc, p["name"]) for p in false]
    p = TP / (TP + FP) if TP + FP else 0.0
    r = TP / (TP + FN) if TP + FN else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"projects (tests/gold): precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}  (tp {TP}, fp {FP}, fn {FN})")
    figures = {"precision": p, "recall": r, "f1": f1, "tp": TP, "fp": FP, "fn": FN}
    figures.update(whole_corpus(projects, mentions))
    print(f"projects, all documents: {figures['rows']} rows, completion_year on {figures['completion_year_share']:.1%}, "
          f"{figures['duplicate_names_within_doc']} duplicate names within a document")
    if a.show_misses:
        for doc, n in misses:
            print(f"  MISS  {doc}  {n}")
        for doc, n in falses:
            print(f"  FALSE {doc}  {n}")
    if a.json:
        a.json.write_text(json.dumps(figures, indent=1))


def whole_corpus(projects, mentions):
    rows = list(projects.values())
    with_year = sum(1 for r in rows if r.get("completion_year"))
    names = defaultdict(set)
    for m in mentions:
        names[m["doc_id"]].add(m["project_id"])
    dup = 0
    for doc, pids in names.items():
        seen = defaultdict(int)
        for pid in pids:
            seen[fold(projects[pid]["name"])] += 1
        dup += sum(n - 1 for n in seen.values() if n > 1)
    return {"rows": len(rows), "completion_year_share": with_year / len(rows) if rows else 0.0,
            "duplicate_names_within_doc": dup}


if __name__ == "__main__":
    main()
