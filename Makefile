# 寻亲工作台 — `make run` starts the workbench on a fresh machine, `make test` runs the suite.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export TRACING_INSTANCE ?= $(CURDIR)/instance
PORT ?= 5000

.PHONY: install sysdeps test-sysdeps run test bench bench-quick clean-instance

install: $(STAMP) sysdeps

# Reinstall only when the dependency list changes: a second `make install` takes a second.
$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	# face_recognition declares `dlib` (a 7-minute source build); dlib-bin provides the same module.
	$(BIN)/pip install -q --no-deps 'face_recognition>=1.3'
	touch $(STAMP)

# System packages the workbench needs at run time: a CJK font for PDFs and image cards.
sysdeps:
	@bash scripts/sysdeps.sh runtime

# Extra system packages for the test suite: Chromium for browser tests, poppler for pdffonts.
test-sysdeps:
	@bash scripts/sysdeps.sh test

run: install
	TRACING_INSECURE_COOKIES=$${TRACING_INSECURE_COOKIES:-1} $(BIN)/tracing init
	TRACING_INSECURE_COOKIES=$${TRACING_INSECURE_COOKIES:-1} PORT=$(PORT) $(BIN)/tracing serve --port $(PORT)

test: install test-sysdeps
	bash scripts/ensure-services.sh
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

bench: install
	$(BIN)/python -m bench $(BENCH_ARGS)

bench-quick: install
	$(BIN)/python -m bench --quick
