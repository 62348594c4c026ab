# The project's verbs. `make site` and `make test` work on a fresh machine with Python 3.11.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site docs test lint serve clean help

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --editable '.[test]'
	@touch $@

site: $(VENV)/.installed ## set up, write docs/ from seeds/, build the site into site/
	$(BIN)/dossier build
	$(BIN)/mkdocs build --strict

docs: $(VENV)/.installed ## write docs/ from seeds/ only
	$(BIN)/dossier build

test: $(VENV)/.installed ## set up and run the whole test suite
	$(BIN)/dossier build --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

serve: $(VENV)/.installed ## live preview on http://127.0.0.1:8000, rebuilding when seeds/ change
	$(BIN)/dossier build
	$(BIN)/mkdocs serve

clean: ## remove the built site and caches (not .venv)
	rm -rf site .pytest_cache .ruff_cache
