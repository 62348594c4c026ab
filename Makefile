# The project's verbs. `make site` and `make test` work on a fresh machine with Python 3.11.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Material's notice of its end of life (5 May 2027) stays visible: see the README's
# "The platform's end of life". The tests silence it for the builds they run.

.PHONY: site pdf epub docs test serve clean help system-deps tools lock check check-docs bench-summaries bench-thesis bench-clean bench-metadata bench-build bench-serve bench-lighthouse bench-links

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Debian packages the build uses, as command:package. Graphviz draws the relationship
# graph; Chromium prints the PDF (driven by Playwright: no browser is downloaded);
# poppler-utils reads it back in the tests; Java runs the W3C Nu HTML checker (tests).
# Installed when missing and this user may; otherwise a hint: the committed graph is
# kept and `make site` skips the PDF.
SYSTEM_PACKAGES := dot:graphviz chromium:chromium pdftotext:poppler-utils java:default-jre-headless
# Fonts, as fontconfig pattern:package (a language, or a character): the page and the PDF name
# them with local() only (docs/stylesheets/fonts.css), never a web font. Noto CJK
# draws Chinese, Japanese and Korean (天下); DejaVu, Latin, Greek and Cyrillic; Noto
# Color Emoji, emoji (🙂, asked for by character: an emoji font has no language).
FONT_PACKAGES := lang=zh-cn:fonts-noto-cjk lang=ko:fonts-noto-cjk lang=ru:fonts-dejavu-core \
  charset=1f642:fonts-noto-color-emoji
system-deps:
	@missing=""; for pair in $(SYSTEM_PACKAGES); do \
	  command -v $${pair%%:*} >/dev/null 2>&1 || missing="$$missing $${pair#*:}"; done; \
	for pair in $(FONT_PACKAGES); do \
	  if ! command -v fc-list >/dev/null 2>&1 || [ -z "$$(fc-list :$${pair%%:*} family)" ]; then \
	    case " $$missing " in *" $${pair#*:} "*) ;; *) missing="$$missing $${pair#*:}";; esac; fi; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian packages:$$missing"; \
	    export DEBIAN_FRONTEND=noninteractive; \
	    (apt-get install -y -qq $$missing >/dev/null 2>&1 || \
	     (apt-get update -qq && apt-get install -y -qq $$missing >/dev/null)); \
	  else echo "note: apt-get install$$missing (graph, PDF and its tests need them)"; fi; fi

# Exact versions from requirements-lock.txt (pyproject.toml holds ranges): the same
# pages on every machine. The pdf extra is Playwright and pypdf (make pdf, the tests);
# the epub extra, ebooklib (make epub).
LOCK := requirements-lock.txt
$(VENV)/.installed: pyproject.toml $(LOCK) | $(BIN)/python
	$(BIN)/python -m pip install --quiet --constraint $(LOCK) --editable '.[test,pdf,epub]'
	@touch $@

# Renew the lock from the newest versions pyproject.toml's ranges allow, resolved in a
# fresh environment (then run `make test` before committing it).
lock: | $(BIN)/python ## renew requirements-lock.txt from pyproject.toml's ranges
	rm -rf .cache/lock-venv && $(PYTHON) -m venv .cache/lock-venv
	.cache/lock-venv/bin/python -m pip install --quiet --upgrade pip
	.cache/lock-venv/bin/python -m pip install --quiet '.[test,pdf,epub,bench]'
	{ sed -n '/^#/p' $(LOCK); .cache/lock-venv/bin/python -m pip freeze --all \
	  --exclude-editable --exclude pip --exclude dossier | sort -f; } > $(LOCK).new
	mv $(LOCK).new $(LOCK) && rm -rf .cache/lock-venv

# A source with an error (exit status 1, named in one line) is left out and the rest of
# the site is still built; the target then fails with that status.
BUILD_DOCS = status=0; $(BIN)/dossier build || status=$$?; [ $$status -le 1 ] || exit $$status

# What renders docs/ into site/ (`make site RENDERER=zensical`): MkDocs, whose dossier
# plugins finish each page as they write it; ProperDocs, the maintained fork of MkDocs
# 1.x (the same plugins run); or Zensical, Material's successor, after which `dossier
# finish` does what the plugins do: edit links to the sources, the build date,
# robots.txt, the Pagefind index (README, "The platform's end of life").
RENDERER ?= mkdocs
RENDER_mkdocs := $(BIN)/mkdocs build --strict
RENDER_properdocs := $(BIN)/properdocs build --strict
RENDER_zensical := rm -rf site && $(BIN)/zensical build --strict --clean -f mkdocs.yml && \
	$(BIN)/dossier finish
RENDER = $(or $(RENDER_$(RENDERER)),$(error RENDERER: mkdocs, properdocs or zensical))

