#!/usr/bin/env python3
"""Canonical-indicator coverage of a published output folder.

Prints the share of target rows (and, for information, observation rows) that carry an
indicator_id from mappings/indicators.yaml, the share per document, the unmapped rows by
value kind, and the most frequent unmapped indicator_raw phrases — the curator's to-do
list for mappings/indicators.yaml. Standard library only.

    python3 tests/indicator_coverage.py output
    python3 tests/indicator_coverage.py .work/corpus/out --top 40 --min 0.9

With --min, the exit status is 1 when the target share is below it (for CI gates).
"""

import argparse
import collections
import csv
import os
import sys


def read_rows(path):
    """The rows of a published CSV, or a clear error naming the file and what to do."""
    try:
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
    except FileNotFoundError:
        sys.exit(f"{path}: not found; run the pipeline first (e.g. `policy-pipeline run`) "
                 "and pass the folder it wrote (the one holding csv/)")
    if rows and "indicator_id" not in rows[0]:
        sys.exit(f"{path}: line 1 has no indicator_id column; is this a published targets/observations table?")
    return rows


def mapped(row):
    return bool((row.get("indicator_id") or "").strip())


def share_line(label, rows):
    n = len(rows)
    m = sum(1 for r in rows if mapped(r))
    pct = 100.0 * m / n if n else 0.0
    return m, n, f"{label:<14} {m:>5} / {n:<5} with indicator_id  ({pct:5.1f} %)"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", help="output folder (holds csv/targets.csv)")
    ap.add_argument("--top", type=int, default=25, help="unmapped phrases to list (default 25)")
    ap.add_argument("--min", type=float, default=None, help="fail when the target share is below this (0..1)")
    ap.add_argument("--per-doc", action="store_true", help="also print the share per document")
    args = ap.parse_args()

    targets = read_rows(os.path.join(args.out, "csv", "targets.csv"))
    obs_path = os.path.join(args.out, "csv", "observations.csv")
    observations = read_rows(obs_path) if os.path.exists(obs_path) else []

    print(f"indicator coverage of {args.out}")
    m, n, line = share_line("targets", targets)
    print(line)
    if observations:
        print(share_line("observations", observations)[2])

    unmapped = [r for r in targets if not mapped(r)]
    by_kind = collections.Counter(r.get("kind") or "?" for r in unmapped)
    if unmapped:
        print("unmapped targets by kind: " + ", ".join(f"{k} {c}" for k, c in by_kind.most_common()))

    if args.per_doc:
        per_doc = collections.defaultdict(lambda: [0, 0])
        for r in targets:
            per_doc[r["doc_id"]][1] += 1
            per_doc[r["doc_id"]][0] += mapped(r)
        print("per document:")
        for doc, (dm, dn) in sorted(per_doc.items(), key=lambda x: (x[1][0] / x[1][1], x[0])):
            print(f"  {100.0 * dm / dn:5.1f} %  {dm:>4} / {dn:<4} {doc}")

    phrases = collections.Counter((r.get("indicator_raw") or "").strip() for r in unmapped)
    if phrases and args.top > 0:
        print(f"most frequent unmapped target phrases (top {args.top}):")
        for phrase, c in sorted(phrases.items(), key=lambda x: (-x[1], x[0]))[: args.top]:
            kinds = sorted({r.get("kind") or "?" for r in unmapped if (r.get("indicator_raw") or "").strip() == phrase})
            print(f"  {c:>4}  {phrase or '(empty)'}  [{', '.join(kinds)}]")

    if args.min is not None and n and m / n < args.min:
        print(f"FAIL: target share {m / n:.3f} is below --min {args.min}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
