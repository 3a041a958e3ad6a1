#!/usr/bin/env python3
"""Browser test of the published static site (output/site/) in headless Chromium.

Generates a fresh data package with the release binary, then opens the site's pages as a
reader would, from the file system with no network, and checks that:

* every page is there, declares UTF-8, is in English with every Chinese text marked
  ``lang="zh-Hans"``, and loads nothing from the network;
* the pages run their script without console errors (a page with a deliberate error is
  opened first, so the check is known to catch one);
* the row counts on the overview page and on every table page match the CSV files;
* search (``#q=``) and sort (``#sort=…&dir=desc``) give the rows the CSV says they should;
* the targets page leads with document, indicator, value, year, baseline and quote, holds
  every other column under "details", fits a 1280 px window, and its filters (document,
  industry, region, indicator, from ``#indicator=…``) show the rows the CSV says;
* the charts are per indicator with the unit on the value axis;
* a Chinese font is installed (``fc-list :lang=zh``), so screenshots show glyphs, not boxes;
* screenshots of the overview, targets, charts and findings pages are written to reports/
  for a person to look at.

Usage (from the repository root, after ``cargo build --release``):

    python3 tests/site_browser.py [--out /tmp/site-out] [--work /tmp/site-work]
                                  [--screenshots reports] [--no-generate]

Needs Debian's ``chromium`` and ``fonts-noto-cjk`` (``apt-get install -y chromium
fonts-noto-cjk``); when either is missing and the script runs as root it installs them
(set SITE_BROWSER_NO_INSTALL=1 to skip that).
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


def which_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


def has_cjk_font():
    p = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True) if shutil.which("fc-list") else None
    return bool(p and p.stdout.strip())


def find_chromium():
    """Chromium, installed with a CJK font (Debian's chromium and fonts-noto-cjk) when one is
    missing and the script runs as root."""
    missing = [pkg for pkg, ok in (("chromium", which_chromium()), ("fonts-noto-cjk", has_cjk_font())) if not ok]
    if missing and os.environ.get("SITE_BROWSER_NO_INSTALL") != "1" and hasattr(os, "geteuid") and os.geteuid() == 0:
        print(f"installing Debian's {' '.join(missing)}", flush=True)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=False, env=env)
    return which_chromium()


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
            self._row = {"hidden": "hidden" in a, "cells": [], "sort": [], "attrs": a, "details": []}
        elif self._row is not None and tag == "td":
            self._cell = []
            self._row["sort"].append(a.get("data-sort"))
        elif self._row is not None and tag == "dt":
            self._row["details"].append(a.get("data-col"))
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


CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


def is_chinese(text):
    """Chinese text: CJK characters, and no more Latin letters than those (the site's rule)."""
    cjk = len(CJK.findall(text))
    return cjk > 0 and cjk >= len(re.findall(r"[A-Za-z]", text))


class LangCheck(html.parser.HTMLParser):
    """Text nodes that are Chinese but not inside an element with lang="zh…" (SVG tooltips,
    <title>, <style> and <script> are left out: they are not read as page text)."""

    SKIP = {"title", "style", "script", "svg"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.unmarked = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if any(t in self.SKIP for t, _ in self.stack) or not is_chinese(data.strip()):
            return
        lang = next((l for _, l in reversed(self.stack) if l), "")
        if not lang.startswith("zh"):
            self.unmarked.append(data.strip()[:40])


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
    ap.add_argument("--screenshots", default=str(ROOT / "reports"), help="folder for the screenshots")
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



    # Static checks on every page; the lang check is shown to catch an unmarked Chinese text.
    control = LangCheck()
    control.feed('<html lang="en"><p>规模以上工业 <span lang="zh-Hans">总产值</span></p><p lang="zh-Hans">对</p></html>')
    check("lang check catches unmarked Chinese text (control)", control.unmarked == ["规模以上工业"], str(control.unmarked))
    generic = [t for t in tables if t != "targets"]
    pages = ["index.html", "charts.html", "dictionary.html", "findings.html"] + [f"table-{t}.html" for t in tables]
    for page in pages:
        path = site / page
        if not check(f"{page} exists", path.exists()):
            continue
        text = path.read_text(encoding="utf-8")
        check(f"{page} declares UTF-8 and English", '<meta charset="utf-8">' in text and '<html lang="en">' in text)
        lang = LangCheck()
        lang.feed(text)
        check(f"{page}: every Chinese text is marked lang=zh", not lang.unmarked, "; ".join(lang.unmarked[:3]))
        remote = re.findall(r'<(?:script|img|link|iframe|source)[^>]+(?:src|href)="(?:https?:)?//[^"]*"|url\((?:https?:)?//|@import', text)
        check(f"{page} loads nothing from the network", not remote, ", ".join(remote[:3]))

    browser = find_chromium()
    if not check("headless Chromium available", browser is not None, "install it with: apt-get update && apt-get install -y chromium"):
        return finish()
    check("a Chinese font is installed (fc-list :lang=zh), so CJK text renders as glyphs", has_cjk_font(),
          "install one: apt-get install -y fonts-noto-cjk")

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

    # Every other table page: script ran, all rows shown, count and columns match the CSV.
    for t in generic:
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

    if "targets" in expected:
        targets_checks(browser, site, expected["targets"])
    charts_checks(browser, site)

    dom, err = chromium(browser, file_url(site / "findings.html"), "--dump-dom")
    check("findings.html: no console errors", not console_problems(err), "; ".join(console_problems(err)[:5]))
    if "validation" in expected:
        n = len(expected["validation"][1])
        got = len(parse(dom).tables.get("data-findings", {"rows": []})["rows"])
        check(f"findings.html: {n} findings as in validation.csv", got == n, f"found {got}")
    dom, err = chromium(browser, file_url(site / "dictionary.html"), "--dump-dom")
    check("dictionary.html: no console errors", not console_problems(err), "; ".join(console_problems(err)[:5]))

    # Screenshots for a person to look at.
    shots = Path(args.screenshots)
    shots.mkdir(parents=True, exist_ok=True)
    for page in ("index", "table-targets", "charts", "findings"):
        shot = shots / f"site-{page}.png"
        shot.unlink(missing_ok=True)
        chromium(browser, file_url(site / f"{page}.html"), f"--screenshot={shot}", "--window-size=1280,1000", "--hide-scrollbars")
        check(f"screenshot written to {shot}", shot.exists() and shot.stat().st_size > 10_000)
    return finish()


def visible_rows(browser, site, fragment):
    dom, err = chromium(browser, file_url(site / "table-targets.html", fragment), "--dump-dom")
    page = parse(dom)
    rows = page.tables.get("data-targets", {"rows": []})["rows"]
    return page, [r for r in rows if not r["hidden"]], err


def measured(browser, site, page, width):
    """The page's scroll width in a `width` px window: a copy of the page with a <base> (so
    its stylesheet and script load) and a line of script that writes the width into the DOM."""
    with tempfile.TemporaryDirectory() as tmp:
        text = (site / page).read_text(encoding="utf-8")
        text = text.replace("<head>", f'<head><base href="{site.resolve().as_uri()}/">', 1)
        text = text.replace("</body>", '<script>document.documentElement.setAttribute("data-width", document.documentElement.scrollWidth)</script></body>', 1)
        copy = Path(tmp) / page
        copy.write_text(text, encoding="utf-8")
        dom, _ = chromium(browser, file_url(copy), "--dump-dom", f"--window-size={width},900")
        return int(parse(dom).html_attrs.get("data-width", "0"))


def targets_checks(browser, site, csv_targets):
    header, rows = csv_targets
    col = {c: i for i, c in enumerate(header)}
    page, visible, err = visible_rows(browser, site, "")
    problems = console_problems(err)
    check("table-targets.html: no console errors", not problems, "; ".join(problems[:5]))
    check("table-targets.html: script ran", page.html_attrs.get("data-ready") == "1")
    data = page.tables.get("data-targets", {"rows": [], "cols": []})
    check(f"targets: {len(rows)} rows as in the CSV", len(data["rows"]) == len(rows) == len(visible), f"found {len(data['rows'])}")
    lead = ["doc_id", "indicator_raw", "value", "target_year", "baseline_value", "quote"]
    check("targets: leads with document, indicator, value, year, baseline, quote", data["cols"] == lead, str(data["cols"]))
    shown = set(lead) | {"indicator_name_en", "unit_raw"}
    details = data["rows"][0]["details"] if data["rows"] else []
    check("targets: every other CSV column is under details", set(details) | shown == set(header) and not set(details) & shown,
          f"missing {sorted(set(header) - set(details) - shown)}")
    first = rows[0]
    cell = data["rows"][0]["cells"][2] if data["rows"] else ""
    check("targets: the value cell shows the unit as written", first[col["unit_raw"]] in cell, f"{cell!r}")
    width = measured(browser, site, "table-targets.html", 1280)
    check(f"targets: fits a 1280 px window (scroll width {width})", 0 < width <= 1280)

    # Filters from the fragment, alone and with a search, against the CSV.
    def count(pred):
        return sum(1 for r in rows if pred(r))
    top_ind = max({r[col["indicator_id"]] for r in rows if r[col["indicator_id"]]}, key=lambda i: count(lambda r: r[col["indicator_id"]] == i))
    top_doc = rows[-1][col["doc_id"]]
    region = rows[0][col["region_code"]] or "none"
    cases = [
        (f"indicator={top_ind}", count(lambda r: r[col["indicator_id"]] == top_ind)),
        (f"doc={top_doc}", count(lambda r: r[col["doc_id"]] == top_doc)),
        (f"region={region}", count(lambda r: (r[col["region_code"]] or "none") == region)),
        ("industry=none", count(lambda r: not r[col["industry_id"]])),
        (f"doc={top_doc}&q=2020", count(lambda r: r[col["doc_id"]] == top_doc and "2020" in "".join(r))),
    ]
    for fragment, want in cases:
        page, visible, _ = visible_rows(browser, site, fragment)
        counter = page.by_id.get("n-targets", "").strip()
        check(f"targets filter #{fragment}: {want} rows as in the CSV", len(visible) == want and counter == str(want), f"visible {len(visible)}, counter {counter!r}")
    key = {"indicator": "data-indicator", "doc": "data-doc"}
    page, visible, _ = visible_rows(browser, site, f"indicator={top_ind}")
    check("targets filter: every visible row has the indicator", all(r["attrs"].get(key["indicator"]) == top_ind for r in visible))

    # Search and sort.
    term = "汽车"
    want = count(lambda r: term in "".join(r))
    page, visible, _ = visible_rows(browser, site, f"q={term}")
    check(f"targets search {term!r}: {want} rows as in the CSV", len(visible) == want, f"visible {len(visible)}")
    top = max(float(r[col["value"]]) for r in rows if r[col["value"]])
    page, visible, err = visible_rows(browser, site, "sort=value&dir=desc")
    check("sort by value: no console errors", not console_problems(err), "; ".join(console_problems(err)[:5]))
    vals = [float(r["sort"][2]) for r in visible if r["sort"][2]]
    check(f"sort by value descending puts the largest ({top:g}) first", bool(vals) and vals[0] == top, f"first {vals[:1]}")
    check("sort by value descending is ordered", vals == sorted(vals, reverse=True))


def charts_checks(browser, site):
    dom, err = chromium(browser, file_url(site / "charts.html"), "--dump-dom")
    check("charts.html: no console errors", not console_problems(err), "; ".join(console_problems(err)[:5]))
    figures = re.findall(r'<figure class="indicator" id="ind-([^"]+)"', dom)
    check("charts.html: one chart per canonical indicator", len(figures) >= 3 and len(figures) == len(set(figures)), f"{len(figures)} charts")
    units = re.findall(r'class="y-unit">([^<]*)<', dom)
    panels = dom.count('<div class="panel"')
    check("charts.html: every panel names its unit on the value axis", panels > 0 and len(units) == panels and all(u.strip() for u in units), f"{panels} panels, {len(units)} unit labels")
    check("charts.html: charts are over years (year axis)", dom.count(">year</text>") == panels)


def finish():
    print(f"{RESULTS['passed']} passed, {RESULTS['failed']} failed")
    return 1 if RESULTS["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
