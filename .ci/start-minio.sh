#!/usr/bin/env bash
# Starts a throwaway MinIO server on loopback for the media contract tests and
# prints the environment that points the tests at it:
#
#   eval "$(bash .ci/start-minio.sh)"
#
# Only `export …` lines go to stdout; progress goes to stderr and the server's
# own output to a log file. The server keeps running after this script exits;
# stop it with `kill "$GANH_TEST_S3_PID"` (its data dir is GANH_TEST_S3_DATA).
set -euo pipefail

MINIO_VERSION="v0.0.0-20260212201848-7aac2a2c5b7c"
say() { echo "start-minio: $*" >&2; }

find_minio() {
	local gopath candidate
	gopath="$(go env GOPATH 2>/dev/null || true)"
	for candidate in "${MINIO_BIN:-}" /root/go/bin/minio "${gopath:+$gopath/bin/minio}"; do
		if [[ -n "$candidate" && -x "$candidate" ]]; then
			echo "$candidate"
			return 0
		fi
	done
	return 1
}

if ! bin="$(find_minio)"; then
	say "no minio binary found; building github.com/minio/minio@$MINIO_VERSION (takes a few minutes)"
	build_log="$(mktemp -t ganh-minio-build.XXXXXX.log)"
	if ! go install "github.com/minio/minio@$MINIO_VERSION" >"$build_log" 2>&1; then
		say "go install failed; last lines of $build_log:"
		tail -n 30 "$build_log" >&2
		exit 1
	fi
	bin="$(find_minio)" || { say "go install succeeded but no minio binary found"; exit 1; }
fi

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
	local p
	for ((p = $1; p < $1 + 200; p++)); do
		if port_free "$p"; then
			echo "$p"
			return 0
		fi
	done
	say "no free port from $1"
	return 1
}

port="$(free_port "${GANH_MINIO_PORT:-19000}")"
console_port="$(free_port $((port + 1)))"
data_dir="$(mktemp -d -t ganh-minio-data.XXXXXX)"
log_file="${GANH_MINIO_LOG:-$(mktemp -t ganh-minio.XXXXXX.log)}"
user="ganh$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
password="$(od -An -N20 -tx1 /dev/urandom | tr -d ' \n')"

say "starting $bin on 127.0.0.1:$port (console 127.0.0.1:$console_port), data $data_dir, log $log_file"
MINIO_ROOT_USER="$user" MINIO_ROOT_PASSWORD="$password" MINIO_UPDATE=off \
	setsid "$bin" server --quiet --address "127.0.0.1:$port" \
	--console-address "127.0.0.1:$console_port" "$data_dir" \
	</dev/null >"$log_file" 2>&1 &
pid=$!

fail() {
	say "$1; last lines of $log_file:"
	tail -n 30 "$log_file" >&2
	kill "$pid" 2>/dev/null || true
	rm -rf "$data_dir"
	exit 1
}

deadline=$((SECONDS + ${GANH_MINIO_TIMEOUT:-60}))
until curl -sf -o /dev/null "http://127.0.0.1:$port/minio/health/live"; do
	kill -0 "$pid" 2>/dev/null || fail "minio exited before it was ready"
	((SECONDS < deadline)) || fail "minio not live after ${GANH_MINIO_TIMEOUT:-60}s"
	sleep 0.5
done
say "minio is live (pid $pid)"

echo "export GANH_TEST_S3_ENDPOINT=127.0.0.1:$port GANH_TEST_S3_ACCESS_KEY=$user GANH_TEST_S3_SECRET_KEY=$password"
echo "export GANH_TEST_S3_PID=$pid GANH_TEST_S3_DATA=$data_dir GANH_TEST_S3_LOG=$log_file"
