# Two commands on a fresh machine: `make demo` and `make test`.
# Each creates .venv and installs what it needs; both are safe to run again.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_HOST ?= 127.0.0.1
PG_PORT ?= 5432

.PHONY: demo test lint services system-packages clean

$(STAMP): pyproject.toml Makefile
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (found: $$($(PYTHON) --version))"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,distributed]"
	touch $(STAMP)

# Start the local PostgreSQL when it is installed but stopped (CI machines start it already).
services:
	@if command -v pg_isready >/dev/null 2>&1 && ! pg_isready -q -h $(PG_HOST) -p $(PG_PORT); then \
		if command -v pg_ctlcluster >/dev/null 2>&1; then \
			for version in $$(ls /etc/postgresql 2>/dev/null); do \
				pg_ctlcluster --skip-systemctl-redirect $$version main start || true; \
			done; \
		fi; \
	fi

# Debian's Chromium (the browser tests drive it; chart PNGs are drawn with it) and the Noto CJK
# fonts (Chinese in it): installed once, skipped when present, with sudo only when not root.
# Never a browser downloaded at run time (no `playwright install`).
SYSTEM_PACKAGES := chromium fonts-noto-cjk
system-packages:
	@missing=""; \
	for package in $(SYSTEM_PACKAGES); do \
		dpkg -s $$package 2>/dev/null | grep -q '^Status: install ok installed' || \
			missing="$$missing $$package"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if ! command -v apt-get >/dev/null 2>&1; then \
		echo "Cannot install$$missing: no apt-get here (install Debian's packages by hand)."; \
		exit 1; \
	fi; \
	sudo=""; \
	if [ "$$(id -u)" != 0 ]; then \
		command -v sudo >/dev/null 2>&1 || \
			{ echo "Cannot install$$missing: not root and no sudo (run as root once)."; exit 1; }; \
		sudo=sudo; \
	fi; \
	echo "Installing Debian packages:$$missing"; \
	{ $$sudo apt-get update -qq && \
		$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends $$missing; } || \
		{ echo "Could not install$$missing with apt-get (see above); the browser tests need them."; \
		  exit 1; }

lint: $(STAMP)
	$(BIN)/ruff check .

# Strict: an unreachable PostgreSQL, a missing ../shared/seeds, a missing `distributed` or a
# missing Chromium fails the run instead of skipping (tests/strict.py); a plain `pytest`
# still skips them. Two processes (pytest-xdist), one per core; the browser tests keep to
# one of them (they share a demo and a server: tests/browser/conftest.py).
test: $(STAMP) services system-packages lint
	TARGETWATCH_TEST_STRICT=1 $(BIN)/python -m pytest -n 2 --dist loadgroup

# The demo opens on the board as known on 30 June 2015, while the seed targets were live
# (service/demo/loader.py: OPEN_AS_OF says why); every page can still go to today.
DEMO_OPEN_AS_OF := 2015-06-30
demo: $(STAMP)
	$(BIN)/targetwatch init
	$(BIN)/targetwatch demo
	TARGETWATCH_OPEN_AS_OF=$(DEMO_OPEN_AS_OF) $(BIN)/targetwatch serve

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .hypothesis
