# Two commands do all the set-up on a fresh Debian machine with Python 3.11+:
#   make run    create .venv if needed, install, start the app on http://localhost:8501
#   make test   the same set-up plus test tools and Debian's Chromium, then every test
#   make serve-prod   2 replicas behind nginx on loopback (see the README, "Deploy")
#   make static       the static edition into build/site (make run, serve-prod and test rebuild it when stale)
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501
# make serve-prod: nginx on NGINX_PORT in front of REPLICAS replicas on REPLICA_BASE_PORT, +1, …
NGINX_PORT        ?= 8080
REPLICAS          ?= 2
REPLICA_BASE_PORT ?= 8511
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: run test check data-lock catalogs chromium nginx node serve-prod static static-if-stale clean

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.testing: $(VENV)/.runtime requirements-test.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-test.txt
	touch $@

# The static edition (every page as plain HTML, PDFs, sitemap): build/site, not committed.
static: $(VENV)/.runtime
	$(PY) -m components.static_build

static-if-stale: $(VENV)/.runtime
	$(PY) -m components.static_build --if-stale

# server.py: the app (app.py) plus the static edition's routes, in one process.
run: static-if-stale
	$(VENV)/bin/streamlit run server.py --server.port $(PORT)

# Browser tests drive Debian's Chromium (Playwright's own browser download is not used).
chromium:
	@command -v chromium >/dev/null 2>&1 || test -x /usr/bin/chromium || \
	  { echo "Installing Debian's chromium for the browser tests"; \
	    $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium >/dev/null; }

# The production proxy: Debian's nginx with its brotli modules, and brotli to pre-compress static files.
nginx:
	@{ command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx; } && command -v brotli >/dev/null 2>&1 || \
	  { echo "Installing Debian's nginx (with brotli) for serve-prod and the deployment tests"; \
	    $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq nginx libnginx-mod-http-brotli-filter \
	      libnginx-mod-http-brotli-static brotli >/dev/null; }

# Production on loopback: REPLICAS Streamlit replicas supervised, nginx in front; Ctrl-C stops all.
serve-prod: static-if-stale nginx
	$(PY) deploy/serve.py --replicas $(REPLICAS) --base-port $(REPLICA_BASE_PORT) --port $(NGINX_PORT)

# Lighthouse 12 (the static edition's smoke test and bench/lighthouse.py), pinned in package-lock.json.
node:
	@command -v npm >/dev/null 2>&1 || \
	  { echo "Installing Debian's nodejs and npm for Lighthouse"; \
	    $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq nodejs npm >/dev/null; }

node_modules/.package-lock.json: package-lock.json | node
	npm ci --no-audit --no-fund --loglevel=error

test: $(VENV)/.testing chromium nginx node_modules/.package-lock.json static-if-stale
	$(PY) -m pytest

# The data check alone: every problem as file:row:column: message.
check: $(VENV)/.runtime
	$(PY) -m components.check

# After a deliberate edit of a CSV (or a new table): check it, then record each table's row count, size
# and hash in data/datapackage.json, which the check and the app compare every file with.
data-lock: $(VENV)/.runtime
	$(PY) -m components.lock

# Re-extract UI strings and merge them into the Vietnamese catalog (then translate the new entries).
# The template has no header; the catalog keeps its own (Language, Plural-Forms: Vietnamese has one
# form), and its dates stay put so that an unchanged catalog is rewritten byte for byte.
catalogs: $(VENV)/.runtime
	$(VENV)/bin/pybabel -q extract -F babel.cfg --omit-header --no-location --sort-output -o locales/messages.pot .
	$(VENV)/bin/pybabel -q update -i locales/messages.pot -d locales -l vi --ignore-pot-creation-date --no-fuzzy-matching --ignore-obsolete

clean:
	rm -rf $(VENV) .pytest_cache artifacts .serve-prod build node_modules
