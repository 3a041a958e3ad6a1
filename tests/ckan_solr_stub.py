#!/usr/bin/env python3
"""NOT Solr: the smallest HTTP answerer that lets a real CKAN run without Apache Solr.

Apache Solr is a Java server that no package registry reachable here provides (Debian 12
has no solr package; Maven and Solr's own downloads are not reachable). CKAN 2.12 cannot
be told to skip its search index: organization_create and package_create answer
`500 Search Connection Error: Unable to connect to the search server` without one.

This stand-in, used only by tests/ckan_roundtrip.sh, answers the requests CKAN's
pysolr client makes:

* `GET  <core>/schema?wt=schema.xml` — CKAN's own Solr schema file (the startup version check);
* `POST <core>/update/...` — indexing: the documents are kept in memory and acknowledged;
* `GET|POST <core>/select/...` — search: answered with no results (numFound 0), so
  CKAN's dataset counts and search pages are empty;
* anything else — 404.

Nothing the round trip compares comes from here: package_show reads CKAN's database.

usage: ckan_solr_stub.py PORT SCHEMA_XML
"""
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse

PORT = int(sys.argv[1])
SCHEMA = open(sys.argv[2], 'rb').read()
DOCS = {}
LOCK = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, fmt, *args):
        sys.stderr.write('solr-stub: ' + (fmt % args) + '\n')

    def answer(self, code, body, ctype='application/json'):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(code)
        self.send_header('Content-Type', ctype)
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def handle_any(self):
        path = urlparse(self.path).path.rstrip('/')
        length = int(self.headers.get('Content-Length') or 0)
        body = self.rfile.read(length) if length else b''
        header = {'status': 0, 'QTime': 0}
        if path.endswith('/schema') or path.endswith('/admin/file'):
            return self.answer(200, SCHEMA, 'application/xml')
        if path.endswith('/update'):
            try:
                sent = json.loads(body or b'null')
            except ValueError:
                sent = None  # XML delete/commit messages: acknowledged
            with LOCK:
                for doc in sent if isinstance(sent, list) else []:
                    DOCS[doc.get('id') or doc.get('index_id')] = doc
            return self.answer(200, {'responseHeader': header})
        if path.endswith('/select'):
            return self.answer(200, {'responseHeader': header,
                                     'response': {'numFound': 0, 'start': 0, 'docs': []}})
        return self.answer(404, {'error': 'not a Solr; see tests/ckan_solr_stub.py'})

    do_GET = do_POST = handle_any


if __name__ == '__main__':
    ThreadingHTTPServer(('127.0.0.1', PORT), Handler).serve_forever()
