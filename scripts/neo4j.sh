#!/usr/bin/env bash
# Starts, stops or reports the local Neo4j server built from Maven Central
# (stores/neo4j_server.py). Needs NEO4J_PASSWORD for start and status; optional:
# NEO4J_HOME_DIR (default ${DIPLOGRAPH_DATA_DIR:-$HOME/.local/share/diplograph}/neo4j),
# NEO4J_BOLT_PORT (7687), NEO4J_HTTP_PORT (7474).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-$root/.venv/bin/python}"
if [ $# -ne 1 ]; then
    echo "usage: $0 start|stop|status" >&2
    exit 2
fi
PYTHONPATH="$root${PYTHONPATH:+:$PYTHONPATH}" exec "$python" -m stores.neo4j_server "$1"
