#!/usr/bin/env bash
# maniml's set-up and entry points; needs only bash, Python 3.11 and apt (as root, or with sudo).
#   bash run.sh demo    install everything, render scenes/linreg_sgd.py to an MP4 under media/
#   bash run.sh test    install everything, run the test suite
#   bash run.sh setup   install everything only
set -euo pipefail
cd "$(dirname "$0")"

VENV=${VENV:-.venv}
QUALITY=${QUALITY:--ql}
# What manim needs to build and render (Cairo, Pango, ffmpeg) and a C compiler for pycairo.
SYSTEM_PKGS=(libcairo2-dev libpango1.0-dev pkg-config ffmpeg gcc)

system_deps() {
    local missing=() p
    for p in "${SYSTEM_PKGS[@]}"; do
        dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
    done
    python3 -c "import ensurepip, venv" 2>/dev/null || missing+=(python3-venv)
    python3-config --includes >/dev/null 2>&1 || missing+=(python3-dev)
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    echo "Installing system packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

setup() {
    # Re-install when pyproject.toml is newer than the last install.
    if [ -f "$VENV/.installed" ] && [ "$VENV/.installed" -nt pyproject.toml ]; then
        return 0
    fi
    system_deps
    python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    "$VENV/bin/python" -m pip install --quiet -e ".[test,dev,distributed,slides]"
    touch "$VENV/.installed"
}

case "${1:-}" in
    setup) setup ;;
    demo)
        setup
        "$VENV/bin/manim" render "$QUALITY" --media_dir media scenes/linreg_sgd.py LinRegSGD
        echo "Rendered: $(ls -t media/videos/linreg_sgd/*/*.mp4 | head -n 1)"
        ;;
    test)
        setup
        shift
        "$VENV/bin/python" -m pytest "$@"
        ;;
    *)
        echo "usage: bash run.sh demo|test|setup" >&2
        exit 2
        ;;
esac
