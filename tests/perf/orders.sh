#!/usr/bin/env bash
# What issuing an order costs beyond storing it: the throughput of Mitra's `POST /api/v1/orders`
# (token and caller check, Idempotency-Key claimed and answered in the order's own write,
# eligibility, the line's quota, the agreement's and the budget line's ceilings, the gapless
# official number, the audit chain, one log line; an organisation's simultaneous orders issued
# together, see docs/ARCHITECTURE.md) against a bare actix handler that parses the same request
# body into the same domain value and inserts one row, both on one PostgreSQL database, measured
# with wrk in the same run, rounds interleaved. Every request carries a new Idempotency-Key and one
# of the seeded agreement lines at random. Prints requests/s, the ratio and the answers counted
# (201, 409 refused by a ceiling, anything else), what Mitra's database connections spent the
# first round doing (running, waiting on a row lock, waiting for Mitra), and the CPU time a
# request cost the server, PostgreSQL and wrk in each server's first round, with how idle the
# machine was. Then a refusal phase: every connection races for a small ceiling, which must admit
# exactly what it holds. Last, the database is checked: no line, agreement or budget line past its
# ceiling, order numbers unique and without gaps.
#
# All orders of one organisation meet on its audit chain head and its yearly order number, so
# the default measures one organisation, the hardest case; MITRA_PERF_ORGANISATIONS spreads the
# requests over several, each with its own officer, token and agreements.
#
# Both servers reach PostgreSQL through its socket when it has one here, as a server on the
# database's host should: the database driver does not set TCP_NODELAY, and over TCP a statement
# longer than one packet (the orders a group issues together, their events) waits for the
# server's delayed acknowledgement, up to 40 ms on Linux.
#
#   MITRA_PERF_DATABASE_URL    a PostgreSQL maintenance database (default: the socket in
#                              /var/run/postgresql if there is one, else postgres://postgres@127.0.0.1:5432/postgres)
#   MITRA_PERF_AGREEMENTS      active agreements per organisation, one budget line per 8 (default 64)
#   MITRA_PERF_ORGANISATIONS   organisations the requests are spread over (default 1)
#   MITRA_PERF_SECONDS         length of each measured run (default 10)
#   MITRA_PERF_CONNECTIONS     concurrent connections (default 64)
#   MITRA_PERF_ROUNDS          measured runs per server (default 3)
#   MITRA_DATABASE_CONNECTIONS Mitra's pool, as in production (passed through; default 16)
#   MITRA_PERF_AGAINST         another build's `mitra` binary to measure against instead of the
#                              bare handler: both issue orders on the one seeded database, rounds
#                              interleaved, so a change is judged by its own ratio (a 5 % change
#                              hides in the spread of two rounds against the baseline)
set -euo pipefail
cd "$(dirname "$0")/../.."

default_url="postgres://postgres@127.0.0.1:5432/postgres"
[ -S /var/run/postgresql/.s.PGSQL.5432 ] && default_url="postgres://postgres@%2Fvar%2Frun%2Fpostgresql/postgres"
admin_url="${MITRA_PERF_DATABASE_URL:-$default_url}"
agreements="${MITRA_PERF_AGREEMENTS:-64}"
against="${MITRA_PERF_AGAINST:-}"
organisations="${MITRA_PERF_ORGANISATIONS:-1}"
seconds="${MITRA_PERF_SECONDS:-10}"
connections="${MITRA_PERF_CONNECTIONS:-64}"
rounds="${MITRA_PERF_ROUNDS:-3}"

if [ "$agreements" -lt 1 ] || [ "$organisations" -lt 1 ]; then
  echo "perf: MITRA_PERF_AGREEMENTS and MITRA_PERF_ORGANISATIONS are at least 1" >&2
  exit 1
fi

# shellcheck source=tests/perf/common.sh
source tests/perf/common.sh

personal_data_key="$(head -c 48 /dev/urandom | base64 -w0)"
echo "seeding $organisations organisation(s) with $agreements active agreements each..."
started=$(date +%s)
for org in $(seq 1 "$organisations"); do
  MITRA_PERSONAL_DATA_KEY="$personal_data_key" \
    "$bin/mitra-perf-baseline" seed-orders "$url" "perf$org" "$agreements" >"$work/seed-$org.log"
done
echo "  seeded in $(( $(date +%s) - started ))s"
psql "$url" -qc "ANALYZE" >/dev/null

