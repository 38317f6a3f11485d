# One command sets up and runs the demo; one command runs every test.  `make help` lists the targets.
PYTHON ?= python3.13
VENV := .venv
PY := $(VENV)/bin/python
export DJANGO_SETTINGS_MODULE := claimbook.settings
# Tests run against PostgreSQL unless DATABASE_URL names another server.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/claimbook

.PHONY: help install demo run test test-fast lint bench-help

help:
	@echo "make demo       set up everything and run the demo on http://127.0.0.1:8000 (web server + worker)"
	@echo "make test       run the whole test suite (PostgreSQL, then the SQLite-specific part)"
	@echo "make test-fast  unit and view tests only, on PostgreSQL (no browser)"
	@echo "make lint       static checks: ruff check, ruff format --check, migrations check, mypy"

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $@

install: $(VENV)/.installed

demo: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py demo_setup
	@echo "Starting the workers (pre-tagging; training pre-tagger models) and the web server on http://127.0.0.1:8000 — Ctrl-C stops them."
	@$(PY) manage.py db_worker & worker=$$!; $(PY) manage.py db_worker --queue-name training & trainer=$$!; \
		trap "kill $$worker $$trainer 2>/dev/null" EXIT INT TERM; \
		$(PY) manage.py runserver 127.0.0.1:8000

run: install
	@$(PY) manage.py db_worker & worker=$$!; $(PY) manage.py db_worker --queue-name training & trainer=$$!; \
		trap "kill $$worker $$trainer 2>/dev/null" EXIT INT TERM; \
		$(PY) manage.py runserver 127.0.0.1:8000

# PostgreSQL with the browser journeys and the coverage gate, then the non-browser tests on SQLite (in a
# temporary directory, so that nothing is left behind in the tree).
test: install
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} $(PY) -m pytest --cov
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
		DATABASE_URL=sqlite:///$$tmp/test.db $(PY) -m pytest -m "not e2e" -q -p no:randomly

test-fast: install
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} $(PY) -m pytest -m "not e2e"

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/mypy
