# The only verbs a newcomer needs: demo, test, bench, lint.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench lint fmt clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	bash scripts/demo.sh

lint: $(STAMP)
	$(BIN)/ruff format --check src tests bench
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/pytest
	bash scripts/pg_test.sh

bench: $(STAMP)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/cases_intake.py
	$(BIN)/python bench/cases_recap.py
	$(BIN)/python bench/load_mixed.py
	$(BIN)/python bench/vulnerability_index.py
	$(BIN)/python bench/monitoring_ingest.py
	$(BIN)/python bench/monitoring_reposts.py measure
	$(BIN)/python bench/dask_screen.py

fmt: $(STAMP)
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

clean:
	rm -rf $(VENV) var build *.egg-info
