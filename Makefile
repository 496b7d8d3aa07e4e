# `make run` and `make test` set up .venv from the pinned requirements on first use.
# `make run` answers this computer only (127.0.0.1): serving a team goes through an
# authenticating proxy with INCIDENT_MAP_ACCESS set (README, "Serving a team").
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8501

.PHONY: setup run test bench lint clean

setup: $(STAMP)

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT) \
		--browser.gatherUsageStats false

test: $(STAMP)
	$(BIN)/python -m pytest

# Both backends side by side: PostgreSQL on INCIDENT_MAP_BENCH_PG, or on a throwaway
# cluster (.ci/postgres) when PostgreSQL is installed; SQLite alone otherwise.
bench: $(STAMP)
	@if [ -n "$$INCIDENT_MAP_BENCH_PG" ] || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		$(BIN)/python -m tests.bench $(BENCH); \
	else \
		cluster=$$(mktemp -d); trap '.ci/postgres stop "$$cluster"' EXIT; \
		INCIDENT_MAP_BENCH_PG=$$(.ci/postgres start "$$cluster") $(BIN)/python -m tests.bench $(BENCH); \
	fi

lint: $(STAMP)
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache test-artifacts
