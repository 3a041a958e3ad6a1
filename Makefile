# `make` regenerates output/; `make test` runs every test (unit, property, end-to-end,
# output drift); `make eval` scores output/ against the gold annotations.
CARGO   ?= cargo
PYTHON  ?= python3
SHARED  ?= ../shared

export CARGO_TARGET_DIR ?= target

.PHONY: all output build test check-output eval bench clean

all: output

build:
	$(CARGO) build --release --locked

output: build
	$(CARGO_TARGET_DIR)/release/policy-pipeline run --quiet

test: build
	$(CARGO) test --release --locked --workspace
	$(PYTHON) tests/check_output.py
	$(MAKE) --no-print-directory check-output

# Regenerate into a scratch folder and compare with the committed output/.
check-output: build
	rm -rf .work/check && mkdir -p .work/check
	$(CARGO_TARGET_DIR)/release/policy-pipeline run --quiet --out .work/check/output --work .work/check/work
	diff -r output .work/check/output > .work/check/diff.txt || (head -50 .work/check/diff.txt; echo "output/ is stale: run make and commit output/"; exit 1)
	@echo "output/ matches a fresh run"

eval: output
	$(PYTHON) $(SHARED)/tools/score.py output $(SHARED)/gold/*.jsonl --json .work/eval.json --show-misses 0

bench: build
	$(PYTHON) tests/bench.py

clean:
	rm -rf .work
