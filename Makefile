# 1540 Clearinghouse. The two commands a new user needs:
#   make up     create the environment, prepare the database, serve http://$(HOST):$(PORT)
#   make test   install what the tests need and run them
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 2
PIP := $(BIN)/python -m pip --disable-pip-version-check -q
export PYTHONDONTWRITEBYTECODE = 1

.PHONY: up test bench lint schema browser clean messages compilemessages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the project's dependency files change.
$(VENV)/.installed: pyproject.toml requirements/lock.txt | $(BIN)/python
	$(PIP) install -c requirements/lock.txt -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) install -c requirements/lock.txt -e '.[test]'
	touch $@

var/static/.collected: $(VENV)/.installed $(shell find clearinghouse/static -type f 2>/dev/null)
	$(BIN)/clearinghouse collectstatic --noinput -v 0
	touch $@

up: $(VENV)/.installed var/static/.collected
	$(BIN)/clearinghouse init
	@echo "Serving the 1540 Clearinghouse at http://$(HOST):$(PORT)/ (with a task worker and the scheduler)"
	$(BIN)/clearinghouse db_worker --interval 1 & worker=$$!; \
	$(BIN)/clearinghouse scheduler & scheduler=$$!; \
	trap 'kill $$worker $$scheduler 2>/dev/null; wait' EXIT INT TERM; \
	$(BIN)/gunicorn clearinghouse.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS) --access-logfile - --timeout 120

test: $(VENV)/.installed-test var/static/.collected
	scripts/ensure-chromium
	$(BIN)/ruff check clearinghouse tests scripts bench
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(VENV)/.installed-test var/static/.collected
	$(BIN)/python bench/run.py

lint: $(VENV)/.installed-test
	$(BIN)/ruff check clearinghouse tests scripts bench

# Regenerate the committed OpenAPI schema (a test checks it matches the code).
schema: $(VENV)/.installed
	$(BIN)/clearinghouse spectacular --file docs/api/openapi.yaml --validate

# Translations (docs/translating.md): refresh the five catalogues from the marked strings (needs
# GNU gettext's xgettext and msgmerge), then compile them; the compiled .mo files are committed,
# so a fresh clone needs no gettext.
LANGS := ar zh_Hans fr es ru
messages: $(VENV)/.installed-test
	$(BIN)/clearinghouse makemessages $(addprefix -l ,$(LANGS)) --no-obsolete --ignore='.venv/*' --ignore='var/*' --ignore='tests/*' --ignore='bench/*' --ignore='scripts/*'
	$(BIN)/python scripts/po_tool.py check

compilemessages: $(VENV)/.installed-test
	$(BIN)/python scripts/po_tool.py compile

clean:
	rm -rf $(VENV) var/static
