#!/usr/bin/env python3
"""Generate a synthetic corpus of policy texts from the real ones, reproducibly.

usage: python3 bench/synth.py --size-mb 100 --out DIR [--sources sources] [--mappings mappings]
                              [--file-mb 1] [--seed 20240601]

The real documents (sources/*.txt) are cut into runs of consecutive lines ("blocks", 5-40
lines, so headings stay with their paragraphs). Every synthetic file starts with the header
block of a real document (title, document number, date) followed by blocks sampled from all
documents until the file reaches --file-mb. Each line is varied:

  * numbers (ASCII or full-width digits, decimals kept with the same number of places) are
    scaled by a random factor 0.5-2 (one per line, so ranges stay ordered); outline markers
    (1. / （2）) and digits glued to Latin letters (T700, CO2, H7) are left alone;
  * years (four-digit 1978-2035) are shifted so that the line's years fall in 2015..2025,
    keeping their order and spacing (2016-2020 stays a five-year span);
  * Jilin region names (长春/吉林市/四平 ... from mappings/regions.yaml) and enterprise names
    (aliases from mappings/enterprises.yaml) that occur in the texts are swapped for another
    name of the same kind.

The same seed, sources and mappings give byte-identical files. MB = 10^6 bytes. Files are
named synth_00000.txt, ...; no documents.yaml is written (the pipeline then derives the
metadata from the text). A manifest.json records the parameters and totals.
Only the Python standard library is used.
"""
import argparse
import hashlib
import json
import os
import random
import re
import sys

SEED = 20240601
FW_DIGITS = '０１２３４５６７８９'
TO_ASCII = str.maketrans(FW_DIGITS + '．', '0123456789.')
TO_FULL = str.maketrans('0123456789.', FW_DIGITS + '．')
NUM_RE = re.compile(r'[0-9０-９]+(?:[.．][0-9０-９]+)?')
LATIN = re.compile(r'[A-Za-zＡ-Ｚａ-ｚ]')
# Words that contain a region name but must not be touched.
PROTECTED = ['长白山', '吉林省', '长吉图', '长春新区']


def read_text(path):
    raw = open(path, 'rb').read()
    for enc in ('utf-8-sig', 'gb18030'):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            pass
    return raw.decode('utf-8', errors='replace')


def load_sources(src_dir):
    docs = []
    for name in sorted(os.listdir(src_dir)):
        if name.endswith('.txt'):
            text = read_text(os.path.join(src_dir, name)).replace('\r\n', '\n')
            docs.append((name, text.split('\n')))
    if not docs:
        sys.exit(f'synth.py: no *.txt in {src_dir}')
    return docs


def yaml_entries(path):
    """Very small reader for the mapping files: yields dicts with the scalar fields and
    `aliases` (flow list) of each `- ` entry. Enough for regions.yaml / enterprises.yaml."""
    if not os.path.exists(path):
        return
    cur = None
    for line in open(path, encoding='utf-8'):
        m = re.match(r'^\s*-\s+(\w+):\s*(.*)$', line)
        if m:
            if cur:
                yield cur
            cur = {}
            key, val = m.groups()
        else:
            m = re.match(r'^\s+(\w+):\s*(.*)$', line)
            if not m or cur is None:
                continue
            key, val = m.groups()
        val = val.strip()
        if key == 'aliases':
            inner = val.strip('[]')
            cur['aliases'] = [a.strip().strip('"\'') for a in inner.split(',') if a.strip()]
        else:
            cur[key] = val.strip('"\'')
    if cur:
        yield cur


def name_groups(mappings_dir, corpus):
    """Names that occur in the corpus, grouped so that a swap stays grammatical."""
    groups = {}
    for e in yaml_entries(os.path.join(mappings_dir, 'regions.yaml')):
        code = e.get('code', '')
        if not code.startswith('22') or e.get('level') not in ('prefecture', 'county'):
            continue
        for a in e.get('aliases', []):
            if len(a) >= 2 and a in corpus:
                suffix = a[-1] if a[-1] in '市县州区' else 'bare'
                groups.setdefault(('region', e['level'], suffix), set()).add(a)
    for e in yaml_entries(os.path.join(mappings_dir, 'enterprises.yaml')):
        for a in e.get('aliases', []):
            if len(a) >= 2 and a in corpus:
                suffix = a[-2:] if a[-2:] in ('公司', '集团') else 'other'
                groups.setdefault(('enterprise', suffix), set()).add(a)
    # a name listed in two groups keeps the first; groups of one cannot swap
    seen, out = set(), {}
    for k in sorted(groups):
        names = sorted(n for n in groups[k] if n not in seen)
        seen.update(names)
        if len(names) >= 2:
            out[k] = names
    return out


