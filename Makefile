# gongkai — `make demo` and `make test` each bootstrap .venv (idempotent) and run.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.runtime-stamp
STAMP := $(VENV)/.installed-stamp
SAMPLE := corpus/sample_final_accounts_2023.pdf

.PHONY: demo test lint bench clean venv sample

venv: $(STAMP)

# what a user needs to run gongkai: the runtime dependencies only
$(RUNTIME): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@touch $(RUNTIME)

# the tests, the notebook and the sample builder need the test extra on top (and OCR, tested too)
$(STAMP): $(RUNTIME)
	$(BIN)/python -m pip install --quiet -e '.[test,ocr]'
	@touch $(STAMP)

# the sample is committed; this rebuilds it from corpus/make_sample.py (needs reportlab)
sample: $(STAMP)
	$(BIN)/python corpus/make_sample.py $(SAMPLE)

demo: $(RUNTIME)
	$(BIN)/gongkai check $(SAMPLE)
	$(BIN)/gongkai extract corpus/ -o out/demo
	@echo "dataset written to out/demo/ (documents, facts, checks, check_facts, findings, errors, duplicates as CSV and Parquet; datapackage.json)"
	@echo "run gongkai yourself with $(BIN)/gongkai (or after: source $(BIN)/activate), e.g. $(BIN)/gongkai check FILE.pdf; for the web page: $(BIN)/pip install -e '.[serve]' then $(BIN)/gongkai serve"

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check gongkai tests benchmarks corpus

bench: $(STAMP)
	$(BIN)/python -m gongkai.bench
	$(BIN)/python benchmarks/batch_bench.py
	$(BIN)/python benchmarks/pathological.py

clean:
	rm -rf $(VENV) out .pytest_cache
