# Norte — the two commands a newcomer needs: `make run` and `make test`.
# Everything installs into .venv from pyproject.toml; nothing is expected on the machine but
# Python 3.11 (and, when DATABASE_URL / CELERY_BROKER_URL are set, those services).

PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1:8000

.PHONY: run stack load test install lint format migrate seed messages clean

# Re-install whenever pyproject.toml changes.
$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/.installed

migrate: install
	$(MANAGE) migrate --noinput

seed: migrate
	$(MANAGE) seed_demo

## Set up everything and serve http://127.0.0.1:8000 with demo data.
run: messages seed
	$(MANAGE) collectstatic --noinput --verbosity 0
	@echo "Norte: http://$(HOST)/  ·  API docs: http://$(HOST)/api/v1/docs/  ·  admin: http://$(HOST)/admin/"
	$(MANAGE) runserver $(HOST)

## Production-like on one machine: gunicorn on http://$(HOST)/, a Celery worker and Celery beat
## (Procfile, run by honcho) against PostgreSQL and Redis, with the catalogs compiled (the web
## pages and the workers' emails are translated from them). The database must exist
## (`createdb norte`); every URL below can be overridden from the environment.
stack: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/norte
stack: export CELERY_BROKER_URL ?= redis://127.0.0.1:6379/0
stack: export REDIS_URL ?= redis://127.0.0.1:6379/1
stack: export DJANGO_SETTINGS_MODULE ?= config.settings.local
stack: export DJANGO_DEBUG ?= false
stack: export HOST := $(HOST)
stack: export PATH := $(abspath $(BIN)):$(PATH)
stack: messages
	$(MANAGE) migrate --noinput
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(BIN)/honcho start

## The production stack on 127.0.0.1 (gunicorn, a Celery worker, PostgreSQL, Redis) with 10,000
## vendors in a database of its own, under locust's mixed workload for LOAD_TIME (60s); prints
## req/s, p50/p95/p99 and errors per kind beside its reference view. marketplace/benchmarks/load/run.sh lists the knobs.
load: messages
	BIN=$(BIN) marketplace/benchmarks/load/run.sh

## Lint, then the whole test suite, in one process per core (pytest-xdist);
## `make test TEST_PROCESSES=0` runs it in a single process.
TEST_PROCESSES ?= auto
test: lint messages
	$(BIN)/pytest -n $(TEST_PROCESSES)

## Compile the translation catalogs (locale/*.po → .mo; the .mo files are not committed, so every
## way of serving the site compiles them: run, stack, test, and README's production steps).
messages: install
	$(MANAGE) compilemessages --ignore '.*' --ignore staticfiles --ignore node_modules --verbosity 0

## ruff, then the import rules of pyproject.toml's [tool.importlinter].
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles test-artefacts
