#!/usr/bin/env bash
# Every suite, in the order a failure is cheapest to find:
#   formatting and lints, Rust unit tests, the API suite on SQLite and (when
#   MITRA_TEST_DATABASE_URL names a PostgreSQL server) on PostgreSQL, the web app's
#   spec check, type-check, lint and unit tests, the browser end-to-end suite, and the
#   contract suite (a spec-driven fuzzer against the real server).
# MITRA_TEST_REQUIRE_POSTGRES=1 makes a missing or unreachable PostgreSQL a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

target="${CARGO_TARGET_DIR:-target}"
passed=0
stage() { echo; echo "==> $*"; }
ok() { passed=$((passed + 1)); }

if [ "${MITRA_TEST_REQUIRE_POSTGRES:-0}" = 1 ] && [ -z "${MITRA_TEST_DATABASE_URL:-}" ]; then
  echo "test.sh: MITRA_TEST_REQUIRE_POSTGRES=1 but MITRA_TEST_DATABASE_URL is not set" >&2
  exit 1
fi

stage "formatting";            cargo fmt --all --check; ok
stage "clippy";                cargo clippy --workspace --all-targets --locked -- -D warnings; ok
stage "Rust tests on SQLite";  env -u MITRA_TEST_DATABASE_URL MITRA_TEST_REQUIRE_POSTGRES=0 cargo test --workspace --locked; ok
if [ -n "${MITRA_TEST_DATABASE_URL:-}" ]; then
  stage "API suite on PostgreSQL (${MITRA_TEST_DATABASE_URL})"
  MITRA_TEST_REQUIRE_POSTGRES=1 cargo test -p mitra-api --test api --locked; ok
else
  echo "(MITRA_TEST_DATABASE_URL not set: the API suite ran on SQLite only)"
fi

stage "web app: install"
(cd frontend && { [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund; })
stage "web app: generated API types are current"; (cd frontend && npm run --silent check:api); ok
stage "web app: type-check";   (cd frontend && npm run --silent typecheck); ok
stage "web app: lint";         (cd frontend && npm run --silent lint); ok
stage "web app: unit tests";   (cd frontend && npm test); ok
stage "web app: build";        (cd frontend && npm run --silent build); ok

stage "browser end-to-end"
cargo build -p mitra --locked
(cd frontend && MITRA_BIN="$(cd .. && realpath "$target")/debug/mitra" npm run e2e); ok

stage "contract: no input makes the server fail"
MITRA_BIN="$(realpath "$target")/debug/mitra" ./tests/contract/run.sh; ok

echo
echo "suites: ${passed} passed, 0 failed"
