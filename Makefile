# The two commands a newcomer needs: `make dist` and `make test`.
.PHONY: setup dist test bench clean

setup:
	@bash scripts/setup.sh

dist: setup
	.venv/bin/plancraft build -o dist

test:
	@bash scripts/setup.sh --test
	.venv/bin/python -m pytest

bench: setup
	.venv/bin/python benchmarks/run.py --record

clean:
	rm -rf dist .venv
