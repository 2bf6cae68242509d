#!/usr/bin/env bash
# What an authenticated list costs beyond its query: the throughput of Mitra's
# `GET /api/v1/users` (token check, caller check, access rule, request id, logging, problem
# handling, paging) against a bare actix handler serving the same first page from the same query
# function, both on one PostgreSQL database seeded with an organisation of MITRA_PERF_USERS users,
# measured in the same run with wrk, rounds interleaved. Prints requests/s and the ratio.
#
#   MITRA_PERF_DATABASE_URL   a PostgreSQL maintenance database (default postgres://postgres@127.0.0.1:5432/postgres)
#   MITRA_PERF_USERS          users in the organisation (default 10000)
#   MITRA_PERF_SECONDS        length of each measured run (default 15)
#   MITRA_PERF_CONNECTIONS    concurrent connections (default 32)
#   MITRA_PERF_ROUNDS         measured runs per server (default 3)
set -euo pipefail
cd "$(dirname "$0")/../.."

admin_url="${MITRA_PERF_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
users="${MITRA_PERF_USERS:-10000}"
seconds="${MITRA_PERF_SECONDS:-15}"
connections="${MITRA_PERF_CONNECTIONS:-32}"
rounds="${MITRA_PERF_ROUNDS:-3}"

# shellcheck source=tests/perf/common.sh
source tests/perf/common.sh

echo "seeding $users users..."
"$bin/mitra-perf-baseline" seed "$url" perf "$users" >"$work/seed.log"
password="$(grep -oP 'admin login: perf\.admin / \K\S+' "$work/seed.log")"

# Started as in production: PostgreSQL, real keys, info logging (one line per request) to a file.
DATABASE_URL="$url" MITRA_PRODUCTION=true MITRA_JWT_KEYS="perf:$(head -c 48 /dev/urandom | base64 -w0)" \
  MITRA_AUDIT_SIGNING_KEY="$(head -c 32 /dev/urandom | base64 -w0)" \
  MITRA_PERSONAL_DATA_KEY="$(head -c 48 /dev/urandom | base64 -w0)" \
  MITRA_DATA_DIR="$work/data" MITRA_SPA_DIR="$work/no-spa" RUST_LOG=info \
  "$bin/mitra" serve --bind 127.0.0.1:0 >"$work/mitra.out" 2>"$work/mitra.log" &
pids+=($!)
"$bin/mitra-perf-baseline" serve "$url" perf 127.0.0.1:0 >"$work/baseline.out" 2>&1 &
pids+=($!)
listening() { for _ in $(seq 1 100); do grep -oP "$2 listening on \K\S+" "$1" && return; sleep 0.1; done; return 1; }
mitra="$(listening "$work/mitra.out" Mitra)" || { cat "$work/mitra.log" >&2; exit 1; }
baseline="$(listening "$work/baseline.out" baseline)" || { cat "$work/baseline.out" >&2; exit 1; }

token="$(curl -fsS -H 'content-type: application/json' \
  -d "{\"username\":\"perf.admin\",\"password\":\"$password\",\"refresh_token_delivery\":\"body\"}" \
  "$mitra/api/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')"
mitra_page="$mitra/api/v1/users?limit=20"
baseline_page="$baseline/users"

# Both answer the same page, or the comparison means nothing.
same="$(python3 - "$(curl -fsS -H "Authorization: Bearer $token" "$mitra_page")" "$(curl -fsS "$baseline_page")" <<'EOF'
import json, sys
print(json.loads(sys.argv[1]) == json.loads(sys.argv[2]))
EOF
)"
[ "$same" = "True" ] || { echo "perf: the two servers answer different pages" >&2; exit 1; }

# requests/s of one wrk run against URL, with any extra wrk arguments.
measure() {
  local target_url="$1"
  shift
  wrk -t2 -c"$connections" -d"$seconds"s "$@" "$target_url" | awk '/^Requests\/sec/ { print $2 }'
}
echo "warming up..."
wrk -t2 -c"$connections" -d3s "$baseline_page" >/dev/null
wrk -t2 -c"$connections" -d3s -H "Authorization: Bearer $token" "$mitra_page" >/dev/null

echo
echo "GET first page of $users users, $connections connections, ${seconds}s per run, $(nproc) cores"
printf '%-6s %18s %18s %8s\n' round "baseline req/s" "mitra req/s" ratio
baseline_runs=()
mitra_runs=()
for round in $(seq 1 "$rounds"); do
  b="$(measure "$baseline_page")"
  m="$(measure "$mitra_page" -H "Authorization: Bearer $token")"
  baseline_runs+=("$b")
  mitra_runs+=("$m")
  printf '%-6s %18s %18s %8s\n' "$round" "$b" "$m" "$(python3 -c "print(f'{$m / $b:.2f}')")"
done
python3 - "${baseline_runs[*]}" "${mitra_runs[*]}" <<'EOF'
import statistics, sys
baseline = statistics.median(map(float, sys.argv[1].split()))
mitra = statistics.median(map(float, sys.argv[2].split()))
print(f"median {baseline:18.0f} {mitra:18.0f} {mitra / baseline:8.2f}")
print(f"\nmitra / baseline = {mitra / baseline:.2f}x")
EOF
errors="$(grep -cE '" 5[0-9]{2} ' "$work/mitra.log" || true)"
[ "$errors" = 0 ] || { echo "perf: Mitra answered $errors server errors" >&2; exit 1; }
