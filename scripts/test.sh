#!/usr/bin/env bash
# Sets up the environment (scripts/setup.sh), lints and type-checks, then runs every test; the
# Neo4j tests start a throw-away Neo4j server (tests/conftest.py) and stop it at the end.
# Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export DIPLOGRAPH_REQUIRE_NEO4J=${DIPLOGRAPH_REQUIRE_NEO4J:-${CI:+1}}
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy pipelines stores graph_schema app evaluation
.venv/bin/python -m pytest -q "$@"
