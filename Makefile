# The two commands a newcomer needs: `make dist` and `make test`.
.PHONY: setup dist test clean

setup:
	@bash scripts/setup.sh

dist: setup
	.venv/bin/plancraft build -o dist

test: setup
	.venv/bin/python -m pytest

clean:
	rm -rf dist .venv
