# syntax=docker/dockerfile:1
#
# Gánh: one static binary on a distroless base (no shell, no package manager,
# runs as uid 65532 "nonroot"). Build: docker build -t ganh . ; the full stack
# with PostgreSQL, Meilisearch and MinIO is docker-compose.yml.

# ---- build ---------------------------------------------------------------
FROM golang:1.26-bookworm AS build
WORKDIR /src
# Use the image's Go; never download another toolchain during the build.
ENV GOTOOLCHAIN=local

# Modules first, so editing code does not refetch them.
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download

COPY . .
# CGO off: a fully static binary for the static distroless image (the SQLite
# driver of the embedded mode is pure Go).
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o /out/ganh ./cmd/ganh

# The data dir must exist in the image and belong to nonroot: a named volume
# mounted on /data starts as a copy of it, owner included, so the app can
# write there (distroless has no shell to mkdir/chown at start).
RUN mkdir -p /out/data && chown 65532:65532 /out/data

# ---- run -----------------------------------------------------------------
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/ganh /ganh
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532

ENV GANH_ADDR=:8080 \
    GANH_DATA_DIR=/data
EXPOSE 8080
VOLUME ["/data"]

# No HEALTHCHECK here: distroless has no curl, so docker-compose.yml checks
# with `/ganh healthcheck` (GET http://127.0.0.1:8080/healthz, exit 0 or 1).
ENTRYPOINT ["/ganh"]
CMD ["serve"]
