# The project's verbs. `make site` and `make test` work on a fresh machine with Python 3.11.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site pdf docs test serve clean help system-deps bench-summaries bench-clean bench-build

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Debian packages the build uses, as command:package. Graphviz draws the relationship
# graph; Chromium prints the PDF (driven by Playwright: no browser is downloaded);
# poppler-utils reads it back in the tests. Installed when missing and this user may;
# otherwise a hint: the committed graph is kept and `make site` skips the PDF.
SYSTEM_PACKAGES := dot:graphviz chromium:chromium pdftotext:poppler-utils
system-deps:
	@missing=""; for pair in $(SYSTEM_PACKAGES); do \
	  command -v $${pair%%:*} >/dev/null 2>&1 || missing="$$missing $${pair#*:}"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian packages:$$missing"; \
	    export DEBIAN_FRONTEND=noninteractive; \
	    (apt-get install -y -qq $$missing >/dev/null 2>&1 || \
	     (apt-get update -qq && apt-get install -y -qq $$missing >/dev/null)); \
	  else echo "note: apt-get install$$missing (graph, PDF and its tests need them)"; fi; fi

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --editable '.[test]'
	@touch $@

site: $(VENV)/.installed system-deps ## set up, write docs/ from seeds/, build the site into site/ with site/dossier.pdf
	$(BIN)/dossier build
	$(BIN)/mkdocs build --strict
	$(BIN)/python -m build_scripts.pdf --if-possible

pdf: $(VENV)/.installed system-deps ## build the site and print the whole dossier to site/dossier.pdf
	$(BIN)/dossier build
	$(BIN)/mkdocs build --strict
	$(BIN)/python -m build_scripts.pdf

docs: $(VENV)/.installed system-deps ## write docs/ from seeds/ only
	$(BIN)/dossier build

test: $(VENV)/.installed system-deps ## set up and run the whole test suite
	$(BIN)/dossier build --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

serve: $(VENV)/.installed system-deps ## live preview on http://127.0.0.1:8000, rebuilding when seeds/ change
	$(BIN)/dossier build
	$(BIN)/mkdocs serve

clean: ## remove the built site and caches (not .venv)
	rm -rf site .pytest_cache .ruff_cache

$(VENV)/.bench: pyproject.toml | $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --editable '.[test,bench]'
	@touch $@

bench-summaries: $(VENV)/.bench ## summarizer vs lead-k and sumy (ROUGE) on ../shared/eval/bbc-business
	$(BIN)/python benchmarks/bench_summaries.py

bench-clean: $(VENV)/.installed ## cleaning precision/recall/F1 on ../shared/eval/extraction-dev
	$(BIN)/python benchmarks/bench_clean.py --split

bench-build: $(VENV)/.installed ## pipeline and site build at 10, 100, 1000 and 3000 articles
	$(BIN)/python benchmarks/bench_build.py
