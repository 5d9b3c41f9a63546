#!/usr/bin/env bash
# Start Adobe's S3Mock (com.adobe.testing:s3mock, an S3-compatible server) for the evidence storage tests, without
# Docker, from jars resolved once from Maven Central, with one bucket created at start. Prints the endpoint
# (http://127.0.0.1:PORT) on its last line and writes it to $S3MOCK_DATA_DIR/endpoint.
#
# Usage: infra/s3mock/start.sh
#
# Environment: see lib.sh (S3MOCK_PORT, S3MOCK_BUCKET, S3MOCK_DATA_DIR, ...). S3Mock has no setting for the address
# of its plain-HTTP connector: it listens on all addresses (HTTPS is bound to 127.0.0.1). It holds test data only.
set -euo pipefail

# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

t0="$(now_ms)"
mkdir -p "$S3MOCK_DATA_DIR"
exec {lock_fd}>"$S3MOCK_DATA_DIR/start.lock"
flock -w $((S3MOCK_START_TIMEOUT + 60)) "$lock_fd" || s3mock_die "another start.sh for $S3MOCK_DATA_DIR holds its lock"

if pid="$(s3mock_running_pid)"; then
  endpoint="$(cat "$S3MOCK_ENDPOINT_FILE" 2>/dev/null || true)"
  if [[ -n "$endpoint" ]] && s3mock_bucket_answers "$endpoint"; then
    s3mock_log "already running (pid $pid): $endpoint, bucket $S3MOCK_BUCKET"
    printf '%s\n' "$endpoint"
    exit 0
  fi
  s3mock_log "pid $pid does not answer: restarting it"
  "$S3MOCK_INFRA_DIR/stop.sh"
fi
rm -f "$S3MOCK_PID_FILE" "$S3MOCK_ENDPOINT_FILE"

port="${S3MOCK_PORT:-$(infra_free_port)}" || s3mock_die "no free port found"
https_port="${S3MOCK_HTTPS_PORT:-$(infra_free_port)}" || s3mock_die "no free port found"
for p in "$port" "$https_port"; do
  [[ "$p" =~ ^[0-9]+$ ]] && ((p >= 1 && p <= 65535)) || s3mock_die "invalid port: $p"
  infra_port_open "$p" && s3mock_die "127.0.0.1:$p is in use; set S3MOCK_PORT / S3MOCK_HTTPS_PORT"
done
[[ "$port" != "$https_port" ]] || s3mock_die "S3MOCK_PORT and S3MOCK_HTTPS_PORT must differ"

infra_mvn_resolve s3mock "$S3MOCK_POM" "$S3MOCK_LIBS_DIR"

# A fresh store on every start: tests count objects, so nothing from an earlier run may linger.
rm -rf "$S3MOCK_STORE_DIR"
# shellcheck disable=SC2206 # word-splitting the heap flags is intended
cmd=(
  java $S3MOCK_HEAP -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true
  "-Diso27001.s3mock.data=$S3MOCK_DATA_DIR"
  -cp "$S3MOCK_LIBS_DIR/*" com.adobe.testing.s3mock.S3MockApplication
  --server.address=127.0.0.1
  --server.port="$https_port"
  --com.adobe.testing.s3mock.http-port="$port"
  --com.adobe.testing.s3mock.domain.initial-buckets="$S3MOCK_BUCKET"
  --com.adobe.testing.s3mock.domain.root="$S3MOCK_STORE_DIR"
  --com.adobe.testing.s3mock.domain.retain-files-on-exit=false
  --spring.main.banner-mode=off
)
log_offset="$(stat -c %s "$S3MOCK_OUT_FILE" 2>/dev/null || echo 0)"
infra_start_background s3mock "$S3MOCK_PID_FILE" "$S3MOCK_OUT_FILE" "${cmd[@]}"
pid="$INFRA_STARTED_PID"
endpoint="http://127.0.0.1:$port"
s3mock_log "starting S3Mock $S3MOCK_VERSION on $endpoint (pid $pid, log $S3MOCK_OUT_FILE)"
set +e
infra_wait_ready "$pid" "$S3MOCK_START_TIMEOUT" s3mock_bucket_answers "$endpoint"
ready=$?
set -e
if ((ready != 0)); then
  printf 's3mock: ERROR: S3Mock (pid %s) %s\n' "$pid" "$([[ $ready == 1 ]] && echo "exited during startup" || echo "did not answer within ${S3MOCK_START_TIMEOUT}s")" >&2
  tail -c "+$((log_offset + 1))" "$S3MOCK_OUT_FILE" | tail -n 40 >&2
  "$S3MOCK_INFRA_DIR/stop.sh" >&2 || true
  exit 1
fi
printf '%s\n' "$endpoint" >"$S3MOCK_ENDPOINT_FILE"
s3mock_log "ready after $(infra_elapsed "$t0"): $endpoint, bucket $S3MOCK_BUCKET"
printf '%s\n' "$endpoint"
