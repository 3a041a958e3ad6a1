#!/usr/bin/env python3
"""Peer measurements for bench/run.py; runs inside the peer virtualenv (.work/bench/venv).

usage: peer.py --sources DIR --gold FILE.jsonl [--gold ...] --json OUT

Peers:
  * Microsoft Recognizers-Text, Chinese number-with-unit (recognize_dimension,
    recognize_currency, recognize_age, recognize_temperature with culture zh-cn), run line by
    line over every source text.
  * cn2an.transform(text, "cn2an") (Chinese numerals -> Arabic digits), line by line.

Throughput: bytes of UTF-8 source text / seconds spent in the calls (imports and the
recognizers' one-time model set-up are timed apart).

Gold (records of type target and observation): a value counts as found by Recognizers-Text
when an entity whose span overlaps an occurrence of the gold quote in the source text has a
parsed number equal to the gold value (relative 1e-6). The recognizer resolves magnitude
words into the number (5000亿元 -> 500000000000 CNY), so a second count also accepts the gold
value times the magnitude prefix of the gold unit (亿元 -> x1e8, 万吨 -> x1e4). cn2an has no
recogniser: its count transforms the gold quote and accepts any number token
([0-9.]+, full-width digits mapped to ASCII) equal to the gold value, i.e. "cn2an + a regex"
(an upper bound of numeral reading: no unit, no choice among the quote's numbers); a second
count also requires the gold unit to follow the number right after it.
"""
import argparse
import glob
import json
import os
import re
import sys
import time
import warnings

t0 = time.perf_counter()
errors = {}
try:
    from recognizers_number_with_unit import (recognize_age, recognize_currency,
                                              recognize_dimension, recognize_temperature)
    RECOGNIZERS = [recognize_dimension, recognize_currency, recognize_age, recognize_temperature]
except Exception as e:  # noqa: BLE001 - report any import failure as data
    RECOGNIZERS = None
    errors['recognizers'] = f'{type(e).__name__}: {e}'
t_import_rt = time.perf_counter() - t0
t0 = time.perf_counter()
try:
    import cn2an
except Exception as e:  # noqa: BLE001
    cn2an = None
    errors['cn2an'] = f'{type(e).__name__}: {e}'
t_import_cn2an = time.perf_counter() - t0

CULTURE = 'zh-cn'
TO_ASCII = str.maketrans('０１２３４５６７８９．', '0123456789.')
MAG = {'十': 10, '百': 100, '千': 1000, '万': 10_000, '亿': 100_000_000}


def version(dist):
    try:
        from importlib.metadata import version as v
        return v(dist)
    except Exception:  # noqa: BLE001
        return None


def close(a, b):
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def unit_scale(unit):
    s = 1
    for c in unit or '':
        if c not in MAG:
            break
        s *= MAG[c]
    return s


def to_float(x):
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


def read_sources(src):
    docs = {}
    for p in sorted(glob.glob(os.path.join(src, '*.txt'))):
        raw = open(p, 'rb').read()
        docs[os.path.basename(p)[:-4]] = raw.decode('utf-8', errors='replace').lstrip('\ufeff')
    return docs


def lines_with_offsets(text):
    off = 0
    for line in text.split('\n'):
        if line.strip():
            yield off, line
        off += len(line) + 1


def run_recognizers(docs):
    # one-time model set-up (regex compilation) on a short string
    t = time.perf_counter()
    for f in RECOGNIZERS:
        f('增长到5000亿元', CULTURE)
    init = time.perf_counter() - t
    ents, nbytes, t = {}, 0, time.perf_counter()
    for stem, text in docs.items():
        out = ents.setdefault(stem, [])
        for off, line in lines_with_offsets(text):
            nbytes += len(line.encode('utf-8'))
            for f in RECOGNIZERS:
                for r in f(line, CULTURE):
                    res = r.resolution or {}
                    out.append((off + r.start, off + r.end + 1, to_float(res.get('value')), r.type_name, r.text))
    secs = time.perf_counter() - t
    return ents, {'bytes': nbytes, 'seconds': secs, 'mb_per_s': nbytes / 1e6 / secs if secs else None,
                  'init_seconds': init, 'entities': sum(len(v) for v in ents.values())}


