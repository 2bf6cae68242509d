# The two commands of the README: `make run` builds and starts everything on the embedded
# database with demo data; `make test` runs every suite. See scripts/ for what each does.

.PHONY: run test openapi frontend

run:
	./scripts/run.sh

test:
	./scripts/test.sh

# Regenerate the committed OpenAPI document and the web app's types from the code.
openapi:
	cargo run -q -p mitra -- openapi --output openapi/openapi.json
	cd frontend && npm run gen:api

frontend:
	cd frontend && npm ci && npm run build