class Varier:
    def __init__(self, rng, groups):
        self.rng = rng
        self.group_of = {}
        for k, names in groups.items():
            for n in names:
                self.group_of[n] = names
        words = sorted(set(self.group_of) | set(PROTECTED), key=lambda s: (-len(s), s))
        self.name_re = re.compile('|'.join(map(re.escape, words))) if words else None

    def _name(self, m):
        w = m.group(0)
        names = self.group_of.get(w)
        return self.rng.choice(names) if names else w

    def line(self, line):
        rng = self.rng
        nums = list(NUM_RE.finditer(line))
        if not nums:
            return self.name_re.sub(self._name, line) if self.name_re else line
        years = []
        for m in nums:
            s = m.group(0).translate(TO_ASCII)
            if '.' not in s and len(s) == 4 and 1978 <= int(s) <= 2035:
                years.append(int(s))
        shift = 0
        if years:
            lo, hi = min(years), max(years)
            span = min(hi - lo, 10)
            shift = rng.randint(2015, 2025 - span) - lo
        factor = rng.uniform(0.5, 2.0)  # one factor per line keeps ranges (3-5个) ordered
        out, last = [], 0
        stripped_start = len(line) - len(line.lstrip(' \u3000\t'))
        for m in nums:
            a, b = m.span()
            tok = m.group(0)
            out.append(line[last:a])
            last = b
            before = line[a - 1] if a > 0 else ''
            after = line[b] if b < len(line) else ''
            if LATIN.match(before) or LATIN.match(after):
                out.append(tok)          # model names, chemical formulas: T700, CO2
                continue
            if a == stripped_start and after in '.．、':
                out.append(tok)          # outline marker 1. / 2、
                continue
            if before in '（(' and after in '）)':
                out.append(tok)          # outline marker （2）
                continue
            full = any(c in FW_DIGITS for c in tok)
            s = tok.translate(TO_ASCII)
            if '.' not in s and len(s) == 4 and 1978 <= int(s) <= 2035:
                new = str(min(2025, max(2015, int(s) + shift)))
            elif '.' in s:
                places = len(s.split('.')[1])
                new = f'{float(s) * factor:.{places}f}'
            else:
                v = int(s)
                new = str(max(1, round(v * factor))) if v else '0'
            out.append(new.translate(TO_FULL) if full else new)
        out.append(line[last:])
        line = ''.join(out)
        return self.name_re.sub(self._name, line) if self.name_re else line


def header_len(lines):
    """Lines of the document header: up to the first line that looks like body text."""
    n = 0
    for i, l in enumerate(lines[:40]):
        n = i + 1
        if len(l.strip()) > 80:
            break
    return max(n, 1)


def generate(size_mb, out_dir, src_dir='sources', mappings_dir='mappings', file_mb=1.0, seed=SEED, log=None):
    rng = random.Random(seed)
    docs = load_sources(src_dir)
    corpus = '\n'.join('\n'.join(lines) for _, lines in docs)
    groups = name_groups(mappings_dir, corpus)
    varier = Varier(rng, groups)
    os.makedirs(out_dir, exist_ok=True)
    for f in os.listdir(out_dir):
        if f.startswith('synth_') and f.endswith('.txt'):
            os.remove(os.path.join(out_dir, f))
    total_target = int(size_mb * 1_000_000)
    file_target = int(file_mb * 1_000_000)
    written, idx, files = 0, 0, []
    while written < total_target:
        target = min(file_target, total_target - written)
        name, lines = docs[rng.randrange(len(docs))]
        parts = [varier.line(l) for l in lines[:header_len(lines)]]
        size = sum(len(p.encode('utf-8')) + 1 for p in parts)
        while size < target:
            name, lines = docs[rng.randrange(len(docs))]
            start = rng.randrange(len(lines))
            for l in lines[start:start + rng.randint(5, 40)]:
                p = varier.line(l)
                parts.append(p)
                size += len(p.encode('utf-8')) + 1
        data = ('\n'.join(parts) + '\n').encode('utf-8')
        fname = f'synth_{idx:05d}.txt'
        with open(os.path.join(out_dir, fname), 'wb') as f:
            f.write(data)
        files.append(fname)
        written += len(data)
        idx += 1
        if log and idx % 10 == 0:
            log(f'  synth: {idx} files, {written / 1e6:.0f} MB')
    manifest = {
        'seed': seed, 'size_mb': size_mb, 'file_mb': file_mb, 'files': len(files), 'bytes': written,
        'sources': [n for n, _ in docs],
        'sources_sha256': hashlib.sha256(corpus.encode('utf-8')).hexdigest(),
        'synth_sha256': hashlib.sha256(open(__file__, 'rb').read()).hexdigest(),
        'name_groups': {'/'.join(k): len(v) for k, v in groups.items()},
    }
    with open(os.path.join(out_dir, 'manifest.json'), 'w', encoding='utf-8') as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
    return manifest


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--size-mb', type=float, required=True, help='total size (MB = 10^6 bytes)')
    ap.add_argument('--out', required=True, help='target folder (synth_*.txt in it are replaced)')
    ap.add_argument('--sources', default='sources')
    ap.add_argument('--mappings', default='mappings')
    ap.add_argument('--file-mb', type=float, default=1.0)
    ap.add_argument('--seed', type=int, default=SEED)
    a = ap.parse_args()
    m = generate(a.size_mb, a.out, a.sources, a.mappings, a.file_mb, a.seed,
                 log=lambda s: print(s, file=sys.stderr))
    print(f"wrote {m['files']} files, {m['bytes']} bytes to {a.out}", file=sys.stderr)


if __name__ == '__main__':
    main()
