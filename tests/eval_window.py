#!/usr/bin/env python3
"""Score output/ against gold restricted to the annotated part of each document.

Gold files may cover only part of a document (003a.jsonl stops about half-way through
003). The official scorer counts every prediction in such a document, so predictions in
the unannotated part show up as false positives. This script copies the published CSVs,
drops target/observation/mention rows that start after the last gold quote of a partially
annotated document (plus a margin), and runs the official scorer on the copy.

usage: eval_window.py OUTPUT_DIR SHARED_DIR [score.py options]
"""
import csv, glob, json, os, shutil, subprocess, sys, tempfile, hashlib

out, shared, rest = sys.argv[1], sys.argv[2], sys.argv[3:]
src_dir = os.path.join(shared, 'sources')
ends = {}
for g in glob.glob(os.path.join(shared, 'gold', '*.jsonl')):
    for line in open(g, encoding='utf-8'):
        if not line.strip():
            continue
        r = json.loads(line)
        text = open(os.path.join(src_dir, r['doc'] + '.txt'), encoding='utf-8').read().lstrip('\ufeff')
        p = text.find(r['quote'])
        if p >= 0:
            ends[r['doc']] = max(ends.get(r['doc'], 0), p + len(r['quote']))
csvdir = os.path.join(out, 'csv')
docs = list(csv.DictReader(open(os.path.join(csvdir, 'documents.csv'), encoding='utf-8')))
limit = {}
for d in docs:
    for stem, end in ends.items():
        raw = open(os.path.join(src_dir, stem + '.txt'), 'rb').read()
        text = raw.decode('utf-8').lstrip('\ufeff')
        if hashlib.sha256(raw).hexdigest() == d['source_sha256'] and end < 0.6 * len(text):
            limit[d['doc_id']] = end + 300
tmp = tempfile.mkdtemp()
shutil.copytree(csvdir, os.path.join(tmp, 'csv'))
for name in ('targets.csv', 'observations.csv', 'mentions.csv'):
    p = os.path.join(tmp, 'csv', name)
    rows = list(csv.DictReader(open(p, encoding='utf-8', newline='')))
    if not rows:
        continue
    keep = [r for r in rows if r['doc_id'] not in limit or int(r['char_start'] or 0) <= limit[r['doc_id']]]
    with open(p, 'w', encoding='utf-8', newline='') as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(keep)
print('windowed documents:', limit, file=sys.stderr)
sys.exit(subprocess.call([sys.executable, os.path.join(shared, 'tools', 'score.py'), tmp] + glob.glob(os.path.join(shared, 'gold', '*.jsonl')) + rest))
