# The two commands a new user needs: `make run` and `make test`. Both create .venv and install first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test lint typecheck unit install clean bench bench-clinic translations

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "CalfCoach needs Python 3.11 or newer"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@# Byte-compile once so the CLI starts fast even with PYTHONDONTWRITEBYTECODE=1 (see ECOSYSTEM.md).
	$(BIN)/python -m compileall -q -j 0 $(VENV)/lib src > /dev/null || true
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/calfcoach serve

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/lint-imports --no-cache
	$(BIN)/vulture

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/python -m pytest -q

test: lint typecheck unit

# Extract every marked message, merge it into each language's catalog, compile the catalogs
# (docs/translations.md). Commit the .pot, .po and .mo files together.
translations: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k N_ -k N_plural:1,2 -k translate:2 -k translate_plural:2,3 --add-location=file \
		--sort-by-file --project=CalfCoach --msgid-bugs-address=none -o src/calfcoach/locale/calfcoach.pot .
	$(BIN)/pybabel update -D calfcoach -i src/calfcoach/locale/calfcoach.pot -d src/calfcoach/locale \
		--no-fuzzy-matching --ignore-obsolete
	$(BIN)/pybabel compile --statistics -D calfcoach -d src/calfcoach/locale

bench: $(STAMP)
	$(BIN)/python benchmarks/cli_bench.py

# Two servers on PostgreSQL at clinic size (docs/deploy.md, "Clinic size"); QUICK=1 for the 3-minute run.
bench-clinic: $(STAMP)
	$(BIN)/python benchmarks/clinic_load.py $(if $(QUICK),--quick)

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
