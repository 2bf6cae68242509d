# The web app and the server in one image.

FROM node:20-bookworm-slim AS web
WORKDIR /src
COPY openapi ./openapi
COPY frontend/package.json frontend/package-lock.json ./frontend/
RUN cd frontend && npm ci --no-audit --no-fund
COPY frontend ./frontend
RUN cd frontend && npm run build

FROM rust:1-bookworm AS server
WORKDIR /src
COPY Cargo.toml Cargo.lock clippy.toml rustfmt.toml ./
COPY crates ./crates
# The policy presets are compiled in; the benchmark crate is a workspace member.
COPY presets ./presets
COPY tests/perf/baseline ./tests/perf/baseline
RUN cargo build --release --locked -p mitra

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /var/lib/mitra --create-home mitra \
    && install -d -o mitra /var/lib/mitra/files
COPY --from=server /src/target/release/mitra /usr/local/bin/mitra
COPY --from=web /src/frontend/dist /usr/share/mitra/web
USER mitra
WORKDIR /var/lib/mitra
ENV MITRA_BIND=0.0.0.0:8080 \
    MITRA_DATA_DIR=/var/lib/mitra \
    MITRA_SPA_DIR=/usr/share/mitra/web
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s CMD ["/bin/sh", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080"]
CMD ["mitra", "serve"]
