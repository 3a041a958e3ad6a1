#!/usr/bin/env python3
"""Stdlib check of an outside gold set (tests/corpus, tests/holdout, tests/blind,
tests/blind2): every gold quote is a verbatim substring of its source, every doc has a
source, every region is in regions.json, sources are <= 3000 chars.

Usage: python3 tests/check_gold_quotes.py tests/blind [tests/blind2 ...]"""
import json, pathlib, sys

bad = 0
for here in map(pathlib.Path, sys.argv[1:]):
    regions = json.loads((here / "regions.json").read_text(encoding="utf-8"))
    for g in sorted((here / "gold").glob("*.jsonl")):
        src = here / "sources" / (g.stem + ".txt")
        if not src.exists():
            print("MISSING SOURCE", g.name); bad += 1; continue
        text = src.read_text(encoding="utf-8")
        if len(text) > 3000:
            print("TOO LONG", src.name, len(text)); bad += 1
        for i, line in enumerate(g.read_text(encoding="utf-8").splitlines(), 1):
            r = json.loads(line)
            if r.get("doc") != g.stem:
                print("DOC MISMATCH", g.name, i); bad += 1
            if r["quote"] not in text:
                print("QUOTE NOT FOUND", g.name, i, r["quote"]); bad += 1
            reg = r.get("region")
            if reg is not None and reg not in regions:
                print("REGION NOT MAPPED", g.name, i, reg); bad += 1
print("OK" if not bad else f"{bad} problem(s)")
sys.exit(1 if bad else 0)
