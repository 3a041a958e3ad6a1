#!/usr/bin/env python3
"""Print field disagreements between published targets and gold (developer aid).

Matches like tools/score.py (document, value, unit, year, nearest quote) and prints, for
each matched pair, the fields that differ: kind, qualifier, baseline, aspirational,
year_explicit. usage: field_diff.py OUTPUT_DIR SHARED_DIR
"""
import csv, glob, hashlib, json, os, sys

out, shared = sys.argv[1], sys.argv[2]
docs = list(csv.DictReader(open(os.path.join(out, 'csv', 'documents.csv'), encoding='utf-8')))
by_sha = {d['source_sha256']: d['doc_id'] for d in docs}
preds = list(csv.DictReader(open(os.path.join(out, 'csv', 'targets.csv'), encoding='utf-8')))
used = set()
for g in sorted(glob.glob(os.path.join(shared, 'gold', '*.jsonl'))):
    for line in open(g, encoding='utf-8'):
        r = json.loads(line)
        if r['type'] != 'target' or r.get('borderline'):
            continue
        raw = open(os.path.join(shared, 'sources', r['doc'] + '.txt'), 'rb').read()
        doc = by_sha.get(hashlib.sha256(raw).hexdigest())
        gpos = raw.decode('utf-8').lstrip('\ufeff').find(r['quote'])
        best = None
        for i, p in enumerate(preds):
            if i in used or p['doc_id'] != doc or abs(float(p['value']) - r['value']) > 1e-6 * max(1, abs(r['value'])):
                continue
            if p['unit_raw'] != r['unit'].replace('％', '%') or (p['target_year'] and int(p['target_year'])) != r['target_year']:
                continue
            d = abs(int(p['char_start']) - gpos)
            if d <= 300 and (best is None or d < best[0]):
                best = (d, i)
        if best is None:
            continue
        used.add(best[1])
        p = preds[best[1]]
        diffs = []
        for f, pv, gv in [('kind', p['kind'], r['kind']), ('dir', p['direction'] or None, r.get('direction')),
                          ('qual', p['qualifier'], r['qualifier']),
                          ('bval', float(p['baseline_value']) if p['baseline_value'] else None, r.get('baseline_value')),
                          ('byear', int(p['baseline_year']) if p['baseline_year'] else None, r.get('baseline_year')),
                          ('asp', p['aspirational'] == 'true', bool(r.get('aspirational'))),
                          ('expl', p['year_explicit'] == 'true', bool(r.get('year_explicit', True)))]:
            if pv != gv and not (isinstance(pv, float) and gv is not None and abs(pv - gv) < 1e-6):
                diffs.append(f'{f}: {pv} vs gold {gv}')
        if diffs:
            print(f"{r['doc'][:3]} {r['value']}{r['unit']} | {r['quote'][:50]} | " + '; '.join(diffs))
