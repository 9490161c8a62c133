# Two commands matter: `make run` and `make test`. Both install what they need.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
HOST    ?= 127.0.0.1
PORT    ?= 8000
WORKERS ?= 2
CHROMIUM := $(shell command -v chromium 2>/dev/null)

.PHONY: install run test lint typecheck pytest validate browser bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: install
	@echo "neurodiff: serving on http://$(HOST):$(PORT)/  (API docs: http://$(HOST):$(PORT)/docs)"
	@$(BIN)/neurodiff serve --host $(HOST) --port $(PORT) --workers $(WORKERS)

lint: install
	$(BIN)/ruff check src tests benchmarks docs
	$(BIN)/ruff format --check src tests benchmarks docs

typecheck: install
	$(BIN)/mypy src

validate: install
	$(BIN)/neurodiff knowledge validate

# The browser tests drive Debian's chromium (no browser download); install it if missing.
browser:
ifeq ($(CHROMIUM),)
	@echo "installing Debian's chromium for the browser tests"
	@apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
endif

pytest: install browser
	$(BIN)/python -m pytest

test: lint typecheck validate pytest

bench: install
	$(BIN)/python benchmarks/engine.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache build dist src/*.egg-info
