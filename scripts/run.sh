#!/usr/bin/env bash
# Builds the web app and the server, then starts Mitra on the embedded SQLite database in ./data.
# A new database gets the demo organisation; its logins are printed once.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v npm >/dev/null || { echo "run.sh: npm (Node.js 20+) is needed to build the web app" >&2; exit 1; }
(cd frontend && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm run build)
cargo build -p mitra
exec "${CARGO_TARGET_DIR:-target}/debug/mitra" serve --bind "${MITRA_BIND:-127.0.0.1:8080}" --data-dir "${MITRA_DATA_DIR:-data}"
