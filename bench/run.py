#!/usr/bin/env python3
"""Benchmark the pipeline stage by stage; compare with peer tools. Entry point of `make bench`.

usage: python3 bench/run.py [--sizes 10,100] [--repeat 5] [--stage-timeout S] [--mem-limit-gb G]
                            [--no-real] [--no-peer] [--keep] [--fresh] [--report-only]

Corpora: the real one (sources/, every stage run --repeat times, median time) and synthetic
ones of the given sizes in MB (bench/synth.py, fixed seed; generated once into
.work/bench/corpus-<N>mb and reused while seed, sources and synth.py are unchanged). Each
stage (extract, normalize, validate, publish) runs as its own process with the same --work
and --out folders, `--quiet --fail-on never`, under `/usr/bin/time -v` (for peak RSS and CPU
time; without it, os.wait4's rusage of the child). A stage that fails, times out
(--stage-timeout) or runs out of memory (address-space limit --mem-limit-gb) is recorded as
such; when validate does not finish, publish is still timed on normalize's output (labelled).

Peers (unless --no-peer; need PyPI): Microsoft Recognizers-Text's Chinese number-with-unit
recogniser and cn2an, installed from bench/requirements.txt into .work/bench/venv and
measured by bench/peer.py on the real corpus and the gold set (../shared/gold/*.jsonl or
$GOLD_DIR).

Writes bench/results.json and bench/RESULTS.md. Results of corpora not measured in this run
(e.g. the 1 GB row of `make bench-1g`) are kept from earlier runs and marked with their date,
unless --fresh. Progress goes to stderr. Only the Python standard library is used.
"""
import argparse
import csv
import datetime
import glob
import hashlib
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
STAGES = ['extract', 'normalize', 'validate', 'publish']
MB = 1_000_000
T_START = time.perf_counter()
sys.path.insert(0, HERE)
import synth  # noqa: E402


def log(msg):
    print(f'[{time.perf_counter() - T_START:7.1f}s] {msg}', file=sys.stderr, flush=True)


def sh(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


# ---------------------------------------------------------------- machine facts

def machine_facts(binary):
    cpu = None
    try:
        for line in open('/proc/cpuinfo'):
            if line.startswith('model name'):
                cpu = line.split(':', 1)[1].strip()
                break
    except OSError:
        pass
    mem = None
    try:
        for line in open('/proc/meminfo'):
            if line.startswith('MemTotal'):
                mem = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    git = sh(['git', 'rev-parse', '--short', 'HEAD'], cwd=REPO).stdout.strip() or None
    dirty = bool(sh(['git', 'status', '--porcelain', '--untracked-files=no'], cwd=REPO).stdout.strip())
    rustc = sh(['rustc', '--version']).stdout.strip() if shutil.which('rustc') else None
    return {
        'date': datetime.datetime.now().astimezone().isoformat(timespec='seconds'),
        'nproc': os.cpu_count(),
        'cpu_model': cpu,
        'mem_total_gib': mem,
        'kernel': platform.release(),
        'python': platform.python_version(),
        'rustc': rustc,
        'git_commit': git,
        'git_dirty': dirty,
        'binary_sha256': hashlib.sha256(open(binary, 'rb').read()).hexdigest()[:16],
        'loadavg_start': loadavg(),
    }


def busy_cpu_s():
    """CPU seconds all processes have used since boot (from /proc/stat), or None."""
    try:
        f = open('/proc/stat').readline().split()
        user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in f[1:9])
        return (user + nice + system + irq + softirq + steal) / os.sysconf('SC_CLK_TCK')
    except (OSError, ValueError, IndexError):
        return None


def loadavg():
    try:
        return [float(x) for x in open('/proc/loadavg').read().split()[:3]]
    except (OSError, ValueError):
        return None


# ---------------------------------------------------------------- measuring one stage

def have_gnu_time():
    if os.path.exists('/usr/bin/time'):
        return True
    if os.geteuid() == 0 and shutil.which('apt-get'):
        log('/usr/bin/time missing: apt-get install -y time')
        try:
            subprocess.run(['apt-get', 'install', '-y', '-q', 'time'], capture_output=True, timeout=300)
        except (OSError, subprocess.TimeoutExpired):
            pass
    return os.path.exists('/usr/bin/time')


def parse_time_v(text):
    out = {}
    for line in text.splitlines():
        line = line.strip()
        if line.startswith('Maximum resident set size (kbytes):'):
            out['rss_kb'] = int(line.rsplit(':', 1)[1])
        elif line.startswith('User time (seconds):'):
            out['user_s'] = float(line.rsplit(':', 1)[1])
        elif line.startswith('System time (seconds):'):
            out['sys_s'] = float(line.rsplit(':', 1)[1])
        elif line.startswith('Exit status:'):
            out['exit'] = int(line.rsplit(':', 1)[1])
        elif line.startswith('Command terminated by signal'):
            out['signal'] = int(line.rsplit(' ', 1)[1])
    return out


