#!/usr/bin/env python3
"""Browser test of the published static site (output/site/) in headless Chromium.

Generates a fresh data package with the release binary, then opens the site's pages as a
reader would, from the file system with no network, and checks that:

* every page is there, declares UTF-8 and Chinese, and loads nothing from the network;
* the pages run their script without console errors (a page with a deliberate error is
  opened first, so the check is known to catch one);
* the row counts on the overview page and on every table page match the CSV files;
* search (``#q=``) and sort (``#sort=…&dir=desc``) give the rows the CSV says they should;
* a screenshot is written (default /tmp/site.png) for a person to look at.

Usage (from the repository root, after ``cargo build --release``):

    python3 tests/site_browser.py [--out /tmp/site-out] [--work /tmp/site-work]
                                  [--screenshot /tmp/site.png] [--no-generate]

Needs Debian's ``chromium`` (``apt-get install -y chromium``); when it is missing and the
script runs as root it installs it (set SITE_BROWSER_NO_INSTALL=1 to skip that).
Prints ``N passed, N failed`` last and exits non-zero when a check fails.
"""

import argparse
import csv
import html.parser
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = {"passed": 0, "failed": 0}


def check(name, ok, detail=""):
    RESULTS["passed" if ok else "failed"] += 1
    print(f"{'PASS' if ok else 'FAIL'} {name}{'' if ok or not detail else ': ' + detail}", flush=True)
    return ok


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    if os.environ.get("SITE_BROWSER_NO_INSTALL") != "1" and hasattr(os, "geteuid") and os.geteuid() == 0:
        print("chromium is missing: installing Debian's chromium package", flush=True)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=False, env=env)
        return shutil.which("chromium")
    return None


def chromium(browser, url, *extra, timeout=90):
    """Run headless Chromium on `url`; returns (stdout, stderr)."""
    profile = tempfile.mkdtemp(prefix="site-browser-")
    try:
        cmd = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-sync",
            "--disable-extensions",
            f"--user-data-dir={profile}",
            "--enable-logging=stderr",
            "--v=0",
            *extra,
            url,
        ]
        p = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=timeout)
        return p.stdout, p.stderr
    finally:
        shutil.rmtree(profile, ignore_errors=True)


CONSOLE = re.compile(r":CONSOLE[^\]]*\]\s*(.*)")
BAD = re.compile(r"Uncaught|Error|Failed to load|Refused|net::ERR_", re.I)


def console_problems(stderr):
    """Console messages that are errors, and resources that failed to load."""
    bad = []
    for line in stderr.splitlines():
        m = CONSOLE.search(line)
        if m and BAD.search(m.group(1)):
            bad.append(m.group(1).strip())
        elif "net::ERR_" in line:
            bad.append(line.strip())
    return bad


