# The project's verbs. `make site` and `make test` work on a fresh machine with Python 3.11.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site docs test serve clean help system-deps bench-summaries bench-clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Debian packages the build uses (Graphviz draws the relationship graph). Installed
# when missing and this user may; otherwise a hint, and the committed graph is kept.
system-deps:
	@command -v dot >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get install -y -qq graphviz >/dev/null 2>&1 || \
	     (apt-get update -qq && apt-get install -y -qq graphviz >/dev/null)); \
	  else echo "note: install Graphviz (apt-get install graphviz) to redraw the relationship graph"; fi; }

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --editable '.[test]'
	@touch $@

site: $(VENV)/.installed system-deps ## set up, write docs/ from seeds/, build the site into site/
	$(BIN)/dossier build
	$(BIN)/mkdocs build --strict

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
