# The two commands of the README: `make run` builds and starts everything on the embedded
# database with demo data; `make test` runs every suite. See scripts/ for what each does.

.PHONY: run test check openapi frontend bench bench-orders bench-reports

run:
	./scripts/run.sh

test:
	./scripts/test.sh

# The edit loop: formatting, lints, Rust tests on SQLite, web app type-check and unit tests.
check:
	./scripts/test.sh --quick

# Throughput of an authenticated list against a minimal handler running the same query (PostgreSQL).
bench:
	./tests/perf/run.sh

# Orders issued at 64 connections against a minimal handler inserting one row (PostgreSQL).
bench-orders:
	./tests/perf/orders.sh

# Each report endpoint against the SQL it runs, at volume (50 organisations, 1M orders), then
# after the other organisations grow tenfold (PostgreSQL).
bench-reports:
	./tests/perf/reports.sh

# Regenerate the committed OpenAPI document and the web app's types from the code.
openapi:
	cargo run -q -p mitra -- openapi --output openapi/openapi.json
	cd frontend && npm run gen:api

frontend:
	cd frontend && npm ci && npm run build
