# Shortcuts for developers; everything is done by run.sh (which needs no make).
.PHONY: demo test setup lint bench clean

demo:
	bash run.sh demo

test:
	bash run.sh test

setup:
	bash run.sh setup

lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

bench: setup
	.venv/bin/python bench/bench_fit.py
	.venv/bin/python bench/bench_network.py
	.venv/bin/python bench/bench_scenes.py
	.venv/bin/python bench/bench_landscape.py

clean:
	rm -rf media .pytest_cache
