#!/usr/bin/env bash
# Sets up the environment (scripts/setup.sh), starts a throw-away Neo4j for the Neo4j half of
# the contract suite, runs every test, and stops Neo4j again. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export DIPLOGRAPH_REQUIRE_NEO4J=${DIPLOGRAPH_REQUIRE_NEO4J:-${CI:+1}}
.venv/bin/python -m pytest -q "$@"
