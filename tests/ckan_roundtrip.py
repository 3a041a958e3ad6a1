#!/usr/bin/env python3
"""The Python half of `make ckan-roundtrip` (tests/ckan_roundtrip.sh starts CKAN first).

Against a running CKAN at --ckan with a sysadmin token in $CKAN_API_KEY:

1. publishes the package into a scratch folder and checks that its ckan_package.json is
   byte for byte the committed output/ckan_package.json;
2. path A, the ckanapi commands `policy-pipeline run --dry-run --ckan URL` prints (the
   organisation, `package_create -I ckan_package.json` with links under base_url, then
   `package_show`), run as printed; the dataset read back with package_show is compared
   field by field with ckan_package.json; then the dataset is purged;
3. path B, the pipeline's own upload (`publish --ckan URL --ckan-send`: package_create, then
   one multipart resource_create per file into CKAN's FileStore); read back and compared
   the same way, and every uploaded file downloaded from CKAN and compared with the
   published file (bytes and SHA-256).

Prints each comparison, then `N passed, N failed`; exits non-zero on any failure.

usage: ckan_roundtrip.py --ckan URL --bin BIN --out SCRATCH_OUT --work SCRATCH_WORK [--published output]
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys

import requests
from ckanapi import RemoteCKAN

p = argparse.ArgumentParser()
p.add_argument('--ckan', required=True)
p.add_argument('--bin', required=True)
p.add_argument('--out', required=True)
p.add_argument('--work', required=True)
p.add_argument('--published', default='output')
args = p.parse_args()
token = os.environ['CKAN_API_KEY']
ckan = RemoteCKAN(args.ckan, apikey=token)
passed = failed = 0


def check(ok, what, detail=''):
    global passed, failed
    if ok:
        passed += 1
        print(f'  ok   {what}')
    else:
        failed += 1
        print(f'  FAIL {what} {detail}')


def run(cmd, **kw):
    print('$ ' + ' '.join(cmd))
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    for line in (r.stdout + r.stderr).strip().splitlines()[-12:]:
        print('  | ' + line)
    return r


def sha256(path):
    return hashlib.sha256(open(path, 'rb').read()).hexdigest()


def compare(local, remote, uploaded):
    """The dataset CKAN returns against the package_create payload we sent."""
    for k in ['name', 'title', 'notes', 'url', 'license_id', 'version', 'author', 'maintainer', 'maintainer_email']:
        check(remote.get(k) == local.get(k), f'{k}', f'sent {local.get(k)!r:.80}, read back {remote.get(k)!r:.80}')
    check((remote.get('organization') or {}).get('name') == local['owner_org'], 'owner_org (organization.name)')
    check(sorted(t['name'] for t in remote.get('tags', [])) == sorted(t['name'] for t in local['tags']), 'tags')
    sent_extras = {e['key']: e['value'] for e in local['extras']}
    got_extras = {e['key']: e['value'] for e in remote.get('extras', [])}
    check(got_extras == sent_extras, f'extras ({len(sent_extras)} keys)',
          f'differ: {sorted(set(sent_extras.items()) ^ set(got_extras.items()))[:4]}')
    res_l, res_r = local['resources'], remote.get('resources', [])
    check(len(res_r) == len(res_l), f'resources: {len(res_r)} read back, {len(res_l)} sent')
    by_name = {r['name']: r for r in res_r}
    bad = []
    for rl in res_l:
        rr = by_name.get(rl['name'])
        if rr is None:
            bad.append(f"{rl['name']}: missing")
            continue
        for k in ['format', 'mimetype', 'description', 'hash', 'hash_algorithm']:
            if rr.get(k) != rl.get(k):
                bad.append(f"{rl['name']}.{k}: sent {rl.get(k)!r:.60} read back {rr.get(k)!r:.60}")
        if str(rr.get('size')) != str(rl.get('size')):
            bad.append(f"{rl['name']}.size: sent {rl.get('size')} read back {rr.get('size')}")
        if uploaded:
            if rr.get('url_type') != 'upload':
                bad.append(f"{rl['name']}.url_type: {rr.get('url_type')!r}, not an upload")
        elif rr.get('url') != rl['url']:
            bad.append(f"{rl['name']}.url: sent {rl['url']} read back {rr.get('url')}")
    check(not bad, 'every resource: format, mimetype, description, hash, hash_algorithm, size'
          + (', url_type=upload' if uploaded else ', url'), '; '.join(bad[:6]))
    return by_name


local_path = os.path.join(args.out, 'ckan_package.json')

print('== 1. publish into a scratch folder; its ckan_package.json is the committed one')
r = run([args.bin, 'run', '--quiet', '--out', args.out, '--work', args.work, '--dry-run', '--ckan', args.ckan])
check(r.returncode == 0, f'policy-pipeline run --dry-run exit {r.returncode}')
check(open(local_path, 'rb').read() == open(os.path.join(args.published, 'ckan_package.json'), 'rb').read(),
      f'{local_path} == {args.published}/ckan_package.json')
local = json.load(open(local_path, encoding='utf-8'))
commands = [c for c in r.stdout.splitlines() if c.startswith('ckanapi ')]
print(f'  ckan_package.json: {local["name"]}, owner_org {local["owner_org"]}, {len(local["resources"])} resources, '
      f'{len(local["extras"])} extras, {len(local["tags"])} tags')


def round_trip():
    print('== 2. path A: the ckanapi commands printed by --dry-run')
    env = dict(os.environ, PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ['PATH'])
    for c in commands:
        r = subprocess.run(['bash', '-c', c], capture_output=True, text=True, env=env)
        shown = c.replace(token, '***')
        print(f'$ {shown}\n  exit {r.returncode}')
        for name, text in [('stdout', r.stdout), ('stderr', r.stderr)]:
            lines = text.strip().splitlines()
            if lines:
                print(f'  {name} ({len(lines)} lines), last: {lines[-1][:300]}')
        check(r.returncode == 0, f'ckanapi command exit 0: {shown.split(" -r ")[0][:70]}')
    org = ckan.action.organization_show(id=local['owner_org'])
    check(org['name'] == local['owner_org'], f'organization {org["name"]} exists (id {org["id"]})')
    remote = ckan.action.package_show(id=local['name'])
    print(f'  package_show {remote["name"]}: id {remote["id"]}, {len(remote["resources"])} resources, '
          f'organization {remote["organization"]["name"]}')
    compare(local, remote, uploaded=False)
    ckan.action.dataset_purge(id=remote['id'])
    print(f'  dataset_purge {remote["id"]} (so that path B can create it again)')

    print('== 3. path B: policy-pipeline publish --ckan URL --ckan-send (uploads into the FileStore)')
    r = run([args.bin, 'publish', '--quiet', '--out', args.out, '--work', args.work, '--ckan', args.ckan, '--ckan-send'])
    check(r.returncode == 0, f'policy-pipeline publish --ckan-send exit {r.returncode}')
    remote = ckan.action.package_show(id=local['name'])
    print(f'  package_show {remote["name"]}: id {remote["id"]}, {len(remote["resources"])} resources, '
          f'organization {remote["organization"]["name"]}')
    by_name = compare(local, remote, uploaded=True)
    bad = []
    total = 0
    for rl in local['resources']:
        rr = by_name.get(rl['name'])
        if rr is None:
            continue
        # The published file: csv/x.csv and parquet/x.parquet keep their folder, the workbook is at the top.
        tail = rl['url'].rsplit('/', 2)
        rel = '/'.join(tail[-2:]) if tail[-2] in ('csv', 'parquet') else tail[-1]
        data = requests.get(rr['url'], headers={'Authorization': token}, timeout=60).content
        total += len(data)
        if data != open(os.path.join(args.out, rel), 'rb').read():
            bad.append(f"{rl['name']}: {len(data)} bytes downloaded from {rr['url']}")
        elif hashlib.sha256(data).hexdigest() != rl['hash']:
            bad.append(f"{rl['name']}: SHA-256 differs from the hash sent")
    check(not bad, f'every uploaded file downloaded back from CKAN equals the published file ({len(local["resources"])} files, '
          f'{total} bytes, SHA-256 = hash)', '; '.join(bad[:5]))
    example = by_name.get('targets.csv') or next(iter(by_name.values()))
    print(f'  e.g. {example["name"]}: {example["url"]} size {example["size"]} hash {example["hash"][:16]}…')



try:
    round_trip()
except Exception as e:  # a CKAN error ends the round trip; it is printed, not hidden
    check(False, 'round trip stopped by an error:', f'{type(e).__name__}: {str(e)[:600]}')

print(f'{passed} passed, {failed} failed')
sys.exit(1 if failed else 0)
