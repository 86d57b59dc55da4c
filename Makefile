# The two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test test-browser screenshots serve demo clean soak import-eval ocr-tools

$(INSTALLED): requirements.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] >= (3, 11), "Python 3.11 or newer is required"'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $(INSTALLED)

install: $(INSTALLED)

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py import_localities
	$(PY) manage.py load_demo

run: demo
	@echo ""
	@echo "Cổng đang chạy tại  http://$(HOST):$(PORT)/"
	@echo "Trang quản trị:     http://$(HOST):$(PORT)/quan-tri/  (tài khoản demo: xem bảng mật khẩu ở trên, in một lần khi tạo)"
	@echo ""
	DEBUG=$${DEBUG:-true} $(PY) manage.py runserver $(HOST):$(PORT)

# What a production server is given (portal/settings.py refuses to start without it): for the
# deploy check, and for the security suite's second run as production behind its proxy.
PRODUCTION_ENV = DJANGO_ENV=production ALLOWED_HOSTS=cchc.example.gov.vn SITE_URL=https://cchc.example.gov.vn \
	SITE_OWNER="Sở Nội vụ tỉnh Trà Vinh" TRUSTED_PROXIES=127.0.0.1 STATIC_ROOT=var/test-static \
	SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')
SECURITY_SUITE = tests/security tests/test_login_lockout.py tests/test_two_factor.py tests/test_permission_matrix.py

test: install
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(PRODUCTION_ENV) $(PY) manage.py check --deploy --fail-level WARNING
	$(PY) -m pytest
	@echo "=== The security suite in production mode (HTTPS through the trusted proxy; tests/conftest.py)"
	$(PRODUCTION_ENV) $(PY) manage.py collectstatic --noinput -v0
	$(PRODUCTION_ENV) $(PY) -m pytest -p no:cacheprovider $(SECURITY_SUITE)

# Seeds (or reuses) a PostgreSQL database of BENCH_PLANS plans and BENCH_ARTICLES articles
# (manage.py seed_benchmark, bench/seed/), serves it with gunicorn and measures the public pages;
# see bench/run.py for the settings.
.PHONY: bench bench-mixed
bench: install
	$(PY) -m bench.run

# Only the mixed load of `make bench` (bench/mixed.py): c=8 over a mix of public pages without and with a
# write every 10 s, the first request after a publication, Redis, worker and database memory (Redis at
# BENCH_REDIS); BENCH_MIXED_SECONDS=10 BENCH_FIRST_REPEATS=1 for a quick look.
bench-mixed: install
	$(PY) -m bench.mixed

# A bounded soak (bench/soak.py): gunicorn with SOAK_WORKERS (4) workers in production mode, SOAK_THREADS (8)
# readers for SOAK_SECONDS (120), a publication every SOAK_PUBLISH_EVERY (10) seconds, one worker killed
# halfway; prints requests, errors, p50/p99, worker memory growth and whether view counts are exact.
soak: install
	$(PY) -m bench.soak

# Only the browser tests: Chromium at /usr/bin/chromium, java for the HTML checker (`make test` runs them too).
test-browser: install
	$(PY) -m pytest tests/browser

# Every public page type at 360 px and 1280 px, and a plan as printed, in var/screenshots/ to look at.
screenshots: install
	$(PY) -m pytest tests/browser/test_screenshots.py -m screenshots

# OCR of scanned plans (plans/importer): Debian's tesseract with its Vietnamese model, and the PDF tools.
ocr-tools:
	@command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx vie || { \
		sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
		$$sudo apt-get update -qq && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			tesseract-ocr tesseract-ocr-vie poppler-utils fonts-dejavu-core </dev/null; }

# Field accuracy of extract_plan on the labelled texts in tests/data/importer, and how long a 10-page
# DOCX and a 10-page scan take; on a scratch SQLite database (it only reads the channel vocabulary).
IMPORT_EVAL_DB = DATABASE_URL=sqlite:///$(CURDIR)/var/import-eval.sqlite3
import-eval: install ocr-tools
	@mkdir -p var
	$(IMPORT_EVAL_DB) $(PY) manage.py migrate --noinput -v0
	$(IMPORT_EVAL_DB) $(PY) manage.py evaluate_importer tests/data/importer

clean:
	rm -rf $(VENV) var/staticfiles
