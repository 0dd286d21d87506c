.PHONY: install test lint bench eval

install:
	pip install -e '.[test]'

test:
	python -m pytest

lint:
	ruff check src tests benchmarks

bench:
	python benchmarks/throughput.py

eval:
	veille eval tests/gold --check
