#!/usr/bin/env bash
# What a report endpoint costs beyond the SQL it runs, at volume, on PostgreSQL: organisations
# made like the demo with their orders (and proofs, invoices, payments) copied up to
# MITRA_PERF_ORDERS in all (`mitra volume seed`); for each report, the median time of the
# endpoint (token check, access rule, checkpoint, streaming JSON to the client) against the
# median time of its own statement run by psql (`mitra volume sql`), both fetching every row.
# Then every other organisation's data grows MITRA_PERF_GROWTH-fold (`mitra volume grow`) and
# the first organisation's reports are timed again. Targets: endpoint <= 1.25x its SQL; after
# the growth <= 1.5x before (and, beside it, the endpoint against its SQL again).
#
#   MITRA_PERF_DATABASE_URL    a PostgreSQL maintenance database (default postgres://postgres@127.0.0.1:5432/postgres)
#   MITRA_PERF_ORGANISATIONS   organisations (default 50)
#   MITRA_PERF_ORDERS          orders in all (default 1000000)
#   MITRA_PERF_GROWTH          factor the other organisations grow by (default 10; 0 skips)
#   MITRA_PERF_ROUNDS          timed runs of each (default 15)
set -euo pipefail
cd "$(dirname "$0")/../.."

admin_url="${MITRA_PERF_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
organisations="${MITRA_PERF_ORGANISATIONS:-50}"
orders="${MITRA_PERF_ORDERS:-1000000}"
growth="${MITRA_PERF_GROWTH:-10}"
rounds="${MITRA_PERF_ROUNDS:-15}"

# shellcheck source=tests/perf/common.sh
source tests/perf/common.sh

# Started as in production: PostgreSQL, real keys, info logging to a file.
export DATABASE_URL="$url" MITRA_PRODUCTION=true MITRA_DATA_DIR="$work/data" MITRA_SPA_DIR="$work/no-spa" RUST_LOG=info
export MITRA_JWT_KEYS="perf:$(head -c 48 /dev/urandom | base64 -w0)"
export MITRA_AUDIT_SIGNING_KEY="$(head -c 32 /dev/urandom | base64 -w0)"
export MITRA_PERSONAL_DATA_KEY="$(head -c 48 /dev/urandom | base64 -w0)"
"$bin/mitra" migrate >/dev/null
echo "seeding $organisations organisations, $orders orders..."
started=$SECONDS
"$bin/mitra" volume seed --organisations "$organisations" --orders "$orders" >"$work/seed.log"
echo "seeded in $((SECONDS - started)) s: $(psql "$url" -Atc 'SELECT COUNT(*) FROM orders') orders, $(psql "$url" -Atc 'SELECT COUNT(*) FROM payments') payments"
psql "$url" -qc 'VACUUM ANALYZE' >/dev/null
slug=volume-01
password="$(grep -oP "^$slug: .*auditor login: $slug\.auditor / \K\S+" "$work/seed.log")"
year="$(date +%Y)"

"$bin/mitra" serve --bind 127.0.0.1:0 >"$work/mitra.out" 2>"$work/mitra.log" &
pids+=($!)
for _ in $(seq 1 100); do mitra="$(grep -oP 'Mitra listening on \K\S+' "$work/mitra.out")" && break; sleep 0.1; done
[ -n "${mitra:-}" ] || { cat "$work/mitra.log" >&2; exit 1; }
# Signs the auditor in; again after the growth, which outlasts an access token.
sign_in() {
  token="$(curl -fsS -H 'content-type: application/json' \
    -d "{\"username\":\"$slug.auditor\",\"password\":\"$password\",\"refresh_token_delivery\":\"body\"}" \
    "$mitra/api/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')"
}
sign_in

# Each report: its query string, and the arguments of `mitra volume sql` for the same report.
reports=(
  "realisation?by=outlet|--report realisation --by outlet"
  "realisation?by=company|--report realisation --by company"
  "realisation?by=month|--report realisation --by month"
  "realisation?by=budget_line|--report realisation --by budget_line"
  "realisation?by=unit|--report realisation --by unit"
  "agreements?|--report agreements"
  "orders-by-state?|--report orders-by-state"
  "owed?|--report owed"
  "fairness?by=outlet|--report fairness --by outlet"
  "fairness?by=tier|--report fairness --by tier"
  "disclosure?|--report disclosure"
)

# Median seconds of the endpoint, whole body read: one warm-up and `rounds` timed requests on
# one kept-alive connection, as psql times its statements on one open connection.
endpoint() {
  local address="$mitra/api/v1/reports/$1&fiscal_year=$year" addresses=()
  for _ in $(seq 0 "$rounds"); do addresses+=(-o /dev/null "$address"); done
  curl -fsS -H "Authorization: Bearer $token" -w '%{time_total}\n' "${addresses[@]}" |
    tail -n "$rounds" | sort -n | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'
}

# Median seconds of the statement in psql, every row fetched by the client.
statement() {
  local sql
  # shellcheck disable=SC2086
  sql="$("$bin/mitra" volume sql --organisation "$slug" --fiscal-year "$year" $1 2>/dev/null)"
  {
    echo '\timing on'
    echo '\o /dev/null'
    for _ in $(seq 0 "$rounds"); do echo "$sql;"; done
  } | psql "$url" -qAt | grep -oP '^Time: \K[0-9.]+' | tail -n "$rounds" |
    sort -n | awk '{ t[NR] = $1 } END { printf "%.6f\n", t[int((NR + 1) / 2)] / 1000 }'
}

declare -A before
measure_all() {
  printf '%-30s %12s %12s %8s\n' report "sql ms" "endpoint ms" ratio
  for entry in "${reports[@]}"; do
    local query="${entry%%|*}" args="${entry#*|}" sql_s endpoint_s
    sql_s="$(statement "$args")"
    endpoint_s="$(endpoint "$query")"
    before[$query]="${before[$query]:-$endpoint_s}"
    python3 -c "print(f'{\"$query\":<30} {$sql_s * 1000:12.2f} {$endpoint_s * 1000:12.2f} {$endpoint_s / $sql_s:8.2f}')"
  done
}

echo
echo "$slug's reports for $year ($(psql "$url" -Atc "SELECT COUNT(*) FROM orders o JOIN organisations g ON g.id = o.organisation_id WHERE g.slug = '$slug'") of its orders), median of $rounds, $(nproc) cores"
measure_all

if [ "$growth" -gt 0 ]; then
  echo
  echo "growing every other organisation's orders ${growth}-fold..."
  started=$SECONDS
  "$bin/mitra" volume grow --factor "$growth" --except "$slug" >/dev/null
  psql "$url" -qc 'VACUUM ANALYZE' >/dev/null
  echo "grown in $((SECONDS - started)) s: $(psql "$url" -Atc 'SELECT COUNT(*) FROM orders') orders in all"
  sign_in
  printf '%-30s %12s %12s %8s %12s %8s\n' report "before ms" "after ms" ratio "sql ms" "vs sql"
  for entry in "${reports[@]}"; do
    query="${entry%%|*}" args="${entry#*|}"
    sql_s="$(statement "$args")"
    after="$(endpoint "$query")"
    python3 -c "print(f'{\"$query\":<30} {${before[$query]} * 1000:12.2f} {$after * 1000:12.2f} {$after / ${before[$query]}:8.2f} {$sql_s * 1000:12.2f} {$after / $sql_s:8.2f}')"
  done
fi
errors="$(grep -cE '" 5[0-9]{2} ' "$work/mitra.log" || true)"
[ "$errors" = 0 ] || { echo "perf: Mitra answered $errors server errors" >&2; exit 1; }
