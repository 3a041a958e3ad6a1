#!/usr/bin/env python3
"""Validate the published DCAT-AP description (output/dcat.jsonld) with a SHACL validator.

The JSON-LD is parsed offline (rdflib; a document whose @context is not inline is refused,
so nothing is fetched) and checked with pyshacl against SEMIC's DCAT-AP 3.0.1 shapes
vendored in tests/shacl/ (SOURCE.md there says where they come from):

* dcat-ap-SHACL.ttl and ranges.ttl, loaded as one shapes graph: cardinalities, literal
  types and class ranges. Any result of severity sh:Violation fails the check.
* shapes_recommended.ttl: recommended properties (sh:Warning); printed, never failing.

Besides SHACL, every IRI in the graph must be absolute (http, https, mailto or urn).

Then the checker is shown to fail: broken copies of the same document (a title removed, a
distribution without accessURL, a byte size that is not a number, an untyped licence, a
relative IRI, a remote @context) must each be rejected.

Prints `N passed, N failed` and exits non-zero on any failure.

usage: check_dcat.py [OUTPUT_DIR | FILE.jsonld]
"""
import copy
import json
import os
import re
import sys
from collections import Counter

import pyshacl  # noqa: E402  (a missing package is a failure, not a skip)
import rdflib
from rdflib.namespace import RDF, SH

HERE = os.path.dirname(os.path.abspath(__file__))
SHAPES = os.path.join(HERE, 'shacl')
VIOLATION_SHAPES = ['dcat-ap-SHACL.ttl', 'ranges.ttl']
WARNING_SHAPES = ['shapes_recommended.ttl']
ABSOLUTE = re.compile(r'^(https?://[^/\s]+|mailto:[^\s]+@|urn:)')


def load_shapes(names):
    """One shapes graph from the files `names`; property shapes that are referenced with
    sh:property but defined in none of the files (a defect of the 3.0.1 ranges.ttl: five
    such references) are dropped, since pyshacl refuses a shapes graph with them."""
    g = rdflib.Graph()
    for n in names:
        g.parse(os.path.join(SHAPES, n), format='turtle')
    dangling = [(s, o) for s, o in g.subject_objects(SH.property) if not list(g.predicate_objects(o))]
    for s, o in dangling:
        g.remove((s, SH.property, o))
    return g, [str(o) for _, o in dangling]


def remote_contexts(node):
    """Every @context in the document that is not an inline object (a URL to fetch)."""
    found = []
    if isinstance(node, dict):
        for k, v in node.items():
            if k == '@context':
                for c in v if isinstance(v, list) else [v]:
                    if not isinstance(c, dict):
                        found.append(c)
            found += remote_contexts(v)
    elif isinstance(node, list):
        for v in node:
            found += remote_contexts(v)
    return found


def relative_ids(node):
    """Every @id that is not an absolute IRI, before JSON-LD resolves it against a base."""
    found = []
    if isinstance(node, dict):
        for k, v in node.items():
            if k == '@id' and isinstance(v, str) and ':' not in v.split('/')[0]:
                found.append(v)
            found += relative_ids(v)
    elif isinstance(node, list):
        for v in node:
            found += relative_ids(v)
    return found


def parse_offline(doc):
    remote = remote_contexts(doc)
    if remote:
        raise ValueError(f'@context must be inline, not fetched: {remote}')
    return rdflib.Graph().parse(data=json.dumps(doc), format='json-ld')


def results(report):
    out = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        sev = report.value(r, SH.resultSeverity)
        out.append({
            'severity': str(sev).rsplit('#', 1)[-1],
            'focus': str(report.value(r, SH.focusNode)),
            'path': str(report.value(r, SH.resultPath)),
            'message': str(report.value(r, SH.resultMessage)),
        })
    return sorted(out, key=lambda x: (x['severity'], x['path'], x['focus'], x['message']))


_shapes = {}


def shapes(kind):
    if kind not in _shapes:
        _shapes[kind] = load_shapes(VIOLATION_SHAPES if kind == 'violation' else WARNING_SHAPES)
    return _shapes[kind][0]


def validate(doc):
    """The problems of a DCAT-AP JSON-LD document: {'violations': [...], 'warnings': [...]}.
    A violation is a SHACL result of severity sh:Violation, a relative IRI or a remote
    context; warnings are the other SHACL results."""
    violations, warnings = [], []
    try:
        g = parse_offline(doc)
    except ValueError as e:
        return {'violations': [{'severity': 'Violation', 'focus': '', 'path': '@context', 'message': str(e)}],
                'warnings': [], 'triples': 0}
    for rel in relative_ids(doc):
        violations.append({'severity': 'Violation', 'focus': rel, 'path': '@id', 'message': 'relative IRI'})
    for term in set(g.all_nodes()) | set(g.predicates()):
        if isinstance(term, rdflib.URIRef) and not ABSOLUTE.match(str(term)):
            violations.append({'severity': 'Violation', 'focus': str(term), 'path': 'IRI',
                               'message': 'not an absolute http(s), mailto or urn IRI'})
    for kind in ['violation', 'warning']:
        _, report, _ = pyshacl.validate(g, shacl_graph=shapes(kind), inference='none', allow_warnings=True,
                                        advanced=False, do_owl_imports=False)
        for r in results(report):
            (violations if r['severity'] == 'Violation' else warnings).append(r)
    return {'violations': violations, 'warnings': warnings, 'triples': len(g)}