# Started as in production: PostgreSQL, real keys, info logging (one line per request) to a file;
# access tokens last the longest allowed (60 minutes) so that a long run never sees one expire.
# The other build (MITRA_PERF_AGAINST) shares the token keys, so one login serves both.
jwt_keys="perf:$(head -c 48 /dev/urandom | base64 -w0)"
serve_mitra() {
  DATABASE_URL="$url" MITRA_PRODUCTION=true MITRA_JWT_KEYS="$jwt_keys" \
    MITRA_AUDIT_SIGNING_KEY="$(head -c 32 /dev/urandom | base64 -w0)" \
    MITRA_PERSONAL_DATA_KEY="$personal_data_key" MITRA_ACCESS_TOKEN_MINUTES=60 \
    MITRA_DATA_DIR="$work/data-$2" MITRA_SPA_DIR="$work/no-spa" RUST_LOG=info \
    "$1" serve --bind 127.0.0.1:0 >"$work/$2.out" 2>"$work/$2.log" &
}
serve_mitra "$bin/mitra" mitra
mitra_pid=$!
pids+=("$mitra_pid")
if [ -n "$against" ]; then
  serve_mitra "$against" baseline
  label="other build"
  baseline_path=/api/v1/orders
else
  "$bin/mitra-perf-baseline" serve-insert "$url" 127.0.0.1:0 >"$work/baseline.out" 2>&1 &
  label=baseline
  baseline_path=/orders
fi
baseline_pid=$!
pids+=("$baseline_pid")
listening() { for _ in $(seq 1 100); do grep -soP "$2 listening on \K\S+" "$1" && return; sleep 0.1; done; return 1; }
mitra="$(listening "$work/mitra.out" Mitra)" || { cat "$work/mitra.log" >&2; exit 1; }
baseline="$(listening "$work/baseline.out" "$([ -n "$against" ] && echo Mitra || echo baseline)")" \
  || { cat "$work/baseline.out" "$work/baseline.log" >&2 2>/dev/null; exit 1; }

