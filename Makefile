# Two entry points: `make demo` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SAMPLE := src/unspun/samples/sample-article.html

.PHONY: demo test lint bench schema clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

demo: $(BIN)/.installed
	$(BIN)/unspun analyze $(SAMPLE) --format html --output report.html
	$(BIN)/unspun analyze $(SAMPLE) --format md
	@echo "wrote report.html: open it in a browser"

test: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: $(BIN)/.installed
	$(BIN)/python benchmarks/analyze_pages.py

schema: $(BIN)/.installed
	$(BIN)/unspun schema --output docs/report.schema.json

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis report.html
