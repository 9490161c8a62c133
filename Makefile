# Two commands matter: `make run` and `make test`. Both install what they need.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
HOST    ?= 127.0.0.1
PORT    ?= 8000
WORKERS ?= 2
# Debian packages the end-to-end tests drive: a real browser and a real terminal.
MISSING := $(if $(shell command -v chromium 2>/dev/null),,chromium) $(if $(shell command -v tmux 2>/dev/null),,tmux)

.PHONY: install run test lint typecheck pytest validate test-tools bench clean

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

# The end-to-end tests drive Debian's chromium (no browser download) and tmux.
test-tools:
ifneq ($(strip $(MISSING)),)
	@echo "installing Debian packages for the end-to-end tests: $(strip $(MISSING))"
	@apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(MISSING) >/dev/null
endif

pytest: install test-tools
	$(BIN)/python -m pytest

test: lint typecheck validate pytest

bench: install
	$(BIN)/python benchmarks/engine.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache build dist src/*.egg-info