def file_url(path, fragment=""):
    url = Path(path).resolve().as_uri()
    if fragment:
        url += "#" + urllib.parse.quote(fragment, safe="=&")
    return url


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class DataTables(html.parser.HTMLParser):
    """Collects every `table.data` (rows of cell texts, with the row's `hidden` flag), the
    text of elements by id, the `data-table` row counts and the <html> attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables = {}
        self.by_id = {}
        self.counts = {}
        self.html_attrs = {}
        self._table = None
        self._in_body = False
        self._row = None
        self._cell = None
        self._open = []
        self._count_for = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_attrs = a
        if tag == "table" and "data" in (a.get("class") or "").split():
            self._table = a.get("id", "")
            self.tables[self._table] = {"rows": [], "cols": []}
        elif self._table is not None and tag == "tbody":
            self._in_body = True
        elif self._table is not None and tag == "th":
            self.tables[self._table]["cols"].append(a.get("data-col"))
        elif self._in_body and tag == "tr":
            self._row = {"hidden": "hidden" in a, "cells": []}
        elif self._row is not None and tag == "td":
            self._cell = []
        if tag == "td" and a.get("data-table"):
            self._count_for = a["data-table"]
            self.counts[self._count_for] = ""
        if tag not in VOID:
            self._open.append([tag, a.get("id"), []])

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None and self._row is not None:
            self._row["cells"].append("".join(self._cell))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[self._table]["rows"].append(self._row)
            self._row = None
        elif tag == "tbody":
            self._in_body = False
        elif tag == "table":
            self._table = None
        if tag == "td":
            self._count_for = None
        # Close up to the matching open element (HTML lets some end tags be left out).
        if any(e[0] == tag for e in self._open):
            while self._open:
                t, ident, text = self._open.pop()
                if ident:
                    self.by_id[ident] = "".join(text)
                if t == tag:
                    break

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._count_for is not None:
            self.counts[self._count_for] += data
        for entry in self._open:
            if entry[1]:
                entry[2].append(data)


def parse(dom):
    p = DataTables()
    p.feed(dom)
    return p


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default="/tmp/site-out")
    ap.add_argument("--work", default="/tmp/site-work")
    ap.add_argument("--screenshot", default="/tmp/site.png")
    ap.add_argument("--no-generate", action="store_true", help="use the data package already in --out")
    args = ap.parse_args()
    out = Path(args.out)
    site = out / "site"

    if not args.no_generate:
        target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
        if not target.is_absolute():
            target = ROOT / target
        binary = target / "release" / "policy-pipeline"
        if not check("release binary exists", binary.exists(), f"{binary} missing: run `cargo build --release`"):
            return finish()
        p = subprocess.run(
            [str(binary), "run", "--out", str(out), "--work", args.work, "--quiet", "--fail-on", "never"],
            cwd=ROOT, capture_output=True, text=True,
        )
        if not check("pipeline run publishes the data package", p.returncode == 0, (p.stderr or p.stdout)[-2000:]):
            return finish()

    csv_dir = out / "csv"
    tables = sorted(p.stem for p in csv_dir.glob("*.csv"))
    check("CSV tables found", bool(tables), f"no CSV under {csv_dir}")
    expected = {}
    for t in tables:
        header, rows = read_csv(csv_dir / f"{t}.csv")
        expected[t] = (header, rows)

    # Static checks on every page.
    pages = ["index.html", "charts.html", "dictionary.html", "validation.html"] + [f"table-{t}.html" for t in tables]
    for page in pages:
        path = site / page
        if not check(f"{page} exists", path.exists()):
            continue
        text = path.read_text(encoding="utf-8")
        check(f"{page} declares UTF-8 and Chinese", '<meta charset="utf-8">' in text and re.search(r'<html lang="zh', text) is not None)
        remote = re.findall(r'<(?:script|img|link|iframe|source)[^>]+(?:src|href)="(?:https?:)?//[^"]*"|url\((?:https?:)?//|@import', text)
        check(f"{page} loads nothing from the network", not remote, ", ".join(remote[:3]))

    browser = find_chromium()
    if not check("headless Chromium available", browser is not None, "install it with: apt-get update && apt-get install -y chromium"):
        return finish()

    # The console check must be able to fail: a page with a script error is caught.
    with tempfile.TemporaryDirectory() as tmp:
        boom = Path(tmp) / "boom.html"
        boom.write_text('<!doctype html><meta charset="utf-8"><script>undefinedFunction();</script>', encoding="utf-8")
        _, err = chromium(browser, file_url(boom), "--dump-dom")
        check("console check catches a script error (control)", any("Uncaught" in m for m in console_problems(err)), err[-500:])

    # Overview: the row counts shown equal the CSV row counts.
    dom, err = chromium(browser, file_url(site / "index.html"), "--dump-dom")
    check("index.html: no console errors", not console_problems(err), "; ".join(console_problems(err)[:5]))
    index = parse(dom)
    for t in tables:
        shown = index.counts.get(t, "").strip()
        check(f"index.html shows {t} rows = CSV ({len(expected[t][1])})", shown == str(len(expected[t][1])), f"page says {shown!r}")

    # Every table page: script ran, all rows shown, count matches the CSV.
    for t in tables:
        dom, err = chromium(browser, file_url(site / f"table-{t}.html"), "--dump-dom")
        page = parse(dom)
        n = len(expected[t][1])
        problems = console_problems(err)
        check(f"table-{t}.html: no console errors", not problems, "; ".join(problems[:5]))
        check(f"table-{t}.html: script ran", page.html_attrs.get("data-ready") == "1")
        data = page.tables.get(f"data-{t}", {"rows": [], "cols": []})
        check(f"table-{t}.html: {n} rows in the table", len(data["rows"]) == n, f"found {len(data['rows'])}")
        check(f"table-{t}.html: counter shows {n}", page.by_id.get(f"n-{t}", "").strip() == str(n), f"counter {page.by_id.get(f'n-{t}')!r}")
        check(f"table-{t}.html: columns are the CSV header", data["cols"] == expected[t][0], f"{data['cols'][:5]}…")

    # Search and sort on the targets table, from the page's fragment.
    if "targets" in expected:
        header, rows = expected["targets"]
        term = "汽车"
        want = sum(1 for r in rows if term in "".join(r))
        dom, err = chromium(browser, file_url(site / "table-targets.html", f"q={term}"), "--dump-dom")
        page = parse(dom)
        visible = [r for r in page.tables.get("data-targets", {"rows": []})["rows"] if not r["hidden"]]
        check(f"search {term!r}: {want} rows as in the CSV", len(visible) == want and page.by_id.get("n-targets", "").strip() == str(want), f"visible {len(visible)}, counter {page.by_id.get('n-targets')!r}")
        check(f"search {term!r}: every visible row contains it", all(term in "".join(r["cells"]) for r in visible))

        vi = header.index("value")
        top = max(float(r[vi]) for r in rows if r[vi])
        dom, err = chromium(browser, file_url(site / "table-targets.html", "sort=value&dir=desc"), "--dump-dom")
        page = parse(dom)
        check("sort by value: no console errors", not console_problems(err), "; ".join(console_problems(err)[:5]))
        got = page.tables.get("data-targets", {"rows": []})["rows"]
        first = float(got[0]["cells"][vi]) if got and got[0]["cells"][vi] else None
        check(f"sort by value descending puts the largest ({top:g}) first", first == top, f"first row has {first}")
        vals = [float(r["cells"][vi]) for r in got if r["cells"][vi]]
        check("sort by value descending is ordered", vals == sorted(vals, reverse=True))

    # Other pages render without errors.
    for page in ("charts.html", "dictionary.html", "validation.html"):
        dom, err = chromium(browser, file_url(site / page), "--dump-dom")
        check(f"{page}: no console errors", not console_problems(err), "; ".join(console_problems(err)[:5]))
        if page == "charts.html":
            check("charts.html: has inline SVG charts", dom.count("<svg") >= 3, f"{dom.count('<svg')} svg")
        if page == "validation.html" and "validation" in expected:
            v = parse(dom)
            n = len(expected["validation"][1])
            check(f"validation.html: {n} findings as in validation.csv", len(v.tables.get("data-findings", {"rows": []})["rows"]) == n)

    # Screenshots for a person to look at.
    shot = Path(args.screenshot)
    shot.unlink(missing_ok=True)
    _, err = chromium(browser, file_url(site / "index.html"), f"--screenshot={shot}", "--window-size=1280,900", "--hide-scrollbars")
    check(f"screenshot written to {shot}", shot.exists() and shot.stat().st_size > 10_000, err[-300:])
    table_shot = shot.with_name(shot.stem + "-targets" + shot.suffix)
    chromium(browser, file_url(site / "table-targets.html"), f"--screenshot={table_shot}", "--window-size=1280,900", "--hide-scrollbars")
    check(f"screenshot written to {table_shot}", table_shot.exists() and table_shot.stat().st_size > 10_000)
    return finish()


def finish():
    print(f"{RESULTS['passed']} passed, {RESULTS['failed']} failed")
    return 1 if RESULTS["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
