# shellcheck shell=bash
# shellcheck disable=SC2034 # variables are used by the scripts that source this file
# Settings of the local S3Mock (an S3-compatible server for the evidence storage tests). Source it, don't run it.
#
# Environment (all optional):
#   S3MOCK_PORT           HTTP port (S3 API)                              [a free port, chosen at start]
#   S3MOCK_HTTPS_PORT     HTTPS port, bound to 127.0.0.1                  [a free port, chosen at start]
#   S3MOCK_BUCKET         bucket created at start                        [evidence-test]
#   S3MOCK_DATA_DIR       pid file, log, endpoint file, object store; relative to the repo root
#                                                                         [.data/s3mock]
#   S3MOCK_CACHE          where the resolved jars are cached              [.data/s3mock/cache]
#   S3MOCK_HEAP           JVM heap flags                                  [-Xms64m -Xmx256m]
#   S3MOCK_START_TIMEOUT  seconds start.sh waits for the bucket           [60]
#   S3MOCK_STOP_TIMEOUT   seconds stop.sh waits before SIGKILL            [20]

# shellcheck source=SCRIPTDIR/../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

S3MOCK_INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
S3MOCK_POM="$S3MOCK_INFRA_DIR/pom.xml"
S3MOCK_VERSION="$(sed -n 's:.*<s3mock.version>\(.*\)</s3mock.version>.*:\1:p' "$S3MOCK_POM" | head -n 1)"
S3MOCK_POM_HASH="$(sha256sum "$S3MOCK_POM" | cut -c1-12)"

S3MOCK_BUCKET="${S3MOCK_BUCKET:-evidence-test}"
S3MOCK_HEAP="${S3MOCK_HEAP:--Xms64m -Xmx256m}"
S3MOCK_START_TIMEOUT="${S3MOCK_START_TIMEOUT:-60}"
S3MOCK_STOP_TIMEOUT="${S3MOCK_STOP_TIMEOUT:-20}"
S3MOCK_DATA_DIR="$(infra_abs "${S3MOCK_DATA_DIR:-.data/s3mock}")"
S3MOCK_CACHE="$(infra_abs "${S3MOCK_CACHE:-.data/s3mock/cache}")"
S3MOCK_LIBS_DIR="$S3MOCK_CACHE/s3mock-$S3MOCK_VERSION-$S3MOCK_POM_HASH/libs"
S3MOCK_PID_FILE="$S3MOCK_DATA_DIR/s3mock.pid"
S3MOCK_OUT_FILE="$S3MOCK_DATA_DIR/s3mock.out"
S3MOCK_STORE_DIR="$S3MOCK_DATA_DIR/store"
# The running server's endpoint (http://127.0.0.1:PORT), written once it answers; what tests read.
S3MOCK_ENDPOINT_FILE="$S3MOCK_DATA_DIR/endpoint"

s3mock_log() { infra_log s3mock "$@"; }
s3mock_die() { infra_die s3mock "$@"; }

# True if the pid is alive and is the S3Mock of *this* data dir.
s3mock_pid_is_ours() {
  infra_pid_cmdline_has "$1" "com.adobe.testing.s3mock.S3MockApplication" "-Diso27001.s3mock.data=$S3MOCK_DATA_DIR "
}

s3mock_running_pid() {
  local pid
  [[ -f "$S3MOCK_PID_FILE" ]] || return 1
  pid="$(tr -dc '0-9' <"$S3MOCK_PID_FILE")"
  s3mock_pid_is_ours "$pid" || return 1
  printf '%s\n' "$pid"
}

# Ready = the initial bucket answers a HEAD over the S3 API.
s3mock_bucket_answers() {
  curl -fsS -o /dev/null --max-time 3 -I "$1/$S3MOCK_BUCKET" 2>/dev/null
}
