#!/usr/bin/env bash
# Every suite, in the order a failure is cheapest to find:
#   formatting and lints, the Rust unit and persistence tests and the API suite on SQLite and
#   (when MITRA_TEST_DATABASE_URL names a PostgreSQL server) on PostgreSQL, the web app's spec
#   check, type-check, lint, unit tests and build, the browser end-to-end suite, and the
#   contract suite (a spec-driven fuzzer against the real server).
# A failing suite does not stop the run: the summary names every suite that failed, and the
# exit status is non-zero when one did. Suites that need a build skip (as failed) when it failed.
#
#   scripts/test.sh          every suite (make test)
#   scripts/test.sh --quick  the edit loop: formatting, lints, Rust tests on SQLite, web app
#                            type-check and unit tests (make check)
#
# MITRA_TEST_REQUIRE_POSTGRES=1 makes a missing or unreachable PostgreSQL a failure.
set -uo pipefail
cd "$(dirname "$0")/.."

quick=0
[ "${1:-}" = "--quick" ] && quick=1
target="${CARGO_TARGET_DIR:-target}"
passed=()
failed=()

# run NAME COMMAND...: runs one suite and records how it went.
run() {
  local name="$1"
  shift
  echo
  echo "==> $name"
  if "$@"; then passed+=("$name"); else failed+=("$name"); echo "!!! $name failed"; fi
}

# Whether a suite this one needs has failed (then this one is counted failed without running).
blocked_by() {
  local need
  for need in "$@"; do
    [[ " ${failed[*]-} " == *" $need "* ]] && { echo; echo "==> skipped: $need failed"; return 0; }
  done
  return 1
}

# Prints how the suites went and ends the run: non-zero when one failed.
summary() {
  echo
  echo "suites: ${#passed[@]} passed, ${#failed[@]} failed"
  if [ "${#failed[@]}" -gt 0 ]; then
    printf '  failed: %s\n' "${failed[@]}"
    exit 1
  fi
  exit 0
}

if [ "${MITRA_TEST_REQUIRE_POSTGRES:-0}" = 1 ] && [ -z "${MITRA_TEST_DATABASE_URL:-}" ]; then
  echo "test.sh: MITRA_TEST_REQUIRE_POSTGRES=1 but MITRA_TEST_DATABASE_URL is not set" >&2
  exit 1
fi

web() { (cd frontend && "$@"); }

run "formatting" cargo fmt --all --check
run "clippy" cargo clippy --workspace --all-targets --locked -- -D warnings
run "Rust tests on SQLite" env -u MITRA_TEST_DATABASE_URL MITRA_TEST_REQUIRE_POSTGRES=0 cargo test --workspace --locked

if [ "$quick" = 0 ]; then
  if [ -n "${MITRA_TEST_DATABASE_URL:-}" ]; then
    run "Rust tests on PostgreSQL" env MITRA_TEST_REQUIRE_POSTGRES=1 \
      cargo test --locked -p mitra-persistence -p mitra-api --lib --test api
    # Each test process leaves its template database behind for the next run to drop; drop
    # them now, so a finished run leaves the server as it found it.
    if command -v psql >/dev/null 2>&1; then
      psql "$MITRA_TEST_DATABASE_URL" -Atqc "SELECT datname FROM pg_database WHERE datname LIKE 'mitra\_tpl\_%'" 2>/dev/null |
        while read -r name; do psql "$MITRA_TEST_DATABASE_URL" -qc "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)"; done
    fi
  else
    echo
    echo "(MITRA_TEST_DATABASE_URL not set: the database suites ran on SQLite only)"
  fi
fi

echo
echo "==> web app: install"
web sh -c '[ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund'
[ "$quick" = 0 ] && run "web app: generated API files are current" web npm run --silent check:api
run "web app: type-check" web npm run --silent typecheck
[ "$quick" = 0 ] && run "web app: lint" web npm run --silent lint
run "web app: unit tests" web npm test

[ "$quick" = 1 ] && summary

run "web app: build" web npm run --silent build
run "server: build" cargo build -p mitra --locked
bin="$(realpath "$target")/debug/mitra"
blocked_by "web app: build" "server: build" && failed+=("browser end-to-end") ||
  run "browser end-to-end" web env MITRA_BIN="$bin" npm run e2e
blocked_by "server: build" && failed+=("contract") ||
  run "contract: no input makes the server fail" env MITRA_BIN="$bin" ./tests/contract/run.sh

summary
