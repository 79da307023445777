# Two commands on a fresh machine: `make demo` and `make test`.
# Each creates .venv and installs what it needs; both are safe to run again.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_HOST ?= 127.0.0.1
PG_PORT ?= 5432

.PHONY: demo test lint services clean

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

lint: $(STAMP)
	$(BIN)/ruff check .

# Strict: an unreachable PostgreSQL, a missing ../shared/seeds or a missing `distributed`
# fails the run instead of skipping (tests/strict.py); a plain `pytest` still skips them.
test: $(STAMP) services lint
	TARGETWATCH_TEST_STRICT=1 $(BIN)/python -m pytest

demo: $(STAMP)
	$(BIN)/targetwatch init
	$(BIN)/targetwatch demo
	$(BIN)/targetwatch serve

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .hypothesis