def run_stage(binary, stage, sources, work, out, timeout, mem_limit, gnu_time, tmpdir):
    """One stage as its own process. Returns a dict with seconds, rss_mb, cpu_s, status."""
    # Each stage takes only its own flags (`policy-pipeline STAGE --help`).
    cmd = [binary, stage, '--work', work, '--quiet']
    if stage in ('extract', 'normalize', 'run'):
        cmd += ['--sources', sources]
    if stage in ('publish', 'run'):
        cmd += ['--out', out, '--fail-on', 'never']
    tfile = os.path.join(tmpdir, 'time.txt')
    if gnu_time:
        cmd = ['/usr/bin/time', '-v', '-o', tfile] + cmd

    def limit():
        os.setsid()
        if mem_limit:
            resource.setrlimit(resource.RLIMIT_AS, (mem_limit, mem_limit))

    errf = open(os.path.join(tmpdir, 'stderr.txt'), 'w+')
    busy0 = busy_cpu_s()
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=errf, preexec_fn=limit)
    timed_out, rusage, rc = False, None, None
    deadline = t0 + timeout
    while True:
        pid, status, ru = os.wait4(p.pid, os.WNOHANG)
        if pid:
            rc, rusage = os.waitstatus_to_exitcode(status), ru
            break
        if time.perf_counter() > deadline:
            timed_out = True
            # Kill the pipeline process itself (the child of /usr/bin/time), so that time
            # still reports its peak RSS; then, if need be, the process group started here.
            kids = []
            try:
                kids = [int(x) for x in open(f'/proc/{p.pid}/task/{p.pid}/children').read().split()]
            except (OSError, ValueError):
                pass
            for k in kids if gnu_time else [p.pid]:
                try:
                    os.kill(k, 9)
                except ProcessLookupError:
                    pass
            end = time.perf_counter() + 5
            while time.perf_counter() < end:
                pid, status, ru = os.wait4(p.pid, os.WNOHANG)
                if pid:
                    break
                time.sleep(0.05)
            if not pid:
                os.killpg(p.pid, 9)  # the process group this function started (setsid)
                pid, status, ru = os.wait4(p.pid, 0)
            rc, rusage = os.waitstatus_to_exitcode(status), ru
            break
        time.sleep(0.002 if time.perf_counter() - t0 < 1 else 0.05)
    secs = time.perf_counter() - t0
    busy1 = busy_cpu_s()
    p.returncode = rc
    errf.seek(0)
    stderr = errf.read()
    errf.close()
    r = {'seconds': secs}
    tv = parse_time_v(open(tfile).read()) if gnu_time and os.path.exists(tfile) else {}
    if tv:
        r['rss_mb'] = tv.get('rss_kb', 0) / 1024
        r['cpu_s'] = tv.get('user_s', 0) + tv.get('sys_s', 0)
        rc = tv.get('exit', rc) if 'signal' not in tv else -tv['signal']
        r['measured_by'] = '/usr/bin/time -v'
    elif rusage is not None:  # no GNU time (or killed with it): the child's own rusage
        r['rss_mb'] = rusage.ru_maxrss / 1024
        r['cpu_s'] = rusage.ru_utime + rusage.ru_stime
        r['measured_by'] = 'os.wait4 rusage'
    if os.path.exists(tfile):
        os.remove(tfile)
    if busy0 is not None and busy1 is not None and 'cpu_s' in r:
        # CPU that other processes on the machine used meanwhile (their load skews wall time)
        r['others_cpu_s'] = max(0.0, busy1 - busy0 - r['cpu_s'])
    r['exit'] = rc
    oom = 'memory allocation of' in stderr or 'out of memory' in stderr.lower() or 'Cannot allocate memory' in stderr
    if timed_out:
        r['status'] = f'timeout after {timeout:.0f} s'
    elif rc == 0:
        r['status'] = 'ok'
    elif oom:
        r['status'] = f'out of memory (address-space limit {mem_limit / 2**30:.0f} GiB)' if mem_limit else 'out of memory'
    elif rc in (-9, 137):
        r['status'] = 'killed by SIGKILL (likely the kernel OOM killer)'
    elif rc is not None and rc < 0:
        r['status'] = f'killed by signal {-rc}'
    else:
        r['status'] = f'failed (exit {rc})'
    if r['status'] != 'ok':
        lines = [l for l in stderr.strip().splitlines() if l.strip() and not l.startswith(('\t', '  '))]
        key = [l for l in lines if 'memory allocation of' in l or l.startswith('error') or 'panicked' in l]
        r['stderr_tail'] = '\n'.join((key or lines)[-3:])[-600:]
    return r


