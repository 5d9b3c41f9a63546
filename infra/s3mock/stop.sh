#!/usr/bin/env bash
# Stop the S3Mock started by start.sh (found through its pid file): SIGTERM, up to $S3MOCK_STOP_TIMEOUT s, then
# SIGKILL. Exits 0 if it is not running.
set -euo pipefail

# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

infra_stop_pid s3mock "$S3MOCK_PID_FILE" "$S3MOCK_STOP_TIMEOUT" s3mock_pid_is_ours
rm -f "$S3MOCK_ENDPOINT_FILE"
