# Shared set-up of the PostgreSQL benchmarks: wrk, a reachable server, a throw-away database
# (`$database` at `$url`, dropped on exit with every process in `pids`), a work folder, and the
# release binaries in `$bin`. Sourced by run.sh and registry.sh after they set `admin_url`.

if ! command -v wrk >/dev/null 2>&1; then
  echo "perf: installing wrk (Debian package)" >&2
  apt-get install -y -qq wrk >/dev/null
fi
pg_isready -d "$admin_url" -q || { echo "perf: PostgreSQL at $admin_url does not answer" >&2; exit 1; }

database="mitra_perf_$$"
work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql "$admin_url" -qc "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
psql "$admin_url" -qc "CREATE DATABASE $database"
url="${admin_url%/*}/$database"

echo "building release binaries..."
cargo build --release --locked -q -p mitra -p mitra-perf-baseline
bin="${CARGO_TARGET_DIR:-target}/release"
