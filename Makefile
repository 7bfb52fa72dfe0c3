# Two commands on a fresh machine: `make demo` (the pipeline once, on the embedded Postgres) and `make test`.
PYTHON ?= python3
VENV   := .venv
TOOLS  := .tools
UV     := $(shell command -v uv 2>/dev/null || echo $(TOOLS)/bin/uv)

.PHONY: install demo test test-fast bench lint clean-data

$(TOOLS)/bin/uv:
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install -q uv==0.13.9

# the lock file is the install: a fresh machine gets exactly what was tested
$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --extra dev --python $(PYTHON)
	touch $@

install: $(VENV)/.installed

demo: install
	$(VENV)/bin/incidents demo

test: install
	scripts/ensure_chromium.sh
	$(VENV)/bin/pytest -q -n 2 --dist loadfile

test-fast: install
	$(VENV)/bin/pytest -q -m "not slow"

bench: install
	$(VENV)/bin/python -m bench.run $(BENCH_ARGS)

lint: install
	$(VENV)/bin/ruff check src scrapers dags tests

clean-data:
	-$(VENV)/bin/incidents db stop
	rm -rf .data
