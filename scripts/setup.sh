#!/usr/bin/env bash
# Creates .venv and installs diplograph with its test tools and the pinned spaCy model.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null || PY=python3
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[dev,analyst]'
.venv/bin/python -m pip install --quiet --require-hashes --no-deps -r requirements/model.txt