PREFIXES = {
    'http://www.w3.org/ns/dcat#': 'dcat:', 'http://purl.org/dc/terms/': 'dct:', 'http://xmlns.com/foaf/0.1/': 'foaf:',
    'http://spdx.org/rdf/terms#': 'spdx:', 'http://data.europa.eu/r5r/': 'dcatap:', 'http://www.w3.org/2006/vcard/ns#': 'vcard:',
    'http://www.w3.org/2004/02/skos/core#': 'skos:', 'http://www.w3.org/ns/adms#': 'adms:',
}


def short(iri):
    for long, p in PREFIXES.items():
        if iri.startswith(long):
            return p + iri[len(long):]
    return iri


def summary(found):
    """Results counted by severity, path and message (the focus node taken out of it)."""
    return Counter((f['severity'], short(f['path']), re.sub(r' on <[^>]*>->\S+', '', f['message'])[:100]) for f in found)


def breakages(doc):
    """Broken copies of a conforming document, each with what was broken."""
    def first_dist(d):
        return d['dcat:distribution'][0] if isinstance(d['dcat:distribution'], list) else d['dcat:distribution']

    def edit(f):
        d = copy.deepcopy(doc)
        f(d)
        return d
    yield 'dataset without dct:title', edit(lambda d: d.pop('dct:title'))
    yield 'dataset without dct:description', edit(lambda d: d.pop('dct:description'))
    yield 'distribution without dcat:accessURL', edit(lambda d: first_dist(d).pop('dcat:accessURL'))
    yield 'dcat:byteSize not a number', edit(lambda d: first_dist(d).update({'dcat:byteSize': 'large'}))
    yield 'licence not a dct:LicenseDocument', edit(lambda d: first_dist(d).update({'dct:license': {'@id': 'https://creativecommons.org/licenses/by/4.0/'}}))
    yield 'two dct:issued dates', edit(lambda d: d.update({'dct:issued': [{'@value': '2017-01-01', '@type': 'xsd:date'}, {'@value': '2018-01-01', '@type': 'xsd:date'}]}))
    yield 'publisher without foaf:name', edit(lambda d: d['dct:publisher'].pop('foaf:name'))
    yield 'relative distribution IRI', edit(lambda d: first_dist(d).update({'@id': 'csv/documents.csv'}))
    yield 'remote @context', edit(lambda d: d.update({'@context': 'https://semiceu.github.io/DCAT-AP/releases/3.0.1/context/dcat-ap.jsonld'}))


def main():
    arg = sys.argv[1] if len(sys.argv) > 1 else 'output'
    path = os.path.join(arg, 'dcat.jsonld') if os.path.isdir(arg) else arg
    with open(path, encoding='utf-8') as f:
        doc = json.load(f)
    passed = failed = 0
    _, dropped = load_shapes(VIOLATION_SHAPES)
    print(f'shapes: {", ".join(VIOLATION_SHAPES)} (violations), {", ".join(WARNING_SHAPES)} (warnings), '
          f'from tests/shacl/; {len(dropped)} dangling sh:property references dropped')

    found = validate(doc)
    print(f'{path}: {found["triples"]} triples, conforms: {not found["violations"]}, '
          f'{len(found["violations"])} violations, {len(found["warnings"])} warnings')
    for (sev, p, msg), n in sorted(summary(found['violations']).items()):
        print(f'  VIOLATION x{n}: {p}: {msg}')
    for (sev, p, msg), n in sorted(summary(found['warnings']).items()):
        print(f'  warning x{n}: {p}: {msg}')
    if found['violations']:
        failed += 1
        print(f'FAIL: {path} does not conform to DCAT-AP 3.0.1')
        for v in found['violations'][:20]:
            print(f'    {v["focus"]} {v["path"]}: {v["message"]}')
    else:
        passed += 1

    # The check can fail: each broken copy must raise at least one violation.
    key = lambda f: (f['focus'], f['path'], f['message'])  # noqa: E731
    before = {key(f) for f in found['violations']}
    for what, broken in breakages(doc):
        new = [f for f in validate(broken)['violations'] if key(f) not in before]
        if new:
            passed += 1
            (_, p, msg), n = sorted(summary(new).items())[0]
            print(f'  broken copy rejected ({what}): {len(new)} new violation(s), e.g. {p}: {msg}')
        else:
            failed += 1
            print(f'FAIL: broken copy ({what}) was not rejected')

    print(f'{passed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