# The wrk script: each organisation's officer token and agreement lines, the publication window,
# then the request, the counting of answers and their summary.
today="$(TZ=Asia/Jakarta date +%F)"
{
  echo "due_from, due_until = \"$today\", \"${today:0:4}-12-31\""
  echo "orgs = {"
  for org in $(seq 1 "$organisations"); do
    password="$(grep -oP "officer login: perf$org\.officer / \K\S+" "$work/seed-$org.log")"
    token="$(curl -fsS -H 'content-type: application/json' \
      -d "{\"username\":\"perf$org.officer\",\"password\":\"$password\",\"refresh_token_delivery\":\"body\"}" \
      "$mitra/api/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')"
    echo "  { token = \"$token\", lines = {"
    grep -oP '^agreement line: \K\S+' "$work/seed-$org.log" | sed 's/.*/    "&",/'
    echo "  } },"
  done
  echo "}"
  cat <<'EOF'
-- wrk ... -s this.lua URL -- PATH NONCE [LINE]: POST PATH with a new Idempotency-Key per request
-- (the run's nonce, the thread, a counter and a random number) for one unit under a random line of
-- a random organisation, or always under LINE with the first organisation's token.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  path, nonce, only_line = args[1], args[2], args[3]
  sent, created, refused, other = 0, 0, 0, 0
  math.randomseed(os.time() * 100 + id)
end

function request()
  sent = sent + 1
  local org = only_line and orgs[1] or orgs[math.random(#orgs)]
  local line = only_line or org.lines[math.random(#org.lines)]
  local body = string.format(
    '{"agreement_line_id":"%s","quantity":1,"subject":"Rilis kegiatan pemerintah daerah %d",' ..
    '"instructions":"Tayang di halaman utama","due_from":"%s","due_until":"%s"}',
    line, sent, due_from, due_until)
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. org.token,
    ["Idempotency-Key"] = string.format("%s-%d-%d-%d", nonce, id, sent, math.random(0, 999999999)),
  }, body)
end

-- 409 counts only as a ceiling's refusal (line_quota_, agreement_ceiling_, budget_exceeded).
function response(status, headers, body)
  if status == 201 then
    created = created + 1
  elseif status == 409 and string.find(body, '_exceeded"', 1, true) then
    refused = refused + 1
  else
    other = other + 1
    if other <= 3 then io.stderr:write("answer ", status, ": ", body, "\n") end
  end
end

function done(summary, latency, requests)
  local c, r, o = 0, 0, 0
  for _, thread in ipairs(threads) do
    c, r, o = c + thread:get("created"), r + thread:get("refused"), o + thread:get("other")
  end
  io.write(string.format("answers: %d %d %d\n", c, r, o))
end
EOF
} >"$work/orders.lua"

# One wrk run of SECONDS against a server; sets `rps` and the answers counted: `created` (201),
# `refused` (409 from a ceiling) and `other`. Any socket error (a request left unanswered) fails.
run_wrk() {
  local run_seconds="$1" target="$2" path="$3"
  shift 3
  local answers
  if ! wrk -t2 -c"$connections" -d"$run_seconds"s --timeout 10s -s "$work/orders.lua" "$target" \
    -- "$path" "$(cat /proc/sys/kernel/random/uuid)" "$@" >"$work/wrk.out" 2>>"$work/answers.err" \
    || ! answers="$(grep -oP '^answers: \K.*' "$work/wrk.out")"; then
    echo "perf: wrk failed against $target:" >&2
    cat "$work/wrk.out" "$work/answers.err" >&2
    exit 1
  fi
  if grep -q 'Socket errors' "$work/wrk.out"; then
    echo "perf: $target left requests unanswered:" >&2
    cat "$work/wrk.out" >&2
    exit 1
  fi
  rps="$(awk '/^Requests\/sec/ { print $2 }' "$work/wrk.out")"
  read -r created refused other <<<"$answers"
}
mitra_created=0
mitra_other=0
baseline_other=0
on_mitra() {
  run_wrk "$1" "$mitra" /api/v1/orders "${@:2}"
  mitra_created=$(( mitra_created + created ))
  mitra_other=$(( mitra_other + other ))
}
on_baseline() {
  run_wrk "$1" "$baseline" "$baseline_path"
  # The bare handler answers every request 201; the other build may refuse at a ceiling too.
  baseline_other=$(( baseline_other + other ))
  [ -n "$against" ] || baseline_other=$(( baseline_other + refused ))
}

echo "warming up..."
on_baseline 3
on_mitra 3
# Statistics of tables that now hold rows: planned on the empty tables of the seed, the key and
# order lookups would scan every row, a cost that grows with the run and no database in use has.
psql "$url" -qc "ANALYZE" >/dev/null

echo
echo "POST order, $organisations organisation(s) x $agreements agreements, $connections connections," \
  "${seconds}s per run, $(nproc) cores, PostgreSQL through $([[ $admin_url == *%2F* ]] && echo its socket || echo TCP)"
printf '%-6s %18s %16s %8s %10s %10s\n' round "$label req/s" "mitra req/s" ratio "mitra 201" "mitra 409"
baseline_runs=()
mitra_runs=()
measured=0
# What Mitra's database connections are doing, sampled twice a second during its first round:
# a connection inside a transaction is running a statement, waiting on a row lock that another
# order holds until its commit, or waiting for Mitra's next statement. Idle connections (the
# baseline's, and Mitra's between transactions) are not counted.
sample_connections() {
  for _ in $(seq 1 $(( seconds * 2 ))); do
    psql "$url" -At -c "SELECT CASE WHEN state = 'idle in transaction' THEN 'next' WHEN wait_event_type = 'Lock'
      THEN 'lock' WHEN wait_event_type IS NULL THEN 'cpu' ELSE 'other' END FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'"
    sleep 0.5
  done >"$work/connections.txt"
}
# The CPU time the machine and two parties (the server measured, PostgreSQL) have used so far, in
# clock ticks: taken around each server's first round, it says what a request costs. The rest of
# the machine's busy time is mostly wrk, which ends before the second snapshot.
cpu_ticks() {
  python3 - "$1" <<'EOF'
import os, sys
def ticks(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])
parties = {"server": 0, "postgres": 0}
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        name = open(f"/proc/{pid}/comm").read().strip()
        party = "server" if pid == sys.argv[1] else name if name in parties else None
        if party:
            parties[party] += ticks(pid)
    except (OSError, IndexError, ValueError):
        pass
with open("/proc/stat") as stat:
    machine = [int(value) for value in stat.readline().split()[1:]]
print(sum(machine), machine[3] + machine[4], parties["server"], parties["postgres"])
EOF
}
# What one run between two cpu_ticks snapshots cost per request, party by party.
cpu_cost() {
  python3 - "$1" "$2" "$3" "$(getconf CLK_TCK)" <<'EOF'
import sys
before, after = (list(map(int, snapshot.split())) for snapshot in sys.argv[1:3])
requests, hz = float(sys.argv[3]), int(sys.argv[4])
total, idle, server, postgres = (a - b for a, b in zip(after, before))
rest = total - idle - server - postgres
ms = lambda ticks: ticks * 1000 / hz / requests
print(f"{ms(server):.3f} server + {ms(postgres):.3f} PostgreSQL + {ms(rest):.3f} wrk and the rest"
      f" = {ms(total - idle):.3f} ms CPU per request; the machine {100 * idle / total:.0f}% idle")
EOF
}
for round in $(seq 1 "$rounds"); do
  [ "$round" = 1 ] && cpu_before="$(cpu_ticks "$baseline_pid")"
  on_baseline "$seconds"
  b="$rps"
  if [ "$round" = 1 ]; then
    baseline_cpu="$(cpu_cost "$cpu_before" "$(cpu_ticks "$baseline_pid")" "$(( ${rps%.*} * seconds ))")"
    sample_connections &
    sampler=$!
    cpu_before="$(cpu_ticks "$mitra_pid")"
  fi
  on_mitra "$seconds"
  m="$rps"
  [ "$round" = 1 ] && mitra_cpu="$(cpu_cost "$cpu_before" "$(cpu_ticks "$mitra_pid")" "$(( ${rps%.*} * seconds ))")"
  baseline_runs+=("$b")
  mitra_runs+=("$m")
  measured=$(( measured + created ))
  printf '%-6s %18s %16s %8s %10s %10s\n' "$round" "$b" "$m" "$(python3 -c "print(f'{$m / $b:.2f}')")" \
    "$created" "$refused"
done
python3 - "${baseline_runs[*]}" "${mitra_runs[*]}" "$organisations" "$label" <<'EOF'
import statistics, sys
baseline = statistics.median(map(float, sys.argv[1].split()))
mitra = statistics.median(map(float, sys.argv[2].split()))
print(f"median {baseline:18.0f} {mitra:16.0f} {mitra / baseline:8.2f}")
print(f"\nmitra / {sys.argv[4]} = {mitra / baseline:.2f}x ({sys.argv[3]} organisation(s))")
EOF
echo "orders issued by Mitra in the measured runs: $measured"
wait "$sampler"
python3 - "$work/connections.txt" "$(( seconds * 2 ))" <<'EOF'
import collections, sys
counts = collections.Counter(open(sys.argv[1]).read().split())
samples = int(sys.argv[2])
share = lambda what: counts[what] / samples
print(f"Mitra's database connections inside a transaction, on average over its first round: "
      f"{sum(counts.values()) / samples:.1f}; of these {share('lock'):.1f} wait on a row lock held to another "
      f"order's commit, {share('next'):.1f} wait for Mitra's next statement, {share('cpu'):.1f} run a "
      f"statement, {share('other'):.1f} wait on the disk or an internal lock")
EOF
echo "CPU over the first round: $label $baseline_cpu"
echo "                          Mitra    $mitra_cpu"

# Every connection races for the tight agreement's last room: exactly what it holds is issued.
read -r tight holds <<<"$(grep -oP '^tight agreement line: \K\S+ holds \d+' "$work/seed-1.log" | sed 's/ holds / /')"
issued=0
denied=0
for _ in 1 2 3; do
  on_mitra 3 "$tight"
  issued=$(( issued + created ))
  denied=$(( denied + refused ))
  [ "$denied" -gt 0 ] && break
done
echo "refusal phase: $issued orders issued under a ceiling that holds $holds, $denied refused (409)"

checks="$(psql "$url" -AtF' ' -v ON_ERROR_STOP=1 <<'EOF'
SELECT
  (SELECT count(*) FROM agreement_lines WHERE ordered > quota)
  + (SELECT count(*) FROM agreements WHERE committed + realised > ceiling OR reserved > ceiling)
  + (SELECT count(*) FROM budget_lines WHERE committed + realised > ceiling OR allocated > ceiling),
  (SELECT count(*) - count(DISTINCT (organisation_id, number)) FROM orders),
  (SELECT count(*) FROM number_sequences s WHERE s.document = 'order'
     AND s.last <> (SELECT count(*) FROM orders o WHERE o.organisation_id = s.organisation_id)),
  (SELECT count(*) FROM orders),
  (SELECT count(*) FROM agreements a
     WHERE a.committed <> (SELECT coalesce(sum(o.amount), 0) FROM orders o WHERE o.agreement_id = a.id));
EOF
)"
read -r over twins gaps orders committed <<<"$checks"
echo "orders in the database: $orders (answered 201: $mitra_created; the rest were in flight when wrk stopped)"

failed=0
fail() { echo "perf: $*" >&2; failed=1; }
[ "$mitra_other" = 0 ] || { fail "Mitra answered $mitra_other requests with neither 201 nor a ceiling's 409"; head -c 2000 "$work/answers.err" >&2; }
[ "$baseline_other" = 0 ] || fail "the $label answered $baseline_other requests with something other than 201 (or a ceiling's 409)"
[ "$issued" = "$holds" ] || fail "the tight ceiling holds $holds orders but $issued were issued"
[ "$orders" -ge "$mitra_created" ] || fail "Mitra answered 201 $mitra_created times but $orders orders are stored"
[ "$over" = 0 ] || fail "$over lines, agreements or budget lines passed their ceiling"
[ "$committed" = 0 ] || fail "$committed agreements commit other than the sum of their orders"
[ "$twins" = 0 ] || fail "$twins order numbers were given twice"
[ "$gaps" = 0 ] || fail "an organisation's order numbers have gaps"
errors="$(grep -cE '" 5[0-9]{2} ' "$work/mitra.log" || true)"
[ "$errors" = 0 ] || fail "Mitra answered $errors server errors"
[ "$failed" = 0 ] || exit 1
echo "checks: no ceiling passed, order numbers unique and gapless, no server error"
