#!/usr/bin/env bash
# Sets up diplograph, ingests the sample articles into the embedded store and serves the API.
#   DIPLOGRAPH_DATA_DIR  where the graph is kept (default: your user data directory)
#   PORT                 the API port (default 8000)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/diplograph ingest "${1:-../shared/seeds}"
exec .venv/bin/diplograph serve --host 127.0.0.1 --port "${PORT:-8000}"
