#!/usr/bin/env bash
# Contract suite: a spec-driven fuzzer (schemathesis) sends generated requests - valid,
# invalid and stateful sequences - for every operation of openapi/openapi.json to a real
# server on a fresh embedded database, and fails on any 5xx or on an error that is not
# problem+json or a body that does not match its documented schema.
#   MITRA_BIN   the server binary (default: target/debug/mitra)
#   CONTRACT_EXAMPLES   examples per operation (default 30)
set -euo pipefail
cd "$(dirname "$0")/../.."

bin="${MITRA_BIN:-${CARGO_TARGET_DIR:-target}/debug/mitra}"
[ -x "$bin" ] || { echo "contract: no server binary at $bin (cargo build -p mitra)" >&2; exit 1; }
venv="${CONTRACT_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/mitra/contract-venv}"
if [ ! -x "$venv/bin/st" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check 'schemathesis>=4.3,<5'
fi

work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
env -u DATABASE_URL RUST_LOG=warn "$bin" serve --bind 127.0.0.1:0 --data-dir "$work/data" >"$work/out.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do grep -q "Mitra listening on" "$work/out.log" && grep -q "oki.auditor" "$work/out.log" && break; sleep 0.2; done
url="$(grep -oP 'Mitra listening on \K\S+' "$work/out.log")"
password="$(grep -oP '^\s+admin\s+oki\.admin\s+\K\S+' "$work/out.log")"
token="$(curl -fsS -H 'content-type: application/json' \
  -d "{\"username\":\"oki.admin\",\"password\":\"$password\"}" "$url/api/v1/auth/login" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')"

# Login, refresh and logout are left to the API suite: fuzzing them only trips the throttle
# or ends the fuzzer's own session. Run from the temporary folder, where the fuzzer's cache goes.
cd "$work"
"$venv/bin/st" run "$url/api/v1/openapi.json" \
  -H "Authorization: Bearer $token" \
  --checks not_a_server_error,content_type_conformance,response_schema_conformance \
  --exclude-path /api/v1/auth/login --exclude-path /api/v1/auth/refresh --exclude-path /api/v1/auth/logout \
  --max-examples "${CONTRACT_EXAMPLES:-30}" --seed 20261126 --no-color
