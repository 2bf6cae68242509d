#!/usr/bin/env bash
# The registry's lists at scale: a PostgreSQL database with MITRA_PERF_COMPANIES press companies
# (each with an outlet; every status, media type and Press Council standing represented), seeded
# through the real write path, and each filter of `GET /api/v1/press-companies` and
# `GET /api/v1/outlets` measured with wrk against the production build. Prints requests/s and
# the 50th and 99th percentile latency of each query.
#
#   MITRA_PERF_DATABASE_URL   a PostgreSQL maintenance database (default postgres://postgres@127.0.0.1:5432/postgres)
#   MITRA_PERF_COMPANIES      press companies (default 10000)
#   MITRA_PERF_SECONDS        length of each measured run (default 5)
#   MITRA_PERF_CONNECTIONS    concurrent connections (default 8)
set -euo pipefail
cd "$(dirname "$0")/../.."

admin_url="${MITRA_PERF_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
companies="${MITRA_PERF_COMPANIES:-10000}"
seconds="${MITRA_PERF_SECONDS:-5}"
connections="${MITRA_PERF_CONNECTIONS:-8}"

# shellcheck source=tests/perf/common.sh
source tests/perf/common.sh

echo "seeding $companies press companies..."
started=$(date +%s)
"$bin/mitra-perf-baseline" seed "$url" perf 1 >"$work/seed.log"
"$bin/mitra-perf-baseline" seed-registry "$url" perf "$companies" >>"$work/seed.log"
echo "  seeded in $(( $(date +%s) - started ))s"
password="$(grep -oP 'admin login: perf\.admin / \K\S+' "$work/seed.log")"
psql "$url" -qc "ANALYZE" >/dev/null

DATABASE_URL="$url" MITRA_PRODUCTION=true MITRA_JWT_KEYS="perf:$(head -c 48 /dev/urandom | base64 -w0)" \
  MITRA_AUDIT_SIGNING_KEY="$(head -c 32 /dev/urandom | base64 -w0)" \
  MITRA_PERSONAL_DATA_KEY="$(head -c 48 /dev/urandom | base64 -w0)" \
  MITRA_DATA_DIR="$work/data" MITRA_SPA_DIR="$work/no-spa" RUST_LOG=warn \
  "$bin/mitra" serve --bind 127.0.0.1:0 >"$work/mitra.out" 2>"$work/mitra.log" &
pids+=($!)
for _ in $(seq 1 100); do mitra="$(grep -oP 'Mitra listening on \K\S+' "$work/mitra.out" 2>/dev/null || true)"; [ -n "$mitra" ] && break; sleep 0.1; done
[ -n "$mitra" ] || { cat "$work/mitra.log" >&2; exit 1; }

token="$(curl -fsS -H 'content-type: application/json' \
  -d "{\"username\":\"perf.admin\",\"password\":\"$password\",\"refresh_token_delivery\":\"body\"}" \
  "$mitra/api/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')"
auth="Authorization: Bearer $token"

# A cursor half-way through the list, to show a deep page costs what the first does.
cursor=""
for _ in $(seq 1 $(( companies / 200 ))); do
  cursor="$(curl -fsS -H "$auth" "$mitra/api/v1/press-companies?limit=100${cursor:+&cursor=$cursor}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["next_cursor"] or "")')"
done

queries=(
  "press-companies?limit=20"
  "press-companies?limit=20&q=ukur%2004"
  "press-companies?limit=20&status=suspended"
  "press-companies?limit=20&media_type=radio"
  "press-companies?limit=20&press_council_status=factually_verified"
  "press-companies?limit=20&status=active&media_type=tv&press_council_status=registered"
  "press-companies?limit=20&cursor=$cursor"
  "outlets?limit=20&media_type=print"
  "outlets?limit=20&q=tolok"
)
printf '\n%-80s %10s %9s %9s %6s\n' "GET /api/v1/..." "req/s" "p50" "p99" "items"
for query in "${queries[@]}"; do
  items="$(curl -fsS -H "$auth" "$mitra/api/v1/$query" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')"
  result="$(wrk -t2 -c"$connections" -d"$seconds"s --latency -H "$auth" "$mitra/api/v1/$query")"
  rps="$(awk '/^Requests\/sec/ { print $2 }' <<<"$result")"
  p50="$(awk '$1 == "50%" { print $2 }' <<<"$result")"
  p99="$(awk '$1 == "99%" { print $2 }' <<<"$result")"
  errors="$(grep -c 'Non-2xx' <<<"$result" || true)"
  [ "$errors" = "0" ] || { echo "perf: $query answered errors" >&2; echo "$result" >&2; exit 1; }
  printf '%-80s %10s %9s %9s %6s\n' "${query:0:80}" "$rps" "$p50" "$p99" "$items"
done
echo
echo "$companies companies, $connections connections, ${seconds}s per query, $(nproc) cores"
