# Two commands do all the set-up on a fresh Debian machine with Python 3.11+:
#   make run    create .venv if needed, install, start the app on http://localhost:8501
#   make test   the same set-up plus test tools and Debian's Chromium, then every test
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501

.PHONY: run test check catalogs chromium clean

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.testing: $(VENV)/.runtime requirements-test.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-test.txt
	touch $@

run: $(VENV)/.runtime
	$(VENV)/bin/streamlit run app.py --server.port $(PORT)

# Browser tests drive Debian's Chromium (Playwright's own browser download is not used).
chromium:
	@command -v chromium >/dev/null 2>&1 || test -x /usr/bin/chromium || \
	  { echo "Installing Debian's chromium for the browser tests"; \
	    $(if $(filter 0,$(shell id -u)),,sudo) apt-get update -qq && \
	    $(if $(filter 0,$(shell id -u)),,sudo) apt-get install -y -qq chromium >/dev/null; }

test: $(VENV)/.testing chromium
	$(PY) -m pytest

# The data check alone: every problem as file:row:column: message.
check: $(VENV)/.runtime
	$(PY) -m components.check

# Re-extract UI strings and merge them into the Vietnamese catalog (then translate the new entries).
catalogs: $(VENV)/.runtime
	$(VENV)/bin/pybabel -q extract -F babel.cfg --omit-header --no-location --sort-output -o locales/messages.pot .
	$(VENV)/bin/pybabel -q update -i locales/messages.pot -d locales -l vi --omit-header --no-fuzzy-matching --ignore-obsolete

clean:
	rm -rf $(VENV) .pytest_cache artifacts