def dir_size(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            try:
                total += os.path.getsize(os.path.join(root, f))
            except OSError:
                pass
    return total


def csv_rows(path):
    try:
        with open(path, encoding='utf-8-sig', newline='') as f:
            return sum(1 for _ in csv.reader(f)) - 1
    except OSError:
        return None


def bench_corpus(name, sources, binary, args, base, repeat, timeout):
    files = sorted(glob.glob(os.path.join(sources, '*.txt')))
    nbytes = sum(os.path.getsize(f) for f in files)
    corpus = {'name': name, 'sources': os.path.relpath(sources, REPO), 'docs': len(files),
              'bytes': nbytes, 'mb': nbytes / MB, 'repeat': repeat, 'stage_timeout_s': timeout,
              'measured_on': datetime.datetime.now().astimezone().isoformat(timespec='seconds'),
              'binary': args.binary_id, 'stages': {}}
    work, out, tmp = os.path.join(base, 'work'), os.path.join(base, 'out'), os.path.join(base, 'tmp')
    for d in (work, out):
        shutil.rmtree(d, ignore_errors=True)
    os.makedirs(tmp, exist_ok=True)
    runs = {s: [] for s in STAGES}
    for rep in range(repeat):
        stopped = False
        for stage in STAGES:
            note = None
            if stopped:
                runs[stage].append({'status': 'skipped (an earlier stage failed)', 'seconds': None})
                continue
            if stage == 'publish' and runs['validate'][-1]['status'] != 'ok':
                src = os.path.join(work, 'normalize.json')
                if os.path.exists(src):
                    shutil.copyfile(src, os.path.join(work, 'validate.json'))
                    note = 'validate did not finish: publish timed on normalize output (no findings)'
            log(f'{name}: {stage}' + (f' ({rep + 1}/{repeat})' if repeat > 1 else '') + ' ...')
            r = run_stage(binary, stage, sources, work, out, timeout, args.mem_limit, args.gnu_time, tmp)
            if note:
                r['note'] = note
            runs[stage].append(r)
            log(f'{name}: {stage} {r["status"]}, {r["seconds"]:.2f} s, peak RSS {r.get("rss_mb", 0):.0f} MB')
            if r['status'] != 'ok' and stage in ('extract', 'normalize'):
                stopped = True
            if stage == 'validate' and r['status'] != 'ok' and not os.path.exists(os.path.join(work, 'normalize.json')):
                stopped = True
        if rep == 0:
            corpus['work_bytes'] = {f: dir_size(os.path.join(work, f)) for f in sorted(os.listdir(work))} if os.path.isdir(work) else {}
            corpus['out_bytes'] = dir_size(out)
            corpus['rows'] = {t: csv_rows(os.path.join(out, 'csv', f'{t}.csv')) for t in
                              ('targets', 'observations', 'mentions', 'projects', 'validation')}
    for stage in STAGES:
        rs = [r for r in runs[stage] if r.get('seconds') is not None]
        ok = [r for r in rs if r['status'] == 'ok']
        if ok and len(ok) == len(runs[stage]):
            secs = statistics.median(r['seconds'] for r in ok)
            s = {'status': 'ok', 'seconds': secs, 'seconds_all': [round(r['seconds'], 4) for r in ok],
                 'rss_mb': max(r.get('rss_mb', 0) for r in ok),
                 'cpu_s': statistics.median(r.get('cpu_s', 0) for r in ok)}
            if all('others_cpu_s' in r for r in ok):
                s['others_cpu_s'] = statistics.median(r['others_cpu_s'] for r in ok)
            for k in ('note', 'measured_by'):
                if ok[0].get(k):
                    s[k] = ok[0][k]
        else:
            bad = next(r for r in runs[stage] if r['status'] != 'ok')
            s = dict(bad)
        if s.get('status') == 'ok' and s.get('seconds'):
            s['mb_per_s'] = corpus['mb'] / s['seconds']
            s['docs_per_s'] = corpus['docs'] / s['seconds']
            s['s_per_mb'] = s['seconds'] / corpus['mb']
        corpus['stages'][stage] = s
    done = [corpus['stages'][s] for s in STAGES]
    if all(s['status'] == 'ok' for s in done):
        total = sum(s['seconds'] for s in done)
        corpus['total'] = {'status': 'ok', 'seconds': total, 'mb_per_s': corpus['mb'] / total,
                           'docs_per_s': corpus['docs'] / total, 's_per_mb': total / corpus['mb'],
                           'rss_mb': max(s['rss_mb'] for s in done), 'cpu_s': sum(s.get('cpu_s', 0) for s in done),
                           'others_cpu_s': sum(s.get('others_cpu_s', 0) for s in done)}
    else:
        corpus['total'] = {'status': 'incomplete'}
    return corpus


def extract_per_core(name, sources, mb, binary, args, base, timeout, rounds=3):
    """The extract stage alone, for the per-core goal: with one worker thread
    (RAYON_NUM_THREADS=1, one core busy) and with two (both cores sharing caches and memory
    bandwidth), alternating, `rounds` times each; the median CPU time of each.

    The source files are read once first, so every run reads them from the page cache: the
    goal is about the extractor, not the disk (the pipeline run of the stage table may read
    them cold). Alternating spreads this machine's drift (up to ~20 % between minutes) over
    both thread counts, and the median of three drops a single slow run."""
    for f in glob.glob(os.path.join(sources, '*.txt')):
        with open(f, 'rb') as fh:
            while fh.read(1 << 20):
                pass
    work, out, tmp = os.path.join(base, 'work1'), os.path.join(base, 'out1'), os.path.join(base, 'tmp')
    os.makedirs(tmp, exist_ok=True)
    before = os.environ.get('RAYON_NUM_THREADS')
    runs = {'1': [], '2': []}
    try:
        for rnd in range(rounds):
            for threads in ('1', '2'):
                shutil.rmtree(work, ignore_errors=True)
                os.environ['RAYON_NUM_THREADS'] = threads
                log(f'{name}: extract with {threads} thread(s) ({rnd + 1}/{rounds}) ...')
                r = run_stage(binary, 'extract', sources, work, out, timeout, args.mem_limit, args.gnu_time, tmp)
                runs[threads].append(r)
                if r['status'] != 'ok':
                    log(f'{name}: extract with {threads} thread(s) {r["status"]}')
                    return {'status': r['status']}
    finally:
        if before is None:
            os.environ.pop('RAYON_NUM_THREADS', None)
        else:
            os.environ['RAYON_NUM_THREADS'] = before
        shutil.rmtree(work, ignore_errors=True)
    res = {'status': 'ok', 'rounds': rounds}
    for threads, key in (('1', 'one_thread'), ('2', 'two_threads')):
        cpu = statistics.median(r['cpu_s'] for r in runs[threads])
        res[key] = {'cpu_s': cpu, 'cpu_s_all': [round(r['cpu_s'], 3) for r in runs[threads]],
                    'seconds': statistics.median(r['seconds'] for r in runs[threads]),
                    'mb_per_cpu_s': mb / cpu if cpu else None}
    log(f'{name}: per core {fnum(res["one_thread"]["mb_per_cpu_s"])} MB/s (one thread), '
        f'{fnum(res["two_threads"]["mb_per_cpu_s"])} MB/s (two threads)')
    return res


# ---------------------------------------------------------------- gold: our output

def norm_unit(u):
    return (u or '').replace('％', '%').replace(' ', '').replace('\u3000', '').strip()


def close(a, b):
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def to_float(x):
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


def load_gold(gold_files):
    gold = []
    for g in gold_files:
        for line in open(g, encoding='utf-8'):
            if line.strip():
                r = json.loads(line)
                if r.get('type') in ('target', 'observation') and r.get('value') is not None:
                    gold.append(r)
    return gold


def ours_on_gold(outdir, sources, gold):
    """Gold value found if a row of targets.csv or observations.csv of the same document has
    that value (relative 1e-6) and unit as written. Also counts the rows the pipeline emits in
    the annotated part of the gold documents (up to the last gold quote + 300 characters)."""
    docs = {}
    with open(os.path.join(outdir, 'csv', 'documents.csv'), encoding='utf-8-sig', newline='') as f:
        for d in csv.DictReader(f):
            docs[d['source_sha256'].lower()] = d['doc_id']
    rows = {}
    for t in ('targets', 'observations'):
        p = os.path.join(outdir, 'csv', f'{t}.csv')
        with open(p, encoding='utf-8-sig', newline='') as f:
            for r in csv.DictReader(f):
                rows.setdefault(r['doc_id'], []).append((to_float(r.get('value')), norm_unit(r.get('unit_raw')),
                                                          to_float(r.get('char_start'))))
    stem_doc, texts = {}, {}
    for p in glob.glob(os.path.join(sources, '*.txt')):
        raw = open(p, 'rb').read()
        stem = os.path.basename(p)[:-4]
        stem_doc[stem] = docs.get(hashlib.sha256(raw).hexdigest())
        texts[stem] = raw.decode('utf-8', errors='replace').lstrip('\ufeff')
    found = {'target': 0, 'observation': 0}
    window = {}
    for g in gold:
        doc = stem_doc.get(g['doc'])
        i = texts.get(g['doc'], '').find(g['quote'])
        if i >= 0:
            window[g['doc']] = max(window.get(g['doc'], 0), i + len(g['quote']) + 300)
        gv, gu = float(g['value']), norm_unit(g.get('unit'))
        if any(v is not None and close(v, gv) and u == gu for v, u, _ in rows.get(doc, [])):
            found[g['type']] += 1
    emitted = sum(1 for stem, end in window.items() for _, _, cs in rows.get(stem_doc.get(stem), [])
                  if cs is None or cs < end)
    return {'found': found, 'emitted_in_gold_window': emitted}


# ---------------------------------------------------------------- peers

def peer_venv(base):
    venv = os.path.join(base, 'venv')
    py = os.path.join(venv, 'bin', 'python')
    if not os.path.exists(py):
        log('peer: creating virtualenv ' + os.path.relpath(venv, REPO))
        r = sh([sys.executable, '-m', 'venv', venv])
        if r.returncode != 0:
            return None, 'python3 -m venv failed: ' + (r.stderr.strip().splitlines() or ['?'])[-1]
    log('peer: pip install -r bench/requirements.txt')
    try:
        r = sh([py, '-m', 'pip', 'install', '-q', '--disable-pip-version-check', '-r',
                os.path.join(HERE, 'requirements.txt')], timeout=300)
        err = None if r.returncode == 0 else 'pip install failed: ' + ' '.join((r.stderr.strip().splitlines() or ['?'])[-2:])
    except subprocess.TimeoutExpired:
        err = 'pip install timed out after 300 s (no network?)'
    return py, err


def run_peers(base, gold_files):
    py, err = peer_venv(base)
    if py is None:
        return {'unavailable': err}
    out = os.path.join(base, 'peer.json')
    if os.path.exists(out):
        os.remove(out)
    cmd = [py, os.path.join(HERE, 'peer.py'), '--sources', os.path.join(REPO, 'sources'), '--json', out]
    for g in gold_files:
        cmd += ['--gold', g]
    log('peer: measuring (bench/peer.py) ...')
    try:
        r = subprocess.run(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=900)
    except subprocess.TimeoutExpired:
        return {'unavailable': 'bench/peer.py timed out after 900 s'}
    if r.returncode != 0 or not os.path.exists(out):
        return {'unavailable': (err + '; ' if err else '') + 'bench/peer.py failed: ' + ' '.join(r.stderr.strip().splitlines()[-2:])}
    res = json.load(open(out, encoding='utf-8'))
    if err:
        res['install_warning'] = err
    for key, label in (('recognizers', 'Recognizers-Text'), ('cn2an', 'cn2an')):
        if key not in res:
            res[key] = {'unavailable': err if err else f'{label} did not import: ' + res.get('errors', {}).get(key, '?')}
    return res


# ---------------------------------------------------------------- report

def fnum(x, nd=2):
    if x is None:
        return '–'
    if abs(x) >= 100:
        return f'{x:,.0f}'
    if abs(x) >= 10:
        return f'{x:.1f}'
    return f'{x:.{nd}f}' if abs(x) >= 0.01 or x == 0 else f'{x:.2g}'


def corpus_order(name):
    return (0, 0) if name == 'real' else (1, int(re.sub(r'\D', '', name) or 0))


def scaling(results):
    """Per stage and per pair of consecutive synthetic sizes (10 → 100 MB, 100 → 1000 MB):
    seconds and CPU seconds per MB at both sizes. The verdict uses CPU seconds (the work
    done), which another busy process on the machine inflates much less than wall time;
    time ∝ size^k with k = 1 + log(ratio) / log(size ratio)."""
    import math
    syn = sorted((n for n in results['corpora'] if n != 'real'), key=corpus_order)
    rows = []
    for small_name, big_name in zip(syn, syn[1:]):
        small, big = results['corpora'][small_name], results['corpora'][big_name]
        if big['mb'] <= small['mb'] * 1.5:
            continue
        size_ratio = big['mb'] / small['mb']
        for stage in STAGES + ['total']:
            a = small['total'] if stage == 'total' else small['stages'].get(stage, {})
            b = big['total'] if stage == 'total' else big['stages'].get(stage, {})
            ok_a, ok_b = a.get('status') == 'ok', b.get('status') == 'ok'
            row = {'stage': stage, 'mb_small': small['mb'], 'mb_big': big['mb'],
                   's_per_mb_small': a.get('s_per_mb') if ok_a else None,
                   's_per_mb_big': b.get('s_per_mb') if ok_b else None,
                   'cpu_per_mb_small': a['cpu_s'] / small['mb'] if ok_a and a.get('cpu_s') else None,
                   'cpu_per_mb_big': b['cpu_s'] / big['mb'] if ok_b and b.get('cpu_s') else None,
                   'rss_mb_small': a.get('rss_mb'), 'rss_mb_big': b.get('rss_mb')}
            if row['s_per_mb_small'] and row['s_per_mb_big']:
                row['ratio'] = row['s_per_mb_big'] / row['s_per_mb_small']
            if row['cpu_per_mb_small'] and row['cpu_per_mb_big']:
                ratio = row['cpu_per_mb_big'] / row['cpu_per_mb_small']
                row['cpu_ratio'] = ratio
                row['exponent'] = 1 + math.log(ratio) / math.log(size_ratio) if ratio > 0 else None
                row['verdict'] = 'linear' if ratio < 1.3 else ('mildly superlinear' if ratio < 2 else 'SUPERLINEAR')
            elif ok_a and not ok_b and stage != 'total':
                row['verdict'] = f'{big["mb"]:.0f} MB: {b.get("status")}'
                if b.get('seconds') and b.get('status', '').startswith('timeout'):
                    row['ratio_at_least'] = (b['seconds'] / big['mb']) / row['s_per_mb_small']
                    if b.get('cpu_s') and row['cpu_per_mb_small']:
                        row['cpu_ratio_at_least'] = (b['cpu_s'] / big['mb']) / row['cpu_per_mb_small']
            rows.append(row)
    return rows or None


def problems(results):
    out = []
    for name in sorted(results['corpora'], key=corpus_order):
        c = results['corpora'][name]
        for stage in STAGES:
            s = c['stages'].get(stage, {})
            if s.get('status', '').startswith('skipped'):
                continue
            if s.get('status') != 'ok':
                line = f'{name} ({c["mb"]:.0f} MB, {c["docs"]} docs): `{stage}` {s.get("status")}'
                if s.get('seconds') and not s['status'].startswith('timeout'):
                    line += f' after {s["seconds"]:.0f} s'
                if s.get('rss_mb'):
                    line += f', peak RSS {s["rss_mb"]:,.0f} MB'
                if s.get('stderr_tail'):
                    line += f' — stderr: `{s["stderr_tail"].splitlines()[0][:200]}`'
                later = [t for t in STAGES[STAGES.index(stage) + 1:] if c['stages'].get(t, {}).get('status', '').startswith('skipped')]
                if later:
                    line += f' ({", ".join(later)} skipped)'
                out.append(line)
            elif s.get('note'):
                out.append(f'{name}: `{stage}`: {s["note"]}')
    for row in results.get('scaling') or []:
        small, big = f'{row["mb_small"]:.0f} MB', f'{row["mb_big"]:.0f} MB'
        if row.get('cpu_ratio') and row['cpu_ratio'] >= 1.3:
            out.append(f'`{row["stage"]}` scales superlinearly: {row["cpu_per_mb_small"]:.3g} CPU s/MB at {small} vs '
                       f'{row["cpu_per_mb_big"]:.3g} at {big} ({row["cpu_ratio"]:.1f}×, time ∝ size^{row["exponent"]:.2f})')
        if row.get('ratio_at_least'):
            out.append(f'`{row["stage"]}` did not finish on {big}: at least {row["ratio_at_least"]:.1f}× the per-MB '
                       f'time of {small} (a linear stage would take ~{row["s_per_mb_small"] * row["mb_big"]:.0f} s)')
    # memory growth: marginal peak RSS per MB of source between the two largest synthetic
    # corpora on which the stage finished
    syn = [results['corpora'][n] for n in sorted(results['corpora'], key=corpus_order) if n != 'real']
    for stage in STAGES:
        fin = [c for c in syn if c['stages'].get(stage, {}).get('status') == 'ok' and c['stages'][stage].get('rss_mb')]
        if len(fin) < 2:
            continue
        a, b = fin[-2], fin[-1]
        ra, rb = a['stages'][stage]['rss_mb'], b['stages'][stage]['rss_mb']
        if b['mb'] <= a['mb']:
            continue
        per_mb = (rb - ra) / (b['mb'] - a['mb'])
        if per_mb > 1:
            at_1g = rb + per_mb * max(0, 1000 - b['mb'])
            out.append(f'`{stage}` peak RSS grows with the corpus: {ra:,.0f} MB at {a["mb"]:.0f} MB → {rb:,.0f} MB at '
                       f'{b["mb"]:.0f} MB of text ({per_mb:.1f} MB of memory per MB of text'
                       + (f'; ~{at_1g / 1024:.0f} GiB at 1 GB' if b['mb'] < 1000 else '') + ')')
    for name in sorted(results['corpora'], key=corpus_order):
        c = results['corpora'][name]
        busy = [(st, c['stages'][st]) for st in STAGES if c['stages'].get(st, {}).get('others_cpu_s') is not None
                and c['stages'][st].get('seconds')]
        bad = [(st, x) for st, x in busy if x['others_cpu_s'] > 0.25 * x['seconds'] and x['others_cpu_s'] > 0.5]
        if bad:
            out.append(f'{name}: other processes used the CPU during ' + ', '.join(
                f'`{st}` ({x["others_cpu_s"]:.1f} CPU s in {x["seconds"]:.1f} s)' for st, x in bad)
                + ' — those wall times are inflated; CPU seconds less so')
    return out


def goals_section(results):
    """The issue's three goals, each with the figures of this run that decide it."""
    L = ['## Goals', '',
         'Per core = MB of source text per CPU second (user+sys) of the extract stage, run on its own after '
         'the sources are read into the page cache: with RAYON_NUM_THREADS=1 (one core busy) and =2 (both '
         'cores, sharing caches and memory bandwidth; two single-thread processes side by side cost the '
         'same), alternating, three times each, median CPU time. The verdict takes the lowest of these on the '
         '100 MB and 1 GB corpora; at 10 MB the fixed start-up (loading the mappings, compiling the automata) '
         'is a large share.', '',
         '| goal | measured | met |', '| --- | --- | --- |']
    synth = [(n, c) for n, c in sorted(results['corpora'].items(), key=lambda kv: corpus_order(kv[0]))
             if n.startswith('synth-') and c['stages'].get('extract', {}).get('status') == 'ok']
    worst = None
    parts = []
    for n, c in synth:
        pc = c.get('extract_per_core') or {}
        one = (pc.get('one_thread') or {}).get('mb_per_cpu_s')
        two = (pc.get('two_threads') or {}).get('mb_per_cpu_s')
        parts.append(f'{n}: one thread {fnum(one)}, two threads {fnum(two)}')
        for v in (one, two) if c['mb'] >= 100 else ():
            if v is not None:
                worst = v if worst is None else min(worst, v)
    if parts:
        L.append(f'| extraction ≥ 50 MB/s per core (synthetic corpus) | {"; ".join(parts)} MB/s per core | '
                 f'{"yes" if worst and worst >= 50 else "no"} |')
    p = results.get('peer') or {}
    q = (p.get('recognizers') or {}).get('throughput', {}).get('mb_per_s')
    ours = (p.get('ours') or {}).get('extract_mb_per_s')
    if q and ours:
        L.append(f'| ≥ 100× the peer\'s throughput | Recognizers-Text: {fnum(ours / q)}× on the real corpus | '
                 f'{"yes" if ours / q >= 100 else "no"} |')
    big = results['corpora'].get('synth-1000mb')
    if big:
        rss = max((s.get('rss_mb') or 0) for s in big['stages'].values())
        ok = all(s.get('status') == 'ok' for s in big['stages'].values())
        L.append(f'| peak RSS < 1 GiB on the 1 GB corpus | {fnum(rss, 0)} MB (largest of the four stages) | '
                 f'{"yes" if ok and rss < 1024 else "no"} |')
    L.append('')
    return L


def write_markdown(results, path):
    m = results['machine']
    L = ['# Benchmark results', '',
         f'Generated by `python3 bench/run.py` (`make bench`); do not edit by hand. Method: bench/run.py docstring.', '',
         '## Machine', '',
         '| fact | value |', '| --- | --- |',
         f'| date | {m["date"]} |', f'| nproc | {m["nproc"]} |', f'| CPU | {m["cpu_model"]} |',
         f'| memory | {m["mem_total_gib"]} GiB |',
         f'| load average (1/5/15 min) | start {" / ".join(map(str, m.get("loadavg_start") or []))}, '
         f'end {" / ".join(map(str, m.get("loadavg_end") or []))} |', f'| kernel | {m["kernel"]} |', f'| rustc | {m["rustc"]} |',
         f'| commit | {m["git_commit"]}{" (uncommitted changes)" if m["git_dirty"] else ""}, binary sha256 {m["binary_sha256"]} |',
         f'| limits | stage timeout {results["settings"]["stage_timeout"]}, address space {results["settings"]["mem_limit_gib"]} GiB per stage |',
         '']
    L += goals_section(results)
    L += ['## Pipeline stages', '',
          'Each stage is its own process (`policy-pipeline <stage> --quiet --fail-on never`, same --work/--out). '
          'Seconds are wall-clock (median of the repeats on the real corpus); MB = 10^6 bytes of source text; '
          'peak RSS and CPU (user+sys) from `/usr/bin/time -v`. CPU/wall above 1 means the stage used both cores.', '',
          '"Others" = CPU seconds that other processes on the machine used meanwhile (from /proc/stat); '
          'when it is large, wall times are inflated.', '',
          '| corpus | docs | MB | stage | seconds | MB/s | docs/s | peak RSS MB | CPU s | others CPU s | status |',
          '| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |']
    for name in sorted(results['corpora'], key=corpus_order):
        c = results['corpora'][name]
        label = name + (f' (×{c["repeat"]})' if c.get('repeat', 1) > 1 else '')
        if c.get('from_earlier_run'):
            label += f' [earlier run {c["measured_on"][:16].replace("T", " ")}, binary {c.get("binary", "?")}]'
        for stage in STAGES + ['total']:
            s = c['total'] if stage == 'total' else c['stages'].get(stage, {})
            st = s.get('status', '?') + (f'; {s["note"]}' if s.get('note') else '')
            secs = s.get('seconds')
            L.append(f'| {label} | {c["docs"]} | {fnum(c["mb"])} | {"**total**" if stage == "total" else stage} | '
                     f'{fnum(secs, 3) if secs else "–"}{"+" if st.startswith("timeout") else ""} | '
                     f'{fnum(s.get("mb_per_s")) if s.get("status") == "ok" else "–"} | '
                     f'{fnum(s.get("docs_per_s")) if s.get("status") == "ok" else "–"} | '
                     f'{fnum(s.get("rss_mb"), 0) if s.get("rss_mb") else "–"} | {fnum(s.get("cpu_s")) if s.get("cpu_s") is not None else "–"} | '
                     f'{fnum(s.get("others_cpu_s")) if s.get("others_cpu_s") is not None else "–"} | {st} |')
            label = ''
    L.append('')
    sizes = []
    for name in sorted(results['corpora'], key=corpus_order):
        c = results['corpora'][name]
        if c.get('work_bytes'):
            line = f'{name}: intermediate ' + ', '.join(f'{k} {v / MB:,.1f} MB' for k, v in c['work_bytes'].items())
            if c.get('out_bytes'):
                line += f'; output {c["out_bytes"] / MB:,.1f} MB'
            rows = [f'{k} {v:,}' for k, v in (c.get('rows') or {}).items() if v is not None]
            if rows:
                line += '; rows ' + ', '.join(rows)
            sizes.append(line)
    if sizes:
        L += ['Intermediate (--work) and output sizes, and published rows:', ''] + [f'- {s}' for s in sizes] + ['']
    sc = results.get('scaling')
    if sc:
        L += ['## Linear scaling (each synthetic size against the next, tenfold)', '',
              'Wall and CPU (user+sys) seconds per MB of source text; ratio = larger / smaller (1.0 = linear). '
              'The verdict and k (time ∝ size^k) use CPU seconds, which other load on the machine inflates '
              'less than wall time. Rows from different runs (see the corpus table) compare different binaries.', '',
              '| sizes | stage | s/MB small | s/MB large | wall ratio | CPU s/MB small | CPU s/MB large | CPU ratio | k | peak RSS small → large | verdict |',
              '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |']

        def g(x, nd=4):
            return fnum(x, nd) if x else '–'
        for r in sc:
            wr = fnum(r['ratio']) if r.get('ratio') else (f'≥ {r["ratio_at_least"]:.1f}' if r.get('ratio_at_least') else '–')
            cr = fnum(r['cpu_ratio']) if r.get('cpu_ratio') else (f'≥ {r["cpu_ratio_at_least"]:.1f}' if r.get('cpu_ratio_at_least') else '–')
            L.append(f'| {r["mb_small"]:.0f} → {r["mb_big"]:.0f} MB | {r["stage"]} | {g(r["s_per_mb_small"])} | {g(r["s_per_mb_big"])} | {wr} | '
                     f'{g(r["cpu_per_mb_small"])} | {g(r["cpu_per_mb_big"])} | {cr} | {g(r.get("exponent"), 2)} | '
                     f'{g(r.get("rss_mb_small"), 0)} → {g(r.get("rss_mb_big"), 0)} MB | {r.get("verdict", "–")} |')
        L.append('')
    p = results.get('peer')
    if p:
        L += ['## Peer comparison (real corpus)', '']
        if p.get('unavailable'):
            L += [f'peer unavailable: {p["unavailable"]}', '']
        else:
            ours = p.get('ours', {})
            L += ['Throughput on the real corpus text. Ours = the `extract` stage as a process (median wall time, '
                  'including start-up and loading mappings); peers = time inside their calls, line by line, '
                  'after import and model set-up.', '',
                  '| tool | what it does | MB/s | our extract (real corpus) ÷ tool | our extract (100 MB) ÷ tool |',
                  '| --- | --- | ---: | ---: | ---: |']
            ox, ob = ours.get('extract_mb_per_s'), ours.get('extract_mb_per_s_100mb')
            L.append(f'| policy-pipeline extract (real corpus) | statements, numbers, entities, outline | {fnum(ox)} | 1 | – |')
            if ob:
                L.append(f'| policy-pipeline extract (synthetic 100 MB) | same, start-up amortised | {fnum(ob)} | – | 1 |')
            for key, label, what in (('recognizers', f'Recognizers-Text number-with-unit {p.get("recognizers", {}).get("version", "")} (zh-cn)',
                                      'dimension + currency + age + temperature'),
                                     ('cn2an', f'cn2an {p.get("cn2an", {}).get("version", "")}', 'transform(…, "cn2an")')):
                q = p.get(key, {})
                if q.get('unavailable'):
                    L.append(f'| {label} | {what} | peer unavailable: {q["unavailable"]} | – | – |')
                    continue
                mbs = q['throughput']['mb_per_s']
                L.append(f'| {label} | {what} | {fnum(mbs, 3)} | {fnum(ox / mbs) + "×" if ox and mbs else "–"} | '
                         f'{fnum(ob / mbs) + "×" if ob and mbs else "–"} |')
            ng = p.get('gold_by_type', {})
            L += ['', f'Gold values found ({ng.get("target", 0)} targets + {ng.get("observation", 0)} observations of '
                  f'../shared/gold, borderline records included):', '',
                  '| tool | rule | targets | observations | all | values emitted in the annotated text |',
                  '| --- | --- | ---: | ---: | ---: | ---: |']

            def row(label, rule, d, emitted):
                if not d:
                    return
                t, o = d.get('target', 0), d.get('observation', 0)
                n = ng.get('target', 0) + ng.get('observation', 0)
                L.append(f'| {label} | {rule} | {t}/{ng.get("target", 0)} | {o}/{ng.get("observation", 0)} | '
                         f'{t + o}/{n} ({100 * (t + o) / n:.0f} %) | {emitted if emitted is not None else "–"} |')
            row('policy-pipeline', 'a targets.csv or observations.csv row of the document with that value and unit as written',
                ours.get('found'), ours.get('emitted_in_gold_window'))
            rt = p.get('recognizers', {})
            if not rt.get('unavailable'):
                row('Recognizers-Text', 'entity overlapping the gold quote, parsed number = gold value', rt.get('found_exact'),
                    rt.get('emitted_in_gold_window'))
                row('Recognizers-Text', 'same, or = gold value × magnitude of the unit (亿元 → ×1e8)', rt.get('found_scaled'),
                    rt.get('emitted_in_gold_window'))
            cn = p.get('cn2an', {})
            if not cn.get('unavailable'):
                row('cn2an + regex', 'some number of the converted gold quote = gold value (no unit, no choice: an upper bound)',
                    cn.get('found'), cn.get('emitted_in_gold_window'))
                row('cn2an + regex', 'same, and the gold unit follows the number', cn.get('found_with_unit'),
                    cn.get('emitted_in_gold_window'))
            L += ['', '"Values emitted" counts what each tool outputs in the annotated part of the gold documents '
                  '(up to the last gold quote + 300 characters): target/observation rows for the pipeline, entities '
                  'with a number for Recognizers-Text, number tokens for cn2an + regex. Matching is not one-to-one '
                  '(as specified): one emitted value can account for several gold records with the same value and '
                  'unit in a document, so "found" can exceed "emitted". A tool that reads every '
                  'number finds nearly every gold value inside the gold quote but does not tell a target from any '
                  'other number; only the pipeline classifies (target vs observation, year, baseline).', '',
                  'Caveats: the pipeline was developed against this gold set, so its figure is in-sample; the peers '
                  'are general-purpose and have never seen it. Recognizers-Text number-with-unit has no model for '
                  'percentages or counters such as 家/个/户, which most policy targets use.', '']
            if p.get('install_warning'):
                L += [f'Note: {p["install_warning"]}', '']
    pr = results.get('problems')
    L += ['## Problems seen', '']
    L += [f'- {x}' for x in pr] if pr else ['- none']
    L.append('')
    open(path, 'w', encoding='utf-8').write('\n'.join(L))


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--sizes', default='10,100', help='synthetic corpus sizes in MB, comma-separated ("" for none)')
    ap.add_argument('--repeat', type=int, default=5, help='repeats of each stage on the real corpus (median)')
    ap.add_argument('--stage-timeout', type=float, default=None,
                    help='seconds per stage (default: max(240, 3 s per MB of the corpus))')
    ap.add_argument('--mem-limit-gb', type=float, default=None,
                    help='address-space limit per stage in GiB (default: 2/3 of memory, at most 16; 0 = none)')
    ap.add_argument('--no-real', action='store_true', help='skip the real corpus (and the peers)')
    ap.add_argument('--no-peer', action='store_true', help='skip the peer comparison')
    ap.add_argument('--keep', action='store_true', help='keep the --work/--out folders of synthetic runs')
    ap.add_argument('--fresh', action='store_true', help='drop results of earlier runs from results.json')
    ap.add_argument('--workdir', default=os.path.join(REPO, '.work', 'bench'))
    ap.add_argument('--report-only', action='store_true', help='rewrite RESULTS.md from results.json, measure nothing')
    args = ap.parse_args()
    if args.report_only:
        rj = os.path.join(HERE, 'results.json')
        results = json.load(open(rj, encoding='utf-8'))
        results['scaling'] = scaling(results)
        results['problems'] = problems(results)
        with open(rj, 'w', encoding='utf-8') as f:
            json.dump(results, f, ensure_ascii=False, indent=1)
        write_markdown(results, os.path.join(HERE, 'RESULTS.md'))
        return
    sizes = [int(float(s)) for s in args.sizes.split(',') if s.strip()]
    os.chdir(REPO)
    base = os.path.abspath(args.workdir)
    os.makedirs(base, exist_ok=True)

    # the binary: snapshot it, so that a rebuild during the run does not mix versions
    target = os.environ.get('CARGO_TARGET_DIR', 'target')
    built = os.path.join(REPO, target, 'release', 'policy-pipeline')
    if not os.path.exists(built):
        log('no release binary: cargo build --release --locked')
        r = subprocess.run(['cargo', 'build', '--release', '--locked'], cwd=REPO)
        if r.returncode != 0 or not os.path.exists(built):
            sys.exit(f'bench: {built} missing and cargo build failed')
    binary = os.path.join(base, 'bin', 'policy-pipeline')
    os.makedirs(os.path.dirname(binary), exist_ok=True)
    shutil.copy2(built, binary)

    mem_total = os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES')
    if args.mem_limit_gb is None:
        args.mem_limit = int(min(16 * 2**30, mem_total * 2 / 3))
    else:
        args.mem_limit = int(args.mem_limit_gb * 2**30) if args.mem_limit_gb > 0 else None
    args.gnu_time = have_gnu_time()
    if not args.gnu_time:
        log('/usr/bin/time unavailable: peak RSS from os.wait4 rusage instead')

    results = {'machine': machine_facts(binary), 'corpora': {},
               'settings': {'sizes_mb': sizes, 'repeat_real': args.repeat,
                            'stage_timeout': f'{args.stage_timeout:.0f} s' if args.stage_timeout else 'max(240 s, 3 s/MB)',
                            'mem_limit_gib': round(args.mem_limit / 2**30, 1) if args.mem_limit else None,
                            'synth_seed': synth.SEED, 'rss_source': '/usr/bin/time -v' if args.gnu_time else 'os.wait4'}}
    m = results['machine']
    args.binary_id = f'{m["git_commit"]}{"+dirty" if m["git_dirty"] else ""} {m["binary_sha256"]}'
    log(f'machine: {results["machine"]["nproc"]} cores, {results["machine"]["cpu_model"]}; commit {results["machine"]["git_commit"]}')

    gold_dir = os.environ.get('GOLD_DIR', os.path.join(REPO, '..', 'shared', 'gold'))
    gold_files = sorted(glob.glob(os.path.join(gold_dir, '*.jsonl')))

    if not args.no_real:
        c = bench_corpus('real', os.path.join(REPO, 'sources'), binary, args, os.path.join(base, 'real'),
                         args.repeat, args.stage_timeout or 240)
        results['corpora']['real'] = c
        if gold_files and c['stages']['publish']['status'] == 'ok':
            gold = load_gold(gold_files)
            results['ours_gold'] = ours_on_gold(os.path.join(base, 'real', 'out'), os.path.join(REPO, 'sources'), gold)

    for size in sizes:
        name = f'synth-{size}mb'
        cdir = os.path.join(base, f'corpus-{size}mb')
        man_path = os.path.join(cdir, 'manifest.json')
        want = {'seed': synth.SEED, 'size_mb': size,
                'synth_sha256': hashlib.sha256(open(synth.__file__, 'rb').read()).hexdigest()}
        srcs = '\n'.join('\n'.join(l) for _, l in synth.load_sources(os.path.join(REPO, 'sources')))
        want['sources_sha256'] = hashlib.sha256(srcs.encode('utf-8')).hexdigest()
        have = json.load(open(man_path)) if os.path.exists(man_path) else {}
        if any(have.get(k) != v for k, v in want.items()):
            log(f'{name}: generating the corpus into {os.path.relpath(cdir, REPO)} ...')
            t = time.perf_counter()
            synth.generate(size, cdir, os.path.join(REPO, 'sources'), os.path.join(REPO, 'mappings'), log=log)
            log(f'{name}: generated in {time.perf_counter() - t:.1f} s')
        else:
            log(f'{name}: reusing {os.path.relpath(cdir, REPO)}')
        timeout = args.stage_timeout or max(240, 3 * size)
        run_dir = os.path.join(base, name)
        results['corpora'][name] = bench_corpus(name, cdir, binary, args, run_dir, 1, timeout)
        c = results['corpora'][name]
        c['extract_per_core'] = extract_per_core(name, cdir, c['mb'], binary, args, run_dir, timeout)
        if not args.keep:
            shutil.rmtree(run_dir, ignore_errors=True)

    if not args.no_real and not args.no_peer:
        if not gold_files:
            log(f'peer: no gold files under {gold_dir}')
        p = run_peers(base, gold_files)
        real = results['corpora'].get('real', {})
        og = results.get('ours_gold') or {}
        ours = {'extract_mb_per_s': real.get('stages', {}).get('extract', {}).get('mb_per_s'),
                'found': og.get('found'), 'emitted_in_gold_window': og.get('emitted_in_gold_window')}
        big = results['corpora'].get('synth-100mb', {}).get('stages', {}).get('extract', {})
        if big.get('status') == 'ok':
            ours['extract_mb_per_s_100mb'] = big['mb_per_s']
        p['ours'] = ours
        for key in ('recognizers', 'cn2an'):
            q = p.get(key, {})
            if q.get('throughput', {}).get('mb_per_s') and ours['extract_mb_per_s']:
                q['ours_over_peer'] = ours['extract_mb_per_s'] / q['throughput']['mb_per_s']
        results['peer'] = p
        if p.get('unavailable'):
            log(f'peer unavailable: {p["unavailable"]}')

    # keep results of corpora not measured now (e.g. a 1 GB run) from earlier runs
    rj = os.path.join(HERE, 'results.json')
    if not args.fresh and os.path.exists(rj):
        try:
            old = json.load(open(rj, encoding='utf-8'))
            for name, c in old.get('corpora', {}).items():
                if name not in results['corpora']:
                    c['from_earlier_run'] = True
                    results['corpora'][name] = c
            if 'peer' not in results and old.get('peer'):
                results['peer'] = old['peer']
                results['peer']['from_earlier_run'] = True
        except (OSError, ValueError):
            pass
    results['machine']['loadavg_end'] = loadavg()
    results['scaling'] = scaling(results)
    results['problems'] = problems(results)
    results['elapsed_s'] = round(time.perf_counter() - T_START, 1)
    with open(rj, 'w', encoding='utf-8') as f:
        json.dump(results, f, ensure_ascii=False, indent=1)
    write_markdown(results, os.path.join(HERE, 'RESULTS.md'))
    log(f'wrote bench/RESULTS.md and bench/results.json in {results["elapsed_s"]:.0f} s')
    for x in results['problems']:
        log('problem: ' + x)


if __name__ == '__main__':
    main()