def run_cn2an(docs):
    nbytes, t = 0, time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        for text in docs.values():
            for _, line in lines_with_offsets(text):
                nbytes += len(line.encode('utf-8'))
                cn2an.transform(line, 'cn2an')
    secs = time.perf_counter() - t
    return {'bytes': nbytes, 'seconds': secs, 'mb_per_s': nbytes / 1e6 / secs if secs else None}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--sources', default='sources')
    ap.add_argument('--gold', action='append', default=[])
    ap.add_argument('--json', required=True)
    a = ap.parse_args()
    docs = read_sources(a.sources)
    gold = []
    for g in a.gold:
        for line in open(g, encoding='utf-8'):
            if line.strip():
                r = json.loads(line)
                if r.get('type') in ('target', 'observation') and r.get('value') is not None:
                    gold.append(r)
    # the annotated part of each gold document: up to the last gold quote (+300 characters)
    window = {}
    for r in gold:
        i = docs.get(r['doc'], '').find(r['quote'])
        if i >= 0:
            window[r['doc']] = max(window.get(r['doc'], 0), i + len(r['quote']) + 300)
    out = {'errors': errors, 'python': sys.version.split()[0], 'gold_records': len(gold),
           'gold_window_chars': window,
           'gold_by_type': {k: sum(1 for r in gold if r['type'] == k) for k in ('target', 'observation')}}

    if RECOGNIZERS:
        print('  peer: Recognizers-Text over the real corpus ...', file=sys.stderr)
        ents, thr = run_recognizers(docs)
        thr['import_seconds'] = t_import_rt
        found_exact = {'target': 0, 'observation': 0}
        found_scaled = {'target': 0, 'observation': 0}
        for r in gold:
            text = docs.get(r['doc'], '')
            spans, i = [], text.find(r['quote'])
            while i >= 0:
                spans.append((i, i + len(r['quote'])))
                i = text.find(r['quote'], i + 1)
            gv = float(r['value'])
            cands = [v for (s, e, v, _, _) in ents.get(r['doc'], []) if v is not None
                     and any(s < qe and e > qs for qs, qe in spans)]
            if any(close(v, gv) for v in cands):
                found_exact[r['type']] += 1
            if any(close(v, gv) or close(v, gv * unit_scale(r.get('unit'))) for v in cands):
                found_scaled[r['type']] += 1
        emitted = sum(1 for stem, end in window.items() for e in ents.get(stem, []) if e[0] < end and e[2] is not None)
        out['recognizers'] = {
            'package': 'recognizers-text-number-with-unit', 'version': version('recognizers-text-number-with-unit'),
            'culture': CULTURE, 'functions': [f.__name__ for f in RECOGNIZERS],
            'throughput': thr, 'found_exact': found_exact, 'found_scaled': found_scaled,
            'emitted_in_gold_window': emitted,
        }
    if cn2an:
        print('  peer: cn2an over the real corpus ...', file=sys.stderr)
        thr = run_cn2an(docs)
        thr['import_seconds'] = t_import_cn2an
        found = {'target': 0, 'observation': 0}
        found_unit = {'target': 0, 'observation': 0}
        emitted = 0
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            for stem, end in window.items():
                for off, line in lines_with_offsets(docs[stem]):
                    if off < end:
                        conv = cn2an.transform(line, 'cn2an').translate(TO_ASCII)
                        emitted += len(re.findall(r'\d+(?:\.\d+)?', conv))
            for r in gold:
                conv = cn2an.transform(r['quote'], 'cn2an').translate(TO_ASCII).replace('％', '%')
                unit = (r.get('unit') or '').replace('％', '%')
                gv = float(r['value'])
                toks = [(to_float(m.group(0)), m.end()) for m in re.finditer(r'\d+(?:\.\d+)?', conv)]
                if any(v is not None and close(v, gv) for v, _ in toks):
                    found[r['type']] += 1
                if any(v is not None and close(v, gv) and conv.startswith(unit, e) for v, e in toks):
                    found_unit[r['type']] += 1
        out['cn2an'] = {'package': 'cn2an', 'version': version('cn2an'), 'throughput': thr,
                        'found': found, 'found_with_unit': found_unit, 'emitted_in_gold_window': emitted}
    with open(a.json, 'w', encoding='utf-8') as f:
        json.dump(out, f, ensure_ascii=False, indent=1)


if __name__ == '__main__':
    main()
