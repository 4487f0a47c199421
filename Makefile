# Bowtie: `make run` serves a workshop, `make test` runs the whole suite.
# Both set everything up first (virtualenv, pinned Python packages, npm packages).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip

.PHONY: setup run test test-fast lint mutate audit bench bench-exports cluster clean screenshots cert

setup: $(VENV)/.stamp-dev node_modules/.stamp

$(VENV)/.stamp-dev: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

node_modules/.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

run: setup
	$(PY) server.py

# A self-signed certificate for a venue LAN (run/tls/): `make cert LAN_IP=192.168.1.20`, then
# BOWTIE_TLS_CERT=run/tls/cert.pem BOWTIE_TLS_KEY=run/tls/key.pem BOWTIE_HOST=0.0.0.0 make run
LAN_IP ?= 127.0.0.1
cert:
	mkdir -p run/tls
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 30 \
	  -keyout run/tls/key.pem -out run/tls/cert.pem -subj "/CN=$(LAN_IP)" \
	  -addext "subjectAltName=IP:$(LAN_IP),IP:127.0.0.1,DNS:localhost"
	chmod 600 run/tls/key.pem

test: setup
	$(PY) -m pytest

# Domain and socket tests only: seconds, no server process, no browser.
test-fast: setup
	$(PY) -m pytest tests/unit tests/socket

# Static checks and the browser modules' unit tests: ruff (pyflakes, import order,
# bugbear), mypy over the package (settings in pyproject.toml), node's own test runner.
lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	node --test tests/js/

# Mutation testing (tools/mutate.py): break the rules one small change at a time and
# check that the fast suite fails. Slow (tens of minutes on 2 cores): not part of CI.
# MUTATE_ARGS="--only store/votes" narrows it; --jobs sets the parallelism.
MUTATE_ARGS ?=
mutate: setup
	nice $(PY) tools/mutate.py $(MUTATE_ARGS)

# Known vulnerabilities fail; an unreachable vulnerability service only warns (.ci/audit.py).
audit: setup
	$(PY) .ci/audit.py

# Load benchmark (docs/performance.md): 300 participants by default; the targets
# are for `make bench BENCH_ARGS="-n 3000 --seconds 30"`.
BENCH_ARGS ?=
bench: setup
	$(PY) bench/load.py $(BENCH_ARGS)

# Time the organiser's summary and exports for a large workshop.
bench-exports: setup
	$(PY) bench/exports.py

# Several workers behind nginx with Redis (see docs/deployment.md).
cluster: setup
	PY=$(abspath $(PY)) bash bench/cluster.sh

screenshots: setup
	$(PY) bench/screenshots.py
	BOWTIE_SCREENSHOTS=docs/screenshots $(PY) -m pytest -q tests/e2e/test_journey_browser.py -k whole_bowtie

clean:
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache
