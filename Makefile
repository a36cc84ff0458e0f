# The two commands a newcomer needs: `make dist` and `make test`.
.PHONY: setup dist test test-fast lint bench messages clean

setup:
	@bash scripts/setup.sh

dist: setup
	.venv/bin/plancraft build -o dist --format html,pdf,docx

test:
	@bash scripts/setup.sh --test
	.venv/bin/ruff check src tests benchmarks
	.venv/bin/ruff format --check src tests benchmarks
	.venv/bin/mypy
	.venv/bin/python -m pytest -n auto --dist loadfile

# The quick loop while working: every module, no PDF layout, browser, wheel or slow test (see README).
FAST = not pdf and not browser and not packaging and not slow
test-fast:
	@bash scripts/setup.sh --test
	.venv/bin/python -m pytest -q -n auto -m "$(FAST)"

lint:
	@bash scripts/setup.sh --test
	.venv/bin/ruff check src tests benchmarks
	.venv/bin/ruff format --check src tests benchmarks
	.venv/bin/mypy

bench: setup
	.venv/bin/python benchmarks/run.py --record

clean:
	rm -rf dist .venv

# --- i18n: extract the messages, merge them into the Chinese catalog, compile it (see docs/i18n.md) ---
.PHONY: messages
messages:
	.venv/bin/pybabel -q extract --no-location -k _ -k N_ -k ngettext:1,2 -o src/plancraft/locale/plancraft.pot src/plancraft
	.venv/bin/pybabel -q update --no-fuzzy-matching -D plancraft -l zh_CN -i src/plancraft/locale/plancraft.pot -d src/plancraft/locale
	.venv/bin/pybabel -q compile --statistics -D plancraft -l zh_CN -d src/plancraft/locale
