# maniml: two commands. `make demo` installs everything and renders scenes/linreg_sgd.py to an MP4;
# `make test` installs everything and runs the test suite.
VENV ?= .venv
PY := $(VENV)/bin/python
QUALITY ?= -ql
# System packages manim needs to build and render (Cairo, Pango, ffmpeg), and a C toolchain for
# pycairo when no wheel fits.
SYSTEM_PKGS := libcairo2-dev libpango1.0-dev pkg-config ffmpeg gcc

.PHONY: demo test setup system-deps lint bench clean

demo: setup
	$(VENV)/bin/manim render $(QUALITY) --media_dir media scenes/linreg_sgd.py
	@echo "Rendered: $$(ls -t media/videos/linreg_sgd/*/*.mp4 | head -n 1)"

test: setup
	$(PY) -m pytest

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@$(MAKE) --no-print-directory system-deps
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test,dev]"
	@touch $@

# Installs only what is missing; apt-get needs root (sudo is used when not root).
system-deps:
	@missing=""; \
	for p in $(SYSTEM_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	python3 -c "import ensurepip, venv" 2>/dev/null || missing="$$missing python3-venv"; \
	python3-config --includes >/dev/null 2>&1 || missing="$$missing python3-dev"; \
	if [ -n "$$missing" ]; then \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
	  echo "Installing system packages:$$missing"; \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

bench: setup
	$(PY) bench/bench_fit.py

clean:
	rm -rf media .pytest_cache
