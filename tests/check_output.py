#!/usr/bin/env python3
"""Load every published table the way notebook users do and check it against the CSV.

For each resource of output/datapackage.json: read the CSV (stdlib), read the Parquet with
pyarrow, polars and DuckDB, and check that row counts agree and that column types are the
ones the data contract promises (years i32, dates as dates, lists as lists, numbers as
floats, never object-typed numbers). Then validate the package with the Frictionless
reference validator when it is installed. Prints `N passed, N failed` and exits non-zero
on any failure.

usage: check_output.py [OUTPUT_DIR]
"""
import csv, json, os, subprocess, sys

out = sys.argv[1] if len(sys.argv) > 1 else 'output'
passed, failed = 0, 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print('FAIL:', what)


import pyarrow.parquet as pq  # noqa: E402  (a missing package is a failure, not a skip)
import pyarrow as pa  # noqa: E402
import polars as pl  # noqa: E402
import duckdb  # noqa: E402

pkg = json.load(open(os.path.join(out, 'datapackage.json'), encoding='utf-8'))
schemas = {}
for res in pkg['resources']:
    name = res['name']
    fields = res['schema']['fields']
    with open(os.path.join(out, res['path']), encoding=res.get('encoding', 'utf-8'), newline='') as f:
        rows = list(csv.DictReader(f))
        check(list(rows[0].keys()) == [x['name'] for x in fields] if rows else True, f'{name}: CSV header follows the schema')
    parquet = os.path.join(out, res['x_parquet_path'])
    table = pq.read_table(parquet)
    check(table.num_rows == len(rows), f'{name}: pyarrow rows {table.num_rows} == CSV rows {len(rows)}')
    check(pl.read_parquet(parquet).height == len(rows), f'{name}: polars reads the same rows')
    n = duckdb.sql(f"select count(*) from read_parquet('{parquet}')").fetchall()[0][0]
    check(n == len(rows), f'{name}: duckdb reads the same rows')
    for fd in fields:
        col = table.schema.field(fd['name'])
        t = fd['type']
        if t == 'list':
            ok = pa.types.is_list(col.type) and pa.types.is_string(col.type.value_type)
        elif t == 'integer':
            ok = col.type == pa.int32()
        elif t == 'number':
            ok = col.type == pa.float64()
        elif t == 'boolean':
            ok = col.type == pa.bool_()
        elif t == 'date':
            ok = col.type == pa.date32()
        else:
            ok = pa.types.is_string(col.type)
        check(ok, f'{name}.{fd["name"]}: parquet type {col.type} fits {t}')
        check(col.metadata is not None and b'description' in col.metadata, f'{name}.{fd["name"]}: description in Arrow metadata')
        required = fd.get('constraints', {}).get('required', False)
        if required:
            check(table.column(fd['name']).null_count == 0, f'{name}.{fd["name"]}: required column has no nulls')
    # Descriptions in the file's key-value metadata, as DuckDB shows them.
    kv = dict(duckdb.sql(f"select decode(key), decode(value) from parquet_kv_metadata('{parquet}')").fetchall())
    check(kv.get('description') == res['description'], f'{name}: table description in parquet_kv_metadata')
    check(all(kv.get(f'column.{fd["name"]}.description') == fd['description'] for fd in fields),
          f'{name}: every column description in parquet_kv_metadata')
    # pandas through pyarrow: numbers stay numeric (no object dtype for number columns).
    df = table.to_pandas()
    for fd in fields:
        if fd['type'] in ('number',):
            check(str(df[fd['name']].dtype) == 'float64', f'{name}.{fd["name"]}: pandas dtype float64')
    # Values agree between CSV and Parquet for the primary key.
    pk = res['schema']['primaryKey'][0]
    check([r[pk] for r in rows] == table.column(pk).to_pylist(), f'{name}: same primary keys in the same order')

# Every code column of every table joins to a table of the package: the foreign keys
# declared in schemas/ (list columns item by item) hold, and every column that holds codes
# (named *_id, *_ids, *_code, unit, *_unit) has one declared. Two columns point to a table
# named in the row itself and are checked by it; GB/T 4754 classes have no table yet, and
# erratum ids name entries of mappings/errata.yaml, not a table.
POLYMORPHIC = {('mentions', 'entity_id'), ('validation', 'row_ids')}
EXTERNAL = {('industries', 'gbt4754_codes'), ('validation', 'erratum_id')}  # errata: mappings/errata.yaml


