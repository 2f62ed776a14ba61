# make demo : set up, validate the shipped catalogue, publish the site, run sample cases.
# make test : set up and run the whole test suite.
# Both install what they need on a fresh Debian/Ubuntu machine (apt packages need root or sudo).

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed-stamp
APT_PACKAGES = graphviz fonts-noto-core chromium default-jre-headless nodejs npm postgresql curl
SUDO    = $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test setup system-deps node-deps clean docs bench

demo: setup system-deps
	$(BIN)/motcua validate procedures/
	$(BIN)/motcua publish procedures/ -o build/site
	rm -f build/demo.db
	bash demo/cases.sh build/demo.db
	@echo
	@echo "Done. Where to look:"
	@echo "  the catalogue website:  build/site/index.html  (open it in a browser)"
	@echo "  the sample cases:       build/demo.db  (try: $(BIN)/motcua case list --db build/demo.db)"
	@echo "  a diagram:              $(BIN)/motcua render 1.000656 -o build/khai-tu.png"

test: setup system-deps node-deps
	$(BIN)/pytest

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# Graphviz and Noto fonts draw the diagrams; Chromium, Java and npm run the website checks;
# the PostgreSQL server binaries run the PostgreSQL store's tests (a throw-away server per test run).
system-deps:
	@missing=""; \
	command -v dot >/dev/null || missing="$$missing graphviz"; \
	fc-list 2>/dev/null | grep -q NotoSans-Regular || missing="$$missing fonts-noto-core"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v npm >/dev/null || missing="$$missing nodejs npm"; \
	{ command -v pg_ctl || ls /usr/lib/postgresql/*/bin/pg_ctl; } >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v curl >/dev/null || missing="$$missing curl"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $$missing; \
	fi

node-deps: node_modules/.installed-stamp

node_modules/.installed-stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Benchmarks print numbers; they assert nothing.
bench: setup system-deps
	$(BIN)/python bench/validate_catalog.py
	$(BIN)/python bench/engine.py
	$(BIN)/python bench/publish.py
	$(BIN)/python bench/site_index.py
	$(BIN)/python bench/import.py

docs: setup
	$(BIN)/python -m motcua.validators.reference
	$(BIN)/python -m motcua.engine.spec.rules docs/rules.md

clean:
	rm -rf build .pytest_cache
