# The README quotes these targets. Each installs what it needs on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Root in CI and on the dev machines; elsewhere apt needs sudo.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install build serve check schema test browser-deps bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(STAMP)

build: install
	$(BIN)/portaal build

serve: install
	$(BIN)/portaal serve

check: install
	$(BIN)/portaal check

schema: install
	$(BIN)/portaal schema

# Debian's Chromium (never a browser download) and Java for the Nu Html Checker; axe-core and
# vnu-jar from npm, pinned in tests/browser/package-lock.json.
browser-deps:
	@command -v chromium >/dev/null && command -v java >/dev/null || \
	  ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium default-jre-headless >/dev/null)
	@[ -f tests/browser/node_modules/vnu-jar/build/dist/vnu.jar ] && [ -f tests/browser/node_modules/axe-core/axe.min.js ] || npm ci --prefix tests/browser --silent --no-audit --no-fund

test: install browser-deps
	$(BIN)/python -m pytest

bench: install browser-deps
	$(BIN)/python bench/run.py
	$(BIN)/python bench/lighthouse.py

clean:
	rm -rf site .site.old $(VENV) tests/browser/node_modules
