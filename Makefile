# `make` regenerates output/; `make test` runs every test (unit, property, end-to-end,
# the published files read by pyarrow/polars/duckdb/frictionless, dcat.jsonld against
# SEMIC's DCAT-AP SHACL shapes, output drift);
# `make eval` scores output/ against the gold annotations; `make bench` measures speed.
CARGO   ?= cargo
# Python for every Python step: a virtual environment the Makefile builds from the pinned
# tests/requirements.lock on first use (about 40 s and 400 MB once; rebuilt when the lock changes).
HOST_PYTHON ?= python3
VENV    ?= .venv
PYTHON  := $(VENV)/bin/python
SHARED  ?= ../shared
export CARGO_TARGET_DIR ?= target
BIN     := $(CARGO_TARGET_DIR)/release/policy-pipeline

.PHONY: all output build venv test test-browser check-output ckan-roundtrip eval bench bench-quick bench-1g fuzz clean

all: output

build:
	$(CARGO) build --release --locked

output: build
	$(BIN) run --quiet

venv: $(VENV)/.installed

$(VENV)/.installed: tests/requirements.lock
	@test -x $(PYTHON) || $(HOST_PYTHON) -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --no-input -r tests/requirements.lock
	@touch $@

test: build venv
	$(CARGO) test --release --locked --workspace
	$(PYTHON) tests/check_output.py output
	$(PYTHON) tests/check_gold_quotes.py tests/corpus tests/holdout tests/blind tests/blind2
	$(PYTHON) tests/check_dcat.py output
	$(MAKE) --no-print-directory check-output
	$(MAKE) --no-print-directory test-browser

# The static site in a real headless Chromium with a CJK font (Debian's chromium and
# fonts-noto-cjk: the script installs them when run as root and they are missing, about
# 450 MB installed, once); screenshots go to reports/.
test-browser: build venv
	$(PYTHON) tests/site_browser.py

# Regenerate into a scratch folder, twice with different thread counts, and compare
# byte for byte with the committed output/.
check-output: build
	rm -rf .work/check && mkdir -p .work/check
	RAYON_NUM_THREADS=1 $(BIN) run --quiet --out .work/check/out1 --work .work/check/work1
	RAYON_NUM_THREADS=2 $(BIN) run --quiet --out .work/check/out2 --work .work/check/work2
	diff -r .work/check/out1 .work/check/out2 > .work/check/threads.txt || (head -20 .work/check/threads.txt; echo "output depends on the thread count"; exit 1)
	diff -r output .work/check/out1 > .work/check/diff.txt || (head -40 .work/check/diff.txt; echo "output/ is stale: run make and commit output/"; exit 1)
	@echo "output/ matches a fresh run (1 and 2 threads)"

# A real CKAN 2.12 on this machine (PostgreSQL and Redis from Debian, CKAN from PyPI in its
# own venv, a Solr stand-in): the package created with the ckanapi commands of --dry-run and
# with `publish --ckan-send`, read back and compared. Not part of `make test` (root, a few
# minutes, ~300 MB); what it printed last is in reports/ckan-roundtrip.md.
ckan-roundtrip: build
	BIN=$(BIN) bash tests/ckan_roundtrip.sh

# Seed gold (the Jilin corpus), then the outside corpus in tests/corpus/ (other provinces'
# texts, annotated before the extractor saw them), run into .work/corpus, then the held-out
# sets in tests/holdout/, tests/blind/ and tests/blind2/ (annotated later, first scored blind; see their SOURCES.md).
CORPUS := tests/corpus
HOLDOUT := tests/holdout
BLIND := tests/blind
BLIND2 := tests/blind2
eval: output venv
	$(PYTHON) $(SHARED)/tools/score.py output $(SHARED)/gold/*.jsonl
	$(PYTHON) tests/indicator_coverage.py output
	$(PYTHON) tests/score_projects.py output tests/gold/projects-*.jsonl
	$(BIN) run --quiet --fail-on never --sources $(CORPUS)/sources --out .work/corpus/out --work .work/corpus/work
	$(PYTHON) $(SHARED)/tools/score.py .work/corpus/out $(CORPUS)/gold/*.jsonl --sources $(CORPUS)/sources \
	  --regions $(CORPUS)/regions.json --json .work/corpus/score.json
	$(PYTHON) tests/indicator_coverage.py .work/corpus/out
	$(BIN) run --quiet --fail-on never --sources $(HOLDOUT)/sources --out .work/holdout/out --work .work/holdout/work
	$(PYTHON) $(SHARED)/tools/score.py .work/holdout/out $(HOLDOUT)/gold/*.jsonl --sources $(HOLDOUT)/sources \
	  --regions $(HOLDOUT)/regions.json --json .work/holdout/score.json
	$(BIN) run --quiet --fail-on never --sources $(BLIND)/sources --out .work/blind/out --work .work/blind/work
	$(PYTHON) $(SHARED)/tools/score.py .work/blind/out $(BLIND)/gold/*.jsonl --sources $(BLIND)/sources \
	  --regions $(BLIND)/regions.json --json .work/blind/score.json
	$(BIN) run --quiet --fail-on never --sources $(BLIND2)/sources --out .work/blind2/out --work .work/blind2/work
	$(PYTHON) $(SHARED)/tools/score.py .work/blind2/out $(BLIND2)/gold/*.jsonl --sources $(BLIND2)/sources \
	  --regions $(BLIND2)/regions.json --json .work/blind2/score.json

# Real corpus, peers, and synthetic 10 MB, 100 MB and 1 GB (about 10 minutes on 2 cores;
# needs ~10 GB of disk under .work/bench). bench-quick leaves out the 1 GB corpus.
bench: build venv
	$(PYTHON) bench/run.py --sizes 10,100,1000

bench-quick: build venv
	$(PYTHON) bench/run.py --sizes 10,100

bench-1g: build venv
	$(PYTHON) bench/run.py --sizes 1000

fuzz:
	PROPTEST_CASES=20000 $(CARGO) test --release --locked -p extract fuzz_

clean:
	rm -rf .work $(VENV)