def is_code_column(table, name):
    pk = pkg_tables[table]['schema']['primaryKey']
    return name not in pk and (name.endswith(('_id', '_ids', '_code', '_unit')) or name == 'unit')


pkg_tables = {r['name']: r for r in pkg['resources']}
table_rows = {}
for name, res in pkg_tables.items():
    with open(os.path.join(out, res['path']), encoding='utf-8-sig', newline='') as f:
        table_rows[name] = list(csv.DictReader(f))
pk_of = {name: res['schema']['primaryKey'][0] for name, res in pkg_tables.items()}
keys_of = {name: {r[pk_of[name]] for r in rows} for name, rows in table_rows.items()}
for name, res in pkg_tables.items():
    fks = res['schema'].get('foreignKeys', []) + res['schema'].get('x_list_foreign_keys', [])
    declared = set()
    for fk in fks:
        col, target = fk['fields'][0], fk['reference']['resource'] or name
        tcol = fk['reference']['fields'][0]
        declared.add(col)
        is_list = any(f['name'] == col and f['type'] == 'list' for f in res['schema']['fields'])
        targets_keys = {r[tcol] for r in table_rows[target]}
        missing = sorted({v for r in table_rows[name] for v in (r[col].split('|') if is_list else [r[col]])
                          if v and v not in targets_keys})
        check(not missing, f'{name}.{col} joins {target}.{tcol} (not found: {missing[:5]})')
    for fd in res['schema']['fields']:
        c = fd['name']
        if is_code_column(name, c) and (name, c) not in POLYMORPHIC | EXTERNAL:
            check(c in declared, f'{name}.{c} holds codes but declares no foreign key in schemas/{name}.yaml')
for r in table_rows.get('mentions', []):
    target = {'enterprise': 'enterprises', 'industry': 'industries', 'project': 'projects'}.get(r['entity_type'])
    if r['entity_id'] and target in keys_of and r['entity_id'] not in keys_of[target]:
        check(False, f'mentions.entity_id {r["entity_id"]} joins {target}')
for r in table_rows.get('validation', []):
    if r['table'] in keys_of:
        lost = [x for x in r['row_ids'].split('|') if x and x not in keys_of[r['table']]]
        check(not lost, f'validation {r.get("finding_id")}: row_ids {lost[:3]} join {r["table"]}')
check({'indicators', 'units', 'regions'} <= set(pkg_tables), 'the reference tables indicators, units, regions are published')

# The Excel workbook: a README sheet with the dictionary, then one sheet per table with
# the CSV's header and row count.
import glob  # noqa: E402
import openpyxl  # noqa: E402
books = glob.glob(os.path.join(out, '*.xlsx'))
check(len(books) == 1, f'one Excel workbook in {out} ({books})')
if books:
    wb = openpyxl.load_workbook(books[0], read_only=True)
    check(wb.sheetnames[0] == 'README', 'the workbook opens with its README sheet')
    readme = [r for r in wb['README'].iter_rows(values_only=True)]
    described = {(r[0], r[1]) for r in readme if r and len(r) > 1}
    for name, res in pkg_tables.items():
        check(name in wb.sheetnames, f'{name}: a sheet in the workbook')
        if name not in wb.sheetnames:
            continue
        sheet_rows = list(wb[name].iter_rows(values_only=True))
        check(list(sheet_rows[0]) == [f['name'] for f in res['schema']['fields']], f'{name}: sheet header follows the schema')
        check(len(sheet_rows) - 1 == len(table_rows[name]), f'{name}: sheet rows {len(sheet_rows) - 1} == CSV rows {len(table_rows[name])}')
        check(all((name, f['name']) in described for f in res['schema']['fields']), f'{name}: every column in the README dictionary')

try:
    import frictionless  # noqa: F401
    r = subprocess.run([sys.executable, '-m', 'frictionless', 'validate', os.path.join(out, 'datapackage.json'), '--json'],
                       capture_output=True, text=True)
    report = json.loads(r.stdout or '{}')
    ok = report.get('valid', False)
    if not ok:
        for task in report.get('tasks', []):
            for e in task.get('errors', [])[:5]:
                print('  frictionless:', task.get('name'), e.get('message'))
        for e in report.get('errors', [])[:5]:
            print('  frictionless:', e.get('message'))
    check(ok, 'frictionless validate datapackage.json')
except ImportError:
    print('note: frictionless not installed; package not validated by the reference validator')

print(f'{passed} passed, {failed} failed')
sys.exit(1 if failed else 0)