site: $(VENV)/.installed system-deps ## set up, write docs/ from seeds/, build the site into site/ with site/dossier.pdf and .epub (RENDERER=zensical or properdocs: render with another)
	@$(BUILD_DOCS); set -x; \
	$(RENDER) && \
	$(BIN)/python -m build_scripts.pdf --if-possible && \
	$(BIN)/python -m build_scripts.epub --if-possible && exit $$status

pdf: $(VENV)/.installed system-deps ## build the site and print the whole dossier to site/dossier.pdf
	@$(BUILD_DOCS); set -x; \
	$(RENDER) && \
	$(BIN)/python -m build_scripts.pdf && exit $$status

epub: $(VENV)/.installed ## build the site and write the whole dossier to site/dossier.epub
	@$(BUILD_DOCS); set -x; \
	$(RENDER) && \
	$(BIN)/python -m build_scripts.epub && exit $$status

docs: $(VENV)/.installed system-deps ## write docs/ from seeds/ only
	$(BIN)/dossier build

# The site checkers the tests run (axe-core, linkinator, vnu-jar, lighthouse), pinned in
# package-lock.json, into node_modules/. --ignore-scripts: vnu-jar's install script would
# download a Java runtime; Debian's is used instead.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "note: install Node.js 20+ and npm for the site checkers"; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

tools: node_modules/.installed ## install the npm site checkers into node_modules/

test: $(VENV)/.installed system-deps node_modules/.installed ## set up and run the whole test suite
	$(BIN)/dossier check
	$(BIN)/dossier build --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/zizmor --offline --quiet .github/
	$(BIN)/actionlint -shellcheck $(BIN)/shellcheck
	$(BIN)/pytest

# The pre-commit hooks' commands (.pre-commit-config.yaml): from a clean clone the first
# one sets up .venv, as `make site` does.
check: $(VENV)/.installed ## validate every source and data file (dossier check)
	@$(BIN)/dossier check -q

check-docs: $(VENV)/.installed ## fail if docs/ is stale or was edited by hand (dossier build --check)
	@$(BIN)/dossier build --check -q

# --dirty: after an edit MkDocs renders only the pages whose Markdown changed (the
# pipeline rewrites only those): 2.6 s instead of ~16 s at 1,000 sources. MkDocs warns
# that a dirty build's navigation may be stale, which strict mode would abort on;
# `make site` and CI build everything, strictly. `make serve SERVE_FLAGS=` for full.
SERVE_FLAGS ?= --dirty --no-strict
serve: $(VENV)/.installed system-deps ## live preview on http://127.0.0.1:8000/ (under site_url's path), rebuilding when seeds/ change
	$(BIN)/dossier build
	$(BIN)/mkdocs serve $(SERVE_FLAGS)

clean: ## remove the built site and caches (not .venv)
	rm -rf site .pytest_cache .ruff_cache

$(VENV)/.bench: pyproject.toml $(LOCK) | $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --constraint $(LOCK) --editable '.[test,pdf,epub,bench]'
	@touch $@

bench-summaries: $(VENV)/.bench ## summarizer vs lead-k and sumy (ROUGE) on ../shared/eval/bbc-business
	$(BIN)/python benchmarks/bench_summaries.py

bench-thesis: $(VENV)/.installed ## thesis and main-claim recall, standalone bullets, on 40 hand-labelled opinion and analysis texts
	$(BIN)/python benchmarks/bench_thesis.py

bench-clean: $(VENV)/.installed ## cleaning precision/recall/F1 on ../shared/eval/extraction-dev
	$(BIN)/python benchmarks/bench_clean.py --split

bench-metadata: $(VENV)/.installed ## title/authors/date/outlet precision and recall on ../shared/eval/extraction-dev
	$(BIN)/python benchmarks/bench_metadata.py --split

bench-links: $(VENV)/.installed ## link precision and overlinks on the seeds and hand-judged news pages (../shared/eval/extraction-dev)
	$(BIN)/python benchmarks/bench_links.py

bench-search: $(VENV)/.installed system-deps ## search queries answered as listed (seeds, and a 150-source corpus), in Chromium through Pagefind
	$(BIN)/python benchmarks/bench_search_queries.py

bench-build: $(VENV)/.installed ## pipeline and site build at 10, 100, 1000 and 3000 articles
	$(BIN)/python benchmarks/bench_build.py

bench-serve: $(VENV)/.installed ## make serve at 1,000 sources: seconds from saving a source to its updated page
	$(BIN)/python benchmarks/bench_serve.py

bench-lighthouse: $(VENV)/.installed system-deps node_modules/.installed ## Lighthouse scores of the home and an article page
	$(BIN)/dossier build
	$(BIN)/mkdocs build --strict
	$(BIN)/python benchmarks/bench_lighthouse.py
